/* SPDX-License-Identifier: MIT */
#ifndef BI_UTIL_STREAM_H
#define BI_UTIL_STREAM_H

/*
 * Input streams stacked as filters (apk-tools apk_istream): a byte range of a
 * file, an in-memory buffer, a tee that hands every byte to a callback (for
 * hashing and counting), and decompressors (gzip through isa-l when built
 * with it, zlib otherwise; zstd through libzstd). stream.c is the only file
 * that touches zlib, isa-l or libzstd.
 *
 * A filter owns the stream below it: bi_istream_free() on the top frees the
 * whole stack. Reads may be short; 0 means the end.
 */
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct bi_err;
struct bi_istream;

enum bi_compression {
	BI_COMP_NONE,
	BI_COMP_GZIP,
	BI_COMP_ZSTD,
	BI_COMP__MAX,
};

/* Bomb guards for a decompressor (see util/limits.h). 0 means no cap. */
struct bi_stream_limits {
	uint64_t max_out;   /* uncompressed bytes */
	uint64_t max_ratio; /* uncompressed / compressed, checked past 1 MiB of output */
};

/* Read up to len bytes: the count, 0 at the end, or a negative BI_E* (err set). */
ssize_t bi_istream_read(struct bi_istream *is, void *buf, size_t len, struct bi_err **err);
/* Read and discard to the end. */
int bi_istream_drain(struct bi_istream *is, struct bi_err **err);
void bi_istream_free(struct bi_istream *is);
void bi_istream_freep(struct bi_istream **is);

/*
 * len bytes of fd from offset off (pread: several streams may share one fd
 * across threads). The fd is closed with the stream when own_fd. `name`
 * appears in error messages.
 */
struct bi_istream *bi_istream_fd(int fd, bool own_fd, uint64_t off, uint64_t len, const char *name);
/*
 * A stream whose reads call read(ctx, ...) (same contract as
 * bi_istream_read(); never called with len 0) and whose free calls
 * close(ctx) (may be NULL). For readers written elsewhere: a socket, a
 * verifying filter.
 */
struct bi_istream *bi_istream_func(ssize_t (*read)(void *ctx, void *buf, size_t len,
						   struct bi_err **err),
				   void (*close)(void *ctx), void *ctx);
/* A borrowed buffer. */
struct bi_istream *bi_istream_mem(const void *data, size_t len);
/* Every byte read through the tee is passed to fn(ctx, ...). Takes ownership of src. */
struct bi_istream *bi_istream_tee(struct bi_istream *src,
				  void (*fn)(void *ctx, const void *data, size_t len), void *ctx);
/*
 * Read src in a background thread, a few buffers ahead (a pipeline stage:
 * decompression on one core, hashing and the tar walk on another). Errors
 * from src come out of bi_istream_read() as they would have. Takes ownership
 * of src.
 */
struct bi_istream *bi_istream_async(struct bi_istream *src);
/* Decompress src (BI_COMP_NONE returns src itself). Takes ownership of src. */
struct bi_istream *bi_istream_decompress(struct bi_istream *src, enum bi_compression c,
					 const char *name, const struct bi_stream_limits *lim);
/* The compression the first bytes show (gzip / zstd magic), else BI_COMP_NONE. */
enum bi_compression bi_compression_sniff(const void *data, size_t len);
const char *bi_compression_name(enum bi_compression c);

/* Tests only: force the zlib gzip decoder even when isa-l is built in. */
void bi_stream__force_zlib(bool on);
bool bi_stream_have_isal(void);

#endif
