/* SPDX-License-Identifier: MIT */
/* Every source kind, platform selection and each hostile fixture's error. */
#include "../bi_test.h"
#include "image/image_int.h"
#include "fixtures.h"

static struct bi_image *one(const char *prefix, const char *rel, const struct bi_image_opts *o)
{
	struct bi_image **imgs = NULL;
	struct bi_image *img;
	struct bi_err *err = NULL;
	size_t n = 0;
	int r = open_fix(prefix, rel, o, &imgs, &n, &err);

	if (r < 0)
		fail_msg("%s%s: %s", prefix, rel, bi_err_msg(err));
	assert_int_equal(n, 1);
	img = imgs[0];
	free(imgs);
	return img;
}

static void bad(const char *prefix, const char *rel, int code, const char *msg_has)
{
	struct bi_image **imgs = NULL;
	struct bi_err *err = NULL;
	size_t n = 0;
	int r = open_fix(prefix, rel, NULL, &imgs, &n, &err);

	if (r != code)
		fail_msg("%s%s: got %d (%s), want %d", prefix, rel, r, bi_err_msg(err), code);
	assert_null(imgs);
	if (msg_has && !strstr(bi_err_msg(err), msg_has))
		fail_msg("%s: message \"%s\" lacks \"%s\"", rel, bi_err_msg(err), msg_has);
	bi_err_free(err);
}

static void test_oci(void **state)
{
	struct bi_image *img = one("oci:", "oci/alpine", NULL);
	const struct bi_fentry *e;
	struct bi_err *err = NULL;

	assert_string_equal(img->transport, "oci");
	assert_string_equal(img->platform, "linux/amd64");
	assert_non_null(img->digest);
	assert_int_equal(img->nlayers, 1);
	assert_string_equal(img->layers[0].media_type,
			    "application/vnd.oci.image.layer.v1.tar+gzip");
	assert_true(img->layers[0].compressed > 0);
	assert_true(img->layers[0].uncompressed > img->layers[0].compressed);
	assert_string_equal(img->layers[0].created_by, "fixture layer 0");
	assert_int_equal(img->config.ncmd, 1);
	assert_string_equal(img->config.cmd[0], "/bin/sh");
	assert_null(img->config.entrypoint);
	assert_string_equal(bi_image_env(img, "PATH"),
			    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
	e = bi_fs_lookup(img->fs, "lib/apk/db/installed");
	assert_non_null(e);
	assert_non_null(e->content.ptr);
	assert_int_equal(bi_fs_resolve(img->fs, "/bin/sh", &e, &err), 0);
	assert_string_equal(e->path, "bin/busybox");
	bi_image_free(img);

	/* The same image by other names. */
	img = one("oci:", "oci/alpine:latest", NULL);
	bi_image_free(img);
	img = one("", "oci/alpine", NULL);
	assert_string_equal(img->transport, "oci");
	bi_image_free(img);
	img = one("oci:", "oci/alpine-zstd", NULL);
	assert_string_equal(img->layers[0].media_type,
			    "application/vnd.oci.image.layer.v1.tar+zstd");
	assert_non_null(bi_fs_lookup(img->fs, "etc/alpine-release"));
	bi_image_free(img);
	bad("oci:", "oci/alpine:nope", BI_ENOTFOUND, "no image tagged");
	bad("oci:", "oci/nowhere", BI_ENOTFOUND, NULL);
	bad("oci-archive:", "oci/alpine", BI_EFORMAT, "not an archive");
}

static void test_archives(void **state)
{
	struct bi_image *img = one("oci-archive:", "oci-archive/alpine.tar", NULL);
	struct bi_image *ref = one("oci:", "oci/alpine", NULL);

	assert_string_equal(img->transport, "oci-archive");
	assert_string_equal(img->digest, ref->digest);
	assert_int_equal(bi_fs_count(img->fs), bi_fs_count(ref->fs));
	bi_image_free(img);
	img = one("", "oci-archive/alpine.tar", NULL);
	assert_string_equal(img->transport, "oci-archive");
	bi_image_free(img);

	img = one("docker-archive:", "docker-archive/alpine.tar", NULL);
	assert_string_equal(img->transport, "docker-archive");
	assert_null(img->digest);
	assert_string_equal(img->layers[0].diff_id, ref->layers[0].diff_id);
	assert_string_equal(img->layers[0].media_type,
			    "application/vnd.docker.image.rootfs.diff.tar");
	assert_int_equal(bi_fs_count(img->fs), bi_fs_count(ref->fs));
	bi_image_free(img);
	img = one("docker-archive:", "docker-archive/alpine.tar:fixture/alpine:3.20", NULL);
	bi_image_free(img);
	img = one("docker-archive:", "docker-archive/alpine.tar:fixture/alpine", NULL);
	bi_image_free(img);
	img = one("docker-archive:", "docker-archive/alpine.tar:@0", NULL);
	bi_image_free(img);
	img = one("", "docker-archive/alpine.tar", NULL);
	assert_string_equal(img->transport, "docker-archive");
	bi_image_free(img);
	bad("docker-archive:", "docker-archive/alpine.tar:other", BI_ENOTFOUND,
	    "fixture/alpine:3.20");
	bad("docker-archive:", "oci-archive/alpine.tar", BI_EFORMAT, "manifest.json");
	bi_image_free(ref);
}

static void test_stdin(void **state)
{
	char *p = bi_xasprintf("%s/docker-archive/alpine.tar", fixdir);
	int fd = open(p, O_RDONLY), saved = dup(0);
	struct bi_image **imgs = NULL;
	struct bi_err *err = NULL;
	size_t n = 0;

	assert_true(fd >= 0);
	dup2(fd, 0);
	assert_int_equal(bi_image_open("-", NULL, &imgs, &n, &err), 0);
	dup2(saved, 0);
	close(fd);
	close(saved);
	assert_string_equal(imgs[0]->transport, "docker-archive");
	assert_non_null(bi_fs_lookup(imgs[0]->fs, "etc/os-release"));
	bi_image_list_free(imgs, n);
	free(p);
}

static void test_platforms(void **state)
{
	struct bi_image_opts o = { 0 };
	struct bi_image **imgs = NULL;
	struct bi_err *err = NULL;
	struct bi_image *img;
	size_t n = 0;

	img = one("oci:", "oci/multiarch", NULL);
	assert_string_equal(img->platform, "linux/amd64");
	bi_image_free(img);
	o.platform = "linux/arm64";
	img = one("oci:", "oci/multiarch", &o);
	assert_string_equal(img->platform, "linux/arm64");
	bi_image_free(img);
	o.platform = "linux/arm64/v8";
	img = one("oci:", "oci/multiarch", &o);
	bi_image_free(img);
	o.platform = "linux/s390x";
	assert_int_equal(open_fix("oci:", "oci/multiarch", &o, &imgs, &n, &err), BI_ENOTFOUND);
	assert_non_null(strstr(bi_err_msg(err), "linux/arm64/v8"));
	bi_err_freep(&err);
	o.platform = "bogus";
	assert_int_equal(open_fix("oci:", "oci/multiarch", &o, &imgs, &n, &err), BI_EUSAGE);
	bi_err_freep(&err);
	/* A single-platform image and an explicit other platform. */
	o.platform = "linux/arm64";
	assert_int_equal(open_fix("oci:", "oci/alpine", &o, &imgs, &n, &err), BI_ENOTFOUND);
	bi_err_freep(&err);
	o.platform = NULL;
	o.all_platforms = true;
	assert_int_equal(open_fix("oci:", "oci/multiarch", &o, &imgs, &n, &err), 0);
	assert_int_equal(n, 2); /* unknown/unknown attestations are skipped */
	bi_image_list_free(imgs, n);
}

static void test_layers(void **state)
{
	struct bi_image *img = one("oci:", "oci/layered", NULL);
	const struct bi_fentry *e;

	assert_int_equal(img->nlayers, 3);
	e = bi_fs_lookup(img->fs, "etc/motd");
	assert_non_null(e);
	assert_int_equal(e->layer, 2);
	assert_null(bi_fs_lookup(img->fs, "var/cache/big"));
	assert_null(bi_fs_lookup(img->fs, "var/cache"));
	assert_null(bi_fs_lookup(img->fs, "opt/app/old.txt"));
	assert_int_equal(bi_fs_lookup(img->fs, "opt/app/new.txt")->layer, 1);
	assert_null(bi_fs_lookup(img->fs, "lib/mods/m1"));
	assert_int_equal(bi_fs_lookup(img->fs, "lib/mods")->type, BI_F_SYMLINK);
	assert_int_equal(bi_fs_lookup(img->fs, "etc/os-release")->layer, 0);
	bi_image_free(img);

	img = one("oci:", "oci/many-files", NULL);
	assert_int_equal(bi_fs_count(img->fs), 200000);
	assert_int_equal(img->layers[0].files, 200000);
	bi_image_free(img);

	img = one("oci:", "oci/distroless", NULL);
	assert_int_equal(img->nlayers, 3);
	assert_string_equal(img->config.user, "65532");
	assert_non_null(bi_fs_lookup(img->fs, "var/lib/dpkg/status.d/libc6")->content.ptr);
	assert_null(bi_fs_lookup(img->fs, "bin/sh"));
	bi_image_free(img);
}

static void test_hostile(void **state)
{
	struct bi_image *img;
	const struct bi_fentry *e = NULL;
	struct bi_err *err = NULL;

	bad("", "hostile/flipped-byte", BI_EDIGEST, "content has digest");
	bad("", "hostile/wrong-diffid", BI_EDIGEST, "diff_id");
	bad("", "hostile/truncated-gzip", BI_EFORMAT, "ends early");
	bad("", "hostile/dotdot", BI_EFORMAT, "climbs out");
	bad("", "hostile/bomb-zstd", BI_ELIMIT, "BI_MAX_COMPRESSION_RATIO");
	bad("", "hostile/bomb-gzip", BI_ELIMIT, "BI_MAX_COMPRESSION_RATIO");
	bad("", "hostile/bad-json", BI_EFORMAT, "manifest");
	bad("", "hostile/bad-mediatype", BI_EUNSUPPORTED, "tar+lz4");
	bad("", "hostile/missing-blob", BI_ENOTFOUND, "missing");
	bad("", "hostile/big-dotdot", BI_EFORMAT, "climbs out");
	bad("", "hostile/big-flipped", BI_EDIGEST, "content has digest");

	img = one("", "hostile/abspath", NULL);
	assert_int_equal(img->nwarnings, 2);
	assert_non_null(bi_fs_lookup(img->fs, "etc/abs"));
	assert_non_null(bi_fs_lookup(img->fs, "usr/bin/tool"));
	bi_image_free(img);

	img = one("", "hostile/symlink-escape", NULL);
	assert_int_equal(bi_fs_resolve(img->fs, "/escape", &e, &err), BI_ENOTFOUND);
	bi_err_freep(&err);
	assert_int_equal(bi_fs_resolve(img->fs, "/loop", &e, &err), BI_ELIMIT);
	bi_err_freep(&err);
	assert_int_equal(bi_fs_resolve(img->fs, "/etc/passwd", &e, &err), BI_ELIMIT);
	bi_err_freep(&err);
	bi_image_free(img);

	img = one("", "hostile/sha512", NULL);
	assert_non_null(strstr(img->layers[0].digest, "sha512:"));
	bi_image_free(img);
}

/*
 * A network-like source: another source's blobs, handed out as streams that
 * cannot be re-read (not BI_SOURCE_LOCAL), so digests are checked inline as
 * a registry's are. It counts the verified() verdicts a cache would act on.
 */
struct stream_src {
	struct bi_source s;
	struct bi_source *inner;
	int ok, bad;
};

static int ss_resolve(struct bi_source *s, const char *ref, struct bi_descriptor **ret,
		      size_t *ret_n, struct bi_err **err)
{
	return bi_source_resolve(((struct stream_src *)s)->inner, ref, ret, ret_n, err);
}

static int ss_fetch(struct bi_source *s, const struct bi_descriptor *d, struct bi_istream **ret,
		    int64_t *ret_size, struct bi_err **err)
{
	struct stream_src *ss = (struct stream_src *)s;
	int r = ss->inner->ops->fetch(ss->inner, d, ret, ret_size, err);

	*ret_size = -1; /* a chunked reply: the size is not known ahead */
	return r;
}

static void ss_verified(struct bi_source *s, const struct bi_descriptor *d, bool ok)
{
	struct stream_src *ss = (struct stream_src *)s;

	assert_non_null(d->digest);
	if (ok)
		ss->ok++;
	else
		ss->bad++;
}

static void ss_free(struct bi_source *s)
{
	struct stream_src *ss = (struct stream_src *)s;

	bi_source_free(ss->inner);
	bi_source_release(s);
	free(ss);
}

static const struct bi_source_ops ss_ops = { ss_resolve, ss_fetch, ss_verified, ss_free };

static int open_streaming(const char *rel, struct stream_src **ret_ss, struct bi_image ***imgs,
			  size_t *n, struct bi_err **err)
{
	char *path = bi_xasprintf("%s/%s", fixdir, rel);
	struct stream_src *ss = bi_xcalloc(1, sizeof(*ss));
	struct bi_tree *t = NULL;
	int r;

	assert_int_equal(bi_tree_dir_open(path, &t, NULL), 0);
	assert_int_equal(bi_layout_source_new(t, "oci", &ss->inner, NULL), 0);
	bi_source_init(&ss->s, &ss_ops, path, "test-stream", 0);
	r = bi_source_images(&ss->s, path, NULL, NULL, imgs, n, err);
	free(path);
	*ret_ss = ss;
	return r;
}

static void test_streaming_source(void **state)
{
	static const char *const corrupt[] = { "hostile/flipped-byte", "hostile/big-flipped" };
	struct stream_src *ss = NULL;
	struct bi_image **imgs = NULL;
	struct bi_err *err = NULL;
	size_t n = 0;

	assert_int_equal(open_streaming("oci/layered", &ss, &imgs, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(imgs[0]->transport, "test-stream");
	assert_true(imgs[0]->nlayers > 1);
	/* index (when nested), manifest, config and every layer: each verified once, ok */
	assert_true(ss->ok >= 2 + (int)imgs[0]->nlayers);
	assert_int_equal(ss->bad, 0);
	bi_image_list_free(imgs, n);
	bi_source_free(&ss->s);

	for (size_t i = 0; i < BI_ARRAY_SIZE(corrupt); i++) {
		imgs = NULL;
		assert_int_equal(open_streaming(corrupt[i], &ss, &imgs, &n, &err), BI_EDIGEST);
		if (!strstr(bi_err_msg(err), "content has digest"))
			fail_msg("%s: %s", corrupt[i], bi_err_msg(err));
		assert_null(imgs);
		assert_true(ss->bad >= 1);
		bi_err_freep(&err);
		bi_source_free(&ss->s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oci),
		cmocka_unit_test(test_archives),
		cmocka_unit_test(test_stdin),
		cmocka_unit_test(test_platforms),
		cmocka_unit_test(test_layers),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_streaming_source),
	};
	return cmocka_run_group_tests(tests, fixtures_setup, fixtures_teardown);
}
