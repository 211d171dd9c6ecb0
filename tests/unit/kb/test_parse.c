/* SPDX-License-Identifier: MIT */
/* The knowledge-base file format: good files, bad lines, BASEIMG_KB. */
#include "../bi_test.h"

#include "image/ref.h"
#include "kb/kb.h"

static const char small[] = "# a tiny KB\n"
			    "[meta]\n"
			    "date = 2030-01-01\n"
			    "[os debian]\n"
			    "current = forky\n"
			    "release trixie 13 2025-08-09\n"
			    "release forky 14 2027-06-01\n"
			    "[family python]\n"
			    "os = debian\n"
			    "os_variants = yes\n"
			    "latest = 3.20\n"
			    "tag_debian = {v}-{var}-{os}\n"
			    "variant full - full glibc yes 1000\n"
			    "variant slim slim slim glibc yes 100\n"
			    "version 3.12 2028-10-31\n"
			    "version 3.13 2029-10-31 debian=trixie\n"
			    "[python-c-extensions]\n"
			    "numpy  Foo_Bar\n"
			    "[node-native-addons]\n"
			    "sharp\n";

static struct bi_kb *parse(const char *text, struct bi_err **err)
{
	struct bi_kb *kb = NULL;

	if (bi_kb_parse(bi_span_str(text), "test.kb", &kb, err) < 0)
		return NULL;
	return kb;
}

static void lookup(const struct bi_kb *kb, const char *s, struct bi_kb_match *m)
{
	struct bi_ref *r = NULL;

	assert_int_equal(bi_ref_parse(s, &r, NULL), 0);
	bi_kb_lookup(kb, r, m);
	bi_ref_free(r);
}

static void test_small(void **state)
{
	struct bi_err *err = NULL;
	struct bi_kb *kb = parse(small, &err);
	struct bi_kb_match m;

	if (!kb)
		fail_msg("%s", bi_err_msg(err));
	assert_string_equal(bi_kb_date(kb), "2030-01-01");
	assert_string_equal(bi_kb_get(kb, "debian.current"), "forky");
	assert_true(bi_kb_python_c_extension(kb, "foo-bar"));
	assert_true(bi_kb_python_c_extension(kb, "FOO.BAR"));
	assert_true(bi_kb_node_native_addon(kb, "sharp"));
	lookup(kb, "python:3.12-slim", &m);
	/* 3.12 ends 2028-10: forky (2027-06) is out long before */
	assert_string_equal(m.suggestion, "python:3.12-slim-forky");
	lookup(kb, "python:3.13-slim", &m);
	assert_string_equal(m.suggestion, "python:3.13-slim-trixie"); /* explicit debian= */
	lookup(kb, "python", &m);
	assert_string_equal(m.suggestion, "python:3.20-forky");
	lookup(kb, "node:20", &m);
	assert_false(m.known);
	bi_kb_free(kb);
}

static void test_bad(void **state)
{
	static const char *const cases[][2] = {
		{ "[meta]\ndate = 1\n[bogus]\n", "line 3: unknown section" },
		{ "[meta]\ndate = 1\n[family x]\nvariant a - huge glibc yes 1\n",
		  "line 4: variant: unknown class" },
		{ "[meta]\ndate = 1\n[family x]\nvariant a - full libc9 yes 1\n",
		  "line 4: variant: unknown libc" },
		{ "[meta]\ndate = 1\n[family x]\nvariant a - full glibc maybe 1\n",
		  "line 4: variant: shell" },
		{ "[meta]\ndate = 1\n[family x]\nvariant a - full glibc yes lots\n",
		  "line 4: variant: bad size" },
		{ "[meta]\ndate = 1\n[family x]\nvariant a - full glibc yes 1 fast\n",
		  "line 4: variant: the last field" },
		{ "[meta]\ndate = 1\n[family x]\nvariant a\n", "line 4: want \"variant" },
		{ "[meta]\ndate = 1\n[family x]\nversion 1 yesterday\n", "line 4: version" },
		{ "[meta]\ndate = 1\n[family x]\nversion 1 - ubuntu=noble\n", "line 4: version" },
		{ "[meta]\ndate = 1\n[os x]\nrelease a 1 2020-13-01\n", "line 4: release date" },
		{ "[meta]\ndate = 1\n[os x]\nfoo\n", "line 4: want \"release" },
		{ "[meta]\ndate = 1\n[family x]\nos = debian\n", "[family x] has no variant row" },
		{ "key = value\n", "line 1: a \"key = value\" line outside" },
		{ "[meta\n", "line 1: section header without" },
		{ "[meta]\n", "no [meta] date" },
		{ "[meta]\ndate = 1\nadoption_days = soon\n", "line 3: adoption_days" },
		{ "[meta]\ndate = 1\n[mirrors]\nmirror\n", "line 4: want \"mirror" },
		{ "[meta]\ndate = 1\nrow here\n", "line 3: a row outside" },
		{ "[meta]\ndate = \x01\n", "line 2: control character" },
	};
	for (size_t i = 0; i < BI_ARRAY_SIZE(cases); i++) {
		struct bi_err *err = NULL;
		struct bi_kb *kb = parse(cases[i][0], &err);

		if (kb)
			fail_msg("case %zu parsed", i);
		if (!strstr(bi_err_msg(err), cases[i][1]))
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, bi_err_msg(err), cases[i][1]);
		assert_int_equal(bi_err_code(err), BI_EFORMAT);
		assert_non_null(strstr(bi_err_msg(err), "test.kb"));
		bi_err_free(err);
	}
}

static void test_too_many_words(void **state)
{
	struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct bi_err *err = NULL;

	bi_buf_adds(&b, "[meta]\ndate = 1\n[os x]\nrelease");
	for (int i = 0; i < 100; i++)
		bi_buf_adds(&b, " w");
	assert_null(parse(b.buf, &err));
	assert_non_null(strstr(bi_err_msg(err), "more than"));
	bi_err_free(err);
	bi_buf_release(&b);
}

static void test_env_override(void **state)
{
	char path[] = "/tmp/bi-kb-XXXXXX";
	int fd = mkstemp(path);
	struct bi_kb *kb = NULL;
	struct bi_err *err = NULL;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, small, strlen(small)), (ssize_t)strlen(small));
	close(fd);
	setenv("BASEIMG_KB", path, 1);
	assert_int_equal(bi_kb_load(&kb, &err), 0);
	assert_string_equal(bi_kb_date(kb), "2030-01-01");
	bi_kb_free(kb);
	kb = NULL;
	unlink(path);
	assert_int_equal(bi_kb_load(&kb, &err), BI_ENOTFOUND);
	assert_null(kb);
	assert_non_null(strstr(bi_err_msg(err), path));
	bi_err_free(err);
	unsetenv("BASEIMG_KB");
	err = NULL;
	assert_int_equal(bi_kb_load(&kb, &err), 0);
	assert_string_equal(bi_kb_date(kb), "2026-11-20");
	bi_kb_free(kb);
}

static void test_builtin_equals_file(void **state)
{
	char *p = bi_test_src("data/kb/images.kb");
	struct bi_kb *a = NULL, *b = NULL;

	assert_int_equal(bi_kb_load_file(p, &a, NULL), 0);
	assert_int_equal(bi_kb_load(&b, NULL), 0);
	assert_string_equal(bi_kb_date(a), bi_kb_date(b));
	assert_string_equal(bi_kb_get(a, "python.latest"), bi_kb_get(b, "python.latest"));
	bi_kb_free(a);
	bi_kb_free(b);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_small),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_too_many_words),
		cmocka_unit_test(test_env_override),
		cmocka_unit_test(test_builtin_equals_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
