/* SPDX-License-Identifier: MIT */
/*
 * The facts: OS, libc, shell, package manager, packages, tools, docs, ELF
 * counts. Classification, checks and runtimes build on them.
 */
#include "util/common.h"
#include "analyze/analyze.h"
#include "analyze/view.h"

#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

const char *bi_analyze__basename(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

const struct bi_fentry *bi_analyze__exists(const struct bi_view *v, const char *path)
{
	const struct bi_fentry *e;

	while (*path == '/')
		path++;
	e = v->resolve(v->ctx, path);
	return e && e->type == BI_F_REG ? e : NULL;
}

const char *bi_analyze__env(const struct bi_image *img, const char *key)
{
	size_t n = strlen(key);

	for (size_t i = 0; i < img->config.nenv; i++) {
		const char *e = img->config.env[i];
		if (strncmp(e, key, n) == 0 && e[n] == '=')
			return e + n + 1;
	}
	return NULL;
}

const struct bi_fentry *bi_analyze__which(const struct bi_analysis *a, const struct bi_view *v,
					  const char *prog)
{
	const char *path = bi_analyze__env(a->img, "PATH");
	struct bi_span s, dir;

	if (!prog || !*prog)
		return NULL;
	if (strchr(prog, '/')) {
		char buf[BI_MAX_PATH];
		const char *wd = a->img->config.workdir;
		if (prog[0] == '/' || !wd || !*wd)
			return bi_analyze__exists(v, prog);
		snprintf(buf, sizeof(buf), "%s/%s", wd, prog);
		return bi_analyze__exists(v, buf);
	}
	s = bi_span_str(path ? path : DEFAULT_PATH);
	while (bi_span_split(&s, ':', &dir)) {
		char buf[BI_MAX_PATH];
		const struct bi_fentry *e;
		if (dir.len == 0)
			continue;
		if (dir.ptr[0] == '/')
			snprintf(buf, sizeof(buf), BI_SPAN_FMT "/%s", BI_SPAN_ARG(dir), prog);
		else /* a relative PATH entry is relative to the workdir */
			snprintf(buf, sizeof(buf), "%s/" BI_SPAN_FMT "/%s",
				 a->img->config.workdir ? a->img->config.workdir : "",
				 BI_SPAN_ARG(dir), prog);
		e = bi_analyze__exists(v, buf);
		if (e)
			return e;
	}
	return NULL;
}

static void read_os(struct bi_analysis *a, const struct bi_view *v)
{
	static const char *const files[] = { "etc/os-release", "usr/lib/os-release" };
	const struct bi_fentry *e;

	for (size_t i = 0; i < BI_ARRAY_SIZE(files); i++) {
		e = v->resolve(v->ctx, files[i]);
		if (e && e->type == BI_F_REG && e->content.ptr) {
			bi_osrelease_parse(e->content, &a->os);
			if (a->os.id) {
				a->has_os = true;
				a->os.source = files[i];
				return;
			}
			bi_os_release(&a->os);
		}
	}
	e = v->resolve(v->ctx, "etc/alpine-release");
	if (e && e->type == BI_F_REG && e->content.ptr) {
		struct bi_span line;
		struct bi_span c = e->content;
		bi_span_next_line(&c, &line);
		a->os.id = bi_xstrdup("alpine");
		a->os.name = bi_xstrdup("Alpine Linux");
		a->os.version_id =
			line.len && line.len < 64 ? bi_span_dup(bi_span_trim(line)) : NULL;
		a->os.source = "etc/alpine-release";
		a->has_os = true;
		return;
	}
	e = v->resolve(v->ctx, "etc/debian_version");
	if (e && e->type == BI_F_REG && e->content.ptr) {
		struct bi_span line;
		struct bi_span c = e->content;
		bi_span_next_line(&c, &line);
		a->os.id = bi_xstrdup("debian");
		a->os.name = bi_xstrdup("Debian GNU/Linux");
		a->os.version_id =
			line.len && line.len < 64 ? bi_span_dup(bi_span_trim(line)) : NULL;
		a->os.source = "etc/debian_version";
		a->has_os = true;
	}
}

/* Standard library folders: lib, lib64, usr/lib{,32,64}, (usr/)lib/<triplet>. */
static bool libdir(const char *path)
{
	const char *base = bi_analyze__basename(path);
	size_t n = (size_t)(base - path);
	struct bi_span d = bi_span_make(path, n ? n - 1 : 0);

	if (bi_span_eq_str(d, "lib") || bi_span_eq_str(d, "lib64") || bi_span_eq_str(d, "lib32") ||
	    bi_span_eq_str(d, "usr/lib") || bi_span_eq_str(d, "usr/lib64") ||
	    bi_span_eq_str(d, "usr/lib32"))
		return true;
	if (!bi_span_eat_prefix(&d, "usr/lib/") && !bi_span_eat_prefix(&d, "lib/"))
		return false;
	return bi_span_find_char(d, '/') < 0 && bi_span_find(d, BI_SPAN_LIT("-linux-")) > 0;
}

/* "2.36-9+deb12u7" -> "2.36"; "1:2.3-1" -> "2.3"; "1.2.5-r0" -> "1.2.5". */
static char *upstream_version(const char *v)
{
	const char *colon = strchr(v, ':'), *dash;

	if (colon)
		v = colon + 1;
	dash = strrchr(v, '-');
	return dash ? bi_xstrndup(v, (size_t)(dash - v)) : bi_xstrdup(v);
}

static const char *const debug_tool_names[] = {
	"ps",	"top", "curl", "wget", "less", "strace", "ltrace",  "gdb",     "git",  "ssh",
	"file", "vim", "nano", "lsof", "ip",   "ss",	 "netstat", "tcpdump", "htop", "jq",
};

static const char *const compilers[] = {
	"gcc",	 "cc", "g++", "c++",   "clang", "tcc",	 "make",
	"cmake", "ld", "as",  "rustc", "cargo", "javac", "go",
};

static void add_tool(struct bi_analysis *a, char *s)
{
	a->build_tools = bi_xreallocarray(a->build_tools, a->nbuild_tools + 1, sizeof(char *));
	a->build_tools[a->nbuild_tools++] = s;
}

static bool dev_package(const struct bi_pkglist *l, const char *name)
{
	struct bi_span n = bi_span_str(name);

	if (l->format == BI_PKG_RPM)
		return bi_span_ends_with(n, "-devel");
	return bi_span_ends_with(n, "-dev") || strcmp(name, "build-base") == 0;
}

static void find_tools(struct bi_analysis *a, const struct bi_view *v)
{
	static const char *const dirs[] = { "usr/local/bin", "usr/bin", "bin", "usr/local/go/bin" };
	size_t ndev = 0;
	const char *first_dev = NULL;

	for (size_t i = 0; i < BI_ARRAY_SIZE(compilers); i++) {
		for (size_t d = 0; d < BI_ARRAY_SIZE(dirs); d++) {
			char buf[BI_MAX_PATH];
			const struct bi_fentry *e;
			snprintf(buf, sizeof(buf), "%s/%s", dirs[d], compilers[i]);
			e = bi_analyze__exists(v, buf);
			if (e && strcmp(bi_analyze__basename(e->path), "busybox") != 0) {
				add_tool(a, bi_xasprintf("%s (/%s)", compilers[i], buf));
				break;
			}
		}
	}
	if (bi_analyze__exists(v, "usr/include/stdio.h"))
		add_tool(a, bi_xstrdup("C headers (/usr/include/stdio.h)"));
	for (size_t i = 0; i < a->pkgs.n; i++) {
		if (dev_package(&a->pkgs, a->pkgs.pkgs[i].name)) {
			if (!first_dev)
				first_dev = a->pkgs.pkgs[i].name;
			ndev++;
		}
	}
	if (ndev == 1)
		add_tool(a, bi_xasprintf("development package %s", first_dev));
	else if (ndev > 1)
		add_tool(a, bi_xasprintf("%zu development packages (%s, ...)", ndev, first_dev));

	for (size_t i = 0; i < BI_ARRAY_SIZE(debug_tool_names); i++) {
		static const char *const bindirs[] = { "usr/bin", "bin", "usr/sbin", "sbin" };
		for (size_t d = 0; d < BI_ARRAY_SIZE(bindirs); d++) {
			char buf[BI_MAX_PATH];
			const struct bi_fentry *e;
			snprintf(buf, sizeof(buf), "%s/%s", bindirs[d], debug_tool_names[i]);
			e = bi_analyze__exists(v, buf);
			if (e && strcmp(bi_analyze__basename(e->path), "busybox") != 0) {
				a->debug_tools++;
				break;
			}
		}
	}
}

static void find_shell(struct bi_analysis *a, const struct bi_view *v)
{
	static const char *const shells[] = { "sh", "bash", "ash", "dash" };
	const char *path = bi_analyze__env(a->img, "PATH");
	const struct bi_fentry *e = bi_analyze__exists(v, "bin/sh");

	if (e) {
		a->shell = bi_xstrdup("/bin/sh");
	} else {
		for (size_t i = 0; i < BI_ARRAY_SIZE(shells) && !e; i++) {
			struct bi_span s = bi_span_str(path ? path : DEFAULT_PATH), dir;
			while (!e && bi_span_split(&s, ':', &dir)) {
				char buf[BI_MAX_PATH];
				if (dir.len == 0 || dir.ptr[0] != '/')
					continue;
				snprintf(buf, sizeof(buf), BI_SPAN_FMT "/%s", BI_SPAN_ARG(dir),
					 shells[i]);
				e = bi_analyze__exists(v, buf);
				if (e)
					a->shell = bi_xstrdup(buf);
			}
		}
	}
	if (!e) { /* distroless :debug keeps busybox at /busybox */
		e = bi_analyze__exists(v, "busybox/sh");
		if (e)
			a->shell = bi_xstrdup("/busybox/sh");
	}
	if (e)
		a->shell_kind = bi_xstrdup(bi_analyze__basename(e->path));
}

static void find_package_manager(struct bi_analysis *a, const struct bi_view *v)
{
	static const struct {
		const char *path, *name;
	} pm[] = {
		{ "sbin/apk", "apk" },	   { "usr/sbin/apk", "apk" },
		{ "usr/bin/apk", "apk" },  { "usr/bin/apt-get", "apt" },
		{ "usr/bin/apt", "apt" },  { "usr/bin/dnf", "dnf" },
		{ "usr/bin/dnf5", "dnf" }, { "usr/bin/dnf-3", "dnf" },
		{ "usr/bin/yum", "yum" },  { "usr/bin/microdnf", "microdnf" },
	};

	a->package_manager = "none";
	for (size_t i = 0; i < BI_ARRAY_SIZE(pm); i++) {
		const struct bi_fentry *e = bi_analyze__exists(v, pm[i].path);
		/* yum is a symlink to dnf on RHEL 8+: dnf first in the table */
		if (e) {
			a->package_manager = pm[i].name;
			return;
		}
	}
}

/* One pass over every entry: libc loaders, docs, ELF count. */
static void scan(struct bi_analysis *a, const struct bi_view *v, char **ret_glibc_ver)
{
	size_t n = v->count(v->ctx);

	for (size_t i = 0; i < n; i++) {
		const struct bi_fentry *e = v->at(v->ctx, i);
		const char *base = bi_analyze__basename(e->path);

		a->files++;
		if (e->elf)
			a->elf_files++;
		if (e->type == BI_F_REG || e->type == BI_F_HARDLINK || e->type == BI_F_SYMLINK) {
			if (strncmp(e->path, "usr/share/man/", 14) == 0)
				a->man_files++;
			else if (strncmp(e->path, "usr/share/doc/", 14) == 0 &&
				 strcmp(base, "copyright") != 0)
				a->doc_files++;
		}
		if (e->type == BI_F_DIR || !libdir(e->path))
			continue;
		if (strncmp(base, "ld-musl-", 8) == 0)
			a->has_musl = true;
		else if (strncmp(base, "ld-linux", 8) == 0 || strcmp(base, "libc.so.6") == 0)
			a->has_glibc = true;
		else if (strncmp(base, "libc-2.", 7) == 0 &&
			 bi_span_ends_with(bi_span_str(base), ".so") && !*ret_glibc_ver) {
			a->has_glibc = true;
			*ret_glibc_ver = bi_xstrndup(base + 5, strlen(base) - 8);
		}
	}
}

static void find_libc(struct bi_analysis *a, char *glibc_ver)
{
	static const char *const glibc_pkgs[] = { "libc6", "glibc", "libc6-amd64" };
	const struct bi_pkg *p = NULL;

	if (a->has_musl && (!a->has_glibc || a->pkgs.format == BI_PKG_APK)) {
		a->libc = BI_LIBC_MUSL;
		p = bi_pkglist_find(&a->pkgs, "musl");
		if (p && p->version)
			a->libc_version = upstream_version(p->version);
		free(glibc_ver);
		return;
	}
	if (!a->has_glibc) {
		a->libc = BI_LIBC_NONE;
		free(glibc_ver);
		return;
	}
	a->libc = BI_LIBC_GLIBC;
	if (glibc_ver) {
		a->libc_version = glibc_ver;
		return;
	}
	for (size_t i = 0; i < BI_ARRAY_SIZE(glibc_pkgs) && !p; i++)
		p = bi_pkglist_find(&a->pkgs, glibc_pkgs[i]);
	if (p && p->version)
		a->libc_version = upstream_version(p->version);
}

static void find_busybox_coreutils(struct bi_analysis *a, const struct bi_view *v)
{
	const struct bi_fentry *e;

	a->has_busybox = bi_analyze__exists(v, "bin/busybox") ||
			 bi_analyze__exists(v, "usr/bin/busybox") ||
			 bi_analyze__which(a, v, "busybox") ||
			 (a->shell_kind && strcmp(a->shell_kind, "busybox") == 0);
	e = bi_analyze__exists(v, "bin/ls");
	if (!e)
		e = bi_analyze__exists(v, "usr/bin/ls");
	a->has_coreutils = e && strcmp(bi_analyze__basename(e->path), "busybox") != 0;
}

int bi_analyze(const struct bi_image *img, const struct bi_view *v, struct bi_analysis **ret,
	       struct bi_err **err)
{
	_cleanup_(bi_analysis_freep) struct bi_analysis *a = bi_xcalloc(1, sizeof(*a));
	char *glibc_ver = NULL;
	int r;

	a->img = img;
	a->efficiency = 1.0;
	read_os(a, v);
	r = bi_analyze__packages(a, v, err);
	if (r < 0)
		return r;
	scan(a, v, &glibc_ver);
	find_libc(a, glibc_ver);
	find_shell(a, v);
	find_package_manager(a, v);
	find_busybox_coreutils(a, v);
	find_tools(a, v);
	bi_find_runtimes(a, v);
	bi_classify(a);
	bi_run_checks(a, v);
	*ret = TAKE_PTR(a);
	return 0;
}

void bi_analysis_free(struct bi_analysis *a)
{
	if (!a)
		return;
	bi_os_release(&a->os);
	free(a->libc_version);
	free(a->shell);
	free(a->shell_kind);
	bi_pkglist_release(&a->pkgs);
	for (size_t i = 0; i < a->nbuild_tools; i++)
		free(a->build_tools[i]);
	free(a->build_tools);
	for (size_t i = 0; i < a->nruntimes; i++) {
		free(a->runtimes[i].name);
		free(a->runtimes[i].version);
		free(a->runtimes[i].path);
	}
	free(a->runtimes);
	for (size_t i = 0; i < a->nclass_reasons; i++)
		free(a->class_reasons[i]);
	free(a->class_reasons);
	for (size_t i = 0; i < a->nchecks; i++) {
		free(a->checks[i].message);
		free(a->checks[i].path);
	}
	free(a->checks);
	for (size_t i = 0; i < a->nwarnings; i++)
		free(a->warnings[i]);
	free(a->warnings);
	free(a);
}

void bi_analysis_freep(struct bi_analysis **a)
{
	bi_analysis_free(*a);
	*a = NULL;
}

const char *bi_analyze_class_name(enum bi_class c)
{
	static const char *const names[] = { "scratch", "distroless", "alpine",
					     "slim",	"full",	      "unknown" };
	return (size_t)c < BI_ARRAY_SIZE(names) ? names[c] : "unknown";
}

enum bi_severity bi_analysis_worst(const struct bi_analysis *a)
{
	enum bi_severity w = BI_SEV_NONE;

	for (size_t i = 0; i < a->nchecks; i++)
		if (w == BI_SEV_NONE || a->checks[i].severity > w)
			w = a->checks[i].severity;
	return w;
}

void bi_analysis__reason(struct bi_analysis *a, const char *fmt, ...)
{
	va_list ap;

	a->class_reasons =
		bi_xreallocarray(a->class_reasons, a->nclass_reasons + 1, sizeof(char *));
	va_start(ap, fmt);
	a->class_reasons[a->nclass_reasons++] = bi_xvasprintf(fmt, ap);
	va_end(ap);
}

void bi_analysis__check(struct bi_analysis *a, const char *id, enum bi_severity sev,
			const char *path, const char *fmt, ...)
{
	static const struct {
		const char *id, *name;
	} names[] = {
		{ "BI201", "entrypoint-missing" },  { "BI202", "interpreter-missing" },
		{ "BI203", "library-missing" },	    { "BI204", "libc-mismatch" },
		{ "BI205", "shell-form-no-shell" }, { "BI206", "build-tools-present" },
		{ "BI207", "runs-as-root" },
	};
	struct bi_check *c;
	va_list ap;

	a->checks = bi_xreallocarray(a->checks, a->nchecks + 1, sizeof(*a->checks));
	c = &a->checks[a->nchecks++];
	c->id = id;
	c->name = "";
	for (size_t i = 0; i < BI_ARRAY_SIZE(names); i++)
		if (strcmp(names[i].id, id) == 0)
			c->name = names[i].name;
	c->severity = sev;
	c->path = path ? bi_xstrdup(path) : NULL; /* as given: an image path or a name */
	va_start(ap, fmt);
	c->message = bi_xvasprintf(fmt, ap);
	va_end(ap);
}
