/* SPDX-License-Identifier: MIT */
/*
 * Rules over stages and RUN commands: BI105 full-image-final, BI106
 * alpine-c-extensions, BI107 shell-missing, BI108 scratch-dynamic-binary,
 * BI109 libc-mismatch, BI112 build-tools-final.
 */
#include "util/common.h"

#include "lint/cmds.h"
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

/* Spend `cost` units of the file's work budget; false when it is spent. */
static bool spend(struct bi_lint_ctx *c, size_t cost)
{
	if (c->var_budget < cost) {
		c->var_budget = 0;
		return false;
	}
	c->var_budget -= cost;
	return true;
}

/* Remove quotes from a value the way the shell would, words joined by spaces. */
static char *unquote(const char *v)
{
	struct bi_sh_script sc = { 0 };
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);

	if (!strpbrk(v, "'\"\\"))
		return bi_xstrdup(v);
	bi_sh_parse(bi_span_str(v), &sc);
	for (size_t i = 0; i < sc.n; i++)
		for (size_t j = 0; j < sc.cmds[i].n; j++)
			bi_buf_addf(&b, "%s%s", b.len ? " " : "", sc.cmds[i].words[j]);
	bi_sh_script_release(&sc);
	return bi_buf_detach(&b, NULL);
}

static const char *global_or_build_arg(struct bi_lint_ctx *c, struct bi_span name)
{
	if (c->o)
		for (size_t i = 0; i < c->o->nbuild_args; i++)
			if (bi_span_eq_str(name, c->o->build_args[i].key))
				return c->o->build_args[i].value;
	for (size_t i = 0; i < c->b->nglobal_args; i++)
		if (bi_span_eq_str(name, c->b->global_args[i].key))
			return c->b->global_args[i].value;
	return NULL;
}

char *bi_lint__stage_var(struct bi_lint_ctx *c, const struct bi_stage *s, struct bi_span name)
{
	for (const struct bi_stage *st = s; st; st = base_of(c, st)) {
		for (size_t k = st->ninstrs; k-- > 0;) {
			const struct bi_instr *in = instr_at(c, st, k);

			if (!spend(c, 1))
				return NULL;

			if (in->kind == BI_I_ENV) {
				for (size_t a = in->nargs / 3 * 3; a >= 3; a -= 3)
					if (bi_span_eq_str(name, in->args[a - 3]))
						return spend(c, strlen(in->args[a - 2])) ?
							       unquote(in->args[a - 2]) :
							       NULL;
			} else if (in->kind == BI_I_ARG) {
				for (size_t a = in->nargs; a-- > 0;) {
					struct bi_span key, val;
					const char *arg = in->args[a];
					if (!bi_span_cut(bi_span_str(arg), '=', &key, &val))
						key = bi_span_str(arg), val = BI_SPAN_NULL;
					if (!bi_span_eq(key, name))
						continue;
					const char *bv = NULL;
					if (c->o)
						for (size_t i = 0; i < c->o->nbuild_args; i++)
							if (bi_span_eq_str(name,
									   c->o->build_args[i].key))
								bv = c->o->build_args[i].value;
					if (bv)
						return bi_xstrdup(bv);
					if (val.ptr) {
						_cleanup_free_ char *raw = bi_span_dup(val);
						return spend(c, val.len) ? unquote(raw) : NULL;
					}
					bv = global_or_build_arg(c, name);
					return bv ? bi_xstrdup(bv) : NULL;
				}
			}
		}
		if (!spend(c, st->nvars))
			return NULL;
		for (size_t i = st->nvars; i-- > 0;)
			if (bi_span_eq_str(name, st->vars[i].key) && st->vars[i].value)
				return bi_xstrdup(st->vars[i].value);
	}
	return NULL;
}

bool bi_lint__stage_var_is(struct bi_lint_ctx *c, const struct bi_stage *s, const char *name,
			   const char *want)
{
	_cleanup_free_ char *v = bi_lint__stage_var(c, s, bi_span_str(name));
	return v && eq(v, want);
}

bool bi_lint__stage_var_has(struct bi_lint_ctx *c, const struct bi_stage *s, const char *name,
			    const char *needle)
{
	_cleanup_free_ char *v = bi_lint__stage_var(c, s, bi_span_str(name));
	return v && strstr(v, needle);
}

/* ---------------------------------------------------------- RUN commands --- */

void bi_lint__run_script(const struct bi_instr *in, struct bi_sh_script *ret)
{
	size_t before = ret->n;
	bool shell_heredoc;

	if (in->json_form) {
		bi_sh_add_argv(ret, in->args, in->nargs);
	} else {
		for (size_t i = 0; i < in->nargs; i++)
			bi_sh_parse(bi_span_str(in->args[i]), ret);
	}
	/* RUN <<EOF, or RUN sh <<EOF: the heredoc body is the script. */
	shell_heredoc = ret->n == before ||
			(ret->cmds[before].n && bi_sh_is_shell(ret->cmds[before].words[0]));
	for (size_t i = 0; i < in->nheredocs && !in->json_form; i++)
		if (shell_heredoc && in->heredocs[i].content)
			bi_sh_parse(bi_span_str(in->heredocs[i].content), ret);
}

/* One command after prefixes and $VAR expansion. */
struct xcmd {
	char **w;
	size_t n;
	bool cgo_off, cgo_on; /* CGO_ENABLED set inline or earlier in the RUN */
	bool rust_static;     /* RUSTFLAGS crt-static or a musl CARGO_BUILD_TARGET, likewise */
};

struct xrun {
	struct xcmd *cmds;
	size_t n, alloc;
};

static void xrun_release(struct xrun *x)
{
	for (size_t i = 0; i < x->n; i++) {
		for (size_t j = 0; j < x->cmds[i].n; j++)
			free(x->cmds[i].w[j]);
		free(x->cmds[i].w);
	}
	free(x->cmds);
	memset(x, 0, sizeof(*x));
}

struct locals {
	struct bi_kv *v;
	size_t n, alloc;
};

static void locals_set(struct locals *l, struct bi_span name, struct bi_span value)
{
	for (size_t i = 0; i < l->n; i++) {
		if (bi_span_eq_str(name, l->v[i].key)) {
			free(l->v[i].value);
			l->v[i].value = bi_span_dup(value);
			return;
		}
	}
	if (l->n >= 1024)
		return;
	BI_ALLOC_GROW(l->v, l->n + 1, l->alloc);
	l->v[l->n].key = bi_span_dup(name);
	l->v[l->n++].value = bi_span_dup(value);
}

static void locals_release(struct locals *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].value);
	}
	free(l->v);
}

/* "$NAME" or "${NAME}" as the whole word: the name. */
static bool whole_var(const char *w, struct bi_span *ret)
{
	size_t len = strlen(w);

	if (len > 3 && w[0] == '$' && w[1] == '{' && w[len - 1] == '}') {
		*ret = bi_span_make(w + 2, len - 3);
	} else if (len > 1 && w[0] == '$') {
		*ret = bi_span_make(w + 1, len - 1);
	} else {
		return false;
	}
	for (size_t i = 0; i < ret->len; i++)
		if (!isalnum((unsigned char)ret->ptr[i]) && ret->ptr[i] != '_')
			return false;
	return ret->len > 0;
}

static void push_word(struct xcmd *x, size_t *alloc, char *w)
{
	if (x->n >= BI_SH_MAX_WORDS) {
		free(w);
		return;
	}
	BI_ALLOC_GROW(x->w, x->n + 1, *alloc);
	x->w[x->n++] = w;
}

/* RUSTFLAGS=-Ctarget-feature=+crt-static, CARGO_BUILD_TARGET=...-musl: cargo links statically. */
static bool rust_static_var(struct bi_span name, struct bi_span value)
{
	if (bi_span_eq_str(name, "RUSTFLAGS") || bi_span_eq_str(name, "CARGO_ENCODED_RUSTFLAGS"))
		return bi_span_find(value, bi_span_str("crt-static")) >= 0;
	if (bi_span_eq_str(name, "CARGO_BUILD_TARGET"))
		return bi_span_find(value, bi_span_str("musl")) >= 0;
	return false;
}

static void run_commands(struct bi_lint_ctx *c, const struct bi_stage *s, const struct bi_instr *in,
			 struct xrun *out)
{
	struct bi_sh_script sc = { 0 };
	struct locals loc = { 0 };

	bi_lint__run_script(in, &sc);
	for (size_t i = 0; i < sc.n; i++) {
		struct bi_sh_cmd *cmd = &sc.cmds[i];
		size_t p = bi_lint_cmd_program(cmd->words, cmd->n), alloc = 0;
		struct xcmd x = { 0 };
		struct bi_span name, value;

		for (size_t k = 0; k < p; k++) {
			if (!bi_sh_assignment(cmd->words[k], &name, &value))
				continue;
			/* GOOS=js / GOARCH=wasm / GOOS=windows: not a Linux binary */
			/* a literal foreign GOARCH cross-compiles: cgo is off by default */
			if ((bi_span_eq_str(name, "GOARCH") && value.len && value.ptr[0] != '$' &&
			     !bi_span_eq_str(value, "amd64")) ||
			    (bi_span_eq_str(name, "GOOS") && !bi_span_eq_str(value, "linux") &&
			     value.len && value.ptr[0] != '$'))
				x.cgo_off = true;
			if (p == cmd->n)
				locals_set(&loc, name, value);
			else if (rust_static_var(name, value))
				x.rust_static = true;
			else if (bi_span_eq_str(name, "CGO_ENABLED"))
				*(bi_span_eq_str(value, "0") ? &x.cgo_off : &x.cgo_on) = true;
		}
		if (p == cmd->n)
			continue;
		if (eq(cmd->words[p], "export")) {
			for (size_t k = p + 1; k < cmd->n; k++)
				if (bi_sh_assignment(cmd->words[k], &name, &value))
					locals_set(&loc, name, value);
			continue;
		}
		for (size_t k = 0; k < loc.n; k++) {
			if (eq(loc.v[k].key, "CGO_ENABLED") && !x.cgo_off && !x.cgo_on)
				*(eq(loc.v[k].value, "0") ? &x.cgo_off : &x.cgo_on) = true;
			if (rust_static_var(bi_span_str(loc.v[k].key), bi_span_str(loc.v[k].value)))
				x.rust_static = true;
		}
		for (size_t k = p; k < cmd->n; k++) {
			const char *val = NULL;
			_cleanup_free_ char *sv = NULL;

			if (k > p && whole_var(cmd->words[k], &name)) {
				size_t nloc = spend(c, loc.n + 1) ? loc.n : 0;
				for (size_t j = 0; j < nloc; j++)
					if (bi_span_eq_str(name, loc.v[j].key))
						val = loc.v[j].value;
				if (!val)
					val = sv = bi_lint__stage_var(c, s, name);
			}
			if (!val) {
				push_word(&x, &alloc, bi_xstrdup(cmd->words[k]));
				continue;
			}
			struct bi_span rest = bi_span_str(val), tok;
			while (rest.len) {
				size_t ws = strspn(rest.ptr, " \t\n");
				if (ws > rest.len)
					ws = rest.len;
				rest = bi_span_sub(rest, ws, rest.len - ws);
				if (!rest.len)
					break;
				tok = rest;
				for (size_t j = 0; j < rest.len; j++)
					if (strchr(" \t\n", rest.ptr[j])) {
						tok.len = j;
						break;
					}
				push_word(&x, &alloc, bi_span_dup(tok));
				rest = bi_span_sub(rest, tok.len, rest.len - tok.len);
			}
		}
		if (x.n == 0) {
			free(x.w);
			continue;
		}
		if (out->n >= BI_SH_MAX_CMDS) {
			for (size_t k = 0; k < x.n; k++)
				free(x.w[k]);
			free(x.w);
			continue;
		}
		BI_ALLOC_GROW(out->cmds, out->n + 1, out->alloc);
		out->cmds[out->n++] = x;
	}
	locals_release(&loc);
	bi_sh_script_release(&sc);
}

/* ---------------------------------------------------------------- facts --- */

/* BI112 bookkeeping: build tools installed in the final stage's chain. */
struct tool {
	char *pkg;
	char *group; /* apk --virtual name, or NULL */
	const struct bi_instr *in;
	const char *manager;
	bool removed;
};

struct tools {
	struct tool *v;
	size_t n, alloc;
};

static void tools_release(struct tools *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].pkg);
		free(t->v[i].group);
	}
	free(t->v);
}

static void track_tools(struct bi_lint_ctx *c, struct tools *t, const struct bi_instr *in,
			const struct bi_pm_action *a, bool *mark_auto)
{
	switch (a->op) {
	case BI_PM_INSTALL:
		for (size_t i = 0; i < a->npkgs && t->n < 4096; i++) {
			if (!bi_pm_is_build_tool(a->pkgs[i]))
				continue;
			BI_ALLOC_GROW(t->v, t->n + 1, t->alloc);
			t->v[t->n++] = (struct tool){
				.pkg = bi_xstrdup(a->pkgs[i]),
				.group = a->virtual_name ? bi_xstrdup(a->virtual_name) : NULL,
				.in = in,
				.manager = eq(a->manager, "apt") || eq(a->manager, "aptitude") ?
						   "apt-get" :
					   eq(a->manager, "apk")     ? "apk" :
					   eq(a->manager, "apt-get") ? "apt-get" :
								       "dnf",
			};
		}
		break;
	case BI_PM_REMOVE:
		if (!spend(c, t->n * (a->npkgs + 1)))
			break;
		for (size_t i = 0; i < t->n; i++) {
			/*
			 * Only a removal in the same RUN keeps the tools out of the
			 * image: a later RUN cannot shrink the layer that added them.
			 */
			if (t->v[i].in != in)
				continue;
			for (size_t j = 0; j < a->npkgs; j++)
				if (eq(t->v[i].pkg, a->pkgs[j]) ||
				    (t->v[i].group && eq(t->v[i].group, a->pkgs[j])))
					t->v[i].removed = true;
			if (a->auto_remove && *mark_auto)
				t->v[i].removed = true;
		}
		break;
	case BI_PM_AUTOREMOVE:
		for (size_t i = 0; i < t->n; i++)
			if (*mark_auto && t->v[i].in == in)
				t->v[i].removed = true;
		break;
	case BI_PM_MARK_AUTO:
		*mark_auto = true;
		break;
	case BI_PM_NONE:
		break;
	}
}

struct pyctx {
	struct bi_lint_ctx *c;
	struct bi_buf *names;
	size_t count;
	size_t nfiles;
};

static void py_pkg(void *ctx, const char *name)
{
	struct pyctx *p = ctx;

	if (!bi_kb_python_c_extension(p->c->kb, name))
		return;
	if (p->count < 8)
		bi_buf_addf(p->names, "%s%s", p->count ? ", " : "", name);
	p->count++;
}

static bool root_is_alpine(const struct bi_lint_root *r)
{
	if (!r->known || r->scratch || !r->m.known)
		return false;
	return eq(r->m.os_id, "alpine") || r->m.class == BI_CLASS_ALPINE;
}

const char *bi_lint__stage_label(const struct bi_stage *s, char *buf, size_t bufsz)
{
	if (s->name)
		return s->name;
	snprintf(buf, bufsz, "%zu", s->index);
	return buf;
}

/* A slim Debian tag for a python root: "python:3.12-slim-trixie". */
static char *slim_python(struct bi_lint_ctx *c, const struct bi_lint_root *r)
{
	const char *deb = bi_kb_get(c->kb, "debian.current");
	const char *tag = r->image ? strrchr(r->image, ':') : NULL;
	size_t vlen = 0;

	if (!deb)
		deb = "trixie";
	if (tag && !strchr(tag, '/')) {
		tag++;
		while (tag[vlen] && (isdigit((unsigned char)tag[vlen]) || tag[vlen] == '.'))
			vlen++;
	}
	if (vlen)
		return bi_xasprintf("python:%.*s-slim-%s", (int)vlen, tag, deb);
	return bi_xasprintf("python:3-slim-%s", deb);
}

#define MAX_REQ_FILES 16 /* requirement files read per RUN */

/* pip install -r FILE: read FILE from the build context when it is there. */
static void py_req_file(void *ctx, const char *file)
{
	struct pyctx *p = ctx;
	const char *dir = p->c->o ? p->c->o->context_dir : NULL;
	_cleanup_(bi_buf_release) struct bi_buf text = BI_BUF_INIT(BI_MAX_CONFIG_FILE);
	_cleanup_free_ char *path = NULL;
	struct bi_span rest, line;
	char name[128];
	int depth;

	if (!dir || p->nfiles >= MAX_REQ_FILES || strchr(file, '$') || strstr(file, "://"))
		return;
	p->nfiles++;
	/* "requirements.txt", "./req/base.txt", "/app/requirements.txt" (copied there) */
	path = bi_xasprintf("%s/%s", dir, file[0] == '/' ? bi_sh_basename(file) : file);
	if (strstr(file, "..") || bi_buf_read_file(&text, path, NULL) < 0)
		return;
	rest = bi_buf_span(&text);
	depth = 0;
	while (bi_span_next_line(&rest, &line) && depth++ < 10000) {
		ptrdiff_t hash = bi_span_find_char(line, '#');
		_cleanup_free_ char *spec = NULL;

		if (hash >= 0)
			line.len = (size_t)hash;
		line = bi_span_trim(line);
		if (!line.len || line.ptr[0] == '-')
			continue;
		spec = bi_span_dup(line);
		if (bi_py_req_name(spec, name, sizeof(name)))
			py_pkg(p, name);
	}
}

static void bi106_run(struct bi_lint_ctx *c, size_t si, const struct bi_instr *in,
		      const struct xrun *x)
{
	_cleanup_(bi_buf_release) struct bi_buf names = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct pyctx p = { .c = c, .names = &names };
	_cleanup_free_ char *fix = NULL, *slim = NULL;

	for (size_t i = 0; i < x->n; i++)
		bi_py_install(x->cmds[i].w, x->cmds[i].n, py_pkg, py_req_file, &p);
	if (!p.count)
		return;
	slim = slim_python(c, &c->roots[si]);
	fix = bi_xasprintf("use a Debian slim base such as %s, where wheels exist", slim);
	bi_lint__add(c, BI_RULE_106, in, fix,
		     "installs Python packages with C extensions (%s%s) on an Alpine-based image: "
		     "without musllinux wheels they compile from source",
		     names.buf, p.count > 8 ? ", ..." : "");
}

static void scan_stage(struct bi_lint_ctx *c, size_t si, bool in_final_chain,
		       struct bi_lint_facts *f, struct tools *tools)
{
	const struct bi_stage *s = &c->b->stages[si];
	bool alpine = root_is_alpine(&c->roots[si]);

	for (size_t k = 0; k < s->ninstrs; k++) {
		const struct bi_instr *in = instr_at(c, s, k);
		struct xrun x = { 0 };
		bool mark_auto = false;

		if (in->kind != BI_I_RUN)
			continue;
		run_commands(c, s, in, &x);
		for (size_t i = 0; i < x.n; i++) {
			struct xcmd *cmd = &x.cmds[i];
			struct bi_pm_action a;
			bool st;

			if (bi_pm_parse(cmd->w, cmd->n, &a)) {
				if (a.op == BI_PM_INSTALL)
					for (size_t j = 0; j < a.npkgs; j++)
						if (bi_pm_is_c_toolchain(a.pkgs[j]))
							f->toolchain = true;
				if (in_final_chain)
					track_tools(c, tools, in, &a, &mark_auto);
				bi_pm_action_release(&a);
				continue;
			}
			if (cmd->n >= 4 && eq(bi_sh_basename(cmd->w[0]), "go") &&
			    eq(cmd->w[1], "env") && eq(cmd->w[2], "-w"))
				for (size_t j = 3; j < cmd->n; j++)
					if (eq(cmd->w[j], "CGO_ENABLED=0"))
						f->go_env_off = true;
			switch (bi_build_cmd(cmd->w, cmd->n, &st)) {
			case BI_BUILD_GO:
				if (cmd->cgo_on && !st)
					f->go_forced = true;
				else if (!cmd->cgo_off && !st)
					f->go_dyn = true;
				break;
			case BI_BUILD_CC:
				if (!st)
					f->cc_dyn = true;
				break;
			case BI_BUILD_CARGO:
				if (!st && !cmd->rust_static)
					f->cargo_dyn = true;
				break;
			case BI_BUILD_NONE:
				break;
			}
		}
		if (alpine)
			bi106_run(c, si, in, &x);
		xrun_release(&x);
	}
}

/* Whether pkg is an item of the ", "-separated list. */
static bool listed(const struct bi_buf *names, const char *pkg)
{
	struct bi_span rest = bi_buf_span(names), item;

	while (bi_span_split(&rest, ',', &item))
		if (bi_span_eq_str(bi_span_trim(item), pkg))
			return true;
	return false;
}

static void bi112_report(struct bi_lint_ctx *c, struct tools *t)
{
	for (size_t i = 0; i < t->n; i++) {
		_cleanup_(bi_buf_release) struct bi_buf names = BI_BUF_INIT(BI_BUF_NOLIMIT);
		_cleanup_free_ char *fix = NULL;
		const struct bi_instr *in = t->v[i].in;
		const char *mgr = t->v[i].manager;
		size_t count = 0;

		if (t->v[i].removed || !in)
			continue;
		for (size_t j = i; j < t->n; j++) {
			if (t->v[j].in != in || t->v[j].removed)
				continue;
			if (j > i)
				t->v[j].in = NULL;
			if (listed(&names, t->v[j].pkg))
				continue;
			if (count++ < 8)
				bi_buf_addf(&names, "%s%s", names.len ? ", " : "", t->v[j].pkg);
		}
		if (eq(mgr, "apk"))
			fix = bi_xstrdup(
				"install them in a build stage, or in the same RUN with "
				"apk add --virtual .build-deps ... && apk del .build-deps");
		else if (eq(mgr, "apt-get"))
			fix = bi_xstrdup("install them in a build stage and copy the result, or "
					 "apt-get purge --auto-remove them in the same RUN");
		else
			fix = bi_xstrdup("install them in a build stage and copy the result, or "
					 "remove them in the same RUN");
		bi_lint__add(c, BI_RULE_112, in, fix, "the final stage installs build tools (%s%s)",
			     names.buf, count > 8 ? ", ..." : "");
	}
}

void bi_lint__stage_rules(struct bi_lint_ctx *c)
{
	const struct bi_build *b = c->b;
	const struct bi_stage *fin = b->target < b->nstages ? &b->stages[b->target] : NULL;
	struct bi_lint_facts *f = bi_xcalloc(b->nstages, sizeof(*f));
	bool *final_chain = bi_xcalloc(b->nstages, sizeof(*final_chain));
	struct tools tools = { 0 };

	for (const struct bi_stage *st = fin; st; st = base_of(c, st))
		final_chain[st->index] = true;
	for (size_t i = 0; i < b->nstages; i++) {
		scan_stage(c, i, final_chain[i], &f[i], &tools);
		bi_lint__bi107(c, &b->stages[i]);
	}
	if (fin) {
		bi_lint__bi105(c, fin);
		bi_lint__copy_rules(c, fin, f);
		bi112_report(c, &tools);
	}
	tools_release(&tools);
	free(final_chain);
	free(f);
}
