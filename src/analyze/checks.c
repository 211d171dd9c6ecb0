/* SPDX-License-Identifier: MIT */
/*
 * Will-it-run checks (docs/checks/BI201.md ... BI207.md). Severities:
 * BI201..BI205 error (the container will not start, or a part of it cannot
 * load), BI206 warning (it runs, but carries a toolchain), BI207 note.
 */
#include "util/common.h"
#include "analyze/analyze.h"
#include "analyze/ldso.h"

#define MAX_LIBS_VISITED 512
#define MAX_MISMATCH_REPORTED 10

static bool is_shell_name(const char *p)
{
	static const char *const shells[] = { "sh", "bash", "ash", "dash", "zsh", "ksh", "mksh" };
	const char *base = bi_analyze__basename(p);

	for (size_t i = 0; i < BI_ARRAY_SIZE(shells); i++)
		if (strcmp(base, shells[i]) == 0)
			return true;
	return false;
}

/* "-c", or a cluster of short options holding c ("-ec", "-lc", "-euxc"). */
static bool is_command_flag(const char *s)
{
	if (s[0] != '-' || s[1] == '-' || !strchr(s, 'c'))
		return false;
	for (s++; *s; s++)
		if (!isalpha((unsigned char)*s))
			return false;
	return true;
}

/* BI203 over the entrypoint and, transitively, the libraries it loads. */
static void check_libraries(struct bi_analysis *a, const struct bi_view *v,
			    const struct bi_fentry *prog, const char *who)
{
	const struct bi_fentry *queue[MAX_LIBS_VISITED];
	size_t head = 0, tail = 0;
	struct bi_ldso l;
	enum bi_libc flavour = prog->elf->libc;

	if (flavour != BI_LIBC_MUSL)
		flavour = a->libc == BI_LIBC_MUSL && prog->elf->libc != BI_LIBC_GLIBC ?
				  BI_LIBC_MUSL :
				  BI_LIBC_GLIBC;
	bi_ldso_init(&l, a, v, flavour, prog->elf->machine);
	queue[tail++] = prog;
	while (head < tail) {
		const struct bi_fentry *obj = queue[head++];
		for (size_t i = 0; i < obj->elf->nneeded; i++) {
			const char *need = obj->elf->needed[i];
			const struct bi_fentry *lib =
				bi_ldso_find(&l, v, obj->elf, obj->path, need);
			bool seen = false;

			if (!lib) {
				bi_analysis__check(a, "BI203", BI_SEV_ERROR, need,
						   "%s/%s needs %s, which the %s loader cannot "
						   "find in the image",
						   obj == prog ? who : "", obj->path, need,
						   bi_libc_name(flavour));
				continue;
			}
			for (size_t k = 0; k < tail && !seen; k++)
				seen = queue[k] == lib;
			if (!seen && lib->elf && tail < MAX_LIBS_VISITED)
				queue[tail++] = lib;
		}
	}
	bi_ldso_release(&l);
}

/* BI202 and BI203 for an ELF program: the entrypoint, or a script's interpreter. */
static void check_elf(struct bi_analysis *a, const struct bi_view *v, const struct bi_fentry *prog,
		      const char *what, const char *who)
{
	if (!prog->elf)
		return;
	if (prog->elf->link == BI_ELF_DYNAMIC && prog->elf->interp &&
	    !bi_analyze__exists(v, prog->elf->interp))
		bi_analysis__check(a, "BI202", BI_SEV_ERROR, prog->elf->interp,
				   "%s /%s is dynamically linked but its interpreter %s is "
				   "not in the image",
				   what, prog->path, prog->elf->interp);
	if (prog->elf->link == BI_ELF_DYNAMIC || prog->elf->link == BI_ELF_SHARED)
		check_libraries(a, v, prog, who);
}

/*
 * A script entrypoint: its "#!" line, when the walker kept the start of the
 * file. "#!/bin/bash" needs /bin/bash (BI202); "#!/usr/bin/env python3" needs
 * python3 on PATH (BI201).
 */
static void check_script(struct bi_analysis *a, const struct bi_view *v,
			 const struct bi_fentry *prog, const char *what)
{
	struct bi_span c = prog->content, line, interp, arg = BI_SPAN_NULL;
	char path[BI_MAX_PATH], name[256], via[64];
	const struct bi_fentry *interp_e;
	bool crlf;

	if (!c.ptr || !bi_span_eat_prefix(&c, "#!"))
		return;
	/* As the kernel reads it: blanks are spaces and tabs, a '\r' is part of the line. */
	line = c;
	if (bi_span_find_char(c, '\n') >= 0)
		line.len = (size_t)bi_span_find_char(c, '\n');
	crlf = line.len && line.ptr[line.len - 1] == '\r';
	if (crlf)
		line.len--;
	while (line.len && (line.ptr[0] == ' ' || line.ptr[0] == '\t'))
		line = bi_span_sub(line, 1, line.len - 1);
	interp = line;
	for (size_t i = 0; i < line.len; i++)
		if (line.ptr[i] == ' ' || line.ptr[i] == '\t') {
			interp = bi_span_sub(line, 0, i);
			arg = bi_span_trim(bi_span_sub(line, i + 1, line.len - i - 1));
			break;
		}
	if (interp.len == 0 || interp.len >= sizeof(path))
		return;
	snprintf(path, sizeof(path), BI_SPAN_FMT, BI_SPAN_ARG(interp));
	if (crlf) {
		bi_analysis__check(a, "BI202", BI_SEV_ERROR, path,
				   "%s script /%s has Windows line endings: its #! line ends in "
				   "\\r, which the kernel passes on (\"bad interpreter\")",
				   what, prog->path);
		return;
	}
	interp_e = bi_analyze__exists(v, path);
	if (!interp_e) {
		bi_analysis__check(a, "BI202", BI_SEV_ERROR, path,
				   "%s script /%s starts with #!%s, which is not in the image",
				   what, prog->path, path);
		return;
	}
	snprintf(via, sizeof(via), "%s script's interpreter", what);
	if (strcmp(bi_analyze__basename(path), "env") != 0 || arg.len == 0 ||
	    arg.len >= sizeof(name) || arg.ptr[0] == '-') {
		check_elf(a, v, interp_e, via, "the script's interpreter ");
		return;
	}
	snprintf(name, sizeof(name), BI_SPAN_FMT, BI_SPAN_ARG(arg));
	name[strcspn(name, " \t")] = '\0';
	interp_e = bi_analyze__which(a, v, name);
	if (!interp_e)
		bi_analysis__check(a, "BI201", BI_SEV_ERROR, name,
				   "%s script /%s runs %s through env, and %s is not on PATH", what,
				   prog->path, name, name);
	else
		check_elf(a, v, interp_e, via, "the script's interpreter ");
}

/* Why an absolute program path that is there under its name does not run. */
static const char *why_missing(const struct bi_view *v, const char *prog)
{
	const struct bi_fentry *e, *r;

	if (prog[0] != '/')
		return "is not in the image";
	while (*prog == '/')
		prog++;
	e = v->lookup(v->ctx, prog);
	r = v->resolve(v->ctx, prog);
	if (r && r->type == BI_F_DIR)
		return "is a folder, not a program";
	if (e && e->type == BI_F_SYMLINK && !r)
		return "is a symbolic link that leads nowhere in the image (dangling, or a loop)";
	return "is not in the image";
}

static void check_entrypoint(struct bi_analysis *a, const struct bi_view *v)
{
	const struct bi_image_config *c = &a->img->config;
	char **argv = NULL;
	size_t argc = 0;
	const char *what = NULL;
	const struct bi_fentry *prog;

	if (c->entrypoint && c->nentrypoint) {
		argv = c->entrypoint;
		argc = c->nentrypoint;
		what = "ENTRYPOINT";
	} else if (c->cmd && c->ncmd) {
		argv = c->cmd;
		argc = c->ncmd;
		what = "CMD";
	}
	if (!argv || !argv[0] || !*argv[0])
		return;
	prog = bi_analyze__which(a, v, argv[0]);
	if (!prog && argc >= 2 && is_command_flag(argv[1]) && is_shell_name(argv[0])) {
		bi_analysis__check(a, "BI205", BI_SEV_ERROR, argv[0],
				   "%s is in shell form (%s -c ...) but the image has no %s", what,
				   argv[0], argv[0]);
		return;
	}
	if (!prog) {
		bi_analysis__check(
			a, "BI201", BI_SEV_ERROR, argv[0], "%s program %s %s", what, argv[0],
			strchr(argv[0], '/') ? why_missing(v, argv[0]) :
					       "is not in the image (searched the config's PATH)");
		return;
	}
	if (!(prog->mode & 0111)) {
		char abs[BI_MAX_PATH + 2];
		snprintf(abs, sizeof(abs), "/%s", prog->path);
		bi_analysis__check(a, "BI201", BI_SEV_ERROR, abs,
				   "%s program %s is not executable (mode %04o)", what, abs,
				   (unsigned)prog->mode);
		return;
	}
	if (!prog->elf) {
		check_script(a, v, prog, what);
		return;
	}
	check_elf(a, v, prog, what, "the entrypoint ");
}

static void check_libc_mismatch(struct bi_analysis *a, const struct bi_view *v)
{
	enum bi_libc foreign;
	size_t n = v->count(v->ctx), found = 0;

	if (a->libc == BI_LIBC_MUSL && !a->has_glibc)
		foreign = BI_LIBC_GLIBC;
	else if (a->libc == BI_LIBC_GLIBC && !a->has_musl)
		foreign = BI_LIBC_MUSL;
	else
		return;
	for (size_t i = 0; i < n; i++) {
		const struct bi_fentry *e = v->at(v->ctx, i);
		if (!e->elf || e->elf->libc != foreign ||
		    (e->elf->link != BI_ELF_DYNAMIC && e->elf->link != BI_ELF_SHARED))
			continue;
		if (++found <= MAX_MISMATCH_REPORTED) {
			char abs[BI_MAX_PATH + 2];
			snprintf(abs, sizeof(abs), "/%s", e->path);
			bi_analysis__check(a, "BI204", BI_SEV_ERROR, abs,
					   "%s is linked against %s but the image has only %s", abs,
					   bi_libc_name(foreign), bi_libc_name(a->libc));
		}
	}
	if (found > MAX_MISMATCH_REPORTED)
		bi_analysis__check(a, "BI204", BI_SEV_ERROR, NULL,
				   "%zu more %s-linked files in this %s image",
				   found - MAX_MISMATCH_REPORTED, bi_libc_name(foreign),
				   bi_libc_name(a->libc));
}

static void check_build_tools(struct bi_analysis *a)
{
	struct bi_buf msg = BI_BUF_INIT(BI_BUF_NOLIMIT);
	const char *p, *q;
	char *path = NULL;

	if (!a->nbuild_tools)
		return;
	for (size_t i = 0; i < a->nbuild_tools; i++)
		bi_buf_addf(&msg, "%s%s", i ? ", " : "", a->build_tools[i]);
	p = strstr(a->build_tools[0], "(/");
	q = p ? strchr(p, ')') : NULL;
	if (p && q)
		path = bi_xstrndup(p + 1, (size_t)(q - p - 1));
	bi_analysis__check(a, "BI206", BI_SEV_WARNING, path, "build tools in a runtime image: %s",
			   msg.buf);
	free(path);
	bi_buf_release(&msg);
}

/* uid of a user name from /etc/passwd, or -1. */
static long passwd_uid(const struct bi_view *v, struct bi_span user)
{
	const struct bi_fentry *e = v->resolve(v->ctx, "etc/passwd");
	struct bi_span t, line, name, rest, pw, uid;
	uint64_t u;

	if (!e || !e->content.ptr)
		return -1;
	t = e->content;
	while (bi_span_next_line(&t, &line)) {
		if (!bi_span_cut(line, ':', &name, &rest) || !bi_span_eq(name, user))
			continue;
		if (!bi_span_cut(rest, ':', &pw, &rest) || !bi_span_cut(rest, ':', &uid, &rest))
			return -1;
		return bi_span_to_u64(uid, &u) && u < LONG_MAX ? (long)u : -1;
	}
	return -1;
}

static void check_root(struct bi_analysis *a, const struct bi_view *v)
{
	const char *u = a->img->config.user;
	struct bi_span user, group;
	uint64_t uid;

	if (!u || !*u) {
		bi_analysis__check(a, "BI207", BI_SEV_NOTE, NULL,
				   "no USER in the config: the container runs as root");
		return;
	}
	user = bi_span_str(u);
	if (bi_span_cut(user, ':', &user, &group))
		(void)group;
	if (bi_span_eq_str(user, "root") || (bi_span_to_u64(user, &uid) && uid == 0) ||
	    (!bi_span_to_u64(user, &uid) && passwd_uid(v, user) == 0))
		bi_analysis__check(a, "BI207", BI_SEV_NOTE, NULL,
				   "USER %s: the container runs as root", u);
}

void bi_run_checks(struct bi_analysis *a, const struct bi_view *v)
{
	check_entrypoint(a, v);
	check_libc_mismatch(a, v);
	check_build_tools(a);
	check_root(a, v);
}
