/* SPDX-License-Identifier: MIT */
/*
 * Alpine secdb JSON (secdb.alpinelinux.org/<release>/<repo>.json):
 *   {"distroversion": "v3.20", "reponame": "main",
 *    "packages": [{"pkg": {"name": "openssl",
 *                          "secfixes": {"3.3.2-r0": ["CVE-2024-6119"], "0": [...]}}}]}
 * `name` is the origin (source) package. Each secfixes key is the first
 * version that fixes the listed ids; the key "0" means Alpine's package was
 * never affected (recorded as not-affected, never reported). An entry may
 * carry aliases after the id ("CVE-2021-27219 GHSL-2021-045", "CVE-... XSA-..")
 * or a note ("CVE-2019-1234 (BGP)"): when an entry has CVE ids, each CVE is
 * recorded and the other tokens are aliases; otherwise the first id is.
 * "CVE_2019-1234" (a few entries) is read as "CVE-2019-1234".
 */
#include "util/common.h"
#include "util/json.h"
#include "vuln/import.h"

static bool looks_like_id(struct bi_span t)
{
	/* CVE-2024-1234, ALPINE-13661, XSA-123, GHSA-xxxx-..., OSV-... */
	ptrdiff_t dash = bi_span_find_char(t, '-');

	if (dash <= 0 || (size_t)dash + 1 >= t.len)
		return false;
	for (ptrdiff_t i = 0; i < dash; i++)
		if (!(t.ptr[i] >= 'A' && t.ptr[i] <= 'Z'))
			return false;
	for (size_t i = 0; i < t.len; i++) {
		char c = t.ptr[i];
		if (!isalnum((unsigned char)c) && c != '-' && c != '_' && c != ':' && c != '.')
			return false;
	}
	return true;
}

/* Whether entry has a CVE token: then only CVE tokens are ids, the rest aliases. */
static bool has_cve(struct bi_span s)
{
	struct bi_span tok;

	while (bi_span_split(&s, ' ', &tok))
		if (bi_span_starts_with(bi_span_trim(tok), "CVE-") &&
		    looks_like_id(bi_span_trim(tok)))
			return true;
	return false;
}

static int add_ids(struct bi_import_ctx *c, const char *release, const char *pkg, const char *key,
		   const char *entry, struct bi_err **err)
{
	struct bi_span s = bi_span_str(entry), tok;
	bool never = strcmp(key, "0") == 0;
	bool cves = has_cve(s);

	while (bi_span_split(&s, ' ', &tok)) {
		_cleanup_free_ char *id = NULL;
		struct bi_vuln_row row = {
			.distro = "alpine",
			.release = release,
			.package = pkg,
			.status = never ? BI_VST_NOT_AFFECTED : BI_VST_FIXED,
			.fixed = never ? NULL : key,
			.reason = never ? "secdb: version 0 (never affected in Alpine)" : NULL,
			.severity = BI_SEV_UNKNOWN,
		};
		int r;

		tok = bi_span_trim(tok);
		id = bi_span_dup(tok);
		/* A few entries write "CVE_2019-1234". */
		if (strncmp(id, "CVE_", 4) == 0)
			id[3] = '-';
		tok = bi_span_str(id);
		if (!looks_like_id(tok) || (cves && !bi_span_starts_with(tok, "CVE-")))
			continue;
		row.vuln_id = id;
		r = bi_import_row(c, &row, err);
		if (r < 0)
			return r;
		if (!cves)
			break; /* "GNUTLS-SA-... XSA-...": the first names it */
	}
	return 0;
}

int bi_secdb_import(struct bi_import_ctx *c, struct bi_span text, struct bi_err **err)
{
	_cleanup_(bi_json_freep) struct bi_json *root = NULL;
	const struct bi_json *pkgs;
	const char *release;
	int r;

	r = bi_json_parse(text, c->name, &root, err);
	if (r < 0)
		return r;
	release = bi_json_get_string(root, "distroversion");
	pkgs = bi_json_get(root, "packages");
	if (!release || !*release || bi_json_type(pkgs) != BI_JSON_ARRAY)
		return bi_err_set(err, BI_EFORMAT,
				  "%s: not an Alpine secdb document (no \"distroversion\" or "
				  "\"packages\")",
				  c->name);
	bi_import_note_scope(c, "alpine", release);
	for (size_t i = 0; i < bi_json_array_size(pkgs); i++) {
		const struct bi_json *pkg = bi_json_get(bi_json_array_at(pkgs, i), "pkg");
		const struct bi_json *fixes = bi_json_get(pkg, "secfixes");
		const char *name = bi_json_get_string(pkg, "name");
		const struct bi_json *ids;
		const char *key;
		void *it = NULL;

		if (!name || !*name || (fixes && bi_json_type(fixes) != BI_JSON_OBJECT)) {
			bi_import_skip(c, "%s: packages[%zu]: no name or a bad secfixes", c->name,
				       i);
			continue;
		}
		while ((key = bi_json_object_next(fixes, &it, &ids))) {
			if (bi_json_type(ids) != BI_JSON_ARRAY || !*key) {
				bi_import_skip(c, "%s: %s: secfixes[\"%s\"] is not a list", c->name,
					       name, key);
				continue;
			}
			for (size_t k = 0; k < bi_json_array_size(ids); k++) {
				const char *entry = bi_json_string(bi_json_array_at(ids, k));
				if (!entry) {
					bi_import_skip(c, "%s: %s %s: an id is not a string",
						       c->name, name, key);
					continue;
				}
				r = add_ids(c, release, name, key, entry, err);
				if (r < 0)
					return r;
			}
		}
	}
	return 0;
}
