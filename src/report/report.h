/* SPDX-License-Identifier: MIT */
#ifndef BI_REPORT_H
#define BI_REPORT_H

/*
 * Report writers shared by the commands that produce findings (`lint`,
 * later `cves`): a rule table plus a flat list of results, written as human
 * text, JSON or SARIF 2.1.0 into a bi_buf. Nothing here knows about
 * Dockerfiles: callers fill the generic structs below.
 */
#include <stdbool.h>
#include <stddef.h>

#include "report/severity.h"
#include "util/buf.h"
#include "util/span.h"

struct bi_report_rule {
	const char *id;		/* "BI104" */
	const char *name;	/* "digest-missing" */
	const char *short_desc; /* one line */
	const char *full_desc;	/* a paragraph */
	const char *help_uri;	/* documentation page */
	enum bi_severity level; /* default severity */
};

struct bi_report_result {
	const char *rule_id;
	const char *rule_name;
	enum bi_severity level;
	const char *message;
	const char *fix;	    /* may be NULL */
	const char *uri;	    /* the artifact, as the user named it */
	int line, column, end_line; /* 1-based; 0 when unknown */
};

/* Describes the producing tool (SARIF tool.driver). */
struct bi_report_tool {
	const char *name;	     /* "baseimg" */
	const char *version;	     /* "0.1.0" */
	const char *information_uri; /* project page */
};

/* `FILE:LINE:COL: severity: message [ID]`, one line each; ANSI colour when color. */
void bi_report_human(const struct bi_report_result *res, size_t n, bool color, struct bi_buf *out);
/*
 * A JSON array of objects {file, line, column, end_line, rule, name, severity,
 * message, fix} (docs/commands/lint.md), pretty-printed, ending in "\n".
 */
void bi_report_json(const struct bi_report_result *res, size_t n, struct bi_buf *out);
/* One SARIF 2.1.0 log with one run; every rule of the table is described. */
void bi_report_sarif(const struct bi_report_tool *tool, const struct bi_report_rule *rules,
		     size_t nrules, const struct bi_report_result *res, size_t n,
		     struct bi_buf *out);

#endif
