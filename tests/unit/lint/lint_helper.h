/* SPDX-License-Identifier: MIT */
/* Shared by the lint rule tests: lint inline text, get "LINE:RULE ..." back. */
#ifndef LINT_HELPER_H
#define LINT_HELPER_H

#include "dockerfile/dockerfile.h"
#include "kb/kb.h"
#include "lint/lint.h"

static struct bi_kb *kb;

static int kb_setup(void **state)
{
	struct bi_err *err = NULL;

	(void)state;
	if (bi_kb_load(&kb, &err) < 0) {
		fprintf(stderr, "kb: %s\n", bi_err_msg(err));
		bi_err_free(err);
		return -1;
	}
	return 0;
}

static int kb_teardown(void **state)
{
	(void)state;
	bi_kb_free(kb);
	return 0;
}

/*
 * Lint text; returns "2:BI103 2:BI104" (caller frees). BI104 is ignored
 * unless with104; opts may be NULL.
 */
static char *lint_o(const char *text, struct bi_lint_opts *o, bool with104)
{
	struct bi_lint_opts def = { 0 };
	struct bi_lint_result res = { 0 };
	struct bi_buf out = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct bi_err *err = NULL;
	bool saved;
	int r;

	if (!o)
		o = &def;
	saved = o->ignored[BI_RULE_104];
	if (!with104)
		o->ignored[BI_RULE_104] = true;
	r = bi_lint_text(kb, bi_span_str(text), "Dockerfile", o, &res, &err);
	o->ignored[BI_RULE_104] = saved;
	if (r < 0) {
		bi_buf_addf(&out, "error: %s", bi_err_msg(err));
		bi_err_free(err);
	}
	for (size_t i = 0; i < res.n; i++) {
		bi_buf_addf(&out, "%s%d:%s", out.len ? " " : "", res.findings[i].line,
			    bi_lint_rules()[res.findings[i].rule].id);
		assert_non_null(res.findings[i].message);
		assert_true(strlen(res.findings[i].message) > 10);
	}
	bi_lint_result_release(&res);
	return bi_buf_detach(&out, NULL);
}

static char *lint(const char *text)
{
	return lint_o(text, NULL, false);
}

#define EXPECT(text, want)                                               \
	do {                                                             \
		char *_got = lint(text);                                 \
		if (strcmp(_got, (want)) != 0)                           \
			print_error("for:\n%s\n", (const char *)(text)); \
		assert_string_equal(_got, (want));                       \
		free(_got);                                              \
	} while (0)

#define EXPECT_O(text, opts, with104, want)                              \
	do {                                                             \
		char *_got = lint_o(text, opts, with104);                \
		if (strcmp(_got, (want)) != 0)                           \
			print_error("for:\n%s\n", (const char *)(text)); \
		assert_string_equal(_got, (want));                       \
		free(_got);                                              \
	} while (0)

#endif
