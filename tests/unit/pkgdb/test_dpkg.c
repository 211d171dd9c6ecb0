/* SPDX-License-Identifier: MIT */
#include "../bi_test.h"
#include "pkgdb/pkgdb.h"

static const char status[] =
	"Package: libc6\n"
	"Status: install ok installed\n"
	"Priority: optional\n"
	"Architecture: amd64\n"
	"Multi-Arch: same\n"
	"Source: glibc\n"
	"Version: 2.36-9+deb12u7\n"
	"Description: GNU C Library: Shared libraries\n"
	" Contains the standard libraries that are used by nearly all programs on\n"
	" the system.\n"
	"\n"
	"Package: libssl3\n"
	"Status: install ok installed\n"
	"Architecture: amd64\n"
	"Source: openssl (3.0.15-1~deb12u1)\n"
	"Version: 3.0.15-1~deb12u1+b1\n"
	"\n"
	"Package: wget\n"
	"Status: deinstall ok config-files\n"
	"Architecture: amd64\n"
	"Version: 1.21.3-1+b2\n"
	"\n"
	"Package: half\n"
	"Status: install reinstreq half-installed\n"
	"Version: 1\n"
	"\n"
	"Status: install ok installed\n"
	"Version: 1.0\n"
	"\n"
	"Package: noversion\n"
	"Status: install ok installed\n"
	"\n\n\n"
	"Package: bash\n"
	"Status: hold ok installed\n"
	"Architecture: amd64\n"
	"Version: 5.2.15-2+b7\n"
	"this line has no colon\n";

static void test_dpkg_status(void **state)
{
	struct bi_pkglist l = { 0 };

	bi_pkglist_init(&l, BI_PKG_DPKG);
	assert_int_equal(bi_dpkg_parse(BI_SPAN_LIT(status), "status", false, &l, NULL), 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.pkgs[0].name, "libc6");
	assert_string_equal(l.pkgs[0].version, "2.36-9+deb12u7");
	assert_string_equal(l.pkgs[0].arch, "amd64");
	assert_string_equal(l.pkgs[0].source, "glibc");
	assert_string_equal(l.pkgs[0].source_version, "2.36-9+deb12u7");
	assert_string_equal(l.pkgs[1].name, "libssl3");
	assert_string_equal(l.pkgs[1].version, "3.0.15-1~deb12u1+b1");
	assert_string_equal(l.pkgs[1].source, "openssl");
	assert_string_equal(l.pkgs[1].source_version, "3.0.15-1~deb12u1");
	assert_string_equal(l.pkgs[2].name, "bash");
	assert_string_equal(l.pkgs[2].source, "bash");
	/* no Package (line 27), no Version (line 30), no colon (line 39) */
	assert_int_equal(l.nwarnings, 3);
	assert_non_null(strstr(l.warnings[0], "status: line 27"));
	assert_non_null(strstr(l.warnings[1], "noversion"));
	assert_non_null(strstr(l.warnings[2], "line 39"));
	bi_pkglist_release(&l);
}

static void test_dpkg_status_d(void **state)
{
	static const char one[] =
		"Package: tzdata\n"
		"Version: 2024a-0+deb12u1\n"
		"Architecture: all\n"
		"Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>\n";
	struct bi_pkglist l = { 0 };

	bi_pkglist_init(&l, BI_PKG_DPKG_STATUS_D);
	/* status.d files carry no Status field: every stanza counts */
	assert_int_equal(bi_dpkg_parse(BI_SPAN_LIT(one), "status.d/tzdata", true, &l, NULL), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.pkgs[0].name, "tzdata");
	assert_string_equal(l.pkgs[0].arch, "all");
	/* the same text as a status file: no Status, not installed */
	assert_int_equal(bi_dpkg_parse(BI_SPAN_LIT(one), "status", false, &l, NULL), 0);
	assert_int_equal(l.n, 1);
	bi_pkglist_release(&l);
}

static void test_dpkg_hostile(void **state)
{
	static const char junk[] = " leading continuation\n:\n:novalue\n\x01\x02\n\r\n";
	struct bi_pkglist l = { 0 };

	bi_pkglist_init(&l, BI_PKG_DPKG);
	assert_int_equal(bi_dpkg_parse(bi_span_make(junk, sizeof(junk) - 1), "s", false, &l, NULL),
			 0);
	assert_int_equal(l.n, 0);
	assert_true(l.nwarnings >= 2);
	bi_pkglist_release(&l);
}

/* The host's own dpkg database (a Debian host): parses with no warnings. */
static void test_dpkg_host(void **state)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MAX_KEPT_FILE);
	struct bi_pkglist l = { 0 };
	struct bi_err *err = NULL;

	if (bi_buf_read_file(&b, "/var/lib/dpkg/status", &err) < 0)
		fail_msg("%s", bi_err_msg(err));
	bi_pkglist_init(&l, BI_PKG_DPKG);
	assert_int_equal(bi_dpkg_parse(bi_buf_span(&b), "status", false, &l, NULL), 0);
	assert_int_equal(l.nwarnings, 0);
	assert_true(l.n > 10);
	assert_non_null(bi_pkglist_find(&l, "dpkg"));
	bi_pkglist_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dpkg_status),
		cmocka_unit_test(test_dpkg_status_d),
		cmocka_unit_test(test_dpkg_hostile),
		cmocka_unit_test(test_dpkg_host),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
