/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the knowledge-base file parser, then lookups against what it built. */
#include "util/common.h"

#include "image/ref.h"
#include "kb/kb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const refs[] = {
	"python:3.12-slim",
	"node:20-alpine",
	"debian:stable-slim",
	"golang:1.22",
	"alpine:3",
	"ubuntu:22.04",
	"gcr.io/distroless/java21-debian12:debug",
	"x:3.12-alpine-3.2",
	"x:latest-dev",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bi_kb *kb = NULL;
	struct bi_err *err = NULL;

	if (size > BI_MiB)
		return 0;
	if (bi_kb_parse(bi_span_make(data, size), "fuzz.kb", &kb, &err) < 0) {
		assert(err && !strchr(bi_err_msg(err), '\n'));
		bi_err_free(err);
		return 0;
	}
	for (size_t i = 0; i < BI_ARRAY_SIZE(refs); i++) {
		struct bi_ref *r = NULL;
		struct bi_kb_match m;
		if (bi_ref_parse(refs[i], &r, NULL) < 0)
			abort();
		bi_kb_lookup(kb, r, &m);
		bi_ref_free(r);
	}
	(void)bi_kb_python_c_extension(kb, "numpy");
	(void)bi_kb_node_native_addon(kb, "@a/b");
	(void)bi_kb_get(kb, "debian.current");
	bi_kb_free(kb);
	return 0;
}
