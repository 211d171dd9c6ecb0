/* SPDX-License-Identifier: MIT */
/* The one file that uses jansson. */
#include <jansson.h>

#include "util/common.h"
#include "util/json.h"

/* struct bi_json is never defined: a node is a json_t in disguise. */
#define J(x) ((json_t *)(x))
#define B(x) ((const struct bi_json *)(x))

int bi_json_parse(struct bi_span text, const char *name, struct bi_json **ret_root,
		  struct bi_err **err)
{
	json_error_t e;
	json_t *root;

	root = json_loadb(text.ptr ? text.ptr : "", text.len,
			  JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &e);
	if (!root)
		return bi_err_set(err, BI_EFORMAT, "%s: line %d column %d: %s", name, e.line,
				  e.column, e.text);
	*ret_root = (struct bi_json *)root;
	return 0;
}

void bi_json_free(struct bi_json *root)
{
	if (root)
		json_decref(J(root));
}

void bi_json_freep(struct bi_json **root)
{
	bi_json_free(*root);
	*root = NULL;
}

enum bi_json_type bi_json_type(const struct bi_json *j)
{
	if (!j)
		return BI_JSON_NULL;
	switch (json_typeof(J(j))) {
	case JSON_OBJECT:
		return BI_JSON_OBJECT;
	case JSON_ARRAY:
		return BI_JSON_ARRAY;
	case JSON_STRING:
		return BI_JSON_STRING;
	case JSON_INTEGER:
		return BI_JSON_INT;
	case JSON_REAL:
		return BI_JSON_REAL;
	case JSON_TRUE:
	case JSON_FALSE:
		return BI_JSON_BOOL;
	case JSON_NULL:
		return BI_JSON_NULL;
	}
	return BI_JSON_NULL;
}

const struct bi_json *bi_json_get(const struct bi_json *j, const char *key)
{
	if (!j || !json_is_object(J(j)))
		return NULL;
	return B(json_object_get(J(j), key));
}

const char *bi_json_string(const struct bi_json *j)
{
	if (!j || !json_is_string(J(j)))
		return NULL;
	return json_string_value(J(j));
}

size_t bi_json_string_len(const struct bi_json *j)
{
	if (!j || !json_is_string(J(j)))
		return 0;
	return json_string_length(J(j));
}

const char *bi_json_get_string(const struct bi_json *j, const char *key)
{
	return bi_json_string(bi_json_get(j, key));
}

bool bi_json_int(const struct bi_json *j, int64_t *ret)
{
	if (!j || !json_is_integer(J(j)))
		return false;
	*ret = (int64_t)json_integer_value(J(j));
	return true;
}

bool bi_json_bool(const struct bi_json *j, bool *ret)
{
	if (!j || !json_is_boolean(J(j)))
		return false;
	*ret = json_is_true(J(j));
	return true;
}

size_t bi_json_array_size(const struct bi_json *j)
{
	if (!j || !json_is_array(J(j)))
		return 0;
	return json_array_size(J(j));
}

const struct bi_json *bi_json_array_at(const struct bi_json *j, size_t i)
{
	if (!j || !json_is_array(J(j)))
		return NULL;
	return B(json_array_get(J(j), i));
}

const char *bi_json_object_next(const struct bi_json *j, void **iter,
				const struct bi_json **ret_val)
{
	void *it;

	if (!j || !json_is_object(J(j)))
		return NULL;
	it = *iter ? json_object_iter_next(J(j), *iter) : json_object_iter(J(j));
	*iter = it;
	if (!it)
		return NULL;
	*ret_val = B(json_object_iter_value(it));
	return json_object_iter_key(it);
}

size_t bi_json_object_size(const struct bi_json *j)
{
	if (!j || !json_is_object(J(j)))
		return 0;
	return json_object_size(J(j));
}
