/* SPDX-License-Identifier: MIT */
#ifndef BI_REPORT_HTML_INT_H
#define BI_REPORT_HTML_INT_H

/* Helpers shared by html.c and html_image.c. */
#include "report/html.h"

/* Where the page links for documentation (docs/checks/, docs/rules/). */
#define BI_HTML_DOCS "https://github.com/baseimg/baseimg/blob/main/"

/*
 * Escaped text: & < > " ' as entities, invalid UTF-8 and control bytes as
 * U+FFFD (tab and newline as a space). At most max characters (0: no
 * limit), then an ellipsis.
 */
void bi_html__esc(struct bi_buf *b, const char *s, size_t max);
/* The same without a limit, keeping newlines (inside <pre>). */
void bi_html__esc_pre(struct bi_buf *b, const char *s);
/* printf, then escaped; the format's own text must be plain. */
__attribute__((format(printf, 2, 3))) void bi_html__escf(struct bi_buf *b, const char *fmt, ...);
/* "3.4 MB" */
void bi_html__size(struct bi_buf *b, uint64_t n);
/* A horizontal bar chart cell: parts[i] of total as rects with classes cls[i]. */
void bi_html__bar(struct bi_buf *b, const uint64_t *parts, const char *const *cls, size_t n,
		  uint64_t total);
/* The CSS class and label of a class of image ("full" ...). */
const char *bi_html__class_label(enum bi_class c);

void bi_html__image(struct bi_buf *b, const struct bi_html_doc *doc, size_t i);

#endif
