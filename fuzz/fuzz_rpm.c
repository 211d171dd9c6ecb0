/* SPDX-License-Identifier: MIT */
/*
 * Fuzz the RPM header blob parser (with its file-list walk) and, for inputs
 * that start with the SQLite magic, the rpmdb.sqlite reader.
 */
#include "util/common.h"
#include "pkgdb/pkgdb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int layer_of(void *ctx, const char *path)
{
	(void)ctx;
	return path[0] == 'u' ? 1 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bi_pkg_layer_cb cb = { layer_of, NULL };
	struct bi_rpm_header h = { 0 };
	struct bi_err *err = NULL;
	int layer;

	if (size > BI_MiB)
		return 0;
	if (bi_rpm_header_parse(bi_span_make(data, size), &cb, &h, &layer, &err) == 0)
		bi_rpm_header_release(&h);
	else
		bi_err_freep(&err);
	if (size >= 16 && memcmp(data, "SQLite format 3", 16) == 0) {
		struct bi_pkglist l;
		bi_pkglist_init(&l, BI_PKG_RPM);
		if (bi_rpmdb_parse(bi_span_make(data, size), "rpmdb.sqlite", &cb, &l, &err) < 0)
			bi_err_freep(&err);
		bi_pkglist_release(&l);
	}
	return 0;
}
