/* SPDX-License-Identifier: MIT */
#include "../bi_test.h"
#include "analyze/analyze.h"
#include "mockfs.h"

static struct bi_elf_info glibc_dyn(char **needed, size_t n)
{
	return (struct bi_elf_info){ .elfclass = 64,
				     .type = 3,
				     .machine = 62,
				     .link = BI_ELF_DYNAMIC,
				     .interp = (char *)"/lib64/ld-linux-x86-64.so.2",
				     .needed = needed,
				     .nneeded = n,
				     .needed_complete = true,
				     .libc = BI_LIBC_GLIBC };
}

static struct bi_elf_info shared(char **needed, size_t n, enum bi_libc libc)
{
	return (struct bi_elf_info){ .elfclass = 64,
				     .type = 3,
				     .machine = 62,
				     .link = BI_ELF_SHARED,
				     .needed = needed,
				     .nneeded = n,
				     .needed_complete = true,
				     .libc = libc };
}

static struct bi_analysis *run(struct mockfs *m, struct bi_image *img)
{
	struct bi_view v = mock_view(m);
	struct bi_analysis *a = NULL;

	assert_int_equal(bi_analyze(img, &v, &a, NULL), 0);
	return a;
}

/* "BI202 /lib64/ld-linux-x86-64.so.2; BI203 libc.so.6" */
static char *summary(const struct bi_analysis *a)
{
	struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);

	for (size_t i = 0; i < a->nchecks; i++)
		bi_buf_addf(&b, "%s%s %s", i ? "; " : "", a->checks[i].id,
			    a->checks[i].path ? a->checks[i].path : "-");
	return bi_buf_detach(&b, NULL);
}

#define EXPECT(a, want)                                                        \
	do {                                                                   \
		char *_s = summary(a);                                         \
		if (strcmp(_s, want) != 0) {                                   \
			for (size_t _i = 0; _i < (a)->nchecks; _i++)           \
				print_message("  %s %s\n", (a)->checks[_i].id, \
					      (a)->checks[_i].message);        \
		}                                                              \
		assert_string_equal(_s, want);                                 \
		free(_s);                                                      \
	} while (0)

static char *ep_hello[] = { (char *)"/hello" };
static char *env_path[] = { (
	char *)"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" };

static void test_scratch_dynamic(void **state)
{
	static char *needed[] = { (char *)"libc.so.6" };
	struct bi_elf_info elf = glibc_dyn(needed, 1);
	struct mockfs m = { 0 };
	struct bi_image img = {
		.config = { .entrypoint = ep_hello, .nentrypoint = 1, .env = env_path, .nenv = 1 }
	};
	struct bi_analysis *a;

	mock_exe(&m, "hello", &elf, 0);
	a = run(&m, &img);
	assert_int_equal(a->class, BI_CLASS_SCRATCH);
	assert_int_equal(a->libc, BI_LIBC_NONE);
	EXPECT(a, "BI202 /lib64/ld-linux-x86-64.so.2; BI203 libc.so.6; BI207 -");
	assert_int_equal(a->checks[0].severity, BI_SEV_ERROR);
	assert_string_equal(a->checks[0].name, "interpreter-missing");
	assert_int_equal(bi_analysis_worst(a), BI_SEV_ERROR);
	bi_analysis_free(a);
}

static void test_static_nonroot(void **state)
{
	struct bi_elf_info elf = { .elfclass = 64,
				   .type = 2,
				   .machine = 62,
				   .link = BI_ELF_STATIC,
				   .needed_complete = true };
	struct mockfs m = { 0 };
	struct bi_image img = {
		.config = { .entrypoint = ep_hello, .nentrypoint = 1, .user = (char *)"65532" }
	};
	struct bi_analysis *a;

	mock_exe(&m, "hello", &elf, 0);
	a = run(&m, &img);
	EXPECT(a, "");
	assert_int_equal(bi_analysis_worst(a), BI_SEV_NONE);
	bi_analysis_free(a);
}

static void test_shell_form_and_missing(void **state)
{
	static char *cmd_sh[] = { (char *)"/bin/sh", (char *)"-c", (char *)"exec app" };
	static char *cmd_missing[] = { (char *)"serve", (char *)"--port=80" };
	static char *cmd_rel[] = { (char *)"./run" };
	static char *cmd_noexec[] = { (char *)"/data.txt" };
	static char *env[] = { (char *)"PATH=/opt/bin" };
	struct bi_elf_info elf = { .elfclass = 64,
				   .type = 2,
				   .machine = 62,
				   .link = BI_ELF_STATIC,
				   .needed_complete = true };
	struct mockfs m = { 0 };
	struct bi_image img = { .config = { .cmd = cmd_sh, .ncmd = 3, .user = (char *)"1000" } };
	struct bi_analysis *a;

	mock_dir(&m, "opt", 0);
	mock_dir(&m, "opt/bin", 0);
	mock_link(&m, "opt/bin/serve", "../lib/serve/serve", 0);
	mock_dir(&m, "opt/lib", 0);
	mock_dir(&m, "opt/lib/serve", 0);
	mock_exe(&m, "opt/lib/serve/serve", &elf, 0);
	mock_dir(&m, "srv", 0);
	mock_exe(&m, "srv/run", &elf, 0);
	mock_file(&m, "data.txt", "x", 0);

	a = run(&m, &img);
	EXPECT(a, "BI205 /bin/sh");
	assert_non_null(strstr(a->checks[0].message, "shell form"));
	bi_analysis_free(a);

	/* option clusters holding c are shell form too; a long option is not */
	{
		static char *ec[] = { (char *)"bash", (char *)"-ec", (char *)"serve" };
		static char *lc[] = { (char *)"/bin/bash", (char *)"-lc", (char *)"serve" };
		static char *longopt[] = { (char *)"sh", (char *)"--rcfile", (char *)"x" };
		char **saved = img.config.cmd;

		img.config.cmd = ec;
		a = run(&m, &img);
		EXPECT(a, "BI205 bash");
		bi_analysis_free(a);
		img.config.cmd = lc;
		a = run(&m, &img);
		EXPECT(a, "BI205 /bin/bash");
		bi_analysis_free(a);
		img.config.cmd = longopt;
		a = run(&m, &img);
		EXPECT(a, "BI201 sh");
		bi_analysis_free(a);
		img.config.cmd = saved;
	}

	/* found through the config's PATH, via a relative symlink */
	img.config.cmd = cmd_missing;
	img.config.ncmd = 2;
	img.config.env = env;
	img.config.nenv = 1;
	a = run(&m, &img);
	EXPECT(a, "");
	bi_analysis_free(a);
	/* not on the default PATH */
	img.config.nenv = 0;
	a = run(&m, &img);
	EXPECT(a, "BI201 serve");
	bi_analysis_free(a);
	/* relative to the workdir */
	img.config.cmd = cmd_rel;
	img.config.ncmd = 1;
	img.config.workdir = (char *)"/srv";
	a = run(&m, &img);
	EXPECT(a, "");
	bi_analysis_free(a);
	img.config.workdir = (char *)"/";
	a = run(&m, &img);
	EXPECT(a, "BI201 ./run");
	bi_analysis_free(a);
	/* present but not executable */
	img.config.cmd = cmd_noexec;
	a = run(&m, &img);
	EXPECT(a, "BI201 /data.txt");
	assert_non_null(strstr(a->checks[0].message, "not executable"));
	bi_analysis_free(a);
}

/* glibc search order: RUNPATH with $ORIGIN, ld.so.conf includes, multiarch, class skip */
static void test_glibc_library_search(void **state)
{
	static char *app_needed[] = { (char *)"libfoo.so.1", (char *)"libbar.so.2",
				      (char *)"libqux.so", (char *)"libc.so.6",
				      (char *)"libbaz.so" };
	static char *libc_needed[] = { (char *)"ld-linux-x86-64.so.2" };
	static char *ep[] = { (char *)"app" };
	struct bi_elf_info app = glibc_dyn(app_needed, 5);
	struct bi_elf_info libc = shared(libc_needed, 1, BI_LIBC_GLIBC);
	struct bi_elf_info lib = shared(NULL, 0, BI_LIBC_GLIBC);
	struct bi_elf_info lib32 = shared(NULL, 0, BI_LIBC_GLIBC);
	struct bi_elf_info ld = shared(NULL, 0, BI_LIBC_GLIBC);
	struct mockfs m = { 0 };
	struct bi_image img = { .config = { .entrypoint = ep,
					    .nentrypoint = 1,
					    .env = env_path,
					    .nenv = 1,
					    .user = (char *)"app" } };
	struct bi_analysis *a;

	app.runpath = (char *)"$ORIGIN/../private";
	lib32.elfclass = 32;
	mock_link(&m, "lib", "usr/lib", 0);
	mock_link(&m, "lib64", "usr/lib64", 0);
	mock_dir(&m, "usr", 0);
	mock_dir(&m, "usr/bin", 0);
	mock_dir(&m, "usr/lib", 0);
	mock_dir(&m, "usr/lib64", 0);
	mock_link(&m, "usr/lib64/ld-linux-x86-64.so.2",
		  "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", 0);
	mock_dir(&m, "usr/lib/x86_64-linux-gnu", 0);
	mock_exe(&m, "usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", &ld, 0);
	mock_exe(&m, "usr/lib/x86_64-linux-gnu/libc.so.6", &libc, 0);
	mock_exe(&m, "usr/bin/app", &app, 1);
	mock_dir(&m, "usr/private", 1);
	mock_exe(&m, "usr/private/libfoo.so.1", &lib, 1);
	mock_exe(&m, "usr/private/libqux.so", &lib32, 1); /* wrong class: skipped */
	mock_dir(&m, "etc", 0);
	mock_file(&m, "etc/ld.so.conf", "# comment\ninclude /etc/ld.so.conf.d/*.conf\n", 0);
	mock_dir(&m, "etc/ld.so.conf.d", 0);
	mock_file(&m, "etc/ld.so.conf.d/bar.conf", "/opt/bar/lib  # bar\n", 1);
	mock_file(&m, "etc/ld.so.conf.d/notes.txt", "/opt/never\n", 1);
	mock_dir(&m, "opt", 1);
	mock_dir(&m, "opt/bar", 1);
	mock_dir(&m, "opt/bar/lib", 1);
	mock_exe(&m, "opt/bar/lib/libbar.so.2", &lib, 1);
	mock_dir(&m, "opt/never", 1);
	mock_exe(&m, "opt/never/libbaz.so", &lib, 1);
	mock_file(&m, "etc/passwd", "root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/:/bin/false\n",
		  0);

	a = run(&m, &img);
	assert_int_equal(a->libc, BI_LIBC_GLIBC);
	EXPECT(a, "BI203 libqux.so; BI203 libbaz.so");
	assert_non_null(
		strstr(a->checks[0].message, "the entrypoint /usr/bin/app needs libqux.so"));
	bi_analysis_free(a);
}

static void test_musl_and_mismatch(void **state)
{
	static char *app_needed[] = { (char *)"libfoo.so", (char *)"libc.musl-x86_64.so.1",
				      (char *)"libm.so" };
	static char *m_needed[] = { (char *)"libgone.so.3" };
	static char *so_needed[] = { (char *)"libc.so.6" };
	static char *ep[] = { (char *)"/app" };
	static char *users[] = { (char *)"root", (char *)"0:0", (char *)"toor", (char *)"nobody" };
	static const char *const want[] = { "BI207 -", "BI207 -", "BI207 -", "" };
	struct bi_elf_info app = { .elfclass = 64,
				   .type = 3,
				   .machine = 62,
				   .link = BI_ELF_DYNAMIC,
				   .interp = (char *)"/lib/ld-musl-x86_64.so.1",
				   .needed = app_needed,
				   .nneeded = 3,
				   .needed_complete = true,
				   .libc = BI_LIBC_MUSL };
	struct bi_elf_info libm = shared(m_needed, 1, BI_LIBC_MUSL);
	struct bi_elf_info musl = shared(NULL, 0, BI_LIBC_MUSL);
	struct bi_elf_info wheel = shared(so_needed, 1, BI_LIBC_GLIBC);
	struct mockfs m = { 0 };
	struct bi_image img = {
		.config = { .entrypoint = ep, .nentrypoint = 1, .user = (char *)"nobody" }
	};
	struct bi_analysis *a;

	mock_exe(&m, "app", &app, 1);
	mock_dir(&m, "lib", 0);
	mock_exe(&m, "lib/ld-musl-x86_64.so.1", &musl, 0);
	mock_link(&m, "lib/libc.musl-x86_64.so.1", "ld-musl-x86_64.so.1", 0);
	mock_dir(&m, "etc", 0);
	mock_file(&m, "etc/ld-musl-x86_64.path", "/opt/musl\n/usr/lib\n", 0);
	mock_file(&m, "etc/passwd",
		  "root:x:0:0::/root:/bin/sh\ntoor:x:0:0::/:/bin/sh\n"
		  "nobody:x:65534:65534::/:/sbin/nologin\n",
		  0);
	mock_dir(&m, "opt", 0);
	mock_dir(&m, "opt/musl", 0);
	mock_exe(&m, "opt/musl/libfoo.so", &libm, 0);
	mock_dir(&m, "usr", 0);
	mock_dir(&m, "usr/lib", 0);
	mock_exe(&m, "usr/lib/numpy.cpython-312-x86_64-linux-gnu.so", &wheel, 2);

	a = run(&m, &img);
	assert_int_equal(a->libc, BI_LIBC_MUSL);
	EXPECT(a, "BI203 libgone.so.3; BI204 /usr/lib/numpy.cpython-312-x86_64-linux-gnu.so");
	assert_non_null(strstr(a->checks[0].message, "/opt/musl/libfoo.so needs libgone.so.3"));
	assert_non_null(strstr(a->checks[1].message, "linked against glibc"));
	bi_analysis_free(a);

	/* BI207 over user spellings: names go through /etc/passwd */
	img.config.entrypoint = NULL;
	img.config.nentrypoint = 0;
	for (size_t i = 0; i < BI_ARRAY_SIZE(users); i++) {
		struct bi_analysis *b;
		img.config.user = users[i];
		b = run(&m, &img);
		/* BI204 stays; look only at BI207 */
		bool root = false;
		for (size_t k = 0; k < b->nchecks; k++)
			root |= strcmp(b->checks[k].id, "BI207") == 0;
		assert_int_equal(root, want[i][0] != '\0');
		bi_analysis_free(b);
	}
}

/* Script entrypoints, when the walker kept their first bytes. */
static void test_scripts(void **state)
{
	static char *ep[] = { (char *)"/entrypoint.sh" };
	static char *ep2[] = { (char *)"/run.py" };
	static char *ep3[] = { (char *)"/ok.sh" };
	static char *ep4[] = { (char *)"/tab.py" };
	static char *ep5[] = { (char *)"/crlf.sh" };
	struct mockfs m = { 0 };
	struct bi_image img = { .config = {
					.entrypoint = ep, .nentrypoint = 1, .user = (char *)"1" } };
	struct bi_analysis *a;

	mock_exe(&m, "entrypoint.sh", NULL, 0)->content = BI_SPAN_LIT("#!/bin/bash\nexec \"$@\"\n");
	mock_exe(&m, "run.py", NULL, 0)->content = BI_SPAN_LIT("#!/usr/bin/env python3 -u\n");
	mock_exe(&m, "ok.sh", NULL, 0)->content = BI_SPAN_LIT("#! /bin/sh -e\n");
	mock_dir(&m, "usr/bin", 0);
	mock_exe(&m, "usr/bin/env", NULL, 0);
	mock_dir(&m, "bin", 0);
	mock_exe(&m, "bin/sh", NULL, 0);
	a = run(&m, &img);
	EXPECT(a, "BI202 /bin/bash");
	bi_analysis_free(a);
	img.config.entrypoint = ep2;
	a = run(&m, &img);
	EXPECT(a, "BI201 python3");
	bi_analysis_free(a);
	img.config.entrypoint = ep3;
	a = run(&m, &img);
	EXPECT(a, "");
	bi_analysis_free(a);
	/* The kernel splits at a tab too, and keeps a '\r' as part of the line. */
	mock_exe(&m, "tab.py", NULL, 0)->content = BI_SPAN_LIT("#!/usr/bin/env\tpython3\n");
	mock_exe(&m, "crlf.sh", NULL, 0)->content = BI_SPAN_LIT("#!/bin/sh\r\necho\r\n");
	img.config.entrypoint = ep4;
	a = run(&m, &img);
	EXPECT(a, "BI201 python3");
	bi_analysis_free(a);
	img.config.entrypoint = ep5;
	a = run(&m, &img);
	EXPECT(a, "BI202 /bin/sh");
	bi_analysis_free(a);
}

/* BI201 says why an absolute entrypoint that is there by name cannot run. */
static void test_entrypoint_not_a_program(void **state)
{
	static char *dir[] = { (char *)"/app" };
	static char *loop[] = { (char *)"/loop" };
	static char *gone[] = { (char *)"/gone" };
	struct mockfs m = { 0 };
	struct bi_image img = {
		.config = { .entrypoint = dir, .nentrypoint = 1, .user = (char *)"1" }
	};
	struct bi_analysis *a;

	mock_dir(&m, "app", 0);
	mock_link(&m, "gone", "/nowhere", 0);
	mock_link(&m, "loop", "/loop", 0);
	a = run(&m, &img);
	EXPECT(a, "BI201 /app");
	assert_non_null(strstr(a->checks[0].message, "/app is a folder, not a program"));
	bi_analysis_free(a);
	img.config.entrypoint = loop;
	a = run(&m, &img);
	assert_non_null(
		strstr(a->checks[0].message, "/loop is a symbolic link that leads nowhere"));
	bi_analysis_free(a);
	img.config.entrypoint = gone;
	a = run(&m, &img);
	assert_non_null(
		strstr(a->checks[0].message, "/gone is a symbolic link that leads nowhere"));
	bi_analysis_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scratch_dynamic),
		cmocka_unit_test(test_static_nonroot),
		cmocka_unit_test(test_shell_form_and_missing),
		cmocka_unit_test(test_glibc_library_search),
		cmocka_unit_test(test_musl_and_mismatch),
		cmocka_unit_test(test_scripts),
		cmocka_unit_test(test_entrypoint_not_a_program),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
