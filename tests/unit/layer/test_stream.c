/* SPDX-License-Identifier: MIT */
/* Stream filters: gzip (isa-l and zlib), zstd, truncation, corruption, bombs. */
#include "../bi_test.h"
#include "util/stream.h"

static char tmpdir[] = "/tmp/bi-stream-XXXXXX";

/* Compress `data` with a command line tool ("gzip -c", "zstd -c -q"). */
static void compress(const char *cmd, const void *data, size_t len, struct bi_buf *out)
{
	char *in = bi_xasprintf("%s/in", tmpdir), *o = bi_xasprintf("%s/out", tmpdir);
	char *sh = bi_xasprintf("%s <%s >%s", cmd, in, o);
	struct bi_err *err = NULL;
	FILE *f = fopen(in, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	assert_int_equal(system(sh), 0);
	bi_buf_reset(out);
	assert_int_equal(bi_buf_read_file(out, o, &err), 0);
	free(in);
	free(o);
	free(sh);
}

static bool use_async;
static void test_bombs(void **state);

static int read_all(const void *p, size_t len, enum bi_compression c,
		    const struct bi_stream_limits *lim, struct bi_buf *out, struct bi_err **err)
{
	struct bi_istream *is = bi_istream_decompress(bi_istream_mem(p, len), c, "t", lim);

	if (use_async)
		is = bi_istream_async(is);
	char buf[7000];
	ssize_t n;

	bi_buf_reset(out);
	while ((n = bi_istream_read(is, buf, sizeof(buf), err)) > 0)
		bi_buf_add(out, buf, (size_t)n);
	bi_istream_free(is);
	return n < 0 ? (int)n : 0;
}

static void make_text(struct bi_buf *b, size_t len)
{
	uint32_t x = 12345;
	bi_buf_reset(b);
	while (b->len < len) {
		x = x * 1103515245 + 12345;
		bi_buf_addf(b, "line %u %u\n", x >> 16, x & 0xff);
	}
}

static void roundtrip(const char *cmd, enum bi_compression c, bool zlib)
{
	struct bi_buf text = BI_BUF_INIT(BI_BUF_NOLIMIT), z = BI_BUF_INIT(BI_BUF_NOLIMIT),
		      out = BI_BUF_INIT(BI_BUF_NOLIMIT), two = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct bi_err *err = NULL;
	struct bi_stream_limits lim = { 1ull << 30, 1000 };

	bi_stream__force_zlib(zlib);
	make_text(&text, 3 * 1000 * 1000);
	compress(cmd, text.buf, text.len, &z);
	assert_int_equal(bi_compression_sniff(z.buf, z.len), c);
	assert_int_equal(read_all(z.buf, z.len, c, &lim, &out, &err), 0);
	assert_int_equal(out.len, text.len);
	assert_memory_equal(out.buf, text.buf, text.len);

	/* Two members / frames back to back. */
	bi_buf_add(&two, z.buf, z.len);
	bi_buf_add(&two, z.buf, z.len);
	assert_int_equal(read_all(two.buf, two.len, c, &lim, &out, &err), 0);
	assert_int_equal(out.len, 2 * text.len);

	/* Truncated. */
	assert_int_equal(read_all(z.buf, z.len / 2, c, &lim, &out, &err), BI_EFORMAT);
	assert_non_null(strstr(bi_err_msg(err), "ends early"));
	bi_err_freep(&err);
	assert_int_equal(read_all(z.buf, z.len - 3, c, &lim, &out, &err), BI_EFORMAT);
	bi_err_freep(&err);

	/* A flipped byte in the middle. */
	z.buf[z.len / 2] ^= 0x55;
	assert_int_equal(read_all(z.buf, z.len, c, &lim, &out, &err), BI_EFORMAT);
	bi_err_freep(&err);

	/* Empty input. */
	assert_int_equal(read_all("", 0, c, &lim, &out, &err), BI_EFORMAT);
	bi_err_freep(&err);
	bi_stream__force_zlib(false);
	bi_buf_release(&text);
	bi_buf_release(&z);
	bi_buf_release(&out);
	bi_buf_release(&two);
}

static void test_gzip_isal(void **state)
{
	roundtrip("gzip -c", BI_COMP_GZIP, false);
}

static void test_gzip_zlib(void **state)
{
	roundtrip("gzip -c", BI_COMP_GZIP, true);
}

static void test_zstd(void **state)
{
	roundtrip("zstd -c -q", BI_COMP_ZSTD, false);
}

static void test_async(void **state)
{
	use_async = true;
	roundtrip("gzip -c", BI_COMP_GZIP, false);
	roundtrip("zstd -c -q", BI_COMP_ZSTD, false);
	test_bombs(state);
	use_async = false;
}

static void test_trailing(void **state)
{
	struct bi_buf z = BI_BUF_INIT(BI_BUF_NOLIMIT), out = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct bi_err *err = NULL;

	compress("gzip -c", "hello\n", 6, &z);
	bi_buf_add(&z, "\0\0\0\0", 4);
	assert_int_equal(read_all(z.buf, z.len, BI_COMP_GZIP, NULL, &out, &err), 0);
	assert_string_equal(out.buf, "hello\n");
	bi_buf_adds(&z, "junk");
	assert_int_equal(read_all(z.buf, z.len, BI_COMP_GZIP, NULL, &out, &err), BI_EFORMAT);
	assert_non_null(strstr(bi_err_msg(err), "trailing garbage"));
	bi_err_freep(&err);
	/* Plain passes through. */
	assert_int_equal(read_all("plain", 5, BI_COMP_NONE, NULL, &out, &err), 0);
	assert_string_equal(out.buf, "plain");
	bi_buf_release(&z);
	bi_buf_release(&out);
}

static void test_bombs(void **state)
{
	struct bi_buf z = BI_BUF_INIT(BI_BUF_NOLIMIT), out = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct bi_err *err = NULL;
	struct bi_stream_limits lim = { 1ull << 40, BI_MAX_COMPRESSION_RATIO };
	struct bi_stream_limits small = { 1000 * 1000, 0 };
	char *zeros = bi_xcalloc(1, 40 * BI_MiB);

	compress("gzip -9 -c", zeros, 40 * BI_MiB, &z);
	assert_int_equal(read_all(z.buf, z.len, BI_COMP_GZIP, &lim, &out, &err), BI_ELIMIT);
	assert_non_null(strstr(bi_err_msg(err), "BI_MAX_COMPRESSION_RATIO"));
	bi_err_freep(&err);
	compress("zstd -q -c", zeros, 40 * BI_MiB, &z);
	assert_int_equal(read_all(z.buf, z.len, BI_COMP_ZSTD, &lim, &out, &err), BI_ELIMIT);
	bi_err_freep(&err);
	assert_int_equal(read_all(z.buf, z.len, BI_COMP_ZSTD, &small, &out, &err), BI_ELIMIT);
	assert_non_null(strstr(bi_err_msg(err), "BI_MAX_LAYER_UNCOMPRESSED"));
	bi_err_freep(&err);
	/* A zstd window past the cap (--long=27: 128 MiB). */
	compress("zstd -q -c --long=27", zeros, 40 * BI_MiB, &z);
	lim.max_ratio = 0;
	assert_int_equal(read_all(z.buf, z.len, BI_COMP_ZSTD, &lim, &out, &err), BI_ELIMIT);
	assert_non_null(strstr(bi_err_msg(err), "window"));
	bi_err_freep(&err);
	free(zeros);
	bi_buf_release(&z);
	bi_buf_release(&out);
}

static void test_fd(void **state)
{
	char *p = bi_xasprintf("%s/fd", tmpdir);
	struct bi_err *err = NULL;
	char buf[16];
	FILE *f = fopen(p, "wb");
	int fd;
	struct bi_istream *is;

	fputs("0123456789", f);
	fclose(f);
	fd = open(p, O_RDONLY);
	is = bi_istream_fd(fd, true, 2, 5, p);
	assert_int_equal(bi_istream_read(is, buf, sizeof(buf), &err), 5);
	assert_memory_equal(buf, "23456", 5);
	assert_int_equal(bi_istream_read(is, buf, sizeof(buf), &err), 0);
	bi_istream_free(is);
	fd = open(p, O_RDONLY);
	is = bi_istream_fd(fd, true, 8, 5, p);
	assert_int_equal(bi_istream_read(is, buf, sizeof(buf), &err), 2);
	assert_int_equal(bi_istream_read(is, buf, sizeof(buf), &err), BI_EFORMAT);
	bi_err_freep(&err);
	bi_istream_free(is);
	free(p);
}

static int setup(void **state)
{
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char *cmd = bi_xasprintf("rm -rf %s", tmpdir);
	int r = system(cmd);
	free(cmd);
	return r;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gzip_isal), cmocka_unit_test(test_gzip_zlib),
		cmocka_unit_test(test_zstd),	  cmocka_unit_test(test_trailing),
		cmocka_unit_test(test_bombs),	  cmocka_unit_test(test_fd),
		cmocka_unit_test(test_async),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
