/* SPDX-License-Identifier: MIT */
#ifndef BI_UTIL_XALLOC_H
#define BI_UTIL_XALLOC_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* Allocation that aborts on out-of-memory (crun xmalloc, git xmalloc). */
void *bi_xmalloc(size_t n);
void *bi_xcalloc(size_t nmemb, size_t size);
void *bi_xrealloc(void *p, size_t n);
/* realloc for nmemb * size with overflow check (aborts on overflow). */
void *bi_xreallocarray(void *p, size_t nmemb, size_t size);
char *bi_xstrdup(const char *s);
char *bi_xstrndup(const char *s, size_t n);
__attribute__((format(printf, 1, 2))) char *bi_xasprintf(const char *fmt, ...);
__attribute__((format(printf, 1, 0))) char *bi_xvasprintf(const char *fmt, va_list ap);

/* Checked size arithmetic (libgit2 GIT_ADD_SIZET_OVERFLOW): true on overflow. */
static inline bool bi_add_overflow(size_t a, size_t b, size_t *out)
{
	return __builtin_add_overflow(a, b, out);
}

static inline bool bi_mul_overflow(size_t a, size_t b, size_t *out)
{
	return __builtin_mul_overflow(a, b, out);
}

/*
 * Grow an array so that `nr` elements fit (git ALLOC_GROW):
 *   BI_ALLOC_GROW(v->items, v->nr + 1, v->alloc);
 */
#define BI_ALLOC_GROW(x, nr, alloc)                                          \
	do {                                                                 \
		if ((size_t)(nr) > (alloc)) {                                \
			size_t _n = (alloc) < 8 ? 8 : (alloc) + (alloc) / 2; \
			if (_n < (size_t)(nr))                               \
				_n = (nr);                                   \
			(x) = bi_xreallocarray((x), _n, sizeof(*(x)));       \
			(alloc) = _n;                                        \
		}                                                            \
	} while (0)

#define BI_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
