/* SPDX-License-Identifier: MIT */
#ifndef BI_UTIL_DECOMPRESS_H
#define BI_UTIL_DECOMPRESS_H

/*
 * A streaming reader over a file that may be bzip2- or xz-compressed,
 * detected by its magic bytes (plain files pass through). The one file that
 * uses libbz2 and liblzma (src/util/decompress.c). Output is capped: reading
 * past `max_out` bytes of decompressed data fails with BI_ELIMIT (the
 * decompression-bomb guard). gzip is not handled here (zlib belongs to
 * src/layer/stream.c).
 */
#include <stddef.h>
#include <stdint.h>

#include "util/span.h"

struct bi_err;
struct bi_buf;
struct bi_decomp;

enum bi_decomp_kind {
	BI_DECOMP_PLAIN,
	BI_DECOMP_BZIP2,
	BI_DECOMP_XZ,
	BI_DECOMP__MAX,
};

/* Open path ("-" for stdin); errors name the path. */
int bi_decomp_open(const char *path, uint64_t max_out, struct bi_decomp **ret, struct bi_err **err);
/* The same over bytes in memory (copied); `name` is for messages. */
int bi_decomp_open_memory(struct bi_span data, const char *name, uint64_t max_out,
			  struct bi_decomp **ret, struct bi_err **err);
enum bi_decomp_kind bi_decomp_kind(const struct bi_decomp *d);
/* "plain", "bzip2", "xz". */
const char *bi_decomp_kind_name(enum bi_decomp_kind k);
/* Read up to len bytes; *ret_n = 0 at the end. Errors name the path. */
int bi_decomp_read(struct bi_decomp *d, void *buf, size_t len, size_t *ret_n, struct bi_err **err);
/*
 * Push bytes already read back in front of the stream (used after sniffing
 * a file's head). The bytes are copied; call at most once, before any read.
 */
void bi_decomp_unread(struct bi_decomp *d, struct bi_span bytes);
/* Read everything into out (whose own cap also applies). */
int bi_decomp_read_all(struct bi_decomp *d, struct bi_buf *out, struct bi_err **err);
void bi_decomp_free(struct bi_decomp *d);
void bi_decomp_freep(struct bi_decomp **d);

#endif
