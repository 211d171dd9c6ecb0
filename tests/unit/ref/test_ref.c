/* SPDX-License-Identifier: MIT */
/*
 * Image references. The vectors are the facts of distribution/reference's
 * reference_test.go and normalize_test.go, read the way Docker reads a FROM
 * line (ParseNormalizedNamed): a name without a registry gets docker.io, and
 * a single component on docker.io gets "library/".
 */
#include "../bi_test.h"

#include "image/ref.h"

#define H64 "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
#define D64 "dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c"

struct good {
	const char *in;
	const char *domain, *path, *tag, *digest;
	const char *familiar; /* NULL: same as in */
};

static const struct good goods[] = {
	{ "test_com", "docker.io", "library/test_com", NULL, NULL, NULL },
	{ "test.com:tag", "docker.io", "library/test.com", "tag", NULL, NULL },
	{ "test.com:5000", "docker.io", "library/test.com", "5000", NULL, NULL },
	{ "test.com/repo:tag", "test.com", "repo", "tag", NULL, NULL },
	{ "test:5000/repo", "test:5000", "repo", NULL, NULL, NULL },
	{ "test:5000/repo:tag", "test:5000", "repo", "tag", NULL, NULL },
	{ "test:5000/repo@sha256:" H64, "test:5000", "repo", NULL, "sha256:" H64, NULL },
	{ "test:5000/repo:tag@sha256:" H64, "test:5000", "repo", "tag", "sha256:" H64, NULL },
	{ "lowercase:Uppercase", "docker.io", "library/lowercase", "Uppercase", NULL, NULL },
	{ "sub-dom1.foo.com/bar/baz/quux", "sub-dom1.foo.com", "bar/baz/quux", NULL, NULL, NULL },
	{ "sub-dom1.foo.com/bar/baz/quux:some-long-tag", "sub-dom1.foo.com", "bar/baz/quux",
	  "some-long-tag", NULL, NULL },
	{ "b.gcr.io/test.example.com/my-app:test.example.com", "b.gcr.io",
	  "test.example.com/my-app", "test.example.com", NULL, NULL },
	{ "xn--n3h.com/myimage:xn--n3h.com", "xn--n3h.com", "myimage", "xn--n3h.com", NULL, NULL },
	{ "xn--7o8h.com/myimage:xn--7o8h.com@sha512:" H64 H64, "xn--7o8h.com", "myimage",
	  "xn--7o8h.com", "sha512:" H64 H64, NULL },
	{ "foo_bar.com:8080", "docker.io", "library/foo_bar.com", "8080", NULL, NULL },
	{ "foo/foo_bar.com:8080", "docker.io", "foo/foo_bar.com", "8080", NULL, NULL },
	{ "192.168.1.1", "docker.io", "library/192.168.1.1", NULL, NULL, NULL },
	{ "192.168.1.1:tag", "docker.io", "library/192.168.1.1", "tag", NULL, NULL },
	{ "192.168.1.1:5000", "docker.io", "library/192.168.1.1", "5000", NULL, NULL },
	{ "192.168.1.1/repo", "192.168.1.1", "repo", NULL, NULL, NULL },
	{ "192.168.1.1:5000/repo", "192.168.1.1:5000", "repo", NULL, NULL, NULL },
	{ "192.168.1.1:5000/repo:5050", "192.168.1.1:5000", "repo", "5050", NULL, NULL },
	{ "[2001:db8::1]/repo", "[2001:db8::1]", "repo", NULL, NULL, NULL },
	{ "[2001:db8:1:2:3:4:5:6]/repo:tag", "[2001:db8:1:2:3:4:5:6]", "repo", "tag", NULL, NULL },
	{ "[2001:db8::1]:5000/repo", "[2001:db8::1]:5000", "repo", NULL, NULL, NULL },
	{ "[2001:db8::1]:5000/repo:tag", "[2001:db8::1]:5000", "repo", "tag", NULL, NULL },
	{ "[2001:db8::1]:5000/repo@sha256:" H64, "[2001:db8::1]:5000", "repo", NULL, "sha256:" H64,
	  NULL },
	{ "[2001:db8::]:5000/repo", "[2001:db8::]:5000", "repo", NULL, NULL, NULL },
	{ "[::1]:5000/repo", "[::1]:5000", "repo", NULL, NULL, NULL },
	/* normalize_test.go */
	{ "docker/docker", "docker.io", "docker/docker", NULL, NULL, NULL },
	{ "library/debian", "docker.io", "library/debian", NULL, NULL, "debian" },
	{ "debian", "docker.io", "library/debian", NULL, NULL, NULL },
	{ "docker.io/docker/docker", "docker.io", "docker/docker", NULL, NULL, "docker/docker" },
	{ "docker.io/library/debian", "docker.io", "library/debian", NULL, NULL, "debian" },
	{ "docker.io/debian", "docker.io", "library/debian", NULL, NULL, "debian" },
	{ "index.docker.io/docker/docker", "docker.io", "docker/docker", NULL, NULL,
	  "docker/docker" },
	{ "index.docker.io/library/debian", "docker.io", "library/debian", NULL, NULL, "debian" },
	{ "index.docker.io/debian", "docker.io", "library/debian", NULL, NULL, "debian" },
	{ "127.0.0.1:5000/docker/docker", "127.0.0.1:5000", "docker/docker", NULL, NULL, NULL },
	{ "127.0.0.1:5000/library/debian", "127.0.0.1:5000", "library/debian", NULL, NULL, NULL },
	{ "127.0.0.1:5000/debian", "127.0.0.1:5000", "debian", NULL, NULL, NULL },
	{ "192.168.0.1:8/debian", "192.168.0.1:8", "debian", NULL, NULL, NULL },
	{ "thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev", "docker.io",
	  "library/thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev", NULL, NULL,
	  NULL },
	{ "[fc00::1]:5000/docker", "[fc00::1]:5000", "docker", NULL, NULL, NULL },
	{ "[fc00:1:2:3:4:5:6:7]:5000/library/debian", "[fc00:1:2:3:4:5:6:7]:5000", "library/debian",
	  NULL, NULL, NULL },
	{ "docker.io/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a", "docker.io",
	  "library/1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a", NULL, NULL,
	  "1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a" },
	{ "Docker/docker", "Docker", "docker", NULL, NULL, NULL },
	{ "DOCKER/docker", "DOCKER", "docker", NULL, NULL, NULL },
	{ "docker-rules/docker", "docker.io", "docker-rules/docker", NULL, NULL, NULL },
	{ "docker---rules/docker", "docker.io", "docker---rules/docker", NULL, NULL, NULL },
	{ "d/docker", "docker.io", "d/docker", NULL, NULL, NULL },
	{ "jess/t", "docker.io", "jess/t", NULL, NULL, NULL },
	{ "dock__er/docker", "docker.io", "dock__er/docker", NULL, NULL, NULL },
	{ "fooo/bar", "docker.io", "fooo/bar", NULL, NULL, NULL },
	{ "library/foo/bar", "docker.io", "library/foo/bar", NULL, NULL, NULL },
	{ "docker.io/library/foo/bar", "docker.io", "library/foo/bar", NULL, NULL,
	  "library/foo/bar" },
	{ "store/foo/bar", "docker.io", "store/foo/bar", NULL, NULL, NULL },
	{ "other/library", "docker.io", "other/library", NULL, NULL, NULL },
	{ "Foo/bar", "Foo", "bar", NULL, NULL, NULL },
	{ "example.com:8000/privatebasee", "example.com:8000", "privatebasee", NULL, NULL, NULL },
	{ "ubuntu-12.04-base", "docker.io", "library/ubuntu-12.04-base", NULL, NULL, NULL },
	{ "localhost/foo", "localhost", "foo", NULL, NULL, NULL },
	{ "localhost:5000/foo/bar:1", "localhost:5000", "foo/bar", "1", NULL, NULL },
	{ "test-com:8080/foo", "test-com:8080", "foo", NULL, NULL, NULL },
	{ "xn--n3h.com:18080/foo", "xn--n3h.com:18080", "foo", NULL, NULL, NULL },
	{ "busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa",
	  "docker.io", "library/busybox", "latest",
	  "sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa", NULL },
	{ "redis@sha256:" D64, "docker.io", "library/redis", NULL, "sha256:" D64, NULL },
	{ "dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9", "docker.io",
	  "library/dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9", NULL, NULL,
	  NULL },
	/* baseimg's own */
	{ "python:3.12-slim-bookworm", "docker.io", "library/python", "3.12-slim-bookworm", NULL,
	  NULL },
	{ "gcr.io/distroless/static-debian12:nonroot", "gcr.io", "distroless/static-debian12",
	  "nonroot", NULL, NULL },
	{ "cgr.dev/chainguard/go:latest-dev", "cgr.dev", "chainguard/go", "latest-dev", NULL,
	  NULL },
	{ "a:_tag", "docker.io", "library/a", "_tag", NULL, NULL },
};

struct bad {
	const char *in;
	const char *msg; /* a substring of the message */
};

static const struct bad bads[] = {
	{ "", "empty" },
	{ ":justtag", "empty" },
	{ "@sha256:" H64, "empty" },
	{ "repo@sha256:ffffffffffffffffffffffffffffffffff", "invalid digest length" },
	{ "validname@invaliddigest:" H64, "unsupported digest algorithm" },
	{ "repo@sha256:FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
	  "lowercase" },
	{ "repo@sha256:" H64 "ff", "invalid digest length" },
	{ "repo@sha256", "invalid digest" },
	{ "repo@", "invalid digest" },
	{ "Uppercase:tag", "must be lowercase" },
	{ "test:5000/Uppercase/lowercase:tag", "must be lowercase" },
	{ "docker/Docker", "must be lowercase" },
	{ "docker.io/docker/Docker", "must be lowercase" },
	{ "aa/asdf$$^/aa", "invalid repository name component" },
	{ "[2001:db8::1]", "invalid" },
	{ "[2001:db8::1]:5000", "invalid" },
	{ "[2001:db8::1]:tag", "invalid" },
	{ "[fe80::1%eth0]:5000/repo", "invalid registry host" },
	{ "[fe80::1%@invalidzone]:5000/repo", "invalid" },
	{ "https://github.com/docker/docker", "invalid registry host" },
	{ "-docker", "invalid repository name component" },
	{ "-docker/docker", "invalid repository name component" },
	{ "-docker.io/docker/docker", "invalid registry host" },
	{ "docker///docker", "empty path component" },
	{ "docker.io/docker///docker", "empty path component" },
	{ "[fc00::1]", "invalid" },
	{ "[fc00::1]:5000", "invalid" },
	{ "fc00::1:5000/debian", "invalid registry host" },
	{ "[2001:db8:3:4::192.0.2.33]:5000/debian", "invalid registry host" },
	{ "1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a", "hexadecimal" },
	{ "docker-/docker", "invalid repository name component" },
	{ "-docker-/docker", "invalid repository name component" },
	{ "____/____", "invalid repository name component" },
	{ "_docker/_docker", "invalid repository name component" },
	{ "dock..er/docker", "invalid registry host" },
	{ "dock..er/docker", "invalid registry host" },
	{ "dock..er/docker", "invalid registry host" },
	{ "docker/", "ends with '/'" },
	{ "this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_"
	  "valid_namespace_because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_"
	  "because_its_lenth_is_greater_than_255_this_is_not_a_valid_namespace_because_its_lenth_"
	  "is_greater_than_255/docker",
	  "longer than 255" },
	{ "python:-bad", "invalid tag" },
	{ "python:.bad", "invalid tag" },
	{ "python:bad/tag", "invalid" },
	{ "python: 3", "whitespace" },
	{ "python:3\n", "whitespace" },
	{ "python:", "invalid tag" },
	{ "python:3.12:x", "invalid tag" },
};

static void test_good(void **state)
{
	for (size_t i = 0; i < BI_ARRAY_SIZE(goods); i++) {
		const struct good *g = &goods[i];
		struct bi_ref *r = NULL;
		struct bi_err *err = NULL;
		char *fam, *norm, *want;

		if (bi_ref_parse(g->in, &r, &err) < 0)
			fail_msg("%s: %s", g->in, bi_err_msg(err));
		assert_string_equal(r->domain, g->domain);
		assert_string_equal(r->path, g->path);
		if (g->tag)
			assert_string_equal(r->tag, g->tag);
		else
			assert_null(r->tag);
		if (g->digest)
			assert_string_equal(r->digest, g->digest);
		else
			assert_null(r->digest);
		fam = bi_ref_familiar(r);
		assert_string_equal(fam, g->familiar ? g->familiar : g->in);
		/* the normalized form parses back to itself */
		norm = bi_ref_normalized(r);
		want = bi_xasprintf("%s/%s%s%s%s%s", g->domain, g->path, g->tag ? ":" : "",
				    g->tag ? g->tag : "", g->digest ? "@" : "",
				    g->digest ? g->digest : "");
		assert_string_equal(norm, want);
		free(fam);
		free(norm);
		free(want);
		bi_ref_free(r);
	}
}

static void test_bad(void **state)
{
	for (size_t i = 0; i < BI_ARRAY_SIZE(bads); i++) {
		struct bi_ref *r = NULL;
		struct bi_err *err = NULL;
		int rc = bi_ref_parse(bads[i].in, &r, &err);

		if (rc >= 0)
			fail_msg("accepted \"%s\"", bads[i].in);
		assert_int_equal(rc, BI_EFORMAT);
		assert_null(r);
		if (!strstr(bi_err_msg(err), bads[i].msg))
			fail_msg("\"%s\": message \"%s\" lacks \"%s\"", bads[i].in, bi_err_msg(err),
				 bads[i].msg);
		assert_null(strchr(bi_err_msg(err), '\n'));
		bi_err_free(err);
	}
}

static void test_lengths(void **state)
{
	struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct bi_ref *r = NULL;
	struct bi_err *err = NULL;

	/* 255 characters of name in total, domain included */
	bi_buf_adds(&b, "example.com/");
	while (b.len < 255)
		bi_buf_adds(&b, "a");
	assert_int_equal(bi_ref_parse(b.buf, &r, &err), 0);
	bi_ref_free(r);
	r = NULL;
	bi_buf_adds(&b, "a");
	assert_int_equal(bi_ref_parse(b.buf, &r, &err), BI_EFORMAT);
	assert_non_null(strstr(bi_err_msg(err), "longer than 255"));
	bi_err_free(err);
	err = NULL;
	/* a 128-character tag is fine, 129 is not */
	bi_buf_reset(&b);
	bi_buf_adds(&b, "a:");
	for (int i = 0; i < 128; i++)
		bi_buf_addch(&b, 't');
	assert_int_equal(bi_ref_parse(b.buf, &r, &err), 0);
	bi_ref_free(r);
	r = NULL;
	bi_buf_addch(&b, 't');
	assert_int_equal(bi_ref_parse(b.buf, &r, &err), BI_EFORMAT);
	bi_err_free(err);
	err = NULL;
	/* the whole string is capped */
	bi_buf_reset(&b);
	while (b.len <= BI_MAX_REFERENCE)
		bi_buf_adds(&b, "aaaaaaaa");
	assert_int_equal(bi_ref_parse(b.buf, &r, &err), BI_ELIMIT);
	bi_err_free(err);
	bi_buf_release(&b);
}

static void test_familiar_forms(void **state)
{
	static const char *const cases[][3] = {
		/* input, familiar name, normalized */
		{ "python:3.12", "python", "docker.io/library/python:3.12" },
		{ "docker.io/library/python:3.12", "python", "docker.io/library/python:3.12" },
		{ "index.docker.io/library/node", "node", "docker.io/library/node" },
		{ "bitnami/redis:7", "bitnami/redis", "docker.io/bitnami/redis:7" },
		{ "gcr.io/distroless/static:nonroot", "gcr.io/distroless/static",
		  "gcr.io/distroless/static:nonroot" },
		{ "localhost:5000/app@sha256:" D64, "localhost:5000/app",
		  "localhost:5000/app@sha256:" D64 },
	};
	for (size_t i = 0; i < BI_ARRAY_SIZE(cases); i++) {
		struct bi_ref *r = NULL;
		char *n, *f;

		assert_int_equal(bi_ref_parse(cases[i][0], &r, NULL), 0);
		n = bi_ref_familiar_name(r);
		f = bi_ref_normalized(r);
		assert_string_equal(n, cases[i][1]);
		assert_string_equal(f, cases[i][2]);
		free(n);
		free(f);
		bi_ref_free(r);
	}
}

static void test_official(void **state)
{
	struct bi_ref *r = NULL;

	assert_int_equal(bi_ref_parse("python", &r, NULL), 0);
	assert_true(bi_ref_is_official(r));
	assert_true(r->domain_implicit);
	bi_ref_free(r);
	assert_int_equal(bi_ref_parse("docker.io/library/python", &r, NULL), 0);
	assert_true(bi_ref_is_official(r));
	assert_false(r->domain_implicit);
	bi_ref_free(r);
	assert_int_equal(bi_ref_parse("library/foo/bar", &r, NULL), 0);
	assert_false(bi_ref_is_official(r));
	bi_ref_free(r);
	assert_int_equal(bi_ref_parse("quay.io/python", &r, NULL), 0);
	assert_false(bi_ref_is_official(r));
	bi_ref_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),	 cmocka_unit_test(test_bad),
		cmocka_unit_test(test_lengths),	 cmocka_unit_test(test_familiar_forms),
		cmocka_unit_test(test_official),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
