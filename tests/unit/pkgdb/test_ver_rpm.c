/* SPDX-License-Identifier: MIT */
#include "../bi_test.h"

#include "ver_vectors.h"

/* Written for this project; each line is what rpm 4.18's rpm.vercmp() says. */
static const char *const rpm_plain[] = {
	"1.0 < 1.1",	     "1.0 = 1.0",	  "1.0 < 1.0.1",      "1.0a > 1.0",
	"1.0 < 1.0a",	     "1a < 1.0",	  "1.0~rc1 < 1.0",    "1.0 < 1.0^post1",
	"1.0^post1 < 1.0.1", "1.0~rc1 < 1.0~rc2", "1.010 = 1.10",     "1_0 = 1.0",
	"2.el9 < 10.el9",    "el9 < el9_1",	  "1.fc17 > 1b.fc17",
};

/* Full E:V-R comparisons. */
static const char *const rpm_evr[] = {
	"0:2.34-60.el9 < 0:2.34-83.el9_3.7", /* glibc on Rocky 9 */
	"2.34-60.el9 < 0:2.34-83.el9_3.7",   /* no epoch = epoch 0 */
	"1:1.0-1 > 9.9-9",		     /* epoch first */
	":1.0-1 = 1.0-1",		     /* empty epoch = 0 */
	"1.0 < 1.0-1",			     /* a missing release sorts first */
	"1.0-1 > 1.0",
	"1.0- > 1.0",
	"1.0-1-1 > 1.0-1", /* the release follows the LAST hyphen */
	"3.0.7-27.el9 < 3.0.7-27.el9_4",
	"1:3.0.7-27.el9 > 3.0.7-99.el9",
};

static void test_inline_vectors(void **state)
{
	assert_int_equal(ver_check_table(bi_rpm_vercmp, rpm_plain, BI_ARRAY_SIZE(rpm_plain)),
			 (int)BI_ARRAY_SIZE(rpm_plain));
	assert_int_equal(ver_check_table(bi_rpm_evr_cmp, rpm_evr, BI_ARRAY_SIZE(rpm_evr)),
			 (int)BI_ARRAY_SIZE(rpm_evr));
}

/* The #oddity lines: what rpm 4.18 really does (checked with rpm.vercmp). */
static void test_shared_oddities(void **state)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MiB);
	_cleanup_free_ char *path = bi_test_shared("data/version-vectors/rpm.txt");
	struct bi_err *err = NULL;
	struct bi_span s, line;
	int n = 0;

	if (!path)
		skip();
	assert_int_equal(bi_buf_read_file(&b, path, &err), 0);
	s = bi_buf_span(&b);
	while (bi_span_next_line(&s, &line))
		if (bi_span_eat_prefix(&line, "#oddity "))
			n += ver_check_line(bi_rpm_vercmp, line, "rpm.txt oddity");
	assert_int_equal(n, 12);
}

static void test_shared_vectors(void **state)
{
	int n1 = ver_check_file(bi_rpm_vercmp, "data/version-vectors/rpm.txt");
	int n2 = ver_check_file(bi_rpm_evr_cmp, "data/version-vectors/rpm.txt");

	if (n1 < 0)
		skip();
	assert_int_equal(n1, 91);
	assert_int_equal(n2, 91);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inline_vectors),
		cmocka_unit_test(test_shared_oddities),
		cmocka_unit_test(test_shared_vectors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
