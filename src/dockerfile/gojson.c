/* SPDX-License-Identifier: MIT */
/*
 * The JSON arrays of exec-form instructions, read as Go's encoding/json
 * reads them into []interface{} (BuildKit's parseJSON): the whole text must
 * be valid JSON; strings keep NUL and turn invalid UTF-8 and lone
 * surrogates into U+FFFD; a number too large for a float64 is an error
 * (falls back to shell form), a non-string element is a parse error.
 */
#include <math.h>

#include "util/common.h"

#include "dockerfile/internal.h"

struct jp {
	const char *s;
	size_t len, pos;
};

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void skip_ws(struct jp *p)
{
	while (p->pos < p->len && is_ws(p->s[p->pos]))
		p->pos++;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static long get_u4(const struct jp *p, size_t at)
{
	long v = 0;

	if (at + 6 > p->len || p->s[at] != '\\' || p->s[at + 1] != 'u')
		return -1;
	for (size_t i = at + 2; i < at + 6; i++) {
		int h = hexval(p->s[i]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* A string at p->pos (the opening quote); decoded into out when non-NULL. */
static bool scan_string(struct jp *p, struct bi_buf *out)
{
	p->pos++;
	while (p->pos < p->len) {
		unsigned char c = (unsigned char)p->s[p->pos];
		if (c == '"') {
			p->pos++;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c == '\\') {
			long r, r2;
			if (p->pos + 1 >= p->len)
				return false;
			switch (p->s[p->pos + 1]) {
			case '"':
			case '\\':
			case '/':
				if (out)
					bi_buf_addch(out, p->s[p->pos + 1]);
				p->pos += 2;
				continue;
			case 'b':
			case 'f':
			case 'n':
			case 'r':
			case 't':
				if (out) {
					char e = p->s[p->pos + 1];
					bi_buf_addch(out, e == 'b' ? '\b' :
							  e == 'f' ? '\f' :
							  e == 'n' ? '\n' :
							  e == 'r' ? '\r' :
								     '\t');
				}
				p->pos += 2;
				continue;
			case 'u':
				r = get_u4(p, p->pos);
				if (r < 0)
					return false;
				p->pos += 6;
				if (r >= 0xD800 && r <= 0xDFFF) {
					r2 = get_u4(p, p->pos);
					if (r < 0xDC00 && r2 >= 0xDC00 && r2 <= 0xDFFF) {
						r = 0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00);
						p->pos += 6;
					} else {
						r = BI_RUNE_ERROR;
					}
				}
				if (out)
					bi_go_put_rune(out, (uint32_t)r);
				continue;
			default:
				return false;
			}
		}
		if (c < 0x80) {
			if (out)
				bi_buf_addch(out, (char)c);
			p->pos++;
		} else {
			size_t w;
			uint32_t r = bi_go_decode(p->s + p->pos, p->len - p->pos, &w);
			if (out)
				bi_go_put_rune(out, r);
			p->pos += w;
		}
	}
	return false;
}

static bool is_digit(const struct jp *p)
{
	return p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9';
}

/* A number; *overflow when it does not fit a float64. */
static bool scan_number(struct jp *p, bool *overflow)
{
	size_t start = p->pos;
	char *num;
	double d;

	if (p->s[p->pos] == '-')
		p->pos++;
	if (!is_digit(p))
		return false;
	if (p->s[p->pos] == '0') {
		p->pos++;
	} else {
		while (is_digit(p))
			p->pos++;
	}
	if (p->pos < p->len && p->s[p->pos] == '.') {
		p->pos++;
		if (!is_digit(p))
			return false;
		while (is_digit(p))
			p->pos++;
	}
	if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
		p->pos++;
		if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
			p->pos++;
		if (!is_digit(p))
			return false;
		while (is_digit(p))
			p->pos++;
	}
	num = bi_xstrndup(p->s + start, p->pos - start);
	d = strtod(num, NULL);
	free(num);
	if (isinf(d))
		*overflow = true;
	return true;
}

static bool scan_literal(struct jp *p, const char *lit)
{
	size_t n = strlen(lit);

	if (p->len - p->pos < n || memcmp(p->s + p->pos, lit, n) != 0)
		return false;
	p->pos += n;
	return true;
}

/* A scalar at p->pos (not a container). */
static bool scan_scalar(struct jp *p, bool *overflow)
{
	char c = p->s[p->pos];

	if (c == '"')
		return scan_string(p, NULL);
	if (c == '-' || (c >= '0' && c <= '9'))
		return scan_number(p, overflow);
	if (c == 't')
		return scan_literal(p, "true");
	if (c == 'f')
		return scan_literal(p, "false");
	if (c == 'n')
		return scan_literal(p, "null");
	return false;
}

static bool scan_key(struct jp *p)
{
	skip_ws(p);
	if (p->pos >= p->len || p->s[p->pos] != '"' || !scan_string(p, NULL))
		return false;
	skip_ws(p);
	if (p->pos >= p->len || p->s[p->pos] != ':')
		return false;
	p->pos++;
	return true;
}

enum bi_df_json_result bi_df__json_array(struct bi_span text, struct bi_strv *out)
{
	struct jp p = { text.ptr, text.len, 0 };
	_cleanup_free_ char *stack = NULL;
	size_t depth = 0;
	bool overflow = false, non_string = false;
	struct bi_strv elems = { 0 };

	stack = bi_xmalloc(BI_DF_MAX_JSON_DEPTH + 1);
	for (;;) {
		/* A value. */
		skip_ws(&p);
		if (p.pos >= p.len)
			goto invalid;
		if (p.s[p.pos] == '[' || p.s[p.pos] == '{') {
			char open = p.s[p.pos];
			if (depth == 1)
				non_string = true;
			if (depth >= BI_DF_MAX_JSON_DEPTH)
				goto invalid;
			stack[depth++] = open;
			p.pos++;
			skip_ws(&p);
			if (p.pos < p.len && p.s[p.pos] == (open == '[' ? ']' : '}')) {
				p.pos++;
				depth--;
			} else {
				if (open == '{' && !scan_key(&p))
					goto invalid;
				continue;
			}
		} else if (depth == 1 && p.s[p.pos] == '"') {
			struct bi_buf s = BI_BUF_INIT(BI_BUF_NOLIMIT);
			if (!scan_string(&p, &s)) {
				bi_buf_release(&s);
				goto invalid;
			}
			size_t sl;
			char *sp = bi_buf_detach(&s, &sl);
			bi_strv_push_len(&elems, sp, sl);
		} else {
			if (depth == 0)
				goto invalid;
			if (depth == 1)
				non_string = true;
			if (!scan_scalar(&p, &overflow))
				goto invalid;
		}
		/* After a value: close containers or go on to the next element. */
		for (;;) {
			skip_ws(&p);
			if (depth == 0) {
				if (p.pos != p.len)
					goto invalid;
				goto done;
			}
			if (p.pos >= p.len)
				goto invalid;
			if (p.s[p.pos] == ',') {
				p.pos++;
				if (stack[depth - 1] == '{' && !scan_key(&p))
					goto invalid;
				break;
			}
			if (p.s[p.pos] != (stack[depth - 1] == '[' ? ']' : '}'))
				goto invalid;
			p.pos++;
			depth--;
		}
	}
done:
	if (overflow)
		goto invalid;
	if (non_string) {
		bi_strv_release(&elems);
		return BI_DF_JSON_NOT_STRING;
	}
	*out = elems;
	return BI_DF_JSON_STRINGS;
invalid:
	bi_strv_release(&elems);
	return BI_DF_JSON_INVALID;
}
