/* SPDX-License-Identifier: MIT */
#include "../bi_test.h"

#include "ver_vectors.h"

/* Written for this project from apk-tools' rules (and real Alpine versions). */
static const char *const apk_cases[] = {
	"3.3.2-r0 < 3.3.2-r1", /* openssl: CVE-2024-9143 fixed in -r1 on v3.20 */
	"3.3.1-r0 < 3.3.2-r0",
	"3.3.2-r0 > 3.3.1-r1",
	"1.3.1-r1 = 1.3.1-r1",
	"1.1_alpha1 < 1.1",
	"1.1_beta < 1.1_rc1",
	"1.1_rc1 < 1.1",
	"1.1 < 1.1_p1",
	"1.1_p1 > 1.1-r1", /* a post-release suffix beats a revision of the base */
	"1.1 < 1.1-r1",
	"1.1_git20240101 > 1.1",
	"1.1_cvs < 1.1_svn",
	"1.1_svn < 1.1_git",
	"1.1_git < 1.1_hg",
	"1.1_hg < 1.1_p",
	"1.2a < 1.2b",
	"1.2 < 1.2a",
	"1.2z < 1.3",
	"1.10 > 1.9",
	"1.01 < 1.1", /* leading zero: string sort ("01" < "1") */
	"1.001 < 1.01",
	"2.0-r10 > 2.0-r9",
	"1.36.1-r29 < 1.36.1-r30",
	"6.4_p20240420-r0 < 6.5_p20240601-r0",
	"6.4_p20240420-r0 > 6.4-r1", /* _p is a post-release suffix */
};

static void test_inline_vectors(void **state)
{
	assert_int_equal(ver_check_table(bi_apk_ver_cmp, apk_cases, BI_ARRAY_SIZE(apk_cases)),
			 (int)BI_ARRAY_SIZE(apk_cases));
}

static void test_validity(void **state)
{
	static const char *const ok[] = { "1",
					  "1.2.3",
					  "1.2.3a",
					  "1.2_rc1",
					  "1.2_p1_pre2",
					  "1.2~abc1",
					  "1.2-r0",
					  "1.2_git20240101-r3",
					  "0.1_pre2~1234abcd-r1" };
	static const char *const bad[] = { "",	      "a1",    "1..2",	    "1.2-", "1.2-r",
					   "1.2_foo", "1.2a1", "1.2-r1-r2", "1.2~", "1.2~xyz",
					   "1_2",     "1.2 ",  "-r1" };
	const char *why;

	for (size_t i = 0; i < BI_ARRAY_SIZE(ok); i++)
		if (!bi_apk_ver_valid(bi_span_str(ok[i]), &why))
			fail_msg("'%s' should be valid", ok[i]);
	for (size_t i = 0; i < BI_ARRAY_SIZE(bad); i++) {
		if (bi_apk_ver_valid(bi_span_str(bad[i]), &why))
			fail_msg("'%s' should be invalid", bad[i]);
		assert_non_null(why);
	}
	/* Invalid versions still compare, by apk's token rules. */
	assert_true(bi_apk_ver_cmp(bi_span_str("1.0"), bi_span_str("1.0bc")) < 0);
}

static void test_fuzzy(void **state)
{
	unsigned fz = bi_apk_op_parse(bi_span_str("~"));

	assert_true(bi_apk_ver_match(bi_span_str("3.6.9"), fz, bi_span_str("3.6")));
	assert_false(bi_apk_ver_match(bi_span_str("3.8"), fz, bi_span_str("3.8.1")));
	assert_int_equal(bi_apk_op_parse(bi_span_str("<=")), BI_APK_LESS | BI_APK_EQUAL);
	assert_int_equal(bi_apk_op_parse(bi_span_str("?")), 0);
}

/*
 * The verbatim upstream apk-tools test/unit/version.data: "A OP B",
 * "A !OP B" (negated), "VERSION" (valid), "!VERSION" (invalid).
 */
static void test_shared_version_data(void **state)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MiB);
	_cleanup_free_ char *path = bi_test_shared("data/version-vectors/apk-version.data");
	struct bi_err *err = NULL;
	struct bi_span s, line;
	int cmp = 0, valid = 0, invalid = 0;

	if (!path)
		skip();
	assert_int_equal(bi_buf_read_file(&b, path, &err), 0);
	s = bi_buf_span(&b);
	while (bi_span_next_line(&s, &line)) {
		struct bi_span w[3], l;
		ptrdiff_t hash = bi_span_find_char(line, '#');
		size_t n;

		l = hash >= 0 ? bi_span_sub(line, 0, (size_t)hash) : line;
		n = ver_words(bi_span_trim(l), w, 3);
		if (hash == 0 || (n == 0 && hash > 0))
			continue;
		if (n == 0 && !bi_span_eq_str(bi_span_trim(line), ""))
			continue;
		if (n == 0)
			continue;
		if (n == 1) {
			struct bi_span v = w[0];
			bool want = !bi_span_eat_prefix(&v, "!");
			if (bi_apk_ver_valid(v, NULL) != want)
				fail_msg("validity of '%.*s'", BI_SPAN_ARG(v));
			want ? valid++ : invalid++;
			continue;
		}
		assert_int_equal(n, 3);
		{
			struct bi_span op = w[1];
			bool neg = bi_span_eat_prefix(&op, "!");
			unsigned mask = bi_apk_op_parse(op);
			assert_int_not_equal(mask, 0);
			if (bi_apk_ver_match(w[0], mask, w[2]) == neg)
				fail_msg("'%.*s'", BI_SPAN_ARG(line));
			cmp++;
		}
	}
	assert_int_equal(cmp, 738 + 16);
	assert_int_equal(valid, 6);
	assert_int_equal(invalid, 25); /* with the lone "!": the empty version */
}

static void test_shared_validity(void **state)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MiB);
	_cleanup_free_ char *path = bi_test_shared("data/version-vectors/apk-validity.txt");
	struct bi_err *err = NULL;
	struct bi_span s, line;
	int n = 0;

	if (!path)
		skip();
	assert_int_equal(bi_buf_read_file(&b, path, &err), 0);
	s = bi_buf_span(&b);
	while (bi_span_next_line(&s, &line)) {
		struct bi_span kind, v;
		if (line.len == 0 || line.ptr[0] == '#')
			continue;
		assert_true(bi_span_cut(line, ' ', &kind, &v));
		if (bi_span_eq_str(v, "\"\""))
			v = BI_SPAN_LIT("");
		if (bi_apk_ver_valid(v, NULL) != bi_span_eq_str(kind, "valid"))
			fail_msg("%.*s", BI_SPAN_ARG(line));
		n++;
	}
	assert_int_equal(n, 31);
}

static void test_shared_apk_txt(void **state)
{
	int n = ver_check_file(bi_apk_ver_cmp, "data/version-vectors/apk.txt");

	if (n < 0)
		skip();
	assert_int_equal(n, 738);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inline_vectors),	cmocka_unit_test(test_validity),
		cmocka_unit_test(test_fuzzy),		cmocka_unit_test(test_shared_version_data),
		cmocka_unit_test(test_shared_validity), cmocka_unit_test(test_shared_apk_txt),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
