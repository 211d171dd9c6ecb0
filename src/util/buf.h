/* SPDX-License-Identifier: MIT */
#ifndef BI_UTIL_BUF_H
#define BI_UTIL_BUF_H

/*
 * struct bi_buf: an owned, growable byte buffer (git strbuf + curl dynbuf).
 * - `buf` is never NULL and always NUL-terminated (buf[len] == 0);
 * - every buffer has a hard cap `max` fixed at init (curl dynbuf): an append
 *   that would exceed it fails with BI_ELIMIT and leaves the buffer unchanged.
 *   Use BI_BUF_NOLIMIT for output the program itself produces.
 * - bi_buf_detach() hands the bytes over to the caller (free() them).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "util/span.h"

struct bi_buf {
	char *buf;
	size_t len;
	size_t alloc; /* 0 while buf points at the shared empty string */
	size_t max;
};

extern char bi_buf__empty[];

#define BI_BUF_NOLIMIT SIZE_MAX
#define BI_BUF_INIT(cap)                   \
	{                                  \
		bi_buf__empty, 0, 0, (cap) \
	}

void bi_buf_init(struct bi_buf *b, size_t max);
/* Free the contents; the buffer is empty again and keeps its cap. */
void bi_buf_release(struct bi_buf *b);
void bi_buf_reset(struct bi_buf *b);
/* Make room for `extra` more bytes. 0 or BI_ELIMIT. */
int bi_buf_grow(struct bi_buf *b, size_t extra);
int bi_buf_add(struct bi_buf *b, const void *data, size_t len);
int bi_buf_adds(struct bi_buf *b, const char *s);
int bi_buf_addspan(struct bi_buf *b, struct bi_span s);
int bi_buf_addch(struct bi_buf *b, char c);
__attribute__((format(printf, 2, 3))) int bi_buf_addf(struct bi_buf *b, const char *fmt, ...);
__attribute__((format(printf, 2, 0))) int bi_buf_vaddf(struct bi_buf *b, const char *fmt,
						       va_list ap);
void bi_buf_setlen(struct bi_buf *b, size_t len);
/* Hand the contents over (NUL-terminated, never NULL); the buffer is empty again. */
char *bi_buf_detach(struct bi_buf *b, size_t *ret_len);

static inline struct bi_span bi_buf_span(const struct bi_buf *b)
{
	return (struct bi_span){ b->buf, b->len };
}

/*
 * Read a whole file (or stdin for "-") into b, failing with BI_ELIMIT past
 * b->max. Errors name the path.
 */
struct bi_err;
int bi_buf_read_file(struct bi_buf *b, const char *path, struct bi_err **err);
int bi_buf_read_fd(struct bi_buf *b, int fd, const char *name, struct bi_err **err);

/*
 * Write `len` bytes to `path` atomically: a temporary file in the same folder,
 * fsync, then rename over path. Never leaves a half-written file.
 */
int bi_write_file_atomic(const char *path, const void *data, size_t len, struct bi_err **err);

#endif
