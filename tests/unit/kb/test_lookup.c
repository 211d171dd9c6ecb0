/* SPDX-License-Identifier: MIT */
/* Tag -> knowledge-base match, for the built-in data/kb/images.kb. */
#include "../bi_test.h"

#include "image/ref.h"
#include "kb/kb.h"

struct want {
	const char *ref;
	const char *family, *variant;
	enum bi_class cls;
	enum bi_libc libc;
	int shell, full, os_variants, pinned;
	const char *os_id, *os_release, *suggestion;
};

#define G BI_LIBC_GLIBC
#define M BI_LIBC_MUSL
#define N BI_LIBC_NONE
#define SCR BI_CLASS_SCRATCH
#define DL BI_CLASS_DISTROLESS
#define ALP BI_CLASS_ALPINE
#define SLIM BI_CLASS_SLIM
#define FULL BI_CLASS_FULL

static const struct want wants[] = {
	/* ref, family, variant, class, libc, shell, full, os_variants, pinned, os, release,
	   suggestion */
	{ "python:3.12", "python", "full", FULL, G, 1, 1, 1, 0, "debian", "",
	  "python:3.12-trixie" },
	{ "python:3.12-slim", "python", "slim", SLIM, G, 1, 0, 1, 0, "debian", "",
	  "python:3.12-slim-trixie" },
	{ "python:3.12.4-slim", "python", "slim", SLIM, G, 1, 0, 1, 0, "debian", "",
	  "python:3.12.4-slim-trixie" },
	{ "python:3.12-slim-bookworm", "python", "slim", SLIM, G, 1, 0, 1, 1, "debian", "bookworm",
	  "" },
	{ "python:3.13-trixie", "python", "full", FULL, G, 1, 1, 1, 1, "debian", "trixie", "" },
	{ "python:3", "python", "full", FULL, G, 1, 1, 1, 0, "debian", "", "python:3-trixie" },
	{ "python:3.12-alpine", "python", "alpine", ALP, M, 1, 0, 1, 0, "alpine", "",
	  "python:3.12-alpine3.24" },
	{ "python:3.12.4-alpine3.20", "python", "alpine", ALP, M, 1, 0, 1, 1, "alpine", "3.20",
	  "" },
	{ "python:alpine3.22", "python", "alpine", ALP, M, 1, 0, 1, 1, "alpine", "3.22", "" },
	{ "python:slim", "python", "slim", SLIM, G, 1, 0, 1, 0, "debian", "",
	  "python:3.15-slim-trixie" },
	{ "python", "python", "full", FULL, G, 1, 1, 1, 0, "debian", "", "python:3.15-trixie" },
	{ "python:latest", "python", "full", FULL, G, 1, 1, 1, 0, "debian", "",
	  "python:3.15-trixie" },
	{ "python:3.9-slim", "python", "slim", SLIM, G, 1, 0, 1, 0, "debian", "",
	  "python:3.9-slim-trixie" },
	{ "python:3.7-slim", "python", "slim", SLIM, G, 1, 0, 1, 0, "debian", "",
	  "python:3.7-slim-bookworm" },
	{ "python:3.13-rc-slim", "python", "slim", SLIM, G, 1, 0, 1, 0, "debian", "",
	  "python:3.13-slim-trixie" },
	{ "docker.io/library/python:3.12-slim", "python", "slim", SLIM, G, 1, 0, 1, 0, "debian", "",
	  "python:3.12-slim-trixie" },
	{ "public.ecr.aws/docker/library/python:3.12", "python", "full", FULL, G, 1, 1, 1, 0,
	  "debian", "", "public.ecr.aws/docker/library/python:3.12-trixie" },
	{ "python:3.12-windowsservercore-ltsc2022", "python", "full", BI_CLASS_UNKNOWN,
	  BI_LIBC_UNKNOWN, 0, 0, 0, 0, "windows", "", "" },

	{ "node:20", "node", "full", FULL, G, 1, 1, 1, 0, "debian", "", "node:20-trixie" },
	{ "node:20-slim", "node", "slim", SLIM, G, 1, 0, 1, 0, "debian", "",
	  "node:20-trixie-slim" },
	{ "node:20-bookworm-slim", "node", "slim", SLIM, G, 1, 0, 1, 1, "debian", "bookworm", "" },
	{ "node:20.11.1-bookworm-slim", "node", "slim", SLIM, G, 1, 0, 1, 1, "debian", "bookworm",
	  "" },
	{ "node:20-alpine", "node", "alpine", ALP, M, 1, 0, 1, 0, "alpine", "",
	  "node:20-alpine3.23" },
	{ "node:20-alpine3.20", "node", "alpine", ALP, M, 1, 0, 1, 1, "alpine", "3.20", "" },
	{ "node:22-alpine", "node", "alpine", ALP, M, 1, 0, 1, 0, "alpine", "",
	  "node:22-alpine3.24" },
	{ "node:18-alpine", "node", "alpine", ALP, M, 1, 0, 1, 0, "alpine", "",
	  "node:18-alpine3.21" },
	{ "node:18", "node", "full", FULL, G, 1, 1, 1, 0, "debian", "", "node:18-bookworm" },
	{ "node:lts-slim", "node", "slim", SLIM, G, 1, 0, 1, 0, "debian", "",
	  "node:26-trixie-slim" },
	{ "node:current-alpine", "node", "alpine", ALP, M, 1, 0, 1, 0, "alpine", "",
	  "node:26-alpine3.24" },
	{ "node:iron-alpine", "node", "alpine", ALP, M, 1, 0, 1, 0, "alpine", "",
	  "node:20-alpine3.23" },
	{ "node:lts-alpine3.22", "node", "alpine", ALP, M, 1, 0, 1, 1, "alpine", "3.22", "" },

	{ "golang:1.22", "golang", "full", FULL, G, 1, 1, 1, 0, "debian", "",
	  "golang:1.22-bookworm" },
	{ "golang:1.25", "golang", "full", FULL, G, 1, 1, 1, 0, "debian", "",
	  "golang:1.25-trixie" },
	{ "golang:1.22-alpine3.20", "golang", "alpine", ALP, M, 1, 1, 1, 1, "alpine", "3.20", "" },
	{ "golang:1.22-alpine", "golang", "alpine", ALP, M, 1, 1, 1, 0, "alpine", "",
	  "golang:1.22-alpine3.21" },
	{ "golang:1.23-bookworm", "golang", "full", FULL, G, 1, 1, 1, 1, "debian", "bookworm", "" },
	{ "golang", "golang", "full", FULL, G, 1, 1, 1, 0, "debian", "", "golang:1.27-trixie" },

	{ "ruby:3.3", "ruby", "full", FULL, G, 1, 1, 1, 0, "debian", "", "ruby:3.3-trixie" },
	{ "ruby:3.3-slim-bookworm", "ruby", "slim", SLIM, G, 1, 0, 1, 1, "debian", "bookworm", "" },
	{ "ruby:3.4-alpine3.21", "ruby", "alpine", ALP, M, 1, 0, 1, 1, "alpine", "3.21", "" },
	{ "php:8.3-fpm-alpine3.20", "php", "fpm-alpine", ALP, M, 1, 0, 1, 1, "alpine", "3.20", "" },
	{ "php:8.3-apache", "php", "apache", SLIM, G, 1, 0, 1, 0, "debian", "",
	  "php:8.3-apache-trixie" },
	{ "php:8.4-fpm-alpine", "php", "fpm-alpine", ALP, M, 1, 0, 1, 0, "alpine", "",
	  "php:8.4-fpm-alpine3.24" },
	{ "php:8.4-cli-bookworm", "php", "cli", SLIM, G, 1, 0, 1, 1, "debian", "bookworm", "" },
	{ "perl:5.40-slim", "perl", "slim", SLIM, G, 1, 0, 1, 0, "debian", "",
	  "perl:5.40-slim-trixie" },
	{ "perl:5.40-slim-threaded-bookworm", "perl", "slim-threaded", SLIM, G, 1, 0, 1, 1,
	  "debian", "bookworm", "" },
	{ "rust:1.80-slim", "rust", "slim", SLIM, G, 1, 1, 1, 0, "debian", "",
	  "rust:1.80-slim-bookworm" },
	{ "rust:1.90-slim-trixie", "rust", "slim", SLIM, G, 1, 1, 1, 1, "debian", "trixie", "" },
	{ "rust:alpine", "rust", "alpine", ALP, M, 1, 1, 1, 0, "alpine", "",
	  "rust:1.99-alpine3.24" },
	{ "gcc:14", "gcc", "full", FULL, G, 1, 1, 1, 0, "debian", "", "gcc:14-trixie" },
	{ "buildpack-deps:bookworm-curl", "buildpack-deps", "curl", SLIM, G, 1, 1, 1, 1, "debian",
	  "bookworm", "" },
	{ "buildpack-deps:noble", "buildpack-deps", "full", FULL, G, 1, 1, 1, 1, "ubuntu", "24.04",
	  "" },
	{ "buildpack-deps:scm", "buildpack-deps", "scm", FULL, G, 1, 1, 1, 0, "debian", "",
	  "buildpack-deps:trixie-scm" },

	{ "openjdk:17-jdk-slim", "openjdk", "jdk-slim", SLIM, G, 1, 1, 0, 0, "debian", "", "" },
	{ "openjdk:11-jre-slim", "openjdk", "jre-slim", SLIM, G, 1, 0, 0, 0, "debian", "", "" },
	{ "eclipse-temurin:21", "eclipse-temurin", "jdk", FULL, G, 1, 1, 1, 0, "ubuntu", "",
	  "eclipse-temurin:21-noble" },
	{ "eclipse-temurin:21-jre", "eclipse-temurin", "jre", SLIM, G, 1, 0, 1, 0, "ubuntu", "",
	  "eclipse-temurin:21-jre-noble" },
	{ "eclipse-temurin:21-jre-alpine", "eclipse-temurin", "jre-alpine", ALP, M, 1, 0, 1, 0,
	  "alpine", "", "eclipse-temurin:21-jre-alpine-3.24" },
	{ "eclipse-temurin:21-jre-alpine-3.21", "eclipse-temurin", "jre-alpine", ALP, M, 1, 0, 1, 1,
	  "alpine", "3.21", "" },
	{ "eclipse-temurin:17-jdk-jammy", "eclipse-temurin", "jdk", FULL, G, 1, 1, 1, 1, "ubuntu",
	  "22.04", "" },
	{ "eclipse-temurin:21.0.4_7-jre-jammy", "eclipse-temurin", "jre", SLIM, G, 1, 0, 1, 1,
	  "ubuntu", "22.04", "" },
	{ "eclipse-temurin:21-jdk-alpine", "eclipse-temurin", "jdk-alpine", ALP, M, 1, 1, 1, 0,
	  "alpine", "", "eclipse-temurin:21-jdk-alpine-3.24" },
	{ "maven:3.9-eclipse-temurin-21", "maven", "full", FULL, G, 1, 1, 0, 0, "ubuntu", "", "" },
	{ "maven:3.9.9-eclipse-temurin-21-alpine", "maven", "alpine", ALP, M, 1, 1, 0, 0, "alpine",
	  "", "" },
	{ "gradle:8.10-jdk21", "gradle", "full", FULL, G, 1, 1, 0, 0, "ubuntu", "", "" },

	{ "amazoncorretto:21", "amazoncorretto", "jdk", FULL, G, 1, 1, 0, 0, "", "", "" },
	{ "amazoncorretto:21-alpine3.20", "amazoncorretto", "jdk-alpine", ALP, M, 1, 1, 0, 1,
	  "alpine", "3.20", "" },
	{ "sapmachine:21-jre-ubuntu-noble", "sapmachine", "jre", SLIM, G, 1, 0, 0, 1, "ubuntu",
	  "24.04", "" },
	{ "mcr.microsoft.com/dotnet/sdk:8.0", "mcr.microsoft.com/dotnet/sdk", "sdk", FULL, G, 1, 1,
	  0, 0, "debian", "", "" },
	{ "mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled", "mcr.microsoft.com/dotnet/aspnet",
	  "aspnet-chiseled", DL, G, 0, 0, 0, 1, "ubuntu", "24.04", "" },
	{ "mcr.microsoft.com/dotnet/runtime-deps:8.0-alpine",
	  "mcr.microsoft.com/dotnet/runtime-deps", "runtime-deps-alpine", ALP, M, 1, 0, 0, 0,
	  "alpine", "", "" },
	{ "debian:bookworm", "debian", "full", FULL, G, 1, 1, 1, 1, "debian", "bookworm", "" },
	{ "debian:bookworm-slim", "debian", "slim", SLIM, G, 1, 0, 1, 1, "debian", "bookworm", "" },
	{ "debian:stable-slim", "debian", "slim", SLIM, G, 1, 0, 1, 0, "debian", "",
	  "debian:trixie-slim" },
	{ "debian:12", "debian", "full", FULL, G, 1, 1, 1, 1, "debian", "bookworm", "" },
	{ "debian:12.7-slim", "debian", "slim", SLIM, G, 1, 0, 1, 1, "debian", "bookworm", "" },
	{ "debian:13-slim", "debian", "slim", SLIM, G, 1, 0, 1, 1, "debian", "trixie", "" },
	{ "debian:bookworm-20240812-slim", "debian", "slim", SLIM, G, 1, 0, 1, 1, "debian",
	  "bookworm", "" },
	{ "debian:latest", "debian", "full", FULL, G, 1, 1, 1, 0, "debian", "", "debian:trixie" },
	{ "debian", "debian", "full", FULL, G, 1, 1, 1, 0, "debian", "", "debian:trixie" },
	{ "ubuntu:22.04", "ubuntu", "full", FULL, G, 1, 1, 1, 1, "ubuntu", "22.04", "" },
	{ "ubuntu:jammy", "ubuntu", "full", FULL, G, 1, 1, 1, 1, "ubuntu", "22.04", "" },
	{ "ubuntu:noble-20240801", "ubuntu", "full", FULL, G, 1, 1, 1, 1, "ubuntu", "24.04", "" },
	{ "ubuntu:latest", "ubuntu", "full", FULL, G, 1, 1, 1, 0, "ubuntu", "", "ubuntu:26.04" },
	{ "ubuntu:rolling", "ubuntu", "full", FULL, G, 1, 1, 1, 0, "ubuntu", "", "ubuntu:26.04" },
	{ "alpine:3.20", "alpine", "alpine", ALP, M, 1, 0, 1, 1, "alpine", "3.20", "" },
	{ "alpine:3.20.3", "alpine", "alpine", ALP, M, 1, 0, 1, 1, "alpine", "3.20", "" },
	{ "alpine:3", "alpine", "alpine", ALP, M, 1, 0, 1, 0, "alpine", "", "alpine:3.24" },
	{ "alpine:edge", "alpine", "alpine", ALP, M, 1, 0, 1, 0, "alpine", "", "alpine:3.24" },
	{ "alpine", "alpine", "alpine", ALP, M, 1, 0, 1, 0, "alpine", "", "alpine:3.24" },

	{ "scratch", "scratch", "scratch", SCR, N, 0, 0, 0, 0, "", "", "" },
	{ "gcr.io/distroless/static-debian12", "gcr.io/distroless/static", "static", DL, N, 0, 0, 1,
	  1, "debian", "bookworm", "" },
	{ "gcr.io/distroless/static-debian13:nonroot", "gcr.io/distroless/static", "static", DL, N,
	  0, 0, 1, 1, "debian", "trixie", "" },
	{ "gcr.io/distroless/static:nonroot", "gcr.io/distroless/static", "static", DL, N, 0, 0, 0,
	  0, "debian", "", "" },
	{ "gcr.io/distroless/base-debian12:debug", "gcr.io/distroless/base", "debug", DL, G, 1, 0,
	  1, 1, "debian", "bookworm", "" },
	{ "gcr.io/distroless/base-nossl-debian12", "gcr.io/distroless/base-nossl", "base-nossl", DL,
	  G, 0, 0, 1, 1, "debian", "bookworm", "" },
	{ "gcr.io/distroless/cc-debian12:debug-nonroot", "gcr.io/distroless/cc", "debug", DL, G, 1,
	  0, 1, 1, "debian", "bookworm", "" },
	{ "gcr.io/distroless/python3-debian12", "gcr.io/distroless/python3", "python3", DL, G, 0, 0,
	  1, 1, "debian", "bookworm", "" },
	{ "gcr.io/distroless/java21-debian12:nonroot", "gcr.io/distroless/java", "java", DL, G, 0,
	  0, 1, 1, "debian", "bookworm", "" },
	{ "gcr.io/distroless/java17-debian12:debug", "gcr.io/distroless/java", "debug", DL, G, 1, 0,
	  1, 1, "debian", "bookworm", "" },
	{ "gcr.io/distroless/nodejs22-debian12", "gcr.io/distroless/nodejs", "nodejs", DL, G, 0, 0,
	  1, 1, "debian", "bookworm", "" },
	{ "gcr.io/distroless/nodejs24-debian13", "gcr.io/distroless/nodejs", "nodejs", DL, G, 0, 0,
	  1, 1, "debian", "trixie", "" },
	{ "cgr.dev/chainguard/static", "cgr.dev/chainguard/static", "static", DL, N, 0, 0, 0, 0,
	  "wolfi", "", "" },
	{ "cgr.dev/chainguard/static:latest", "cgr.dev/chainguard/static", "static", DL, N, 0, 0, 0,
	  0, "wolfi", "", "" },
	{ "cgr.dev/chainguard/python:latest-dev", "cgr.dev/chainguard/python", "dev", SLIM, G, 1, 0,
	  0, 0, "wolfi", "", "" },
	{ "cgr.dev/chainguard/python:latest", "cgr.dev/chainguard/python", "python", DL, G, 0, 0, 0,
	  0, "wolfi", "", "" },
	{ "cgr.dev/chainguard/go:latest", "cgr.dev/chainguard/go", "go", SLIM, G, 1, 1, 0, 0,
	  "wolfi", "", "" },
	{ "cgr.dev/chainguard/glibc-dynamic", "cgr.dev/chainguard/glibc-dynamic", "glibc-dynamic",
	  DL, G, 0, 0, 0, 0, "wolfi", "", "" },
	{ "cgr.dev/chainguard/wolfi-base", "cgr.dev/chainguard/wolfi-base", "wolfi-base", SLIM, G,
	  1, 0, 0, 0, "wolfi", "", "" },
};

static struct bi_kb *kb;

static int setup(void **state)
{
	struct bi_err *err = NULL;

	unsetenv("BASEIMG_KB");
	if (bi_kb_load(&kb, &err) < 0) {
		fprintf(stderr, "%s\n", bi_err_msg(err));
		bi_err_free(err);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	bi_kb_free(kb);
	return 0;
}

static void test_table(void **state)
{
	for (size_t i = 0; i < BI_ARRAY_SIZE(wants); i++) {
		const struct want *w = &wants[i];
		struct bi_ref *r = NULL;
		struct bi_kb_match m;

		assert_int_equal(bi_ref_parse(w->ref, &r, NULL), 0);
		bi_kb_lookup(kb, r, &m);
		bi_ref_free(r);
		if (!m.known || strcmp(m.family, w->family) || strcmp(m.variant, w->variant) ||
		    m.class != w->cls || m.libc != w->libc || m.has_shell != !!w->shell ||
		    m.full != !!w->full || m.os_variants != !!w->os_variants ||
		    m.os_pinned != !!w->pinned || strcmp(m.os_id, w->os_id) ||
		    strcmp(m.os_release, w->os_release) || strcmp(m.suggestion, w->suggestion))
			fail_msg("%s: got family=%s variant=%s class=%s libc=%d shell=%d full=%d "
				 "os_variants=%d pinned=%d os=%s/%s suggestion=%s",
				 w->ref, m.family, m.variant, bi_class_name(m.class), m.libc,
				 m.has_shell, m.full, m.os_variants, m.os_pinned, m.os_id,
				 m.os_release, m.suggestion);
	}
}

static void test_unknown(void **state)
{
	static const char *const refs[] = { "nginx:1.27", "myorg/app:1.0", "quay.io/x/y",
					    "localhost:5000/python:3.12" };
	for (size_t i = 0; i < BI_ARRAY_SIZE(refs); i++) {
		struct bi_ref *r = NULL;
		struct bi_kb_match m;

		assert_int_equal(bi_ref_parse(refs[i], &r, NULL), 0);
		bi_kb_lookup(kb, r, &m);
		assert_false(m.known);
		assert_int_equal(m.class, BI_CLASS_UNKNOWN);
		assert_false(m.full);
		assert_false(m.os_variants);
		assert_string_equal(m.suggestion, "");
		bi_ref_free(r);
	}
}

static void test_build_only(void **state)
{
	static const char *const refs[] = { "golang:1.25-alpine3.22",
					    "gcc:14",
					    "rust:1.90-slim",
					    "maven:3.9",
					    "gradle:9-jdk21",
					    "buildpack-deps:trixie",
					    "eclipse-temurin:21-jdk-noble" };
	for (size_t i = 0; i < BI_ARRAY_SIZE(refs); i++) {
		struct bi_ref *r = NULL;
		struct bi_kb_match m;

		assert_int_equal(bi_ref_parse(refs[i], &r, NULL), 0);
		bi_kb_lookup(kb, r, &m);
		if (!m.build_only || !m.full)
			fail_msg("%s should be build-only", refs[i]);
		bi_ref_free(r);
	}
}

static void test_facts(void **state)
{
	char v[32];

	assert_string_equal(bi_kb_get(kb, "debian.current"), "trixie");
	assert_string_equal(bi_kb_get(kb, "alpine.latest"), "3.24");
	assert_string_equal(bi_kb_get(kb, "ubuntu.current"), "resolute");
	assert_string_equal(bi_kb_get(kb, "python.latest"), "3.15");
	assert_string_equal(bi_kb_get(kb, "node.lts"), "26");
	assert_null(bi_kb_get(kb, "nosuch.key"));
	assert_string_equal(bi_kb_date(kb), "2026-11-20");
	assert_true(bi_kb_family_latest(kb, "golang", v, sizeof(v)));
	assert_string_equal(v, "1.27");
	assert_false(bi_kb_family_latest(kb, "nginx", v, sizeof(v)));
}

static void test_packages(void **state)
{
	static const char *const py_yes[] = { "numpy",
					      "NumPy",
					      "pandas==2.2.0",
					      "psycopg2",
					      "psycopg2_binary>=2.9",
					      "lxml[html_clean]",
					      "Pillow",
					      "grpcio",
					      "scikit_learn",
					      "PyYAML",
					      "ruamel.yaml.clib",
					      "orjson ; python_version>'3'" };
	static const char *const py_no[] = { "requests", "flask",   "django",	"numpyx",
					     "",	 "fastapi", "pydantic", "six" };
	static const char *const js_yes[] = { "bcrypt",
					      "sharp",
					      "sqlite3",
					      "better-sqlite3",
					      "node-sass",
					      "canvas",
					      "@tensorflow/tfjs-node",
					      "argon2@0.40.1" };
	static const char *const js_no[] = { "express", "react", "bcryptjs", "@types/node", "" };

	for (size_t i = 0; i < BI_ARRAY_SIZE(py_yes); i++)
		if (!bi_kb_python_c_extension(kb, py_yes[i]))
			fail_msg("%s should be a C extension", py_yes[i]);
	for (size_t i = 0; i < BI_ARRAY_SIZE(py_no); i++)
		if (bi_kb_python_c_extension(kb, py_no[i]))
			fail_msg("%s should not be a C extension", py_no[i]);
	for (size_t i = 0; i < BI_ARRAY_SIZE(js_yes); i++)
		if (!bi_kb_node_native_addon(kb, js_yes[i]))
			fail_msg("%s should be a native addon", js_yes[i]);
	for (size_t i = 0; i < BI_ARRAY_SIZE(js_no); i++)
		if (bi_kb_node_native_addon(kb, js_no[i]))
			fail_msg("%s should not be a native addon", js_no[i]);
}

static void test_class_names(void **state)
{
	assert_string_equal(bi_class_name(BI_CLASS_SCRATCH), "scratch");
	assert_string_equal(bi_class_name(BI_CLASS_DISTROLESS), "distroless");
	assert_string_equal(bi_class_name(BI_CLASS_ALPINE), "alpine");
	assert_string_equal(bi_class_name(BI_CLASS_SLIM), "slim");
	assert_string_equal(bi_class_name(BI_CLASS_FULL), "full");
	assert_string_equal(bi_class_name(BI_CLASS_UNKNOWN), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),	   cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_build_only), cmocka_unit_test(test_facts),
		cmocka_unit_test(test_packages),   cmocka_unit_test(test_class_names),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
