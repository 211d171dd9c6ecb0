/* SPDX-License-Identifier: MIT */
/*
 * The rpm version comparator: input "A\nB". Comparison must never crash and
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
	if (sign(bi_rpm_evr_cmp(a, b)) != -sign(bi_rpm_evr_cmp(b, a)))
		abort();
	if (bi_rpm_evr_cmp(a, a) != 0)
		abort();
	if (sign(bi_rpm_vercmp(a, b)) != -sign(bi_rpm_vercmp(b, a)))
		abort();
	(void)bi_ver_check(BI_VER_RPM, b, NULL);
	return 0;
}
