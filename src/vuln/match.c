/* SPDX-License-Identifier: MIT */
/*
 * Matching (docs/vulndb.md "Matching"): for each installed package, the rows
 * for its source package (and, for RPM feeds, its binary name) in the
 * image's (distro, release), compared in the distro's own version scheme.
 *
 * A row affects the installed version v when introduced <= v (or no
 * introduced) and, for a fixed row, v < fixed. A vulnerability any source
 * marks not-affected for the package is never reported. Among affecting rows
 * the most actionable status wins (fixable, then wont-fix, then unfixed),
 * with the lowest fixed version above v; the severity is the highest seen.
 */
#include "util/common.h"
#include "vuln/import.h"
#include "analyze/analyze.h"
#include "vuln/match.h"

const char *bi_finding_status_name(enum bi_finding_status s)
{
	switch (s) {
	case BI_FIND_FIXABLE:
		return "fixable";
	case BI_FIND_WONTFIX:
		return "wont-fix";
	case BI_FIND_UNFIXED:
		return "unfixed";
	case BI_FIND_STATUS__MAX:
		break;
	}
	return "?";
}

static void set(char *dst, size_t len, const char *s, size_t n)
{
	if (n >= len)
		n = len - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

static bool has_word(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; p && (p = strstr(p, word)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

void bi_distro_from_os(const struct bi_os *os, struct bi_distro *ret)
{
	*ret = (struct bi_distro){ 0 };
	if (!os)
		return;
	ret->id = os->id;
	ret->version_id = os->version_id;
	ret->codename = os->codename;
	ret->pretty_name = os->pretty_name;
	ret->id_like = os->id_like;
}

int bi_vuln_target(const struct bi_distro *d, struct bi_vuln_target *ret, struct bi_err **err)
{
	struct bi_vuln_target t = { 0 };
	const char *id = d->id ? d->id : "";
	const char *v = d->version_id;

	if (strcmp(id, "debian") == 0) {
		const char *code = d->codename && *d->codename ? d->codename : NULL;
		t.scheme = BI_VER_DEB;
		set(t.distro, sizeof(t.distro), "debian", 6);
		if (!code)
			code = bi_debian_codename(v);
		if (!code && d->pretty_name && strstr(d->pretty_name, "sid"))
			code = "sid";
		if (!code)
			return bi_err_set(err, BI_ENOTFOUND,
					  "debian: cannot tell the release (no VERSION_CODENAME "
					  "or known VERSION_ID in os-release)");
		set(t.release, sizeof(t.release), code, strlen(code));
	} else if (strcmp(id, "ubuntu") == 0) {
		t.scheme = BI_VER_DEB;
		set(t.distro, sizeof(t.distro), "ubuntu", 6);
		if (!v || !*v)
			return bi_err_set(err, BI_ENOTFOUND, "ubuntu: no VERSION_ID in os-release");
		set(t.release, sizeof(t.release), v, strlen(v));
	} else if (strcmp(id, "alpine") == 0) {
		size_t n = 0, dots = 0;
		t.scheme = BI_VER_APK;
		set(t.distro, sizeof(t.distro), "alpine", 6);
		if (!v || !*v)
			return bi_err_set(err, BI_ENOTFOUND,
					  "alpine: no VERSION_ID in os-release or alpine-release");
		if (strstr(v, "_alpha") || (d->pretty_name && strstr(d->pretty_name, "edge"))) {
			set(t.release, sizeof(t.release), "edge", 4);
		} else {
			/* "3.20.3" -> "v3.20" */
			while (v[n] && (v[n] != '.' || ++dots < 2))
				n++;
			snprintf(t.release, sizeof(t.release), "v%.*s", (int)(n > 20 ? 20 : n), v);
		}
	} else if (strcmp(id, "rocky") == 0 || strcmp(id, "almalinux") == 0 ||
		   strcmp(id, "rhel") == 0 || strcmp(id, "centos") == 0 || strcmp(id, "ol") == 0 ||
		   has_word(d->id_like, "rhel")) {
		size_t n = 0;
		t.scheme = BI_VER_RPM;
		set(t.distro, sizeof(t.distro), id, strlen(id));
		if (strcmp(id, "rhel") != 0)
			set(t.fallback_distro, sizeof(t.fallback_distro), "rhel", 4);
		while (v && v[n] >= '0' && v[n] <= '9')
			n++;
		if (n == 0)
			return bi_err_set(err, BI_ENOTFOUND, "%s: no VERSION_ID in os-release", id);
		set(t.release, sizeof(t.release), v, n);
	} else {
		return bi_err_set(err, BI_EUNSUPPORTED,
				  "no vulnerability feed for distribution '%s' (supported: debian, "
				  "ubuntu, alpine and the RHEL family)",
				  *id ? id : "unknown");
	}
	*ret = t;
	return 0;
}

void bi_findings_release(struct bi_findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		struct bi_finding *x = &f->v[i];
		free(x->id);
		free(x->package);
		free(x->source_package);
		free(x->installed);
		free(x->fixed);
		free(x->reason);
		free(x->severity_word);
	}
	free(f->v);
	free(f->first_bad);
	memset(f, 0, sizeof(*f));
}

/*
 * Per source of one vulnerability: whether it has a fix the installed
 * version has reached, and whether any of its rows affects that version.
 */
struct src_view {
	int64_t id;
	bool fix_installed, affects;
};
#define MAX_SRC_VIEWS 8

/* Per-package accumulation: one entry per vulnerability id. */
struct acc {
	char *id;
	bool not_affected, affected;
	enum bi_finding_status status;
	char *fixed, *reason;
	enum bi_severity severity;
	char *severity_word;
	struct src_view src[MAX_SRC_VIEWS];
	size_t nsrc;
};

static struct src_view *src_view(struct acc *a, int64_t id)
{
	for (size_t i = 0; i < a->nsrc; i++)
		if (a->src[i].id == id)
			return &a->src[i];
	if (a->nsrc == MAX_SRC_VIEWS)
		return NULL; /* rare; then no source's fix hides another's report */
	a->src[a->nsrc] = (struct src_view){ .id = id };
	return &a->src[a->nsrc++];
}

/*
 * A source that knows a fix the installed version has reached (and does not
 * itself report the version affected) settles a vulnerability that other
 * sources only know as unfixed or wont-fix: their "no fix" predates it (the
 * 2023 Debian OVAL's "earlier than 0" against the tracker's later fix).
 */
static bool fix_installed_elsewhere(const struct acc *a)
{
	for (size_t i = 0; i < a->nsrc; i++)
		if (a->src[i].fix_installed && !a->src[i].affects)
			return true;
	return false;
}

struct pkg_state {
	const struct bi_vuln_target *t;
	struct bi_span installed;
	struct acc *v;
	size_t n, alloc;
	/*
	 * Rows of one lookup arrive ordered by id, so within the first lookup
	 * a new id can only equal the last one; a second lookup (RPM binary
	 * names) may repeat ids and searches all.
	 */
	bool search_all;
};

static struct acc *acc_get(struct pkg_state *s, const char *id)
{
	if (s->n && strcmp(s->v[s->n - 1].id, id) == 0)
		return &s->v[s->n - 1];
	for (size_t i = 0; s->search_all && i < s->n; i++)
		if (strcmp(s->v[i].id, id) == 0)
			return &s->v[i];
	BI_ALLOC_GROW(s->v, s->n + 1, s->alloc);
	memset(&s->v[s->n], 0, sizeof(s->v[0]));
	s->v[s->n].id = bi_xstrdup(id);
	s->v[s->n].status = BI_FIND_STATUS__MAX;
	return &s->v[s->n++];
}

static void replace(char **dst, const char *s)
{
	free(*dst);
	*dst = s ? bi_xstrdup(s) : NULL;
}

static int on_row(const struct bi_vuln_row *row, void *data, struct bi_err **err)
{
	struct pkg_state *s = data;
	enum bi_ver_scheme sch = s->t->scheme;
	struct acc *a = acc_get(s, row->vuln_id);
	struct src_view *sv;
	enum bi_finding_status st;

	(void)err;
	if (row->status == BI_VST_NOT_AFFECTED) {
		a->not_affected = true;
		return 0;
	}
	if (row->introduced && bi_ver_cmp(sch, s->installed, bi_span_str(row->introduced)) < 0)
		return 0;
	sv = src_view(a, row->source_id);
	switch (row->status) {
	case BI_VST_FIXED:
		if (!row->fixed)
			return 0;
		if (bi_ver_cmp(sch, s->installed, bi_span_str(row->fixed)) >= 0) {
			if (sv)
				sv->fix_installed = true;
			return 0;
		}
		st = BI_FIND_FIXABLE;
		break;
	case BI_VST_WONTFIX:
		st = BI_FIND_WONTFIX;
		break;
	case BI_VST_UNFIXED:
		st = BI_FIND_UNFIXED;
		break;
	case BI_VST_NOT_AFFECTED:
	case BI_VST__MAX:
	default:
		return 0;
	}
	a->affected = true;
	if (sv)
		sv->affects = true;
	if (st < a->status) {
		a->status = st;
		replace(&a->fixed, st == BI_FIND_FIXABLE ? row->fixed : NULL);
		replace(&a->reason, row->reason);
	} else if (st == a->status && st == BI_FIND_FIXABLE &&
		   bi_ver_cmp(sch, bi_span_str(row->fixed), bi_span_str(a->fixed)) < 0) {
		replace(&a->fixed, row->fixed);
	}
	if (row->severity > a->severity || (row->severity == a->severity && !a->severity_word)) {
		a->severity = row->severity;
		replace(&a->severity_word, row->severity_word);
	}
	return 0;
}

static int finding_cmp(const void *pa, const void *pb)
{
	const struct bi_finding *a = pa, *b = pb;
	int r;

	if (a->severity != b->severity)
		return a->severity > b->severity ? -1 : 1;
	r = strcmp(a->package, b->package);
	if (r)
		return r;
	return strcmp(a->id, b->id);
}

static int lookup_all(struct bi_vulndb *db, const struct bi_vuln_target *t, const char *distro,
		      const struct bi_pkg *p, struct pkg_state *s, struct bi_err **err)
{
	const char *src = p->source && *p->source ? p->source : p->name;
	int r;

	r = bi_vulndb_lookup(db, distro, t->release, src, false, on_row, s, err);
	s->search_all = true;
	if (r == 0 && t->scheme == BI_VER_RPM)
		r = bi_vulndb_lookup(db, distro, t->release, p->name, true, on_row, s, err);
	return r;
}

int bi_vuln_resolve(struct bi_vulndb *db, struct bi_vuln_target *t, struct bi_err **err)
{
	bool have = false;
	int r;

	r = bi_vulndb_has_release(db, t->distro, t->release, &have, err);
	/* A RHEL rebuild without its own feed reads the RHEL rows. */
	if (r == 0 && !have && t->fallback_distro[0]) {
		r = bi_vulndb_has_release(db, t->fallback_distro, t->release, &have, err);
		if (r == 0 && have)
			memcpy(t->distro, t->fallback_distro, sizeof(t->distro));
	}
	if (r < 0)
		return r;
	t->fallback_distro[0] = '\0';
	if (!have)
		return bi_err_set(err, BI_ENOTFOUND,
				  "the vulnerability database has no data for %s %s "
				  "(import a feed for it: baseimg db import FILE...)",
				  t->distro, t->release);
	return 0;
}

int bi_vuln_match(struct bi_vulndb *db, const struct bi_vuln_target *target,
		  const struct bi_pkglist *pkgs, struct bi_findings *ret, struct bi_err **err)
{
	struct bi_findings f = { 0 };
	struct bi_vuln_target resolved = *target, *t = &resolved;
	const char *distro = t->distro;
	int r;

	r = bi_vuln_resolve(db, t, err);
	if (r < 0)
		return r;
	for (size_t i = 0; i < pkgs->n && r == 0; i++) {
		const struct bi_pkg *p = &pkgs->pkgs[i];
		/* Debian feeds state source versions (binNMUs differ: 1.0-1+b1). */
		const char *ver =
			t->scheme == BI_VER_DEB && p->source_version && *p->source_version ?
				p->source_version :
				p->version;
		struct pkg_state s = { .t = t, .installed = bi_span_str(ver) };

		const char *why = "no name or version";

		if (!p->name || !ver ||
		    bi_ver_check(t->scheme, s.installed, &why) == BI_VER_INVALID) {
			if (!f.bad_versions++) {
				f.first_bad = bi_xasprintf(
					"%.80s '%.40s%s': %s", p->name ? p->name : "?",
					ver ? ver : "", ver && strlen(ver) > 40 ? "..." : "", why);
				/* Printed on a terminal: no control bytes from the image. */
				for (char *c = f.first_bad; *c; c++)
					if ((unsigned char)*c < 0x20 || *c == 0x7f)
						*c = '?';
			}
			continue;
		}
		f.packages++;
		r = lookup_all(db, t, distro, p, &s, err);
		for (size_t k = 0; k < s.n; k++) {
			struct acc *a = &s.v[k];
			if (r == 0 && a->affected && !a->not_affected &&
			    (a->status == BI_FIND_FIXABLE || !fix_installed_elsewhere(a))) {
				struct bi_finding *x;
				BI_ALLOC_GROW(f.v, f.n + 1, f.alloc);
				x = &f.v[f.n++];
				memset(x, 0, sizeof(*x));
				x->id = TAKE_PTR(a->id);
				x->package = bi_xstrdup(p->name);
				x->source_package =
					bi_xstrdup(p->source && *p->source ? p->source : p->name);
				x->installed = bi_xstrdup(p->version);
				x->fixed = TAKE_PTR(a->fixed);
				x->status = a->status;
				x->reason = TAKE_PTR(a->reason);
				x->severity = a->severity;
				x->severity_word = TAKE_PTR(a->severity_word);
				x->layer = p->layer;
			}
			free(a->id);
			free(a->fixed);
			free(a->reason);
			free(a->severity_word);
		}
		free(s.v);
	}
	if (r < 0) {
		bi_findings_release(&f);
		return r;
	}
	if (f.n)
		qsort(f.v, f.n, sizeof(*f.v), finding_cmp);
	*ret = f;
	return 0;
}
