/* SPDX-License-Identifier: MIT */
/* The streamed oval importer (plain, or bzip2/xz when the input says so). */
#include "vuln_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int one(struct bi_import_ctx *c, struct bi_span data, struct bi_err **err)
{
	return fuzz_stream(c, data, bi_oval_import, err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_import(data, size, one);
	return 0;
}
