/* SPDX-License-Identifier: MIT */
#include "util/common.h"

bool bi_span_eq(struct bi_span a, struct bi_span b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

bool bi_span_eq_str(struct bi_span a, const char *s)
{
	return bi_span_eq(a, bi_span_str(s));
}

bool bi_span_ieq_str(struct bi_span a, const char *s)
{
	size_t n = strlen(s);

	if (a.len != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)a.ptr[i]) != tolower((unsigned char)s[i]))
			return false;
	return true;
}

bool bi_span_starts_with(struct bi_span s, const char *prefix)
{
	size_t n = strlen(prefix);
	return s.len >= n && memcmp(s.ptr, prefix, n) == 0;
}

bool bi_span_ends_with(struct bi_span s, const char *suffix)
{
	size_t n = strlen(suffix);
	return s.len >= n && memcmp(s.ptr + s.len - n, suffix, n) == 0;
}

bool bi_span_eat_prefix(struct bi_span *s, const char *prefix)
{
	size_t n = strlen(prefix);

	if (!bi_span_starts_with(*s, prefix))
		return false;
	s->ptr += n;
	s->len -= n;
	return true;
}

ptrdiff_t bi_span_find_char(struct bi_span s, char c)
{
	const char *p = s.len ? memchr(s.ptr, c, s.len) : NULL;
	return p ? p - s.ptr : -1;
}

ptrdiff_t bi_span_find(struct bi_span s, struct bi_span needle)
{
	const char *p;

	if (needle.len == 0)
		return 0;
	if (s.len < needle.len)
		return -1;
	p = memmem(s.ptr, s.len, needle.ptr, needle.len);
	return p ? p - s.ptr : -1;
}

struct bi_span bi_span_trim(struct bi_span s)
{
	while (s.len && isspace((unsigned char)s.ptr[0])) {
		s.ptr++;
		s.len--;
	}
	while (s.len && isspace((unsigned char)s.ptr[s.len - 1]))
		s.len--;
	return s;
}

struct bi_span bi_span_sub(struct bi_span s, size_t off, size_t len)
{
	if (off > s.len)
		off = s.len;
	if (len > s.len - off)
		len = s.len - off;
	return (struct bi_span){ s.ptr + off, len };
}

bool bi_span_next_line(struct bi_span *s, struct bi_span *ret_line)
{
	ptrdiff_t i;
	struct bi_span line;

	if (s->len == 0)
		return false;
	i = bi_span_find_char(*s, '\n');
	if (i < 0) {
		line = *s;
		s->ptr += s->len;
		s->len = 0;
	} else {
		line = (struct bi_span){ s->ptr, (size_t)i };
		s->ptr += i + 1;
		s->len -= (size_t)i + 1;
	}
	if (line.len && line.ptr[line.len - 1] == '\r')
		line.len--;
	*ret_line = line;
	return true;
}

bool bi_span_split(struct bi_span *s, char sep, struct bi_span *ret_tok)
{
	ptrdiff_t i;

	if (s->len == 0)
		return false;
	i = bi_span_find_char(*s, sep);
	if (i < 0) {
		*ret_tok = *s;
		s->ptr += s->len;
		s->len = 0;
	} else {
		*ret_tok = (struct bi_span){ s->ptr, (size_t)i };
		s->ptr += i + 1;
		s->len -= (size_t)i + 1;
	}
	return true;
}

bool bi_span_cut(struct bi_span s, char sep, struct bi_span *ret_before, struct bi_span *ret_after)
{
	ptrdiff_t i = bi_span_find_char(s, sep);

	if (i < 0)
		return false;
	*ret_before = (struct bi_span){ s.ptr, (size_t)i };
	*ret_after = (struct bi_span){ s.ptr + i + 1, s.len - (size_t)i - 1 };
	return true;
}

bool bi_span_to_u64(struct bi_span s, uint64_t *ret)
{
	uint64_t v = 0;

	if (s.len == 0)
		return false;
	for (size_t i = 0; i < s.len; i++) {
		unsigned d;

		if (s.ptr[i] < '0' || s.ptr[i] > '9')
			return false;
		d = (unsigned)(s.ptr[i] - '0');
		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*ret = v;
	return true;
}

char *bi_span_dup(struct bi_span s)
{
	return bi_xstrndup(s.ptr ? s.ptr : "", s.len);
}
