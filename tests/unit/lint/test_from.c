/* SPDX-License-Identifier: MIT */
/* FROM rules: BI100-BI104, BI110, BI111, BI113, suppression comments, severities. */
#include "../bi_test.h"

#include "lint_helper.h"

#define DIGEST "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static void test_bi101(void **state)
{
	(void)state;
	EXPECT("FROM python\n", "1:BI101 1:BI105");
	EXPECT("FROM nginx\nRUN true\n", "1:BI101");
	EXPECT("FROM python" DIGEST "\n", "1:BI105");
	EXPECT("FROM registry.example.com:5000/team/app\n", "1:BI101");
}

static void test_bi102(void **state)
{
	(void)state;
	EXPECT("FROM ubuntu:latest\n", "1:BI102 1:BI105");
	EXPECT("FROM ubuntu:latest" DIGEST "\n", "1:BI105");
	/* BI103 is not reported with BI101/BI102 */
	EXPECT("FROM node:latest\n", "1:BI102 1:BI105");
}

static void test_bi103(void **state)
{
	(void)state;
	EXPECT("FROM python:3.12-slim\n", "1:BI103");
	EXPECT("FROM python:3.12-slim-trixie\n", "");
	EXPECT("FROM python:3.12-slim-bookworm\n", "");
	EXPECT("FROM node:20-alpine\n", "1:BI103");
	EXPECT("FROM node:20-alpine3.20\n", "");
	EXPECT("FROM debian:stable-slim\n", "1:BI103");
	EXPECT("FROM debian:12-slim\n", "");
	EXPECT("FROM ubuntu:22.04\n", "1:BI105");
	EXPECT("FROM python:3.12-slim" DIGEST "\n", "");
	/* unknown families are not judged */
	EXPECT("FROM example.com/team/app:1.2\n", "");
}

static void test_bi104(void **state)
{
	struct bi_lint_config cfg;
	struct bi_lint_opts o = { 0 };
	struct bi_lint_result res = { 0 };

	(void)state;
	EXPECT_O("FROM python:3.12-slim-trixie\n", NULL, true, "1:BI104");
	EXPECT_O("FROM python:3.12-slim-trixie" DIGEST "\n", NULL, true, "");
	EXPECT_O("FROM scratch\nCOPY a /a\n", NULL, true, "");
	EXPECT_O("FROM alpine:3.20 AS a\nFROM a\n", NULL, true, "1:BI104");

	/* note by default, error with require-digest, config severity wins */
	bi_lint_config_init(&cfg);
	o.config = &cfg;
	assert_int_equal(bi_lint_text(kb, bi_span_str("FROM alpine:3.20\n"), "D", &o, &res, NULL),
			 0);
	assert_int_equal(res.n, 1);
	assert_int_equal(res.findings[0].level, BI_SEV_NOTE);
	bi_lint_result_release(&res);
	cfg.require_digest = true;
	assert_int_equal(bi_lint_text(kb, bi_span_str("FROM alpine:3.20\n"), "D", &o, &res, NULL),
			 0);
	assert_int_equal(res.findings[0].level, BI_SEV_ERROR);
	assert_int_equal(res.findings[0].line, 1);
	assert_int_equal(res.findings[0].column, 1);
	assert_non_null(res.findings[0].fix);
	bi_lint_result_release(&res);
	cfg.severity_set[BI_RULE_104] = true;
	cfg.severity[BI_RULE_104] = BI_SEV_WARNING;
	assert_int_equal(bi_lint_text(kb, bi_span_str("FROM alpine:3.20\n"), "D", &o, &res, NULL),
			 0);
	assert_int_equal(res.findings[0].level, BI_SEV_WARNING);
	bi_lint_result_release(&res);
	cfg.ignored[BI_RULE_104] = true;
	assert_int_equal(bi_lint_text(kb, bi_span_str("FROM alpine:3.20\n"), "D", &o, &res, NULL),
			 0);
	assert_int_equal(res.n, 0);
	bi_lint_result_release(&res);
	bi_lint_config_release(&cfg);
}

static void test_exemptions(void **state)
{
	(void)state;
	EXPECT("FROM scratch\n", "");
	EXPECT("FROM alpine:3.20 AS base\nFROM base\nRUN true\n", "");
	EXPECT("FROM python:${V}-slim-trixie\n", "1:BI111");
	EXPECT("ARG V\nFROM python:${V}-slim-trixie\n", "2:BI111");
	EXPECT("ARG V=3.12\nFROM python:${V}-slim-trixie\n", "");
	EXPECT("ARG V=3.12\nFROM python:${V}-slim\n", "2:BI103");
	EXPECT("ARG IMG=python\nFROM $IMG\n", "2:BI101 2:BI105");
}

static void test_build_args(void **state)
{
	struct bi_kv ba[] = { { (char *)"V", (char *)"3.12-slim" } };
	struct bi_lint_opts o = { .build_args = ba, .nbuild_args = 1 };

	(void)state;
	EXPECT_O("ARG V\nFROM python:${V}\n", &o, false, "2:BI103");
	EXPECT_O("ARG V=latest\nFROM python:${V}\n", &o, false, "2:BI103");
}

static void test_bi100(void **state)
{
	(void)state;
	EXPECT("FROM Python:3.12\n", "1:BI100");
	EXPECT("FROM python:3.12:slim\n", "1:BI100");
	EXPECT("FROM python@sha256:abc\n", "1:BI100");
}

static void test_bi110(void **state)
{
	(void)state;
	EXPECT("FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=buidl /a /a\n", "3:BI110");
	EXPECT("FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=build /a /a\n", "");
	EXPECT("FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=BUILD /a /a\n", "");
	EXPECT("FROM alpine:3.20\nCOPY --from=5 /a /a\n", "2:BI110");
	EXPECT("FROM alpine:3.20\nCOPY --from=0 /a /a\n", "2:BI110");
	EXPECT("FROM alpine:3.20\nFROM alpine:3.20\nCOPY --from=0 /a /a\n", "");
	EXPECT("FROM alpine:3.20\nCOPY --from=nginx:1.27 /a /a\n", "");
	EXPECT("FROM alpine:3.20 AS a\nFROM alpine:3.20 AS a\n", "2:BI110");
	EXPECT("FROM alpine:3.20\nRUN --mount=type=cache,from=nope,target=/x true\n", "2:BI110");
}

static void test_bi113(void **state)
{
	struct bi_lint_config cfg;
	struct bi_lint_opts o = { 0 };

	(void)state;
	bi_lint_config_init(&cfg);
	assert_int_equal(bi_lint_config_parse(bi_span_str("trusted-registries: [docker.io, "
							  "gcr.io/distroless]\n"),
					      "c", &cfg, NULL),
			 0);
	o.config = &cfg;
	EXPECT_O("FROM quay.io/prometheus/busybox:1.36\n", &o, false, "1:BI113");
	EXPECT_O("FROM alpine:3.20\n", &o, false, "");
	EXPECT_O("FROM docker.io/library/alpine:3.20\n", &o, false, "");
	EXPECT_O("FROM gcr.io/distroless/static-debian12:nonroot\n", &o, false, "");
	EXPECT_O("FROM gcr.io/other/thing:1\n", &o, false, "1:BI113");
	EXPECT_O("FROM scratch\n", &o, false, "");
	bi_lint_config_release(&cfg);
	/* not configured: never */
	EXPECT("FROM quay.io/prometheus/busybox:1.36\n", "");
}

static void test_suppress(void **state)
{
	(void)state;
	EXPECT_O("# baseimg ignore=BI104,BI103\nFROM python:3.12-slim\n", NULL, true, "");
	EXPECT_O("# baseimg ignore=BI103\nFROM python:3.12-slim\n", NULL, true, "2:BI104");
	EXPECT_O("# some text\n# baseimg ignore=BI104\nFROM python:3.12-slim-trixie\n", NULL, true,
		 "");
	EXPECT_O("# baseimg ignore=BI104\nFROM python:3.12-slim-trixie\nFROM alpine:3.20\n", NULL,
		 true, "3:BI104");
	EXPECT_O("# baseimg ignore=all\nFROM python\n", NULL, true, "");
}

static void test_ignore_opt(void **state)
{
	struct bi_lint_opts o = { 0 };

	(void)state;
	o.ignored[BI_RULE_103] = true;
	EXPECT_O("FROM python:3.12-slim\n", &o, false, "");
}

static void test_target(void **state)
{
	struct bi_lint_opts o = { .target = "nope" };
	char *got;

	(void)state;
	got = lint_o("FROM alpine:3.20 AS a\n", &o, false);
	assert_true(strncmp(got, "error:", 6) == 0);
	free(got);
	o.target = "build";
	/* the target is the final stage for BI105 */
	EXPECT_O("FROM golang:1.22-bookworm AS build\nFROM alpine:3.20\n", &o, false, "1:BI105");
}

static void test_bad_input(void **state)
{
	char *got;

	(void)state;
	got = lint("");
	assert_true(strncmp(got, "error:", 6) == 0);
	free(got);
	got = lint("RUN echo no from\n");
	assert_true(strncmp(got, "error:", 6) != 0 || strlen(got) > 6);
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bi101),	   cmocka_unit_test(test_bi102),
		cmocka_unit_test(test_bi103),	   cmocka_unit_test(test_bi104),
		cmocka_unit_test(test_exemptions), cmocka_unit_test(test_build_args),
		cmocka_unit_test(test_bi100),	   cmocka_unit_test(test_bi110),
		cmocka_unit_test(test_bi113),	   cmocka_unit_test(test_suppress),
		cmocka_unit_test(test_ignore_opt), cmocka_unit_test(test_target),
		cmocka_unit_test(test_bad_input),
	};
	return cmocka_run_group_tests(tests, kb_setup, kb_teardown);
}
