/* SPDX-License-Identifier: MIT */
#ifndef BI_UTIL_JSON_H
#define BI_UTIL_JSON_H

/*
 * Reading JSON: a thin, read-only view over jansson, the only file that
 * includes <jansson.h> (src/util/json.c). Nodes are borrowed from the root
 * returned by bi_json_parse() and valid until bi_json_free(root).
 *
 * Writing JSON: struct bi_jsonw, a small streaming writer into a bi_buf with
 * stable key order and two-space indentation (or compact output).
 */
#include <stdbool.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/span.h"

struct bi_err;
struct bi_json;

enum bi_json_type {
	BI_JSON_NULL,
	BI_JSON_BOOL,
	BI_JSON_INT,
	BI_JSON_REAL,
	BI_JSON_STRING,
	BI_JSON_ARRAY,
	BI_JSON_OBJECT,
	BI_JSON__MAX,
};

/* Parse text; errors read "NAME: line L column C: message" (BI_EFORMAT). */
int bi_json_parse(struct bi_span text, const char *name, struct bi_json **ret_root,
		  struct bi_err **err);
void bi_json_free(struct bi_json *root);
void bi_json_freep(struct bi_json **root);

enum bi_json_type bi_json_type(const struct bi_json *j);
/* Member of an object; NULL when j is not an object or has no such key. */
const struct bi_json *bi_json_get(const struct bi_json *j, const char *key);
/* String value (NUL-terminated, may contain NUL: use _len); NULL when not a string. */
const char *bi_json_string(const struct bi_json *j);
size_t bi_json_string_len(const struct bi_json *j);
/* Shorthand for bi_json_string(bi_json_get(j, key)). */
const char *bi_json_get_string(const struct bi_json *j, const char *key);
/* Integer value; false when not an integer. */
bool bi_json_int(const struct bi_json *j, int64_t *ret);
bool bi_json_bool(const struct bi_json *j, bool *ret);
/* 0 when not an array. */
size_t bi_json_array_size(const struct bi_json *j);
const struct bi_json *bi_json_array_at(const struct bi_json *j, size_t i);
/*
 * Iterate an object in document order:
 *   void *it = NULL; const char *k; const struct bi_json *v;
 *   while ((k = bi_json_object_next(obj, &it, &v))) ...
 */
const char *bi_json_object_next(const struct bi_json *j, void **iter,
				const struct bi_json **ret_val);
size_t bi_json_object_size(const struct bi_json *j);

/* ---- writer ---- */
#define BI_JSONW_MAX_DEPTH 64

struct bi_jsonw {
	struct bi_buf *out;
	int depth;
	bool pretty;
	bool need_comma[BI_JSONW_MAX_DEPTH];
	bool after_key;
};

void bi_jsonw_init(struct bi_jsonw *w, struct bi_buf *out, bool pretty);
void bi_jsonw_object_begin(struct bi_jsonw *w);
void bi_jsonw_object_end(struct bi_jsonw *w);
void bi_jsonw_array_begin(struct bi_jsonw *w);
void bi_jsonw_array_end(struct bi_jsonw *w);
void bi_jsonw_key(struct bi_jsonw *w, const char *key);
/* NULL writes null. */
void bi_jsonw_string(struct bi_jsonw *w, const char *s);
void bi_jsonw_span(struct bi_jsonw *w, struct bi_span s);
void bi_jsonw_int(struct bi_jsonw *w, int64_t v);
void bi_jsonw_uint(struct bi_jsonw *w, uint64_t v);
void bi_jsonw_double(struct bi_jsonw *w, double v);
void bi_jsonw_bool(struct bi_jsonw *w, bool v);
void bi_jsonw_null(struct bi_jsonw *w);
/* Key + value shorthands. */
void bi_jsonw_kstring(struct bi_jsonw *w, const char *key, const char *s);
void bi_jsonw_kint(struct bi_jsonw *w, const char *key, int64_t v);
void bi_jsonw_kuint(struct bi_jsonw *w, const char *key, uint64_t v);
void bi_jsonw_kbool(struct bi_jsonw *w, const char *key, bool v);
void bi_jsonw_knull(struct bi_jsonw *w, const char *key);
/* Append a JSON string literal (with quotes and escapes) to a buffer. */
void bi_json_quote(struct bi_buf *out, struct bi_span s);

#endif
