/* SPDX-License-Identifier: MIT */
#include "../bi_test.h"
#include "report/inspect.h"
#include "mockfs.h"

static const char status[] = "Package: libc6\n"
			     "Status: install ok installed\n"
			     "Architecture: amd64\n"
			     "Multi-Arch: same\n"
			     "Source: glibc\n"
			     "Version: 2.36-9+deb12u7\n"
			     "\n"
			     "Package: dash\n"
			     "Status: install ok installed\n"
			     "Architecture: amd64\n"
			     "Version: 0.5.12-2\n"
			     "\n"
			     "Package: gcc-12\n"
			     "Status: install ok installed\n"
			     "Architecture: amd64\n"
			     "Version: 12.2.0-14\n"
			     "\n"
			     "Package: libssl-dev\n"
			     "Status: install ok installed\n"
			     "Architecture: amd64\n"
			     "Source: openssl\n"
			     "Version: 3.0.15-1~deb12u1\n";

/* A Debian-like image in three layers: dpkg layers come from info/<pkg>.list. */
static void test_debian_layers(void **state)
{
	static char *cmd[] = { (char *)"python3" };
	static char *env[] = { (char *)"PATH=/usr/local/bin:/usr/bin:/bin" };
	struct bi_elf_info dash = { .elfclass = 64,
				    .type = 3,
				    .machine = 62,
				    .link = BI_ELF_DYNAMIC,
				    .interp = (char *)"/lib64/ld-linux-x86-64.so.2",
				    .needed_complete = true,
				    .libc = BI_LIBC_GLIBC };
	struct mockfs m = { 0 };
	struct bi_image img = { .config = { .cmd = cmd, .ncmd = 1, .env = env, .nenv = 1 } };
	struct bi_view v;
	struct bi_analysis *a = NULL;

	mock_dir(&m, "etc", 0);
	mock_link(&m, "etc/os-release", "../usr/lib/os-release", 0);
	mock_dir(&m, "usr", 0);
	mock_dir(&m, "usr/lib", 0);
	mock_file(&m, "usr/lib/os-release",
		  "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n", 0);
	mock_dir(&m, "var/lib/dpkg/info", 0);
	mock_file(&m, "var/lib/dpkg/status", status, 2);
	mock_file(&m, "var/lib/dpkg/info/libc6:amd64.list", NULL, 0);
	mock_file(&m, "var/lib/dpkg/info/dash.list", NULL, 0);
	mock_file(&m, "var/lib/dpkg/info/gcc-12.list", NULL, 1);
	mock_dir(&m, "bin", 0);
	mock_link(&m, "bin/sh", "dash", 0);
	mock_exe(&m, "bin/dash", &dash, 0);
	mock_dir(&m, "lib64", 0);
	mock_exe(&m, "lib64/ld-linux-x86-64.so.2", NULL, 0);
	mock_dir(&m, "usr/bin", 0);
	mock_exe(&m, "usr/bin/apt-get", NULL, 0);
	mock_link(&m, "usr/bin/gcc", "gcc-12", 1);
	mock_exe(&m, "usr/bin/gcc-12", NULL, 1);
	mock_exe(&m, "usr/bin/python3.11", NULL, 2);
	mock_link(&m, "usr/bin/python3", "python3.11", 2);
	mock_dir(&m, "usr/lib/python3.11", 2);
	mock_file(&m, "usr/lib/python3.11/os.py", "", 2);
	mock_dir(&m, "usr/share/man/man1", 0);
	v = mock_view(&m);

	assert_int_equal(bi_analyze(&img, &v, &a, NULL), 0);
	assert_true(a->has_os);
	assert_string_equal(a->os.id, "debian");
	assert_string_equal(a->os.codename, "bookworm");
	assert_string_equal(a->os.source, "etc/os-release");
	assert_int_equal(a->libc, BI_LIBC_GLIBC);
	assert_string_equal(a->libc_version, "2.36");
	assert_string_equal(a->shell, "/bin/sh");
	assert_string_equal(a->shell_kind, "dash");
	assert_string_equal(a->package_manager, "apt");
	assert_int_equal(a->pkgs.format, BI_PKG_DPKG);
	assert_int_equal(a->pkgs.n, 4);
	/* sorted by name; layers from the .list files, else the status file's layer */
	assert_string_equal(a->pkgs.pkgs[0].name, "dash");
	assert_int_equal(a->pkgs.pkgs[0].layer, 0);
	assert_string_equal(a->pkgs.pkgs[1].name, "gcc-12");
	assert_int_equal(a->pkgs.pkgs[1].layer, 1);
	assert_string_equal(a->pkgs.pkgs[2].name, "libc6");
	assert_int_equal(a->pkgs.pkgs[2].layer, 0); /* libc6:amd64.list */
	assert_string_equal(a->pkgs.pkgs[3].name, "libssl-dev");
	assert_int_equal(a->pkgs.pkgs[3].layer, 2);
	assert_int_equal(a->class, BI_CLASS_FULL);
	assert_int_equal(a->nruntimes, 1);
	assert_string_equal(a->runtimes[0].name, "python");
	assert_string_equal(a->runtimes[0].version, "3.11");
	/* BI206 names gcc; BI207 for no USER */
	assert_int_equal(a->nchecks, 2);
	assert_string_equal(a->checks[0].id, "BI206");
	assert_string_equal(a->checks[0].path, "/usr/bin/gcc");
	assert_non_null(strstr(a->checks[0].message, "development package libssl-dev"));
	assert_string_equal(a->checks[1].id, "BI207");
	bi_analysis_free(a);
}

static void test_distroless_status_d(void **state)
{
	static char *ep[] = { (char *)"/busybox/sh" };
	static char *env[] = { (char *)"PATH=/usr/bin:/bin:/busybox" };
	struct bi_elf_info bb = { .elfclass = 64,
				  .type = 2,
				  .machine = 62,
				  .link = BI_ELF_STATIC,
				  .needed_complete = true,
				  .go_version = (char *)"go1.22.5" };
	struct mockfs m = { 0 };
	struct bi_image img = { .config = { .entrypoint = ep,
					    .nentrypoint = 1,
					    .env = env,
					    .nenv = 1,
					    .user = (char *)"nonroot" } };
	struct bi_view v;
	struct bi_analysis *a = NULL;

	mock_dir(&m, "etc", 0);
	mock_file(&m, "etc/debian_version", "12.7\n", 0);
	mock_file(&m, "etc/passwd", "nonroot:x:65532:65532::/home/nonroot:/sbin/nologin\n", 3);
	mock_dir(&m, "var/lib/dpkg/status.d", 0);
	mock_file(&m, "var/lib/dpkg/status.d/base-files",
		  "Package: base-files\nVersion: 12.4+deb12u7\nArchitecture: amd64\n", 0);
	mock_file(&m, "var/lib/dpkg/status.d/base-files.md5sums", "abc  etc/issue\n", 0);
	mock_file(&m, "var/lib/dpkg/status.d/libc6",
		  "Package: libc6\nVersion: 2.36-9+deb12u7\nArchitecture: amd64\n"
		  "Source: glibc\n",
		  1);
	mock_file(&m, "var/lib/dpkg/status.d/broken", "Version: 1\n", 1);
	mock_dir(&m, "lib64", 1);
	mock_exe(&m, "lib64/ld-linux-x86-64.so.2", NULL, 1);
	mock_dir(&m, "busybox", 4);
	mock_exe(&m, "busybox/busybox", &bb, 4);
	mock_link(&m, "busybox/sh", "busybox", 4);
	v = mock_view(&m);

	assert_int_equal(bi_analyze(&img, &v, &a, NULL), 0);
	assert_string_equal(a->os.id, "debian");
	assert_string_equal(a->os.version_id, "12.7");
	assert_int_equal(a->pkgs.format, BI_PKG_DPKG_STATUS_D);
	assert_int_equal(a->pkgs.n, 2);
	assert_int_equal(a->pkgs.pkgs[0].layer, 0);
	assert_int_equal(a->pkgs.pkgs[1].layer, 1);
	assert_int_equal(a->nwarnings, 1); /* the stanza without Package */
	assert_string_equal(a->shell, "/busybox/sh");
	assert_string_equal(a->shell_kind, "busybox");
	assert_true(a->has_busybox);
	assert_int_equal(a->class, BI_CLASS_DISTROLESS);
	assert_string_equal(a->debug_ease, "low");
	assert_int_equal(a->nchecks, 0);
	assert_int_equal(a->nruntimes, 1);
	assert_string_equal(a->runtimes[0].name, "go");
	assert_string_equal(a->runtimes[0].version, "go1.22.5");
	bi_analysis_free(a);
}

static const char apkdb[] = "P:musl\nV:1.2.5-r0\nA:x86_64\no:musl\nF:lib\nR:ld-musl-x86_64.so.1\n\n"
			    "P:busybox\nV:1.36.1-r29\nA:x86_64\nF:bin\nR:busybox\n\n"
			    "P:py3-numpy\nV:1.26.4-r0\nA:x86_64\nF:usr/lib/py\nR:numpy.so\n";

static void test_alpine_layers_and_outputs(void **state)
{
	static char *cmd[] = { (char *)"/bin/sh" };
	struct mockfs m = { 0 };
	struct bi_layer layers[3] = { { .diff_id = (char *)"sha256:aa",
					.created_by = (char *)"ADD x /" },
				      { .diff_id = (char *)"sha256:bb" },
				      { .diff_id = (char *)"sha256:cc" } };
	struct bi_image img = { .reference = (char *)"oci:/images/alpine:3.20",
				.digest = (char *)"sha256:1234",
				.platform = (char *)"linux/amd64",
				.config = { .cmd = cmd, .ncmd = 1 },
				.layers = layers,
				.nlayers = 3 };
	struct bi_view v;
	struct bi_analysis *a = NULL;
	struct bi_buf out = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct bi_jsonw w;
	struct bi_compare_row row;

	mock_dir(&m, "etc", 0);
	mock_file(&m, "etc/alpine-release", "3.20.3\n", 0);
	mock_dir(&m, "lib/apk/db", 0);
	mock_file(&m, "lib/apk/db/installed", apkdb, 2);
	mock_dir(&m, "lib", 0);
	mock_exe(&m, "lib/ld-musl-x86_64.so.1", NULL, 0);
	mock_dir(&m, "bin", 0);
	mock_exe(&m, "bin/busybox", NULL, 1); /* busybox upgraded in layer 1 */
	mock_link(&m, "bin/sh", "/bin/busybox", 0);
	mock_dir(&m, "sbin", 0);
	mock_exe(&m, "sbin/apk", NULL, 0);
	mock_dir(&m, "usr/lib/py", 2);
	mock_exe(&m, "usr/lib/py/numpy.so", NULL, 2);
	v = mock_view(&m);

	assert_int_equal(bi_analyze(&img, &v, &a, NULL), 0);
	assert_int_equal(a->class, BI_CLASS_ALPINE);
	assert_string_equal(a->libc_version, "1.2.5");
	assert_string_equal(bi_pkglist_find(&a->pkgs, "musl")->version, "1.2.5-r0");
	assert_int_equal(bi_pkglist_find(&a->pkgs, "musl")->layer, 0);
	assert_int_equal(bi_pkglist_find(&a->pkgs, "busybox")->layer, 1);
	assert_int_equal(bi_pkglist_find(&a->pkgs, "py3-numpy")->layer, 2);

	bi_jsonw_init(&w, &out, false);
	bi_inspect_json(&w, a);
	assert_non_null(strstr(out.buf, "\"class\":\"alpine\""));
	assert_non_null(strstr(out.buf, "\"libc\":{\"family\":\"musl\",\"version\":\"1.2.5\"}"));
	assert_non_null(strstr(out.buf, "\"package_db\":\"apk\""));
	assert_non_null(strstr(out.buf, "{\"name\":\"busybox\",\"version\":\"1.36.1-r29\",\"arch\":"
					"\"x86_64\",\"source\":\"busybox\",\"source_version\":"
					"\"1.36.1-r29\",\"layer\":1}"));
	bi_buf_reset(&out);
	bi_jsonw_init(&w, &out, false);
	bi_inspect_cyclonedx(&w, a);
	assert_non_null(strstr(out.buf, "\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\""));
	assert_non_null(strstr(out.buf, "\"serialNumber\":\"urn:uuid:"));
	assert_non_null(strstr(out.buf, "\"purl\":\"pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&"
					"distro=3.20.3\""));
	assert_non_null(strstr(out.buf, "\"type\":\"operating-system\",\"name\":\"alpine\""));
	assert_non_null(strstr(out.buf, "\"value\":\"sha256:cc\""));
	bi_buf_reset(&out);
	bi_inspect_human(&out, a, false);
	assert_non_null(strstr(out.buf, "  class        alpine\n"));
	assert_non_null(strstr(out.buf, "ADD x /"));
	bi_buf_reset(&out);
	bi_compare_row_from(a, &row);
	bi_compare_markdown(&out, &row, 1);
	assert_non_null(strstr(out.buf, "| alpine:3.20 | alpine |"));
	bi_compare_row_release(&row);
	bi_buf_release(&out);
	bi_analysis_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_debian_layers),
		cmocka_unit_test(test_distroless_status_d),
		cmocka_unit_test(test_alpine_layers_and_outputs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
