/* SPDX-License-Identifier: MIT */
/* The one file that uses libbz2 and liblzma (see decompress.h). */
#include <bzlib.h>
#include <lzma.h>

#include "util/common.h"
#include "util/decompress.h"

#define IN_SIZE (64 * BI_KiB)

struct bi_decomp {
	char *path;
	int fd;
	enum bi_decomp_kind kind;
	uint64_t max_out, total_out;
	unsigned char *in;
	size_t in_len, in_pos;
	bool in_eof, done;
	char *pending; /* bi_decomp_unread() bytes, served first */
	size_t pending_len, pending_pos;
	bz_stream bz;
	bool bz_init;
	lzma_stream xz;
	bool xz_init;
};

const char *bi_decomp_kind_name(enum bi_decomp_kind k)
{
	switch (k) {
	case BI_DECOMP_PLAIN:
		return "plain";
	case BI_DECOMP_BZIP2:
		return "bzip2";
	case BI_DECOMP_XZ:
		return "xz";
	case BI_DECOMP__MAX:
		break;
	}
	return "?";
}

enum bi_decomp_kind bi_decomp_kind(const struct bi_decomp *d)
{
	return d->kind;
}

void bi_decomp_free(struct bi_decomp *d)
{
	if (!d)
		return;
	if (d->bz_init)
		BZ2_bzDecompressEnd(&d->bz);
	if (d->xz_init)
		lzma_end(&d->xz);
	if (d->fd >= 0)
		close(d->fd);
	free(d->in);
	free(d->pending);
	free(d->path);
	free(d);
}

void bi_decomp_freep(struct bi_decomp **d)
{
	bi_decomp_free(*d);
	*d = NULL;
}

/* Refill the input buffer when it is used up. */
static int fill(struct bi_decomp *d, struct bi_err **err)
{
	ssize_t n;

	if (d->in_pos < d->in_len || d->in_eof)
		return 0;
	do
		n = read(d->fd, d->in, IN_SIZE);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return bi_err_set_errno(err, BI_EIO, errno, "%s", d->path);
	d->in_len = (size_t)n;
	d->in_pos = 0;
	if (n == 0)
		d->in_eof = true;
	return 0;
}

static int detect(struct bi_decomp *d, struct bi_err **err)
{
	static const unsigned char xz_magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0 };
	int r;

	if (d->in_len >= 3 && memcmp(d->in, "BZh", 3) == 0) {
		d->kind = BI_DECOMP_BZIP2;
		r = BZ2_bzDecompressInit(&d->bz, 0, 0);
		if (r != BZ_OK)
			return bi_err_set(err, BI_EINTERNAL, "%s: bzip2 init failed (%d)", d->path,
					  r);
		d->bz_init = true;
	} else if (d->in_len >= 6 && memcmp(d->in, xz_magic, 6) == 0) {
		d->kind = BI_DECOMP_XZ;
		d->xz = (lzma_stream)LZMA_STREAM_INIT;
		if (lzma_stream_decoder(&d->xz, 256 * BI_MiB, LZMA_CONCATENATED) != LZMA_OK)
			return bi_err_set(err, BI_EINTERNAL, "%s: xz init failed", d->path);
		d->xz_init = true;
	}
	return 0;
}

int bi_decomp_open_memory(struct bi_span data, const char *name, uint64_t max_out,
			  struct bi_decomp **ret, struct bi_err **err)
{
	_cleanup_(bi_decomp_freep) struct bi_decomp *d = bi_xcalloc(1, sizeof(*d));
	int r;

	d->path = bi_xstrdup(name);
	d->fd = -1;
	d->max_out = max_out;
	d->in = bi_xmalloc(data.len ? data.len : 1);
	memcpy(d->in, data.ptr, data.len);
	d->in_len = data.len;
	d->in_eof = true;
	r = detect(d, err);
	if (r < 0)
		return r;
	*ret = TAKE_PTR(d);
	return 0;
}

int bi_decomp_open(const char *path, uint64_t max_out, struct bi_decomp **ret, struct bi_err **err)
{
	_cleanup_(bi_decomp_freep) struct bi_decomp *d = bi_xcalloc(1, sizeof(*d));
	int r;

	d->fd = -1;
	d->path = bi_xstrdup(strcmp(path, "-") == 0 ? "standard input" : path);
	d->max_out = max_out;
	d->in = bi_xmalloc(IN_SIZE);
	if (strcmp(path, "-") == 0) {
		d->fd = dup(0);
	} else {
		d->fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (d->fd < 0)
		return bi_err_set_errno(err, errno == ENOENT ? BI_ENOTFOUND : BI_EIO, errno, "%s",
					d->path);
	/* Read until we have 6 bytes (or the end) to sniff the format. */
	while (!d->in_eof && d->in_len < 6) {
		ssize_t n = read(d->fd, d->in + d->in_len, IN_SIZE - d->in_len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return bi_err_set_errno(err, BI_EIO, errno, "%s", d->path);
		if (n == 0)
			d->in_eof = true;
		d->in_len += (size_t)n;
	}
	r = detect(d, err);
	if (r < 0)
		return r;
	*ret = TAKE_PTR(d);
	return 0;
}

static int read_bz(struct bi_decomp *d, void *buf, size_t len, size_t *ret_n, struct bi_err **err)
{
	while (!d->done) {
		int r;

		r = fill(d, err);
		if (r < 0)
			return r;
		if (d->in_pos >= d->in_len && d->in_eof)
			return bi_err_set(err, BI_EFORMAT, "%s: truncated bzip2 data", d->path);
		d->bz.next_in = (char *)d->in + d->in_pos;
		d->bz.avail_in = (unsigned)(d->in_len - d->in_pos);
		d->bz.next_out = buf;
		d->bz.avail_out = (unsigned)(len > UINT32_MAX ? UINT32_MAX : len);
		r = BZ2_bzDecompress(&d->bz);
		d->in_pos = d->in_len - d->bz.avail_in;
		*ret_n = (size_t)((char *)d->bz.next_out - (char *)buf);
		if (r == BZ_STREAM_END) {
			/* Concatenated streams (pbzip2): start again if more input follows. */
			BZ2_bzDecompressEnd(&d->bz);
			d->bz_init = false;
			r = fill(d, err);
			if (r < 0)
				return r;
			if (d->in_pos >= d->in_len && d->in_eof) {
				d->done = true;
			} else {
				if (BZ2_bzDecompressInit(&d->bz, 0, 0) != BZ_OK)
					return bi_err_set(err, BI_EINTERNAL, "%s: bzip2 init",
							  d->path);
				d->bz_init = true;
			}
			if (*ret_n)
				return 0;
			continue;
		}
		if (r != BZ_OK)
			return bi_err_set(err, BI_EFORMAT, "%s: corrupt bzip2 data (error %d)",
					  d->path, r);
		if (*ret_n)
			return 0;
	}
	*ret_n = 0;
	return 0;
}

static int read_xz(struct bi_decomp *d, void *buf, size_t len, size_t *ret_n, struct bi_err **err)
{
	while (!d->done) {
		lzma_ret r;
		int rr = fill(d, err);

		if (rr < 0)
			return rr;
		d->xz.next_in = d->in + d->in_pos;
		d->xz.avail_in = d->in_len - d->in_pos;
		d->xz.next_out = buf;
		d->xz.avail_out = len;
		r = lzma_code(&d->xz, d->in_eof && d->in_pos >= d->in_len ? LZMA_FINISH : LZMA_RUN);
		d->in_pos = d->in_len - d->xz.avail_in;
		*ret_n = len - d->xz.avail_out;
		if (r == LZMA_STREAM_END) {
			d->done = true;
			return 0;
		}
		if (r == LZMA_MEMLIMIT_ERROR)
			return bi_err_set(err, BI_ELIMIT,
					  "%s: xz needs more than 256 MiB of memory", d->path);
		if (r != LZMA_OK && r != LZMA_BUF_ERROR)
			return bi_err_set(err, BI_EFORMAT, "%s: corrupt xz data (error %d)",
					  d->path, (int)r);
		if (r == LZMA_BUF_ERROR && d->in_eof)
			return bi_err_set(err, BI_EFORMAT, "%s: truncated xz data", d->path);
		if (*ret_n)
			return 0;
	}
	*ret_n = 0;
	return 0;
}

int bi_decomp_read(struct bi_decomp *d, void *buf, size_t len, size_t *ret_n, struct bi_err **err)
{
	int r = 0;

	*ret_n = 0;
	if (len == 0)
		return 0;
	if (d->pending_pos < d->pending_len) {
		size_t n = d->pending_len - d->pending_pos;
		if (n > len)
			n = len;
		memcpy(buf, d->pending + d->pending_pos, n);
		d->pending_pos += n;
		*ret_n = n;
		return 0;
	}
	switch (d->kind) {
	case BI_DECOMP_PLAIN:
		if (d->in_pos < d->in_len) {
			size_t n = d->in_len - d->in_pos;
			if (n > len)
				n = len;
			memcpy(buf, d->in + d->in_pos, n);
			d->in_pos += n;
			*ret_n = n;
		} else if (!d->in_eof && d->fd >= 0) {
			ssize_t n;
			do
				n = read(d->fd, buf, len);
			while (n < 0 && errno == EINTR);
			if (n < 0)
				return bi_err_set_errno(err, BI_EIO, errno, "%s", d->path);
			if (n == 0)
				d->in_eof = true;
			*ret_n = (size_t)n;
		}
		break;
	case BI_DECOMP_BZIP2:
		r = read_bz(d, buf, len, ret_n, err);
		break;
	case BI_DECOMP_XZ:
		r = read_xz(d, buf, len, ret_n, err);
		break;
	case BI_DECOMP__MAX:
		assert(!"bad kind");
	}
	if (r < 0)
		return r;
	d->total_out += *ret_n;
	if (d->total_out > d->max_out)
		return bi_err_set(err, BI_ELIMIT, "%s: more than %" PRIu64 " bytes of data",
				  d->path, d->max_out);
	return 0;
}

void bi_decomp_unread(struct bi_decomp *d, struct bi_span bytes)
{
	assert(!d->pending);
	d->pending = bi_xmalloc(bytes.len ? bytes.len : 1);
	memcpy(d->pending, bytes.ptr, bytes.len);
	d->pending_len = bytes.len;
	d->pending_pos = 0;
}

int bi_decomp_read_all(struct bi_decomp *d, struct bi_buf *out, struct bi_err **err)
{
	for (;;) {
		size_t room = out->max - out->len, n;
		char probe;
		int r;

		if (room == 0) {
			/* Full: only an immediate end of data is fine. */
			r = bi_decomp_read(d, &probe, 1, &n, err);
			if (r < 0)
				return r;
			if (n)
				return bi_err_set(err, BI_ELIMIT, "%s: larger than %zu bytes",
						  d->path, out->max);
			return 0;
		}
		if (room > 64 * BI_KiB)
			room = 64 * BI_KiB;
		r = bi_buf_grow(out, room);
		assert(r == 0);
		r = bi_decomp_read(d, out->buf + out->len, room, &n, err);
		if (r < 0)
			return r;
		if (n == 0)
			return 0;
		bi_buf_setlen(out, out->len + n);
	}
}
