/* SPDX-License-Identifier: MIT */
/* .baseimg.yaml: the YAML subset, errors with line numbers, discovery. */
#include "../bi_test.h"

#include "lint/lint.h"

static int parse(const char *text, struct bi_lint_config *c, char **ret_msg)
{
	struct bi_err *err = NULL;
	int r;

	bi_lint_config_init(c);
	r = bi_lint_config_parse(bi_span_str(text), ".baseimg.yaml", c, &err);
	if (r < 0) {
		*ret_msg = bi_xstrdup(bi_err_msg(err));
		bi_err_free(err);
	}
	return r;
}

static void test_flow(void **state)
{
	struct bi_lint_config c;
	char *msg = NULL;

	(void)state;
	assert_int_equal(parse("---\n# comment\nignored: [BI104, 'BI103']  # trailing\n"
			       "severity: {BI105: error, bi112: note, BI101: off}\n"
			       "require-digest: true\n"
			       "trusted-registries: [docker.io, \"gcr.io/distroless\"]\n",
			       &c, &msg),
			 0);
	assert_true(c.ignored[BI_RULE_104]);
	assert_true(c.ignored[BI_RULE_103]);
	assert_true(c.ignored[BI_RULE_101]);
	assert_false(c.ignored[BI_RULE_105]);
	assert_true(c.severity_set[BI_RULE_105]);
	assert_int_equal(c.severity[BI_RULE_105], BI_SEV_ERROR);
	assert_int_equal(c.severity[BI_RULE_112], BI_SEV_NOTE);
	assert_true(c.require_digest);
	assert_int_equal(c.ntrusted, 2);
	assert_string_equal(c.trusted[1], "gcr.io/distroless");
	bi_lint_config_release(&c);
}

static void test_block(void **state)
{
	struct bi_lint_config c;
	char *msg = NULL;

	(void)state;
	assert_int_equal(parse("ignored:\n  - BI104\n  - digest-missing\n\nseverity:\n"
			       "  BI103: error\ntrusted-registries:\n- docker.io\n"
			       "require-digest: no\n",
			       &c, &msg),
			 0);
	assert_true(c.ignored[BI_RULE_104]);
	assert_int_equal(c.severity[BI_RULE_103], BI_SEV_ERROR);
	assert_int_equal(c.ntrusted, 1);
	assert_false(c.require_digest);
	bi_lint_config_release(&c);
	/* empty list still enables BI113 (nothing trusted) */
	assert_int_equal(parse("trusted-registries: []\n", &c, &msg), 0);
	assert_non_null(c.trusted);
	assert_int_equal(c.ntrusted, 0);
	bi_lint_config_release(&c);
	assert_int_equal(parse("", &c, &msg), 0);
	assert_null(c.trusted);
	bi_lint_config_release(&c);
}

static void test_errors(void **state)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{ "ignored: [BI999]\n", ".baseimg.yaml:1: unknown rule 'BI999'" },
		{ "\nseverity: {BI104: fatal}\n", ".baseimg.yaml:2: unknown severity 'fatal'" },
		{ "colour: red\n", ".baseimg.yaml:1: unknown key 'colour'" },
		{ "ignored: [BI104\n", ".baseimg.yaml:1: unterminated list" },
		{ "ignored:\n\t- BI104\n", ".baseimg.yaml:2: tabs" },
		{ "  - BI104\n", ".baseimg.yaml:1: unexpected indentation" },
		{ "require-digest: maybe\n", ".baseimg.yaml:1: require-digest takes" },
		{ "ignored: [a]\nignored: [b]\n", ".baseimg.yaml:1: unknown rule" },
		{ "ignored: [BI101]\nignored: [BI102]\n", ".baseimg.yaml:2: duplicate key" },
		{ "severity:\n  - BI104\n", ".baseimg.yaml:2: 'severity' takes a mapping" },
		{ "ignored: BI104\n", ".baseimg.yaml:1: 'ignored' takes a list" },
		{ "ignored: ['BI104]\n", ".baseimg.yaml:1: unterminated quoted" },
		{ "just text\n", ".baseimg.yaml:1: expected 'key: value'" },
		{ "ignored:\n  - BI104\n    - BI103\n",
		  ".baseimg.yaml:3: inconsistent indentation" },
	};

	(void)state;
	for (size_t i = 0; i < BI_ARRAY_SIZE(cases); i++) {
		struct bi_lint_config c;
		char *msg = NULL;

		assert_int_equal(parse(cases[i].text, &c, &msg), BI_EFORMAT);
		if (strncmp(msg, cases[i].msg, strlen(cases[i].msg)) != 0)
			fail_msg("case %zu: got '%s', want '%s...'", i, msg, cases[i].msg);
		free(msg);
		bi_lint_config_release(&c);
	}
}

static void test_find(void **state)
{
	char tmpl[] = "/tmp/bi-lintcfg-XXXXXX";
	char *dir = mkdtemp(tmpl), *sub, *cfg, *df, *found = NULL;
	FILE *f;

	(void)state;
	assert_non_null(dir);
	sub = bi_xasprintf("%s/a/b", dir);
	cfg = bi_xasprintf("%s/.baseimg.yaml", dir);
	df = bi_xasprintf("%s/Dockerfile", sub);
	{
		char *a = bi_xasprintf("%s/a", dir);
		assert_int_equal(mkdir(a, 0700), 0);
		free(a);
	}
	assert_int_equal(mkdir(sub, 0700), 0);
	f = fopen(cfg, "w");
	assert_non_null(f);
	fputs("ignored: [BI104]\n", f);
	fclose(f);
	assert_int_equal(bi_lint_config_find(df, &found, NULL), 0);
	assert_non_null(found);
	assert_string_equal(found, cfg);
	free(found);
	unlink(cfg);
	rmdir(sub);
	free(sub);
	sub = bi_xasprintf("%s/a", dir);
	rmdir(sub);
	rmdir(dir);
	free(sub);
	free(cfg);
	free(df);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flow),
		cmocka_unit_test(test_block),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_find),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
