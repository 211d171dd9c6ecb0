/* SPDX-License-Identifier: MIT */
/*
 * The apk version comparator: input "A\nB". Comparison must never crash and
 * must be antisymmetric and reflexive; validity checking must never crash.
 */
#include "util/common.h"

#include "pkgdb/version.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int sign(int r)
{
	return (r > 0) - (r < 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bi_span in = bi_span_make(data, size), a, b;

	if (size > 64 * BI_KiB)
		return 0;
	if (!bi_span_cut(in, '\n', &a, &b)) {
		a = in;
		b = BI_SPAN_LIT("1.0");
	}
	if (sign(bi_apk_ver_cmp(a, b)) != -sign(bi_apk_ver_cmp(b, a)))
		abort();
	if (bi_apk_ver_cmp(a, a) != 0)
		abort();
	(void)bi_apk_ver_valid(a, NULL);
	(void)bi_apk_ver_match(a, BI_APK_FUZZY | BI_APK_EQUAL, b);
	(void)bi_ver_check(BI_VER_APK, b, NULL);
	return 0;
}
