/* SPDX-License-Identifier: MIT */
#ifndef BI_VULN_IMPORT_H
#define BI_VULN_IMPORT_H

/*
 * Feed importers. bi_vuln_import_path() detects the format of a file or
 * folder and imports it as one source in one transaction. The per-format
 * functions are exposed for tests and fuzzing; each writes rows through
 * ctx->imp and counts records it had to skip (damaged records are warnings,
 * not failures, as long as the document itself parses).
 */
#include <stdbool.h>
#include <stddef.h>

#include "util/span.h"
#include "vuln/vulndb.h"

struct bi_err;
struct bi_decomp;

enum bi_feed_kind {
	BI_FEED_UNKNOWN,
	BI_FEED_OSV,
	BI_FEED_SECDB,
	BI_FEED_TRACKER,
	BI_FEED_OVAL,
	BI_FEED__MAX,
};

/* "osv", "alpine-secdb", "debian-tracker", "oval". */
const char *bi_feed_kind_name(enum bi_feed_kind k);

struct bi_import_ctx {
	struct bi_vulndb_import *imp;
	const char *name; /* for messages */
	size_t skipped;	  /* damaged records skipped */
	char *first_skip; /* the first skip's message */
	/* What the data covers, for the source's scope line. */
	char *distro, *release;
	bool many_releases;
	/* Rows per distro, to name an OSV source by its main distro. */
	struct {
		char name[32];
		size_t rows;
	} distros[8];
	size_t ndistros;
	char *data_date; /* newest date seen in the data, or NULL */
};

void bi_import_ctx_release(struct bi_import_ctx *c);
/* Record a skipped record (printf-style message). */
__attribute__((format(printf, 2, 3))) void bi_import_skip(struct bi_import_ctx *c, const char *fmt,
							  ...);
/* Note the (distro, release) a row covers. */
void bi_import_note_scope(struct bi_import_ctx *c, const char *distro, const char *release);
/* Keep the newest of the dates seen (ISO 8601 strings compare as text). */
void bi_import_note_date(struct bi_import_ctx *c, const char *date);
/* Add a row (also notes its scope). */
int bi_import_row(struct bi_import_ctx *c, const struct bi_vuln_row *row, struct bi_err **err);

/* Debian release number ("12", "12.5") to codename ("bookworm"), or NULL. */
const char *bi_debian_codename(const char *version);

/* Alpine secdb JSON (one document). */
int bi_secdb_import(struct bi_import_ctx *c, struct bi_span text, struct bi_err **err);
/* One OSV record (JSON object). */
int bi_osv_import_record(struct bi_import_ctx *c, struct bi_span text, const char *name,
			 struct bi_err **err);
/* An OSV all.zip (mapped, members inflated one at a time). */
int bi_osv_import_zip(struct bi_import_ctx *c, const char *path, size_t *ret_records,
		      struct bi_err **err);
/* OVAL XML, streamed. */
int bi_oval_import(struct bi_import_ctx *c, struct bi_decomp *in, struct bi_err **err);
/* Debian Security Tracker JSON, streamed one source package at a time. */
int bi_tracker_import(struct bi_import_ctx *c, struct bi_decomp *in, struct bi_err **err);

struct bi_import_result {
	enum bi_feed_kind kind;
	char *scope, *data_date;
	struct bi_vulndb_counts counts;
	size_t skipped;
	char *first_skip;
};

void bi_import_result_release(struct bi_import_result *r);

/*
 * Import a file (plain, .bz2 or .xz) or a folder of OSV records as one
 * source. On failure the database is unchanged.
 */
int bi_vuln_import_path(struct bi_vulndb *db, const char *path, struct bi_import_result *ret,
			struct bi_err **err);

#endif
