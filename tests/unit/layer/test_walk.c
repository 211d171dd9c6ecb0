/* SPDX-License-Identifier: MIT */
/* Tar walking, whiteouts and the merged view. */
#include "../bi_test.h"
#include "../tarw.h"
#include "layer/layer.h"
#include "util/stream.h"

static int apply_tar(struct bi_fs *fs, struct tarw *t, int layer, struct bi_err **err)
{
	struct bi_istream *in = bi_istream_mem(t->b.buf, t->b.len);
	struct bi_lentries *le = NULL;
	uint64_t n = 0;
	int r = bi_lentries_from_tar(in, layer, "layer", NULL, &le, &n, err);

	bi_istream_free(in);
	if (r < 0)
		return r;
	return bi_fs_apply(fs, le, err);
}

static const struct bi_fentry *must(const struct bi_fs *fs, const char *p)
{
	const struct bi_fentry *e = bi_fs_lookup(fs, p);
	if (!e)
		fail_msg("missing %s", p);
	return e;
}

static void test_basic(void **state)
{
	struct tarw t;
	struct bi_fs *fs = bi_fs_new();
	struct bi_err *err = NULL;
	const struct bi_fentry *e;
	char longname[300];

	tarw_init(&t);
	tarw_add(&t, "./", '5', 0755, NULL, NULL);
	tarw_add(&t, "./etc/", '5', 0755, NULL, NULL);
	tarw_add(&t, "./etc/os-release", '0', 0644, "ID=alpine\nVERSION_ID=3.20.3\n", NULL);
	tarw_add(&t, "./etc/hostname", '0', 0644, "box\n", NULL);
	tarw_add(&t, "bin/busybox", '0', 0755, "not really elf", NULL);
	tarw_add(&t, "bin/sh", '2', 0777, NULL, "/bin/busybox");
	tarw_add(&t, "bin/ash", '1', 0755, NULL, "bin/busybox");
	memset(longname, 'a', sizeof(longname));
	memcpy(longname, "usr/share/", 10);
	longname[250] = '\0';
	tarw_add(&t, longname, '0', 0644, "long", NULL);
	tarw_gnu_longname(&t,
			  "usr/lib/gnu-long-name-that-is-definitely-longer-than-one-hundred-bytes-"
			  "in-total-to-exercise-the-L-records.txt",
			  "x");
	tarw_add(&t, "dev/null", '3', 0666, NULL, NULL);
	tarw_add(&t, "etc/hostname", '0', 0600, "again\n", NULL); /* duplicate: last wins */
	tarw_pax(&t, "path", "usr/share/caf\xc3\xa9-\xff.txt");	  /* UTF-8 and a stray byte */
	tarw_header(&t, "usr/share/cafe.txt", '0', 0644, 0, NULL);
	tarw_end(&t);
	assert_int_equal(apply_tar(fs, &t, 0, &err), 0);
	assert_int_equal(bi_fs_finish(fs, &err), 0);

	e = must(fs, "etc/os-release");
	assert_int_equal(e->type, BI_F_REG);
	assert_non_null(e->content.ptr);
	assert_true(bi_span_eq_str(e->content, "ID=alpine\nVERSION_ID=3.20.3\n"));
	assert_null(must(fs, "etc/hostname")->content.ptr);
	assert_int_equal(must(fs, "etc/hostname")->mode, 0600);
	assert_int_equal(must(fs, "etc/hostname")->size, 6);
	e = must(fs, "bin/sh");
	assert_int_equal(e->type, BI_F_SYMLINK);
	assert_string_equal(e->link, "/bin/busybox");
	e = must(fs, "bin/ash");
	assert_int_equal(e->type, BI_F_HARDLINK);
	assert_string_equal(e->link, "bin/busybox");
	assert_int_equal(must(fs, longname)->size, 4);
	must(fs, "usr/lib/gnu-long-name-that-is-definitely-longer-than-one-hundred-bytes-in-total-"
		 "to-exercise-the-L-records.txt");
	assert_int_equal(must(fs, "dev/null")->type, BI_F_CHAR);
	must(fs, "usr/share/caf\xc3\xa9-\xff.txt");
	/* Implied parents. */
	assert_int_equal(must(fs, "bin")->type, BI_F_DIR);
	assert_int_equal(must(fs, "usr")->type, BI_F_DIR);
	assert_int_equal(must(fs, "usr/share")->type, BI_F_DIR);
	assert_int_equal(must(fs, "")->type, BI_F_DIR);
	/* Sorted and listable. */
	for (size_t i = 1; i < bi_fs_count(fs); i++)
		assert_true(strcmp(bi_fs_at(fs, i - 1)->path, bi_fs_at(fs, i)->path) < 0);
	assert_string_equal(bi_fs_at(fs, bi_fs_lower_bound(fs, "etc/"))->path, "etc/hostname");
	bi_fs_free(fs);
	bi_buf_release(&t.b);
}

static void test_whiteouts(void **state)
{
	struct tarw l0, l1, l2;
	struct bi_fs *fs = bi_fs_new();
	struct bi_err *err = NULL;

	tarw_init(&l0);
	tarw_add(&l0, "opt/app/a", '0', 0644, "a", NULL);
	tarw_add(&l0, "opt/app/sub/b", '0', 0644, "b", NULL);
	tarw_add(&l0, "var/cache/x", '0', 0644, "x", NULL);
	tarw_add(&l0, "var/cache/y", '0', 0644, "y", NULL);
	tarw_add(&l0, "var/cache-keep", '0', 0644, "k", NULL);
	tarw_add(&l0, "lib/mods/m1", '0', 0644, "1", NULL);
	tarw_add(&l0, "etc/passwd", '0', 0644, "root:x:0:0::/root:/bin/sh\n", NULL);
	tarw_end(&l0);
	tarw_init(&l1);
	tarw_add(&l1, "var/.wh.cache", '0', 0644, NULL, NULL);
	tarw_add(&l1, "opt/app/.wh..wh..opq", '0', 0644, NULL, NULL);
	tarw_add(&l1, "opt/app/new", '0', 0644, "new", NULL);
	tarw_add(&l1, "lib/mods", '2', 0777, NULL, "/usr/lib/mods"); /* folder -> link */
	tarw_add(&l1, "etc/.wh.passwd", '0', 0644, NULL, NULL);
	tarw_add(&l1, "etc/passwd", '0', 0644, "same layer as its whiteout\n", NULL);
	tarw_add(&l1, ".wh..wh.plnk", '5', 0755, NULL, NULL);
	tarw_end(&l1);
	tarw_init(&l2);
	tarw_add(&l2, "var/cache/z", '0', 0644, "z", NULL);
	tarw_end(&l2);
	assert_int_equal(apply_tar(fs, &l0, 0, &err), 0);
	assert_int_equal(apply_tar(fs, &l1, 1, &err), 0);
	assert_int_equal(apply_tar(fs, &l2, 2, &err), 0);
	assert_int_equal(bi_fs_finish(fs, &err), 0);

	assert_null(bi_fs_lookup(fs, "var/cache/x"));
	assert_null(bi_fs_lookup(fs, "var/cache/y"));
	assert_int_equal(must(fs, "var/cache/z")->layer, 2);
	assert_int_equal(must(fs, "var/cache-keep")->layer, 0);
	assert_null(bi_fs_lookup(fs, "opt/app/a"));
	assert_null(bi_fs_lookup(fs, "opt/app/sub/b"));
	assert_null(bi_fs_lookup(fs, "opt/app/sub"));
	assert_int_equal(must(fs, "opt/app/new")->layer, 1);
	assert_null(bi_fs_lookup(fs, "lib/mods/m1"));
	assert_int_equal(must(fs, "lib/mods")->type, BI_F_SYMLINK);
	assert_int_equal(must(fs, "etc/passwd")->layer, 1);
	assert_true(
		bi_span_eq_str(must(fs, "etc/passwd")->content, "same layer as its whiteout\n"));
	assert_null(bi_fs_lookup(fs, ".wh..wh.plnk"));
	/* wasted: layer 0's bytes that layer 1 deleted or overwrote */
	{
		static const char *const order[] = {
			"etc/passwd",	 "lib/mods/m1", "opt/app/a",
			"opt/app/sub/b", "var/cache/x", "var/cache/y"
		};
		size_t n;
		const struct bi_fs_waste *w = bi_fs_top_waste(fs, &n);

		assert_int_equal(bi_fs_layer_wasted(fs, 0), 26 + 5);
		assert_int_equal(bi_fs_layer_wasted(fs, 1), 0);
		assert_int_equal(bi_fs_layer_wasted(fs, 7), 0);
		assert_int_equal(n, BI_ARRAY_SIZE(order));
		for (size_t i = 0; i < n; i++) {
			assert_string_equal(w[i].path, order[i]);
			assert_int_equal(w[i].layer, 0);
			assert_int_equal(w[i].by_layer, 1);
		}
		assert_false(w[0].deleted); /* replaced in layer 1 */
		assert_true(w[4].deleted);
	}
	bi_fs_free(fs);
	bi_buf_release(&l0.b);
	bi_buf_release(&l1.b);
	bi_buf_release(&l2.b);
}

static void test_root_opaque(void **state)
{
	struct tarw l0, l1;
	struct bi_fs *fs = bi_fs_new();
	struct bi_err *err = NULL;

	tarw_init(&l0);
	tarw_add(&l0, "a", '0', 0644, "a", NULL);
	tarw_end(&l0);
	tarw_init(&l1);
	tarw_add(&l1, ".wh..wh..opq", '0', 0644, NULL, NULL);
	tarw_add(&l1, "b", '0', 0644, "b", NULL);
	tarw_end(&l1);
	assert_int_equal(apply_tar(fs, &l0, 0, &err), 0);
	assert_int_equal(apply_tar(fs, &l1, 1, &err), 0);
	assert_null(bi_fs_lookup(fs, "a"));
	must(fs, "b");
	bi_fs_free(fs);
	bi_buf_release(&l0.b);
	bi_buf_release(&l1.b);
}

static void test_escapes(void **state)
{
	struct tarw t;
	struct bi_fs *fs = bi_fs_new();
	struct bi_err *err = NULL;
	size_t nw;

	tarw_init(&t);
	tarw_add(&t, "/etc/abs", '0', 0644, "abs", NULL);
	tarw_add(&t, "a/../b", '0', 0644, "b", NULL);
	tarw_end(&t);
	assert_int_equal(apply_tar(fs, &t, 0, &err), 0);
	must(fs, "etc/abs");
	must(fs, "b");
	assert_null(bi_fs_lookup(fs, "a"));
	bi_fs_warnings(fs, &nw);
	assert_int_equal(nw, 1);
	bi_buf_release(&t.b);

	tarw_init(&t);
	tarw_add(&t, "../../etc/passwd", '0', 0644, "x", NULL);
	tarw_end(&t);
	assert_int_equal(apply_tar(fs, &t, 1, &err), BI_EFORMAT);
	assert_non_null(strstr(bi_err_msg(err), "climbs out"));
	bi_err_freep(&err);
	bi_buf_release(&t.b);

	tarw_init(&t);
	tarw_add(&t, "evil", '1', 0644, NULL, "../../etc/shadow");
	tarw_end(&t);
	assert_int_equal(apply_tar(fs, &t, 1, &err), BI_EFORMAT);
	assert_non_null(strstr(bi_err_msg(err), "hard link"));
	bi_err_freep(&err);
	bi_buf_release(&t.b);
	bi_fs_free(fs);
}

static void test_bad_tar(void **state)
{
	struct bi_fs *fs = bi_fs_new();
	struct bi_err *err = NULL;
	struct tarw t;
	char junk[2048];

	memset(junk, 'x', sizeof(junk));
	tarw_init(&t);
	bi_buf_add(&t.b, junk, sizeof(junk));
	assert_int_equal(apply_tar(fs, &t, 0, &err), BI_EFORMAT);
	bi_err_freep(&err);
	bi_buf_release(&t.b);

	/* Truncated inside a file's data. */
	tarw_init(&t);
	tarw_add(&t, "etc/os-release", '0', 0644, "ID=debian\n", NULL);
	bi_buf_setlen(&t.b, 512 + 4);
	assert_true(apply_tar(fs, &t, 0, &err) < 0);
	bi_err_freep(&err);
	bi_buf_release(&t.b);

	/* An empty layer is fine. */
	tarw_init(&t);
	assert_int_equal(apply_tar(fs, &t, 0, &err), 0);
	bi_buf_release(&t.b);
	tarw_init(&t);
	tarw_end(&t);
	assert_int_equal(apply_tar(fs, &t, 0, &err), 0);
	bi_buf_release(&t.b);
	bi_fs_free(fs);
}

/* GNU sparse files (tar -S) read with their holes as zeros. */
static void test_sparse(void **state)
{
	char dir[] = "/tmp/bi-sparse-XXXXXX";
	char *cmd, *p;
	struct tarw t;
	struct bi_fs *fs = bi_fs_new();
	struct bi_err *err = NULL;
	const struct bi_fentry *e;

	assert_non_null(mkdtemp(dir));
	cmd = bi_xasprintf("cd %s && mkdir -p root/etc && truncate -s 3M root/etc/os-release && "
			   "printf 'ID=sparse' >> root/etc/os-release && "
			   "tar -C root --sparse --format=gnu -cf s.tar etc",
			   dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	tarw_init(&t);
	p = bi_xasprintf("%s/s.tar", dir);
	assert_int_equal(bi_buf_read_file(&t.b, p, &err), 0);
	free(p);
	assert_int_equal(apply_tar(fs, &t, 0, &err), 0);
	e = must(fs, "etc/os-release");
	assert_int_equal(e->size, 3 * 1024 * 1024 + 9);
	assert_int_equal(e->content.len, 3 * 1024 * 1024 + 9);
	assert_int_equal(e->content.ptr[0], 0);
	assert_memory_equal(e->content.ptr + 3 * 1024 * 1024, "ID=sparse", 9);
	assert_non_null(bi_fs_lookup(fs, "/etc/"));
	bi_fs_free(fs);
	bi_buf_release(&t.b);
	cmd = bi_xasprintf("rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),	    cmocka_unit_test(test_whiteouts),
		cmocka_unit_test(test_root_opaque), cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_bad_tar),	    cmocka_unit_test(test_sparse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
