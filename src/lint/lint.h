/* SPDX-License-Identifier: MIT */
#ifndef BI_LINT_H
#define BI_LINT_H

/*
 * `baseimg lint`: rules BI100..BI113 over the Dockerfile model
 * (dockerfile/dockerfile.h) and the knowledge base (kb/kb.h).
 * docs/commands/lint.md describes the command, docs/rules/BIxxx.md each rule,
 * docs/config.md the .baseimg.yaml file.
 *
 * The library never prints: bi_lint_text() collects findings into a
 * bi_lint_result; the report writers (report/report.h) format them.
 */
#include <stdbool.h>
#include <stddef.h>

#include "report/report.h"
#include "util/buf.h"
#include "util/span.h"

struct bi_err;
struct bi_kb;
struct bi_dockerfile;
struct bi_kv;

enum bi_rule {
	BI_RULE_100, /* invalid-reference */
	BI_RULE_101, /* tag-missing */
	BI_RULE_102, /* tag-latest */
	BI_RULE_103, /* os-release-unpinned */
	BI_RULE_104, /* digest-missing */
	BI_RULE_105, /* full-image-final */
	BI_RULE_106, /* alpine-c-extensions */
	BI_RULE_107, /* shell-missing */
	BI_RULE_108, /* scratch-dynamic-binary */
	BI_RULE_109, /* libc-mismatch */
	BI_RULE_110, /* stage-reference */
	BI_RULE_111, /* arg-unresolved */
	BI_RULE_112, /* build-tools-final */
	BI_RULE_113, /* untrusted-registry */
	BI_RULE__MAX,
};

/* The rule table, as report writers need it (SARIF tool.driver.rules). */
const struct bi_report_rule *bi_lint_rules(void); /* BI_RULE__MAX entries */
/* "BI104" (case-insensitive) -> BI_RULE_104; -1 when unknown. */
int bi_lint_rule_from_id(struct bi_span id);

/* ----------------------------------------------------------------- config --- */

#define BI_LINT_MAX_TRUSTED 256

struct bi_lint_config {
	bool ignored[BI_RULE__MAX];
	bool severity_set[BI_RULE__MAX];
	enum bi_severity severity[BI_RULE__MAX];
	bool require_digest;
	char **trusted; /* trusted-registries; NULL when not configured */
	size_t ntrusted;
	char *path; /* the file it came from, or NULL */
};

void bi_lint_config_init(struct bi_lint_config *c);
void bi_lint_config_release(struct bi_lint_config *c);
/*
 * Parse .baseimg.yaml (a small YAML subset: docs/config.md) into c, which
 * must be freshly initialised. Errors are BI_EFORMAT "NAME:LINE: message"
 * or BI_ELIMIT.
 */
int bi_lint_config_parse(struct bi_span text, const char *name, struct bi_lint_config *c,
			 struct bi_err **err);
/* Read and parse a config file (BI_EIO when unreadable). */
int bi_lint_config_load(const char *path, struct bi_lint_config *c, struct bi_err **err);
/*
 * Find .baseimg.yaml (or .baseimg.yml) in the folder of `dockerfile_path`
 * and its parents. *ret_path is NULL when there is none. Caller frees.
 */
int bi_lint_config_find(const char *dockerfile_path, char **ret_path, struct bi_err **err);

/* ---------------------------------------------------------------- linting --- */

struct bi_lint_opts {
	const struct bi_kv *build_args;
	size_t nbuild_args;
	const char *target;		     /* --target, or NULL */
	bool ignored[BI_RULE__MAX];	     /* --ignore */
	const struct bi_lint_config *config; /* may be NULL */
	/*
	 * The build context (the Dockerfile's folder), or NULL: BI106 reads
	 * requirement files named by `pip install -r FILE` from it.
	 */
	const char *context_dir;
};

struct bi_lint_finding {
	enum bi_rule rule;
	enum bi_severity level;
	int line, column, end_line;
	char *message; /* problem and fix, one line */
	char *fix;     /* the fix alone */
};

struct bi_lint_result {
	struct bi_lint_finding *findings;
	size_t n, alloc;
};

void bi_lint_result_release(struct bi_lint_result *r);

/*
 * Lint one Dockerfile's text. Findings are appended to res in line order.
 * Fails (BI_EFORMAT, BI_ELIMIT) only when the file cannot be parsed, or
 * BI_ENOTFOUND when --target names no stage.
 */
int bi_lint_text(const struct bi_kb *kb, struct bi_span text, const char *name,
		 const struct bi_lint_opts *opts, struct bi_lint_result *res, struct bi_err **err);
/* The same over a parsed model. */
int bi_lint_dockerfile(const struct bi_kb *kb, const struct bi_dockerfile *df,
		       const struct bi_lint_opts *opts, struct bi_lint_result *res,
		       struct bi_err **err);

#endif
