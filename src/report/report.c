/* SPDX-License-Identifier: MIT */
/* Report writers: human text, JSON and SARIF 2.1.0 (see report.h). */
#include "util/common.h"
#include "util/json.h"

#include "report/report.h"

static const char *const level_names[BI_LEVEL__MAX] = {
	[BI_LEVEL_NOTE] = "note",
	[BI_LEVEL_WARNING] = "warning",
	[BI_LEVEL_ERROR] = "error",
};

const char *bi_level_name(enum bi_level l)
{
	return (unsigned)l < BI_LEVEL__MAX ? level_names[l] : "unknown";
}

bool bi_level_parse(struct bi_span s, enum bi_level *ret)
{
	for (int i = 0; i < BI_LEVEL__MAX; i++) {
		if (bi_span_ieq_str(s, level_names[i])) {
			*ret = (enum bi_level)i;
			return true;
		}
	}
	return false;
}

void bi_report_human(const struct bi_report_result *res, size_t n, bool color, struct bi_buf *out)
{
	static const char *const colors[BI_LEVEL__MAX] = {
		[BI_LEVEL_NOTE] = "\033[1;36m",
		[BI_LEVEL_WARNING] = "\033[1;33m",
		[BI_LEVEL_ERROR] = "\033[1;31m",
	};

	for (size_t i = 0; i < n; i++) {
		const struct bi_report_result *r = &res[i];

		if (color)
			bi_buf_addf(out,
				    "\033[1m%s:%d:%d:\033[0m %s%s:\033[0m %s \033[2m[%s]\033[0m\n",
				    r->uri, r->line, r->column, colors[r->level],
				    bi_level_name(r->level), r->message, r->rule_id);
		else
			bi_buf_addf(out, "%s:%d:%d: %s: %s [%s]\n", r->uri, r->line, r->column,
				    bi_level_name(r->level), r->message, r->rule_id);
	}
}

void bi_report_json(const struct bi_report_result *res, size_t n, struct bi_buf *out)
{
	struct bi_jsonw w;

	bi_jsonw_init(&w, out, true);
	bi_jsonw_array_begin(&w);
	for (size_t i = 0; i < n; i++) {
		const struct bi_report_result *r = &res[i];

		bi_jsonw_object_begin(&w);
		bi_jsonw_kstring(&w, "file", r->uri);
		bi_jsonw_kint(&w, "line", r->line);
		bi_jsonw_kint(&w, "column", r->column);
		bi_jsonw_kint(&w, "end_line", r->end_line);
		bi_jsonw_kstring(&w, "rule", r->rule_id);
		bi_jsonw_kstring(&w, "name", r->rule_name);
		bi_jsonw_kstring(&w, "severity", bi_level_name(r->level));
		bi_jsonw_kstring(&w, "message", r->message);
		bi_jsonw_kstring(&w, "fix", r->fix);
		bi_jsonw_object_end(&w);
	}
	bi_jsonw_array_end(&w);
	if (out->len == 0 || out->buf[out->len - 1] != '\n')
		bi_buf_addch(out, '\n');
}

static void sarif_rule(struct bi_jsonw *w, const struct bi_report_rule *r)
{
	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "id", r->id);
	bi_jsonw_kstring(w, "name", r->name);
	bi_jsonw_key(w, "shortDescription");
	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "text", r->short_desc);
	bi_jsonw_object_end(w);
	bi_jsonw_key(w, "fullDescription");
	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "text", r->full_desc ? r->full_desc : r->short_desc);
	bi_jsonw_object_end(w);
	if (r->help_uri)
		bi_jsonw_kstring(w, "helpUri", r->help_uri);
	bi_jsonw_key(w, "defaultConfiguration");
	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "level", bi_level_name(r->level));
	bi_jsonw_object_end(w);
	bi_jsonw_object_end(w);
}

static void sarif_result(struct bi_jsonw *w, const struct bi_report_rule *rules, size_t nrules,
			 const struct bi_report_result *r)
{
	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "ruleId", r->rule_id);
	for (size_t i = 0; i < nrules; i++) {
		if (strcmp(rules[i].id, r->rule_id) == 0) {
			bi_jsonw_kint(w, "ruleIndex", (int64_t)i);
			break;
		}
	}
	bi_jsonw_kstring(w, "level", bi_level_name(r->level));
	bi_jsonw_key(w, "message");
	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "text", r->message);
	bi_jsonw_object_end(w);
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
	bi_jsonw_object_end(w);
	bi_jsonw_array_end(w);
	bi_jsonw_object_end(w);
}

void bi_report_sarif(const struct bi_report_tool *tool, const struct bi_report_rule *rules,
		     size_t nrules, const struct bi_report_result *res, size_t n,
		     struct bi_buf *out)
{
	struct bi_jsonw w;

	bi_jsonw_init(&w, out, true);
	bi_jsonw_object_begin(&w);
	bi_jsonw_kstring(&w, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	bi_jsonw_kstring(&w, "version", "2.1.0");
	bi_jsonw_key(&w, "runs");
	bi_jsonw_array_begin(&w);
	bi_jsonw_object_begin(&w);
	bi_jsonw_key(&w, "tool");
	bi_jsonw_object_begin(&w);
	bi_jsonw_key(&w, "driver");
	bi_jsonw_object_begin(&w);
	bi_jsonw_kstring(&w, "name", tool->name);
	bi_jsonw_kstring(&w, "version", tool->version);
	bi_jsonw_kstring(&w, "informationUri", tool->information_uri);
	bi_jsonw_key(&w, "rules");
	bi_jsonw_array_begin(&w);
	for (size_t i = 0; i < nrules; i++)
		sarif_rule(&w, &rules[i]);
	bi_jsonw_array_end(&w);
	bi_jsonw_object_end(&w);
	bi_jsonw_object_end(&w);
	bi_jsonw_key(&w, "results");
	bi_jsonw_array_begin(&w);
	for (size_t i = 0; i < n; i++)
		sarif_result(&w, rules, nrules, &res[i]);
	bi_jsonw_array_end(&w);
	bi_jsonw_object_end(&w);
	bi_jsonw_array_end(&w);
	bi_jsonw_object_end(&w);
	if (out->len == 0 || out->buf[out->len - 1] != '\n')
		bi_buf_addch(out, '\n');
}
