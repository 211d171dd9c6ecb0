/* SPDX-License-Identifier: MIT */
/* dir: sources and bare folders. */
#include "../bi_test.h"
#include "image/image.h"

static char root[] = "/tmp/bi-dir-XXXXXX";

static void put(const char *rel, const char *data)
{
	char *p = bi_xasprintf("%s/%s", root, rel);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(data, f);
	fclose(f);
	free(p);
}

static int setup(void **state)
{
	char *cmd;
	int r;

	if (!mkdtemp(root))
		return -1;
	cmd = bi_xasprintf(
		"cd %s && mkdir -p rootfs/etc rootfs/usr/bin rootfs/lib && "
		"ln -s busybox rootfs/usr/bin/sh && ln -s /../../../../etc/shadow rootfs/evil && "
		"ln -s usr/bin rootfs/bin && mkdir outside && echo secret > outside/s && "
		"ln -s ../outside rootfs/lib/out",
		root);
	r = system(cmd);
	free(cmd);
	put("rootfs/etc/os-release", "ID=test\n");
	put("rootfs/usr/bin/busybox", "bb");
	return r;
}

static int teardown(void **state)
{
	char *cmd = bi_xasprintf("rm -rf %s", root);
	int r = system(cmd);
	free(cmd);
	return r;
}

static void test_dir(void **state)
{
	struct bi_image **imgs = NULL;
	size_t n = 0;
	struct bi_err *err = NULL;
	char *spec = bi_xasprintf("dir:%s/rootfs", root);
	const struct bi_fentry *e;

	assert_int_equal(bi_image_open(spec, NULL, &imgs, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(imgs[0]->transport, "dir");
	assert_int_equal(imgs[0]->nlayers, 1);
	e = bi_fs_lookup(imgs[0]->fs, "etc/os-release");
	assert_non_null(e);
	assert_true(bi_span_eq_str(e->content, "ID=test\n"));
	assert_int_equal(bi_fs_resolve(imgs[0]->fs, "/bin/sh", &e, &err), 0);
	assert_string_equal(e->path, "usr/bin/busybox");
	/* Symlinks out of the folder are never followed on the host. */
	assert_int_equal(bi_fs_resolve(imgs[0]->fs, "/evil", &e, &err), BI_ENOTFOUND);
	bi_err_freep(&err);
	assert_int_equal(bi_fs_resolve(imgs[0]->fs, "/lib/out/s", &e, &err), BI_ENOTFOUND);
	bi_err_freep(&err);
	assert_null(bi_fs_lookup(imgs[0]->fs, "lib/out/s"));
	bi_image_list_free(imgs, n);
	free(spec);

	/* A bare folder without oci-layout is a dir: source. */
	spec = bi_xasprintf("%s/rootfs", root);
	assert_int_equal(bi_image_open(spec, NULL, &imgs, &n, &err), 0);
	assert_string_equal(imgs[0]->transport, "dir");
	bi_image_list_free(imgs, n);
	free(spec);

	spec = bi_xasprintf("dir:%s/missing", root);
	assert_int_equal(bi_image_open(spec, NULL, &imgs, &n, &err), BI_ENOTFOUND);
	bi_err_freep(&err);
	free(spec);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dir),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
