/* SPDX-License-Identifier: MIT */
/*
 * OSV's per-ecosystem all.zip: a zip of records. The central directory is
 * read here; each *.json member is inflated through the layer module's gzip
 * stream (src/util/stream.h, the one zlib/isa-l user) by wrapping the raw
 * deflate data in a gzip header and the zip's own CRC-32 and size as the
 * trailer, so the decoder also verifies every member's checksum. Stored
 * members are used as they are. Zip64, encryption and other methods are
 * refused with a message. The file is mapped read-only, not read into memory.
 */
#include <sys/mman.h>

#include "util/stream.h"
#include "util/common.h"
#include "vuln/import.h"

#define EOCD_SIG 0x06054b50u
#define CDH_SIG 0x02014b50u
#define LFH_SIG 0x04034b50u

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* The end-of-central-directory record: within the last 64 KiB + 22 bytes. */
static const unsigned char *find_eocd(const unsigned char *m, size_t len)
{
	size_t lo = len > 65535 + 22 ? len - 65535 - 22 : 0;

	if (len < 22)
		return NULL;
	for (size_t i = len - 22 + 1; i-- > lo;)
		if (le32(m + i) == EOCD_SIG)
			return m + i;
	return NULL;
}

static int inflate_member(const char *zip, const char *name, const unsigned char *data, size_t clen,
			  uint32_t crc, uint32_t ulen, struct bi_buf *out, struct bi_err **err)
{
	static const unsigned char hdr[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff };
	struct bi_stream_limits lim = { .max_out = BI_MAX_OSV_RECORD, .max_ratio = 0 };
	_cleanup_free_ unsigned char *gz = NULL;
	struct bi_istream *is;
	size_t glen;
	int r = 0;

	if (bi_add_overflow(clen, 18, &glen))
		return bi_err_set(err, BI_ELIMIT, "%s: %s: too large", zip, name);
	gz = bi_xmalloc(glen);
	memcpy(gz, hdr, 10);
	memcpy(gz + 10, data, clen);
	for (int k = 0; k < 4; k++) {
		gz[10 + clen + k] = (unsigned char)(crc >> (8 * k));
		gz[14 + clen + k] = (unsigned char)(ulen >> (8 * k));
	}
	is = bi_istream_decompress(bi_istream_mem(gz, glen), BI_COMP_GZIP, name, &lim);
	for (;;) {
		char buf[16384];
		ssize_t n = bi_istream_read(is, buf, sizeof(buf), err);
		if (n < 0) {
			r = bi_err_wrap(err, "%s", zip);
			break;
		}
		if (n == 0)
			break;
		if (bi_buf_add(out, buf, (size_t)n) < 0) {
			r = bi_err_set(err, BI_ELIMIT, "%s: %s: larger than %zu bytes", zip, name,
				       out->max);
			break;
		}
	}
	bi_istream_free(is);
	return r;
}

static int walk(struct bi_import_ctx *c, const char *zip, const unsigned char *m, size_t len,
		size_t *ret_records, struct bi_err **err)
{
	const unsigned char *eocd = find_eocd(m, len);
	size_t n, off, cd_size, records = 0;

	if (!eocd)
		return bi_err_set(err, BI_EFORMAT,
				  "%s: not a zip file (no end of central directory)", zip);
	n = le16(eocd + 10);
	cd_size = le32(eocd + 12);
	off = le32(eocd + 16);
	if (n == 0xffff || off == 0xffffffffu || cd_size == 0xffffffffu)
		return bi_err_set(err, BI_EUNSUPPORTED, "%s: zip64 archives are not supported",
				  zip);
	if (off > len || cd_size > len - off)
		return bi_err_set(err, BI_EFORMAT, "%s: central directory outside the file", zip);
	if (n > BI_MAX_OSV_FILES)
		return bi_err_set(err, BI_ELIMIT, "%s: more than %d records", zip,
				  BI_MAX_OSV_FILES);
	for (size_t i = 0; i < n; i++) {
		const unsigned char *h = m + off;
		_cleanup_(bi_buf_release) struct bi_buf rec = BI_BUF_INIT(BI_MAX_OSV_RECORD);
		_cleanup_free_ char *name = NULL;
		size_t nlen, xlen, clen_total, lho, data;
		uint32_t crc, clen, ulen;
		uint16_t flags, method;
		struct bi_err *e = NULL;
		int r;

		if (off + 46 > len || le32(h) != CDH_SIG)
			return bi_err_set(err, BI_EFORMAT,
					  "%s: central directory entry %zu is damaged", zip, i);
		flags = le16(h + 8);
		method = le16(h + 10);
		crc = le32(h + 16);
		clen = le32(h + 20);
		ulen = le32(h + 24);
		nlen = le16(h + 28);
		xlen = le16(h + 30);
		clen_total = 46 + nlen + xlen + le16(h + 32);
		lho = le32(h + 42);
		if (off + clen_total > len)
			return bi_err_set(err, BI_EFORMAT,
					  "%s: central directory entry %zu is damaged", zip, i);
		name = bi_xstrndup((const char *)h + 46, nlen);
		off += clen_total;
		if (!bi_span_ends_with(bi_span_str(name), ".json"))
			continue;
		if (clen == 0xffffffffu || ulen == 0xffffffffu || lho == 0xffffffffu)
			return bi_err_set(err, BI_EUNSUPPORTED, "%s: %s: zip64 is not supported",
					  zip, name);
		if (flags & 1) {
			bi_import_skip(c, "%s: %s: encrypted", zip, name);
			continue;
		}
		if (ulen > BI_MAX_OSV_RECORD) {
			bi_import_skip(c, "%s: %s: larger than %zu bytes", zip, name,
				       BI_MAX_OSV_RECORD);
			continue;
		}
		if ((size_t)lho + 30 > len || le32(m + lho) != LFH_SIG)
			return bi_err_set(err, BI_EFORMAT, "%s: %s: bad local header", zip, name);
		data = (size_t)lho + 30 + le16(m + lho + 26) + le16(m + lho + 28);
		if (data > len || clen > len - data)
			return bi_err_set(err, BI_EFORMAT, "%s: %s: data outside the file", zip,
					  name);
		if (method == 0) {
			if (clen != ulen)
				return bi_err_set(err, BI_EFORMAT, "%s: %s: stored sizes differ",
						  zip, name);
			bi_buf_add(&rec, m + data, clen);
			r = 0;
		} else if (method == 8) {
			r = inflate_member(zip, name, m + data, clen, crc, ulen, &rec, &e);
		} else {
			bi_import_skip(c, "%s: %s: compression method %u is not supported", zip,
				       name, method);
			continue;
		}
		if (r == 0)
			r = bi_osv_import_record(c, bi_buf_span(&rec), name, &e);
		if (r < 0) {
			if (bi_err_code(e) == BI_EDB) {
				if (err)
					*err = e;
				else
					bi_err_free(e);
				return BI_EDB;
			}
			bi_import_skip(c, "%s", bi_err_msg(e));
			bi_err_free(e);
		}
		records++;
	}
	*ret_records = records;
	return 0;
}

int bi_osv_import_zip(struct bi_import_ctx *c, const char *path, size_t *ret_records,
		      struct bi_err **err)
{
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	void *m;
	int r;

	if (fd < 0)
		return bi_err_set_errno(err, BI_EIO, errno, "%s", path);
	if (fstat(fd, &st) < 0)
		return bi_err_set_errno(err, BI_EIO, errno, "%s", path);
	if (st.st_size < 22)
		return bi_err_set(err, BI_EFORMAT, "%s: not a zip file (too short)", path);
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (m == MAP_FAILED)
		return bi_err_set_errno(err, BI_EIO, errno, "%s: mmap", path);
	r = walk(c, path, m, (size_t)st.st_size, ret_records, err);
	munmap(m, (size_t)st.st_size);
	return r;
}
