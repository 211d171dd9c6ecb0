/* SPDX-License-Identifier: MIT */
/* Fuzz the dpkg status and status.d readers. */
#include "util/common.h"
#include "pkgdb/pkgdb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bi_pkglist l;
	struct bi_err *err = NULL;

	if (size > BI_MiB)
		return 0;
	for (int status_d = 0; status_d < 2; status_d++) {
		bi_pkglist_init(&l, BI_PKG_DPKG);
		if (bi_dpkg_parse(bi_span_make(data, size), "status", status_d, &l, &err) < 0)
			bi_err_freep(&err);
		bi_pkglist_release(&l);
	}
	return 0;
}
