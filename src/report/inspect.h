/* SPDX-License-Identifier: MIT */
#ifndef BI_REPORT_INSPECT_H
#define BI_REPORT_INSPECT_H

/*
 * The outputs of `inspect` (human, JSON, CycloneDX) and `compare` (text,
 * markdown, JSON), all read from struct bi_analysis.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze/analyze.h"
#include "util/buf.h"
#include "util/json.h"

/* "oci:/var/tmp/images/oci/alpine:latest" -> "alpine:latest" (caller frees). */
char *bi_report_short_name(const char *ref);
/* "3.4 MB" (SI units, as `docker images` prints them). */
void bi_report_size(char *buf, size_t len, uint64_t n);

enum bi_inspect_format {
	BI_FORMAT_HUMAN,
	BI_FORMAT_JSON,
	BI_FORMAT_CYCLONEDX,
	BI_FORMAT_MARKDOWN,
	BI_FORMAT__MAX,
};
void bi_inspect_json(struct bi_jsonw *w, const struct bi_analysis *a);
void bi_inspect_human(struct bi_buf *out, const struct bi_analysis *a, bool color);
void bi_inspect_cyclonedx(struct bi_jsonw *w, const struct bi_analysis *a);
/*
 * compare.c: one row per image, taken from its analysis so that the image can
 * be freed before the next one is read.
 */
struct bi_compare_row {
	char *name, *reference, *platform;
	enum bi_class class;
	uint64_t compressed, uncompressed, files;
	enum bi_libc libc;
	char *libc_version;
	char *shell, *shell_kind;
	const char *debug_ease;
	size_t packages;
	char *checks; /* "BI202 BI203": errors and warnings, or "" */
	enum bi_severity worst;
	/*
	 * Measured CVE surface, filled by the caller that has a vulnerability
	 * database (cmd_compare); otherwise the column shows the package count.
	 */
	struct {
		bool db;       /* a database was consulted */
		bool measured; /* the counts below are real */
		size_t total, fixable, critical, high;
		char *note; /* why not measured ("no data for debian trixie"), or NULL */
	} cve;
};
void bi_compare_row_from(const struct bi_analysis *a, struct bi_compare_row *ret);
void bi_compare_row_release(struct bi_compare_row *r);
void bi_compare_text(struct bi_buf *out, const struct bi_compare_row *rows, size_t n);
void bi_compare_markdown(struct bi_buf *out, const struct bi_compare_row *rows, size_t n);
void bi_compare_json(struct bi_jsonw *w, const struct bi_compare_row *rows, size_t n);

#endif
