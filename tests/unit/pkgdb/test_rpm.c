/* SPDX-License-Identifier: MIT */
#include "../bi_test.h"
#include "pkgdb/pkgdb.h"
#include "util/sqlite.h"

/* A tiny RPM header writer: index entries + data store, big-endian. */
struct hdr {
	unsigned char index[64 * 16];
	unsigned char data[4096];
	uint32_t il, dl;
};

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void entry(struct hdr *h, uint32_t tag, uint32_t type, uint32_t off, uint32_t count)
{
	unsigned char *e = h->index + h->il++ * 16;
	put32(e, tag);
	put32(e + 4, type);
	put32(e + 8, off);
	put32(e + 12, count);
}

static void add_string(struct hdr *h, uint32_t tag, const char *s)
{
	size_t n = strlen(s) + 1;
	entry(h, tag, 6, h->dl, 1);
	memcpy(h->data + h->dl, s, n);
	h->dl += (uint32_t)n;
}

static void add_strings(struct hdr *h, uint32_t tag, const char *const *v, uint32_t count)
{
	entry(h, tag, 8, h->dl, count);
	for (uint32_t i = 0; i < count; i++) {
		size_t n = strlen(v[i]) + 1;
		memcpy(h->data + h->dl, v[i], n);
		h->dl += (uint32_t)n;
	}
}

static void add_int32s(struct hdr *h, uint32_t tag, const uint32_t *v, uint32_t count)
{
	while (h->dl % 4)
		h->data[h->dl++] = 0;
	entry(h, tag, 4, h->dl, count);
	for (uint32_t i = 0; i < count; i++, h->dl += 4)
		put32(h->data + h->dl, v[i]);
}

/* Serialise into b: il, dl, index, data. */
static void finish(const struct hdr *h, struct bi_buf *b)
{
	unsigned char n[8];
	put32(n, h->il);
	put32(n + 4, h->dl);
	bi_buf_reset(b);
	assert_int_equal(bi_buf_add(b, n, 8), 0);
	assert_int_equal(bi_buf_add(b, h->index, (size_t)h->il * 16), 0);
	assert_int_equal(bi_buf_add(b, h->data, h->dl), 0);
}

static void make_openssl(struct bi_buf *b, bool epoch)
{
	static const char *const dirs[] = { "/usr/lib64/", "/usr/bin/" };
	static const char *const bases[] = { "libssl.so.3", "openssl" };
	static const uint32_t idx[] = { 0, 1 };
	uint32_t ep = 1;
	struct hdr h = { 0 };

	add_string(&h, 1000, "openssl-libs");
	add_string(&h, 1001, "3.0.7");
	add_string(&h, 1002, "27.el9");
	add_string(&h, 1022, "x86_64");
	add_string(&h, 1044, "openssl-3.0.7-27.el9.src.rpm");
	add_strings(&h, 1118, dirs, 2);
	add_strings(&h, 1117, bases, 2);
	add_int32s(&h, 1116, idx, 2);
	if (epoch)
		add_int32s(&h, 1003, &ep, 1);
	finish(&h, b);
}

static int fake_layer(void *ctx, const char *path)
{
	(void)ctx;
	if (strcmp(path, "usr/bin/openssl") == 0)
		return 4;
	if (strcmp(path, "usr/lib64/libssl.so.3") == 0)
		return 2;
	return -1;
}

static void test_rpm_header(void **state)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct bi_pkg_layer_cb cb = { fake_layer, NULL };
	struct bi_rpm_header h = { 0 };
	int layer = 99;

	make_openssl(&b, true);
	assert_int_equal(bi_rpm_header_parse(bi_buf_span(&b), &cb, &h, &layer, NULL), 0);
	assert_string_equal(h.name, "openssl-libs");
	assert_string_equal(h.version, "3.0.7");
	assert_string_equal(h.release, "27.el9");
	assert_string_equal(h.arch, "x86_64");
	assert_string_equal(h.sourcerpm, "openssl-3.0.7-27.el9.src.rpm");
	assert_true(h.has_epoch);
	assert_int_equal(h.epoch, 1);
	assert_int_equal(layer, 2);
	bi_rpm_header_release(&h);
}

static void test_rpm_header_damaged(void **state)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct bi_rpm_header h = { 0 };
	struct bi_err *err = NULL;
	char *p;

	make_openssl(&b, false);
	/* every truncation is rejected cleanly */
	for (size_t n = 0; n < b.len; n++) {
		assert_true(bi_rpm_header_parse(bi_span_make(b.buf, n), NULL, &h, NULL, &err) < 0);
		bi_err_freep(&err);
	}
	/* a string offset past the data store */
	p = b.buf + 8 + 8; /* first entry's offset */
	put32((unsigned char *)p, 0x7fffffff);
	assert_int_equal(bi_rpm_header_parse(bi_buf_span(&b), NULL, &h, NULL, &err), BI_EFORMAT);
	assert_non_null(strstr(bi_err_msg(err), "name"));
	bi_err_freep(&err);
	/* an absurd index count */
	put32((unsigned char *)b.buf, 0xffffffff);
	assert_int_equal(bi_rpm_header_parse(bi_buf_span(&b), NULL, &h, NULL, &err), BI_EFORMAT);
	bi_err_freep(&err);
}

/* A real SQLite rpmdb, written through the wrapper, read back from memory. */
static void test_rpmdb(void **state)
{
	_cleanup_(bi_buf_release) struct bi_buf blob = BI_BUF_INIT(BI_BUF_NOLIMIT);
	_cleanup_(bi_buf_release) struct bi_buf file = BI_BUF_INIT(BI_BUF_NOLIMIT);
	char path[] = "/tmp/bi-rpmdb-XXXXXX";
	struct bi_db *db = NULL;
	struct bi_stmt *st = NULL;
	struct bi_pkglist l = { 0 };
	struct bi_err *err = NULL;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	assert_int_equal(bi_db_open(path, BI_DB_CREATE, &db, &err), 0);
	assert_int_equal(bi_db_exec(db,
				    "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT,"
				    " blob BLOB NOT NULL);",
				    &err),
			 0);
	assert_int_equal(bi_db_prepare(db, "INSERT INTO Packages(blob) VALUES (?)", &st, &err), 0);
	make_openssl(&blob, false);
	assert_int_equal(bi_stmt_bind_span(st, 1, bi_buf_span(&blob), &err), 0);
	assert_int_equal(bi_stmt_step(st, &err), 0);
	assert_int_equal(bi_stmt_reset(st, &err), 0);
	/* a damaged row: a warning */
	assert_int_equal(bi_stmt_bind_span(st, 1, BI_SPAN_LIT("junk"), &err), 0);
	assert_int_equal(bi_stmt_step(st, &err), 0);
	bi_stmt_finalize(st);
	bi_db_close(db);
	assert_int_equal(bi_buf_read_file(&file, path, &err), 0);
	unlink(path);

	bi_pkglist_init(&l, BI_PKG_RPM);
	assert_int_equal(bi_rpmdb_parse(bi_buf_span(&file), "rpmdb.sqlite", NULL, &l, &err), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.pkgs[0].name, "openssl-libs");
	assert_string_equal(l.pkgs[0].version, "3.0.7-27.el9");
	assert_string_equal(l.pkgs[0].source, "openssl");
	assert_string_equal(l.pkgs[0].source_version, "3.0.7-27.el9");
	assert_int_equal(l.nwarnings, 1);
	assert_non_null(strstr(l.warnings[0], "package #2"));
	bi_pkglist_release(&l);

	/* not a database at all: an error naming it */
	bi_pkglist_init(&l, BI_PKG_RPM);
	assert_true(bi_rpmdb_parse(BI_SPAN_LIT("not sqlite at all, no"), "rpmdb.sqlite", NULL, &l,
				   &err) < 0);
	assert_non_null(strstr(bi_err_msg(err), "rpmdb.sqlite"));
	bi_err_freep(&err);
	bi_pkglist_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rpm_header),
		cmocka_unit_test(test_rpm_header_damaged),
		cmocka_unit_test(test_rpmdb),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
