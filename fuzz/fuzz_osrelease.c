/* SPDX-License-Identifier: MIT */
/* Fuzz the os-release parser. */
#include "util/common.h"
#include "analyze/analyze.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bi_os os = { 0 };

	if (size > BI_MiB)
		return 0;
	bi_osrelease_parse(bi_span_make(data, size), &os);
	bi_os_release(&os);
	return 0;
}
