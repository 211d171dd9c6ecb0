/* SPDX-License-Identifier: MIT */
#ifndef BI_REPORT_CVES_H
#define BI_REPORT_CVES_H

/* The outputs of `baseimg cves`: human summary + list, JSON, SARIF 2.1.0. */
#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/json.h"
#include "vuln/match.h"

struct bi_cves_report {
	const char *image;    /* the reference the user gave */
	const char *digest;   /* manifest digest or NULL */
	const char *platform; /* "linux/amd64" or NULL */
	const char *os_id, *os_version, *os_codename;
	const struct bi_vuln_target *target; /* NULL when nothing was audited */
	const char *note;		     /* why nothing was audited, or NULL */
	const struct bi_vulndb_source *sources;
	size_t nsources;
	const struct bi_findings *findings; /* filtered */
	size_t packages;
	const char *pkgdb_path; /* "lib/apk/db/installed"..., for SARIF locations */
	/* --base: layers [0, base_layers) belong to the base image. */
	bool has_base;
	size_t base_layers;
	const char *base_ref;
	/* The image's org.opencontainers.image.base.{name,digest} labels, or NULL. */
	const char *label_base_name, *label_base_digest;
};

/* Counts per severity and the fixable count over the report's findings. */
struct bi_cves_summary {
	size_t by_severity[BI_SEV__MAX];
	size_t total, fixable, base, own;
};
void bi_cves_summarize(const struct bi_cves_report *r, struct bi_cves_summary *ret);
/* The newest data date over the sources (first 10 characters), or NULL. */
const char *bi_cves_data_date(const struct bi_cves_report *r, char buf[16]);

void bi_cves_text(struct bi_buf *out, const struct bi_cves_report *r, bool color);
void bi_cves_json(struct bi_jsonw *w, const struct bi_cves_report *r);
void bi_cves_sarif(struct bi_jsonw *w, const struct bi_cves_report *r);

#endif
