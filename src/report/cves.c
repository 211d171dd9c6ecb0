/* SPDX-License-Identifier: MIT */
/* Rendering `baseimg cves` results (docs/commands/cves.md describes each format). */
#include "util/common.h"
#include "report/cves.h"
#include "report/sarif.h"

/*
 * Text output shows strings from the image and the feeds; control bytes
 * (a hostile package name's escape sequences) become '?' before they reach
 * a terminal. A few rotating buffers serve one line's worth of fields.
 */
struct tsafe {
	char buf[8][BI_MAX_VERSION + 64];
	unsigned next;
};

static const char *ts(struct tsafe *t, const char *s)
{
	char *b;
	size_t i;

	if (!s)
		return NULL;
	for (i = 0; s[i]; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			break;
	if (!s[i])
		return s;
	b = t->buf[t->next++ % BI_ARRAY_SIZE(t->buf)];
	for (i = 0; s[i] && i < sizeof(t->buf[0]) - 1; i++)
		b[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
	b[i] = '\0';
	return b;
}

static bool in_base(const struct bi_cves_report *r, const struct bi_finding *f)
{
	return r->has_base && f->layer >= 0 && (size_t)f->layer < r->base_layers;
}

void bi_cves_summarize(const struct bi_cves_report *r, struct bi_cves_summary *ret)
{
	memset(ret, 0, sizeof(*ret));
	for (size_t i = 0; r->findings && i < r->findings->n; i++) {
		const struct bi_finding *f = &r->findings->v[i];
		ret->by_severity[f->severity]++;
		ret->total++;
		if (f->status == BI_FIND_FIXABLE)
			ret->fixable++;
		if (in_base(r, f))
			ret->base++;
		else
			ret->own++;
	}
}

const char *bi_cves_data_date(const struct bi_cves_report *r, char buf[16])
{
	const char *best = NULL;

	for (size_t i = 0; i < r->nsources; i++) {
		const char *d = r->sources[i].data_date;
		if (d && (!best || strncmp(d, best, 10) > 0))
			best = d;
	}
	if (!best)
		return NULL;
	snprintf(buf, 16, "%.10s", best);
	return buf;
}

/* ---- text ---- */

static const char *sev_letter(enum bi_severity s)
{
	static const char *const l[] = { "?", "N", "L", "M", "H", "C" };
	return (unsigned)s < BI_SEV__MAX ? l[s] : "?";
}

static const char *sev_color(enum bi_severity s)
{
	switch (s) {
	case BI_SEV_CRITICAL:
		return "\033[1;31m";
	case BI_SEV_HIGH:
		return "\033[31m";
	case BI_SEV_MEDIUM:
		return "\033[33m";
	case BI_SEV_LOW:
	case BI_SEV_NEGLIGIBLE:
	case BI_SEV_UNKNOWN:
	case BI_SEV__MAX:
		break;
	}
	return "";
}

struct pkg_count {
	const char *name, *version;
	size_t by_severity[BI_SEV__MAX];
	size_t total;
};

static int pkg_count_cmp(const void *pa, const void *pb)
{
	const struct pkg_count *a = pa, *b = pb;

	for (int s = BI_SEV__MAX - 1; s >= 0; s--)
		if (a->by_severity[s] != b->by_severity[s])
			return a->by_severity[s] > b->by_severity[s] ? -1 : 1;
	return strcmp(a->name, b->name);
}

static void severity_counts(struct bi_buf *out, const size_t *by, bool color)
{
	for (int s = BI_SEV_CRITICAL; s >= BI_SEV_UNKNOWN; s--) {
		const char *c = color && by[s] ? sev_color((enum bi_severity)s) : "";
		bi_buf_addf(out, " %s%3zu%s%s", c, by[s], sev_letter((enum bi_severity)s),
			    *c ? "\033[0m" : "");
	}
}

void bi_cves_text(struct bi_buf *out, const struct bi_cves_report *r, bool color)
{
	struct bi_cves_summary sum;
	struct pkg_count *pc = NULL;
	size_t npc = 0, alloc = 0;
	char date[16];
	const char *dd = bi_cves_data_date(r, date);
	_cleanup_free_ struct tsafe *t = bi_xcalloc(1, sizeof(*t));

	bi_cves_summarize(r, &sum);
	bi_buf_addf(out, "  Target     %s\n", ts(t, r->image));
	if (r->digest)
		bi_buf_addf(out, "    digest   %s\n", r->digest);
	if (r->platform)
		bi_buf_addf(out, "    platform %s\n", ts(t, r->platform));
	bi_buf_addf(out, "    distro   %s %s%s%s%s\n", r->os_id ? ts(t, r->os_id) : "unknown",
		    r->os_version ? ts(t, r->os_version) : "", r->os_codename ? " (" : "",
		    r->os_codename ? ts(t, r->os_codename) : "", r->os_codename ? ")" : "");
	bi_buf_addf(out, "    packages %zu\n", r->packages);
	bi_buf_addf(out, "    database %zu source%s, data up to %s\n", r->nsources,
		    r->nsources == 1 ? "" : "s", dd ? dd : "undated");
	if (r->note) {
		bi_buf_addf(out, "\n  Not audited: %s\n", r->note);
		return;
	}
	bi_buf_addf(out, "\n  Vulnerabilities");
	severity_counts(out, sum.by_severity, color);
	bi_buf_addf(out, "   (%zu total, %zu fixable)\n", sum.total, sum.fixable);
	if (r->has_base)
		bi_buf_addf(out, "    base image %s: %zu, your layers: %zu\n",
			    r->base_ref ? ts(t, r->base_ref) : "", sum.base, sum.own);
	else if (r->label_base_name)
		bi_buf_addf(out,
			    "    built FROM %s (image label); pass it with --base to split its "
			    "findings from yours\n",
			    ts(t, r->label_base_name));
	if (sum.total == 0) {
		bi_buf_adds(out, "\n  No vulnerable packages found.\n");
		return;
	}
	/* Packages with most findings. */
	for (size_t i = 0; i < r->findings->n; i++) {
		const struct bi_finding *f = &r->findings->v[i];
		struct pkg_count *p = NULL;
		for (size_t k = 0; k < npc; k++)
			if (strcmp(pc[k].name, f->package) == 0)
				p = &pc[k];
		if (!p) {
			BI_ALLOC_GROW(pc, npc + 1, alloc);
			p = &pc[npc++];
			memset(p, 0, sizeof(*p));
			p->name = f->package;
			p->version = f->installed;
		}
		p->by_severity[f->severity]++;
		p->total++;
	}
	qsort(pc, npc, sizeof(*pc), pkg_count_cmp);
	bi_buf_adds(out, "\n  Packages with most findings\n");
	for (size_t i = 0; i < npc && i < 10; i++) {
		bi_buf_addf(out, "    %-28s %-24s", ts(t, pc[i].name), ts(t, pc[i].version));
		severity_counts(out, pc[i].by_severity, color);
		bi_buf_addch(out, '\n');
	}
	free(pc);
	bi_buf_addf(out, "\n  %-20s %-10s %-24s %-24s %-24s %-9s %s\n", "ID", "SEVERITY", "PACKAGE",
		    "INSTALLED", "FIXED", "STATUS", "LAYER");
	for (size_t i = 0; i < r->findings->n; i++) {
		const struct bi_finding *f = &r->findings->v[i];
		const char *c = color ? sev_color(f->severity) : "";
		char layer[32];

		if (f->layer < 0)
			snprintf(layer, sizeof(layer), "?");
		else
			snprintf(layer, sizeof(layer), "%d%s", f->layer,
				 r->has_base ? (in_base(r, f) ? " base" : " own") : "");
		/* A wont-fix line ends with the distribution's reason. */
		bool why = f->status == BI_FIND_WONTFIX && f->reason && *f->reason;
		bi_buf_addf(out, "  %-20s %s%-10s%s %-24s %-24s %-24s %-9s %-*s%s%s\n",
			    ts(t, f->id), c, bi_severity_name(f->severity), *c ? "\033[0m" : "",
			    ts(t, f->package), ts(t, f->installed),
			    f->fixed ? ts(t, f->fixed) : "-", bi_finding_status_name(f->status),
			    why ? 5 : 0, layer, why ? " " : "", why ? ts(t, f->reason) : "");
	}
}

/* ---- JSON ---- */

void bi_cves_json(struct bi_jsonw *w, const struct bi_cves_report *r)
{
	struct bi_cves_summary sum;
	char date[16];

	bi_cves_summarize(r, &sum);
	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "image", r->image);
	bi_jsonw_kstring(w, "digest", r->digest);
	bi_jsonw_kstring(w, "platform", r->platform);
	bi_jsonw_key(w, "distro");
	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "id", r->os_id);
	bi_jsonw_kstring(w, "release", r->target ? r->target->release : r->os_version);
	bi_jsonw_kstring(w, "version_id", r->os_version);
	bi_jsonw_kstring(w, "codename", r->os_codename);
	bi_jsonw_object_end(w);
	bi_jsonw_key(w, "db");
	bi_jsonw_object_begin(w);
	bi_jsonw_key(w, "sources");
	bi_jsonw_array_begin(w);
	for (size_t i = 0; i < r->nsources; i++) {
		bi_jsonw_object_begin(w);
		bi_jsonw_kstring(w, "kind", r->sources[i].kind);
		bi_jsonw_kstring(w, "name", r->sources[i].name);
		bi_jsonw_kstring(w, "scope", r->sources[i].scope);
		bi_jsonw_kstring(w, "data_date", r->sources[i].data_date);
		bi_jsonw_object_end(w);
	}
	bi_jsonw_array_end(w);
	bi_jsonw_kstring(w, "data_date", bi_cves_data_date(r, date));
	bi_jsonw_object_end(w);
	bi_jsonw_kuint(w, "packages", r->packages);
	if (r->note)
		bi_jsonw_kstring(w, "note", r->note);
	if (r->has_base) {
		bi_jsonw_key(w, "base");
		bi_jsonw_object_begin(w);
		bi_jsonw_kstring(w, "image", r->base_ref);
		bi_jsonw_kuint(w, "layers", r->base_layers);
		bi_jsonw_kuint(w, "findings", sum.base);
		bi_jsonw_kuint(w, "own_findings", sum.own);
		bi_jsonw_object_end(w);
	}
	if (r->label_base_name || r->label_base_digest) {
		bi_jsonw_key(w, "base_label");
		bi_jsonw_object_begin(w);
		bi_jsonw_kstring(w, "name", r->label_base_name);
		bi_jsonw_kstring(w, "digest", r->label_base_digest);
		bi_jsonw_object_end(w);
	}
	bi_jsonw_key(w, "summary");
	bi_jsonw_object_begin(w);
	for (int s = BI_SEV_CRITICAL; s >= BI_SEV_UNKNOWN; s--)
		bi_jsonw_kuint(w, bi_severity_name((enum bi_severity)s), sum.by_severity[s]);
	bi_jsonw_kuint(w, "total", sum.total);
	bi_jsonw_kuint(w, "fixable", sum.fixable);
	bi_jsonw_object_end(w);
	bi_jsonw_key(w, "vulnerabilities");
	bi_jsonw_array_begin(w);
	for (size_t i = 0; r->findings && i < r->findings->n; i++) {
		const struct bi_finding *f = &r->findings->v[i];
		bi_jsonw_object_begin(w);
		bi_jsonw_kstring(w, "id", f->id);
		bi_jsonw_kstring(w, "package", f->package);
		bi_jsonw_kstring(w, "source_package", f->source_package);
		bi_jsonw_kstring(w, "installed", f->installed);
		bi_jsonw_kstring(w, "fixed", f->fixed);
		bi_jsonw_kstring(w, "status", bi_finding_status_name(f->status));
		if (f->reason)
			bi_jsonw_kstring(w, "reason", f->reason);
		bi_jsonw_kstring(w, "severity", bi_severity_name(f->severity));
		bi_jsonw_kstring(w, "severity_source", f->severity_word);
		if (f->layer >= 0)
			bi_jsonw_kint(w, "layer", f->layer);
		else
			bi_jsonw_knull(w, "layer");
		if (r->has_base)
			bi_jsonw_kbool(w, "in_base", in_base(r, f));
		bi_jsonw_object_end(w);
	}
	bi_jsonw_array_end(w);
	bi_jsonw_object_end(w);
}

/* ---- SARIF 2.1.0 ---- */

static bool seen_before(const struct bi_findings *f, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (strcmp(f->v[k].id, f->v[i].id) == 0)
			return true;
	return false;
}

static char *finding_message(const struct bi_finding *f)
{
	if (f->status == BI_FIND_FIXABLE)
		return bi_xasprintf("%s %s is affected by %s (%s); fixed in %s", f->package,
				    f->installed, f->id, bi_severity_name(f->severity), f->fixed);
	return bi_xasprintf("%s %s is affected by %s (%s); %s%s%s", f->package, f->installed, f->id,
			    bi_severity_name(f->severity),
			    f->status == BI_FIND_WONTFIX ? "the distribution will not fix it" :
							   "no fix yet",
			    f->reason ? ": " : "", f->reason ? f->reason : "");
}

void bi_cves_sarif(struct bi_jsonw *w, const struct bi_cves_report *r)
{
	static const struct bi_sarif_tool tool = { "baseimg", NULL,
						   "https://github.com/baseimg/baseimg" };
	const struct bi_findings *fs = r->findings;
	size_t n = fs ? fs->n : 0, nrules = 0;
	_cleanup_free_ struct bi_sarif_rule *rules = bi_xcalloc(n ? n : 1, sizeof(*rules));
	_cleanup_free_ struct bi_sarif_result *res = bi_xcalloc(n ? n : 1, sizeof(*res));
	_cleanup_free_ struct bi_sarif_prop *props = bi_xcalloc(n ? 4 * n : 1, sizeof(*props));

	for (size_t i = 0; i < n; i++) {
		const struct bi_finding *f = &fs->v[i];
		struct bi_sarif_prop *p = &props[4 * i];

		if (!seen_before(fs, i))
			rules[nrules++] = (struct bi_sarif_rule){
				.id = f->id,
				.short_desc = bi_xasprintf("%s in %s", f->id, f->source_package),
				.level = BI_SEV_NONE,
				.severity = bi_severity_name(f->severity),
			};
		p[0] = (struct bi_sarif_prop){ .key = "installed", .str = f->installed };
		p[1] = (struct bi_sarif_prop){ .key = "fixed", .str = f->fixed };
		p[2] = (struct bi_sarif_prop){ .key = "status",
					       .str = bi_finding_status_name(f->status) };
		p[3] = (struct bi_sarif_prop){ .key = "layer", .num = f->layer, .is_num = true };
		res[i] = (struct bi_sarif_result){
			.rule_id = f->id,
			.rule_index = -1,
			.level = f->severity,
			.message = finding_message(f),
			.uri = r->pkgdb_path ? r->pkgdb_path : "/",
			.logical_name = f->package,
			.logical_kind = "package",
			.props = p,
			.nprops = 4,
		};
	}
	bi_sarif_write(w, &tool, rules, nrules, res, n);
	for (size_t i = 0; i < nrules; i++)
		free((char *)rules[i].short_desc);
	for (size_t i = 0; i < n; i++)
		free((char *)res[i].message);
}
