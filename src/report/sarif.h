/* SPDX-License-Identifier: MIT */
#ifndef BI_REPORT_SARIF_H
#define BI_REPORT_SARIF_H

/*
 * The one SARIF 2.1.0 writer. `lint` (report.c) and `cves` (cves.c) turn
 * their findings into these structs; every optional member is written only
 * when set, so each command keeps the keys docs/commands/<cmd>.md shows.
 */
#include <stddef.h>
#include <stdint.h>

#include "report/severity.h"
#include "util/json.h"

struct bi_sarif_tool {
	const char *name;	     /* "baseimg" */
	const char *version;	     /* or NULL */
	const char *information_uri; /* project page */
};

struct bi_sarif_rule {
	const char *id;
	const char *name; /* or NULL */
	const char *short_desc;
	const char *full_desc;	/* or NULL */
	const char *help_uri;	/* or NULL */
	enum bi_severity level; /* defaultConfiguration.level; BI_SEV_NONE: none */
	const char *severity;	/* properties.severity, or NULL */
};

/* A result property: a string (NULL gives null) or, when is_num, a number. */
struct bi_sarif_prop {
	const char *key;
	const char *str;
	int64_t num;
	bool is_num;
};

struct bi_sarif_result {
	const char *rule_id;
	int64_t rule_index; /* -1: not written */
	enum bi_severity level;
	const char *message;
	const char *uri;		   /* the artifact */
	int line, column, end_line;	   /* region when line > 0; 0 = unknown */
	const char *logical_name;	   /* logicalLocations[0].name, or NULL */
	const char *logical_kind;	   /* its kind ("package") */
	const struct bi_sarif_prop *props; /* properties, or NULL */
	size_t nprops;
};

/* One SARIF log with one run (no trailing newline). */
void bi_sarif_write(struct bi_jsonw *w, const struct bi_sarif_tool *tool,
		    const struct bi_sarif_rule *rules, size_t nrules,
		    const struct bi_sarif_result *res, size_t n);

#endif
