/* SPDX-License-Identifier: MIT */
/* ARG expansion as BuildKit's shell lexer does it for FROM. */
#include "../bi_test.h"

#include "dockerfile/dockerfile.h"

static const char *lookup(void *ctx, struct bi_span name)
{
	static const char *const vars[][2] = {
		{ "V", "3.20" },
		{ "EMPTY", "" },
		{ "REG", "ghcr.io" },
		{ "P", "a/b/c.tar.gz" },
	};

	(void)ctx;
	for (size_t i = 0; i < BI_ARRAY_SIZE(vars); i++)
		if (bi_span_eq_str(name, vars[i][0]))
			return vars[i][1];
	return NULL;
}

static void check(const char *word, char esc, const char *want, const char *unresolved)
{
	struct bi_strv u = { 0 };
	struct bi_err *err = NULL;
	char *out = NULL;

	if (bi_expand_word(bi_span_str(word), esc, lookup, NULL, &out, &u, &err) < 0) {
		print_error("%s: %s\n", word, bi_err_msg(err));
		fail();
	}
	assert_string_equal(out, want);
	if (unresolved) {
		assert_int_equal(u.n, 1);
		assert_string_equal(u.v[0], unresolved);
	} else {
		assert_int_equal(u.n, 0);
	}
	free(out);
	bi_strv_release(&u);
}

static void check_error(const char *word, const char *want)
{
	struct bi_err *err = NULL;
	char *out = NULL;

	assert_true(bi_expand_word(bi_span_str(word), '\\', lookup, NULL, &out, NULL, &err) < 0);
	assert_null(out);
	assert_string_equal(bi_err_msg(err), want);
	bi_err_free(err);
}

static void test_forms(void **state)
{
	(void)state;
	check("alpine:$V", '\\', "alpine:3.20", NULL);
	check("alpine:${V}-x", '\\', "alpine:3.20-x", NULL);
	check("$REG/app", '\\', "ghcr.io/app", NULL);
	check("alpine:${NO:-3.19}", '\\', "alpine:3.19", NULL);
	check("alpine:${EMPTY:-3.19}", '\\', "alpine:3.19", NULL);
	check("alpine:${EMPTY-3.19}", '\\', "alpine:", NULL);
	check("alpine:${NO-3.19}", '\\', "alpine:3.19", NULL);
	check("x${V:+set}", '\\', "xset", NULL);
	check("x${EMPTY:+set}", '\\', "x", NULL);
	check("x${EMPTY+set}", '\\', "xset", NULL);
	check("x${NO+set}", '\\', "x", NULL);
	check("alpine:$NO", '\\', "alpine:", "NO");
	check("alpine:${NO}", '\\', "alpine:", "NO");
	check("${NO:-${V}}", '\\', "3.20", NULL);
	check("${P/./-}|${P//./-}|${P/b*c/X}|${NO/a/b}", '\\',
	      "a/b/c-tar.gz|a/b/c-tar-gz|a/X.tar.gz|", NULL);
	check("${P#*/}|${P##*/}|${P%.*}|${P%%.*}", '\\', "b/c.tar.gz|c.tar.gz|a/b/c.tar|a/b/c",
	      NULL);
}

static void test_quotes_escapes(void **state)
{
	(void)state;
	check("\"alpine\":'$V'", '\\', "alpine:$V", NULL);
	check("a\\$V", '\\', "a$V", NULL);
	check("a`$V", '`', "a$V", NULL);
	check("a\\$V", '`', "a\\3.20", NULL);
	check("\"a\\\"b\"", '\\', "a\"b", NULL);
	check("$", '\\', "$", NULL);
	check("$1x", '\\', "x", "1");
}

static void test_errors(void **state)
{
	(void)state;
	check_error("${", "syntax error: missing '}'");
	check_error("${V:-x", "syntax error: missing '}'");
	/* Go's lexer reads EOF as the modifier here */
	check_error("${V", "unsupported modifier (\xef\xbf\xbd) in substitution");
	check_error("${}", "syntax error: bad substitution");
	check_error("'abc", "unexpected end of statement while looking for matching single-quote");
	check_error("\"abc", "unexpected end of statement while looking for matching double-quote");
	check_error("${NO?}", "NO: is not allowed to be unset");
	check_error("${EMPTY:?must be set}", "EMPTY: must be set");
	check_error("${V!x}", "unsupported modifier (!) in substitution");
}

static void test_cap(void **state)
{
	size_t n = 2 * BI_MAX_ARG_EXPANSION;
	char *s = bi_xmalloc(n + 1);
	struct bi_err *err = NULL;
	char *out = NULL;
	struct bi_strv sv = { 0 };

	(void)state;
	memset(s, 'a', n);
	s[n] = 0;
	assert_int_equal(bi_expand_word(bi_span_str(s), '\\', lookup, NULL, &out, NULL, &err),
			 BI_ELIMIT);
	bi_err_free(err);
	free(s);
	bi_strv_push(&sv, bi_xstrdup("x"));
	bi_strv_push_len(&sv, bi_xstrndup("a\0b", 3), 3);
	assert_int_equal(sv.n, 2);
	assert_int_equal(sv.lens[1], 3);
	bi_strv_release(&sv);
	assert_int_equal(sv.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_quotes_escapes),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
