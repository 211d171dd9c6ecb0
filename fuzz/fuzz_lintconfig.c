/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the .baseimg.yaml parser (src/lint/config.c). */
#include "util/common.h"

#include "lint/lint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bi_lint_config c;
	struct bi_err *err = NULL;

	if (size > BI_MiB)
		return 0;
	bi_lint_config_init(&c);
	if (bi_lint_config_parse(bi_span_make(data, size), "fuzz.yaml", &c, &err) < 0) {
		assert(bi_err_msg(err)[0] != '\0');
		bi_err_free(err);
	} else {
		for (size_t i = 0; i < c.ntrusted; i++)
			assert(c.trusted[i] != NULL);
	}
	bi_lint_config_release(&c);
	return 0;
}
