/* SPDX-License-Identifier: MIT */
#include "../bi_test.h"
#include "analyze/analyze.h"

static void test_osrelease(void **state)
{
	struct bi_os os = { 0 };

	bi_osrelease_parse(BI_SPAN_LIT("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
				       "NAME=\"Debian GNU/Linux\"\n"
				       "VERSION_ID=\"12\"\n"
				       "VERSION=\"12 (bookworm)\"\n"
				       "ID=debian\n"),
			   &os);
	assert_string_equal(os.id, "debian");
	assert_string_equal(os.version_id, "12");
	assert_string_equal(os.codename, "bookworm"); /* from VERSION */
	assert_string_equal(os.pretty_name, "Debian GNU/Linux 12 (bookworm)");
	bi_os_release(&os);

	bi_osrelease_parse(BI_SPAN_LIT("# comment\n"
				       "ID='Ubuntu'\n"
				       "VERSION_ID=\"22.04\"\n"
				       "UBUNTU_CODENAME=jammy\n"
				       "NAME=\"say \\\"hi\\\"\"\n"
				       "ID_LIKE=debian\r\n"
				       "garbage\n=novalue\nVERSION_CODENAME=\n"),
			   &os);
	assert_string_equal(os.id, "ubuntu");
	assert_string_equal(os.version_id, "22.04");
	assert_string_equal(os.codename, "jammy");
	assert_string_equal(os.name, "say \"hi\"");
	assert_string_equal(os.id_like, "debian");
	bi_os_release(&os);

	bi_osrelease_parse(BI_SPAN_LIT("\x01\x02\n\"\n'''\nID=\"unterminated\n"), &os);
	assert_string_equal(os.id, "unterminated");
	bi_os_release(&os);
}

/* Facts for the classifier, as bi_analyze would set them. */
struct facts {
	const char *os_id, *shell, *shell_kind, *pm;
	enum bi_pkg_format db;
	size_t npkgs;
	enum bi_libc libc;
	const char *tool;
	uint64_t man, doc;
	size_t debug_tools;
};

static struct bi_analysis *make(const struct facts *f)
{
	struct bi_analysis *a = bi_xcalloc(1, sizeof(*a));

	if (f->os_id) {
		a->has_os = true;
		a->os.id = bi_xstrdup(f->os_id);
		a->os.version_id = bi_xstrdup("1");
	}
	a->shell = f->shell ? bi_xstrdup(f->shell) : NULL;
	a->shell_kind = f->shell_kind ? bi_xstrdup(f->shell_kind) : NULL;
	a->package_manager = f->pm ? f->pm : "none";
	bi_pkglist_init(&a->pkgs, f->db);
	for (size_t i = 0; i < f->npkgs; i++) {
		struct bi_pkg *p;
		assert_int_equal(bi_pkglist_add(&a->pkgs, &p, NULL), 0);
		p->name = bi_xasprintf("p%zu", i);
	}
	a->libc = f->libc;
	if (f->tool) {
		a->build_tools = bi_xcalloc(1, sizeof(char *));
		a->build_tools[0] = bi_xstrdup(f->tool);
		a->nbuild_tools = 1;
	}
	a->man_files = f->man;
	a->doc_files = f->doc;
	a->debug_tools = f->debug_tools;
	a->files = 1;
	bi_classify(a);
	return a;
}

static bool has_reason(const struct bi_analysis *a, const char *needle)
{
	for (size_t i = 0; i < a->nclass_reasons; i++)
		if (strstr(a->class_reasons[i], needle))
			return true;
	return false;
}

static void test_classes(void **state)
{
	static const struct {
		struct facts f;
		enum bi_class want;
		const char *debug, *reason;
	} cases[] = {
		{ { 0 }, BI_CLASS_SCRATCH, "none", "no package database" },
		{ { .shell = "/bin/sh", .shell_kind = "busybox" },
		  BI_CLASS_SCRATCH,
		  "low",
		  "only a shell" },
		{ { .os_id = "debian",
		    .db = BI_PKG_DPKG_STATUS_D,
		    .npkgs = 7,
		    .libc = BI_LIBC_GLIBC },
		  BI_CLASS_DISTROLESS,
		  "none",
		  "no shell" },
		{ { .os_id = "debian",
		    .db = BI_PKG_DPKG_STATUS_D,
		    .npkgs = 7,
		    .shell = "/busybox/sh",
		    .shell_kind = "busybox",
		    .libc = BI_LIBC_GLIBC },
		  BI_CLASS_DISTROLESS,
		  "low",
		  "debug variant" },
		{ { .os_id = "wolfi", .db = BI_PKG_APK, .npkgs = 3, .libc = BI_LIBC_GLIBC },
		  BI_CLASS_DISTROLESS,
		  "none",
		  "no package manager" },
		{ { .os_id = "alpine",
		    .db = BI_PKG_APK,
		    .npkgs = 14,
		    .shell = "/bin/sh",
		    .shell_kind = "busybox",
		    .pm = "apk",
		    .libc = BI_LIBC_MUSL },
		  BI_CLASS_ALPINE,
		  "medium",
		  "libc musl" },
		{ { .db = BI_PKG_APK,
		    .npkgs = 2,
		    .shell = "/bin/sh",
		    .shell_kind = "busybox",
		    .pm = "apk",
		    .libc = BI_LIBC_MUSL },
		  BI_CLASS_ALPINE,
		  "medium",
		  "musl with an apk database" },
		{ { .os_id = "debian",
		    .db = BI_PKG_DPKG,
		    .npkgs = 88,
		    .shell = "/bin/sh",
		    .shell_kind = "dash",
		    .pm = "apt",
		    .libc = BI_LIBC_GLIBC },
		  BI_CLASS_SLIM,
		  "medium",
		  "no compilers" },
		{ { .os_id = "debian",
		    .db = BI_PKG_DPKG,
		    .npkgs = 400,
		    .shell = "/bin/sh",
		    .shell_kind = "dash",
		    .pm = "apt",
		    .libc = BI_LIBC_GLIBC,
		    .tool = "gcc (/usr/bin/gcc)",
		    .debug_tools = 5 },
		  BI_CLASS_FULL,
		  "high",
		  "build tool: gcc" },
		{ { .os_id = "debian",
		    .db = BI_PKG_DPKG,
		    .npkgs = 90,
		    .shell = "/bin/sh",
		    .shell_kind = "dash",
		    .pm = "apt",
		    .libc = BI_LIBC_GLIBC,
		    .man = 500 },
		  BI_CLASS_FULL,
		  "medium",
		  "documentation kept" },
		{ { .os_id = "rocky",
		    .db = BI_PKG_RPM,
		    .npkgs = 40,
		    .shell = "/bin/sh",
		    .shell_kind = "bash",
		    .pm = "microdnf",
		    .libc = BI_LIBC_GLIBC },
		  BI_CLASS_SLIM,
		  "medium",
		  "microdnf" },
	};

	for (size_t i = 0; i < BI_ARRAY_SIZE(cases); i++) {
		struct bi_analysis *a = make(&cases[i].f);
		if (a->class != cases[i].want || strcmp(a->debug_ease, cases[i].debug) != 0 ||
		    !has_reason(a, cases[i].reason)) {
			print_error("case %zu: class %s debug %s, reasons:\n", i,
				    bi_analyze_class_name(a->class), a->debug_ease);
			for (size_t k = 0; k < a->nclass_reasons; k++)
				print_error("  %s\n", a->class_reasons[k]);
			bi_analysis_free(a);
			fail();
		}
		bi_analysis_free(a);
	}
}

/*
 * The thresholds of docs/classification.md, each alone and on both sides of
 * its boundary: 20 man files, 200 doc files, 300 packages make a Debian image
 * without compilers full; one fewer leaves it slim.
 */
static void test_full_thresholds(void **state)
{
	static const struct {
		size_t npkgs;
		uint64_t man, doc;
		enum bi_class want;
		const char *reason;
	} cases[] = {
		{ 299, 0, 0, BI_CLASS_SLIM, "no compilers" },
		{ 300, 0, 0, BI_CLASS_FULL, "300 packages (full at 300 or more)" },
		{ 1000, 0, 0, BI_CLASS_FULL, "1000 packages (full at 300 or more)" },
		{ 90, 0, 199, BI_CLASS_SLIM, "199 doc files" },
		{ 90, 0, 200, BI_CLASS_FULL,
		  "documentation kept: 0 files under /usr/share/man, "
		  "200 under /usr/share/doc" },
		{ 90, 19, 0, BI_CLASS_SLIM, "19 man files" },
		{ 90, 20, 0, BI_CLASS_FULL, "documentation kept: 20 files under /usr/share/man" },
		{ 90, 19, 199, BI_CLASS_SLIM, "documentation stripped (19 man files, 199 doc" },
	};

	for (size_t i = 0; i < BI_ARRAY_SIZE(cases); i++) {
		struct facts f = { .os_id = "debian",
				   .db = BI_PKG_DPKG,
				   .npkgs = cases[i].npkgs,
				   .shell = "/bin/sh",
				   .shell_kind = "dash",
				   .pm = "apt",
				   .libc = BI_LIBC_GLIBC,
				   .man = cases[i].man,
				   .doc = cases[i].doc };
		struct bi_analysis *a = make(&f);

		if (a->class != cases[i].want || !has_reason(a, cases[i].reason)) {
			print_error("case %zu (%zu packages, %" PRIu64 " man, %" PRIu64
				    " doc): class %s, want %s with \"%s\"; reasons:\n",
				    i, cases[i].npkgs, cases[i].man, cases[i].doc,
				    bi_analyze_class_name(a->class),
				    bi_analyze_class_name(cases[i].want), cases[i].reason);
			for (size_t k = 0; k < a->nclass_reasons; k++)
				print_error("  %s\n", a->class_reasons[k]);
			bi_analysis_free(a);
			fail();
		}
		bi_analysis_free(a);
	}
}

static void test_severity_names(void **state)
{
	enum bi_severity s;

	assert_true(bi_severity_parse_level(bi_span_str("warning"), true, &s));
	assert_int_equal(s, BI_SEV_WARNING);
	assert_true(bi_severity_parse_level(bi_span_str("none"), true, &s));
	assert_int_equal(s, BI_SEV_NONE);
	assert_false(bi_severity_parse_level(bi_span_str("fatal"), true, &s));
	assert_string_equal(bi_severity_level(BI_SEV_NOTE), "note");
	assert_string_equal(bi_analyze_class_name(BI_CLASS_DISTROLESS), "distroless");
}

static void test_keep_policy(void **state)
{
	assert_int_equal(bi_keep_policy("etc/os-release", 0644, 300), BI_KEEP_CONTENT);
	assert_int_equal(bi_keep_policy("var/lib/dpkg/status.d/libc6", 0644, 300), BI_KEEP_CONTENT);
	assert_int_equal(bi_keep_policy("etc/ld-musl-x86_64.path", 0644, 30), BI_KEEP_CONTENT);
	assert_int_equal(bi_keep_policy("usr/lib/jvm/java-17/release", 0644, 900), BI_KEEP_CONTENT);
	assert_int_equal(bi_keep_policy("usr/local/go/VERSION", 0644, 30), BI_KEEP_CONTENT);
	assert_int_equal(bi_keep_policy("usr/bin/ls", 0755, 140000), BI_KEEP_ELF);
	assert_int_equal(bi_keep_policy("usr/lib/x86_64-linux-gnu/libz.so.1.2.13", 0644, 120000),
			 BI_KEEP_ELF);
	assert_int_equal(bi_keep_policy("usr/share/doc/README", 0644, 1000), BI_KEEP_NONE);
	/* a small executable may be a script: its "#!" line is read */
	assert_int_equal(bi_keep_policy("usr/bin/tiny", 0755, 10), BI_KEEP_ELF);
	assert_int_equal(bi_keep_policy("usr/bin/empty", 0755, 1), BI_KEEP_NONE);
	assert_int_equal(bi_keep_policy("usr/lib/tiny.so", 0644, 10), BI_KEEP_NONE);
	/* dpkg's per-package file lists are not kept: their layer is enough */
	assert_int_equal(bi_keep_policy("var/lib/dpkg/info/libc6:amd64.list", 0644, 9000),
			 BI_KEEP_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_osrelease),	cmocka_unit_test(test_classes),
		cmocka_unit_test(test_full_thresholds), cmocka_unit_test(test_severity_names),
		cmocka_unit_test(test_keep_policy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
