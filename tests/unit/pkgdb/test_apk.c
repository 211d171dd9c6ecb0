/* SPDX-License-Identifier: MIT */
#include "../bi_test.h"
#include "pkgdb/pkgdb.h"

static const char installed[] = "C:Q1abc=\n"
				"P:musl\n"
				"V:1.2.5-r0\n"
				"A:x86_64\n"
				"o:musl\n"
				"F:lib\n"
				"R:ld-musl-x86_64.so.1\n"
				"R:libc.musl-x86_64.so.1\n"
				"\n"
				"P:libssl3\n"
				"V:3.3.2-r0\n"
				"A:x86_64\n"
				"o:openssl\n"
				"F:usr/lib\n"
				"R:libssl.so.3\n"
				"\n"
				"P:broken\n"
				"A:x86_64\n"
				"\n"
				"garbage line\n"
				"V:1.0\n"
				"\n"
				"P:alpine-baselayout-data\n"
				"V:3.6.5-r0\n";

static int fake_layer(void *ctx, const char *path)
{
	(void)ctx;
	if (strcmp(path, "lib/ld-musl-x86_64.so.1") == 0)
		return 2;
	if (strcmp(path, "lib/libc.musl-x86_64.so.1") == 0)
		return 1;
	if (strcmp(path, "usr/lib/libssl.so.3") == 0)
		return 3;
	return -1;
}

static void test_apk_parse(void **state)
{
	_cleanup_(bi_pkglist_releasep) struct bi_pkglist l = { 0 };
	struct bi_pkg_layer_cb cb = { fake_layer, NULL };
	struct bi_err *err = NULL;

	bi_pkglist_init(&l, BI_PKG_APK);
	assert_int_equal(bi_apk_parse(BI_SPAN_LIT(installed), "installed", &cb, &l, &err), 0);
	assert_null(err);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.pkgs[0].name, "musl");
	assert_string_equal(l.pkgs[0].version, "1.2.5-r0");
	assert_string_equal(l.pkgs[0].arch, "x86_64");
	assert_string_equal(l.pkgs[0].source, "musl");
	assert_int_equal(l.pkgs[0].layer, 1); /* lowest layer among its files */
	assert_string_equal(l.pkgs[1].name, "libssl3");
	assert_string_equal(l.pkgs[1].source, "openssl");
	assert_string_equal(l.pkgs[1].source_version, "3.3.2-r0");
	assert_int_equal(l.pkgs[1].layer, 3);
	/* last stanza without a trailing blank line, no origin: source = name */
	assert_string_equal(l.pkgs[2].name, "alpine-baselayout-data");
	assert_string_equal(l.pkgs[2].source, "alpine-baselayout-data");
	assert_null(l.pkgs[2].arch);
	assert_int_equal(l.pkgs[2].layer, -1);
	/* "broken" has no version, the garbage stanza no name: warnings, not failures */
	assert_int_equal(l.nwarnings, 3);
	assert_non_null(strstr(l.warnings[0], "installed: line 17"));
	assert_non_null(strstr(l.warnings[1], "line 20"));
	assert_non_null(strstr(l.warnings[2], "line 21: package record without P:"));
}

static void test_apk_empty_and_binary(void **state)
{
	_cleanup_(bi_pkglist_releasep) struct bi_pkglist l = { 0 };
	static const char junk[] = "\x00\x01\x02:\n\n\n:::\nP\nPX\n";

	bi_pkglist_init(&l, BI_PKG_APK);
	assert_int_equal(bi_apk_parse(BI_SPAN_LIT(""), "x", NULL, &l, NULL), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(bi_apk_parse(bi_span_make(junk, sizeof(junk) - 1), "x", NULL, &l, NULL),
			 0);
	assert_int_equal(l.n, 0);
	assert_true(l.nwarnings > 0);
}

/* The real Alpine 3.20.3 minirootfs database (../shared), when present. */
static void test_apk_real_alpine(void **state)
{
	_cleanup_free_ char *tgz =
		bi_test_shared("data/rootfs/alpine-minirootfs-3.20.3-x86_64.tar.gz");
	_cleanup_(bi_pkglist_releasep) struct bi_pkglist l = { 0 };
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MAX_KEPT_FILE);
	_cleanup_free_ char *cmd = NULL;
	const struct bi_pkg *p;
	FILE *f;
	char chunk[4096];
	size_t n;

	if (!tgz)
		skip();
	cmd = bi_xasprintf("tar -xzOf '%s' ./lib/apk/db/installed", tgz);
	f = popen(cmd, "r");
	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		assert_int_equal(bi_buf_add(&b, chunk, n), 0);
	assert_int_equal(pclose(f), 0);
	bi_pkglist_init(&l, BI_PKG_APK);
	assert_int_equal(bi_apk_parse(bi_buf_span(&b), "installed", NULL, &l, NULL), 0);
	assert_int_equal(l.nwarnings, 0);
	assert_int_equal(l.n, 14);
	p = bi_pkglist_find(&l, "libssl3");
	assert_non_null(p);
	assert_string_equal(p->version, "3.3.2-r0");
	assert_string_equal(p->source, "openssl");
	assert_string_equal(p->arch, "x86_64");
	p = bi_pkglist_find(&l, "musl");
	assert_non_null(p);
	assert_string_equal(p->version, "1.2.5-r0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_apk_parse),
		cmocka_unit_test(test_apk_empty_and_binary),
		cmocka_unit_test(test_apk_real_alpine),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
