/* SPDX-License-Identifier: MIT */
/* Report writers: human lines, the JSON schema, SARIF 2.1.0 structure. */
#include "../bi_test.h"

#include "report/report.h"
#include "util/json.h"

static const struct bi_report_rule rules[] = {
	{ "BI101", "tag-missing", "no tag", "No tag means latest.", "docs/rules/BI101.md",
	  BI_SEV_WARNING },
	{ "BI104", "digest-missing", "no digest", NULL, "docs/rules/BI104.md", BI_SEV_NOTE },
};

static const struct bi_report_result res[] = {
	{ "BI101", "tag-missing", BI_SEV_WARNING, "image 'python' has no tag; pin it", "pin it",
	  "a/Dockerfile", 3, 1, 4 },
	{ "BI104", "digest-missing", BI_SEV_ERROR, "say \"hi\"\n", NULL, "b.Dockerfile", 1, 2, 1 },
};

static void test_human(void **state)
{
	struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);

	(void)state;
	bi_report_human(res, 2, false, &b);
	assert_string_equal(b.buf, "a/Dockerfile:3:1: warning: image 'python' has no tag; pin it "
				   "[BI101]\nb.Dockerfile:1:2: error: say \"hi\"\n [BI104]\n");
	bi_buf_reset(&b);
	bi_report_human(res, 1, true, &b);
	assert_non_null(strstr(b.buf, "\033["));
	bi_buf_release(&b);
}

static void test_json(void **state)
{
	struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct bi_json *root = NULL;
	const struct bi_json *o;
	int64_t v;

	(void)state;
	bi_report_json(res, 2, &b);
	assert_int_equal(bi_json_parse(bi_buf_span(&b), "out", &root, NULL), 0);
	assert_int_equal(bi_json_array_size(root), 2);
	o = bi_json_array_at(root, 0);
	assert_string_equal(bi_json_get_string(o, "file"), "a/Dockerfile");
	assert_true(bi_json_int(bi_json_get(o, "line"), &v) && v == 3);
	assert_true(bi_json_int(bi_json_get(o, "column"), &v) && v == 1);
	assert_true(bi_json_int(bi_json_get(o, "end_line"), &v) && v == 4);
	assert_string_equal(bi_json_get_string(o, "rule"), "BI101");
	assert_string_equal(bi_json_get_string(o, "name"), "tag-missing");
	assert_string_equal(bi_json_get_string(o, "severity"), "warning");
	assert_string_equal(bi_json_get_string(o, "fix"), "pin it");
	o = bi_json_array_at(root, 1);
	assert_string_equal(bi_json_get_string(o, "message"), "say \"hi\"\n");
	assert_int_equal(bi_json_type(bi_json_get(o, "fix")), BI_JSON_NULL);
	bi_json_free(root);
	bi_buf_reset(&b);
	bi_report_json(res, 0, &b);
	assert_int_equal(bi_json_parse(bi_buf_span(&b), "out", &root, NULL), 0);
	assert_int_equal(bi_json_type(root), BI_JSON_ARRAY);
	assert_int_equal(bi_json_array_size(root), 0);
	bi_json_free(root);
	bi_buf_release(&b);
}

static void test_sarif(void **state)
{
	struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);
	const struct bi_report_tool tool = { "baseimg", "0.1.0", "https://example.org" };
	struct bi_json *root = NULL;
	const struct bi_json *run, *drv, *r, *loc;
	int64_t v;

	(void)state;
	bi_report_sarif(&tool, rules, 2, res, 2, &b);
	assert_int_equal(bi_json_parse(bi_buf_span(&b), "out", &root, NULL), 0);
	assert_string_equal(bi_json_get_string(root, "version"), "2.1.0");
	run = bi_json_array_at(bi_json_get(root, "runs"), 0);
	drv = bi_json_get(bi_json_get(run, "tool"), "driver");
	assert_string_equal(bi_json_get_string(drv, "name"), "baseimg");
	assert_string_equal(bi_json_get_string(drv, "version"), "0.1.0");
	assert_string_equal(bi_json_get_string(drv, "informationUri"), "https://example.org");
	assert_int_equal(bi_json_array_size(bi_json_get(drv, "rules")), 2);
	r = bi_json_array_at(bi_json_get(drv, "rules"), 1);
	assert_string_equal(bi_json_get_string(r, "id"), "BI104");
	assert_string_equal(bi_json_get_string(r, "name"), "digest-missing");
	/* a relative page is no URI: it goes into help.text, not helpUri */
	assert_null(bi_json_get(r, "helpUri"));
	assert_string_equal(bi_json_get_string(bi_json_get(r, "help"), "text"),
			    "See docs/rules/BI104.md in the baseimg sources.");
	assert_string_equal(bi_json_get_string(bi_json_get(r, "fullDescription"), "text"),
			    "no digest");
	assert_string_equal(bi_json_get_string(bi_json_get(r, "defaultConfiguration"), "level"),
			    "note");
	r = bi_json_array_at(bi_json_get(run, "results"), 1);
	assert_string_equal(bi_json_get_string(r, "ruleId"), "BI104");
	assert_true(bi_json_int(bi_json_get(r, "ruleIndex"), &v) && v == 1);
	assert_string_equal(bi_json_get_string(r, "level"), "error");
	assert_string_equal(bi_json_get_string(bi_json_get(r, "message"), "text"), "say \"hi\"\n");
	loc = bi_json_get(bi_json_array_at(bi_json_get(r, "locations"), 0), "physicalLocation");
	assert_string_equal(bi_json_get_string(bi_json_get(loc, "artifactLocation"), "uri"),
			    "b.Dockerfile");
	assert_true(bi_json_int(bi_json_get(bi_json_get(loc, "region"), "startLine"), &v) &&
		    v == 1);
	assert_true(bi_json_int(bi_json_get(bi_json_get(loc, "region"), "startColumn"), &v) &&
		    v == 2);
	bi_json_free(root);
	bi_buf_release(&b);
}

static void test_levels(void **state)
{
	enum bi_severity l;

	(void)state;
	assert_true(bi_severity_parse_level(bi_span_str("Warning"), false, &l));
	assert_int_equal(l, BI_SEV_WARNING);
	assert_false(bi_severity_parse_level(bi_span_str("fatal"), false, &l));
	assert_string_equal(bi_severity_level(BI_SEV_NOTE), "note");
	assert_false(bi_severity_parse_level(bi_span_str("none"), false, &l));
	assert_true(bi_severity_parse_level(bi_span_str("none"), true, &l));
	assert_int_equal(l, BI_SEV_NONE);
}

/* One scale: a CVE's rating and a lint level meet on the same SARIF level. */
static void test_one_scale(void **state)
{
	static const char *const want[BI_SEV__MAX] = { "note",	  "note",  "note",
						       "warning", "error", "error" };
	enum bi_severity s;

	(void)state;
	for (int i = 0; i < BI_SEV__MAX; i++)
		assert_string_equal(bi_severity_level((enum bi_severity)i), want[i]);
	assert_string_equal(bi_severity_level(BI_SEV_NONE), "none");
	assert_true(BI_SEV_NOTE < BI_SEV_WARNING && BI_SEV_WARNING < BI_SEV_ERROR);
	assert_true(bi_severity_parse("CRITICAL", &s));
	assert_int_equal(s, BI_SEV_CRITICAL);
	assert_string_equal(bi_severity_name(BI_SEV_NEGLIGIBLE), "negligible");
	assert_false(bi_severity_parse("error", &s));
	assert_false(bi_severity_parse(NULL, &s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_human),	  cmocka_unit_test(test_json),
		cmocka_unit_test(test_sarif),	  cmocka_unit_test(test_levels),
		cmocka_unit_test(test_one_scale),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
