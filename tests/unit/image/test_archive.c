/* SPDX-License-Identifier: MIT */
/* The outer tar index of archive sources: names, links, truncation, junk. */
#include <sys/mman.h>

#include "../bi_test.h"
#include "../tarw.h"
#include "image/image_int.h"

static struct bi_tree *open_mem(struct tarw *t, int *ret_code, struct bi_err **err)
{
	struct bi_tree *src = NULL;
	int fd = memfd_create("t", MFD_CLOEXEC);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, t->b.buf, t->b.len), (ssize_t)t->b.len);
	*ret_code = bi_tree_archive_open_fd(fd, "t.tar", &src, err);
	return src;
}

static void read_member(struct bi_tree *src, const char *name, const char *want)
{
	struct bi_buf b = BI_BUF_INIT(BI_MiB);
	struct bi_err *err = NULL;

	if (bi_tree_read(src, name, name, BI_MiB, &b, &err) < 0)
		fail_msg("%s: %s", name, bi_err_msg(err));
	assert_string_equal(b.buf, want);
	bi_buf_release(&b);
}

static void test_index(void **state)
{
	struct tarw t;
	struct bi_err *err = NULL;
	struct bi_tree *src;
	char longname[200];
	int r;

	memset(longname, 'n', sizeof(longname));
	memcpy(longname, "dir/", 4);
	longname[150] = '\0';
	tarw_init(&t);
	tarw_add(&t, "./manifest.json", '0', 0644, "[]", NULL);
	tarw_add(&t, "abc/", '5', 0755, NULL, NULL);
	tarw_add(&t, "abc/layer.tar", '0', 0644, "layer-bytes", NULL);
	tarw_add(&t, "def/layer.tar", '2', 0777, NULL, "../abc/layer.tar");
	tarw_add(&t, "ghi/layer.tar", '1', 0644, NULL, "abc/layer.tar");
	tarw_add(&t, longname, '0', 0644, "pax-long", NULL);
	tarw_gnu_longname(
		&t,
		"gnu/looooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooong",
		"gnu-long");
	tarw_add(&t, "loop/a", '2', 0777, NULL, "b");
	tarw_add(&t, "loop/b", '2', 0777, NULL, "a");
	tarw_end(&t);
	src = open_mem(&t, &r, &err);
	assert_int_equal(r, 0);
	read_member(src, "manifest.json", "[]");
	read_member(src, "def/layer.tar", "layer-bytes");
	read_member(src, "ghi/layer.tar", "layer-bytes");
	read_member(src, longname, "pax-long");
	read_member(
		src,
		"gnu/looooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooooong",
		"gnu-long");
	assert_true(bi_tree_exists(src, "abc/layer.tar"));
	assert_false(bi_tree_exists(src, "abc"));
	{
		struct bi_buf b = BI_BUF_INIT(BI_MiB);
		assert_int_equal(bi_tree_read(src, "loop/a", "x", BI_MiB, &b, &err), BI_ENOTFOUND);
		bi_err_freep(&err);
		assert_int_equal(bi_tree_read(src, "abc/layer.tar", "x", 4, &b, &err), BI_ELIMIT);
		bi_err_freep(&err);
		bi_buf_release(&b);
	}
	bi_tree_free(src);

	/* Truncated inside a member: the index reads, the member read fails. */
	bi_buf_setlen(&t.b, 512 * 5 + 100);
	src = open_mem(&t, &r, &err);
	if (r == 0) {
		struct bi_buf b = BI_BUF_INIT(BI_MiB);
		assert_true(bi_tree_read(src, "abc/layer.tar", "x", BI_MiB, &b, &err) < 0);
		bi_err_freep(&err);
		bi_buf_release(&b);
		bi_tree_free(src);
	} else {
		assert_int_equal(r, BI_EFORMAT);
		bi_err_freep(&err);
	}
	bi_buf_release(&t.b);

	/* Not a tar. */
	tarw_init(&t);
	bi_buf_addf(&t.b, "%0600d", 7);
	src = open_mem(&t, &r, &err);
	assert_int_equal(r, BI_EFORMAT);
	assert_non_null(strstr(bi_err_msg(err), "not a tar archive"));
	bi_err_freep(&err);
	bi_buf_release(&t.b);

	/* Empty. */
	tarw_init(&t);
	src = open_mem(&t, &r, &err);
	assert_int_equal(r, BI_EFORMAT);
	bi_err_freep(&err);
	bi_buf_release(&t.b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
