/* SPDX-License-Identifier: MIT */
/* The one severity scale (see severity.h). */
#include "util/common.h"

#include "report/severity.h"

static const char *const severity_names[BI_SEV__MAX] = {
	[BI_SEV_UNKNOWN] = "unknown", [BI_SEV_NEGLIGIBLE] = "negligible",
	[BI_SEV_LOW] = "low",	      [BI_SEV_MEDIUM] = "medium",
	[BI_SEV_HIGH] = "high",	      [BI_SEV_CRITICAL] = "critical",
};

const char *bi_severity_name(enum bi_severity s)
{
	return (unsigned)s < BI_SEV__MAX ? severity_names[s] : "?";
}

bool bi_severity_parse(const char *s, enum bi_severity *ret)
{
	for (int i = 0; i < BI_SEV__MAX; i++) {
		if (s && strcasecmp(s, severity_names[i]) == 0) {
			*ret = (enum bi_severity)i;
			return true;
		}
	}
	return false;
}

const char *bi_severity_level(enum bi_severity s)
{
	switch (s) {
	case BI_SEV_CRITICAL:
	case BI_SEV_HIGH:
		return "error";
	case BI_SEV_MEDIUM:
		return "warning";
	case BI_SEV_LOW:
	case BI_SEV_NEGLIGIBLE:
	case BI_SEV_UNKNOWN:
		return "note";
	case BI_SEV__MAX:
		break;
	}
	return "none";
}

bool bi_severity_parse_level(struct bi_span s, bool allow_none, enum bi_severity *ret)
{
	static const enum bi_severity levels[] = { BI_SEV_NOTE, BI_SEV_WARNING, BI_SEV_ERROR };

	for (size_t i = 0; i < BI_ARRAY_SIZE(levels); i++) {
		if (bi_span_ieq_str(s, bi_severity_level(levels[i]))) {
			*ret = levels[i];
			return true;
		}
	}
	if (allow_none && bi_span_ieq_str(s, "none")) {
		*ret = BI_SEV_NONE;
		return true;
	}
	return false;
}
