/* SPDX-License-Identifier: MIT */
#ifndef BI_UTIL_STRV_H
#define BI_UTIL_STRV_H

/* A growable list of owned strings (each may hold NUL: see lens). */
#include <stdbool.h>
#include <stddef.h>

struct bi_strv {
	char **v;
	size_t n, alloc;
	size_t *lens; /* byte length of each string (they may hold NUL) */
};

void bi_strv_push(struct bi_strv *sv, char *s);			/* takes ownership */
void bi_strv_push_len(struct bi_strv *sv, char *s, size_t len); /* s[len] must be NUL */
void bi_strv_add(struct bi_strv *sv, const char *s);		/* copies; no duplicates */
bool bi_strv_has(const struct bi_strv *sv, const char *s);
void bi_strv_release(struct bi_strv *sv);

#endif
