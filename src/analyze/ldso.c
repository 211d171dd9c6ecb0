/* SPDX-License-Identifier: MIT */
#include <fnmatch.h>

#include "util/common.h"
#include "analyze/ldso.h"

#define MAX_INCLUDE_DEPTH 4

static const char *triplet(uint16_t machine)
{
	switch (machine) {
	case 62:
		return "x86_64-linux-gnu";
	case 183:
		return "aarch64-linux-gnu";
	case 3:
		return "i386-linux-gnu";
	case 40:
		return "arm-linux-gnueabihf";
	case 21:
		return "powerpc64le-linux-gnu";
	case 22:
		return "s390x-linux-gnu";
	case 243:
		return "riscv64-linux-gnu";
	default:
		return NULL;
	}
}

static const char *musl_arch(uint16_t machine)
{
	switch (machine) {
	case 62:
		return "x86_64";
	case 183:
		return "aarch64";
	case 3:
		return "i386";
	case 40:
		return "armhf";
	case 21:
		return "powerpc64le";
	case 22:
		return "s390x";
	case 243:
		return "riscv64";
	default:
		return NULL;
	}
}

static void add_dir(struct bi_ldso *l, struct bi_span d)
{
	d = bi_span_trim(d);
	while (d.len && d.ptr[0] == '/') {
		d.ptr++;
		d.len--;
	}
	while (d.len && d.ptr[d.len - 1] == '/')
		d.len--;
	if (d.len == 0 || d.len >= BI_MAX_PATH || l->ndirs == BI_LDSO_MAX_DIRS)
		return;
	for (size_t i = 0; i < l->ndirs; i++)
		if (bi_span_eq_str(d, l->dirs[i]))
			return;
	l->dirs[l->ndirs++] = bi_span_dup(d);
}

static void read_conf(struct bi_ldso *l, const struct bi_view *v, const char *path, int depth);

static void add_words(struct bi_ldso *l, struct bi_span line)
{
	size_t start = 0;

	for (size_t i = 0; i <= line.len; i++) {
		if (i == line.len || line.ptr[i] == ' ' || line.ptr[i] == '\t' ||
		    line.ptr[i] == ',' || line.ptr[i] == ':') {
			if (i > start)
				add_dir(l, bi_span_sub(line, start, i - start));
			start = i + 1;
		}
	}
}

/* "include /etc/ld.so.conf.d/NAME.conf" with a glob in the last component. */
static void include_glob(struct bi_ldso *l, const struct bi_view *v, const char *conf,
			 struct bi_span pat, int depth)
{
	char full[BI_MAX_PATH], dir[BI_MAX_PATH];
	const char *slash;
	size_t n = v->count(v->ctx), dlen;

	if (pat.len && pat.ptr[0] == '/')
		snprintf(full, sizeof(full), BI_SPAN_FMT, (int)pat.len - 1, pat.ptr + 1);
	else { /* relative to the including file's folder */
		slash = strrchr(conf, '/');
		snprintf(full, sizeof(full), "%.*s/" BI_SPAN_FMT, slash ? (int)(slash - conf) : 0,
			 conf, BI_SPAN_ARG(pat));
	}
	slash = strrchr(full, '/');
	if (!slash)
		return;
	dlen = (size_t)(slash - full) + 1;
	memcpy(dir, full, dlen);
	dir[dlen] = '\0';
	for (size_t i = v->lower_bound(v->ctx, dir); i < n; i++) {
		const struct bi_fentry *e = v->at(v->ctx, i);
		if (strncmp(e->path, dir, dlen) != 0)
			break;
		if (strchr(e->path + dlen, '/'))
			continue;
		if (fnmatch(full, e->path, FNM_PATHNAME) == 0)
			read_conf(l, v, e->path, depth + 1);
	}
}

static void read_conf(struct bi_ldso *l, const struct bi_view *v, const char *path, int depth)
{
	const struct bi_fentry *e;
	struct bi_span text, line;

	if (depth > MAX_INCLUDE_DEPTH)
		return;
	e = v->resolve(v->ctx, path);
	if (!e || e->type != BI_F_REG || !e->content.ptr)
		return;
	text = e->content;
	while (bi_span_next_line(&text, &line)) {
		ptrdiff_t hash = bi_span_find_char(line, '#');
		struct bi_span word;
		if (hash >= 0)
			line.len = (size_t)hash;
		line = bi_span_trim(line);
		if (line.len == 0)
			continue;
		if (bi_span_eat_prefix(&line, "include") && line.len &&
		    (line.ptr[0] == ' ' || line.ptr[0] == '\t')) {
			line = bi_span_trim(line);
			while (bi_span_split(&line, ' ', &word))
				if (word.len)
					include_glob(l, v, path, word, depth);
			continue;
		}
		if (bi_span_starts_with(line, "hwcap "))
			continue;
		add_words(l, line); /* folders separated by spaces, tabs, commas or colons */
	}
}

void bi_ldso_init(struct bi_ldso *l, const struct bi_analysis *a, const struct bi_view *v,
		  enum bi_libc flavour, uint16_t machine)
{
	const char *llp = bi_analyze__env(a->img, "LD_LIBRARY_PATH");

	memset(l, 0, sizeof(*l));
	l->flavour = flavour;
	l->ld_library_path = llp ? bi_xstrdup(llp) : NULL;
	if (flavour == BI_LIBC_MUSL) {
		const char *arch = musl_arch(machine);
		char path[64];
		const struct bi_fentry *e = NULL;
		if (arch) {
			l->musl_ldso = bi_xasprintf("lib/ld-musl-%s.so.1", arch);
			snprintf(path, sizeof(path), "etc/ld-musl-%s.path", arch);
			e = v->resolve(v->ctx, path);
		}
		if (e && e->type == BI_F_REG && e->content.ptr) {
			struct bi_span t = e->content, line, w;
			while (bi_span_next_line(&t, &line))
				while (bi_span_split(&line, ':', &w))
					add_dir(l, w);
		} else {
			add_dir(l, BI_SPAN_LIT("lib"));
			add_dir(l, BI_SPAN_LIT("usr/local/lib"));
			add_dir(l, BI_SPAN_LIT("usr/lib"));
		}
		return;
	}
	read_conf(l, v, "etc/ld.so.conf", 0);
	if (triplet(machine)) {
		char d[64];
		snprintf(d, sizeof(d), "lib/%s", triplet(machine));
		add_dir(l, bi_span_str(d));
		snprintf(d, sizeof(d), "usr/lib/%s", triplet(machine));
		add_dir(l, bi_span_str(d));
	}
	add_dir(l, BI_SPAN_LIT("lib64"));
	add_dir(l, BI_SPAN_LIT("usr/lib64"));
	add_dir(l, BI_SPAN_LIT("lib"));
	add_dir(l, BI_SPAN_LIT("usr/lib"));
}

void bi_ldso_release(struct bi_ldso *l)
{
	for (size_t i = 0; i < l->ndirs; i++)
		free(l->dirs[i]);
	free(l->ld_library_path);
	free(l->musl_ldso);
	memset(l, 0, sizeof(*l));
}

static const struct bi_fentry *try_file(const struct bi_view *v, const struct bi_elf_info *obj,
					const char *path)
{
	const struct bi_fentry *e;

	while (*path == '/')
		path++;
	e = v->resolve(v->ctx, path);
	if (!e || e->type != BI_F_REG)
		return NULL;
	/* ld.so skips libraries of the wrong class or machine and keeps looking */
	if (e->elf && obj && (e->elf->elfclass != obj->elfclass || e->elf->machine != obj->machine))
		return NULL;
	return e;
}

/* Try every folder of a ':'-separated list, with $ORIGIN expanded. */
static const struct bi_fentry *try_list(const struct bi_view *v, const struct bi_elf_info *obj,
					const char *obj_path, const char *list, const char *needed)
{
	struct bi_span s = bi_span_str(list), dir;
	const char *slash = strrchr(obj_path, '/');
	int olen = slash ? (int)(slash - obj_path) : 0;

	while (bi_span_split(&s, ':', &dir)) {
		char path[BI_MAX_PATH];
		const struct bi_fentry *e;
		struct bi_span rest = dir;
		int n;

		if (dir.len == 0)
			continue;
		if (bi_span_eat_prefix(&rest, "$ORIGIN") || bi_span_eat_prefix(&rest, "${ORIGIN}"))
			n = snprintf(path, sizeof(path), "%.*s" BI_SPAN_FMT "/%s", olen, obj_path,
				     BI_SPAN_ARG(rest), needed);
		else
			n = snprintf(path, sizeof(path), BI_SPAN_FMT "/%s", BI_SPAN_ARG(dir),
				     needed);
		if (n < 0 || (size_t)n >= sizeof(path))
			continue;
		e = try_file(v, obj, path);
		if (e)
			return e;
	}
	return NULL;
}

const struct bi_fentry *bi_ldso_find(const struct bi_ldso *l, const struct bi_view *v,
				     const struct bi_elf_info *obj, const char *obj_path,
				     const char *needed)
{
	const struct bi_fentry *e = NULL;

	if (strchr(needed, '/'))
		return try_file(v, obj, needed);
	if (l->flavour == BI_LIBC_MUSL) {
		/* musl's loader is libc, libm, libpthread, ... itself (ldso/dynlink.c) */
		static const char *const reserved[] = { "c",  "pthread", "rt",	"m",
							"dl", "util",	 "xnet" };
		const char *dot = strchr(needed, '.');
		if (strncmp(needed, "lib", 3) == 0 && dot) {
			for (size_t i = 0; i < BI_ARRAY_SIZE(reserved); i++) {
				if ((size_t)(dot - needed - 3) == strlen(reserved[i]) &&
				    strncmp(needed + 3, reserved[i], strlen(reserved[i])) == 0)
					return l->musl_ldso ? try_file(v, obj, l->musl_ldso) : NULL;
			}
		}
	}
	if (obj->rpath && (!obj->runpath || l->flavour == BI_LIBC_MUSL))
		e = try_list(v, obj, obj_path, obj->rpath, needed);
	if (!e && l->ld_library_path)
		e = try_list(v, obj, obj_path, l->ld_library_path, needed);
	if (!e && obj->runpath)
		e = try_list(v, obj, obj_path, obj->runpath, needed);
	for (size_t i = 0; !e && i < l->ndirs; i++) {
		char path[BI_MAX_PATH];
		int n = snprintf(path, sizeof(path), "%s/%s", l->dirs[i], needed);
		if (n > 0 && (size_t)n < sizeof(path))
			e = try_file(v, obj, path);
	}
	return e;
}
