/* SPDX-License-Identifier: MIT */
/*
 * OSV records (https://ossf.github.io/osv-schema/) for distribution
 * ecosystems. Each affected[] entry names an ecosystem and a package; its
 * ECOSYSTEM ranges are event lists ("introduced", "fixed", "last_affected",
 * "limit") in order. Every introduced..fixed pair becomes one row; an
 * introduced with no fix after it is unfixed. `versions` lists only restate
 * the ranges and are not stored. Withdrawn records are skipped.
 *
 * Ecosystems: "Debian:12" (release number -> codename), "Alpine:v3.20",
 * "Ubuntu:22.04[:LTS]" / "Ubuntu:Pro:18.04:LTS", "Rocky Linux:9",
 * "AlmaLinux:9", "Red Hat:...:9..." (the major version). Debian, Alpine and
 * Ubuntu name source packages; the RHEL family binary packages.
 */
#include "util/common.h"
#include "util/json.h"
#include "vuln/import.h"

struct eco {
	char distro[16];
	char release[32];
	bool binary;
};

static bool copy_release(char *dst, size_t len, struct bi_span s)
{
	if (s.len == 0 || s.len >= len)
		return false;
	memcpy(dst, s.ptr, s.len);
	dst[s.len] = '\0';
	return true;
}

/* The leading digits of s ("9", "8.6" -> "8"). */
static struct bi_span major(struct bi_span s)
{
	size_t n = 0;

	while (n < s.len && s.ptr[n] >= '0' && s.ptr[n] <= '9')
		n++;
	return bi_span_sub(s, 0, n);
}

static bool parse_ecosystem(const char *e, struct eco *out)
{
	struct bi_span s = bi_span_str(e), part;

	memset(out, 0, sizeof(*out));
	if (bi_span_eat_prefix(&s, "Debian:")) {
		char num[16];
		const char *code;
		if (!copy_release(num, sizeof(num), s) || !(code = bi_debian_codename(num)))
			return false;
		snprintf(out->distro, sizeof(out->distro), "debian");
		snprintf(out->release, sizeof(out->release), "%s", code);
		return true;
	}
	if (bi_span_eat_prefix(&s, "Alpine:")) {
		snprintf(out->distro, sizeof(out->distro), "alpine");
		return copy_release(out->release, sizeof(out->release), s);
	}
	if (bi_span_eat_prefix(&s, "Ubuntu:")) {
		bi_span_eat_prefix(&s, "Pro:");
		bi_span_eat_prefix(&s, "FIPS:");
		if (!bi_span_split(&s, ':', &part))
			return false;
		snprintf(out->distro, sizeof(out->distro), "ubuntu");
		return copy_release(out->release, sizeof(out->release), part);
	}
	if (bi_span_eat_prefix(&s, "Rocky Linux:")) {
		snprintf(out->distro, sizeof(out->distro), "rocky");
		out->binary = true;
		return copy_release(out->release, sizeof(out->release), major(s));
	}
	if (bi_span_eat_prefix(&s, "AlmaLinux:")) {
		snprintf(out->distro, sizeof(out->distro), "almalinux");
		out->binary = true;
		return copy_release(out->release, sizeof(out->release), major(s));
	}
	if (bi_span_eat_prefix(&s, "Red Hat:")) {
		/* "Red Hat:enterprise_linux:9::appstream": the first numeric field. */
		while (bi_span_split(&s, ':', &part)) {
			struct bi_span m = major(part);
			if (m.len) {
				snprintf(out->distro, sizeof(out->distro), "rhel");
				out->binary = true;
				return copy_release(out->release, sizeof(out->release), m);
			}
		}
	}
	return false;
}

/*
 * Severity: the ecosystem's own word (ecosystem_specific, database_specific,
 * a distribution-typed "severity" entry), then CVSS v3.
 */
static enum bi_severity record_severity(const struct bi_json *rec, const struct bi_json *aff,
					const char **ret_word)
{
	static const char *const keys[] = { "urgency", "severity", "priority" };
	const struct bi_json *sev = bi_json_get(rec, "severity");

	for (int pass = 0; pass < 2; pass++) {
		const struct bi_json *holders[] = { bi_json_get(aff, "ecosystem_specific"),
						    bi_json_get(aff, "database_specific"),
						    bi_json_get(rec, "database_specific") };
		for (size_t h = 0; h < BI_ARRAY_SIZE(holders); h++) {
			for (size_t k = 0; k < BI_ARRAY_SIZE(keys); k++) {
				const char *w = bi_json_get_string(holders[h], keys[k]);
				if (w &&
				    (pass == 1 || bi_severity_from_word(w) != BI_SEV_UNKNOWN)) {
					*ret_word = w;
					return bi_severity_from_word(w);
				}
			}
		}
		/* A distribution's own rating: Ubuntu's {"type": "Ubuntu", "score": "high"}. */
		for (size_t i = 0; pass == 0 && i < bi_json_array_size(sev); i++) {
			const struct bi_json *s = bi_json_array_at(sev, i);
			const char *type = bi_json_get_string(s, "type");
			const char *w = bi_json_get_string(s, "score");
			if (type && w && strncmp(type, "CVSS_", 5) != 0 &&
			    bi_severity_from_word(w) != BI_SEV_UNKNOWN) {
				*ret_word = w;
				return bi_severity_from_word(w);
			}
		}
	}
	for (size_t i = 0; i < bi_json_array_size(sev); i++) {
		const struct bi_json *s = bi_json_array_at(sev, i);
		const char *type = bi_json_get_string(s, "type");
		const char *score = bi_json_get_string(s, "score");
		if (type && score && strncmp(type, "CVSS_V3", 7) == 0) {
			*ret_word = score;
			return bi_severity_from_cvss3(score, NULL);
		}
	}
	*ret_word = NULL;
	return BI_SEV_UNKNOWN;
}

static int add_range(struct bi_import_ctx *c, const struct eco *e, const char *pkg, const char *id,
		     const struct bi_json *events, enum bi_severity sev, const char *word,
		     struct bi_err **err)
{
	const char *introduced = NULL;
	bool open = false;

	for (size_t i = 0; i < bi_json_array_size(events); i++) {
		const struct bi_json *ev = bi_json_array_at(events, i);
		const char *v;
		struct bi_vuln_row row = {
			.distro = e->distro,
			.release = e->release,
			.package = pkg,
			.binary = e->binary,
			.vuln_id = id,
			.severity = sev,
			.severity_word = word,
		};
		int r;

		if ((v = bi_json_get_string(ev, "introduced"))) {
			introduced = strcmp(v, "0") == 0 ? NULL : v;
			open = true;
		} else if ((v = bi_json_get_string(ev, "fixed"))) {
			if (!open)
				continue;
			row.status = BI_VST_FIXED;
			row.introduced = introduced;
			row.fixed = v;
			r = bi_import_row(c, &row, err);
			if (r < 0)
				return r;
			open = false;
		} else if (bi_json_get_string(ev, "last_affected") ||
			   bi_json_get_string(ev, "limit")) {
			/* No fixed version to state: skip rather than over-report. */
			bi_import_skip(c, "%s: %s %s: last_affected/limit ranges are not supported",
				       c->name, id, pkg);
			open = false;
		}
	}
	if (open) {
		struct bi_vuln_row row = {
			.distro = e->distro,
			.release = e->release,
			.package = pkg,
			.binary = e->binary,
			.vuln_id = id,
			.status = BI_VST_UNFIXED,
			.introduced = introduced,
			.severity = sev,
			.severity_word = word,
		};
		return bi_import_row(c, &row, err);
	}
	return 0;
}

int bi_osv_import_record(struct bi_import_ctx *c, struct bi_span text, const char *name,
			 struct bi_err **err)
{
	_cleanup_(bi_json_freep) struct bi_json *rec = NULL;
	const struct bi_json *affected;
	const char *id;
	size_t used = 0;
	int r;

	if (text.len > BI_MAX_OSV_RECORD)
		return bi_err_set(err, BI_ELIMIT, "%s: OSV record larger than %zu bytes", name,
				  BI_MAX_OSV_RECORD);
	r = bi_json_parse(text, name, &rec, err);
	if (r < 0)
		return r;
	id = bi_json_get_string(rec, "id");
	affected = bi_json_get(rec, "affected");
	if (!id || !*id || (affected && bi_json_type(affected) != BI_JSON_ARRAY))
		return bi_err_set(err, BI_EFORMAT, "%s: not an OSV record (no \"id\")", name);
	if (bi_json_get_string(rec, "withdrawn"))
		return 0;
	bi_import_note_date(c, bi_json_get_string(rec, "modified"));
	for (size_t i = 0; i < bi_json_array_size(affected); i++) {
		const struct bi_json *aff = bi_json_array_at(affected, i);
		const struct bi_json *pkg = bi_json_get(aff, "package");
		const struct bi_json *ranges = bi_json_get(aff, "ranges");
		const char *eco = bi_json_get_string(pkg, "ecosystem");
		const char *pname = bi_json_get_string(pkg, "name");
		const char *word = NULL;
		enum bi_severity sev;
		struct eco e;

		if (!eco || !pname || !*pname || !parse_ecosystem(eco, &e))
			continue; /* another ecosystem (npm, PyPI, ...) or no release */
		sev = record_severity(rec, aff, &word);
		for (size_t k = 0; k < bi_json_array_size(ranges); k++) {
			const struct bi_json *rg = bi_json_array_at(ranges, k);
			const char *type = bi_json_get_string(rg, "type");
			if (!type || strcmp(type, "ECOSYSTEM") != 0)
				continue;
			r = add_range(c, &e, pname, id, bi_json_get(rg, "events"), sev, word, err);
			if (r < 0)
				return r;
			used++;
		}
	}
	if (used) {
		const char *word = NULL;
		enum bi_severity sev = record_severity(rec, NULL, &word);
		const char *summary = bi_json_get_string(rec, "summary");
		r = bi_vulndb_import_vuln(c->imp, id, summary, sev, word, err);
		if (r < 0)
			return r;
	}
	return 0;
}
