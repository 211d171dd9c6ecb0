/* SPDX-License-Identifier: MIT */
/*
 * Alpine versions, as apk-tools 3.x compares them (src/version.c):
 *
 *   digits {.digits} [letter] {_suffix[digits]} [~hexhash] [-rdigits]
 *
 * A version is a sequence of tokens, each of a type ordered as below. Two
 * versions compare token by token while the types agree. A digit run after a
 * '.' with a leading zero compares as a string (Gentoo rule); other numbers
 * numerically. When one version runs out (or turns invalid) first, the longer
 * one is greater unless its next token is a pre-release suffix (_alpha,
 * _beta, _pre, _rc); otherwise the token type decides, a type later in the
 * order sorting lower: "1.0" < "1.0-r1" (END sorts after REVISION_NO), and
 * "1.0_rc1" < "1.0" < "1.0_p1".
 *
 * Numbers are compared by value with arbitrary length (apk-tools reads them
 * into 64 bits, which wraps past 20 digits; no real version has such runs).
 */
#include "util/common.h"

#include "pkgdb/version.h"

enum tok {
	T_INITIAL_DIGIT,
	T_DIGIT,
	T_LETTER,
	T_SUFFIX,
	T_SUFFIX_NO,
	T_COMMIT_HASH,
	T_REVISION_NO,
	T_END,
	T_INVALID,
};

/* Suffix ranks: the pre-release ones sort below "none", the rest above. */
enum suffix {
	S_INVALID,
	S_ALPHA,
	S_BETA,
	S_PRE,
	S_RC,
	S_NONE,
	S_CVS,
	S_SVN,
	S_GIT,
	S_HG,
	S_P,
};

static const char *const suffix_names[] = {
	[S_ALPHA] = "alpha", [S_BETA] = "beta", [S_PRE] = "pre", [S_RC] = "rc", [S_CVS] = "cvs",
	[S_SVN] = "svn",     [S_GIT] = "git",	[S_HG] = "hg",	 [S_P] = "p",
};

struct tok_state {
	enum tok type;
	enum suffix suffix;
	struct bi_span value; /* the token's text (digits without the '.') */
	struct bi_span rest;  /* input after the token */
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f');
}

static struct bi_span take_while(struct bi_span *s, bool (*pred)(char))
{
	size_t n = 0;

	while (n < s->len && pred(s->ptr[n]))
		n++;
	struct bi_span out = bi_span_make(s->ptr, n);
	s->ptr += n;
	s->len -= n;
	return out;
}

static enum suffix suffix_of(struct bi_span v)
{
	for (size_t i = S_ALPHA; i < BI_ARRAY_SIZE(suffix_names); i++)
		if (suffix_names[i] && bi_span_eq_str(v, suffix_names[i]))
			return (enum suffix)i;
	return S_INVALID;
}

static void digits(struct tok_state *t)
{
	t->value = take_while(&t->rest, is_digit);
	if (t->value.len == 0)
		t->type = T_INVALID;
}

static void tok_first(struct tok_state *t, struct bi_span s)
{
	t->rest = s;
	t->suffix = S_INVALID;
	t->type = T_INITIAL_DIGIT;
	digits(t);
}

/* Advance to the next token; the allowed ones depend on the previous type. */
static void tok_next(struct tok_state *t)
{
	char c;

	if (t->rest.len == 0) {
		t->type = T_END;
		return;
	}
	c = t->rest.ptr[0];
	if (is_lower(c)) {
		if (t->type > T_DIGIT)
			goto invalid;
		t->value = bi_span_make(t->rest.ptr, 1);
		t->rest.ptr++, t->rest.len--;
		t->type = T_LETTER;
		return;
	}
	if (c == '.' || is_digit(c)) {
		if (c == '.') {
			if (t->type > T_DIGIT)
				goto invalid;
			t->rest.ptr++, t->rest.len--;
		}
		if (t->type == T_INITIAL_DIGIT || t->type == T_DIGIT)
			t->type = T_DIGIT;
		else if (t->type == T_SUFFIX)
			t->type = T_SUFFIX_NO;
		else
			goto invalid;
		digits(t);
		return;
	}
	if (c == '_') {
		if (t->type > T_SUFFIX_NO)
			goto invalid;
		t->rest.ptr++, t->rest.len--;
		t->value = take_while(&t->rest, is_lower);
		t->suffix = suffix_of(t->value);
		if (t->suffix == S_INVALID)
			goto invalid;
		t->type = T_SUFFIX;
		return;
	}
	if (c == '~') {
		if (t->type >= T_COMMIT_HASH)
			goto invalid;
		t->rest.ptr++, t->rest.len--;
		t->value = take_while(&t->rest, is_hex);
		if (t->value.len == 0)
			goto invalid;
		t->type = T_COMMIT_HASH;
		return;
	}
	if (c == '-') {
		if (t->type >= T_REVISION_NO || t->rest.len < 2 || t->rest.ptr[1] != 'r')
			goto invalid;
		t->rest.ptr += 2, t->rest.len -= 2;
		t->type = T_REVISION_NO;
		digits(t);
		return;
	}
invalid:
	t->type = T_INVALID;
}

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

/* Byte order, then length (apk_blob_sort). */
static int string_sort(struct bi_span a, struct bi_span b)
{
	size_t n = a.len < b.len ? a.len : b.len;
	int r = n ? memcmp(a.ptr, b.ptr, n) : 0;

	if (r)
		return sign(r);
	return a.len < b.len ? -1 : a.len > b.len;
}

/* Decimal digit strings by value, any length. */
static int number_cmp(struct bi_span a, struct bi_span b)
{
	while (a.len && a.ptr[0] == '0')
		a.ptr++, a.len--;
	while (b.len && b.ptr[0] == '0')
		b.ptr++, b.len--;
	if (a.len != b.len)
		return a.len < b.len ? -1 : 1;
	return a.len ? sign(memcmp(a.ptr, b.ptr, a.len)) : 0;
}

static int tok_cmp(const struct tok_state *a, const struct tok_state *b)
{
	switch (a->type) {
	case T_DIGIT:
		if (a->value.ptr[0] == '0' || b->value.ptr[0] == '0')
			return string_sort(a->value, b->value);
		return number_cmp(a->value, b->value);
	case T_INITIAL_DIGIT:
	case T_SUFFIX_NO:
	case T_REVISION_NO:
		return number_cmp(a->value, b->value);
	case T_LETTER:
		return sign((unsigned char)a->value.ptr[0] - (unsigned char)b->value.ptr[0]);
	case T_SUFFIX:
		return a->suffix < b->suffix ? -1 : a->suffix > b->suffix;
	case T_COMMIT_HASH:
	case T_END:
	case T_INVALID:
		return string_sort(a->value, b->value);
	}
	return 0;
}

/* -1, 0, 1; with fuzzy, "a matches the leading components of b" is 0. */
static int compare(struct bi_span a, struct bi_span b, bool fuzzy)
{
	struct tok_state ta, tb;

	for (tok_first(&ta, a), tok_first(&tb, b); ta.type == tb.type && ta.type < T_END;
	     tok_next(&ta), tok_next(&tb)) {
		int r = tok_cmp(&ta, &tb);
		if (r)
			return r;
	}
	if (ta.type == tb.type)
		return 0;
	if (tb.type == T_END && fuzzy)
		return 0;
	if (ta.type == T_SUFFIX && ta.suffix < S_NONE)
		return -1;
	if (tb.type == T_SUFFIX && tb.suffix < S_NONE)
		return 1;
	if (ta.type > tb.type)
		return -1;
	if (tb.type > ta.type)
		return 1;
	return 0;
}

int bi_apk_ver_cmp(struct bi_span a, struct bi_span b)
{
	return compare(a, b, false);
}

bool bi_apk_ver_valid(struct bi_span v, const char **ret_reason)
{
	struct tok_state t;

	if (ret_reason)
		*ret_reason = NULL;
	if (v.len == 0) {
		if (ret_reason)
			*ret_reason = "version string is empty";
		return false;
	}
	if (v.len > BI_MAX_VERSION) {
		if (ret_reason)
			*ret_reason = "version string is too long";
		return false;
	}
	for (tok_first(&t, v); t.type < T_END; tok_next(&t))
		;
	if (t.type != T_END && ret_reason)
		*ret_reason = "not of the form N{.N}[a-z]{_suffix[N]}[~hash][-rN]";
	return t.type == T_END;
}

bool bi_apk_ver_match(struct bi_span a, unsigned op, struct bi_span b)
{
	int r = compare(a, b, (op & BI_APK_FUZZY) != 0);
	unsigned got = r < 0 ? BI_APK_LESS : r > 0 ? BI_APK_GREATER : BI_APK_EQUAL;

	return (got & op) != 0;
}

unsigned bi_apk_op_parse(struct bi_span op)
{
	unsigned r = 0;

	if (op.len == 0)
		return 0;
	for (size_t i = 0; i < op.len; i++) {
		switch (op.ptr[i]) {
		case '<':
			r |= BI_APK_LESS;
			break;
		case '>':
			r |= BI_APK_GREATER;
			break;
		case '=':
			r |= BI_APK_EQUAL;
			break;
		case '~':
			r |= BI_APK_FUZZY | BI_APK_EQUAL;
			break;
		default:
			return 0;
		}
	}
	return r;
}
