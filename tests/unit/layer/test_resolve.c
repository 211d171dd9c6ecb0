/* SPDX-License-Identifier: MIT */
/* Symlink resolution inside the image root. */
#include "../bi_test.h"
#include "../tarw.h"
#include "layer/layer.h"
#include "layer/stream.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolve),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
