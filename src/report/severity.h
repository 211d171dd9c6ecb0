/* SPDX-License-Identifier: MIT */
#ifndef BI_REPORT_SEVERITY_H
#define BI_REPORT_SEVERITY_H

/*
 * The one severity scale of every finding baseimg reports: lint rules,
 * will-it-run checks and CVEs. CVEs use the whole scale under its own names
 * ("unknown" .. "critical"); lint rules and checks use three steps of it under
 * the SARIF level names:
 *
 *   note    = BI_SEV_LOW
 *   warning = BI_SEV_MEDIUM
 *   error   = BI_SEV_HIGH
 *
 * bi_severity_level() maps any severity to its SARIF level (critical and high
 * are "error", medium "warning", the rest "note"), so a CVE and a lint finding
 * of the same weight get the same level in SARIF and the same colour on a page.
 * BI_SEV__MAX doubles as the threshold "none" (never fail).
 */
#include <stdbool.h>

#include "util/span.h"

enum bi_severity {
	BI_SEV_UNKNOWN,
	BI_SEV_NEGLIGIBLE,
	BI_SEV_LOW,
	BI_SEV_MEDIUM,
	BI_SEV_HIGH,
	BI_SEV_CRITICAL,
	BI_SEV__MAX,
};

/* Lint and check severities, by their level names. */
#define BI_SEV_NOTE BI_SEV_LOW
#define BI_SEV_WARNING BI_SEV_MEDIUM
#define BI_SEV_ERROR BI_SEV_HIGH
#define BI_SEV_NONE BI_SEV__MAX

/* "unknown", "negligible", "low", "medium", "high", "critical"; "?" out of range. */
const char *bi_severity_name(enum bi_severity s);
/* The reverse, case-insensitive; false when unknown (or s is NULL). */
bool bi_severity_parse(const char *s, enum bi_severity *ret);
/* The SARIF level: "note", "warning", "error"; "none" for BI_SEV_NONE. */
const char *bi_severity_level(enum bi_severity s);
/*
 * "note" | "warning" | "error" (any case) -> BI_SEV_NOTE/WARNING/ERROR, and
 * "none" -> BI_SEV_NONE when allow_none; false otherwise.
 */
bool bi_severity_parse_level(struct bi_span s, bool allow_none, enum bi_severity *ret);

#endif
