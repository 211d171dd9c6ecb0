/* SPDX-License-Identifier: MIT */
/* Fuzz ARG expansion: the first byte picks the escape character. */
#include "util/common.h"

#include "dockerfile/dockerfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *lookup(void *ctx, struct bi_span name)
{
	(void)ctx;
	if (bi_span_eq_str(name, "A"))
		return "alpine";
	if (bi_span_eq_str(name, "E"))
		return "";
	if (bi_span_eq_str(name, "S"))
		return "a b 'c' \"d\" $A ${A}";
	if (bi_span_eq_str(name, "P"))
		return "a/b/c.tar.gz";
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bi_strv unresolved = { 0 };
	struct bi_err *err = NULL;
	char *out = NULL;
	char esc;

	if (size < 1 || size > 64 * BI_KiB)
		return 0;
	esc = (data[0] & 1) ? '`' : '\\';
	if (bi_expand_word(bi_span_make(data + 1, size - 1), esc, lookup, NULL, &out, &unresolved,
			   &err) < 0) {
		assert(bi_err_msg(err)[0]);
		bi_err_free(err);
	} else {
		assert(strlen(out) <= BI_MAX_ARG_EXPANSION);
		free(out);
	}
	bi_strv_release(&unresolved);
	return 0;
}
