/* SPDX-License-Identifier: MIT */
/* Importers on bad input: one clear error naming the file (and line), DB unchanged. */
#include "../bi_test.h"

#include "util/sqlite.h"
#include "vuln/import.h"

static char *tmpdir;

static int setup(void **state)
{
	char tmpl[] = "/tmp/bi-test-import-XXXXXX";

	tmpdir = bi_xstrdup(mkdtemp(tmpl));
	return 0;
}

static int teardown(void **state)
{
	_cleanup_free_ char *cmd = bi_xasprintf("rm -rf '%s'", tmpdir);
	int r = system(cmd);

	(void)r;
	free(tmpdir);
	return 0;
}

/* Import `text` from a file called name; returns the code, *msg the message. */
static int import_text(const char *name, const char *text, char **msg, int64_t *rows)
{
	_cleanup_free_ char *path = bi_xasprintf("%s/%s", tmpdir, name);
	_cleanup_free_ char *dbp = bi_xasprintf("%s/%s.db", tmpdir, name);
	_cleanup_(bi_vulndb_closep) struct bi_vulndb *db = NULL;
	struct bi_import_result res;
	struct bi_err *err = NULL;
	FILE *f = fopen(path, "w");
	int r;

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	unlink(dbp);
	assert_int_equal(bi_vulndb_open(dbp, BI_VULNDB_WRITE, &db, &err), 0);
	r = bi_vuln_import_path(db, path, &res, &err);
	*msg = r < 0 ? bi_xstrdup(bi_err_msg(err)) : NULL;
	*rows = r < 0 ? -1 : res.counts.rows;
	if (r == 0)
		bi_import_result_release(&res);
	bi_err_free(err);
	return r;
}

static void expect_error(const char *name, const char *text, int code, const char *needle)
{
	_cleanup_free_ char *msg = NULL;
	int64_t rows;

	assert_int_equal(import_text(name, text, &msg, &rows), code);
	if (!strstr(msg, needle) || !strstr(msg, name))
		fail_msg("%s: message '%s' lacks '%s'", name, msg, needle);
}

static void test_oval_errors(void **state)
{
	expect_error("a.xml",
		     "<?xml version=\"1.0\"?>\n<oval_definitions>\n<definitions>\n<oops>\n",
		     BI_EFORMAT, "line");
	expect_error("b.xml", "<oval_definitions><definitions></definitions></oval_definitions>",
		     BI_EFORMAT, "no OVAL definitions");
}

static void test_json_errors(void **state)
{
	expect_error("c.json", "{\"distroversion\": \"v3.20\", \"packages\": 7}", BI_EFORMAT,
		     "not an Alpine secdb document");
	expect_error("d.json", "{\"id\": 1, \"modified\": \"x\"}", BI_EFORMAT, "not an OSV record");
	expect_error("e.json", "{\"a\": {\"CVE-1\": {\"releases\": {}}}", BI_EFORMAT,
		     "truncated JSON");
	expect_error("f.json", "{\"a\": {\"CVE-1\": {\"releases\": {}}}} x", BI_EFORMAT,
		     "data after the end");
	expect_error("g.json", "{\"a\": {\"CVE-1\": {\"releases\": {\"sid\": tru}}}}", BI_EFORMAT,
		     "the package at line 1");
	expect_error("h.txt", "not a feed", BI_EFORMAT, "unrecognised format");
}

static void test_damaged_records_are_skipped(void **state)
{
	_cleanup_free_ char *msg = NULL;
	int64_t rows;

	/* One good row, one release without status, one package that is not an object. */
	assert_int_equal(import_text("t.json",
				     "{\"a\": {\"CVE-1\": {\"releases\": {\"sid\": {\"status\": "
				     "\"open\"}, \"bookworm\": {}}}}, \"b\": []}",
				     &msg, &rows),
			 0);
	assert_int_equal(rows, 1);
}

static void test_newer_schema_refused(void **state)
{
	_cleanup_free_ char *dbp = bi_xasprintf("%s/future.db", tmpdir);
	struct bi_db *h = NULL;
	struct bi_vulndb *db = NULL;
	struct bi_err *err = NULL;

	assert_int_equal(bi_db_open(dbp, BI_DB_CREATE, &h, &err), 0);
	assert_int_equal(bi_db_exec(h, "PRAGMA user_version = 99", &err), 0);
	bi_db_close(h);
	assert_int_equal(bi_vulndb_open(dbp, 0, &db, &err), BI_EDB);
	assert_non_null(strstr(bi_err_msg(err), "schema version 99 is newer"));
	bi_err_free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oval_errors),
		cmocka_unit_test(test_json_errors),
		cmocka_unit_test(test_damaged_records_are_skipped),
		cmocka_unit_test(test_newer_schema_refused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
