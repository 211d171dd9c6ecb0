/* SPDX-License-Identifier: MIT */
/* The OSV record importer. */
#include "vuln_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int one(struct bi_import_ctx *c, struct bi_span data, struct bi_err **err)
{
	return bi_osv_import_record(c, data, "fuzz", err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_import(data, size, one);
	return 0;
}
