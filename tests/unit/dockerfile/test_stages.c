/* SPDX-License-Identifier: MIT */
/* The stage graph: global ARGs, FROM expansion, names, --from uses, issues. */
#include "../bi_test.h"

#include "dockerfile/dockerfile.h"

static struct bi_dockerfile *df;

static struct bi_build *analyze_opts(const char *src, const struct bi_build_opts *opts)
{
	struct bi_build *b = NULL;
	struct bi_err *err = NULL;

	bi_dockerfile_free(df);
	df = NULL;
	if (bi_dockerfile_parse(bi_span_str(src), "Dockerfile", &df, &err) < 0 ||
	    bi_build_analyze(df, opts, &b, &err) < 0) {
		print_error("%s\n", bi_err_msg(err));
		fail();
	}
	return b;
}

static struct bi_build *analyze(const char *src)
{
	return analyze_opts(src, NULL);
}

static size_t count_issues(const struct bi_build *b, enum bi_build_issue_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < b->nissues; i++)
		n += b->issues[i].kind == kind;
	return n;
}

static const struct bi_build_issue *issue(const struct bi_build *b, enum bi_build_issue_kind kind)
{
	for (size_t i = 0; i < b->nissues; i++)
		if (b->issues[i].kind == kind)
			return &b->issues[i];
	return NULL;
}

static void test_global_args(void **state)
{
	char k1[] = "B", v1[] = "debian:12", k2[] = "C", v2[] = "x";
	struct bi_kv ba[] = { { k1, v1 }, { k2, v2 } };
	struct bi_build_opts opts = { ba, 2, NULL, NULL };
	struct bi_build *b;

	(void)state;
	b = analyze("ARG A=3\nARG B=alpine:${A}.20 C\nFROM $B\nFROM ${C:-busybox}\n");
	assert_int_equal(b->nstages, 2);
	assert_string_equal(b->stages[0].image_raw, "$B");
	assert_string_equal(b->stages[0].image, "alpine:3.20");
	assert_string_equal(b->stages[1].image, "busybox");
	assert_int_equal(b->nglobal_args, 3);
	assert_string_equal(b->global_args[1].value, "alpine:3.20");
	assert_null(b->global_args[2].value);
	assert_int_equal(b->nissues, 0);
	bi_build_free(b);

	b = analyze_opts("ARG A=3\nARG B=alpine:${A}.20 C\nFROM $B\nFROM $C\n", &opts);
	assert_string_equal(b->stages[0].image, "debian:12");
	assert_string_equal(b->stages[1].image, "x");
	bi_build_free(b);

	/* a build arg that is never declared does not reach FROM */
	b = analyze_opts("FROM alpine:$B\n", &opts);
	assert_null(b->stages[0].image);
	assert_int_equal(count_issues(b, BI_BUILD_ARG_UNRESOLVED), 1);
	assert_string_equal(issue(b, BI_BUILD_ARG_UNRESOLVED)->detail, "B");
	assert_ptr_equal(issue(b, BI_BUILD_ARG_UNRESOLVED)->instr, &df->instrs[0]);
	bi_build_free(b);
}

static void test_platform_args(void **state)
{
	struct bi_build_opts opts = { NULL, 0, NULL, "linux/arm64/v8" };
	struct bi_build *b;

	(void)state;
	b = analyze("FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n"
		    "FROM alpine:${TARGETOS}-${TARGETARCH}${TARGETVARIANT}\n");
	assert_string_equal(b->stages[0].platform, "linux/amd64");
	assert_string_equal(b->stages[0].name, "build");
	assert_string_equal(b->stages[1].image, "alpine:linux-amd64");
	assert_null(b->stages[1].platform);
	assert_int_equal(b->nissues, 0);
	bi_build_free(b);
	b = analyze_opts("FROM alpine:${TARGETARCH}-$TARGETVARIANT\n", &opts);
	assert_string_equal(b->stages[0].image, "alpine:arm64-v8");
	bi_build_free(b);
}

static void test_names_and_uses(void **state)
{
	struct bi_build *b;
	const struct bi_stage *s;

	(void)state;
	b = analyze("FROM golang:1.22 AS Build\nRUN go build\n"
		    "FROM build AS test\n"
		    "FROM scratch\n"
		    "COPY --from=BUILD /a /a\nCOPY --from=0 /b /b\nCOPY --from=nginx:1 /c /c\n"
		    "COPY --from=nope /d /d\nCOPY --from=7 /e /e\nCOPY --from=3 /f /f\n"
		    "RUN --mount=type=cache,target=/x,from=test true\n"
		    "RUN --mount=type=bind,from=ghost true\n"
		    "ADD --from=gcr.io/x/y /g /g\n");
	assert_int_equal(b->nstages, 3);
	assert_string_equal(b->stages[0].name, "build");
	assert_int_equal(b->stages[0].first_instr, 1);
	assert_int_equal(b->stages[0].ninstrs, 1);
	assert_int_equal(b->stages[1].base_stage, 0);
	assert_int_equal(b->stages[2].base_stage, -1);
	assert_int_equal(b->target, 2);
	s = &b->stages[2];
	assert_int_equal(s->nuses, 9);
	assert_int_equal(s->uses[0].stage, 0);
	assert_int_equal(s->uses[1].stage, 0);
	assert_int_equal(s->uses[2].stage, -1);
	assert_int_equal(s->uses[3].stage, -1);
	assert_int_equal(s->uses[4].stage, -1);
	assert_int_equal(s->uses[5].stage, -1);
	assert_true(s->uses[6].is_mount);
	assert_int_equal(s->uses[6].stage, 1);
	assert_string_equal(s->uses[7].from, "ghost");
	assert_int_equal(s->uses[8].stage, -1);
	assert_int_equal(count_issues(b, BI_BUILD_COPY_FROM_UNKNOWN), 1);
	assert_string_equal(issue(b, BI_BUILD_COPY_FROM_UNKNOWN)->detail, "nope");
	assert_int_equal(count_issues(b, BI_BUILD_COPY_FROM_INDEX), 2);
	assert_int_equal(count_issues(b, BI_BUILD_MOUNT_FROM_UNKNOWN), 1);
	assert_int_equal(b->nissues, 4);
	assert_ptr_equal(bi_build_root(b, &b->stages[1]), &b->stages[0]);
	assert_ptr_equal(bi_build_root(b, &b->stages[2]), &b->stages[2]);
	bi_build_free(b);
}

static void test_stage_issues(void **state)
{
	struct bi_build *b;

	(void)state;
	b = analyze("FROM later\nFROM busybox AS later\nFROM debian AS x\nFROM ubuntu AS X\n"
		    "FROM alpine AS alpine\nCOPY --from=x /a /a\n");
	assert_int_equal(count_issues(b, BI_BUILD_FROM_LATER_STAGE), 1);
	assert_ptr_equal(issue(b, BI_BUILD_FROM_LATER_STAGE)->instr, &df->instrs[0]);
	assert_int_equal(count_issues(b, BI_BUILD_DUPLICATE_STAGE), 1);
	assert_int_equal(issue(b, BI_BUILD_DUPLICATE_STAGE)->stage, 3);
	assert_int_equal(b->stages[4].base_stage, -1);
	assert_int_equal(b->stages[4].uses[0].stage, 2);
	assert_int_equal(b->nissues, 2);
	bi_build_free(b);
}

static void test_target(void **state)
{
	struct bi_build_opts opts = { NULL, 0, "BUILD", NULL };
	struct bi_build *b;

	(void)state;
	b = analyze_opts("FROM a AS build\nFROM b\n", &opts);
	assert_int_equal(b->target, 0);
	assert_int_equal(b->nissues, 0);
	bi_build_free(b);
	opts.target = "nope";
	b = analyze_opts("FROM a AS build\nFROM b\n", &opts);
	assert_int_equal(b->target, 1);
	assert_int_equal(count_issues(b, BI_BUILD_TARGET_UNKNOWN), 1);
	bi_build_free(b);
}

static void test_vars(void **state)
{
	struct bi_build *b;
	const struct bi_stage *s;

	(void)state;
	b = analyze("ARG V=1.22\nFROM golang:$V\nARG CGO_ENABLED=0\nARG V\nENV A=1 B=\"x y\"\n"
		    "ENV C d $V\nARG TARGETARCH\n");
	s = &b->stages[0];
	assert_int_equal(s->nvars, 6);
	assert_string_equal(s->vars[0].key, "CGO_ENABLED");
	assert_string_equal(s->vars[0].value, "0");
	assert_string_equal(s->vars[1].value, "1.22");
	assert_string_equal(s->vars[3].value, "x y");
	assert_string_equal(s->vars[4].value, "d 1.22");
	assert_string_equal(s->vars[5].value, "amd64");
	bi_build_free(b);
}

static void test_json(void **state)
{
	struct bi_build *b;
	struct bi_buf out = BI_BUF_INIT(BI_BUF_NOLIMIT);

	(void)state;
	b = analyze("# syntax=docker/dockerfile:1\nFROM alpine AS a\nRUN <<EOF\nx\nEOF\n"
		    "ONBUILD COPY --from=a [\"x\", \"y\"]\n");
	bi_dockerfile_dump_json(df, b, &out);
	assert_non_null(strstr(out.buf, "\"syntax\": \"docker/dockerfile:1\""));
	assert_non_null(strstr(out.buf, "\"kind\": \"ONBUILD\""));
	assert_non_null(strstr(out.buf, "\"json_form\": true"));
	assert_non_null(strstr(out.buf, "\"content\": \"x\\n\""));
	assert_non_null(strstr(out.buf, "\"image\": \"alpine\""));
	bi_buf_release(&out);
	bi_build_free(b);
	bi_dockerfile_free(df);
	df = NULL;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_global_args),    cmocka_unit_test(test_platform_args),
		cmocka_unit_test(test_names_and_uses), cmocka_unit_test(test_stage_issues),
		cmocka_unit_test(test_target),	       cmocka_unit_test(test_vars),
		cmocka_unit_test(test_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
