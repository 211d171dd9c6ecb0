/* SPDX-License-Identifier: MIT */
/* src/util/decompress.c: bzip2/xz/plain detection, streaming, caps, damage. */
#include "../bi_test.h"

#include "util/decompress.h"

static char *read_all(const char *path, uint64_t max, int *ret_code)
{
	struct bi_decomp *d = NULL;
	struct bi_err *err = NULL;
	struct bi_buf b = BI_BUF_INIT(64 * BI_MiB);
	int r = bi_decomp_open(path, max, &d, &err);

	if (r == 0)
		r = bi_decomp_read_all(d, &b, &err);
	*ret_code = r;
	if (r < 0)
		assert_non_null(strstr(bi_err_msg(err), path)); /* errors name the file */
	bi_err_free(err);
	bi_decomp_free(d);
	if (r < 0) {
		bi_buf_release(&b);
		return NULL;
	}
	return bi_buf_detach(&b, NULL);
}

static char *plain_path(void)
{
	return bi_test_src("tests/unit/vuln/data/tracker-sample.json");
}

static void test_bzip2_and_plain(void **state)
{
	_cleanup_free_ char *plain = plain_path();
	_cleanup_free_ char *bz = bi_test_src("fuzz/corpus/tracker/sample.json.bz2");
	_cleanup_free_ char *a = NULL, *b = NULL;
	int r;

	a = read_all(plain, BI_MiB, &r);
	assert_int_equal(r, 0);
	b = read_all(bz, BI_MiB, &r);
	assert_int_equal(r, 0);
	assert_string_equal(a, b);
}

static void test_xz_via_cli(void **state)
{
	_cleanup_free_ char *plain = plain_path();
	_cleanup_free_ char *xz = bi_xasprintf("/tmp/bi-test-decomp-%d.xz", (int)getpid());
	_cleanup_free_ char *cmd = bi_xasprintf("xz -c '%s' > '%s' 2>/dev/null", plain, xz);
	_cleanup_free_ char *a = NULL, *b = NULL;
	int r;

	/* xz comes from xz-utils (scripts/install-deps.sh): its absence fails. */
	if (system(cmd) != 0) {
		unlink(xz);
		fail_msg("%s failed", cmd);
	}
	a = read_all(plain, BI_MiB, &r);
	b = read_all(xz, BI_MiB, &r);
	assert_int_equal(r, 0);
	assert_string_equal(a, b);
	/* The output cap. */
	assert_null(read_all(xz, 100, &r));
	assert_int_equal(r, BI_ELIMIT);
	unlink(xz);
}

static void test_truncated_bzip2(void **state)
{
	_cleanup_(bi_buf_release) struct bi_buf in = BI_BUF_INIT(BI_MiB);
	_cleanup_free_ char *bz = bi_test_src("fuzz/corpus/tracker/sample.json.bz2");
	struct bi_decomp *d = NULL;
	struct bi_err *err = NULL;
	struct bi_buf out = BI_BUF_INIT(BI_MiB);

	assert_int_equal(bi_buf_read_file(&in, bz, &err), 0);
	assert_int_equal(bi_decomp_open_memory(bi_span_make(in.buf, in.len / 2), "half.bz2", BI_MiB,
					       &d, &err),
			 0);
	assert_int_equal(bi_decomp_kind(d), BI_DECOMP_BZIP2);
	assert_int_equal(bi_decomp_read_all(d, &out, &err), BI_EFORMAT);
	assert_non_null(strstr(bi_err_msg(err), "half.bz2: truncated bzip2 data"));
	bi_err_freep(&err);
	bi_decomp_free(d);
	bi_buf_release(&out);
	/* Garbage after the magic. */
	assert_int_equal(
		bi_decomp_open_memory(BI_SPAN_LIT("BZh9garbagegarbage"), "g.bz2", BI_MiB, &d, &err),
		0);
	assert_int_equal(bi_decomp_read_all(d, &out, &err), BI_EFORMAT);
	bi_err_freep(&err);
	bi_decomp_free(d);
	bi_buf_release(&out);
}

static void test_missing_file(void **state)
{
	struct bi_decomp *d = NULL;
	struct bi_err *err = NULL;

	assert_int_equal(bi_decomp_open("/nonexistent/x.bz2", BI_MiB, &d, &err), BI_ENOTFOUND);
	assert_non_null(strstr(bi_err_msg(err), "/nonexistent/x.bz2"));
	bi_err_free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bzip2_and_plain),
		cmocka_unit_test(test_xz_via_cli),
		cmocka_unit_test(test_truncated_bzip2),
		cmocka_unit_test(test_missing_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
