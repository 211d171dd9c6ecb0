/* SPDX-License-Identifier: MIT */
/* The Alpine secdb importer. */
#include "vuln_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_import(data, size, bi_secdb_import);
	return 0;
}
