/* SPDX-License-Identifier: MIT */
/* Fuzz the apk installed-database reader (with a layer callback). */
#include "util/common.h"
#include "pkgdb/pkgdb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int layer_of(void *ctx, const char *path)
{
	(void)ctx;
	return (int)(strlen(path) % 3) - 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bi_pkglist l;
	struct bi_pkg_layer_cb cb = { layer_of, NULL };
	struct bi_err *err = NULL;

	if (size > BI_MiB)
		return 0;
	bi_pkglist_init(&l, BI_PKG_APK);
	if (bi_apk_parse(bi_span_make(data, size), "installed", &cb, &l, &err) < 0)
		bi_err_free(err);
	bi_pkglist_sort(&l);
	bi_pkglist_release(&l);
	return 0;
}
