/* SPDX-License-Identifier: MIT */
#ifndef BI_REPORT_HTML_H
#define BI_REPORT_HTML_H

/*
 * `baseimg report`: one self-contained HTML page (docs/commands/report.md).
 * Inline CSS and SVG only, a Content-Security-Policy that forbids loading
 * anything, no script; light and dark colours, printable. The same model
 * gives the same bytes (no clock, no addresses, no hash order). Every string
 * from an image, a feed or a file is escaped (invalid UTF-8 and control
 * bytes become U+FFFD).
 */
#include <stdbool.h>
#include <stddef.h>

#include "report/inspect.h"
#include "report/report.h"
#include "util/buf.h"
#include "vuln/match.h"

/* What the vulnerability database says about one image. */
struct bi_html_cves {
	bool measured;			    /* the counts below are real */
	const char *note;		    /* why not measured, or NULL */
	size_t by[BI_SEV__MAX][2];	    /* [severity][0: fixable, 1: unfixed or wont-fix] */
	size_t total, fixable;		    /* over all severities */
	const struct bi_findings *findings; /* for the packages with most findings, or NULL */
};

struct bi_html_image {
	const struct bi_analysis *a;
	const char *ref;    /* as the user named the image */
	const char *name;   /* its short name ("alpine:latest") */
	size_t base_layers; /* layers [0, base_layers) come from base_name; 0: unknown */
	const char *base_name;
	struct bi_html_cves cve; /* meaningful when the document has a database */
};

/* `--context DIR`: the recommend decision. */
struct bi_html_recommend {
	const char *dir;
	const char *workload;	       /* "python 3.12 (pip)" */
	const char *runtime, *builder; /* builder may be NULL */
	const char *runtime_class;
	char *const *rationale; /* the decision path, in order */
	size_t nrationale;
	const char *dockerfile; /* the suggested multi-stage skeleton */
};

struct bi_html_doc {
	const char *title;   /* "baseimg report" */
	const char *date;    /* the printed date (--date), or NULL */
	const char *version; /* baseimg's version */
	const struct bi_html_image *imgs;
	size_t n;
	bool db;	     /* a database was consulted */
	const char *db_info; /* "2 sources, data up to 2026-12-03", or NULL */
	/* `--dockerfile FILE`: its lint findings (help_uri of the rule table). */
	const char *dockerfile;
	const struct bi_report_rule *rules;
	size_t nrules;
	const struct bi_report_result *lint;
	size_t nlint;
	const struct bi_html_recommend *rec; /* or NULL */
};

/* The page, appended to out. */
void bi_report_html(struct bi_buf *out, const struct bi_html_doc *doc);

#endif
