/* SPDX-License-Identifier: MIT */
#include "../bi_test.h"

static void test_empty_is_terminated(void **state)
{
	struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);

	assert_non_null(b.buf);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.buf, "");
	bi_buf_release(&b);
}

static void test_add_and_detach(void **state)
{
	struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);
	size_t len;
	char *s;

	assert_int_equal(bi_buf_adds(&b, "hello"), 0);
	assert_int_equal(bi_buf_addch(&b, ' '), 0);
	assert_int_equal(bi_buf_addf(&b, "%d-%s", 42, "x"), 0);
	assert_string_equal(b.buf, "hello 42-x");
	s = bi_buf_detach(&b, &len);
	assert_int_equal(len, 10);
	assert_string_equal(s, "hello 42-x");
	assert_int_equal(b.len, 0);
	assert_string_equal(b.buf, "");
	free(s);
}

static void test_cap_is_enforced(void **state)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(8);

	assert_int_equal(bi_buf_adds(&b, "12345678"), 0);
	/* One more byte exceeds the cap and leaves the buffer unchanged. */
	assert_int_equal(bi_buf_addch(&b, '9'), BI_ELIMIT);
	assert_string_equal(b.buf, "12345678");
	assert_int_equal(bi_buf_addf(&b, "%s", "x"), BI_ELIMIT);
	assert_int_equal(b.len, 8);
}

static void test_grow_overflow(void **state)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);

	assert_int_equal(bi_buf_adds(&b, "ab"), 0);
	assert_int_equal(bi_buf_grow(&b, SIZE_MAX), BI_ELIMIT);
	assert_int_equal(bi_buf_grow(&b, SIZE_MAX - 1), BI_ELIMIT);
}

static void test_read_file_cap_and_errors(void **state)
{
	char path[] = "/tmp/bi-test-buf-XXXXXX";
	int fd = mkstemp(path);
	struct bi_err *err = NULL;
	struct bi_buf b = BI_BUF_INIT(4);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "12345", 5), 5);
	close(fd);
	assert_int_equal(bi_buf_read_file(&b, path, &err), BI_ELIMIT);
	assert_non_null(strstr(bi_err_msg(err), path));
	bi_err_freep(&err);
	bi_buf_release(&b);

	b.max = 5;
	assert_int_equal(bi_buf_read_file(&b, path, &err), 0);
	assert_string_equal(b.buf, "12345");
	bi_buf_release(&b);
	unlink(path);

	assert_int_equal(bi_buf_read_file(&b, "/nonexistent/x", &err), BI_ENOTFOUND);
	assert_non_null(strstr(bi_err_msg(err), "/nonexistent/x"));
	bi_err_freep(&err);
}

static void test_atomic_write(void **state)
{
	char dir[] = "/tmp/bi-test-atomic-XXXXXX";
	struct bi_err *err = NULL;
	_cleanup_free_ char *p = NULL;
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(100);

	assert_non_null(mkdtemp(dir));
	p = bi_xasprintf("%s/out", dir);
	assert_int_equal(bi_write_file_atomic(p, "abc", 3, &err), 0);
	assert_int_equal(bi_buf_read_file(&b, p, &err), 0);
	assert_string_equal(b.buf, "abc");
	unlink(p);
	rmdir(dir);
	/* A folder that does not exist: a clear error, nothing written. */
	assert_int_equal(bi_write_file_atomic("/nonexistent/dir/out", "x", 1, &err), BI_EIO);
	assert_non_null(strstr(bi_err_msg(err), "/nonexistent/dir/out"));
	bi_err_freep(&err);
}

static void test_err_wrap_keeps_code(void **state)
{
	struct bi_err *err = NULL;

	assert_int_equal(bi_err_set(&err, BI_EFORMAT, "line %d: bad", 3), BI_EFORMAT);
	assert_int_equal(bi_err_wrap(&err, "file %s", "x.json"), BI_EFORMAT);
	assert_string_equal(bi_err_msg(err), "file x.json: line 3: bad");
	assert_int_equal(bi_err_exit_status(bi_err_code(err)), 3);
	bi_err_freep(&err);
	/* A NULL err is allowed and still returns the code. */
	assert_int_equal(bi_err_set(NULL, BI_ELIMIT, "x"), BI_ELIMIT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_is_terminated),
		cmocka_unit_test(test_add_and_detach),
		cmocka_unit_test(test_cap_is_enforced),
		cmocka_unit_test(test_grow_overflow),
		cmocka_unit_test(test_read_file_cap_and_errors),
		cmocka_unit_test(test_atomic_write),
		cmocka_unit_test(test_err_wrap_keeps_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
