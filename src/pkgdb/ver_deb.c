/* SPDX-License-Identifier: MIT */
/*
 * Debian versions, as dpkg parses and compares them (lib/dpkg/parsehelp.c
 * parseversion(), lib/dpkg/version.c verrevcmp()). The syntax is
 * [epoch:]upstream[-revision]; the revision follows the *last* hyphen, the
 * epoch precedes the *first* colon. Ordering within a part: '~' sorts before
 * everything (even the end of the part), then the end, then letters, then
 * every other character; digit runs compare numerically.
 */
#include "util/common.h"

#include "pkgdb/version.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The weight of one non-digit character (0 for the end of the part). */
static int order(const struct bi_span *s, size_t i)
{
	unsigned char c;

	if (i >= s->len)
		return 0;
	c = (unsigned char)s->ptr[i];
	if (is_digit((char)c))
		return 0;
	if (is_alpha((char)c))
		return c;
	if (c == '~')
		return -1;
	if (c)
		return c + 256;
	return 0;
}

int bi_deb_verrevcmp(struct bi_span a, struct bi_span b)
{
	size_t i = 0, j = 0;

	while (i < a.len || j < b.len) {
		int first_diff = 0;

		while ((i < a.len && !is_digit(a.ptr[i])) || (j < b.len && !is_digit(b.ptr[j]))) {
			int ac = order(&a, i), bc = order(&b, j);

			if (ac != bc)
				return ac - bc;
			i++;
			j++;
		}
		while (i < a.len && a.ptr[i] == '0')
			i++;
		while (j < b.len && b.ptr[j] == '0')
			j++;
		while (i < a.len && j < b.len && is_digit(a.ptr[i]) && is_digit(b.ptr[j])) {
			if (!first_diff)
				first_diff = a.ptr[i] - b.ptr[j];
			i++;
			j++;
		}
		if (i < a.len && is_digit(a.ptr[i]))
			return 1;
		if (j < b.len && is_digit(b.ptr[j]))
			return -1;
		if (first_diff)
			return first_diff;
	}
	return 0;
}

/* The part after the last '-' of s, or -1. */
static ptrdiff_t last_hyphen(struct bi_span s)
{
	for (size_t k = s.len; k > 0; k--)
		if (s.ptr[k - 1] == '-')
			return (ptrdiff_t)(k - 1);
	return -1;
}

static void split_rev(struct bi_span v, struct bi_deb_ver *out)
{
	ptrdiff_t h = last_hyphen(v);

	if (h < 0) {
		out->upstream = v;
		out->revision = bi_span_make(v.ptr + v.len, 0);
	} else {
		out->upstream = bi_span_make(v.ptr, (size_t)h);
		out->revision = bi_span_make(v.ptr + h + 1, v.len - (size_t)h - 1);
	}
}

static enum bi_ver_validity bad(const char **ret_reason, const char *why, enum bi_ver_validity v)
{
	if (ret_reason)
		*ret_reason = why;
	return v;
}

enum bi_ver_validity bi_deb_ver_parse(struct bi_span s, struct bi_deb_ver *ret,
				      const char **ret_reason)
{
	struct bi_span v;
	size_t end, k;
	ptrdiff_t colon;

	if (ret_reason)
		*ret_reason = NULL;
	ret->epoch = 0;
	/* Best-effort result first, so that every path leaves *ret comparable. */
	while (s.len && is_blank(s.ptr[0]))
		s.ptr++, s.len--;
	while (s.len && is_blank(s.ptr[s.len - 1]))
		s.len--;
	split_rev(s, ret);
	if (s.len == 0)
		return bad(ret_reason, "version string is empty", BI_VER_INVALID);
	if (s.len > BI_MAX_VERSION)
		return bad(ret_reason, "version string is too long", BI_VER_INVALID);
	for (end = 0; end < s.len && !is_blank(s.ptr[end]); end++)
		;
	if (end < s.len)
		return bad(ret_reason, "version string has embedded spaces", BI_VER_INVALID);
	for (k = 0; k < s.len; k++)
		if (s.ptr[k] == '\0')
			return bad(ret_reason, "version string has a NUL byte", BI_VER_INVALID);

	v = s;
	colon = bi_span_find_char(s, ':');
	if (colon >= 0) {
		/* strtol(): optional sign, then digits up to the colon. */
		struct bi_span e = bi_span_make(s.ptr, (size_t)colon);
		uint64_t epoch;
		bool neg = false;

		if (e.len && (e.ptr[0] == '-' || e.ptr[0] == '+')) {
			neg = e.ptr[0] == '-';
			e.ptr++, e.len--;
		}
		if (e.len == 0 || !is_digit(e.ptr[0]))
			return bad(ret_reason, "epoch in version is empty", BI_VER_INVALID);
		for (k = 0; k < e.len; k++)
			if (!is_digit(e.ptr[k]))
				return bad(ret_reason, "epoch in version is not number",
					   BI_VER_INVALID);
		if (!bi_span_to_u64(e, &epoch) || (!neg && epoch > INT32_MAX))
			return bad(ret_reason, "epoch in version is too big", BI_VER_INVALID);
		if (neg && epoch != 0)
			return bad(ret_reason, "epoch in version is negative", BI_VER_INVALID);
		v = bi_span_make(s.ptr + colon + 1, s.len - (size_t)colon - 1);
		if (v.len == 0)
			return bad(ret_reason, "nothing after colon in version number",
				   BI_VER_INVALID);
		ret->epoch = (uint32_t)epoch;
	}
	split_rev(v, ret);
	if (v.ptr[v.len - 1] == '-')
		return bad(ret_reason, "revision number is empty", BI_VER_INVALID);
	if (ret->upstream.len == 0)
		return bad(ret_reason, "upstream version is empty", BI_VER_INVALID);
	if (!is_digit(ret->upstream.ptr[0]))
		return bad(ret_reason, "version number does not start with digit", BI_VER_WARN);
	for (k = 1; k < ret->upstream.len; k++) {
		char c = ret->upstream.ptr[k];
		if (!is_digit(c) && !is_alpha(c) && !strchr(".-+~:", c))
			return bad(ret_reason, "invalid character in version number", BI_VER_WARN);
	}
	for (k = 0; k < ret->revision.len; k++) {
		char c = ret->revision.ptr[k];
		if (!is_digit(c) && !is_alpha(c) && !strchr(".+~", c))
			return bad(ret_reason, "invalid character in revision number", BI_VER_WARN);
	}
	return BI_VER_VALID;
}

int bi_deb_ver_cmp_parsed(const struct bi_deb_ver *a, const struct bi_deb_ver *b)
{
	int r;

	if (a->epoch != b->epoch)
		return a->epoch < b->epoch ? -1 : 1;
	r = bi_deb_verrevcmp(a->upstream, b->upstream);
	if (r)
		return r;
	return bi_deb_verrevcmp(a->revision, b->revision);
}

int bi_deb_ver_cmp(struct bi_span a, struct bi_span b)
{
	struct bi_deb_ver va, vb;

	bi_deb_ver_parse(a, &va, NULL);
	bi_deb_ver_parse(b, &vb, NULL);
	return bi_deb_ver_cmp_parsed(&va, &vb);
}
