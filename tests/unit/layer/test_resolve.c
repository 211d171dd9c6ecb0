/* SPDX-License-Identifier: MIT */
/* Symlink resolution inside the image root. */
#include "../bi_test.h"
#include "../tarw.h"
#include "layer/layer.h"
#include "util/stream.h"

static struct bi_fs *fs;

static int setup(void **state)
{
	struct tarw t;
	struct bi_istream *in;
	struct bi_lentries *le = NULL;
	struct bi_err *err = NULL;

	tarw_init(&t);
	tarw_add(&t, "usr/bin/busybox", '0', 0755, "bb", NULL);
	tarw_add(&t, "usr/lib/libc.so", '0', 0644, "libc", NULL);
	tarw_add(&t, "bin", '2', 0777, NULL, "usr/bin");
	tarw_add(&t, "lib", '2', 0777, NULL, "/usr/lib");
	tarw_add(&t, "usr/bin/sh", '2', 0777, NULL, "busybox");
	tarw_add(&t, "usr/bin/abs-sh", '2', 0777, NULL, "/bin/sh");
	tarw_add(&t, "usr/bin/up", '2', 0777, NULL, "../../../../../../usr/bin/busybox");
	tarw_add(&t, "escape", '2', 0777, NULL, "../../../../etc/passwd");
	tarw_add(&t, "loop1", '2', 0777, NULL, "loop2");
	tarw_add(&t, "loop2", '2', 0777, NULL, "/loop1");
	tarw_add(&t, "self", '2', 0777, NULL, "self/x");
	tarw_add(&t, "dangling", '2', 0777, NULL, "/nowhere");
	tarw_add(&t, "hard", '1', 0755, NULL, "usr/bin/busybox");
	tarw_add(&t, "dotdot", '2', 0777, NULL, "usr/bin/../lib/libc.so");
	tarw_end(&t);
	in = bi_istream_mem(t.b.buf, t.b.len);
	fs = bi_fs_new();
	assert_int_equal(bi_lentries_from_tar(in, 0, "l", NULL, &le, NULL, &err), 0);
	assert_int_equal(bi_fs_apply(fs, le, &err), 0);
	assert_int_equal(bi_fs_finish(fs, &err), 0);
	bi_istream_free(in);
	bi_buf_release(&t.b);
	return 0;
}

static int teardown(void **state)
{
	bi_fs_free(fs);
	return 0;
}

static void ok(const char *path, const char *want)
{
	const struct bi_fentry *e = NULL;
	struct bi_err *err = NULL;
	int r = bi_fs_resolve(fs, path, &e, &err);

	if (r < 0)
		fail_msg("%s: %s", path, bi_err_msg(err));
	assert_string_equal(e->path, want);
}

static void bad(const char *path, int code)
{
	const struct bi_fentry *e = NULL;
	struct bi_err *err = NULL;

	assert_int_equal(bi_fs_resolve(fs, path, &e, &err), code);
	assert_null(e);
	assert_non_null(err);
	bi_err_free(err);
}

static void test_resolve(void **state)
{
	ok("/bin/sh", "usr/bin/busybox");
	ok("bin/sh", "usr/bin/busybox");
	ok("/usr/bin/abs-sh", "usr/bin/busybox");
	ok("/lib/libc.so", "usr/lib/libc.so");
	ok("/usr/bin/up", "usr/bin/busybox");
	ok("/hard", "usr/bin/busybox");
	ok("/dotdot", "usr/lib/libc.so");
	ok("/", "");
	ok("/../../bin/./busybox", "usr/bin/busybox");
	ok("/bin/", "usr/bin");
	bad("/escape", BI_ENOTFOUND); /* stays inside: /etc/passwd of the image, absent */
	bad("/loop1", BI_ELIMIT);
	bad("/self", BI_ELIMIT);
	bad("/dangling", BI_ENOTFOUND);
	bad("/usr/bin/busybox/x", BI_ENOTFOUND);
	bad("/nope", BI_ENOTFOUND);
	assert_non_null(bi_fs_lookup(fs, "/escape"));
}

static void apply_layer(struct bi_fs *v, int layer, struct tarw *t)
{
	struct bi_istream *in;
	struct bi_lentries *le = NULL;
	struct bi_err *err = NULL;

	tarw_end(t);
	in = bi_istream_mem(t->b.buf, t->b.len);
	assert_int_equal(bi_lentries_from_tar(in, layer, "l", NULL, &le, NULL, &err), 0);
	assert_int_equal(bi_fs_apply(v, le, &err), 0);
	bi_istream_free(in);
	bi_buf_release(&t->b);
}

/*
 * A hard link shares its target's inode: removing or replacing the target
 * path in a later layer leaves the file under the link's name.
 */
static void test_hardlink_outlives_target(void **state)
{
	struct bi_fs *v = bi_fs_new();
	struct bi_err *err = NULL;
	const struct bi_fentry *e = NULL;
	struct tarw t;

	tarw_init(&t);
	tarw_add(&t, "usr/bin/orig", '0', 0755, "original", NULL);
	tarw_add(&t, "usr/bin/hl", '1', 0755, NULL, "usr/bin/orig");
	tarw_add(&t, "usr/bin/hl2", '1', 0755, NULL, "usr/bin/orig");
	tarw_add(&t, "opt/d/f", '0', 0755, "in a folder", NULL);
	tarw_add(&t, "opt/hf", '1', 0755, NULL, "opt/d/f");
	tarw_add(&t, "etc/conf", '0', 0644, "old", NULL);
	tarw_add(&t, "etc/conf-link", '1', 0644, NULL, "etc/conf");
	apply_layer(v, 0, &t);
	tarw_init(&t);
	tarw_add(&t, "usr/bin/.wh.orig", '0', 0644, "", NULL);
	tarw_add(&t, "opt/.wh.d", '0', 0644, "", NULL);
	tarw_add(&t, "etc/conf", '2', 0777, NULL, "/nowhere");
	apply_layer(v, 1, &t);
	assert_int_equal(bi_fs_finish(v, &err), 0);

	assert_null(bi_fs_lookup(v, "usr/bin/orig"));
	assert_int_equal(bi_fs_resolve(v, "/usr/bin/hl", &e, &err), 0);
	assert_int_equal(e->type, BI_F_REG);
	assert_int_equal(e->size, 8);
	assert_int_equal(e->layer, 0);
	assert_int_equal(bi_fs_resolve(v, "/usr/bin/hl2", &e, &err), 0);
	assert_string_equal(e->path, "usr/bin/hl"); /* the same file */
	assert_int_equal(bi_fs_resolve(v, "/opt/hf", &e, &err), 0);
	assert_int_equal(e->size, 11);
	/* replaced by a symlink: the link keeps the old regular file */
	assert_int_equal(bi_fs_resolve(v, "/etc/conf-link", &e, &err), 0);
	assert_int_equal(e->type, BI_F_REG);
	assert_int_equal(e->size, 3);
	bi_fs_free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_hardlink_outlives_target),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
