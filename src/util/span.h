/* SPDX-License-Identifier: MIT */
#ifndef BI_UTIL_SPAN_H
#define BI_UTIL_SPAN_H

/*
 * struct bi_span: a borrowed, length-delimited slice (apk-tools apk_blob_t).
 * Parsers take spans and never rely on a terminating NUL.
 * Print with printf("%.*s", BI_SPAN_ARG(s)) or BI_SPAN_FMT.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct bi_span {
	const char *ptr;
	size_t len;
};

#define BI_SPAN_FMT "%.*s"
#define BI_SPAN_ARG(s) (int)(s).len, (s).ptr
#define BI_SPAN_NULL ((struct bi_span){ NULL, 0 })
#define BI_SPAN_LIT(lit) ((struct bi_span){ (lit), sizeof(lit) - 1 })

static inline struct bi_span bi_span_str(const char *s)
{
	return (struct bi_span){ s, s ? strlen(s) : 0 };
}

static inline struct bi_span bi_span_make(const void *p, size_t len)
{
	return (struct bi_span){ (const char *)p, len };
}

bool bi_span_eq(struct bi_span a, struct bi_span b);
bool bi_span_eq_str(struct bi_span a, const char *s);
/* ASCII case-insensitive. */
bool bi_span_ieq_str(struct bi_span a, const char *s);
bool bi_span_starts_with(struct bi_span s, const char *prefix);
bool bi_span_ends_with(struct bi_span s, const char *suffix);
/* If *s starts with prefix, advance past it and return true. */
bool bi_span_eat_prefix(struct bi_span *s, const char *prefix);
/* Index of the first c in s, or -1. */
ptrdiff_t bi_span_find_char(struct bi_span s, char c);
/* Index of the first occurrence of needle, or -1. */
ptrdiff_t bi_span_find(struct bi_span s, struct bi_span needle);
struct bi_span bi_span_trim(struct bi_span s);
struct bi_span bi_span_sub(struct bi_span s, size_t off, size_t len);
/*
 * Take the next line (without "\n", and without a trailing "\r") from *s and
 * advance *s. Returns false when *s is empty.
 */
bool bi_span_next_line(struct bi_span *s, struct bi_span *ret_line);
/* Take the text up to the next sep (or all of *s); false when *s is empty. */
bool bi_span_split(struct bi_span *s, char sep, struct bi_span *ret_tok);
/* Split on the first sep: false if sep is absent. */
bool bi_span_cut(struct bi_span s, char sep, struct bi_span *ret_before, struct bi_span *ret_after);
/* Parse a decimal unsigned integer filling the whole span; false on junk or overflow. */
bool bi_span_to_u64(struct bi_span s, uint64_t *ret);
/* Heap copy with NUL; aborts on OOM. */
char *bi_span_dup(struct bi_span s);

#endif
