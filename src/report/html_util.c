/* SPDX-License-Identifier: MIT */
/* Escaping, sizes and bars for the HTML report (see html_int.h). */
#include "util/common.h"

#include "report/html_int.h"

/* Length of a valid UTF-8 sequence at p (1..4), or 0 when invalid. */
static size_t utf8_len(const unsigned char *p)
{
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		return (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (p[0] >= 0xe0 && p[0] <= 0xef) {
		if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
			return 0;
		if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] >= 0xa0))
			return 0; /* overlong, surrogate */
		return 3;
	}
	if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
			return 0;
		if ((p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

static void esc(struct bi_buf *b, const char *s, size_t max, bool keep_nl);

void bi_html__esc(struct bi_buf *b, const char *s, size_t max)
{
	esc(b, s, max, false);
}

void bi_html__esc_pre(struct bi_buf *b, const char *s)
{
	esc(b, s, 0, true);
}

static void esc(struct bi_buf *b, const char *s, size_t max, bool keep_nl)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t chars = 0;

	while (*p) {
		size_t n = utf8_len(p);

		if (max && chars++ == max) {
			bi_buf_adds(b, "\xe2\x80\xa6");
			return;
		}
		if (n == 0) {
			bi_buf_adds(b, "\xef\xbf\xbd");
			p++;
			continue;
		}
		switch (*p) {
		case '&':
			bi_buf_adds(b, "&amp;");
			break;
		case '<':
			bi_buf_adds(b, "&lt;");
			break;
		case '>':
			bi_buf_adds(b, "&gt;");
			break;
		case '"':
			bi_buf_adds(b, "&quot;");
			break;
		case '\'':
			bi_buf_adds(b, "&#39;");
			break;
		case '\n':
			bi_buf_addch(b, keep_nl ? '\n' : ' ');
			break;
		case '\t':
			bi_buf_addch(b, ' ');
			break;
		default:
			if (*p < 0x20 || *p == 0x7f || (n == 2 && p[0] == 0xc2 && p[1] < 0xa0))
				bi_buf_adds(b, "\xef\xbf\xbd"); /* C0, DEL, C1 controls */
			else
				bi_buf_add(b, (const char *)p, n);
		}
		p += n;
	}
}

void bi_html__escf(struct bi_buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = bi_xvasprintf(fmt, ap);
	va_end(ap);
	bi_html__esc(b, s, 0);
	free(s);
}

void bi_html__size(struct bi_buf *b, uint64_t n)
{
	char s[32];

	bi_report_size(s, sizeof(s), n);
	bi_buf_adds(b, s);
}

void bi_html__bar(struct bi_buf *b, const uint64_t *parts, const char *const *cls, size_t n,
		  uint64_t total)
{
	uint64_t x = 0;

	bi_buf_adds(b, "<svg class=\"bar\" viewBox=\"0 0 1000 10\" preserveAspectRatio=\"none\" "
		       "aria-hidden=\"true\"><rect class=\"track\" width=\"1000\" height=\"10\"/>");
	for (size_t i = 0; i < n && total; i++) {
		/* widths in thousandths, rounded; a non-zero part is at least 2 wide */
		uint64_t w = (parts[i] * 1000 + total / 2) / total;

		if (parts[i] && w < 2)
			w = 2;
		if (x + w > 1000)
			w = 1000 - x;
		if (w)
			bi_buf_addf(b,
				    "<rect class=\"%s\" x=\"%" PRIu64 "\" width=\"%" PRIu64
				    "\" height=\"10\"/>",
				    cls[i], x, w);
		x += w;
	}
	bi_buf_adds(b, "</svg>");
}

const char *bi_html__class_label(enum bi_class c)
{
	return bi_analyze_class_name(c);
}
