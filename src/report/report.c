/* SPDX-License-Identifier: MIT */
/* Report writers: human text, JSON and SARIF 2.1.0 (see report.h). */
#include "util/common.h"
#include "util/json.h"

#include "report/report.h"
#include "report/sarif.h"

void bi_report_human(const struct bi_report_result *res, size_t n, bool color, struct bi_buf *out)
{
	static const char *const colors[BI_SEV__MAX] = {
		[BI_SEV_NOTE] = "\033[1;36m",
		[BI_SEV_WARNING] = "\033[1;33m",
		[BI_SEV_ERROR] = "\033[1;31m",
	};

	for (size_t i = 0; i < n; i++) {
		const struct bi_report_result *r = &res[i];

		if (color)
			bi_buf_addf(out,
				    "\033[1m%s:%d:%d:\033[0m %s%s:\033[0m %s \033[2m[%s]\033[0m\n",
				    r->uri, r->line, r->column,
				    colors[r->level] ? colors[r->level] : "",
				    bi_severity_level(r->level), r->message, r->rule_id);
		else
			bi_buf_addf(out, "%s:%d:%d: %s: %s [%s]\n", r->uri, r->line, r->column,
				    bi_severity_level(r->level), r->message, r->rule_id);
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
		bi_jsonw_kstring(&w, "severity", bi_severity_level(r->level));
		bi_jsonw_kstring(&w, "message", r->message);
		bi_jsonw_kstring(&w, "fix", r->fix);
		bi_jsonw_object_end(&w);
	}
	bi_jsonw_array_end(&w);
	if (out->len == 0 || out->buf[out->len - 1] != '\n')
		bi_buf_addch(out, '\n');
}

void bi_report_sarif(const struct bi_report_tool *tool, const struct bi_report_rule *rules,
		     size_t nrules, const struct bi_report_result *res, size_t n,
		     struct bi_buf *out)
{
	const struct bi_sarif_tool st = { tool->name, tool->version, tool->information_uri };
	_cleanup_free_ struct bi_sarif_rule *sr = bi_xcalloc(nrules ? nrules : 1, sizeof(*sr));
	_cleanup_free_ struct bi_sarif_result *sres = bi_xcalloc(n ? n : 1, sizeof(*sres));
	struct bi_jsonw w;

	for (size_t i = 0; i < nrules; i++) {
		const struct bi_report_rule *r = &rules[i];

		sr[i] = (struct bi_sarif_rule){
			.id = r->id,
			.name = r->name,
			.short_desc = r->short_desc,
			.full_desc = r->full_desc ? r->full_desc : r->short_desc,
			.help_uri = r->help_uri,
			.level = r->level,
		};
	}
	for (size_t i = 0; i < n; i++) {
		const struct bi_report_result *r = &res[i];

		sres[i] = (struct bi_sarif_result){
			.rule_id = r->rule_id,
			.rule_index = -1,
			.level = r->level,
			.message = r->message,
			.uri = r->uri,
			.line = r->line,
			.column = r->column,
			.end_line = r->end_line,
		};
		for (size_t k = 0; k < nrules; k++) {
			if (strcmp(rules[k].id, r->rule_id) == 0) {
				sres[i].rule_index = (int64_t)k;
				break;
			}
		}
	}
	bi_jsonw_init(&w, out, true);
	bi_sarif_write(&w, &st, sr, nrules, sres, n);
	if (out->len == 0 || out->buf[out->len - 1] != '\n')
		bi_buf_addch(out, '\n');
}
