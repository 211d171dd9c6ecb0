/* SPDX-License-Identifier: MIT */
#ifndef BI_DOCKERFILE_GOSTR_H
#define BI_DOCKERFILE_GOSTR_H

/*
 * Go string semantics BuildKit's parser depends on (internal to
 * src/dockerfile): UTF-8 decoding as utf8.DecodeRune (an invalid byte is
 * U+FFFD of width 1), unicode.IsSpace/IsPrint/IsLetter/IsDigit,
 * strings.TrimSpace, strings.ToLower and strconv.Quote.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/span.h"

struct bi_urange {
	uint32_t lo, hi;
};
extern const struct bi_urange bi_u_print[], bi_u_letter[], bi_u_digit[];
extern const size_t bi_u_print_n, bi_u_letter_n, bi_u_digit_n;

#define BI_RUNE_ERROR 0xFFFDu

/* Decode the rune at s[0] (len > 0); *ret_width is 1..4. */
uint32_t bi_go_decode(const char *s, size_t len, size_t *ret_width);
void bi_go_put_rune(struct bi_buf *b, uint32_t r);
bool bi_go_isspace(uint32_t r);
/* unicode.IsSpace(rune(b)): the byte read as a Latin-1 code point. */
bool bi_go_isspace_byte(unsigned char b);
bool bi_go_isprint(uint32_t r);
bool bi_go_isletter(uint32_t r);
bool bi_go_isdigit(uint32_t r);
/* strings.TrimSpace / TrimLeftFunc(unicode.IsSpace). */
struct bi_span bi_go_trim_space(struct bi_span s);
struct bi_span bi_go_trim_left_space(struct bi_span s);
/* strings.ToLower (ASCII, Latin-1 letters and the few runes that map to ASCII). */
void bi_go_lower(struct bi_buf *out, struct bi_span s);
/* strconv.Quote. */
void bi_go_quote(struct bi_buf *out, struct bi_span s);

#endif
