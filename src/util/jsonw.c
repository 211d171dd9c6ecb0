/* SPDX-License-Identifier: MIT */
/* A small streaming JSON writer (output is ours, so buffers are uncapped). */
#include "util/common.h"
#include "util/json.h"

void bi_json_quote(struct bi_buf *out, struct bi_span s)
{
	static const char hex[] = "0123456789abcdef";

	bi_buf_addch(out, '"');
	for (size_t i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.ptr[i];

		switch (c) {
		case '"':
			bi_buf_adds(out, "\\\"");
			break;
		case '\\':
			bi_buf_adds(out, "\\\\");
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
		case '\b':
			bi_buf_adds(out, "\\b");
			break;
		case '\f':
			bi_buf_adds(out, "\\f");
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
				bi_buf_add(out, u, sizeof(u));
			} else {
				bi_buf_addch(out, (char)c);
			}
		}
	}
	bi_buf_addch(out, '"');
}

void bi_jsonw_init(struct bi_jsonw *w, struct bi_buf *out, bool pretty)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->pretty = pretty;
}

static void newline(struct bi_jsonw *w)
{
	if (!w->pretty)
		return;
	bi_buf_addch(w->out, '\n');
	for (int i = 0; i < w->depth; i++)
		bi_buf_adds(w->out, "  ");
}

/* Separator and indentation before a value or a key. */
static void before_item(struct bi_jsonw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth > 0) {
		if (w->need_comma[w->depth])
			bi_buf_addch(w->out, ',');
		w->need_comma[w->depth] = true;
		newline(w);
	}
}

static void jw_open(struct bi_jsonw *w, char c)
{
	before_item(w);
	bi_buf_addch(w->out, c);
	assert(w->depth + 1 < BI_JSONW_MAX_DEPTH);
	w->depth++;
	w->need_comma[w->depth] = false;
}

static void jw_close(struct bi_jsonw *w, char c)
{
	bool had_items = w->need_comma[w->depth];

	assert(w->depth > 0);
	w->depth--;
	if (had_items)
		newline(w);
	bi_buf_addch(w->out, c);
	if (w->depth == 0 && w->pretty)
		bi_buf_addch(w->out, '\n');
}

void bi_jsonw_object_begin(struct bi_jsonw *w)
{
	jw_open(w, '{');
}

void bi_jsonw_object_end(struct bi_jsonw *w)
{
	jw_close(w, '}');
}

void bi_jsonw_array_begin(struct bi_jsonw *w)
{
	jw_open(w, '[');
}

void bi_jsonw_array_end(struct bi_jsonw *w)
{
	jw_close(w, ']');
}

void bi_jsonw_key(struct bi_jsonw *w, const char *key)
{
	before_item(w);
	bi_json_quote(w->out, bi_span_str(key));
	bi_buf_adds(w->out, w->pretty ? ": " : ":");
	w->after_key = true;
}

void bi_jsonw_span(struct bi_jsonw *w, struct bi_span s)
{
	before_item(w);
	bi_json_quote(w->out, s);
}

void bi_jsonw_string(struct bi_jsonw *w, const char *s)
{
	if (!s) {
		bi_jsonw_null(w);
		return;
	}
	bi_jsonw_span(w, bi_span_str(s));
}

void bi_jsonw_int(struct bi_jsonw *w, int64_t v)
{
	before_item(w);
	bi_buf_addf(w->out, "%" PRId64, v);
}

void bi_jsonw_uint(struct bi_jsonw *w, uint64_t v)
{
	before_item(w);
	bi_buf_addf(w->out, "%" PRIu64, v);
}

void bi_jsonw_double(struct bi_jsonw *w, double v)
{
	before_item(w);
	bi_buf_addf(w->out, "%.6g", v);
}

void bi_jsonw_bool(struct bi_jsonw *w, bool v)
{
	before_item(w);
	bi_buf_adds(w->out, v ? "true" : "false");
}

void bi_jsonw_null(struct bi_jsonw *w)
{
	before_item(w);
	bi_buf_adds(w->out, "null");
}

void bi_jsonw_kstring(struct bi_jsonw *w, const char *key, const char *s)
{
	bi_jsonw_key(w, key);
	bi_jsonw_string(w, s);
}

void bi_jsonw_kint(struct bi_jsonw *w, const char *key, int64_t v)
{
	bi_jsonw_key(w, key);
	bi_jsonw_int(w, v);
}

void bi_jsonw_kuint(struct bi_jsonw *w, const char *key, uint64_t v)
{
	bi_jsonw_key(w, key);
	bi_jsonw_uint(w, v);
}

void bi_jsonw_kbool(struct bi_jsonw *w, const char *key, bool v)
{
	bi_jsonw_key(w, key);
	bi_jsonw_bool(w, v);
}

void bi_jsonw_knull(struct bi_jsonw *w, const char *key)
{
	bi_jsonw_key(w, key);
	bi_jsonw_null(w);
}
