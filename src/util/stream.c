/* SPDX-License-Identifier: MIT */
/*
 * Stacked input streams (apk-tools io.c, io_gunzip.c, io_zstd.c): the only
 * file that uses zlib, isa-l and libzstd.
 */
#include <pthread.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>
#ifdef BI_HAVE_ISAL
#	include <isa-l/igzip_lib.h>
#endif

#include "util/common.h"
#include "util/stream.h"

#define IN_BUFSZ (128 * 1024)
#define RATIO_FLOOR ((uint64_t)BI_MiB)

struct bi_istream {
	ssize_t (*read)(struct bi_istream *is, void *buf, size_t len, struct bi_err **err);
	void (*close)(struct bi_istream *is);
	int failed; /* sticky error code */
};

static bool force_zlib;

void bi_stream__force_zlib(bool on)
{
	force_zlib = on;
}

bool bi_stream_have_isal(void)
{
#ifdef BI_HAVE_ISAL
	return true;
#else
	return false;
#endif
}

ssize_t bi_istream_read(struct bi_istream *is, void *buf, size_t len, struct bi_err **err)
{
	ssize_t n;

	if (is->failed)
		return bi_err_set(err, is->failed, "stream read after an earlier error");
	if (len == 0)
		return 0;
	n = is->read(is, buf, len, err);
	if (n < 0)
		is->failed = (int)n;
	return n;
}

int bi_istream_drain(struct bi_istream *is, struct bi_err **err)
{
	_cleanup_free_ char *buf = bi_xmalloc(IN_BUFSZ);
	ssize_t n;

	while ((n = bi_istream_read(is, buf, IN_BUFSZ, err)) > 0)
		;
	return n < 0 ? (int)n : 0;
}

void bi_istream_free(struct bi_istream *is)
{
	if (is)
		is->close(is);
}

void bi_istream_freep(struct bi_istream **is)
{
	bi_istream_free(*is);
	*is = NULL;
}

const char *bi_compression_name(enum bi_compression c)
{
	switch (c) {
	case BI_COMP_NONE:
		return "none";
	case BI_COMP_GZIP:
		return "gzip";
	case BI_COMP_ZSTD:
		return "zstd";
	case BI_COMP__MAX:
		break;
	}
	return "?";
}

enum bi_compression bi_compression_sniff(const void *data, size_t len)
{
	const unsigned char *p = data;

	if (len >= 2 && p[0] == 0x1f && p[1] == 0x8b)
		return BI_COMP_GZIP;
	if (len >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd)
		return BI_COMP_ZSTD;
	return BI_COMP_NONE;
}

/* ---- a byte range of a file ---- */

struct fd_stream {
	struct bi_istream is;
	int fd;
	bool own;
	uint64_t off, end;
	char *name;
};

static ssize_t fd_read(struct bi_istream *is, void *buf, size_t len, struct bi_err **err)
{
	struct fd_stream *s = (struct fd_stream *)is;
	ssize_t n;

	if (s->off >= s->end)
		return 0;
	if (len > s->end - s->off)
		len = (size_t)(s->end - s->off);
	do
		n = pread(s->fd, buf, len, (off_t)s->off);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return bi_err_set_errno(err, BI_EIO, errno, "%s: read", s->name);
	if (n == 0)
		return bi_err_set(err, BI_EFORMAT, "%s: file ends %" PRIu64 " bytes early", s->name,
				  s->end - s->off);
	s->off += (uint64_t)n;
	return n;
}

static void fd_close(struct bi_istream *is)
{
	struct fd_stream *s = (struct fd_stream *)is;

	if (s->own && s->fd >= 0)
		close(s->fd);
	free(s->name);
	free(s);
}

struct bi_istream *bi_istream_fd(int fd, bool own_fd, uint64_t off, uint64_t len, const char *name)
{
	struct fd_stream *s = bi_xcalloc(1, sizeof(*s));

	s->is.read = fd_read;
	s->is.close = fd_close;
	s->fd = fd;
	s->own = own_fd;
	s->off = off;
	s->end = off + len;
	s->name = bi_xstrdup(name ? name : "input");
	return &s->is;
}

/* ---- callbacks ---- */

struct func_stream {
	struct bi_istream is;
	ssize_t (*read)(void *ctx, void *buf, size_t len, struct bi_err **err);
	void (*close)(void *ctx);
	void *ctx;
};

static ssize_t func_read(struct bi_istream *is, void *buf, size_t len, struct bi_err **err)
{
	struct func_stream *s = (struct func_stream *)is;

	return s->read(s->ctx, buf, len, err);
}

static void func_close(struct bi_istream *is)
{
	struct func_stream *s = (struct func_stream *)is;

	if (s->close)
		s->close(s->ctx);
	free(s);
}

struct bi_istream *bi_istream_func(ssize_t (*read)(void *ctx, void *buf, size_t len,
						   struct bi_err **err),
				   void (*close)(void *ctx), void *ctx)
{
	struct func_stream *s = bi_xcalloc(1, sizeof(*s));

	s->is.read = func_read;
	s->is.close = func_close;
	s->read = read;
	s->close = close;
	s->ctx = ctx;
	return &s->is;
}

/* ---- memory ---- */

struct mem_stream {
	struct bi_istream is;
	const char *p;
	size_t len;
};

static ssize_t mem_read(struct bi_istream *is, void *buf, size_t len, struct bi_err **err)
{
	struct mem_stream *s = (struct mem_stream *)is;

	if (len > s->len)
		len = s->len;
	memcpy(buf, s->p, len);
	s->p += len;
	s->len -= len;
	return (ssize_t)len;
}

static void mem_close(struct bi_istream *is)
{
	free(is);
}

struct bi_istream *bi_istream_mem(const void *data, size_t len)
{
	struct mem_stream *s = bi_xcalloc(1, sizeof(*s));

	s->is.read = mem_read;
	s->is.close = mem_close;
	s->p = data;
	s->len = len;
	return &s->is;
}

/* ---- tee ---- */

struct tee_stream {
	struct bi_istream is;
	struct bi_istream *src;
	void (*fn)(void *ctx, const void *data, size_t len);
	void *ctx;
};

static ssize_t tee_read(struct bi_istream *is, void *buf, size_t len, struct bi_err **err)
{
	struct tee_stream *s = (struct tee_stream *)is;
	ssize_t n = bi_istream_read(s->src, buf, len, err);

	if (n > 0)
		s->fn(s->ctx, buf, (size_t)n);
	return n;
}

static void tee_close(struct bi_istream *is)
{
	struct tee_stream *s = (struct tee_stream *)is;

	bi_istream_free(s->src);
	free(s);
}

struct bi_istream *bi_istream_tee(struct bi_istream *src,
				  void (*fn)(void *ctx, const void *data, size_t len), void *ctx)
{
	struct tee_stream *s = bi_xcalloc(1, sizeof(*s));

	s->is.read = tee_read;
	s->is.close = tee_close;
	s->src = src;
	s->fn = fn;
	s->ctx = ctx;
	return &s->is;
}

/* ---- decompression ---- */

enum dec_kind {
	DEC_ISAL,
	DEC_ZLIB,
	DEC_ZSTD,
};

struct dec_stream {
	struct bi_istream is;
	struct bi_istream *src;
	enum dec_kind kind;
	char *name;
	struct bi_stream_limits lim;
	unsigned char *in;
	size_t in_len, in_pos;
	bool src_eof;
	bool member_done; /* between gzip members / zstd frames */
	bool started;	  /* some member or frame began */
	bool done;
	uint64_t total_in, total_out;
#ifdef BI_HAVE_ISAL
	struct inflate_state *isal;
#endif
	z_stream z;
	bool z_init;
	ZSTD_DStream *zs;
};

static int refill(struct dec_stream *s, struct bi_err **err)
{
	ssize_t n;

	if (s->in_pos < s->in_len || s->src_eof)
		return 0;
	n = bi_istream_read(s->src, s->in, IN_BUFSZ, err);
	if (n < 0)
		return (int)n;
	s->in_pos = 0;
	s->in_len = (size_t)n;
	if (n == 0)
		s->src_eof = true;
	return 0;
}

static int check_limits(struct dec_stream *s, size_t produced, struct bi_err **err)
{
	s->total_out += produced;
	if (s->lim.max_out && s->total_out > s->lim.max_out)
		return bi_err_set(err, BI_ELIMIT,
				  "%s: more than %" PRIu64
				  " bytes uncompressed (cap BI_MAX_LAYER_UNCOMPRESSED: a "
				  "decompression bomb?)",
				  s->name, s->lim.max_out);
	if (s->lim.max_ratio && s->total_out > RATIO_FLOOR &&
	    s->total_out / (s->total_in ? s->total_in : 1) > s->lim.max_ratio)
		return bi_err_set(err, BI_ELIMIT,
				  "%s: compression ratio above %" PRIu64 ":1 (%" PRIu64
				  " bytes from %" PRIu64
				  "; cap BI_MAX_COMPRESSION_RATIO: a decompression bomb?)",
				  s->name, s->lim.max_ratio, s->total_out, s->total_in);
	return 0;
}

/* Between gzip members: another member, zero padding, or the end. */
static int gzip_between(struct dec_stream *s, struct bi_err **err)
{
	for (;;) {
		int r = refill(s, err);

		if (r < 0)
			return r;
		if (s->in_pos == s->in_len) {
			s->done = true;
			return 0;
		}
		if (s->in[s->in_pos] == 0x1f) {
			s->member_done = false;
			return 1;
		}
		if (s->in[s->in_pos] != 0)
			return bi_err_set(
				err, BI_EFORMAT,
				"%s: trailing garbage after the gzip data at byte %" PRIu64,
				s->name, s->total_in);
		s->in_pos++;
		s->total_in++;
	}
}

#ifdef BI_HAVE_ISAL
static const char *isal_strerror(int r)
{
	switch (r) {
	case ISAL_INVALID_BLOCK:
		return "invalid deflate block";
	case ISAL_INVALID_SYMBOL:
		return "invalid deflate symbol";
	case ISAL_INVALID_LOOKBACK:
		return "invalid distance (corrupt data)";
	case ISAL_INVALID_WRAPPER:
		return "not in gzip format";
	case ISAL_UNSUPPORTED_METHOD:
		return "unsupported gzip method";
	case ISAL_INCORRECT_CHECKSUM:
		return "gzip CRC or length mismatch";
	default:
		return "corrupt gzip data";
	}
}

static ssize_t isal_step(struct dec_stream *s, void *buf, size_t len, struct bi_err **err)
{
	struct inflate_state *st = s->isal;
	uint32_t avail = (uint32_t)(s->in_len - s->in_pos);
	int r;

	if (len > UINT32_MAX)
		len = UINT32_MAX;
	st->next_in = s->in + s->in_pos;
	st->avail_in = avail;
	st->next_out = buf;
	st->avail_out = (uint32_t)len;
	r = isal_inflate(st);
	s->total_in += avail - st->avail_in;
	s->in_pos += avail - st->avail_in;
	if (r < 0)
		return bi_err_set(err, BI_EFORMAT, "%s: %s near compressed byte %" PRIu64, s->name,
				  isal_strerror(r), s->total_in);
	if (st->block_state == ISAL_BLOCK_FINISH) {
		s->member_done = true;
		isal_inflate_reset(st);
		st->crc_flag = ISAL_GZIP;
	}
	return (ssize_t)(len - st->avail_out);
}
#endif

static ssize_t zlib_step(struct dec_stream *s, void *buf, size_t len, struct bi_err **err)
{
	uInt avail = (uInt)(s->in_len - s->in_pos);
	int r;

	if (len > UINT32_MAX)
		len = UINT32_MAX;
	s->z.next_in = s->in + s->in_pos;
	s->z.avail_in = avail;
	s->z.next_out = buf;
	s->z.avail_out = (uInt)len;
	r = inflate(&s->z, Z_NO_FLUSH);
	s->total_in += avail - s->z.avail_in;
	s->in_pos += avail - s->z.avail_in;
	if (r == Z_STREAM_END) {
		s->member_done = true;
		inflateReset(&s->z);
	} else if (r != Z_OK && r != Z_BUF_ERROR) {
		return bi_err_set(err, BI_EFORMAT, "%s: %s near compressed byte %" PRIu64, s->name,
				  s->z.msg ? s->z.msg : "corrupt gzip data", s->total_in);
	}
	return (ssize_t)(len - s->z.avail_out);
}

static ssize_t zstd_step(struct dec_stream *s, void *buf, size_t len, struct bi_err **err)
{
	ZSTD_inBuffer in = { s->in + s->in_pos, s->in_len - s->in_pos, 0 };
	ZSTD_outBuffer out = { buf, len, 0 };
	size_t r = ZSTD_decompressStream(s->zs, &out, &in);

	s->total_in += in.pos;
	s->in_pos += in.pos;
	if (ZSTD_isError(r)) {
		if (ZSTD_getErrorCode(r) == ZSTD_error_frameParameter_windowTooLarge)
			return bi_err_set(err, BI_ELIMIT,
					  "%s: zstd window larger than %u MiB (cap "
					  "BI_MAX_ZSTD_WINDOW_LOG)",
					  s->name, (1u << BI_MAX_ZSTD_WINDOW_LOG) >> 20);
		return bi_err_set(err, BI_EFORMAT, "%s: zstd: %s near compressed byte %" PRIu64,
				  s->name, ZSTD_getErrorName(r), s->total_in);
	}
	s->member_done = r == 0;
	return (ssize_t)out.pos;
}

static ssize_t dec_read(struct bi_istream *is, void *buf, size_t len, struct bi_err **err)
{
	struct dec_stream *s = (struct dec_stream *)is;

	for (;;) {
		ssize_t n;
		int r;

		if (s->done)
			return 0;
		r = refill(s, err);
		if (r < 0)
			return r;
		if (s->kind != DEC_ZSTD && s->member_done) {
			r = gzip_between(s, err);
			if (r < 0)
				return r;
			continue;
		}
		if (s->in_pos == s->in_len) {
			/* Source ended. */
			if (s->started && s->member_done) {
				s->done = true;
				return 0;
			}
			return bi_err_set(err, BI_EFORMAT,
					  "%s: %s data ends early (truncated after %" PRIu64
					  " compressed bytes)",
					  s->name, s->kind == DEC_ZSTD ? "zstd" : "gzip",
					  s->total_in);
		}
		s->started = true;
		switch (s->kind) {
#ifdef BI_HAVE_ISAL
		case DEC_ISAL:
			n = isal_step(s, buf, len, err);
			break;
#else
		case DEC_ISAL:
#endif
		case DEC_ZLIB:
			n = zlib_step(s, buf, len, err);
			break;
		case DEC_ZSTD:
		default:
			n = zstd_step(s, buf, len, err);
			break;
		}
		if (n < 0)
			return n;
		if (n > 0) {
			r = check_limits(s, (size_t)n, err);
			if (r < 0)
				return r;
			return n;
		}
	}
}

static void dec_close(struct bi_istream *is)
{
	struct dec_stream *s = (struct dec_stream *)is;

#ifdef BI_HAVE_ISAL
	free(s->isal);
#endif
	if (s->z_init)
		inflateEnd(&s->z);
	if (s->zs)
		ZSTD_freeDStream(s->zs);
	bi_istream_free(s->src);
	free(s->in);
	free(s->name);
	free(s);
}

struct bi_istream *bi_istream_decompress(struct bi_istream *src, enum bi_compression c,
					 const char *name, const struct bi_stream_limits *lim)
{
	struct dec_stream *s;

	if (c == BI_COMP_NONE)
		return src;
	s = bi_xcalloc(1, sizeof(*s));
	s->is.read = dec_read;
	s->is.close = dec_close;
	s->src = src;
	s->name = bi_xstrdup(name ? name : "input");
	if (lim)
		s->lim = *lim;
	s->in = bi_xmalloc(IN_BUFSZ);
	if (c == BI_COMP_ZSTD) {
		s->kind = DEC_ZSTD;
		s->zs = ZSTD_createDStream();
		if (!s->zs)
			abort();
		ZSTD_DCtx_setParameter(s->zs, ZSTD_d_windowLogMax, BI_MAX_ZSTD_WINDOW_LOG);
		return &s->is;
	}
#ifdef BI_HAVE_ISAL
	if (!force_zlib) {
		s->kind = DEC_ISAL;
		s->isal = bi_xcalloc(1, sizeof(*s->isal));
		isal_inflate_init(s->isal);
		s->isal->crc_flag = ISAL_GZIP;
		return &s->is;
	}
#endif
	s->kind = DEC_ZLIB;
	if (inflateInit2(&s->z, 15 + 16) != Z_OK)
		abort();
	s->z_init = true;
	return &s->is;
}

/* ---- a pipeline stage in its own thread ---- */

#define ASYNC_NBUF 4
#define ASYNC_BUFSZ (256 * 1024)

struct async_stream {
	struct bi_istream is;
	struct bi_istream *src;
	pthread_t tid;
	bool started;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	char *bufs[ASYNC_NBUF];
	size_t lens[ASYNC_NBUF];
	size_t head, count, pos; /* filled slots head..head+count; pos inside head */
	bool eof, stop;
	int code;
	struct bi_err *err;
};

static void *async_main(void *arg)
{
	struct async_stream *s = arg;

	for (;;) {
		struct bi_err *err = NULL;
		size_t slot, got = 0;
		ssize_t n = 1;

		pthread_mutex_lock(&s->lock);
		while (s->count == ASYNC_NBUF && !s->stop)
			pthread_cond_wait(&s->cond, &s->lock);
		if (s->stop) {
			pthread_mutex_unlock(&s->lock);
			break;
		}
		slot = (s->head + s->count) % ASYNC_NBUF;
		pthread_mutex_unlock(&s->lock);
		while (got < ASYNC_BUFSZ) {
			n = bi_istream_read(s->src, s->bufs[slot] + got, ASYNC_BUFSZ - got, &err);
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		pthread_mutex_lock(&s->lock);
		if (got) {
			s->lens[slot] = got;
			s->count++;
		}
		if (n <= 0) {
			s->eof = true;
			s->code = n < 0 ? (int)n : 0;
			s->err = err;
		}
		pthread_cond_broadcast(&s->cond);
		pthread_mutex_unlock(&s->lock);
		if (n <= 0)
			break;
	}
	return NULL;
}

static ssize_t async_read(struct bi_istream *is, void *buf, size_t len, struct bi_err **err)
{
	struct async_stream *s = (struct async_stream *)is;
	size_t slot, k;

	pthread_mutex_lock(&s->lock);
	while (s->count == 0 && !s->eof)
		pthread_cond_wait(&s->cond, &s->lock);
	if (s->count == 0) {
		int code = s->code;

		if (code < 0) {
			if (err && !*err)
				*err = TAKE_PTR(s->err);
		}
		pthread_mutex_unlock(&s->lock);
		return code;
	}
	slot = s->head;
	pthread_mutex_unlock(&s->lock);
	k = s->lens[slot] - s->pos;
	if (k > len)
		k = len;
	memcpy(buf, s->bufs[slot] + s->pos, k);
	s->pos += k;
	if (s->pos == s->lens[slot]) {
		pthread_mutex_lock(&s->lock);
		s->head = (s->head + 1) % ASYNC_NBUF;
		s->count--;
		s->pos = 0;
		pthread_cond_broadcast(&s->cond);
		pthread_mutex_unlock(&s->lock);
	}
	return (ssize_t)k;
}

static void async_close(struct bi_istream *is)
{
	struct async_stream *s = (struct async_stream *)is;

	pthread_mutex_lock(&s->lock);
	s->stop = true;
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->lock);
	if (s->started)
		pthread_join(s->tid, NULL);
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->cond);
	for (int i = 0; i < ASYNC_NBUF; i++)
		free(s->bufs[i]);
	bi_err_free(s->err);
	bi_istream_free(s->src);
	free(s);
}

struct bi_istream *bi_istream_async(struct bi_istream *src)
{
	struct async_stream *s = bi_xcalloc(1, sizeof(*s));

	s->is.read = async_read;
	s->is.close = async_close;
	s->src = src;
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->cond, NULL);
	for (int i = 0; i < ASYNC_NBUF; i++)
		s->bufs[i] = bi_xmalloc(ASYNC_BUFSZ);
	s->started = pthread_create(&s->tid, NULL, async_main, s) == 0;
	if (!s->started) {
		/* No thread: read synchronously instead. */
		struct bi_istream *inner = TAKE_PTR(s->src);
		s->stop = true;
		async_close(&s->is);
		return inner;
	}
	return &s->is;
}
