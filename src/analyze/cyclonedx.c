/* SPDX-License-Identifier: MIT */
/* placeholder, replaced below */
#include "util/common.h"
#include "analyze/analyze.h"
void bi_inspect_cyclonedx(struct bi_jsonw *w, const struct bi_analysis *a)
{
	(void)a;
	bi_jsonw_object_begin(w);
	bi_jsonw_object_end(w);
}
