/* SPDX-License-Identifier: MIT */
#ifndef BI_LINT_INT_H
#define BI_LINT_INT_H

/* Shared between the lint source files; not part of the module's API. */
#include "dockerfile/dockerfile.h"
#include "image/ref.h"
#include "kb/kb.h"
#include "lint/lint.h"

/* What lint knows about a stage's root image. */
struct bi_lint_root {
	bool known; /* an image we could classify (scratch included) */
	bool scratch;
	struct bi_kb_match m; /* valid when known && !scratch */
	char *name;	      /* familiar name without tag: "golang", or NULL */
	char *image;	      /* the root's image string as expanded, or NULL */
};

struct bi_lint_ctx {
	const struct bi_kb *kb;
	const struct bi_dockerfile *df;
	const struct bi_build *b;
	const struct bi_lint_opts *o;
	struct bi_lint_result *res;
	struct bi_lint_root *roots; /* per stage, of its root */
	size_t first;		    /* this file's first finding in res */
	/*
	 * Work left for variable lookups and package bookkeeping (steps):
	 * pathological files (thousands of ENVs and $VAR words, huge removal
	 * lists) must not take quadratic time. Once spent, lookups find nothing.
	 */
	size_t var_budget;
};

__attribute__((format(printf, 5, 6))) void bi_lint__add(struct bi_lint_ctx *c, enum bi_rule rule,
							const struct bi_instr *in, const char *fix,
							const char *fmt, ...);

/* Rules over stages and RUN commands (stages.c), calling final.c. */
void bi_lint__stage_rules(struct bi_lint_ctx *c);

/* What a stage's own RUN instructions build and install. */
struct bi_lint_facts {
	bool toolchain;	 /* installed a C compiler */
	bool go_env_off; /* go env -w CGO_ENABLED=0 */
	bool go_dyn;	 /* a go build without inline CGO_ENABLED=0 or -static */
	bool go_forced;	 /* a go build with CGO_ENABLED=1 */
	bool cc_dyn;	 /* gcc/clang linking without -static */
	bool cargo_dyn;	 /* cargo build without a musl target */
};

/* final.c */
void bi_lint__bi105(struct bi_lint_ctx *c, const struct bi_stage *fin);
void bi_lint__bi107(struct bi_lint_ctx *c, const struct bi_stage *s);
void bi_lint__copy_rules(struct bi_lint_ctx *c, const struct bi_stage *fin,
			 const struct bi_lint_facts *f);

/* stages.c helpers shared with final.c */
bool bi_lint__stage_var_is(struct bi_lint_ctx *c, const struct bi_stage *s, const char *name,
			   const char *want);
bool bi_lint__stage_var_has(struct bi_lint_ctx *c, const struct bi_stage *s, const char *name,
			    const char *needle);
/* The stage's name, or its index written into buf. */
const char *bi_lint__stage_label(const struct bi_stage *s, char *buf, size_t bufsz);

/*
 * The value of a variable in a stage (ENV/ARG of the stage and its bases,
 * quotes removed), or NULL. Caller frees.
 */
char *bi_lint__stage_var(struct bi_lint_ctx *c, const struct bi_stage *s, struct bi_span name);
/* The shell commands of a RUN (shell form, exec form, heredocs). */
struct bi_sh_script;
void bi_lint__run_script(const struct bi_instr *in, struct bi_sh_script *ret);

#endif
