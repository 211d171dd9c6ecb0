/* SPDX-License-Identifier: MIT */
/* Fuzz the Dockerfile parser, both dumps and the stage graph. */
#include "util/common.h"

#include "dockerfile/dockerfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char k[] = "V", v[] = "3.20", t[] = "build";
	struct bi_kv ba[] = { { k, v } };
	struct bi_build_opts opts = { ba, 1, t, "linux/arm64/v8" };
	struct bi_dockerfile *df = NULL;
	struct bi_build *b = NULL;
	struct bi_err *err = NULL;
	struct bi_buf out = BI_BUF_INIT(BI_BUF_NOLIMIT);

	if (size > BI_MiB)
		return 0;
	if (bi_dockerfile_parse(bi_span_make(data, size), "fuzz", &df, &err) < 0) {
		assert(bi_err_msg(err)[0]);
		bi_err_free(err);
		return 0;
	}
	bi_dockerfile_dump_buildkit(df, &out);
	if (bi_build_analyze(df, (size & 1) ? &opts : NULL, &b, NULL) == 0) {
		for (size_t i = 0; i < b->nstages; i++)
			(void)bi_build_root(b, &b->stages[i]);
		bi_dockerfile_dump_json(df, b, &out);
		bi_build_free(b);
	}
	bi_buf_release(&out);
	bi_dockerfile_free(df);
	return 0;
}
