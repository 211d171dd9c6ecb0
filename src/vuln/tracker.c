/* SPDX-License-Identifier: MIT */
/*
 * The Debian Security Tracker JSON (security-tracker.debian.org/tracker/data/json):
 *
 *   {"openssl": {"CVE-2023-2650": {"description": "...", "scope": "remote",
 *      "releases": {"bookworm": {"status": "resolved", "fixed_version": "3.0.9-1",
 *                                "urgency": "medium", "repositories": {...}},
 *                   "bullseye": {"status": "open", "urgency": "low",
 *                                "nodsa": "Minor issue", "nodsa_reason": "postponed"}}}}}
 *
 * The real file is ~70 MB; jansson would need several times that for the
 * whole tree, so the top-level object is split here into one member per
 * source package (a scanner that only tracks strings and nesting), and each
 * member is parsed on its own: memory is bounded by the largest package
 * (BI_MAX_TRACKER_PACKAGE).
 *
 * Status: resolved + fixed_version "0" -> not-affected; resolved + V ->
 * fixed in V; open/undetermined -> unfixed, or wont-fix when the tracker
 * says no DSA will be issued (nodsa, with nodsa_reason such as "ignored" or
 * "postponed"). Severity is the release's urgency.
 */
#include "util/common.h"
#include "util/decompress.h"
#include "util/json.h"
#include "vuln/import.h"

static int add_release(struct bi_import_ctx *c, const char *pkg, const char *id,
		       const char *release, const struct bi_json *rel, struct bi_err **err)
{
	const char *status = bi_json_get_string(rel, "status");
	const char *fixed = bi_json_get_string(rel, "fixed_version");
	const char *urgency = bi_json_get_string(rel, "urgency");
	const char *nodsa = bi_json_get_string(rel, "nodsa");
	const char *nodsa_reason = bi_json_get_string(rel, "nodsa_reason");
	_cleanup_free_ char *reason = NULL;
	struct bi_vuln_row row = {
		.distro = "debian",
		.release = release,
		.package = pkg,
		.vuln_id = id,
		.severity = bi_severity_from_word(urgency),
		.severity_word = urgency,
	};

	if (!status) {
		bi_import_skip(c, "%s: %s %s %s: no status", c->name, pkg, id, release);
		return 0;
	}
	if (strcmp(status, "resolved") == 0) {
		if (!fixed || !*fixed) {
			bi_import_skip(c, "%s: %s %s %s: resolved without fixed_version", c->name,
				       pkg, id, release);
			return 0;
		}
		if (strcmp(fixed, "0") == 0) {
			row.status = BI_VST_NOT_AFFECTED;
			row.reason = "tracker: not affected (fixed_version 0)";
		} else {
			row.status = BI_VST_FIXED;
			row.fixed = fixed;
		}
	} else if (strcmp(status, "open") == 0 || strcmp(status, "undetermined") == 0) {
		if (nodsa || nodsa_reason) {
			row.status = BI_VST_WONTFIX;
			/* A plain <no-dsa> has "nodsa_reason": "" in the feed. */
			reason = bi_xasprintf(
				"%s%s%s", nodsa_reason && *nodsa_reason ? nodsa_reason : "no-dsa",
				nodsa && *nodsa ? ": " : "", nodsa ? nodsa : "");
			row.reason = reason;
		} else {
			row.status = BI_VST_UNFIXED;
			if (strcmp(status, "undetermined") == 0)
				row.reason = "tracker: undetermined";
		}
	} else {
		bi_import_skip(c, "%s: %s %s %s: unknown status '%s'", c->name, pkg, id, release,
			       status);
		return 0;
	}
	return bi_import_row(c, &row, err);
}

/* One member `"pkg": {...}` wrapped as an object. */
static int import_member(struct bi_import_ctx *c, struct bi_buf *member, long line,
			 struct bi_err **err)
{
	_cleanup_(bi_json_freep) struct bi_json *root = NULL;
	_cleanup_free_ char *name = bi_xasprintf("%s (the package at line %ld)", c->name, line);
	const struct bi_json *cves;
	const char *pkg, *id;
	void *it = NULL, *it2;
	int r;

	r = bi_json_parse(bi_buf_span(member), name, &root, err);
	if (r < 0)
		return r;
	pkg = bi_json_object_next(root, &it, &cves);
	if (!pkg || bi_json_type(cves) != BI_JSON_OBJECT) {
		bi_import_skip(c, "%s: package '%s' is not an object", name, pkg ? pkg : "?");
		return 0;
	}
	it = NULL;
	const struct bi_json *cve;
	while ((id = bi_json_object_next(cves, &it, &cve))) {
		const struct bi_json *rels = bi_json_get(cve, "releases"), *rel;
		const char *relname;

		if (bi_json_type(rels) != BI_JSON_OBJECT) {
			bi_import_skip(c, "%s: %s %s: no releases", c->name, pkg, id);
			continue;
		}
		it2 = NULL;
		while ((relname = bi_json_object_next(rels, &it2, &rel))) {
			r = add_release(c, pkg, id, relname, rel, err);
			if (r < 0)
				return r;
		}
	}
	return 0;
}

enum scan_state { S_START, S_BETWEEN, S_MEMBER, S_DONE };

int bi_tracker_import(struct bi_import_ctx *c, struct bi_decomp *in, struct bi_err **err)
{
	_cleanup_(bi_buf_release) struct bi_buf member = BI_BUF_INIT(BI_MAX_TRACKER_PACKAGE);
	_cleanup_free_ char *chunk = bi_xmalloc(64 * BI_KiB);
	enum scan_state st = S_START;
	bool in_str = false, esc = false;
	long depth = 0, line = 1, member_line = 0;
	size_t members = 0;
	int r;

	for (;;) {
		size_t n;

		r = bi_decomp_read(in, chunk, 64 * BI_KiB, &n, err);
		if (r < 0)
			return r;
		if (n == 0)
			break;
		for (size_t i = 0; i < n; i++) {
			char ch = chunk[i];
			bool ws = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';

			if (ch == '\n')
				line++;
			switch (st) {
			case S_START:
				if (ws)
					continue;
				if (ch != '{')
					return bi_err_set(err, BI_EFORMAT,
							  "%s: line %ld: not a JSON object",
							  c->name, line);
				st = S_BETWEEN;
				continue;
			case S_BETWEEN:
				if (ws || (ch == ',' && members > 0))
					continue;
				if (ch == '}') {
					st = S_DONE;
					continue;
				}
				if (ch != '"')
					return bi_err_set(err, BI_EFORMAT,
							  "%s: line %ld: expected a package name",
							  c->name, line);
				bi_buf_reset(&member);
				bi_buf_addch(&member, '{');
				in_str = true;
				esc = false;
				depth = 0;
				member_line = line;
				st = S_MEMBER;
				break;
			case S_MEMBER:
				if (in_str) {
					if (esc)
						esc = false;
					else if (ch == '\\')
						esc = true;
					else if (ch == '"')
						in_str = false;
				} else if (ch == '"') {
					in_str = true;
				} else if (ch == '{' || ch == '[') {
					depth++;
				} else if ((ch == '}' || ch == ']') && depth > 0) {
					depth--;
				} else if (depth == 0 && (ch == ',' || ch == '}')) {
					if (bi_buf_addch(&member, '}') < 0)
						goto too_big;
					r = import_member(c, &member, member_line, err);
					if (r < 0)
						return r;
					members++;
					st = ch == ',' ? S_BETWEEN : S_DONE;
					continue;
				}
				break;
			case S_DONE:
				if (ws)
					continue;
				return bi_err_set(
					err, BI_EFORMAT,
					"%s: line %ld: data after the end of the JSON object",
					c->name, line);
			}
			if (bi_buf_addch(&member, ch) < 0)
				goto too_big;
		}
	}
	if (st != S_DONE)
		return bi_err_set(err, BI_EFORMAT, "%s: line %ld: truncated JSON", c->name, line);
	if (members == 0)
		return bi_err_set(err, BI_EFORMAT, "%s: no packages", c->name);
	return 0;
too_big:
	return bi_err_set(err, BI_ELIMIT,
			  "%s: line %ld: one package's entry is larger than %zu bytes", c->name,
			  member_line, BI_MAX_TRACKER_PACKAGE);
}
