/* SPDX-License-Identifier: MIT */
/*
 * Language runtimes, where they are cheap to see: python from its
 * usr/(local/)lib/pythonX.Y folder, node from its binary (version from
 * node_version.h when the headers are there), java from $JAVA_HOME/release,
 * Go from usr/local/go/VERSION or the build info of a Go binary.
 */
#include "util/common.h"
#include "analyze/analyze.h"
#include "analyze/view.h"

static void add(struct bi_analysis *a, const char *name, char *version, const char *path)
{
	struct bi_runtime *r;

	a->runtimes = bi_xreallocarray(a->runtimes, a->nruntimes + 1, sizeof(*a->runtimes));
	r = &a->runtimes[a->nruntimes++];
	r->name = bi_xstrdup(name);
	r->version = version;
	r->path = path ? (path[0] == '/' ? bi_xstrdup(path) : bi_xasprintf("/%s", path)) : NULL;
}

static void find_python(struct bi_analysis *a, const struct bi_view *v)
{
	static const char *const prefixes[] = { "usr/local/lib/python", "usr/lib/python" };
	size_t n = v->count(v->ctx);

	for (size_t p = 0; p < BI_ARRAY_SIZE(prefixes); p++) {
		size_t plen = strlen(prefixes[p]);
		for (size_t i = v->lower_bound(v->ctx, prefixes[p]); i < n; i++) {
			const struct bi_fentry *e = v->at(v->ctx, i);
			const char *ver = e->path + plen;
			char buf[BI_MAX_PATH];
			if (strncmp(e->path, prefixes[p], plen) != 0)
				break;
			if (e->type != BI_F_DIR || strchr(ver, '/') ||
			    !isdigit((unsigned char)ver[0]) || !strchr(ver, '.'))
				continue;
			/* a real interpreter: its os.py, or a pythonX.Y binary */
			snprintf(buf, sizeof(buf), "%s/os.py", e->path);
			if (!bi_analyze__exists(v, buf)) {
				snprintf(buf, sizeof(buf), "%.*sbin/python%s",
					 (int)(plen - strlen("lib/python")), e->path, ver);
				if (!bi_analyze__exists(v, buf))
					continue;
			} else {
				snprintf(buf, sizeof(buf), "%.*sbin/python%s",
					 (int)(plen - strlen("lib/python")), e->path, ver);
			}
			add(a, "python", bi_xstrdup(ver), buf);
			return;
		}
	}
}

/* "#define NODE_MAJOR_VERSION 20" */
static bool define_value(struct bi_span text, const char *name, uint64_t *ret)
{
	struct bi_span line;

	while (bi_span_next_line(&text, &line)) {
		line = bi_span_trim(line);
		if (!bi_span_eat_prefix(&line, "#define "))
			continue;
		line = bi_span_trim(line);
		if (!bi_span_eat_prefix(&line, name) || !line.len ||
		    (line.ptr[0] != ' ' && line.ptr[0] != '\t'))
			continue;
		return bi_span_to_u64(bi_span_trim(line), ret);
	}
	return false;
}

static void find_node(struct bi_analysis *a, const struct bi_view *v)
{
	static const char *const bins[] = { "usr/local/bin/node", "usr/bin/node",
					    "usr/bin/nodejs" };
	static const char *const hdrs[] = { "usr/local/include/node/node_version.h",
					    "usr/include/node/node_version.h" };

	for (size_t i = 0; i < BI_ARRAY_SIZE(bins); i++) {
		char *ver = NULL;
		if (!bi_analyze__exists(v, bins[i]))
			continue;
		for (size_t h = 0; h < BI_ARRAY_SIZE(hdrs) && !ver; h++) {
			const struct bi_fentry *e = bi_analyze__exists(v, hdrs[h]);
			uint64_t ma, mi, pa;
			if (e && e->content.ptr &&
			    define_value(e->content, "NODE_MAJOR_VERSION", &ma) &&
			    define_value(e->content, "NODE_MINOR_VERSION", &mi) &&
			    define_value(e->content, "NODE_PATCH_VERSION", &pa))
				ver = bi_xasprintf("%" PRIu64 ".%" PRIu64 ".%" PRIu64, ma, mi, pa);
		}
		add(a, "node", ver, bins[i]);
		return;
	}
}

/* JAVA_VERSION="17.0.12" from a JDK's release file. */
static char *java_release_version(const struct bi_fentry *e)
{
	struct bi_span t = e->content, line;

	while (bi_span_next_line(&t, &line)) {
		if (!bi_span_eat_prefix(&line, "JAVA_VERSION="))
			continue;
		line = bi_span_trim(line);
		if (line.len >= 2 && line.ptr[0] == '"' && line.ptr[line.len - 1] == '"')
			line = bi_span_sub(line, 1, line.len - 2);
		return line.len && line.len < 64 ? bi_span_dup(line) : NULL;
	}
	return NULL;
}

static void find_java(struct bi_analysis *a, const struct bi_view *v)
{
	const char *home = bi_analyze__env(a->img, "JAVA_HOME");
	char buf[BI_MAX_PATH];
	const struct bi_fentry *e;
	size_t n = v->count(v->ctx);

	if (home) {
		snprintf(buf, sizeof(buf), "%s/release", home);
		e = bi_analyze__exists(v, buf);
		if (e && e->content.ptr) {
			snprintf(buf, sizeof(buf), "%s/bin/java", home);
			add(a, "java", java_release_version(e), buf);
			return;
		}
	}
	for (size_t i = v->lower_bound(v->ctx, "usr/lib/jvm/"); i < n; i++) {
		e = v->at(v->ctx, i);
		if (strncmp(e->path, "usr/lib/jvm/", 12) != 0)
			break;
		if (e->type == BI_F_REG && e->content.ptr &&
		    strcmp(bi_analyze__basename(e->path), "release") == 0) {
			snprintf(buf, sizeof(buf), "%.*sbin/java",
				 (int)(strlen(e->path) - strlen("release")), e->path);
			add(a, "java", java_release_version(e), buf);
			return;
		}
	}
	e = bi_analyze__which(a, v, "java");
	if (e)
		add(a, "java", NULL, e->path);
}

static void find_go(struct bi_analysis *a, const struct bi_view *v)
{
	const struct bi_fentry *e = bi_analyze__exists(v, "usr/local/go/VERSION");
	size_t n = v->count(v->ctx);

	if (e && e->content.ptr) {
		struct bi_span t = e->content, line;
		bi_span_next_line(&t, &line);
		line = bi_span_trim(line);
		add(a, "go", line.len && line.len < 64 ? bi_span_dup(line) : NULL,
		    "usr/local/go/bin/go");
		return;
	}
	/* The entrypoint first, then the first Go binary in path order. */
	if (a->img->config.nentrypoint || a->img->config.ncmd) {
		const char *prog = a->img->config.nentrypoint ? a->img->config.entrypoint[0] :
								a->img->config.cmd[0];
		e = bi_analyze__which(a, v, prog);
		if (e && e->elf && e->elf->go_version) {
			add(a, "go", bi_xstrdup(e->elf->go_version), e->path);
			return;
		}
	}
	for (size_t i = 0; i < n; i++) {
		e = v->at(v->ctx, i);
		if (e->elf && e->elf->go_version) {
			add(a, "go", bi_xstrdup(e->elf->go_version), e->path);
			return;
		}
	}
}

void bi_find_runtimes(struct bi_analysis *a, const struct bi_view *v)
{
	find_python(a, v);
	find_node(a, v);
	find_java(a, v);
	find_go(a, v);
}
