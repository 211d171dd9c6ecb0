/* SPDX-License-Identifier: MIT */
/*
 * `baseimg lint`: the driver (parse, stage graph, findings, suppression,
 * severities) and the FROM rules BI100-BI104, BI110, BI111, BI113.
 * The stage and RUN rules are in stages.c.
 */
#include "util/common.h"

#include "lint/lint_int.h"
#include "lint/shell.h"

void bi_lint_result_release(struct bi_lint_result *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->findings[i].message);
		free(r->findings[i].fix);
	}
	free(r->findings);
	memset(r, 0, sizeof(*r));
}

/* A word of an ignore list: a rule id or name, "all" or "*". */
static bool ignore_word(struct bi_span tok)
{
	if (bi_span_ieq_str(tok, "all") || bi_span_eq_str(tok, "*"))
		return true;
	for (size_t r = 0; r < BI_RULE__MAX; r++)
		if (bi_span_ieq_str(tok, bi_lint_rules()[r].id) ||
		    bi_span_ieq_str(tok, bi_lint_rules()[r].name))
			return true;
	return false;
}

/*
 * "# baseimg ignore=BI104,BI103" in the comment block above the instruction.
 * The list may be separated by commas and/or spaces ("BI104 BI103"); it ends
 * at the first word that is not a rule, so a trailing explanation
 * ("ignore=BI104 -- pinned by renovate") is allowed.
 */
static bool suppressed(const struct bi_instr *in, enum bi_rule rule)
{
	const char *id = bi_lint_rules()[rule].id;

	for (size_t i = 0; i < in->ncomments; i++) {
		struct bi_span s = bi_span_trim(bi_span_str(in->comments[i]));

		while (s.len && s.ptr[0] == '#')
			s = bi_span_trim(bi_span_sub(s, 1, s.len - 1));
		if (!bi_span_eat_prefix(&s, "baseimg"))
			continue;
		s = bi_span_trim(s);
		if (!bi_span_eat_prefix(&s, "ignore"))
			continue;
		s = bi_span_trim(s);
		if (!bi_span_eat_prefix(&s, "=") && !bi_span_eat_prefix(&s, ":"))
			continue;
		for (size_t k = 0; k < s.len;) {
			struct bi_span tok;
			size_t e = k;

			while (e < s.len && s.ptr[e] != ',' && s.ptr[e] != ' ' && s.ptr[e] != '\t')
				e++;
			tok = bi_span_sub(s, k, e - k);
			k = e + 1;
			if (!tok.len)
				continue;
			if (!ignore_word(tok))
				break;
			if (bi_span_ieq_str(tok, id) || bi_span_ieq_str(tok, "all") ||
			    bi_span_eq_str(tok, "*") ||
			    bi_span_ieq_str(tok, bi_lint_rules()[rule].name))
				return true;
		}
	}
	return false;
}

void bi_lint__add(struct bi_lint_ctx *c, enum bi_rule rule, const struct bi_instr *in,
		  const char *fix, const char *fmt, ...)
{
	const struct bi_lint_config *cfg = c->o ? c->o->config : NULL;
	struct bi_lint_result *r = c->res;
	struct bi_lint_finding *f;
	enum bi_severity lvl = bi_lint_rules()[rule].level;
	_cleanup_free_ char *msg = NULL;
	va_list ap;

	if ((c->o && c->o->ignored[rule]) || (cfg && cfg->ignored[rule]))
		return;
	if (suppressed(in, rule))
		return;
	/* duplicates (several issues on one instruction) are added back to back */
	for (size_t i = r->n > c->first + 16 ? r->n - 16 : c->first; i < r->n; i++)
		if (r->findings[i].rule == rule && r->findings[i].line == in->start_line)
			return;
	if (rule == BI_RULE_104 && cfg && cfg->require_digest)
		lvl = BI_SEV_ERROR;
	if (cfg && cfg->severity_set[rule])
		lvl = cfg->severity[rule];
	va_start(ap, fmt);
	msg = bi_xvasprintf(fmt, ap);
	va_end(ap);
	BI_ALLOC_GROW(r->findings, r->n + 1, r->alloc);
	f = &r->findings[r->n++];
	f->rule = rule;
	f->level = lvl;
	f->line = in->start_line;
	f->column = in->column > 0 ? in->column : 1;
	f->end_line = in->end_line >= in->start_line ? in->end_line : in->start_line;
	f->fix = fix ? bi_xstrdup(fix) : NULL;
	f->message = fix ? bi_xasprintf("%s; %s", msg, fix) : TAKE_PTR(msg);
}

/* ------------------------------------------------------------ FROM rules --- */

static bool trusted(const struct bi_lint_config *cfg, const struct bi_ref *ref)
{
	const char *dom = ref->domain;
	_cleanup_free_ char *full = NULL;

	if (strcmp(dom, "index.docker.io") == 0 || strcmp(dom, "registry-1.docker.io") == 0 ||
	    strcmp(dom, "registry.hub.docker.com") == 0)
		dom = "docker.io";
	full = bi_xasprintf("%s/%s", dom, ref->path);
	for (size_t i = 0; i < cfg->ntrusted; i++) {
		const char *t = cfg->trusted[i];
		size_t tl = strlen(t);

		while (tl && t[tl - 1] == '/')
			tl--;
		if (strlen(dom) == tl && strncasecmp(dom, t, tl) == 0)
			return true;
		if (strncmp(full, t, tl) == 0 && full[tl] == '/')
			return true;
		if (tl > 2 && t[0] == '*' && t[1] == '.') {
			size_t dl = strlen(dom);
			if (dl > tl - 1 && strncasecmp(dom + dl - (tl - 1), t + 1, tl - 1) == 0)
				return true;
		}
	}
	return false;
}

static void trusted_list(const struct bi_lint_config *cfg, struct bi_buf *b)
{
	for (size_t i = 0; i < cfg->ntrusted; i++)
		bi_buf_addf(b, "%s%s", i ? ", " : "", cfg->trusted[i]);
}

/*
 * A second opinion for BI103 (precision over the KB's list of current
 * releases): a tag naming any Debian or Ubuntu codename, an "alpineX.Y"
 * suffix, or an OS image's own X.Y version pins the OS release.
 */
static bool tag_pins_os(const struct bi_ref *ref)
{
	static const char *const codenames[] = {
		"buzz",	   "rex",      "bo",	   "hamm",    "slink",	"potato", "woody",
		"sarge",   "etch",     "lenny",	   "squeeze", "wheezy", "jessie", "stretch",
		"buster",  "bullseye", "bookworm", "trixie",  "forky",	"duke",	  "sid",
		"trusty",  "xenial",   "bionic",   "focal",   "jammy",	"noble",  "oracular",
		"plucky",  "questing", "resolute", "kinetic", "lunar",	"mantic", "impish",
		"hirsute", "groovy",   "eoan",	   "disco",   "cosmic", NULL,
	};
	const char *tag = ref->tag, *name = strrchr(ref->path, '/');
	struct bi_span rest, tok;

	if (!tag)
		return false;
	name = name ? name + 1 : ref->path;
	rest = bi_span_str(tag);
	while (bi_span_split(&rest, '-', &tok)) {
		for (size_t i = 0; codenames[i]; i++)
			if (bi_span_eq_str(tok, codenames[i]))
				return true;
		if (bi_span_eat_prefix(&tok, "alpine") && tok.len >= 3 &&
		    isdigit((unsigned char)tok.ptr[0]) && bi_span_find_char(tok, '.') > 0)
			return true;
		if (bi_span_eat_prefix(&tok, "ubi") && tok.len &&
		    isdigit((unsigned char)tok.ptr[0]))
			return true;
	}
	/* alpine:3.20, debian:12, ubuntu:22.04 */
	if (strcmp(name, "alpine") == 0)
		return isdigit((unsigned char)tag[0]) && strchr(tag, '.');
	if (strcmp(name, "debian") == 0 || strcmp(name, "ubuntu") == 0)
		return isdigit((unsigned char)tag[0]);
	return false;
}

static void from_rules(struct bi_lint_ctx *c, const struct bi_stage *s)
{
	const struct bi_lint_config *cfg = c->o ? c->o->config : NULL;
	const struct bi_instr *in = s->from;
	_cleanup_(bi_ref_freep) struct bi_ref *ref = NULL;
	_cleanup_free_ char *fam = NULL, *fix = NULL;
	struct bi_err *e = NULL;
	struct bi_kb_match m;
	bool fired = false;

	if (s->base_stage >= 0 || !s->image || strcmp(s->image, "scratch") == 0)
		return;
	/* FROM naming a later stage: a (broken) stage reference, BI110 says so. */
	for (size_t i = 0; i < c->b->nissues; i++)
		if (c->b->issues[i].kind == BI_BUILD_FROM_LATER_STAGE &&
		    c->b->issues[i].instr == in)
			return;
	if (bi_ref_parse(s->image, &ref, &e) < 0) {
		bi_lint__add(c, BI_RULE_100, in,
			     "write [REGISTRY/]NAME[:TAG][@sha256:DIGEST] with a lower-case name",
			     "%s", bi_err_msg(e));
		bi_err_free(e);
		return;
	}
	bi_kb_lookup(c->kb, ref, &m);
	fam = bi_ref_familiar(ref);
	if (!ref->tag && !ref->digest) {
		fix = m.suggestion[0] ? bi_xasprintf("pin a version tag: %s", m.suggestion) :
					bi_xstrdup("pin a version tag (and a digest)");
		bi_lint__add(c, BI_RULE_101, in, fix,
			     "image '%s' has no tag, so it means '%s:latest'", fam, fam);
		fired = true;
	} else if (ref->tag && strcmp(ref->tag, "latest") == 0 && !ref->digest) {
		fix = m.suggestion[0] ? bi_xasprintf("pin a version tag: %s", m.suggestion) :
					bi_xstrdup("pin a version tag (and a digest)");
		bi_lint__add(c, BI_RULE_102, in, fix, "image '%s' uses the moving tag 'latest'",
			     fam);
		fired = true;
	}
	free(TAKE_PTR(fix));
	if (!fired && !ref->digest && m.known && m.os_variants && !m.os_pinned &&
	    !tag_pins_os(ref)) {
		fix = m.suggestion[0] ? bi_xasprintf("pin the OS release: %s", m.suggestion) :
					bi_xstrdup("pin the OS release with a codename or Alpine "
						   "version tag");
		bi_lint__add(c, BI_RULE_103, in, fix, "'%s' does not pin the OS release", fam);
		free(TAKE_PTR(fix));
	}
	if (!ref->digest) {
		fix = bi_xasprintf("pin it as %s@sha256:<digest> (docker buildx imagetools inspect "
				   "%s)",
				   fam, fam);
		bi_lint__add(c, BI_RULE_104, in, fix, "'%s' is not pinned by digest", fam);
		free(TAKE_PTR(fix));
	}
	if (cfg && cfg->trusted && !trusted(cfg, ref)) {
		_cleanup_(bi_buf_release) struct bi_buf list = BI_BUF_INIT(BI_BUF_NOLIMIT);

		trusted_list(cfg, &list);
		fix = bi_xasprintf("use an image from %s, or add %s to trusted-registries",
				   list.len ? list.buf : "a trusted registry", ref->domain);
		bi_lint__add(c, BI_RULE_113, in, fix,
			     "'%s' comes from registry %s, which is not trusted", fam, ref->domain);
	}
}

static void issue_rules(struct bi_lint_ctx *c)
{
	for (size_t i = 0; i < c->b->nissues; i++) {
		const struct bi_build_issue *is = &c->b->issues[i];
		const char *d = is->detail ? is->detail : "";

		if (!is->instr)
			continue;
		switch (is->kind) {
		case BI_BUILD_FROM_LATER_STAGE:
			bi_lint__add(c, BI_RULE_110, is->instr,
				     "move that stage above this one, or name an image",
				     "FROM names stage '%s', which is defined later", d);
			break;
		case BI_BUILD_DUPLICATE_STAGE:
			bi_lint__add(c, BI_RULE_110, is->instr, "give this stage a unique name",
				     "stage name '%s' is already used by an earlier stage", d);
			break;
		case BI_BUILD_COPY_FROM_UNKNOWN:
			bi_lint__add(c, BI_RULE_110, is->instr,
				     "define that stage earlier, or give a full image reference",
				     "--from=%s names no earlier stage", d);
			break;
		case BI_BUILD_COPY_FROM_INDEX:
			bi_lint__add(c, BI_RULE_110, is->instr,
				     "use the index or name of an earlier stage",
				     "--from=%s is not the index of an earlier stage", d);
			break;
		case BI_BUILD_MOUNT_FROM_UNKNOWN:
			bi_lint__add(c, BI_RULE_110, is->instr,
				     "define that stage earlier, or give a full image reference",
				     "RUN --mount from=%s names no earlier stage", d);
			break;
		case BI_BUILD_ARG_UNRESOLVED: {
			_cleanup_free_ char *fix = bi_xasprintf(
				"give it a default before the first FROM (ARG %s=...) or pass "
				"--build-arg %s=...",
				d, d);
			bi_lint__add(c, BI_RULE_111, is->instr, fix,
				     "FROM variable '%s' has no value", d);
			break;
		}
		case BI_BUILD_TARGET_UNKNOWN:
		case BI_BUILD_ISSUE__MAX:
			break;
		}
	}
}

/* ----------------------------------------------------------------- roots --- */

static void root_release(struct bi_lint_root *r)
{
	free(r->name);
	free(r->image);
}

static void classify_roots(struct bi_lint_ctx *c)
{
	c->roots = bi_xcalloc(c->b->nstages ? c->b->nstages : 1, sizeof(*c->roots));
	for (size_t i = 0; i < c->b->nstages; i++) {
		const struct bi_stage *root = bi_build_root(c->b, &c->b->stages[i]);
		struct bi_lint_root *r = &c->roots[i];
		_cleanup_(bi_ref_freep) struct bi_ref *ref = NULL;

		if (!root || root->base_stage >= 0 || !root->image)
			continue;
		r->image = bi_xstrdup(root->image);
		if (strcmp(root->image, "scratch") == 0) {
			r->known = r->scratch = true;
			continue;
		}
		if (bi_ref_parse(root->image, &ref, NULL) < 0)
			continue;
		bi_kb_lookup(c->kb, ref, &r->m);
		r->name = bi_ref_familiar_name(ref);
		r->known = true;
	}
}

static int cmp_finding(const void *a, const void *b)
{
	const struct bi_lint_finding *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return (int)x->rule - (int)y->rule;
}

/*
 * What BuildKit refuses before it builds anything (dockerfile2llb): a file
 * without FROM, a FROM that is not "IMAGE" or "IMAGE AS NAME", and a stage
 * name outside [a-z][a-z0-9-_.]*. Linting such a file as clean would hide
 * that it cannot be built at all.
 */
static bool stage_name_ok(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char c = (char)(s[i] | 0x20); /* BuildKit lower-cases the name first */
		bool letter = c >= 'a' && c <= 'z';

		if (!letter && (i == 0 || !((s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
					    s[i] == '_' || s[i] == '.')))
			return false;
	}
	return len > 0;
}

static int check_froms(const struct bi_dockerfile *df, struct bi_err **err)
{
	const struct bi_instr *first = NULL;
	bool any = false;

	for (size_t i = 0; i < df->ninstrs; i++) {
		const struct bi_instr *in = &df->instrs[i];

		if (in->kind != BI_I_FROM) {
			if (!any && !first && in->kind != BI_I_ARG)
				first = in;
			continue;
		}
		any = true;
		if (!(in->nargs == 1 || (in->nargs == 3 && strcasecmp(in->args[1], "AS") == 0)))
			return bi_err_set(err, BI_EFORMAT,
					  "%s:%d: FROM requires either one or three arguments: "
					  "write FROM IMAGE[:TAG] [AS NAME]",
					  df->name, in->start_line);
		if (in->nargs == 3 && !stage_name_ok(in->args[2], in->args_len[2]))
			return bi_err_set(err, BI_EFORMAT,
					  "%s:%d: invalid stage name '%s': a name starts with a "
					  "letter and holds only letters, digits, '-', '_' and '.'",
					  df->name, in->start_line, in->args[2]);
	}
	if (!any)
		return bi_err_set(err, BI_EFORMAT,
				  "%s:%d: no FROM instruction, so no stage to build: start the "
				  "file with FROM IMAGE[:TAG] (only ARG may come before it)",
				  df->name, first ? first->start_line : df->instrs[0].start_line);
	return 0;
}

/* --target naming no stage: say which names the file has, so the fix is one look away. */
static int target_unknown(const struct bi_build *b, const char *file, const char *target,
			  struct bi_err **err)
{
	_cleanup_(bi_buf_release) struct bi_buf names = BI_BUF_INIT(BI_BUF_NOLIMIT);

	for (size_t i = 0; i < b->nstages && names.len < 200; i++)
		if (b->stages[i].name)
			bi_buf_addf(&names, "%s%s", names.len ? ", " : "", b->stages[i].name);
	if (!names.len)
		return bi_err_set(err, BI_ENOTFOUND,
				  "%s: target stage '%s' not found: no stage is named (FROM IMAGE "
				  "AS NAME)",
				  file, target ? target : "");
	return bi_err_set(err, BI_ENOTFOUND, "%s: target stage '%s' not found; named stages: %s",
			  file, target ? target : "", names.buf);
}

int bi_lint_dockerfile(const struct bi_kb *kb, const struct bi_dockerfile *df,
		       const struct bi_lint_opts *opts, struct bi_lint_result *res,
		       struct bi_err **err)
{
	_cleanup_(bi_build_freep) struct bi_build *b = NULL;
	struct bi_build_opts bo = { 0 };
	struct bi_lint_ctx c = {
		.kb = kb, .df = df, .o = opts, .res = res, .first = res->n, .var_budget = 20000000
	};
	size_t first = res->n;
	int r;

	if (opts) {
		bo.build_args = opts->build_args;
		bo.nbuild_args = opts->nbuild_args;
		bo.target = opts->target;
	}
	r = check_froms(df, err);
	if (r < 0)
		return r;
	r = bi_build_analyze(df, &bo, &b, err);
	if (r < 0)
		return bi_err_wrap(err, "%s", df->name);
	for (size_t i = 0; i < b->nissues; i++)
		if (b->issues[i].kind == BI_BUILD_TARGET_UNKNOWN)
			return target_unknown(b, df->name, b->issues[i].detail, err);
	if (b->nstages == 0)
		return 0;
	c.b = b;
	for (size_t i = 0; i < b->nstages; i++)
		from_rules(&c, &b->stages[i]);
	issue_rules(&c);
	classify_roots(&c);
	bi_lint__stage_rules(&c);
	for (size_t i = 0; i < b->nstages; i++)
		root_release(&c.roots[i]);
	free(c.roots);
	if (res->n > first)
		qsort(res->findings + first, res->n - first, sizeof(*res->findings), cmp_finding);
	return 0;
}

int bi_lint_text(const struct bi_kb *kb, struct bi_span text, const char *name,
		 const struct bi_lint_opts *opts, struct bi_lint_result *res, struct bi_err **err)
{
	_cleanup_(bi_dockerfile_freep) struct bi_dockerfile *df = NULL;
	int r;

	r = bi_dockerfile_parse(text, name, &df, err);
	if (r < 0)
		return r;
	return bi_lint_dockerfile(kb, df, opts, res, err);
}
