/* SPDX-License-Identifier: MIT */
#include "../bi_test.h"
#include "util/json.h"

static void test_parse_and_walk(void **state)
{
	struct bi_json *root = NULL;
	struct bi_err *err = NULL;
	const struct bi_json *v;
	void *it = NULL;
	const char *k;
	int64_t n;
	int keys = 0;

	assert_int_equal(bi_json_parse(BI_SPAN_LIT("{\"a\":[1,2],\"b\":\"x\",\"c\":true}"), "t",
				       &root, &err),
			 0);
	assert_int_equal(bi_json_array_size(bi_json_get(root, "a")), 2);
	assert_true(bi_json_int(bi_json_array_at(bi_json_get(root, "a"), 1), &n));
	assert_int_equal(n, 2);
	assert_string_equal(bi_json_get_string(root, "b"), "x");
	assert_null(bi_json_get_string(root, "a"));
	assert_null(bi_json_get(root, "missing"));
	while ((k = bi_json_object_next(root, &it, &v)))
		keys++;
	assert_int_equal(keys, 3);
	bi_json_free(root);
}

static void test_errors_name_position(void **state)
{
	struct bi_json *root = NULL;
	struct bi_err *err = NULL;

	assert_int_equal(bi_json_parse(BI_SPAN_LIT("{\n\"a\": ]"), "m.json", &root, &err),
			 BI_EFORMAT);
	assert_non_null(strstr(bi_err_msg(err), "m.json: line 2"));
	bi_err_freep(&err);
	/* Duplicate keys are rejected: two readers could disagree on them. */
	assert_int_equal(bi_json_parse(BI_SPAN_LIT("{\"a\":1,\"a\":2}"), "d", &root, &err),
			 BI_EFORMAT);
	bi_err_freep(&err);
}

static void test_writer(void **state)
{
	_cleanup_(bi_buf_release) struct bi_buf out = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct bi_jsonw w;

	bi_jsonw_init(&w, &out, false);
	bi_jsonw_object_begin(&w);
	bi_jsonw_kstring(&w, "s", "a\"b\\\n\x01");
	bi_jsonw_key(&w, "l");
	bi_jsonw_array_begin(&w);
	bi_jsonw_int(&w, -1);
	bi_jsonw_bool(&w, true);
	bi_jsonw_null(&w);
	bi_jsonw_array_end(&w);
	bi_jsonw_key(&w, "e");
	bi_jsonw_object_begin(&w);
	bi_jsonw_object_end(&w);
	bi_jsonw_kstring(&w, "n", NULL);
	bi_jsonw_object_end(&w);
	assert_string_equal(
		out.buf,
		"{\"s\":\"a\\\"b\\\\\\n\\u0001\",\"l\":[-1,true,null],\"e\":{},\"n\":null}");

	bi_buf_reset(&out);
	bi_jsonw_init(&w, &out, true);
	bi_jsonw_object_begin(&w);
	bi_jsonw_kint(&w, "a", 1);
	bi_jsonw_key(&w, "b");
	bi_jsonw_array_begin(&w);
	bi_jsonw_array_end(&w);
	bi_jsonw_object_end(&w);
	assert_string_equal(out.buf, "{\n  \"a\": 1,\n  \"b\": []\n}\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_and_walk),
		cmocka_unit_test(test_errors_name_position),
		cmocka_unit_test(test_writer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
