/* SPDX-License-Identifier: MIT */
/* Decisions for the fixture projects in tests/fixtures/projects/. */
#include "../bi_test.h"

#include "recommend/recommend.h"

struct want {
	const char *dir;
	bool need_shell, debug;
	const char *lang, *version;
	const char *runtime;
	enum bi_class cls;
	const char *builder;
};

static const struct want wants[] = {
	/* Go */
	{ "go-static", 0, 0, "go", "1.22", "scratch", BI_CLASS_SCRATCH, "golang:1.22-alpine3.21" },
	{ "go-static", 1, 0, "go", "1.22", "alpine:3.24", BI_CLASS_ALPINE,
	  "golang:1.22-alpine3.21" },
	{ "go-static", 0, 1, "go", "1.22", "debian:bookworm-slim", BI_CLASS_SLIM,
	  "golang:1.22-bookworm" },
	{ "go-cgo", 0, 0, "go", "1.24", "gcr.io/distroless/base-debian13", BI_CLASS_DISTROLESS,
	  "golang:1.24-trixie" },
	{ "go-cgo", 1, 0, "go", "1.24", "debian:trixie-slim", BI_CLASS_SLIM, "golang:1.24-trixie" },
	{ "go-importc", 0, 0, "go", "1.25", "gcr.io/distroless/base-debian13", BI_CLASS_DISTROLESS,
	  "golang:1.25-trixie" },
	{ "go-with-web", 0, 0, "go", "1.23", "scratch", BI_CLASS_SCRATCH,
	  "golang:1.23-alpine3.22" },
	/* Rust */
	{ "rust-static", 0, 0, "rust", "1.85", "scratch", BI_CLASS_SCRATCH,
	  "rust:1.85-alpine3.21" },
	{ "rust-static", 1, 0, "rust", "1.85", "alpine:3.24", BI_CLASS_ALPINE,
	  "rust:1.85-alpine3.21" },
	{ "rust-openssl", 0, 0, "rust", NULL, "gcr.io/distroless/cc-debian13", BI_CLASS_DISTROLESS,
	  "rust:1.99-trixie" },
	{ "rust-openssl", 0, 1, "rust", NULL, "debian:trixie-slim", BI_CLASS_SLIM,
	  "rust:1.99-trixie" },
	/* Java */
	{ "java-maven", 0, 0, "java", "21", "eclipse-temurin:21-jre-alpine-3.24", BI_CLASS_ALPINE,
	  "maven:3.9-eclipse-temurin-21-noble" },
	{ "java-maven", 0, 1, "java", "21", "eclipse-temurin:21-jre-noble", BI_CLASS_SLIM,
	  "maven:3.9-eclipse-temurin-21-noble" },
	{ "java-gradle", 0, 0, "java", "17", "eclipse-temurin:17-jre-alpine-3.24", BI_CLASS_ALPINE,
	  "gradle:9-jdk17-noble" },
	{ "java-rocksdb", 0, 0, "java", "17", "gcr.io/distroless/java17-debian12",
	  BI_CLASS_DISTROLESS, "eclipse-temurin:17-jdk-noble" },
	{ "java-rocksdb", 1, 0, "java", "17", "eclipse-temurin:17-jre-noble", BI_CLASS_SLIM,
	  "eclipse-temurin:17-jdk-noble" },
	{ "java-22", 0, 0, "java", "22", "eclipse-temurin:25-jre-alpine-3.24", BI_CLASS_ALPINE,
	  "maven:3.9-eclipse-temurin-25-noble" },
	{ "java-legacy", 0, 0, "java", "8", "eclipse-temurin:8-jre-noble", BI_CLASS_SLIM,
	  "gradle:8-jdk8-noble" },
	/* Python */
	{ "python-pandas", 0, 0, "python", "3.12", "python:3.12-slim-trixie", BI_CLASS_SLIM,
	  "python:3.12-trixie" },
	{ "python-pandas", 1, 0, "python", "3.12", "python:3.12-slim-trixie", BI_CLASS_SLIM,
	  "python:3.12-trixie" },
	{ "python-pure", 0, 0, "python", NULL, "python:3.15-alpine3.24", BI_CLASS_ALPINE,
	  "python:3.15-alpine3.24" },
	{ "python-pure", 0, 1, "python", NULL, "python:3.15-slim-trixie", BI_CLASS_SLIM,
	  "python:3.15-trixie" },
	{ "python-poetry", 0, 0, "python", "3.11", "python:3.11-slim-trixie", BI_CLASS_SLIM,
	  "python:3.11-trixie" },
	{ "python-pyproject", 0, 0, "python", NULL, "python:3.12-slim-trixie", BI_CLASS_SLIM,
	  "python:3.12-trixie" },
	{ "python-pipfile", 0, 0, "python", "3.11", "python:3.11-slim-trixie", BI_CLASS_SLIM,
	  "python:3.11-trixie" },
	{ "python-uv-pure", 0, 0, "python", NULL, "python:3.15-alpine3.24", BI_CLASS_ALPINE,
	  "python:3.15-alpine3.24" },
	{ "python-with-node-dockerfile", 0, 0, "python", "3.13", "python:3.13-alpine3.24",
	  BI_CLASS_ALPINE, "python:3.13-alpine3.24" },
	{ "dockerfile-only", 0, 0, "python", "3.11", "python:3.11-alpine3.24", BI_CLASS_ALPINE,
	  "python:3.11-alpine3.24" },
	{ "python-django", 0, 0, "python", "3.11", "python:3.11-slim-trixie", BI_CLASS_SLIM,
	  "python:3.11-trixie" },
	{ "python-setup", 0, 0, "python", NULL, "python:3.15-slim-trixie", BI_CLASS_SLIM,
	  "python:3.15-trixie" },
	{ "rust-workspace", 0, 0, "rust", NULL, "scratch", BI_CLASS_SCRATCH,
	  "rust:1.99-alpine3.24" },
	{ "java-sdkman", 0, 0, "java", "21", "eclipse-temurin:21-jre-alpine-3.24", BI_CLASS_ALPINE,
	  "gradle:9-jdk21-noble" },
	{ "monorepo", 0, 0, "python", NULL, "python:3.15-alpine3.24", BI_CLASS_ALPINE,
	  "python:3.15-alpine3.24" },
	{ "python-future", 0, 0, "python", NULL, "python:3.16-alpine3.24", BI_CLASS_ALPINE,
	  "python:3.16-alpine3.24" },
	/* Ruby */
	{ "ruby-rails", 0, 0, "ruby", "3.3", "ruby:3.3-slim-trixie", BI_CLASS_SLIM,
	  "ruby:3.3-trixie" },
	{ "ruby-sinatra", 0, 0, "ruby", NULL, "ruby:4.0-alpine3.24", BI_CLASS_ALPINE,
	  "ruby:4.0-alpine3.24" },
	{ "ruby-sinatra", 0, 1, "ruby", NULL, "ruby:4.0-slim-trixie", BI_CLASS_SLIM,
	  "ruby:4.0-trixie" },
	/* Node */
	{ "node-web", 0, 0, "node", "20", "node:20-alpine3.23", BI_CLASS_ALPINE,
	  "node:20-alpine3.23" },
	{ "node-web", 0, 1, "node", "20", "node:20-trixie-slim", BI_CLASS_SLIM, "node:20-trixie" },
	{ "node-native", 0, 0, "node", "22", "node:22-alpine3.24", BI_CLASS_ALPINE,
	  "node:22-alpine3.24" },
	{ "node-ts", 0, 0, "node", "20", "node:20-alpine3.23", BI_CLASS_ALPINE,
	  "node:20-alpine3.23" },
	{ "node-range", 0, 0, "node", NULL, "node:20-alpine3.23", BI_CLASS_ALPINE,
	  "node:20-alpine3.23" },
	{ "bad-json", 0, 0, "node", NULL, "node:26-alpine3.24", BI_CLASS_ALPINE,
	  "node:26-alpine3.24" },
};

static struct bi_kb *kb;

static int setup(void **state)
{
	unsetenv("BASEIMG_KB");
	return bi_kb_load(&kb, NULL) < 0 ? -1 : 0;
}

static int teardown(void **state)
{
	bi_kb_free(kb);
	return 0;
}

static void test_decisions(void **state)
{
	for (size_t i = 0; i < BI_ARRAY_SIZE(wants); i++) {
		const struct want *t = &wants[i];
		char *dir = bi_xasprintf("%s/tests/fixtures/projects/%s",
					 getenv("BI_SRCDIR") ? getenv("BI_SRCDIR") : ".", t->dir);
		struct bi_recommend_opts o = { .need_shell = t->need_shell, .debug = t->debug };
		struct bi_workload *w = NULL;
		struct bi_recommendation *r = NULL;
		struct bi_err *err = NULL;

		if (bi_recommend_detect(kb, dir, &w, &err) < 0)
			fail_msg("%s: %s", t->dir, bi_err_msg(err));
		assert_int_equal(bi_recommend(kb, w, &o, &r, &err), 0);
		if (strcmp(bi_lang_name(w->lang), t->lang) ||
		    strcmp(w->version, t->version ? t->version : "") ||
		    strcmp(r->runtime, t->runtime) || r->runtime_class != t->cls ||
		    strcmp(r->builder ? r->builder : "", t->builder))
			fail_msg("%s%s%s: got %s %s -> %s (%s), builder %s", t->dir,
				 t->need_shell ? " --need-shell" : "", t->debug ? " --debug" : "",
				 bi_lang_name(w->lang), w->version, r->runtime,
				 bi_class_name(r->runtime_class), r->builder ? r->builder : "-");
		/* the skeleton builds from the builder and ends on the runtime */
		assert_non_null(strstr(r->dockerfile, r->builder));
		{
			/* distroless is written with its :nonroot tag (BI101) */
			bool dl = strncmp(r->runtime, "gcr.io/distroless/", 18) == 0;
			char *from =
				bi_xasprintf("\nFROM %s%s\n", r->runtime, dl ? ":nonroot" : "");
			assert_non_null(strstr(r->dockerfile, from));
			free(from);
		}
		assert_true(r->rationale.n >= 2);
		/* --need-shell never yields scratch or distroless; --debug a slim Debian variant */
		if (t->need_shell || t->debug)
			assert_true(r->runtime_class != BI_CLASS_SCRATCH &&
				    r->runtime_class != BI_CLASS_DISTROLESS);
		if (t->debug)
			assert_int_equal(r->runtime_class, BI_CLASS_SLIM);
		bi_recommendation_free(r);
		bi_workload_free(w);
		free(dir);
	}
}

static void test_workload_details(void **state)
{
	char *dir = bi_test_src("tests/fixtures/projects/python-poetry");
	struct bi_workload *w = NULL;

	assert_int_equal(bi_recommend_detect(kb, dir, &w, NULL), 0);
	assert_string_equal(w->build_tool, "poetry");
	assert_string_equal(w->version_source, "pyproject.toml");
	assert_true(bi_strv_has(&w->native, "psycopg2-binary"));
	assert_true(bi_strv_has(&w->native, "pydantic-core")); /* from poetry.lock */
	assert_false(bi_strv_has(&w->native, "fastapi"));
	assert_true(bi_strv_has(&w->signals, "poetry.lock"));
	bi_workload_free(w);
	free(dir);

	dir = bi_test_src("tests/fixtures/projects/go-static");
	assert_int_equal(bi_recommend_detect(kb, dir, &w, NULL), 0);
	assert_string_equal(w->app, "hello"); /* module .../hello/v2 */
	assert_string_equal(w->main_path, ".");
	assert_false(w->cgo);
	bi_workload_free(w);
	free(dir);

	dir = bi_test_src("tests/fixtures/projects/go-importc");
	assert_int_equal(bi_recommend_detect(kb, dir, &w, NULL), 0);
	assert_true(w->cgo);
	assert_string_equal(w->main_path, "./cmd/native");
	bi_workload_free(w);
	free(dir);

	dir = bi_test_src("tests/fixtures/projects/rust-static");
	assert_int_equal(bi_recommend_detect(kb, dir, &w, NULL), 0);
	assert_int_equal(w->native.n, 0); /* openssl with "vendored" links statically */
	assert_string_equal(w->version_constraint, ">=1.74");
	bi_workload_free(w);
	free(dir);

	dir = bi_test_src("tests/fixtures/projects/node-native");
	assert_int_equal(bi_recommend_detect(kb, dir, &w, NULL), 0);
	assert_true(bi_strv_has(&w->native, "sharp"));
	assert_true(bi_strv_has(&w->native, "bcrypt"));
	assert_true(w->has_lockfile);
	bi_workload_free(w);
	free(dir);

	dir = bi_test_src("tests/fixtures/projects/rust-workspace");
	assert_int_equal(bi_recommend_detect(kb, dir, &w, NULL), 0);
	assert_string_equal(w->app, "ws-cli"); /* the first workspace member */
	assert_string_equal(w->version, "");   /* channel = "stable" states no version */
	bi_workload_free(w);
	free(dir);

	dir = bi_test_src("tests/fixtures/projects/python-django");
	assert_int_equal(bi_recommend_detect(kb, dir, &w, NULL), 0);
	assert_string_equal(w->version_source, ".tool-versions");
	assert_string_equal(w->python_manifest, "requirements/prod.txt");
	assert_true(bi_strv_has(&w->native, "mysqlclient"));
	bi_workload_free(w);
	free(dir);

	dir = bi_test_src("tests/fixtures/projects/python-setup");
	assert_int_equal(bi_recommend_detect(kb, dir, &w, NULL), 0);
	assert_true(bi_strv_has(&w->native, "shapely")); /* setup.py */
	assert_true(bi_strv_has(&w->native, "pyproj"));	 /* setup.cfg */
	bi_workload_free(w);
	free(dir);

	dir = bi_test_src("tests/fixtures/projects/bad-json");
	assert_int_equal(bi_recommend_detect(kb, dir, &w, NULL), 0);
	assert_int_equal(w->notes.n, 1);
	bi_workload_free(w);
	free(dir);
}

static void test_errors(void **state)
{
	char *dir = bi_test_src("tests/fixtures/projects/empty");
	struct bi_workload *w = NULL;
	struct bi_err *err = NULL;

	assert_int_equal(bi_recommend_detect(kb, dir, &w, &err), BI_ENOTFOUND);
	assert_non_null(strstr(bi_err_msg(err), "no workload detected"));
	bi_err_free(err);
	err = NULL;
	free(dir);
	assert_int_equal(bi_recommend_detect(kb, "/nonexistent/dir", &w, &err), BI_ENOTFOUND);
	bi_err_free(err);
	err = NULL;
	dir = bi_test_src("tests/fixtures/projects/go-static/go.mod");
	assert_int_equal(bi_recommend_detect(kb, dir, &w, &err), BI_EIO);
	assert_non_null(strstr(bi_err_msg(err), "not a directory"));
	bi_err_free(err);
	free(dir);
	assert_null(w);
}

static void test_big_manifest(void **state)
{
	char tmpl[] = "/tmp/bi-rec-XXXXXX";
	char *dir = mkdtemp(tmpl);
	char *p;
	FILE *f;
	struct bi_workload *w = NULL;

	assert_non_null(dir);
	p = bi_xasprintf("%s/requirements.txt", dir);
	f = fopen(p, "w");
	assert_non_null(f);
	for (size_t i = 0; i < BI_MAX_PROJECT_FILE / 8 + 10; i++)
		fputs("numpy\n\n\n", f);
	fclose(f);
	/* too large to read: still Python, its packages unknown, and a note says so */
	assert_int_equal(bi_recommend_detect(kb, dir, &w, NULL), 0);
	assert_int_equal(w->lang, BI_LANG_PYTHON);
	assert_int_equal(w->native.n, 0);
	assert_int_equal(w->notes.n, 1);
	assert_non_null(strstr(w->notes.v[0], "requirements.txt"));
	bi_workload_free(w);
	unlink(p);
	free(p);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decisions),
		cmocka_unit_test(test_workload_details),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_big_manifest),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
