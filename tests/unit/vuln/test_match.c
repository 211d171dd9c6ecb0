/* SPDX-License-Identifier: MIT */
/*
 * Matching against the project's own small fixtures (tests/unit/vuln/data):
 * a trimmed Alpine v3.20 secdb, a Debian Security Tracker JSON sample and an
 * OSV record with several ranges.
 */
#include "../bi_test.h"

#include "vuln/import.h"
#include "vuln/match.h"

static char *tmpdir;

static int setup(void **state)
{
	char tmpl[] = "/tmp/bi-test-match-XXXXXX";

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

static struct bi_vulndb *open_db(const char *name)
{
	_cleanup_free_ char *path = bi_xasprintf("%s/%s.db", tmpdir, name);
	struct bi_vulndb *db = NULL;
	struct bi_err *err = NULL;

	unlink(path);
	if (bi_vulndb_open(path, BI_VULNDB_WRITE, &db, &err) < 0)
		fail_msg("%s", bi_err_msg(err));
	return db;
}

static void import(struct bi_vulndb *db, const char *rel)
{
	_cleanup_free_ char *path = bi_test_src(rel);
	struct bi_import_result res;
	struct bi_err *err = NULL;

	if (bi_vuln_import_path(db, path, &res, &err) < 0)
		fail_msg("%s", bi_err_msg(err));
	bi_import_result_release(&res);
}

struct pkgdef {
	const char *name, *version, *source;
};

static void make_list(struct bi_pkglist *l, const struct pkgdef *d, size_t n)
{
	memset(l, 0, sizeof(*l));
	l->pkgs = bi_xcalloc(n, sizeof(*l->pkgs));
	l->n = l->alloc = n;
	for (size_t i = 0; i < n; i++) {
		l->pkgs[i].name = bi_xstrdup(d[i].name);
		l->pkgs[i].version = bi_xstrdup(d[i].version);
		l->pkgs[i].source = d[i].source ? bi_xstrdup(d[i].source) : NULL;
		l->pkgs[i].layer = (int)i % 2;
	}
}

static void free_list(struct bi_pkglist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->pkgs[i].name);
		free(l->pkgs[i].version);
		free(l->pkgs[i].source);
	}
	free(l->pkgs);
}

static const struct bi_finding *find(const struct bi_findings *f, const char *pkg, const char *id)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].package, pkg) == 0 && strcmp(f->v[i].id, id) == 0)
			return &f->v[i];
	return NULL;
}

static void match(struct bi_vulndb *db, const struct bi_distro *d, const struct pkgdef *defs,
		  size_t n, struct bi_findings *f)
{
	struct bi_vuln_target t;
	struct bi_pkglist l;
	struct bi_err *err = NULL;

	assert_int_equal(bi_vuln_target(d, &t, &err), 0);
	make_list(&l, defs, n);
	if (bi_vuln_match(db, &t, &l, f, &err) < 0)
		fail_msg("%s", bi_err_msg(err));
	free_list(&l);
}

/* The Alpine 3.20.3 minirootfs facts from the shared README, on our trimmed secdb. */
static void test_alpine_secdb(void **state)
{
	_cleanup_(bi_vulndb_closep) struct bi_vulndb *db = open_db("alpine");
	static const struct pkgdef pkgs[] = {
		{ "libssl3", "3.3.2-r0", "openssl" }, { "libcrypto3", "3.3.2-r0", "openssl" },
		{ "zlib", "1.3.1-r1", "zlib" },	      { "busybox", "1.36.1-r28", "busybox" },
		{ "gnutls", "3.8.4-r0", "gnutls" },   { "musl", "1.2.5-r0", "musl" },
	};
	struct bi_distro d = { .id = "alpine", .version_id = "3.20.3" };
	struct bi_findings f;
	const struct bi_finding *x;

	import(db, "tests/unit/vuln/data/secdb-v3.20-trimmed.json");
	match(db, &d, pkgs, BI_ARRAY_SIZE(pkgs), &f);
	/* openssl 3.3.2-r0 fixes CVE-2024-6119; 3.3.2-r1 fixes CVE-2024-9143. */
	x = find(&f, "libssl3", "CVE-2024-9143");
	assert_non_null(x);
	assert_int_equal(x->status, BI_FIND_FIXABLE);
	assert_string_equal(x->fixed, "3.3.2-r1");
	assert_string_equal(x->installed, "3.3.2-r0");
	assert_string_equal(x->source_package, "openssl");
	assert_int_equal(x->layer, 0);
	assert_non_null(find(&f, "libcrypto3", "CVE-2024-9143"));
	assert_null(find(&f, "libssl3", "CVE-2024-6119"));
	assert_null(find(&f, "libssl3", "CVE-2024-5535"));
	/* "0": never affected. */
	assert_null(find(&f, "libssl3", "CVE-2022-1292"));
	assert_null(find(&f, "zlib", "CVE-2023-45853"));
	assert_null(find(&f, "zlib", "CVE-2023-6992"));
	/* busybox r28: fixed in r27 (not reported), r29 (reported twice). */
	assert_null(find(&f, "busybox", "CVE-2023-42363"));
	assert_non_null(find(&f, "busybox", "CVE-2023-42364"));
	assert_non_null(find(&f, "busybox", "CVE-2023-42365"));
	/* "CVE-2024-28834 GNUTLS-SA-2023-12-04": one vulnerability, its CVE. */
	assert_non_null(find(&f, "gnutls", "CVE-2024-28834"));
	assert_null(find(&f, "gnutls", "GNUTLS-SA-2023-12-04"));
	assert_int_equal(f.n, 5);
	assert_int_equal(f.packages, 6);
	bi_findings_release(&f);
}

static void test_debian_tracker(void **state)
{
	_cleanup_(bi_vulndb_closep) struct bi_vulndb *db = open_db("tracker");
	static const struct pkgdef pkgs[] = {
		{ "libssl3", "3.0.11-1~deb12u2", "openssl" },
		{ "apt", "2.6.1", NULL },
		{ "zlib1g", "1:1.2.13.dfsg-1", "zlib" },
		{ "libtasn1-6", "4.19.0-2", NULL },
	};
	struct bi_distro d = { .id = "debian", .version_id = "12", .codename = "bookworm" };
	struct bi_findings f;
	const struct bi_finding *x;

	import(db, "tests/unit/vuln/data/tracker-sample.json");
	match(db, &d, pkgs, BI_ARRAY_SIZE(pkgs), &f);
	assert_null(find(&f, "libssl3", "CVE-2023-2650")); /* fixed in 3.0.9-1 */
	x = find(&f, "libssl3", "CVE-2023-5678");
	assert_non_null(x);
	assert_int_equal(x->status, BI_FIND_WONTFIX);
	assert_string_equal(x->reason, "postponed: Minor issue");
	assert_int_equal(x->severity, BI_SEV_LOW);
	x = find(&f, "apt", "CVE-2011-3374");
	assert_non_null(x);
	assert_int_equal(x->status, BI_FIND_UNFIXED);
	assert_null(x->fixed);
	assert_int_equal(x->severity, BI_SEV_NEGLIGIBLE);
	assert_string_equal(x->severity_word, "unimportant");
	x = find(&f, "zlib1g", "CVE-2023-45853");
	assert_non_null(x);
	assert_int_equal(x->status, BI_FIND_WONTFIX);
	assert_string_equal(x->reason, "ignored");
	assert_null(find(&f, "zlib1g", "TEMP-0000000-F4C1E2")); /* fixed_version 0 */
	/* A plain <no-dsa> has "nodsa_reason": "" in the real feed. */
	x = find(&f, "libtasn1-6", "CVE-2021-46848");
	assert_non_null(x);
	assert_int_equal(x->status, BI_FIND_WONTFIX);
	assert_string_equal(x->reason, "no-dsa: Minor issue");
	assert_int_equal(f.n, 4);
	bi_findings_release(&f);
}

static void test_osv_ranges(void **state)
{
	_cleanup_(bi_vulndb_closep) struct bi_vulndb *db = open_db("osv");
	static const struct pkgdef pkgs[] = {
		{ "a", "1.1-r0", "demo" }, /* in [0, 1.2) */
		{ "b", "1.5-r0", "demo" }, /* between the ranges */
		{ "c", "2.1-r0", "demo" }, /* in [2.0, 2.3) */
		{ "d", "2.3-r0", "demo" }, /* fixed */
		{ "e", "3.1-r0", "demo" }, /* open range: unfixed */
		/* Boundaries: introduced is inclusive, fixed exclusive (OSV schema). */
		{ "f", "2.0-r0", "demo" }, /* == introduced 2.0-r0: affected */
		{ "g", "3.0-r0", "demo" }, /* == introduced 3.0-r0: affected, unfixed */
		{ "h", "1.2-r0", "demo" }, /* == fixed 1.2-r0: not affected */
		{ "i", "1.9-r9", "demo" }, /* just below introduced 2.0-r0 */
	};
	struct bi_distro d = { .id = "alpine", .version_id = "3.20.1" };
	struct bi_findings f;
	const struct bi_finding *x;

	import(db, "tests/unit/vuln/data/osv-ranges.json");
	match(db, &d, pkgs, BI_ARRAY_SIZE(pkgs), &f);
	x = find(&f, "a", "TEST-2024-0001");
	assert_non_null(x);
	assert_string_equal(x->fixed, "1.2-r0");
	assert_int_equal(x->severity, BI_SEV_CRITICAL); /* CVSS 9.8 */
	assert_null(find(&f, "b", "TEST-2024-0001"));
	x = find(&f, "c", "TEST-2024-0001");
	assert_non_null(x);
	assert_string_equal(x->fixed, "2.3-r0");
	assert_null(find(&f, "d", "TEST-2024-0001"));
	x = find(&f, "e", "TEST-2024-0001");
	assert_non_null(x);
	assert_int_equal(x->status, BI_FIND_UNFIXED);
	x = find(&f, "f", "TEST-2024-0001");
	assert_non_null(x);
	assert_int_equal(x->status, BI_FIND_FIXABLE);
	assert_string_equal(x->fixed, "2.3-r0");
	x = find(&f, "g", "TEST-2024-0001");
	assert_non_null(x);
	assert_int_equal(x->status, BI_FIND_UNFIXED);
	assert_null(find(&f, "h", "TEST-2024-0001"));
	assert_null(find(&f, "i", "TEST-2024-0001"));
	assert_int_equal(f.n, 5);
	bi_findings_release(&f);
}

/* A failed import leaves the database as it was; importing again replaces. */
static void test_transactions(void **state)
{
	_cleanup_(bi_vulndb_closep) struct bi_vulndb *db = open_db("tx");
	_cleanup_free_ char *bad = bi_xasprintf("%s/bad.json", tmpdir);
	struct bi_vulndb_source *src;
	struct bi_import_result res;
	struct bi_err *err = NULL;
	size_t n;
	FILE *fp;

	import(db, "tests/unit/vuln/data/secdb-v3.20-trimmed.json");
	import(db, "tests/unit/vuln/data/secdb-v3.20-trimmed.json");
	assert_int_equal(bi_vulndb_sources(db, NULL, NULL, &src, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(src[0].counts.not_affected, 4);
	assert_int_equal(src[0].counts.fixed, 8);
	bi_vulndb_sources_free(src, n);
	/* Truncated secdb: parse error, nothing added. */
	fp = fopen(bad, "w");
	assert_non_null(fp);
	fputs("{\"distroversion\": \"v3.19\", \"packages\": [", fp);
	fclose(fp);
	assert_int_equal(bi_vuln_import_path(db, bad, &res, &err), BI_EFORMAT);
	assert_non_null(strstr(bi_err_msg(err), "bad.json"));
	bi_err_freep(&err);
	assert_int_equal(bi_vulndb_sources(db, NULL, NULL, &src, &n, &err), 0);
	assert_int_equal(n, 1);
	bi_vulndb_sources_free(src, n);
}

static void test_targets(void **state)
{
	struct bi_vuln_target t;
	struct bi_err *err = NULL;
	struct bi_distro d1 = { .id = "debian", .version_id = "12" };
	struct bi_distro d2 = { .id = "alpine", .version_id = "3.20.3" };
	struct bi_distro d3 = { .id = "rocky",
				.version_id = "9.4",
				.id_like = "rhel centos fedora" };
	struct bi_distro d4 = { .id = "arch" };
	struct bi_distro d5 = { .id = "alpine", .version_id = "3.21.0_alpha20240807" };

	assert_int_equal(bi_vuln_target(&d1, &t, &err), 0);
	assert_string_equal(t.release, "bookworm");
	assert_int_equal(t.scheme, BI_VER_DEB);
	assert_int_equal(bi_vuln_target(&d2, &t, &err), 0);
	assert_string_equal(t.release, "v3.20");
	assert_int_equal(bi_vuln_target(&d3, &t, &err), 0);
	assert_string_equal(t.distro, "rocky");
	assert_string_equal(t.release, "9");
	assert_string_equal(t.fallback_distro, "rhel");
	assert_int_equal(bi_vuln_target(&d5, &t, &err), 0);
	assert_string_equal(t.release, "edge");
	assert_int_equal(bi_vuln_target(&d4, &t, &err), BI_EUNSUPPORTED);
	bi_err_freep(&err);
}

/*
 * Two sources disagree: the tracker says CVE-2023-2650 is fixed in openssl
 * 3.0.9-1 (installed: 3.0.11), an older feed knew no fix yet. The installed
 * fix settles it; a source's "no fix" does not outweigh another's fix.
 */
static void test_installed_fix_beats_stale_unfixed(void **state)
{
	_cleanup_(bi_vulndb_closep) struct bi_vulndb *db = open_db("stale");
	static const struct pkgdef pkgs[] = {
		{ "libssl3", "3.0.11-1~deb12u2", "openssl" },
		{ "libssl3-old", "3.0.8-1", "openssl" },
		{ "apt", "2.6.1", NULL },
	};
	struct bi_distro d = { .id = "debian", .version_id = "12", .codename = "bookworm" };
	struct bi_findings f;
	const struct bi_finding *x;

	import(db, "tests/unit/vuln/data/tracker-sample.json");
	import(db, "tests/unit/vuln/data/osv-debian-stale.json");
	match(db, &d, pkgs, BI_ARRAY_SIZE(pkgs), &f);
	assert_null(find(&f, "libssl3", "CVE-2023-2650"));
	/* Below the fix: fixable, whatever the other feed says. */
	x = find(&f, "libssl3-old", "CVE-2023-2650");
	assert_non_null(x);
	assert_int_equal(x->status, BI_FIND_FIXABLE);
	assert_string_equal(x->fixed, "3.0.9-1");
	/* A fix from another source does not hide what a source still reports open. */
	x = find(&f, "apt", "CVE-2011-3374");
	assert_non_null(x);
	assert_int_equal(x->status, BI_FIND_UNFIXED);
	bi_findings_release(&f);
}

/* No rows for the release: an error naming it, never an empty (clean) result. */
static void test_release_without_data(void **state)
{
	_cleanup_(bi_vulndb_closep) struct bi_vulndb *db = open_db("nodata");
	static const struct pkgdef pkgs[] = { { "libssl3", "3.0.11-1~deb12u2", "openssl" } };
	struct bi_distro deb = { .id = "debian", .version_id = "12", .codename = "bookworm" };
	struct bi_distro alp = { .id = "alpine", .version_id = "3.19.1" };
	struct bi_vulndb_source *src;
	struct bi_vuln_target t;
	struct bi_pkglist l;
	struct bi_findings f = { 0 };
	struct bi_err *err = NULL;
	size_t n;

	import(db, "tests/unit/vuln/data/secdb-v3.20-trimmed.json");
	assert_int_equal(bi_vuln_target(&deb, &t, &err), 0);
	make_list(&l, pkgs, 1);
	assert_int_equal(bi_vuln_match(db, &t, &l, &f, &err), BI_ENOTFOUND);
	assert_non_null(strstr(bi_err_msg(err), "no data for debian bookworm"));
	bi_err_freep(&err);
	free_list(&l);
	assert_int_equal(bi_vuln_target(&alp, &t, &err), 0);
	assert_int_equal(bi_vuln_resolve(db, &t, &err), BI_ENOTFOUND); /* v3.19, not v3.20 */
	bi_err_freep(&err);

	/* Sources for a release: only those with rows for it. */
	import(db, "tests/unit/vuln/data/tracker-sample.json");
	assert_int_equal(bi_vulndb_sources(db, "debian", "bookworm", &src, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(src[0].kind, "debian-tracker");
	bi_vulndb_sources_free(src, n);
	assert_int_equal(bi_vulndb_sources(db, NULL, NULL, &src, &n, &err), 0);
	assert_int_equal(n, 2);
	bi_vulndb_sources_free(src, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alpine_secdb),
		cmocka_unit_test(test_debian_tracker),
		cmocka_unit_test(test_osv_ranges),
		cmocka_unit_test(test_transactions),
		cmocka_unit_test(test_targets),
		cmocka_unit_test(test_release_without_data),
		cmocka_unit_test(test_installed_fix_beats_stale_unfixed),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
