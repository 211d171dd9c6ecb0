/* SPDX-License-Identifier: MIT */
/*
 * Workload detection: which language a build context holds, the version the
 * project states, and the packages that need a C toolchain or a particular
 * libc. Reads only files at the top of the context (plus a bounded scan of
 * .go files for `import "C"`), each capped at BI_MAX_PROJECT_FILE.
 */
#include <dirent.h>

#include "util/common.h"

#include "image/ref.h"
#include "recommend/detect_internal.h"

const char *bi_lang_name(enum bi_lang l)
{
	switch (l) {
	case BI_LANG_GO:
		return "go";
	case BI_LANG_RUST:
		return "rust";
	case BI_LANG_JAVA:
		return "java";
	case BI_LANG_PYTHON:
		return "python";
	case BI_LANG_NODE:
		return "node";
	case BI_LANG_RUBY:
		return "ruby";
	case BI_LANG_NONE:
	case BI_LANG__MAX:
		break;
	}
	return "";
}

void bi_workload_free(struct bi_workload *w)
{
	if (!w)
		return;
	bi_strv_release(&w->signals);
	bi_strv_release(&w->native);
	bi_strv_release(&w->dockerfile_images);
	bi_strv_release(&w->notes);
	bi_strv_release(&w->others);
	free(w);
}

void bi_workload_freep(struct bi_workload **w)
{
	bi_workload_free(*w);
}

/* Read DIR/name into b; false when absent. Too large or unreadable: a note. */
bool bi_detect__read(struct detect *d, const char *name, struct bi_buf *b)
{
	_cleanup_free_ char *path = bi_xasprintf("%s/%s", d->dir, name);
	struct bi_err *err = NULL;
	struct stat st;

	bi_buf_release(b);
	bi_buf_init(b, BI_MAX_PROJECT_FILE);
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	if (bi_buf_read_file(b, path, &err) < 0) {
		char *note = bi_xasprintf("%s: %s (ignored)", name, bi_err_msg(err));
		bi_strv_add(&d->w->notes, note);
		free(note);
		bi_err_free(err);
		bi_buf_release(b);
		return false;
	}
	return true;
}

bool bi_detect__exists(struct detect *d, const char *name)
{
	_cleanup_free_ char *path = bi_xasprintf("%s/%s", d->dir, name);
	struct stat st;

	return stat(path, &st) == 0;
}

void bi_detect__set_version(struct detect *d, enum bi_lang lang, const char *v, const char *src)
{
	struct bi_workload *w = d->w;

	if (!v || !*v || d->version_set[lang])
		return;
	snprintf(d->version[lang], sizeof(d->version[lang]), "%s", v);
	snprintf(d->version_source[lang], sizeof(d->version_source[lang]), "%s", src);
	d->version_set[lang] = true;
	(void)w;
}

/* Copy "X.Y" (major.minor) or "X" of the leading version in s. */
void bi_detect__major_minor(struct bi_span s, int parts, char *out, size_t n)
{
	size_t i = 0, dots = 0;

	out[0] = 0;
	while (i < s.len && !isdigit((unsigned char)s.ptr[i]))
		i++;
	s = bi_span_sub(s, i, s.len - i);
	i = 0;
	while (i < s.len && (isdigit((unsigned char)s.ptr[i]) || s.ptr[i] == '.')) {
		if (s.ptr[i] == '.' && (++dots >= (size_t)parts || i + 1 == s.len ||
					!isdigit((unsigned char)s.ptr[i + 1])))
			break;
		i++;
	}
	if (i == 0 || i >= n)
		return;
	memcpy(out, s.ptr, i);
	out[i] = 0;
}

/* ---- existing Dockerfile: FROM images as a hint ---- */

static enum bi_lang lang_of_family(const char *fam)
{
	static const struct {
		const char *fam;
		enum bi_lang lang;
	} map[] = {
		{ "python", BI_LANG_PYTHON },
		{ "gcr.io/distroless/python3", BI_LANG_PYTHON },
		{ "cgr.dev/chainguard/python", BI_LANG_PYTHON },
		{ "node", BI_LANG_NODE },
		{ "gcr.io/distroless/nodejs", BI_LANG_NODE },
		{ "cgr.dev/chainguard/node", BI_LANG_NODE },
		{ "ruby", BI_LANG_RUBY },
		{ "golang", BI_LANG_GO },
		{ "cgr.dev/chainguard/go", BI_LANG_GO },
		{ "rust", BI_LANG_RUST },
		{ "eclipse-temurin", BI_LANG_JAVA },
		{ "openjdk", BI_LANG_JAVA },
		{ "maven", BI_LANG_JAVA },
		{ "gradle", BI_LANG_JAVA },
		{ "amazoncorretto", BI_LANG_JAVA },
		{ "gcr.io/distroless/java", BI_LANG_JAVA },
		{ "cgr.dev/chainguard/jre", BI_LANG_JAVA },
		{ "cgr.dev/chainguard/jdk", BI_LANG_JAVA },
	};
	for (size_t i = 0; i < BI_ARRAY_SIZE(map); i++)
		if (strcmp(map[i].fam, fam) == 0)
			return map[i].lang;
	return BI_LANG_NONE;
}

/* The language version in a tag: "3.12-slim" -> 3.12, maven "3.9-eclipse-temurin-21" -> 21. */
static void version_from_tag(enum bi_lang lang, const char *fam, const char *tag, char *out,
			     size_t n)
{
	struct bi_span t = bi_span_str(tag);

	out[0] = 0;
	if (!tag)
		return;
	if (strcmp(fam, "maven") == 0 || strcmp(fam, "gradle") == 0) {
		static const char *const keys[] = { "temurin-", "jdk-", "jdk", "corretto-" };
		for (size_t i = 0; i < BI_ARRAY_SIZE(keys); i++) {
			ptrdiff_t at = bi_span_find(t, bi_span_str(keys[i]));
			if (at >= 0) {
				size_t o = (size_t)at + strlen(keys[i]);
				if (o < t.len && isdigit((unsigned char)t.ptr[o])) {
					bi_detect__major_minor(bi_span_sub(t, o, t.len - o), 1, out,
							       n);
					return;
				}
			}
		}
		return;
	}
	if (!t.len || !isdigit((unsigned char)t.ptr[0]))
		return;
	bi_detect__major_minor(t, lang == BI_LANG_JAVA || lang == BI_LANG_NODE ? 1 : 2, out, n);
}

static void scan_dockerfile(struct detect *d)
{
	static const char *const names[] = { "Dockerfile", "dockerfile", "Containerfile" };
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MAX_PROJECT_FILE);
	struct bi_strv stages = { 0 };
	struct bi_span text, line;
	const char *found = NULL;

	for (size_t i = 0; i < BI_ARRAY_SIZE(names) && !found; i++)
		if (bi_detect__read(d, names[i], &b))
			found = names[i];
	if (!found)
		return;
	text = bi_buf_span(&b);
	while (bi_span_next_line(&text, &line)) {
		struct bi_span rest = bi_span_trim(line), word;
		char *img = NULL, *stage = NULL;
		struct bi_ref *ref = NULL;
		struct bi_kb_match m;

		if (rest.len < 5 || strncasecmp(rest.ptr, "FROM", 4) != 0 ||
		    (rest.ptr[4] != ' ' && rest.ptr[4] != '\t'))
			continue;
		rest = bi_span_trim(bi_span_sub(rest, 5, rest.len - 5));
		while (bi_span_split(&rest, ' ', &word)) {
			word = bi_span_trim(word);
			if (!word.len || bi_span_starts_with(word, "--"))
				continue;
			if (!img) {
				img = bi_span_dup(word);
			} else if (bi_span_ieq_str(word, "as")) {
				struct bi_span nm;
				rest = bi_span_trim(rest);
				if (bi_span_split(&rest, ' ', &nm) && nm.len) {
					stage = bi_span_dup(nm);
					for (char *p = stage; *p; p++)
						*p = (char)tolower((unsigned char)*p);
				}
				break;
			}
		}
		if (img && !strchr(img, '$') && strcmp(img, "scratch") != 0 &&
		    !bi_strv_has(&stages, img) && bi_ref_parse(img, &ref, NULL) == 0) {
			char *fam = bi_ref_familiar(ref);
			enum bi_lang l;
			bi_strv_add(&d->w->dockerfile_images, fam);
			free(fam);
			bi_kb_lookup(d->kb, ref, &m);
			l = m.known ? lang_of_family(m.family) : BI_LANG_NONE;
			if (l != BI_LANG_NONE) {
				char v[32], src[64];
				d->docker_lang[l] = true;
				version_from_tag(l, m.family, ref->tag, v, sizeof(v));
				snprintf(src, sizeof(src), "%s (FROM %s)", found, img);
				if (v[0] && !d->docker_version[l][0]) {
					snprintf(d->docker_version[l], sizeof(d->docker_version[l]),
						 "%s", v);
					snprintf(d->docker_version_source[l],
						 sizeof(d->docker_version_source[l]), "%s", src);
				}
			}
			bi_ref_free(ref);
		}
		if (stage)
			bi_strv_add(&stages, stage);
		free(stage);
		free(img);
	}
	bi_strv_release(&stages);
	if (d->w->dockerfile_images.n)
		bi_strv_add(&d->w->signals, found);
}

/* Detect in one folder; *ret stays NULL when nothing names a language. */
static void detect_dir(const struct bi_kb *kb, const char *dir, struct bi_workload **ret)
{
	_cleanup_(bi_workload_freep) struct bi_workload *w = NULL;
	struct detect d = { 0 };
	static const enum bi_lang order[] = { BI_LANG_GO,     BI_LANG_RUST, BI_LANG_JAVA,
					      BI_LANG_PYTHON, BI_LANG_RUBY, BI_LANG_NODE };
	enum bi_lang pick = BI_LANG_NONE;

	*ret = NULL;
	w = bi_xcalloc(1, sizeof(*w));
	d.kb = kb;
	d.dir = dir;
	d.w = w;
	bi_detect__go(&d);
	bi_detect__rust(&d);
	bi_detect__java(&d);
	bi_detect__python(&d);
	bi_detect__node(&d);
	bi_detect__ruby(&d);
	bi_detect__extra(&d);
	scan_dockerfile(&d);

	/* The first language in order that the Dockerfile also names, else the first found. */
	for (size_t i = 0; i < BI_ARRAY_SIZE(order) && pick == BI_LANG_NONE; i++)
		if (d.found[order[i]] && d.docker_lang[order[i]])
			pick = order[i];
	for (size_t i = 0; i < BI_ARRAY_SIZE(order) && pick == BI_LANG_NONE; i++)
		if (d.found[order[i]])
			pick = order[i];
	/* Only a Dockerfile: its images say the language. */
	for (size_t i = 0; i < BI_ARRAY_SIZE(order) && pick == BI_LANG_NONE; i++)
		if (d.docker_lang[order[i]])
			pick = order[i];
	if (pick == BI_LANG_NONE) {
		for (int i = 0; i < BI_LANG__MAX; i++)
			bi_strv_release(&d.native[i]);
		for (size_t i = 0; i < d.nsig; i++)
			free(d.sig[i]);
		free(d.sig);
		free(d.sig_lang);
		return;
	}
	w->lang = pick;
	if (d.version_set[pick]) {
		snprintf(w->version, sizeof(w->version), "%s", d.version[pick]);
		snprintf(w->version_source, sizeof(w->version_source), "%s",
			 d.version_source[pick]);
	} else if (d.docker_version[pick][0]) {
		snprintf(w->version, sizeof(w->version), "%s", d.docker_version[pick]);
		snprintf(w->version_source, sizeof(w->version_source), "%s",
			 d.docker_version_source[pick]);
	}
	snprintf(w->version_constraint, sizeof(w->version_constraint), "%s", d.constraint[pick]);
	/* keep only the chosen language's evidence */
	{
		struct bi_strv keep = { 0 };
		for (size_t i = 0; i < d.nsig; i++)
			if (d.sig_lang[i] == pick || !d.sig_lang[i])
				bi_strv_add(&keep, d.sig[i]);
		for (size_t i = 0; i < w->signals.n; i++)
			bi_strv_add(&keep, w->signals.v[i]);
		bi_strv_release(&w->signals);
		w->signals = keep;
	}
	/* conflicting signals: say what else was there, so the choice is visible */
	for (size_t l = 0; l < BI_ARRAY_SIZE(order); l++) {
		_cleanup_(bi_buf_release) struct bi_buf o = BI_BUF_INIT(BI_BUF_NOLIMIT);

		if (order[l] == pick || !d.found[order[l]])
			continue;
		for (size_t i = 0; i < d.nsig; i++)
			if (d.sig_lang[i] == order[l])
				bi_buf_addf(&o, "%s%s", o.len ? ", " : "", d.sig[i]);
		if (o.len)
			bi_strv_push(&w->others,
				     bi_xasprintf("%s (%s)", bi_lang_name(order[l]), o.buf));
	}
	bi_strv_release(&w->native);
	for (size_t i = 0; i < d.native[pick].n; i++)
		bi_strv_add(&w->native, d.native[pick].v[i]);
	snprintf(w->build_tool, sizeof(w->build_tool), "%s", d.build_tool[pick]);
	snprintf(w->app, sizeof(w->app), "%s", d.app[pick][0] ? d.app[pick] : "app");
	snprintf(w->main_path, sizeof(w->main_path), "%s", d.main[pick]);
	if (pick != BI_LANG_GO)
		w->cgo = false;
	for (int i = 0; i < BI_LANG__MAX; i++)
		bi_strv_release(&d.native[i]);
	for (size_t i = 0; i < d.nsig; i++)
		free(d.sig[i]);
	free(d.sig);
	free(d.sig_lang);
	*ret = TAKE_PTR(w);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Nothing at the top: the first immediate subfolder (in name order, at most
 * 64 looked at) that holds a workload, e.g. backend/ in a monorepo.
 */
static void detect_subdirs(const struct bi_kb *kb, const char *dir, struct bi_workload **ret)
{
	struct bi_strv names = { 0 };
	struct dirent *de;
	DIR *dp = opendir(dir);

	if (!dp)
		return;
	while ((de = readdir(dp)) && names.n < 64) {
		char *p;
		struct stat st;

		if (de->d_name[0] == '.' || strcmp(de->d_name, "node_modules") == 0 ||
		    strcmp(de->d_name, "vendor") == 0 || strcmp(de->d_name, "target") == 0)
			continue;
		p = bi_xasprintf("%s/%s", dir, de->d_name);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			bi_strv_add(&names, de->d_name);
		free(p);
	}
	closedir(dp);
	if (names.n)
		qsort(names.v, names.n, sizeof(*names.v), cmp_name);
	for (size_t i = 0; i < names.n && !*ret; i++) {
		char *sub = bi_xasprintf("%s/%s", dir, names.v[i]);
		struct bi_workload *w = NULL;

		detect_dir(kb, sub, &w);
		if (w) {
			struct bi_strv sig = { 0 };
			char *note = bi_xasprintf("nothing at the top of the folder: the workload "
						  "is the one in %s/",
						  names.v[i]);
			for (size_t j = 0; j < w->signals.n; j++) {
				char *s = bi_xasprintf("%s/%s", names.v[i], w->signals.v[j]);
				bi_strv_add(&sig, s);
				free(s);
			}
			bi_strv_release(&w->signals);
			w->signals = sig;
			bi_strv_add(&w->notes, note);
			free(note);
			if (strlen(names.v[i]) < sizeof(w->subdir))
				snprintf(w->subdir, sizeof(w->subdir), "%s", names.v[i]);
			*ret = w;
		}
		free(sub);
	}
	bi_strv_release(&names);
}

int bi_recommend_detect(const struct bi_kb *kb, const char *dir, struct bi_workload **ret,
			struct bi_err **err)
{
	struct bi_workload *w = NULL;
	struct stat st;
	DIR *dp;

	if (stat(dir, &st) != 0)
		return bi_err_set_errno(err, errno == ENOENT ? BI_ENOTFOUND : BI_EIO, errno, "%s",
					dir);
	if (!S_ISDIR(st.st_mode))
		return bi_err_set(err, BI_EIO, "%s: not a directory", dir);
	dp = opendir(dir);
	if (!dp)
		return bi_err_set_errno(err, BI_EIO, errno, "%s", dir);
	closedir(dp);

	detect_dir(kb, dir, &w);
	if (!w)
		detect_subdirs(kb, dir, &w);
	if (!w)
		return bi_err_set(err, BI_ENOTFOUND,
				  "%s: no workload detected (looked for go.mod, Cargo.toml, "
				  "pom.xml, build.gradle, requirements*.txt, pyproject.toml, "
				  "Pipfile, package.json and a Dockerfile naming a language image, "
				  "at the top and one folder down)",
				  dir);
	*ret = w;
	return 0;
}

void bi_detect__signal(struct detect *d, enum bi_lang lang, const char *file)
{
	for (size_t i = 0; i < d->nsig; i++)
		if (strcmp(d->sig[i], file) == 0)
			return;
	BI_ALLOC_GROW(d->sig, d->nsig + 1, d->asig);
	d->sig_lang = bi_xreallocarray(d->sig_lang, d->asig, sizeof(*d->sig_lang));
	d->sig[d->nsig] = bi_xstrdup(file);
	d->sig_lang[d->nsig] = lang;
	d->nsig++;
	d->found[lang] = true;
}
