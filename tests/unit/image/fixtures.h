/* SPDX-License-Identifier: MIT */
#ifndef BI_TEST_IMAGE_FIXTURES_H
#define BI_TEST_IMAGE_FIXTURES_H

/* The fixture images of scripts/mkfixtures.sh, built once under $BI_BUILDDIR/fixtures. */
static char *fixdir;

static inline int fixtures_setup(void **state)
{
	const char *b = getenv("BI_BUILDDIR");
	char *src = bi_test_src("scripts/mkfixtures.sh");
	char *cmd;
	int r;

	fixdir = bi_xasprintf("%s/fixtures", b ? b : "build");
	cmd = bi_xasprintf("%s %s >/dev/null", src, fixdir);
	r = system(cmd);
	free(cmd);
	free(src);
	return r == 0 ? 0 : -1;
}

static inline int fixtures_teardown(void **state)
{
	free(fixdir);
	return 0;
}

/* Open "PREFIX" + fixdir + "/" + rel; returns the code. */
static inline int open_fix(const char *prefix, const char *rel, const struct bi_image_opts *o,
			   struct bi_image ***imgs, size_t *n, struct bi_err **err)
{
	char *spec = bi_xasprintf("%s%s/%s", prefix, fixdir, rel);
	int r = bi_image_open(spec, o, imgs, n, err);
	free(spec);
	return r;
}

#endif
