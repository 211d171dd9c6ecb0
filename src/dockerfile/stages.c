/* SPDX-License-Identifier: MIT */
/*
 * The stage graph (BuildKit's dockerfile2llb, as far as a linter needs it):
 * global ARGs with --build-arg overrides and the predefined platform ARGs,
 * FROM expansion, stage names and indexes, COPY --from and
 * RUN --mount=...,from= uses, per-stage ARG/ENV values, and --target.
 */
#include "util/common.h"

#include "dockerfile/internal.h"

static const char *const platform_args[] = {
	"BUILDPLATFORM",  "BUILDOS",  "BUILDARCH",  "BUILDVARIANT",
	"TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
};

struct vars {
	struct bi_kv *v;
	size_t n, alloc;
};

static void vars_set(struct vars *vs, const char *key, size_t klen, const char *value)
{
	BI_ALLOC_GROW(vs->v, vs->n + 1, vs->alloc);
	vs->v[vs->n].key = bi_xstrndup(key, klen);
	vs->v[vs->n].value = value ? bi_xstrdup(value) : NULL;
	vs->n++;
}

static const struct bi_kv *vars_find(const struct vars *vs, struct bi_span name)
{
	for (size_t i = vs->n; i-- > 0;)
		if (bi_span_eq_str(name, vs->v[i].key))
			return &vs->v[i];
	return NULL;
}

static void vars_release(struct vars *vs)
{
	for (size_t i = 0; i < vs->n; i++) {
		free(vs->v[i].key);
		free(vs->v[i].value);
	}
	free(vs->v);
	*vs = (struct vars){ 0 };
}

static const char *lookup_vars(void *ctx, struct bi_span name)
{
	const struct bi_kv *kv = vars_find(ctx, name);
	return kv ? kv->value : NULL;
}

struct an {
	const struct bi_dockerfile *df;
	const struct bi_build_opts *opts;
	struct bi_build *b;
	struct vars global; /* platform args, then global ARGs */
	size_t alloc_stages, alloc_issues;
};

static void add_issue(struct an *a, enum bi_build_issue_kind kind, const struct bi_instr *in,
		      size_t stage, const char *detail)
{
	struct bi_build *b = a->b;

	if (b->nissues >= 10000)
		return;
	BI_ALLOC_GROW(b->issues, b->nissues + 1, a->alloc_issues);
	b->issues[b->nissues++] = (struct bi_build_issue){ kind, in, stage, bi_xstrdup(detail) };
}

static const char *build_arg(const struct an *a, struct bi_span name)
{
	for (size_t i = a->opts->nbuild_args; i-- > 0;)
		if (a->opts->build_args[i].key && bi_span_eq_str(name, a->opts->build_args[i].key))
			return a->opts->build_args[i].value ? a->opts->build_args[i].value : "";
	return NULL;
}

/* Expand with a scope; NULL when expansion fails (the raw word then stands). */
static char *expand(const struct an *a, struct bi_span word, const struct vars *scope,
		    struct bi_strv *unresolved)
{
	char *out = NULL;

	if (bi_expand_word(word, a->df->escape, lookup_vars, (void *)scope, &out, unresolved,
			   NULL) < 0)
		return NULL;
	return out;
}

static char *expand_or_raw(const struct an *a, struct bi_span word, const struct vars *scope)
{
	char *s = expand(a, word, scope, NULL);
	return s ? s : bi_span_dup(word);
}

static void platform_defaults(struct an *a)
{
	const char *p = a->opts->platform ? a->opts->platform : "linux/amd64";
	struct bi_span os, arch = BI_SPAN_NULL, variant = BI_SPAN_NULL, rest;
	const char *vals[8];
	char *tmp[3];

	if (!bi_span_cut(bi_span_str(p), '/', &os, &rest)) {
		os = bi_span_str(p);
	} else if (!bi_span_cut(rest, '/', &arch, &variant)) {
		arch = rest;
	}
	tmp[0] = bi_span_dup(os);
	tmp[1] = bi_span_dup(arch);
	tmp[2] = bi_span_dup(variant);
	for (int i = 0; i < 2; i++) {
		vals[i * 4] = p;
		vals[i * 4 + 1] = tmp[0];
		vals[i * 4 + 2] = tmp[1];
		vals[i * 4 + 3] = tmp[2];
	}
	for (size_t i = 0; i < BI_ARRAY_SIZE(platform_args); i++) {
		const char *v = build_arg(a, bi_span_str(platform_args[i]));
		vars_set(&a->global, platform_args[i], strlen(platform_args[i]), v ? v : vals[i]);
	}
	for (int i = 0; i < 3; i++)
		free(tmp[i]);
}

/* One ARG word into a scope: NAME or NAME=default. */
static void declare_arg(struct an *a, const char *word, size_t len, struct vars *scope,
			const struct vars *outer)
{
	const char *eq = memchr(word, '=', len);
	size_t klen = eq ? (size_t)(eq - word) : len;
	struct bi_span name = bi_span_make(word, klen);
	const char *ba = build_arg(a, name);
	_cleanup_free_ char *val = NULL;

	if (ba) {
		vars_set(scope, word, klen, ba);
		return;
	}
	if (eq) {
		val = expand_or_raw(a, bi_span_make(eq + 1, len - klen - 1), scope);
		vars_set(scope, word, klen, val);
		return;
	}
	if (outer) {
		const struct bi_kv *kv = vars_find(outer, name);
		vars_set(scope, word, klen, kv ? kv->value : NULL);
		return;
	}
	vars_set(scope, word, klen, NULL);
}

static size_t arg_len(const struct bi_instr *in, size_t i)
{
	return in->args_len ? in->args_len[i] : strlen(in->args[i]);
}

static void env_vars(struct an *a, const struct bi_instr *in, struct vars *scope)
{
	for (size_t i = 0; i + 1 < in->nargs; i += 3) {
		_cleanup_free_ char *val = NULL;
		val = expand_or_raw(a, bi_span_make(in->args[i + 1], arg_len(in, i + 1)), scope);
		vars_set(scope, in->args[i], arg_len(in, i), val);
	}
}

/* The value of --NAME=value among flags, or NULL. */
static const char *flag_value(const struct bi_instr *in, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < in->nflags; i++) {
		const char *f = in->flags[i];
		if (f[0] == '-' && f[1] == '-' && strncasecmp(f + 2, name, n) == 0 &&
		    f[2 + n] == '=')
			return f + 3 + n;
	}
	return NULL;
}

/* Earlier stage named `name` (case-insensitive) before `upto`, or -1; *later if after. */
static long find_stage(const struct bi_build *b, const char *name, size_t upto, bool *later)
{
	*later = false;
	for (size_t i = 0; i < b->nstages; i++) {
		if (!b->stages[i].name || strcasecmp(b->stages[i].name, name) != 0)
			continue;
		if (i < upto)
			return (long)i;
		*later = true;
	}
	return -1;
}

static bool is_number(const char *s)
{
	if (*s == '+' || *s == '-')
		s++;
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static void add_use(struct an *a, struct bi_stage *st, const struct bi_instr *in, const char *value,
		    bool mount, const struct vars *scope)
{
	char *from = expand_or_raw(a, bi_span_str(value), scope);
	long stage = -1;
	size_t alloc = st->nuses;
	bool later;

	if (is_number(from)) {
		long idx;
		errno = 0;
		idx = strtol(from, NULL, 10);
		if (from[0] == '-' || idx < 0 || (size_t)idx >= st->index || errno == ERANGE)
			add_issue(a, BI_BUILD_COPY_FROM_INDEX, in, st->index, from);
		else
			stage = idx;
	} else if (!strpbrk(from, ":/@")) {
		stage = find_stage(a->b, from, st->index, &later);
		if (stage < 0)
			add_issue(a,
				  mount ? BI_BUILD_MOUNT_FROM_UNKNOWN : BI_BUILD_COPY_FROM_UNKNOWN,
				  in, st->index, from);
	}
	if (st->nuses >= 10000) {
		free(from);
		return;
	}
	BI_ALLOC_GROW(st->uses, st->nuses + 1, alloc);
	st->uses[st->nuses++] = (struct bi_stage_use){ in, from, stage, mount };
}

/* "type=cache,target=/x,from=build": the from= of a --mount (CSV fields). */
static char *mount_from(const char *spec)
{
	const char *p = spec;

	while (*p) {
		struct bi_buf field = BI_BUF_INIT(BI_BUF_NOLIMIT);
		bool q = false;
		char *res = NULL;
		for (; *p && (q || *p != ','); p++) {
			if (*p == '"')
				q = !q;
			else
				bi_buf_addch(&field, *p);
		}
		if (*p == ',')
			p++;
		if (strncasecmp(field.buf, "from=", 5) == 0)
			res = bi_xstrdup(field.buf + 5);
		bi_buf_release(&field);
		if (res)
			return res;
	}
	return NULL;
}

static void stage_body(struct an *a, struct bi_stage *st, struct vars *scope)
{
	const struct bi_dockerfile *df = a->df;

	for (size_t i = st->first_instr; i < st->first_instr + st->ninstrs; i++) {
		const struct bi_instr *in = &df->instrs[i];
		switch (in->kind) {
		case BI_I_ARG:
			for (size_t j = 0; j < in->nargs; j++)
				declare_arg(a, in->args[j], arg_len(in, j), scope, &a->global);
			break;
		case BI_I_ENV:
			env_vars(a, in, scope);
			break;
		case BI_I_COPY:
		case BI_I_ADD: {
			const char *f = flag_value(in, "from");
			if (f)
				add_use(a, st, in, f, false, scope);
			break;
		}
		case BI_I_RUN:
			for (size_t j = 0; j < in->nflags; j++) {
				const char *f = in->flags[j];
				_cleanup_free_ char *from = NULL;
				if (strncasecmp(f, "--mount=", 8) != 0)
					continue;
				from = mount_from(f + 8);
				if (from)
					add_use(a, st, in, from, true, scope);
			}
			break;
		case BI_I_UNKNOWN:
		case BI_I_CMD:
		case BI_I_ENTRYPOINT:
		case BI_I_EXPOSE:
		case BI_I_FROM:
		case BI_I_HEALTHCHECK:
		case BI_I_LABEL:
		case BI_I_MAINTAINER:
		case BI_I_ONBUILD:
		case BI_I_SHELL:
		case BI_I_STOPSIGNAL:
		case BI_I_USER:
		case BI_I_VOLUME:
		case BI_I_WORKDIR:
		case BI_I__MAX:
			break;
		}
	}
	st->vars = scope->v;
	st->nvars = scope->n;
	*scope = (struct vars){ 0 };
}

static void from_stage(struct an *a, size_t instr_index)
{
	const struct bi_dockerfile *df = a->df;
	const struct bi_instr *in = &df->instrs[instr_index];
	struct bi_build *b = a->b;
	struct bi_stage *st;
	struct bi_strv unresolved = { 0 };
	const char *pf;

	BI_ALLOC_GROW(b->stages, b->nstages + 1, a->alloc_stages);
	st = &b->stages[b->nstages];
	memset(st, 0, sizeof(*st));
	st->index = b->nstages++;
	st->from = in;
	st->base_stage = -1;
	st->first_instr = instr_index + 1;
	while (st->first_instr + st->ninstrs < df->ninstrs &&
	       df->instrs[st->first_instr + st->ninstrs].kind != BI_I_FROM)
		st->ninstrs++;
	if (in->nargs >= 3 && strcasecmp(in->args[1], "AS") == 0) {
		_cleanup_(bi_buf_release) struct bi_buf low = BI_BUF_INIT(BI_BUF_NOLIMIT);
		bi_go_lower(&low, bi_span_make(in->args[2], arg_len(in, 2)));
		st->name = bi_buf_detach(&low, NULL);
	}
	pf = flag_value(in, "platform");
	if (pf)
		st->platform = expand_or_raw(a, bi_span_str(pf), &a->global);
	if (in->nargs) {
		st->image_raw = bi_span_dup(bi_span_make(in->args[0], arg_len(in, 0)));
		st->image = expand(a, bi_span_str(st->image_raw), &a->global, &unresolved);
		if (!st->image)
			add_issue(a, BI_BUILD_ARG_UNRESOLVED, in, st->index, st->image_raw);
		for (size_t i = 0; i < unresolved.n; i++)
			add_issue(a, BI_BUILD_ARG_UNRESOLVED, in, st->index, unresolved.v[i]);
		if (unresolved.n) {
			free(st->image);
			st->image = NULL;
		}
		bi_strv_release(&unresolved);
	}
}

static void link_stages(struct an *a)
{
	struct bi_build *b = a->b;

	for (size_t i = 0; i < b->nstages; i++) {
		struct bi_stage *st = &b->stages[i];
		bool later;
		if (st->name) {
			for (size_t j = 0; j < i; j++)
				if (b->stages[j].name && strcmp(b->stages[j].name, st->name) == 0) {
					add_issue(a, BI_BUILD_DUPLICATE_STAGE, st->from, i,
						  st->name);
					break;
				}
		}
		if (!st->image)
			continue;
		st->base_stage = find_stage(b, st->image, i, &later);
		if (st->base_stage < 0 && later) {
			/* "FROM alpine AS alpine" names itself: that is the image. */
			bool self = st->name && strcasecmp(st->name, st->image) == 0;
			for (size_t j = i + 1; j < b->nstages && self; j++)
				if (b->stages[j].name &&
				    strcasecmp(b->stages[j].name, st->image) == 0)
					self = false;
			if (!self)
				add_issue(a, BI_BUILD_FROM_LATER_STAGE, st->from, i, st->image);
		}
	}
}

int bi_build_analyze(const struct bi_dockerfile *df, const struct bi_build_opts *opts,
		     struct bi_build **ret, struct bi_err **err)
{
	static const struct bi_build_opts none = { 0 };
	_cleanup_(bi_build_freep) struct bi_build *b = NULL;
	struct an a = { 0 };
	size_t i = 0;

	if (!df)
		return bi_err_set(err, BI_EUSAGE, "no Dockerfile to analyze");
	if (!opts)
		opts = &none;
	for (size_t k = 0; k < opts->nbuild_args; k++)
		if (!opts->build_args[k].key || !*opts->build_args[k].key)
			return bi_err_set(err, BI_EUSAGE, "--build-arg needs a NAME");
	b = bi_xcalloc(1, sizeof(*b));
	a = (struct an){ df, opts, b, { 0 }, 0, 0 };
	platform_defaults(&a);
	/* Global ARGs: everything before the first FROM. */
	for (; i < df->ninstrs && df->instrs[i].kind != BI_I_FROM; i++) {
		const struct bi_instr *in = &df->instrs[i];
		if (in->kind != BI_I_ARG)
			continue;
		for (size_t j = 0; j < in->nargs; j++)
			declare_arg(&a, in->args[j], arg_len(in, j), &a.global, NULL);
	}
	b->nglobal_args = a.global.n - BI_ARRAY_SIZE(platform_args);
	b->global_args = bi_xcalloc(b->nglobal_args + 1, sizeof(*b->global_args));
	for (size_t k = 0; k < b->nglobal_args; k++) {
		const struct bi_kv *kv = &a.global.v[BI_ARRAY_SIZE(platform_args) + k];
		b->global_args[k].key = bi_xstrdup(kv->key);
		b->global_args[k].value = kv->value ? bi_xstrdup(kv->value) : NULL;
	}
	for (; i < df->ninstrs; i++)
		if (df->instrs[i].kind == BI_I_FROM)
			from_stage(&a, i);
	link_stages(&a);
	for (size_t s = 0; s < b->nstages; s++) {
		struct vars scope = { 0 };
		stage_body(&a, &b->stages[s], &scope);
	}
	b->target = b->nstages ? b->nstages - 1 : 0;
	if (opts->target && b->nstages) {
		bool later;
		long t = find_stage(b, opts->target, b->nstages, &later);
		if (t < 0)
			add_issue(&a, BI_BUILD_TARGET_UNKNOWN, b->stages[b->target].from, b->target,
				  opts->target);
		else
			b->target = (size_t)t;
	}
	vars_release(&a.global);
	*ret = TAKE_PTR(b);
	return 0;
}

void bi_build_free(struct bi_build *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->nstages; i++) {
		struct bi_stage *st = &b->stages[i];
		free(st->name);
		free(st->image_raw);
		free(st->image);
		free(st->platform);
		for (size_t j = 0; j < st->nuses; j++)
			free(st->uses[j].from);
		free(st->uses);
		for (size_t j = 0; j < st->nvars; j++) {
			free(st->vars[j].key);
			free(st->vars[j].value);
		}
		free(st->vars);
	}
	free(b->stages);
	for (size_t i = 0; i < b->nglobal_args; i++) {
		free(b->global_args[i].key);
		free(b->global_args[i].value);
	}
	free(b->global_args);
	for (size_t i = 0; i < b->nissues; i++)
		free(b->issues[i].detail);
	free(b->issues);
	free(b);
}

void bi_build_freep(struct bi_build **b)
{
	bi_build_free(*b);
}

const struct bi_stage *bi_build_root(const struct bi_build *b, const struct bi_stage *s)
{
	size_t hops = 0;

	while (s && s->base_stage >= 0 && (size_t)s->base_stage < b->nstages &&
	       (size_t)s->base_stage < s->index && hops++ < b->nstages)
		s = &b->stages[s->base_stage];
	return s;
}
