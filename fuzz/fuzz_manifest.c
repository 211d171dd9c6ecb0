/* SPDX-License-Identifier: MIT */
/* Fuzz the OCI/Docker JSON documents: index, manifest, config, media types. */
#include "util/common.h"
#include "image/image_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bi_span s = bi_span_make(data, size);
	struct bi_descriptor *d = NULL;
	struct bi_manifest *m = NULL;
	struct bi_image_config c = { 0 };
	struct bi_config_extra x = { 0 };
	struct bi_err *err = NULL;
	enum bi_doc_kind k;
	enum bi_compression comp;
	size_t n = 0;

	if (size > BI_MiB)
		return 0;
	if (bi_doc_kind(s, NULL, "fuzz", &k, &err) < 0)
		bi_err_freep(&err);
	if (bi_index_parse(s, "fuzz", &d, &n, &err) == 0) {
		for (size_t i = 0; i < n; i++)
			if (d[i].media_type &&
			    bi_layer_media_type(d[i].media_type, &comp, &err) < 0)
				bi_err_freep(&err);
		bi_descriptors_free(d, n);
	}
	bi_err_freep(&err);
	if (bi_manifest_parse(s, "fuzz", &m, &err) == 0)
		bi_manifest_free(m);
	bi_err_freep(&err);
	if (bi_config_parse(s, "fuzz", &c, &x, &err) == 0) {
		bi_image_config_release(&c);
		bi_config_extra_release(&x);
	}
	bi_err_freep(&err);
	return 0;
}
