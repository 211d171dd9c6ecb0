/* SPDX-License-Identifier: MIT */
/*
 * Rules about what the final stage runs on and what runs in shell-less
 * stages: BI105 full-image-final, BI107 shell-missing, BI108
 * scratch-dynamic-binary, BI109 libc-mismatch. stages.c gathers the facts.
 */
#include "util/common.h"

#include "lint/lint_int.h"
#include "lint/shell.h"

static const struct bi_instr *instr_at(struct bi_lint_ctx *c, const struct bi_stage *s, size_t k)
{
	return &c->df->instrs[s->first_instr + k];
}

static const struct bi_stage *base_of(struct bi_lint_ctx *c, const struct bi_stage *s)
{
	if (s->base_stage < 0 || (size_t)s->base_stage >= c->b->nstages ||
	    (size_t)s->base_stage >= s->index)
		return NULL;
	return &c->b->stages[s->base_stage];
}

static bool eq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

/* ---------------------------------------------------------------- BI105 --- */

static bool has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && eq(s + a - b, suf);
}

/* "python:3.12-bookworm" -> "python:3.12-slim-bookworm"; "node" -> "node:slim". */
static char *slim_tag(const struct bi_lint_root *r)
{
	static const char *const codenames[] = { "-bookworm", "-trixie",  "-bullseye", "-buster",
						 "-forky",    "-stretch", NULL };
	const char *img = r->image ? r->image : "";
	const char *at = strchr(img, '@'), *colon;
	_cleanup_free_ char *base = at ? bi_xstrndup(img, (size_t)(at - img)) : bi_xstrdup(img);
	_cleanup_free_ char *tag = NULL;

	colon = strrchr(base, ':');
	if (!colon || strchr(colon, '/'))
		return bi_xasprintf("%s:slim", r->name);
	tag = bi_xstrdup(colon + 1);
	if (eq(tag, "latest"))
		return bi_xasprintf("%s:slim", r->name);
	for (size_t i = 0; codenames[i]; i++) {
		if (has_suffix(tag, codenames[i])) {
			size_t n = strlen(tag) - strlen(codenames[i]);
			return bi_xasprintf("%s:%.*s-slim%s", r->name, (int)n, tag, codenames[i]);
		}
		if (eq(tag, codenames[i] + 1))
			return bi_xasprintf("%s:%s-slim", r->name, tag);
	}
	return bi_xasprintf("%s:%s-slim", r->name, tag);
}

void bi_lint__bi105(struct bi_lint_ctx *c, const struct bi_stage *fin)
{
	const struct bi_lint_root *r = &c->roots[fin->index];
	_cleanup_free_ char *fix = NULL;
	const char *img = r->image ? r->image : "?";

	if (!r->known || r->scratch || !r->m.known || !r->m.full)
		return;
	if (r->m.build_only) {
		fix = bi_xstrdup("build in this image, then COPY --from the result into a slim, "
				 "alpine or distroless runtime stage");
		bi_lint__add(c, BI_RULE_105, fin->from, fix,
			     "the final stage runs on '%s', a build-only image", img);
		return;
	}
	if (r->name && (eq(r->name, "ubuntu") || eq(r->name, "buildpack-deps")))
		fix = bi_xstrdup("use a slim or distroless runtime stage and copy only what runs");
	else if (r->name && eq(r->name, "debian"))
		fix = bi_xasprintf("use the slim variant: %s-slim",
				   strchr(img, ':') ? img : "debian:trixie");
	else if (r->name && (eq(r->name, "python") || eq(r->name, "node") || eq(r->name, "ruby") ||
			     eq(r->name, "perl") || eq(r->name, "php"))) {
		_cleanup_free_ char *slim = slim_tag(r);
		fix = bi_xasprintf("use the slim variant (%s) or a distroless runtime stage", slim);
	} else
		fix = bi_xstrdup("use a slim, alpine or distroless runtime stage");
	bi_lint__add(c, BI_RULE_105, fin->from, fix, "the final stage runs on '%s', a full image",
		     img);
}

/* ---------------------------------------------------------------- BI107 --- */

/*
 * Whether a COPY or ADD among the stage's first k instructions puts a file
 * at the absolute path prog (as the destination itself, or into its folder).
 * Then prog is the user's own binary, whatever its name ("/usr/local/bin/dash"
 * for an app called dash), not a shell the image lacks.
 */
static bool copied_to(struct bi_lint_ctx *c, const struct bi_stage *s, size_t k, const char *prog)
{
	const char *base = bi_sh_basename(prog);
	size_t dirlen = (size_t)(base - prog); /* "/usr/local/bin/" */

	if (prog[0] != '/' || !*base)
		return false;
	for (size_t j = 0; j < k; j++) {
		const struct bi_instr *in = instr_at(c, s, j);
		const char *dest;
		size_t dl;

		if ((in->kind != BI_I_COPY && in->kind != BI_I_ADD) || in->nargs < 2)
			continue;
		dest = in->args[in->nargs - 1];
		if (eq(dest, prog))
			return true;
		dl = strlen(dest);
		while (dl > 1 && dest[dl - 1] == '/')
			dl--;
		/* dest "/usr/local/bin" or "/usr/local/bin/" for prog's folder; "/" for "/app" */
		if (dl != (dirlen > 1 ? dirlen - 1 : 1) || strncmp(dest, prog, dl) != 0)
			continue;
		for (size_t i = 0; i + 1 < in->nargs; i++)
			if (eq(bi_sh_basename(in->args[i]), base))
				return true;
	}
	return false;
}

/* An exec form running a shell, or a script, which needs /bin/sh. */
static bool program_needs_shell(struct bi_lint_ctx *c, const struct bi_stage *s, size_t k,
				const char *prog)
{
	if (has_suffix(prog, ".sh"))
		return true;
	return bi_sh_is_shell(prog) && !copied_to(c, s, k, prog);
}

/* COPY of a shell binary (busybox, /bin/sh) into the stage. */
static bool copies_shell(const struct bi_instr *in)
{
	for (size_t i = 0; i + 1 < in->nargs; i++) {
		const char *b = bi_sh_basename(in->args[i]);
		if (eq(b, "sh") || eq(b, "bash") || eq(b, "busybox") || eq(b, "ash"))
			return true;
	}
	return false;
}

void bi_lint__bi107(struct bi_lint_ctx *c, const struct bi_stage *s)
{
	const struct bi_lint_root *r = &c->roots[s->index];
	const char *img = r->image ? r->image : "?";
	const char *fix = "use the exec form with a binary: [\"/app\", \"arg\"]";
	bool exec_entrypoint = false;

	if (!r->known || !(r->scratch || (r->m.known && !r->m.has_shell)))
		return;
	for (size_t k = 0; k < s->ninstrs; k++) {
		const struct bi_instr *in = instr_at(c, s, k);
		const char *what = NULL;

		switch (in->kind) {
		case BI_I_SHELL:
			return; /* a custom shell: trust it */
		case BI_I_COPY:
		case BI_I_ADD:
			if (copies_shell(in))
				return;
			break;
		case BI_I_RUN:
			if (!in->json_form)
				what = "shell-form RUN";
			else if (in->nargs && program_needs_shell(c, s, k, in->args[0]))
				what = "RUN of a shell or shell script";
			break;
		case BI_I_ENTRYPOINT:
		case BI_I_CMD:
			if (!in->json_form && in->nargs && in->args[0][0])
				what = in->kind == BI_I_CMD ? "shell-form CMD" :
							      "shell-form ENTRYPOINT";
			else if (in->json_form && in->nargs &&
				 program_needs_shell(c, s, k, in->args[0]) &&
				 !(in->kind == BI_I_CMD && exec_entrypoint))
				what = in->kind == BI_I_CMD ?
					       "CMD running a shell or shell script" :
					       "ENTRYPOINT running a shell or shell "
					       "script";
			if (in->kind == BI_I_ENTRYPOINT)
				exec_entrypoint = in->json_form && in->nargs;
			break;
		case BI_I_HEALTHCHECK:
			if (in->nargs < 2 || strcasecmp(in->args[0], "CMD") != 0)
				break;
			if (!in->json_form)
				what = "shell-form HEALTHCHECK";
			else if (program_needs_shell(c, s, k, in->args[1]))
				what = "HEALTHCHECK running a shell or shell script";
			break;
		case BI_I_UNKNOWN:
		case BI_I_ARG:
		case BI_I_ENV:
		case BI_I_EXPOSE:
		case BI_I_FROM:
		case BI_I_LABEL:
		case BI_I_MAINTAINER:
		case BI_I_ONBUILD:
		case BI_I_STOPSIGNAL:
		case BI_I_USER:
		case BI_I_VOLUME:
		case BI_I_WORKDIR:
		case BI_I__MAX:
			break;
		}
		if (what)
			bi_lint__add(
				c, BI_RULE_107, in,
				in->kind == BI_I_RUN ?
					"run it in a build stage with a shell and COPY the result, "
					"or use the exec form with a binary" :
					fix,
				"%s needs /bin/sh, but '%s' has no shell", what, img);
	}
}

/* ------------------------------------------------------------ BI108/109 --- */

/* A COPY whose sources are all plainly data (certificates, config, assets). */
static bool copy_is_data(const struct bi_instr *in)
{
	static const char *const prefixes[] = { "/etc/", "/usr/share/", "/usr/local/share/", NULL };
	static const char *const suffixes[] = {
		".crt", ".pem", ".json", ".yaml", ".yml", ".toml", ".conf",	  ".html",
		".css", ".js",	".wasm", ".txt",  ".md",  ".sql",  ".ini",	  ".xml",
		".env", ".key", ".png",	 ".svg",  ".ico", ".cfg",  ".properties", ".jar",
		".war", ".py",	".rb",	 ".php",  NULL,
	};
	size_t nsrc = in->nargs ? in->nargs - 1 : 0;

	if (in->nheredocs || nsrc == 0)
		return true;
	for (size_t i = 0; i < nsrc; i++) {
		const char *src = in->args[i];
		bool data = strstr(src, "zoneinfo") || strstr(src, "ca-certificates") ||
			    strstr(src, "/ssl/") || eq(src, "/etc/passwd");
		for (size_t k = 0; !data && prefixes[k]; k++)
			if (strncmp(src, prefixes[k], strlen(prefixes[k])) == 0)
				data = true;
		for (size_t k = 0; !data && suffixes[k]; k++)
			if (has_suffix(src, suffixes[k]))
				data = true;
		if (!data)
			return false;
	}
	return true;
}

struct dyn {
	bool go, cc, cargo;
};

static bool root_has_toolchain(const struct bi_lint_root *r)
{
	const char *b;

	if (!r->known || r->scratch || !r->name)
		return false;
	b = bi_sh_basename(r->name);
	if (r->m.libc == BI_LIBC_MUSL || (r->image && strstr(r->image, "alpine")))
		return false;
	return eq(b, "golang") || eq(b, "gcc") || eq(b, "buildpack-deps") || eq(b, "rust");
}

static struct dyn dynamic(struct bi_lint_ctx *c, const struct bi_stage *s,
			  const struct bi_lint_facts *f)
{
	const struct bi_lint_root *r = &c->roots[s->index];
	struct dyn d = { 0 };
	bool toolchain = root_has_toolchain(r), env_off = false, go_dyn = false, go_forced = false;
	bool cargo = false;

	for (const struct bi_stage *st = s; st; st = base_of(c, st)) {
		const struct bi_lint_facts *sf = &f[st->index];
		toolchain |= sf->toolchain;
		env_off |= sf->go_env_off;
		go_dyn |= sf->go_dyn;
		go_forced |= sf->go_forced;
		d.cc |= sf->cc_dyn;
		cargo |= sf->cargo_dyn;
	}
	if (bi_lint__stage_var_is(c, s, "CGO_ENABLED", "0"))
		env_off = true;
	if (go_dyn && bi_lint__stage_var_is(c, s, "CGO_ENABLED", "1"))
		go_forced = true;
	d.go = go_forced || (go_dyn && toolchain && !env_off);
	if (cargo && r->m.libc != BI_LIBC_MUSL && !(r->image && strstr(r->image, "musl")) &&
	    !bi_lint__stage_var_has(c, s, "CARGO_BUILD_TARGET", "musl") &&
	    !bi_lint__stage_var_has(c, s, "RUSTFLAGS", "crt-static"))
		d.cargo = true;
	return d;
}

static const char *libc_name(enum bi_libc l)
{
	return l == BI_LIBC_MUSL ? "musl" : "glibc";
}

static void copy_rules_stage(struct bi_lint_ctx *c, const struct bi_stage *fin,
			     const struct bi_lint_root *fr, const struct bi_lint_facts *f,
			     struct dyn *memo, bool *known);

void bi_lint__copy_rules(struct bi_lint_ctx *c, const struct bi_stage *fin,
			 const struct bi_lint_facts *f)
{
	const struct bi_lint_root *fr = &c->roots[fin->index];
	_cleanup_free_ struct dyn *memo = bi_xcalloc(c->b->nstages, sizeof(*memo));
	_cleanup_free_ bool *known = bi_xcalloc(c->b->nstages, sizeof(*known));

	/* The final stage and the stages it is built FROM all end up in the image. */
	for (const struct bi_stage *st = fin; st; st = base_of(c, st))
		copy_rules_stage(c, st, fr, f, memo, known);
}

static void copy_rules_stage(struct bi_lint_ctx *c, const struct bi_stage *fin,
			     const struct bi_lint_root *fr, const struct bi_lint_facts *f,
			     struct dyn *memo, bool *known)
{
	for (size_t u = 0; u < fin->nuses; u++) {
		const struct bi_stage_use *use = &fin->uses[u];
		const struct bi_stage *src;
		const struct bi_lint_root *sr;
		struct dyn d;
		char lb[32];
		const char *what, *fix;

		if (use->is_mount || use->stage < 0 || (size_t)use->stage >= c->b->nstages ||
		    !use->instr || (use->instr->kind != BI_I_COPY && use->instr->kind != BI_I_ADD))
			continue;
		src = &c->b->stages[use->stage];
		if (copy_is_data(use->instr))
			continue;
		if (!known[src->index]) {
			memo[src->index] = dynamic(c, src, f);
			known[src->index] = true;
		}
		d = memo[src->index];
		if (!d.go && !d.cc && !d.cargo)
			continue;
		what = d.go ? "go build with cgo enabled and a C toolchain" :
		       d.cc ? "a C/C++ compiler linking without -static" :
			      "cargo build without a musl target";
		if (fr->known && fr->scratch) {
			fix = d.go ? "build with CGO_ENABLED=0 (or link statically)" :
			      d.cc ? "link with -static" :
				     "build with --target x86_64-unknown-linux-musl (or "
				     "crt-static)";
			bi_lint__add(c, BI_RULE_108, use->instr, fix,
				     "copies from stage '%s', where %s likely links dynamically, "
				     "into scratch, which has no libc",
				     bi_lint__stage_label(src, lb, sizeof(lb)), what);
			continue;
		}
		sr = &c->roots[src->index];
		if (!fr->known || !fr->m.known || !sr->known || sr->scratch || !sr->m.known)
			continue;
		if ((fr->m.libc != BI_LIBC_GLIBC && fr->m.libc != BI_LIBC_MUSL) ||
		    (sr->m.libc != BI_LIBC_GLIBC && sr->m.libc != BI_LIBC_MUSL) ||
		    fr->m.libc == sr->m.libc)
			continue;
		fix = sr->m.libc == BI_LIBC_GLIBC ?
			      "build on an Alpine-based image too, or build statically "
			      "(CGO_ENABLED=0, -static, a musl target)" :
			      "build on a glibc-based image too, or build statically";
		bi_lint__add(c, BI_RULE_109, use->instr, fix,
			     "copies a binary built by %s against %s (stage '%s', %s) into a "
			     "%s-based final image (%s)",
			     what, libc_name(sr->m.libc), bi_lint__stage_label(src, lb, sizeof(lb)),
			     sr->image ? sr->image : "?", libc_name(fr->m.libc),
			     fr->image ? fr->image : "?");
	}
}
