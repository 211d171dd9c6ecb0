/* SPDX-License-Identifier: MIT */
/* The one SARIF 2.1.0 writer (see sarif.h). */
#include "util/common.h"

#include "report/sarif.h"

static void text_object(struct bi_jsonw *w, const char *key, const char *text)
{
	bi_jsonw_key(w, key);
	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "text", text);
	bi_jsonw_object_end(w);
}

static void write_rule(struct bi_jsonw *w, const struct bi_sarif_rule *r)
{
	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "id", r->id);
	if (r->name)
		bi_jsonw_kstring(w, "name", r->name);
	text_object(w, "shortDescription", r->short_desc);
	if (r->full_desc)
		text_object(w, "fullDescription", r->full_desc);
	/*
	 * helpUri must be an absolute URI (SARIF 2.1.0 3.49.12; tests/e2e/7100
	 * validates against the schema): a page in the sources goes into help.
	 */
	if (r->help_uri && strstr(r->help_uri, "://")) {
		bi_jsonw_kstring(w, "helpUri", r->help_uri);
	} else if (r->help_uri) {
		_cleanup_free_ char *help =
			bi_xasprintf("See %s in the baseimg sources.", r->help_uri);
		text_object(w, "help", help);
	}
	if (r->level != BI_SEV_NONE) {
		bi_jsonw_key(w, "defaultConfiguration");
		bi_jsonw_object_begin(w);
		bi_jsonw_kstring(w, "level", bi_severity_level(r->level));
		bi_jsonw_object_end(w);
	}
	if (r->severity) {
		bi_jsonw_key(w, "properties");
		bi_jsonw_object_begin(w);
		bi_jsonw_kstring(w, "severity", r->severity);
		bi_jsonw_object_end(w);
	}
	bi_jsonw_object_end(w);
}

static void write_location(struct bi_jsonw *w, const struct bi_sarif_result *r)
{
	bi_jsonw_key(w, "locations");
	bi_jsonw_array_begin(w);
	bi_jsonw_object_begin(w);
	bi_jsonw_key(w, "physicalLocation");
	bi_jsonw_object_begin(w);
	bi_jsonw_key(w, "artifactLocation");
	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "uri", r->uri);
	bi_jsonw_object_end(w);
	if (r->line > 0) {
		bi_jsonw_key(w, "region");
		bi_jsonw_object_begin(w);
		bi_jsonw_kint(w, "startLine", r->line);
		if (r->column > 0)
			bi_jsonw_kint(w, "startColumn", r->column);
		if (r->end_line >= r->line)
			bi_jsonw_kint(w, "endLine", r->end_line);
		bi_jsonw_object_end(w);
	}
	bi_jsonw_object_end(w);
	if (r->logical_name) {
		bi_jsonw_key(w, "logicalLocations");
		bi_jsonw_array_begin(w);
		bi_jsonw_object_begin(w);
		bi_jsonw_kstring(w, "name", r->logical_name);
		bi_jsonw_kstring(w, "kind", r->logical_kind);
		bi_jsonw_object_end(w);
		bi_jsonw_array_end(w);
	}
	bi_jsonw_object_end(w);
	bi_jsonw_array_end(w);
}

static void write_result(struct bi_jsonw *w, const struct bi_sarif_result *r)
{
	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "ruleId", r->rule_id);
	if (r->rule_index >= 0)
		bi_jsonw_kint(w, "ruleIndex", r->rule_index);
	bi_jsonw_kstring(w, "level", bi_severity_level(r->level));
	text_object(w, "message", r->message);
	write_location(w, r);
	if (r->props) {
		bi_jsonw_key(w, "properties");
		bi_jsonw_object_begin(w);
		for (size_t i = 0; i < r->nprops; i++) {
			if (r->props[i].is_num)
				bi_jsonw_kint(w, r->props[i].key, r->props[i].num);
			else
				bi_jsonw_kstring(w, r->props[i].key, r->props[i].str);
		}
		bi_jsonw_object_end(w);
	}
	bi_jsonw_object_end(w);
}

void bi_sarif_write(struct bi_jsonw *w, const struct bi_sarif_tool *tool,
		    const struct bi_sarif_rule *rules, size_t nrules,
		    const struct bi_sarif_result *res, size_t n)
{
	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	bi_jsonw_kstring(w, "version", "2.1.0");
	bi_jsonw_key(w, "runs");
	bi_jsonw_array_begin(w);
	bi_jsonw_object_begin(w);
	bi_jsonw_key(w, "tool");
	bi_jsonw_object_begin(w);
	bi_jsonw_key(w, "driver");
	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "name", tool->name);
	if (tool->version)
		bi_jsonw_kstring(w, "version", tool->version);
	bi_jsonw_kstring(w, "informationUri", tool->information_uri);
	bi_jsonw_key(w, "rules");
	bi_jsonw_array_begin(w);
	for (size_t i = 0; i < nrules; i++)
		write_rule(w, &rules[i]);
	bi_jsonw_array_end(w);
	bi_jsonw_object_end(w);
	bi_jsonw_object_end(w);
	bi_jsonw_key(w, "results");
	bi_jsonw_array_begin(w);
	for (size_t i = 0; i < n; i++)
		write_result(w, &res[i]);
	bi_jsonw_array_end(w);
	bi_jsonw_object_end(w);
	bi_jsonw_array_end(w);
	bi_jsonw_object_end(w);
}
