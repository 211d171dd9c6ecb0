/* SPDX-License-Identifier: MIT */
/* libFuzzer target: image references (bi_ref_parse, normalised/familiar forms, KB lookup). */
#include "util/common.h"

#include "image/ref.h"
#include "kb/kb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct bi_kb *kb;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bi_ref *ref = NULL, *again = NULL;
	struct bi_err *err = NULL;
	struct bi_kb_match m;
	char *s, *norm, *fam;

	if (size > 8192)
		return 0;
	if (!kb && bi_kb_load(&kb, NULL) < 0)
		abort();
	s = bi_xstrndup((const char *)data, size);
	if (bi_ref_parse(s, &ref, &err) < 0) {
		assert(err && !strchr(bi_err_msg(err), '\n'));
		bi_err_free(err);
		free(s);
		return 0;
	}
	norm = bi_ref_normalized(ref);
	fam = bi_ref_familiar(ref);
	/* the normalised form is a fixed point */
	if (bi_ref_parse(norm, &again, NULL) < 0)
		abort();
	{
		char *n2 = bi_ref_normalized(again);
		if (strcmp(n2, norm) != 0)
			abort();
		free(n2);
	}
	bi_kb_lookup(kb, ref, &m);
	assert(m.class <= BI_CLASS_UNKNOWN);
	bi_ref_free(again);
	bi_ref_free(ref);
	free(norm);
	free(fam);
	free(s);
	return 0;
}
