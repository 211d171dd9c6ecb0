/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the whole lint pipeline (parse, stages, rules, RUN tokenizer). */
#include "util/common.h"

#include "kb/kb.h"
#include "lint/lint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct bi_kb *kb;
	struct bi_lint_opts o = { 0 };
	struct bi_lint_result res = { 0 };
	struct bi_err *err = NULL;

	if (size > BI_MiB)
		return 0;
	if (!kb && bi_kb_load(&kb, NULL) < 0)
		abort();
	if (bi_lint_text(kb, bi_span_make(data, size), "fuzz", &o, &res, &err) < 0)
		bi_err_free(err);
	for (size_t i = 0; i < res.n; i++)
		assert(res.findings[i].message && res.findings[i].line > 0);
	bi_lint_result_release(&res);
	return 0;
}
