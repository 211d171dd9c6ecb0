/* SPDX-License-Identifier: MIT */
#include "util/common.h"

#include "dockerfile/gostr.h"

uint32_t bi_go_decode(const char *s, size_t len, size_t *ret_width)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char b0 = p[0], lo = 0x80, hi = 0xBF;
	size_t need;
	uint32_t r;

	*ret_width = 1;
	if (b0 < 0x80)
		return b0;
	if (b0 >= 0xC2 && b0 <= 0xDF) {
		need = 2;
		r = b0 & 0x1F;
	} else if (b0 >= 0xE0 && b0 <= 0xEF) {
		need = 3;
		r = b0 & 0x0F;
		if (b0 == 0xE0)
			lo = 0xA0;
		else if (b0 == 0xED)
			hi = 0x9F;
	} else if (b0 >= 0xF0 && b0 <= 0xF4) {
		need = 4;
		r = b0 & 0x07;
		if (b0 == 0xF0)
			lo = 0x90;
		else if (b0 == 0xF4)
			hi = 0x8F;
	} else {
		return BI_RUNE_ERROR;
	}
	if (len < need || p[1] < lo || p[1] > hi)
		return BI_RUNE_ERROR;
	r = (r << 6) | (p[1] & 0x3F);
	for (size_t i = 2; i < need; i++) {
		if (p[i] < 0x80 || p[i] > 0xBF)
			return BI_RUNE_ERROR;
		r = (r << 6) | (p[i] & 0x3F);
	}
	*ret_width = need;
	return r;
}

void bi_go_put_rune(struct bi_buf *b, uint32_t r)
{
	char t[4];

	if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
		r = BI_RUNE_ERROR;
	if (r < 0x80) {
		bi_buf_addch(b, (char)r);
	} else if (r < 0x800) {
		t[0] = (char)(0xC0 | (r >> 6));
		t[1] = (char)(0x80 | (r & 0x3F));
		bi_buf_add(b, t, 2);
	} else if (r < 0x10000) {
		t[0] = (char)(0xE0 | (r >> 12));
		t[1] = (char)(0x80 | ((r >> 6) & 0x3F));
		t[2] = (char)(0x80 | (r & 0x3F));
		bi_buf_add(b, t, 3);
	} else {
		t[0] = (char)(0xF0 | (r >> 18));
		t[1] = (char)(0x80 | ((r >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((r >> 6) & 0x3F));
		t[3] = (char)(0x80 | (r & 0x3F));
		bi_buf_add(b, t, 4);
	}
}

bool bi_go_isspace(uint32_t r)
{
	switch (r) {
	case '\t':
	case '\n':
	case '\v':
	case '\f':
	case '\r':
	case ' ':
	case 0x85:
	case 0xA0:
	case 0x1680:
	case 0x2028:
	case 0x2029:
	case 0x202F:
	case 0x205F:
	case 0x3000:
		return true;
	default:
		return r >= 0x2000 && r <= 0x200A;
	}
}

bool bi_go_isspace_byte(unsigned char b)
{
	return bi_go_isspace(b);
}

static bool in_table(const struct bi_urange *t, size_t n, uint32_t r)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (r < t[mid].lo)
			hi = mid;
		else if (r > t[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

bool bi_go_isprint(uint32_t r)
{
	if (r < 0x80)
		return r >= 0x20 && r < 0x7F;
	return in_table(bi_u_print, bi_u_print_n, r);
}

bool bi_go_isletter(uint32_t r)
{
	if (r < 0x80)
		return (r | 0x20) >= 'a' && (r | 0x20) <= 'z';
	return in_table(bi_u_letter, bi_u_letter_n, r);
}

bool bi_go_isdigit(uint32_t r)
{
	if (r < 0x80)
		return r >= '0' && r <= '9';
	return in_table(bi_u_digit, bi_u_digit_n, r);
}

struct bi_span bi_go_trim_left_space(struct bi_span s)
{
	while (s.len) {
		size_t w;
		uint32_t r = bi_go_decode(s.ptr, s.len, &w);
		if (!bi_go_isspace(r) || (r == BI_RUNE_ERROR && w == 1))
			break;
		s.ptr += w;
		s.len -= w;
	}
	return s;
}

struct bi_span bi_go_trim_space(struct bi_span s)
{
	size_t i = 0, end = 0;

	s = bi_go_trim_left_space(s);
	while (i < s.len) {
		size_t w;
		uint32_t r = bi_go_decode(s.ptr + i, s.len - i, &w);
		i += w;
		if (!bi_go_isspace(r))
			end = i;
	}
	s.len = end;
	return s;
}

static uint32_t lower_rune(uint32_t r)
{
	if (r >= 'A' && r <= 'Z')
		return r + 32;
	if (r >= 0xC0 && r <= 0xDE && r != 0xD7)
		return r + 32;
	if (r == 0x130)
		return 'i';
	if (r == 0x212A)
		return 'k';
	if (r == 0x212B)
		return 0xE5;
	return r;
}

void bi_go_lower(struct bi_buf *out, struct bi_span s)
{
	size_t i = 0;

	while (i < s.len) {
		size_t w;
		uint32_t r = bi_go_decode(s.ptr + i, s.len - i, &w);
		i += w;
		bi_go_put_rune(out, lower_rune(r));
	}
}

void bi_go_quote(struct bi_buf *out, struct bi_span s)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0;

	bi_buf_addch(out, '"');
	while (i < s.len) {
		size_t w;
		unsigned char c = (unsigned char)s.ptr[i];
		uint32_t r = bi_go_decode(s.ptr + i, s.len - i, &w);

		if (r == BI_RUNE_ERROR && w == 1) {
			bi_buf_addf(out, "\\x%c%c", hex[c >> 4], hex[c & 15]);
			i++;
			continue;
		}
		i += w;
		if (r == '"' || r == '\\') {
			bi_buf_addch(out, '\\');
			bi_buf_addch(out, (char)r);
			continue;
		}
		if (bi_go_isprint(r)) {
			bi_buf_add(out, s.ptr + i - w, w);
			continue;
		}
		switch (r) {
		case '\a':
			bi_buf_adds(out, "\\a");
			break;
		case '\b':
			bi_buf_adds(out, "\\b");
			break;
		case '\f':
			bi_buf_adds(out, "\\f");
			break;
		case '\n':
			bi_buf_adds(out, "\\n");
			break;
		case '\r':
			bi_buf_adds(out, "\\r");
			break;
		case '\t':
			bi_buf_adds(out, "\\t");
			break;
		case '\v':
			bi_buf_adds(out, "\\v");
			break;
		default:
			if (r < ' ' || r == 0x7F)
				bi_buf_addf(out, "\\x%c%c", hex[r >> 4], hex[r & 15]);
			else if (r < 0x10000)
				bi_buf_addf(out, "\\u%04x", (unsigned)r);
			else
				bi_buf_addf(out, "\\U%08x", (unsigned)r);
		}
	}
	bi_buf_addch(out, '"');
}
