/* SPDX-License-Identifier: MIT */
#include "../bi_test.h"
#include "util/sqlite.h"

static void test_roundtrip_and_memory(void **state)
{
	char path[] = "/tmp/bi-test-sqlite-XXXXXX";
	int fd = mkstemp(path);
	struct bi_err *err = NULL;
	struct bi_db *db = NULL, *mem = NULL;
	struct bi_stmt *st = NULL;
	_cleanup_(bi_buf_release) struct bi_buf raw = BI_BUF_INIT(BI_MiB);

	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(bi_db_open(path, BI_DB_CREATE, &db, &err), 0);
	assert_int_equal(bi_db_exec(db, "CREATE TABLE t(a TEXT, b INTEGER);", &err), 0);
	assert_int_equal(bi_db_prepare(db, "INSERT INTO t VALUES(?, ?)", &st, &err), 0);
	assert_int_equal(bi_stmt_bind_text(st, 1, "x", &err), 0);
	assert_int_equal(bi_stmt_bind_int(st, 2, 7, &err), 0);
	assert_int_equal(bi_stmt_step(st, &err), 0);
	bi_stmt_finalize(st);
	/* An error names the database. */
	assert_int_equal(bi_db_exec(db, "SELECT * FROM nope;", &err), BI_EDB);
	assert_non_null(strstr(bi_err_msg(err), path));
	bi_err_freep(&err);
	bi_db_close(db);

	assert_int_equal(bi_buf_read_file(&raw, path, &err), 0);
	assert_int_equal(bi_db_open_memory(bi_buf_span(&raw), "mem.sqlite", &mem, &err), 0);
	assert_int_equal(bi_db_prepare(mem, "SELECT a, b FROM t", &st, &err), 0);
	assert_int_equal(bi_stmt_step(st, &err), 1);
	assert_string_equal(bi_stmt_text(st, 0), "x");
	assert_int_equal(bi_stmt_int(st, 1), 7);
	assert_int_equal(bi_stmt_step(st, &err), 0);
	bi_stmt_finalize(st);
	bi_db_close(mem);
	unlink(path);

	/* Garbage is an error, not a crash. */
	assert_true(bi_db_open_memory(BI_SPAN_LIT("not a database at all, not at all....."), "junk",
				      &mem, &err) < 0 ||
		    bi_db_prepare(mem, "SELECT 1 FROM sqlite_master", &st, &err) < 0);
	bi_err_freep(&err);
	bi_db_close(mem);
	assert_int_equal(bi_db_open("/nonexistent/x.db", 0, &db, &err), BI_ENOTFOUND);
	bi_err_freep(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip_and_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
