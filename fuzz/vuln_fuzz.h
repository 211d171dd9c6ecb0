/* SPDX-License-Identifier: MIT */
#ifndef BI_FUZZ_VULN_H
#define BI_FUZZ_VULN_H

/*
 * Shared by the importer fuzz targets: one in-memory database for the whole
 * run; each input is imported inside a transaction that is rolled back.
 */
#include "util/common.h"
#include "util/decompress.h"
#include "vuln/import.h"

typedef int (*fuzz_import_fn)(struct bi_import_ctx *c, struct bi_span data, struct bi_err **err);

static struct bi_vulndb *fuzz_db;

static inline void fuzz_close_db(void)
{
	bi_vulndb_close(fuzz_db);
	fuzz_db = NULL;
}

static inline void fuzz_import(const uint8_t *data, size_t size, fuzz_import_fn fn)
{
	struct bi_vulndb_import *imp = NULL;
	struct bi_import_ctx c = { .name = "fuzz" };
	struct bi_err *err = NULL;

	if (size > BI_MiB)
		return;
	if (!fuzz_db) {
		if (bi_vulndb_open(":memory:", BI_VULNDB_WRITE, &fuzz_db, &err) < 0)
			abort();
		atexit(fuzz_close_db);
	}
	if (bi_vulndb_import_begin(fuzz_db, "fuzz", "fuzz", &imp, &err) < 0)
		abort();
	c.imp = imp;
	if (fn(&c, bi_span_make(data, size), &err) < 0) {
		/* Every failure carries a message; the DB itself must not fail. */
		if (!err || bi_err_code(err) == BI_EDB || bi_err_code(err) == BI_EINTERNAL)
			abort();
	}
	bi_err_free(err);
	bi_import_ctx_release(&c);
	bi_vulndb_import_free(imp);
}

/* For the streamed importers: run over an in-memory reader. */
static inline int fuzz_stream(struct bi_import_ctx *c, struct bi_span data,
			      int (*fn)(struct bi_import_ctx *, struct bi_decomp *,
					struct bi_err **),
			      struct bi_err **err)
{
	struct bi_decomp *d = NULL;
	int r = bi_decomp_open_memory(data, "fuzz", 16 * BI_MiB, &d, err);

	if (r == 0)
		r = fn(c, d, err);
	bi_decomp_free(d);
	return r;
}

#endif
