/* SPDX-License-Identifier: MIT */
/*
 * RPM versions, as rpm 4.18 compares them (rpmio/rpmvercmp.c rpmvercmp(),
 * lib/rpmver.c rpmverCmp(), which rpm.vercmp() in Lua uses). A version is split into maximal runs
 * of ASCII digits or ASCII letters; every other byte only separates runs. '~' sorts before anything
 * (even the end), '^' after the end but before anything else. A digit run beats a letter run; digit
 * runs compare by value, letter runs bytewise. Non-ASCII bytes are separators, so "1.1.α" = "1.1.β"
 * (rpm's documented oddity).
 */
#include "util/common.h"

#include "pkgdb/version.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(char c)
{
	return is_digit(c) || is_alpha(c);
}

int bi_rpm_vercmp(struct bi_span a, struct bi_span b)
{
	size_t i = 0, j = 0;

	if (bi_span_eq(a, b))
		return 0;
	while (i < a.len || j < b.len) {
		size_t si, sj, li, lj;
		bool num;
		int r;

		while (i < a.len && !is_alnum(a.ptr[i]) && a.ptr[i] != '~' && a.ptr[i] != '^')
			i++;
		while (j < b.len && !is_alnum(b.ptr[j]) && b.ptr[j] != '~' && b.ptr[j] != '^')
			j++;
		/* '~' sorts before everything else. */
		if ((i < a.len && a.ptr[i] == '~') || (j < b.len && b.ptr[j] == '~')) {
			if (!(i < a.len && a.ptr[i] == '~'))
				return 1;
			if (!(j < b.len && b.ptr[j] == '~'))
				return -1;
			i++, j++;
			continue;
		}
		/* '^' like '~', except that the end of a version sorts before it. */
		if ((i < a.len && a.ptr[i] == '^') || (j < b.len && b.ptr[j] == '^')) {
			if (i >= a.len)
				return -1;
			if (j >= b.len)
				return 1;
			if (a.ptr[i] != '^')
				return 1;
			if (b.ptr[j] != '^')
				return -1;
			i++, j++;
			continue;
		}
		if (!(i < a.len && j < b.len))
			break;
		si = i, sj = j;
		num = is_digit(a.ptr[i]);
		if (num) {
			while (i < a.len && is_digit(a.ptr[i]))
				i++;
			while (j < b.len && is_digit(b.ptr[j]))
				j++;
		} else {
			while (i < a.len && is_alpha(a.ptr[i]))
				i++;
			while (j < b.len && is_alpha(b.ptr[j]))
				j++;
		}
		/* Segments of different types: the numeric one is newer. */
		if (sj == j)
			return num ? 1 : -1;
		if (num) {
			while (si < i && a.ptr[si] == '0')
				si++;
			while (sj < j && b.ptr[sj] == '0')
				sj++;
			if (i - si != j - sj)
				return i - si > j - sj ? 1 : -1;
		}
		li = i - si, lj = j - sj;
		r = memcmp(a.ptr + si, b.ptr + sj, li < lj ? li : lj);
		if (r)
			return r < 0 ? -1 : 1;
		if (li != lj)
			return li < lj ? -1 : 1;
	}
	if (i >= a.len && j >= b.len)
		return 0;
	return i >= a.len ? -1 : 1;
}

struct evr {
	struct bi_span e, v, r;
	bool has_r;
};

/* rpm's parseEVR(): epoch = leading digits before ':'; release after the last '-'. */
static void parse_evr(struct bi_span s, struct evr *out)
{
	size_t k = 0;
	ptrdiff_t hy = -1;

	while (k < s.len && is_digit(s.ptr[k]))
		k++;
	for (size_t m = s.len; m > k; m--) {
		if (s.ptr[m - 1] == '-') {
			hy = (ptrdiff_t)(m - 1);
			break;
		}
	}
	if (k < s.len && s.ptr[k] == ':') {
		out->e = k ? bi_span_make(s.ptr, k) : BI_SPAN_LIT("0");
		s = bi_span_make(s.ptr + k + 1, s.len - k - 1);
		if (hy >= 0)
			hy -= (ptrdiff_t)(k + 1);
	} else {
		out->e = BI_SPAN_LIT("0");
	}
	out->has_r = hy >= 0;
	if (hy >= 0) {
		out->v = bi_span_make(s.ptr, (size_t)hy);
		out->r = bi_span_make(s.ptr + hy + 1, s.len - (size_t)hy - 1);
	} else {
		out->v = s;
		out->r = BI_SPAN_NULL;
	}
}

int bi_rpm_evr_cmp(struct bi_span a, struct bi_span b)
{
	struct evr ea, eb;
	int r;

	parse_evr(a, &ea);
	parse_evr(b, &eb);
	r = bi_rpm_vercmp(ea.e, eb.e);
	if (r)
		return r;
	r = bi_rpm_vercmp(ea.v, eb.v);
	if (r)
		return r;
	/* rpm 4.18 compare_values(): a missing release sorts before any release. */
	if (ea.has_r != eb.has_r)
		return ea.has_r ? 1 : -1;
	return ea.has_r ? bi_rpm_vercmp(ea.r, eb.r) : 0;
}
