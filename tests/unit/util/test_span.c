/* SPDX-License-Identifier: MIT */
#include "../bi_test.h"

static void test_lines(void **state)
{
	struct bi_span s = BI_SPAN_LIT("a\r\nbb\n\nccc");
	struct bi_span l;

	assert_true(bi_span_next_line(&s, &l));
	assert_true(bi_span_eq_str(l, "a"));
	assert_true(bi_span_next_line(&s, &l));
	assert_true(bi_span_eq_str(l, "bb"));
	assert_true(bi_span_next_line(&s, &l));
	assert_true(bi_span_eq_str(l, ""));
	assert_true(bi_span_next_line(&s, &l));
	assert_true(bi_span_eq_str(l, "ccc"));
	assert_false(bi_span_next_line(&s, &l));
}

static void test_split_cut_trim(void **state)
{
	struct bi_span s = BI_SPAN_LIT("k=v=w");
	struct bi_span a, b;

	assert_true(bi_span_cut(s, '=', &a, &b));
	assert_true(bi_span_eq_str(a, "k"));
	assert_true(bi_span_eq_str(b, "v=w"));
	assert_false(bi_span_cut(BI_SPAN_LIT("novalue"), '=', &a, &b));
	assert_true(bi_span_split(&s, '=', &a));
	assert_true(bi_span_eq_str(a, "k"));
	assert_true(bi_span_eq_str(bi_span_trim(BI_SPAN_LIT("  x y \t\n")), "x y"));
	assert_true(bi_span_ieq_str(BI_SPAN_LIT("FrOm"), "from"));
	assert_false(bi_span_ieq_str(BI_SPAN_LIT("FrOmx"), "from"));
}

static void test_numbers(void **state)
{
	uint64_t v;

	assert_true(bi_span_to_u64(BI_SPAN_LIT("18446744073709551615"), &v));
	assert_true(v == UINT64_MAX);
	assert_false(bi_span_to_u64(BI_SPAN_LIT("18446744073709551616"), &v));
	assert_false(bi_span_to_u64(BI_SPAN_LIT("12a"), &v));
	assert_false(bi_span_to_u64(BI_SPAN_LIT(""), &v));
}

static void test_find_and_prefix(void **state)
{
	struct bi_span s = BI_SPAN_LIT("sha256:abc");

	assert_int_equal(bi_span_find(s, BI_SPAN_LIT(":a")), 6);
	assert_int_equal(bi_span_find(s, BI_SPAN_LIT("zz")), -1);
	assert_true(bi_span_eat_prefix(&s, "sha256:"));
	assert_true(bi_span_eq_str(s, "abc"));
	assert_true(bi_span_ends_with(s, "bc"));
	assert_false(bi_span_eat_prefix(&s, "abcd"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_split_cut_trim),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_find_and_prefix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
