/* SPDX-License-Identifier: MIT */
/*
 * Classifying a reference against the knowledge base: family by name (after
 * registry mirrors and distroless "-debianNN" suffixes), then the tag split on
 * "-" into a version, OS words (codenames, alpineX.Y) and variant words; the
 * most specific variant row wins. A pinned tag is suggested when the family
 * publishes OS-release variants and the tag names none.
 */
#include "util/common.h"

#include "image/ref.h"
#include "kb/kb_internal.h"

#define MAX_TOKENS 32

struct tagparts {
	struct bi_span version; /* first token starting with a digit */
	struct bi_span words[MAX_TOKENS];
	size_t nwords;
	bool alpine;
	struct bi_span alpine_ver;
	const struct kb_os *os; /* OS of a codename token */
	const struct kb_release *rel;
	bool windows;
};

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

static bool starts_digit(struct bi_span s)
{
	return s.len && isdigit((unsigned char)s.ptr[0]);
}

/* X.Y or X.Y.Z, digits only */
static bool is_dotted(struct bi_span s)
{
	bool dot = false;

	if (!starts_digit(s) || !isdigit((unsigned char)s.ptr[s.len - 1]))
		return false;
	for (size_t i = 0; i < s.len; i++) {
		if (s.ptr[i] == '.') {
			if (s.ptr[i - 1] == '.')
				return false;
			dot = true;
		} else if (!isdigit((unsigned char)s.ptr[i])) {
			return false;
		}
	}
	return dot;
}

/* "3.12.4" has the version row "3.12": equal, or a prefix ending before a non-digit. */
static bool version_has_prefix(struct bi_span v, const char *row)
{
	size_t n = strlen(row);

	if (v.len < n || memcmp(v.ptr, row, n) != 0)
		return false;
	return v.len == n || !isdigit((unsigned char)v.ptr[n]);
}

/* Numeric comparison of dotted versions: <0, 0, >0. */
static int vercmp(struct bi_span a, struct bi_span b)
{
	size_t i = 0, j = 0;

	while (i < a.len || j < b.len) {
		uint64_t x = 0, y = 0;
		while (i < a.len && isdigit((unsigned char)a.ptr[i]) && x < UINT32_MAX)
			x = x * 10 + (uint64_t)(a.ptr[i++] - '0');
		while (j < b.len && isdigit((unsigned char)b.ptr[j]) && y < UINT32_MAX)
			y = y * 10 + (uint64_t)(b.ptr[j++] - '0');
		if (x != y)
			return x < y ? -1 : 1;
		if ((i < a.len && a.ptr[i] != '.') || (j < b.len && b.ptr[j] != '.'))
			break;
		if (i < a.len)
			i++;
		if (j < b.len)
			j++;
	}
	return 0;
}

static const struct kb_family *find_family(const struct bi_kb *kb, const char *name)
{
	for (size_t i = 0; i < kb->nfam; i++)
		if (strcmp(kb->fam[i].name, name) == 0)
			return &kb->fam[i];
	return NULL;
}

static bool fam_yes(const struct bi_kb *kb, const struct kb_family *f, const char *key)
{
	const char *v = bi_kb__family_get(kb, f, key);
	return v && strcmp(v, "yes") == 0;
}

static const struct kb_release *find_codename(const struct kb_os *o, struct bi_span w)
{
	for (size_t i = 0; i < o->nrel; i++)
		if (bi_span_eq_str(w, o->rel[i].codename))
			return &o->rel[i];
	return NULL;
}

static const struct kb_release *find_release_version(const struct kb_os *o, struct bi_span v)
{
	for (size_t i = 0; i < o->nrel; i++)
		if (version_has_prefix(v, o->rel[i].version))
			return &o->rel[i];
	return NULL;
}

static const struct kb_release *release_named(const struct kb_os *o, const char *codename)
{
	return codename ? find_codename(o, bi_span_str(codename)) : NULL;
}

static void split_tag(const struct bi_kb *kb, const char *tag, struct tagparts *t)
{
	struct bi_span rest = bi_span_str(tag), tok;
	struct bi_span toks[MAX_TOKENS];
	size_t n = 0;
	const struct kb_os *deb = bi_kb__os(kb, "debian"), *ubu = bi_kb__os(kb, "ubuntu");

	memset(t, 0, sizeof(*t));
	while (n < MAX_TOKENS && bi_span_split(&rest, '-', &tok))
		if (tok.len)
			toks[n++] = tok;
	for (size_t i = 0; i < n; i++) {
		struct bi_span w = toks[i];
		const struct kb_release *r = NULL;

		if (bi_span_starts_with(w, "windowsservercore") ||
		    bi_span_starts_with(w, "nanoserver")) {
			t->windows = true;
		} else if (bi_span_starts_with(w, "alpine")) {
			struct bi_span v = bi_span_sub(w, 6, w.len - 6);
			t->alpine = true;
			if (is_dotted(v)) {
				t->alpine_ver = v;
			} else if (v.len == 0 && i + 1 < n && is_dotted(toks[i + 1]) &&
				   toks[i + 1].ptr[0] == '3') {
				t->alpine_ver = toks[++i];
			} else if (v.len) {
				t->words[t->nwords++] = w;
			}
		} else if (starts_digit(w)) {
			if (!t->version.len)
				t->version = w;
		} else if (deb && (r = find_codename(deb, w))) {
			t->os = deb;
			t->rel = r;
		} else if (ubu && (r = find_codename(ubu, w))) {
			t->os = ubu;
			t->rel = r;
		} else if (t->nwords < MAX_TOKENS) {
			t->words[t->nwords++] = w;
		}
	}
}

static bool has_word(const struct tagparts *t, const char *w)
{
	if (strcmp(w, "alpine") == 0)
		return t->alpine;
	for (size_t i = 0; i < t->nwords; i++)
		if (bi_span_eq_str(t->words[i], w))
			return true;
	return false;
}

static const struct kb_variant *pick_variant(const struct kb_family *f, const struct tagparts *t)
{
	const struct kb_variant *best = NULL;
	size_t best_score = 0;

	for (size_t i = 0; i < f->nvar; i++) {
		const struct kb_variant *v = &f->var[i];
		bool all = true;
		for (size_t j = 0; j < v->nmatch && all; j++)
			all = has_word(t, v->match[j]);
		if (all && (!best || v->nmatch > best_score)) {
			best = v;
			best_score = v->nmatch;
		}
	}
	return best;
}

static const struct kb_version *find_version(const struct kb_family *f, struct bi_span v)
{
	const struct kb_version *best = NULL;

	/* the longest matching row: "3.1" must not take "3.12" */
	for (size_t i = 0; i < f->nver; i++)
		if (version_has_prefix(v, f->ver[i].v) &&
		    (!best || strlen(f->ver[i].v) > strlen(best->v)))
			best = &f->ver[i];
	return best;
}

/*
 * The OS release that the unqualified tags of version v point to: the newest
 * release out adoption_days before the version's end of life (an explicit
 * debian=/alpine= wins), the current one for versions without an end.
 */
static const char *release_for(const struct bi_kb *kb, const struct kb_family *f,
			       const struct kb_os *os, const char *current, struct bi_span v,
			       bool alpine)
{
	const struct kb_version *row = NULL;
	long limit = -1;
	const char *best = current;
	long best_days = -1;
	const struct kb_release *cur = release_named(os, current);

	if (v.len)
		row = find_version(f, v);
	if (!row && v.len && f->nver && is_dotted(v) == is_dotted(bi_span_str(f->ver[0].v))) {
		/* older than every row: as the oldest row */
		const struct kb_version *oldest = &f->ver[0];
		for (size_t i = 1; i < f->nver; i++)
			if (vercmp(bi_span_str(f->ver[i].v), bi_span_str(oldest->v)) < 0)
				oldest = &f->ver[i];
		if (vercmp(v, bi_span_str(oldest->v)) < 0)
			row = oldest;
	}
	if (row && alpine && row->alpine)
		return row->alpine;
	if (row && !alpine && row->debian)
		return row->debian;
	if (!row || row->eol_days < 0)
		return current;
	limit = row->eol_days - kb->adoption_days;
	if (cur && cur->days >= 0 && cur->days <= limit)
		return current;
	best = NULL;
	for (size_t i = 0; i < os->nrel; i++) {
		const struct kb_release *r = &os->rel[i];
		if (r->days < 0 || r->days > limit)
			continue;
		if (cur && cur->days >= 0 && r->days > cur->days)
			continue;
		if (!best || r->days > best_days) {
			best = r->codename;
			best_days = r->days;
		}
	}
	return best ? best : current;
}

/* The variant's words without "alpine", joined by "-". */
static void variant_words(const struct kb_variant *v, char *out, size_t n)
{
	size_t len = 0;

	out[0] = 0;
	for (size_t i = 0; i < v->nmatch; i++) {
		if (strcmp(v->match[i], "alpine") == 0)
			continue;
		len += (size_t)snprintf(out + len, len < n ? n - len : 0, "%s%s", len ? "-" : "",
					v->match[i]);
		if (len >= n) {
			out[n - 1] = 0;
			return;
		}
	}
}

static const char *alias_target(const struct kb_family *f, const struct tagparts *t)
{
	for (size_t i = 0; i < t->nwords; i++)
		for (size_t j = 0; j < f->nalias; j++)
			if (bi_span_eq_str(t->words[i], f->alias[j].word))
				return f->alias[j].target;
	return NULL;
}

/* Expand a tag template and tidy the dashes of empty fields. */
static void expand(const char *tmpl, const char *const vals[5], char *out, size_t n)
{
	static const char *const keys[5] = { "{v}", "{var}", "{os}", "{osver}", "{alpine}" };
	struct bi_buf b = BI_BUF_INIT(n > 0 ? n - 1 : 0);
	char *s;
	size_t j = 0;

	for (const char *p = tmpl; *p;) {
		bool done = false;
		for (int k = 0; k < 5 && !done; k++) {
			size_t kl = strlen(keys[k]);
			if (strncmp(p, keys[k], kl) == 0) {
				bi_buf_adds(&b, vals[k] ? vals[k] : "");
				p += kl;
				done = true;
			}
		}
		if (!done)
			bi_buf_addch(&b, *p++);
	}
	s = b.buf;
	/* collapse "--", trim "-" at both ends */
	for (size_t i = 0; i < b.len; i++) {
		if (s[i] == '-' && (j == 0 || out[j - 1] == '-'))
			continue;
		if (j + 1 < n)
			out[j++] = s[i];
	}
	while (j > 0 && out[j - 1] == '-')
		j--;
	if (n)
		out[j] = 0;
	bi_buf_release(&b);
}

static void suggest(const struct bi_kb *kb, const struct kb_family *f, const char *name,
		    const struct tagparts *t, const struct kb_variant *var, bool is_os,
		    struct bi_kb_match *m)
{
	const char *osid = bi_kb__family_get(kb, f, "os");
	const char *tmpl;
	const struct kb_os *os, *alp = bi_kb__os(kb, "alpine");
	const char *vals[5] = { 0 };
	char varw[64], v[64] = "", tag[200];
	const char *codename = NULL, *alpine_rel = NULL;
	struct bi_span vs;
	bool alpine_mode;

	if (!osid)
		return;
	alpine_mode = t->alpine || strcmp(osid, "alpine") == 0;
	tmpl = bi_kb__family_get(kb, f, alpine_mode ? "tag_alpine" : "tag_debian");
	if (!tmpl)
		return;
	if (t->version.len && t->version.len < sizeof(v))
		snprintf(v, sizeof(v), BI_SPAN_FMT, BI_SPAN_ARG(t->version));
	else if (!is_os)
		copy(v, sizeof(v),
		     alias_target(f, t) ? alias_target(f, t) : bi_kb__family_get(kb, f, "latest"));
	vs = bi_span_str(v);
	variant_words(var, varw, sizeof(varw));
	if (alpine_mode) {
		const char *cur = bi_kb_get(kb, "alpine.current");
		if (!alp || !cur)
			return;
		alpine_rel = is_os ? cur : release_for(kb, f, alp, cur, vs, true);
	} else {
		const char *cur = bi_kb__family_get(kb, f, "os_current");
		char key[64];
		os = bi_kb__os(kb, osid);
		if (!os)
			return;
		if (!cur) {
			snprintf(key, sizeof(key), "%s.current", osid);
			cur = bi_kb_get(kb, key);
		}
		if (!cur)
			return;
		codename = is_os ? cur : release_for(kb, f, os, cur, vs, false);
		vals[3] = release_named(os, codename) ? release_named(os, codename)->version : NULL;
	}
	vals[0] = v;
	vals[1] = varw;
	vals[2] = codename;
	vals[4] = alpine_rel;
	expand(tmpl, vals, tag, sizeof(tag));
	if (tag[0])
		snprintf(m->suggestion, sizeof(m->suggestion), "%s:%s", name, tag);
}

/* Distroless: "gcr.io/distroless/java21-debian12" -> family java, "12", "21". */
static const struct kb_family *find_distroless(const struct bi_kb *kb, const char *name,
					       char *osver, size_t n)
{
	char buf[300];
	size_t len = strlen(name);
	const char *dash;
	const struct kb_family *f;

	if (len >= sizeof(buf) || strncmp(name, "gcr.io/distroless/", 18) != 0)
		return NULL;
	memcpy(buf, name, len + 1);
	dash = strrchr(buf, '-');
	if (dash && strncmp(dash, "-debian", 7) == 0 && dash[7] && strlen(dash + 7) < n &&
	    strspn(dash + 7, "0123456789") == strlen(dash + 7)) {
		snprintf(osver, n, "%s", dash + 7);
		buf[dash - buf] = 0;
	}
	if ((f = find_family(kb, buf)))
		return f;
	len = strlen(buf);
	while (len > 18 && isdigit((unsigned char)buf[len - 1]))
		buf[--len] = 0;
	return find_family(kb, buf);
}

void bi_kb_lookup(const struct bi_kb *kb, const struct bi_ref *ref, struct bi_kb_match *m)
{
	char *full = NULL;
	const char *name;
	const struct kb_family *f = NULL;
	const struct kb_variant *var;
	struct tagparts t;
	char osver[16] = "";
	bool is_os, distroless;
	const char *osid;

	memset(m, 0, sizeof(*m));
	m->class = BI_CLASS_UNKNOWN;
	m->libc = BI_LIBC_UNKNOWN;
	if (!kb || !ref)
		return;
	full = bi_ref_familiar_name(ref);
	name = full;
	for (size_t i = 0; i < kb->nmirrors; i++) {
		size_t pl = strlen(kb->mirrors[i]);
		if (strncmp(full, kb->mirrors[i], pl) == 0 && full[pl] && !strchr(full + pl, '/')) {
			name = full + pl;
			break;
		}
	}
	copy(m->family, sizeof(m->family), name);
	if (strcmp(name, "scratch") == 0) {
		m->known = true;
		copy(m->variant, sizeof(m->variant), "scratch");
		m->class = BI_CLASS_SCRATCH;
		m->libc = BI_LIBC_NONE;
		free(full);
		return;
	}
	f = find_family(kb, name);
	if (!f)
		f = find_distroless(kb, name, osver, sizeof(osver));
	if (!f) {
		free(full);
		return;
	}
	m->known = true;
	copy(m->family, sizeof(m->family), f->name);
	split_tag(kb, ref->tag ? ref->tag : "latest", &t);
	var = pick_variant(f, &t);
	if (!var) {
		free(full);
		return;
	}
	copy(m->variant, sizeof(m->variant), var->name);
	m->class = var->cls;
	m->libc = var->libc;
	m->has_shell = var->shell;
	m->build_only = var->build;
	m->approx_size_mb = var->size_mb;
	is_os = fam_yes(kb, f, "is_os");
	distroless = fam_yes(kb, f, "distroless");
	m->os_variants = fam_yes(kb, f, "os_variants");
	osid = bi_kb__family_get(kb, f, "os");
	if (osid && strcmp(osid, "none") != 0)
		copy(m->os_id, sizeof(m->os_id), osid);

	if (t.windows) {
		m->class = BI_CLASS_UNKNOWN;
		m->libc = BI_LIBC_UNKNOWN;
		m->has_shell = false;
		m->os_variants = false;
		copy(m->os_id, sizeof(m->os_id), "windows");
	} else if (t.alpine || (osid && strcmp(osid, "alpine") == 0)) {
		const struct kb_os *alp = bi_kb__os(kb, "alpine");
		const struct kb_release *r = NULL;
		copy(m->os_id, sizeof(m->os_id), "alpine");
		if (t.alpine_ver.len && t.alpine_ver.len < sizeof(m->os_release)) {
			snprintf(m->os_release, sizeof(m->os_release), BI_SPAN_FMT,
				 BI_SPAN_ARG(t.alpine_ver));
			m->os_pinned = true;
		} else if (!t.alpine && is_os && alp && t.version.len &&
			   (r = find_release_version(alp, t.version))) {
			copy(m->os_release, sizeof(m->os_release), r->version);
			m->os_pinned = true;
		}
	} else if (distroless) {
		const struct kb_os *deb = bi_kb__os(kb, "debian");
		const struct kb_release *r = NULL;
		if (osver[0]) {
			m->os_variants = true;
			m->os_pinned = true;
			if (deb && (r = find_release_version(deb, bi_span_str(osver))))
				copy(m->os_release, sizeof(m->os_release), r->codename);
			else
				copy(m->os_release, sizeof(m->os_release), osver);
		}
	} else if (t.rel) {
		copy(m->os_id, sizeof(m->os_id), t.os->id);
		copy(m->os_release, sizeof(m->os_release),
		     strcmp(t.os->id, "ubuntu") == 0 ? t.rel->version : t.rel->codename);
		m->os_pinned = true;
	} else if (is_os && t.version.len && osid) {
		const struct kb_os *os = bi_kb__os(kb, osid);
		const struct kb_release *r = os ? find_release_version(os, t.version) : NULL;
		if (r) {
			copy(m->os_release, sizeof(m->os_release),
			     strcmp(osid, "ubuntu") == 0 ? r->version : r->codename);
			m->os_pinned = true;
		}
	}
	m->full = m->class == BI_CLASS_FULL || m->build_only;
	if (m->os_variants && !m->os_pinned && !t.windows)
		suggest(kb, f, full, &t, var, is_os, m);
	free(full);
}

bool bi_kb_family_latest(const struct bi_kb *kb, const char *family, char *out, size_t n)
{
	const struct kb_family *f = kb ? find_family(kb, family) : NULL;
	const char *v = f ? bi_kb__family_get(kb, f, "latest") : NULL;

	if (!v)
		return false;
	copy(out, n, v);
	return true;
}

const char *bi_kb_os_version(const struct bi_kb *kb, const char *os, const char *codename)
{
	const struct kb_os *o = kb && os ? bi_kb__os(kb, os) : NULL;
	const struct kb_release *r = o ? release_named(o, codename) : NULL;

	return r ? r->version : NULL;
}

size_t bi_kb_family_versions(const struct bi_kb *kb, const char *family, const char **out,
			     size_t max)
{
	const struct kb_family *f = kb ? find_family(kb, family) : NULL;
	size_t n = 0;

	for (size_t i = 0; f && i < f->nver && n < max; i++)
		out[n++] = f->ver[i].v;
	return n;
}
