/* SPDX-License-Identifier: MIT */
#ifndef BI_TEST_VER_VECTORS_H
#define BI_TEST_VER_VECTORS_H

/*
 * Shared by the version-scheme tests: run "A OP B" lines (OP < = >) through a
 * comparator, from an inline table or from a vector file under ../shared.
 */
#include "pkgdb/version.h"

typedef int (*ver_cmp_fn)(struct bi_span a, struct bi_span b);

static inline int ver_sign(int r)
{
	return (r > 0) - (r < 0);
}

static inline int ver_op_sign(struct bi_span op)
{
	if (bi_span_eq_str(op, "<"))
		return -1;
	if (bi_span_eq_str(op, ">"))
		return 1;
	assert_true(bi_span_eq_str(op, "="));
	return 0;
}

/* Split a line into up to n blank-separated words; returns the count. */
static inline size_t ver_words(struct bi_span line, struct bi_span *w, size_t n)
{
	size_t k = 0, i = 0;

	while (i < line.len && k < n) {
		size_t j;
		while (i < line.len && (line.ptr[i] == ' ' || line.ptr[i] == '\t'))
			i++;
		if (i >= line.len)
			break;
		j = i;
		while (j < line.len && line.ptr[j] != ' ' && line.ptr[j] != '\t')
			j++;
		w[k++] = bi_span_make(line.ptr + i, j - i);
		i = j;
	}
	return k;
}

/* Check one "A OP B" line, and its mirror "B OP' A". Returns 1 when checked. */
static inline int ver_check_line(ver_cmp_fn cmp, struct bi_span line, const char *where)
{
	struct bi_span w[4];
	int want, got, back;

	line = bi_span_trim(line);
	if (line.len == 0 || line.ptr[0] == '#')
		return 0;
	if (ver_words(line, w, 4) < 3)
		return 0;
	want = ver_op_sign(w[1]);
	got = ver_sign(cmp(w[0], w[2]));
	back = ver_sign(cmp(w[2], w[0]));
	if (got != want || back != -want)
		fail_msg("%s: '%.*s': got %d, mirror %d, want %d", where, BI_SPAN_ARG(line), got,
			 back, want);
	return 1;
}

static inline int ver_check_table(ver_cmp_fn cmp, const char *const *lines, size_t n)
{
	int count = 0;

	for (size_t i = 0; i < n; i++)
		count += ver_check_line(cmp, bi_span_str(lines[i]), "inline");
	return count;
}

/* Check every line of a vector file under ../shared; -1 when it is absent. */
static inline int ver_check_file(ver_cmp_fn cmp, const char *rel)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(4 * BI_MiB);
	_cleanup_free_ char *path = bi_test_shared(rel);
	struct bi_err *err = NULL;
	struct bi_span s, line;
	int count = 0;

	if (!path)
		return -1;
	assert_int_equal(bi_buf_read_file(&b, path, &err), 0);
	s = bi_buf_span(&b);
	while (bi_span_next_line(&s, &line))
		count += ver_check_line(cmp, line, rel);
	return count;
}

#endif
