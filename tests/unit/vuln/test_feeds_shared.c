/* SPDX-License-Identifier: MIT */
/*
 * The real feeds under ../shared/data (skipped when absent): the facts its
 * README lists, checked through import and matching.
 */
#include "../bi_test.h"

#include "vuln/import.h"
#include "vuln/match.h"

static char *tmpdir;

static int setup(void **state)
{
	char tmpl[] = "/tmp/bi-test-feeds-XXXXXX";

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

/* Open a fresh DB with the given shared feeds; NULL (skip) when one is absent. */
static struct bi_vulndb *db_with(const char *name, const char *const *rel, size_t n,
				 struct bi_import_result *last)
{
	_cleanup_free_ char *path = bi_xasprintf("%s/%s.db", tmpdir, name);
	struct bi_vulndb *db = NULL;
	struct bi_err *err = NULL;

	for (size_t i = 0; i < n; i++) {
		char *p = bi_test_shared(rel[i]);
		if (!p)
			return NULL;
		free(p);
	}
	if (bi_vulndb_open(path, BI_VULNDB_WRITE, &db, &err) < 0)
		fail_msg("%s", bi_err_msg(err));
	for (size_t i = 0; i < n; i++) {
		_cleanup_free_ char *p = bi_test_shared(rel[i]);
		struct bi_import_result res;
		if (bi_vuln_import_path(db, p, &res, &err) < 0)
			fail_msg("%s", bi_err_msg(err));
		if (last)
			*last = res;
		else
			bi_import_result_release(&res);
	}
	return db;
}

struct pkgdef {
	const char *name, *version, *source;
};

static void run(struct bi_vulndb *db, const struct bi_distro *d, const struct pkgdef *defs,
		size_t n, struct bi_findings *f)
{
	struct bi_vuln_target t;
	struct bi_pkglist l = { 0 };
	struct bi_err *err = NULL;

	assert_int_equal(bi_vuln_target(d, &t, &err), 0);
	l.pkgs = bi_xcalloc(n, sizeof(*l.pkgs));
	l.n = l.alloc = n;
	for (size_t i = 0; i < n; i++) {
		l.pkgs[i].name = (char *)defs[i].name;
		l.pkgs[i].version = (char *)defs[i].version;
		l.pkgs[i].source = (char *)defs[i].source;
		l.pkgs[i].layer = 0;
	}
	if (bi_vuln_match(db, &t, &l, f, &err) < 0)
		fail_msg("%s", bi_err_msg(err));
	free(l.pkgs);
}

static const struct bi_finding *find(const struct bi_findings *f, const char *pkg, const char *id)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].package, pkg) == 0 && strcmp(f->v[i].id, id) == 0)
			return &f->v[i];
	return NULL;
}

/* README facts 1 and 2: the Alpine 3.20.3 minirootfs packages. */
static void test_alpine_v320(void **state)
{
	static const char *const feeds[] = { "data/alpine-secdb/v3.20/main.json",
					     "data/alpine-secdb/v3.20/community.json" };
	static const struct pkgdef pkgs[] = {
		{ "alpine-baselayout", "3.6.5-r0", "alpine-baselayout" },
		{ "busybox", "1.36.1-r29", "busybox" },
		{ "libcrypto3", "3.3.2-r0", "openssl" },
		{ "libssl3", "3.3.2-r0", "openssl" },
		{ "musl", "1.2.5-r0", "musl" },
		{ "zlib", "1.3.1-r1", "zlib" },
		{ "apk-tools", "2.14.4-r1", "apk-tools" },
	};
	_cleanup_(bi_vulndb_closep) struct bi_vulndb *db = db_with("alpine", feeds, 2, NULL);
	struct bi_distro d = { .id = "alpine", .version_id = "3.20.3" };
	struct bi_findings f;
	const struct bi_finding *x;

	if (!db)
		skip();
	run(db, &d, pkgs, BI_ARRAY_SIZE(pkgs), &f);
	x = find(&f, "libssl3", "CVE-2024-9143");
	assert_non_null(x);
	assert_string_equal(x->fixed, "3.3.2-r1");
	assert_non_null(find(&f, "libcrypto3", "CVE-2024-9143"));
	assert_null(find(&f, "libssl3", "CVE-2024-6119"));
	assert_null(find(&f, "zlib", "CVE-2023-45853"));
	assert_null(find(&f, "zlib", "CVE-2023-6992"));
	/* Nothing else: this secdb has no later fixes for these packages. */
	assert_int_equal(f.n, 2);
	bi_findings_release(&f);
}

/* README fact 3: Debian bookworm OVAL. */
static void test_debian_oval(void **state)
{
	static const char *const feeds[] = { "data/debian-oval/oval-definitions-bookworm.xml.bz2" };
	static const struct pkgdef pkgs[] = {
		{ "libx11-6", "2:1.8.4-2", "libx11" },
		{ "libx11-data", "2:1.8.4-2+deb12u1", "libx11" },
		{ "libssl3", "3.0.8-1", "openssl" },
		{ "apt", "2.6.1", NULL },
	};
	struct bi_import_result res;
	_cleanup_(bi_vulndb_closep) struct bi_vulndb *db = db_with("oval", feeds, 1, &res);
	struct bi_distro d = { .id = "debian", .version_id = "12", .codename = "bookworm" };
	struct bi_findings f;
	const struct bi_finding *x;

	if (!db)
		skip();
	assert_int_equal(res.kind, BI_FEED_OVAL);
	assert_string_equal(res.scope, "debian bookworm");
	assert_string_equal(res.data_date, "2023-07-14T03:39:10.188-04:00");
	/* "DPKG is earlier than 0": 1533 definitions, imported as unfixed. */
	assert_int_equal(res.counts.unfixed, 1533);
	bi_import_result_release(&res);
	run(db, &d, pkgs, BI_ARRAY_SIZE(pkgs), &f);
	x = find(&f, "libx11-6", "CVE-2023-3138");
	assert_non_null(x);
	assert_int_equal(x->status, BI_FIND_FIXABLE);
	assert_string_equal(x->fixed, "2:1.8.4-2+deb12u1");
	assert_null(find(&f, "libx11-data", "CVE-2023-3138"));
	x = find(&f, "libssl3", "CVE-2023-2650");
	assert_non_null(x);
	assert_string_equal(x->fixed, "3.0.9-1");
	x = find(&f, "apt", "CVE-2011-3374");
	assert_non_null(x);
	assert_int_equal(x->status, BI_FIND_UNFIXED);
	bi_findings_release(&f);
}

static void test_rocky_oval(void **state)
{
	static const char *const feeds[] = { "data/rpm-oval/org.rockylinux.rlsa-9.xml" };
	static const struct pkgdef pkgs[] = {
		{ "gzip", "1.10-8.el9", "gzip" },
		{ "openssl-libs", "1:3.0.1-47.el9_1", "openssl" },
	};
	struct bi_import_result res;
	_cleanup_(bi_vulndb_closep) struct bi_vulndb *db = db_with("rocky", feeds, 1, &res);
	struct bi_distro d = { .id = "rocky",
			       .version_id = "9.3",
			       .id_like = "rhel centos fedora" };
	struct bi_findings f;
	const struct bi_finding *x;

	if (!db)
		skip();
	assert_string_equal(res.scope, "rocky 9");
	assert_int_equal(res.counts.vulns, 175);
	bi_import_result_release(&res);
	run(db, &d, pkgs, BI_ARRAY_SIZE(pkgs), &f);
	x = find(&f, "gzip", "RLSA-2022:4582");
	assert_non_null(x);
	assert_string_equal(x->fixed, "0:1.10-9.el9_0");
	assert_int_equal(x->severity, BI_SEV_HIGH);
	assert_string_equal(x->severity_word, "Important");
	assert_null(find(&f, "openssl-libs", "RLSA-2022:7288"));
	bi_findings_release(&f);
}

/* OSV records as osv.dev serves them. */
static void test_osv_records(void **state)
{
	static const char *const feeds[] = { "data/osv/alpine" };
	static const struct pkgdef pkgs[] = {
		{ "wget", "1.24.5-r0", "wget" },
		{ "wget2", "1.25.0-r0", "wget" },
	};
	struct bi_import_result res;
	_cleanup_(bi_vulndb_closep) struct bi_vulndb *db = db_with("osv", feeds, 1, &res);
	struct bi_distro d = { .id = "alpine", .version_id = "3.21.0" };
	struct bi_findings f;

	if (!db)
		skip();
	assert_int_equal(res.kind, BI_FEED_OSV);
	bi_import_result_release(&res);
	run(db, &d, pkgs, BI_ARRAY_SIZE(pkgs), &f);
	assert_non_null(find(&f, "wget", "CVE-2024-10524"));
	assert_null(find(&f, "wget2", "CVE-2024-10524"));
	bi_findings_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alpine_v320),
		cmocka_unit_test(test_debian_oval),
		cmocka_unit_test(test_rocky_oval),
		cmocka_unit_test(test_osv_records),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
