/* SPDX-License-Identifier: MIT */
#include "../bi_test.h"

#include "ver_vectors.h"

/* Written for this project; each line is what dpkg --compare-versions says. */
static const char *const deb_cases[] = {
	"1.0 < 1.1",
	"1.0-1 < 1.0-2",
	"1.0-1 = 1.0-1",
	"1:0.1 > 9.9",	       /* epoch wins */
	"0:1.0 = 1.0",	       /* epoch 0 is the default */
	"1.0~rc1 < 1.0",       /* '~' before the end */
	"1.0~rc1~1 < 1.0~rc1", /* and before anything */
	"1.0 < 1.0+b1",	       /* binNMU */
	"1.0 < 1.0a",	       /* end before a letter */
	"1.0a < 1.0+",	       /* letters before other characters */
	"1.0.1 > 1.0+1",       /* '.' (46) sorts after '+' (43) */
	"1.09 = 1.9",	       /* digit runs by value */
	"1.010 > 1.9",
	"2.36-9+deb12u4 < 2.36-9+deb12u10",
	"3.0.11-1~deb12u2 < 3.0.11-1", /* a stable update of a version stays below it */
	"3.0.11-1~deb12u2 > 3.0.9-1",
	"1.2.13.dfsg-1 > 1.2.13-1",
	"2:1.8.4-2+deb12u1 > 2:1.8.4-2", /* libx11 CVE-2023-3138 fix in bookworm */
	"2:1.8.4-2 < 2:1.8.4-2+deb12u1",
	"1.0-1-1 > 1.0-1", /* the revision follows the LAST hyphen */
	"1:2:3-4 > 1:2-4", /* colons inside upstream */
	"7.88.1-10+deb12u5 < 7.88.1-10+deb12u12",
	"1.5.2+dfsg-1 > 1.5.2-1",
	"0.0 > 0", /* a trailing ".0" counts: '.' sorts after the end */
};

static void test_inline_vectors(void **state)
{
	assert_int_equal(ver_check_table(bi_deb_ver_cmp, deb_cases, BI_ARRAY_SIZE(deb_cases)),
			 (int)BI_ARRAY_SIZE(deb_cases));
}

static void test_parse(void **state)
{
	struct bi_deb_ver v;
	const char *why;

	assert_int_equal(bi_deb_ver_parse(bi_span_str("1:2.3-4"), &v, &why), BI_VER_VALID);
	assert_int_equal(v.epoch, 1);
	assert_true(bi_span_eq_str(v.upstream, "2.3"));
	assert_true(bi_span_eq_str(v.revision, "4"));
	assert_int_equal(bi_deb_ver_parse(bi_span_str(" 0:1.0-a-b\t"), &v, &why), BI_VER_VALID);
	assert_true(bi_span_eq_str(v.upstream, "1.0-a"));
	assert_true(bi_span_eq_str(v.revision, "b"));
	assert_int_equal(bi_deb_ver_parse(bi_span_str(""), &v, &why), BI_VER_INVALID);
	assert_string_equal(why, "version string is empty");
	assert_int_equal(bi_deb_ver_parse(bi_span_str("1.0-"), &v, &why), BI_VER_INVALID);
	assert_string_equal(why, "revision number is empty");
	assert_int_equal(bi_deb_ver_parse(bi_span_str("x:1.0"), &v, &why), BI_VER_INVALID);
	assert_int_equal(bi_deb_ver_parse(bi_span_str("1.0 2"), &v, &why), BI_VER_INVALID);
	assert_string_equal(why, "version string has embedded spaces");
	assert_int_equal(bi_deb_ver_parse(bi_span_str("2147483648:1"), &v, &why), BI_VER_INVALID);
	assert_string_equal(why, "epoch in version is too big");
	assert_int_equal(bi_deb_ver_parse(bi_span_str("2147483647:1"), &v, &why), BI_VER_VALID);
	assert_int_equal(bi_deb_ver_parse(bi_span_str("abc"), &v, &why), BI_VER_WARN);
	assert_int_equal(bi_deb_ver_parse(bi_span_str("1.0_1"), &v, &why), BI_VER_WARN);
	assert_string_equal(why, "invalid character in version number");
	/* An invalid version still compares (best-effort split). */
	assert_true(bi_deb_ver_cmp(bi_span_str("1.0-"), bi_span_str("2.0")) < 0);
}

static void test_shared_compare_vectors(void **state)
{
	int n1 = ver_check_file(bi_deb_ver_cmp, "data/version-vectors/dpkg.txt");
	int n2 = ver_check_file(bi_deb_ver_cmp, "data/version-vectors/dpkg-libdpkg.txt");

	if (n1 < 0 || n2 < 0)
		skip();
	assert_int_equal(n1, 43);
	assert_int_equal(n2, 13);
}

static int part_cmp(struct bi_span a, struct bi_span b)
{
	return bi_deb_verrevcmp(a, b);
}

/* dpkg-sorted.txt: each line lists versions in ascending order. */
static void test_shared_sorted(void **state)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MiB);
	_cleanup_free_ char *path = bi_test_shared("data/version-vectors/dpkg-sorted.txt");
	struct bi_err *err = NULL;
	struct bi_span s, line;
	int lists = 0;

	if (!path)
		skip();
	assert_int_equal(bi_buf_read_file(&b, path, &err), 0);
	s = bi_buf_span(&b);
	while (bi_span_next_line(&s, &line)) {
		struct bi_span w[16];
		size_t n;
		ver_cmp_fn cmp;

		if (line.len == 0 || line.ptr[0] == '#')
			continue;
		n = ver_words(line, w, 16);
		assert_true(n >= 3);
		if (bi_span_eq_str(w[0], "version_compare"))
			cmp = bi_deb_ver_cmp;
		else
			cmp = part_cmp;
		for (size_t i = 1; i + 1 < n; i++)
			for (size_t j = i + 1; j < n; j++)
				if (cmp(w[i], w[j]) >= 0)
					fail_msg("%.*s not below %.*s", BI_SPAN_ARG(w[i]),
						 BI_SPAN_ARG(w[j]));
		lists++;
	}
	assert_int_equal(lists, 3);
}

/* Unescape the quoted INPUT column of dpkg-parse.txt ("\t" is a TAB). */
static char *parse_input(struct bi_span col)
{
	struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);

	if (col.len >= 2 && col.ptr[0] == '"' && col.ptr[col.len - 1] == '"')
		col = bi_span_sub(col, 1, col.len - 2);
	for (size_t i = 0; i < col.len; i++) {
		if (col.ptr[i] == '\\' && i + 1 < col.len && col.ptr[i + 1] == 't') {
			bi_buf_addch(&b, '\t');
			i++;
		} else {
			bi_buf_addch(&b, col.ptr[i]);
		}
	}
	return bi_buf_detach(&b, NULL);
}

static void test_shared_parse_vectors(void **state)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MiB);
	_cleanup_free_ char *path = bi_test_shared("data/version-vectors/dpkg-parse.txt");
	struct bi_err *err = NULL;
	struct bi_span s, line;
	int valid = 0, error = 0, warn = 0;

	if (!path)
		skip();
	assert_int_equal(bi_buf_read_file(&b, path, &err), 0);
	s = bi_buf_span(&b);
	while (bi_span_next_line(&s, &line)) {
		struct bi_span kind, rest, col[4] = { BI_SPAN_NULL };
		size_t nc = 0;
		_cleanup_free_ char *input = NULL;
		struct bi_deb_ver v;
		const char *why;
		enum bi_ver_validity got;

		if (line.len == 0 || line.ptr[0] == '#')
			continue;
		assert_true(bi_span_cut(line, '\t', &kind, &rest));
		while (nc < 4 && bi_span_split(&rest, '\t', &col[nc]))
			nc++;
		input = parse_input(col[0]);
		got = bi_deb_ver_parse(bi_span_str(input), &v, &why);
		if (bi_span_eq_str(kind, "valid")) {
			uint64_t epoch;
			if (got != BI_VER_VALID)
				fail_msg("'%s' should be valid: %s", input, why);
			assert_true(bi_span_to_u64(col[1], &epoch));
			assert_int_equal(v.epoch, epoch);
			if (!bi_span_eq(v.upstream, col[2]) ||
			    !bi_span_eq(v.revision, nc > 3 ? col[3] : BI_SPAN_LIT("")))
				fail_msg("'%s': upstream '%.*s' revision '%.*s'", input,
					 BI_SPAN_ARG(v.upstream), BI_SPAN_ARG(v.revision));
			valid++;
		} else if (bi_span_eq_str(kind, "error")) {
			if (got != BI_VER_INVALID)
				fail_msg("'%s' should be an error", input);
			error++;
		} else {
			assert_true(bi_span_eq_str(kind, "warn"));
			if (got != BI_VER_WARN)
				fail_msg("'%s' should be a warning, got %d", input, got);
			warn++;
		}
	}
	assert_int_equal(valid, 17);
	assert_int_equal(error, 12);
	assert_true(warn >= 50);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inline_vectors),	       cmocka_unit_test(test_parse),
		cmocka_unit_test(test_shared_compare_vectors), cmocka_unit_test(test_shared_sorted),
		cmocka_unit_test(test_shared_parse_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
