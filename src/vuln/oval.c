/* SPDX-License-Identifier: MIT */
/*
 * OVAL definitions (Debian dpkginfo, Red Hat family rpminfo), read as a
 * stream with libxml2's xmlTextReader: the one file that uses libxml2.
 *
 * OVAL puts definitions first and the tests, objects and states they refer
 * to afterwards, so one pass keeps small records of each (ids, a package
 * name, an EVR) and joins them at the end: memory grows with the number of
 * definitions, never with the document's text (descriptions are skipped).
 *
 * Ids: a Red Hat family advisory (RHSA/RLSA/ALSA/ELSA reference) names the
 * finding; otherwise each CVE reference does (Debian: one per definition);
 * otherwise the title's first word.
 *
 * Each definition is treated as "any of its package tests": the criteria's
 * release, architecture and signature tests are the platform, which the
 * matcher handles by distro and release. A state "evr less than V" gives a
 * fix at V; V = 0 ("DPKG is earlier than 0") means no fix exists yet:
 * imported as unfixed.
 */
#include <libxml/xmlreader.h>

#include "util/common.h"
#include "util/decompress.h"
#include "vuln/import.h"

struct oval_def {
	char **ids; /* vulnerability ids: the advisory, else each CVE */
	size_t nids, ids_alloc;
	char **tests;
	size_t ntests, tests_alloc;
	char *severity;
	char *distro, *release;
};

struct oval_ref {
	char *id;
	char *a, *b; /* test: object, state; object: name; state: evr, operation */
};

struct oval {
	struct bi_import_ctx *ctx;
	xmlTextReaderPtr r;
	struct oval_def *defs;
	size_t ndefs, defs_alloc;
	struct oval_ref *tests, *objects, *states;
	size_t ntests, tests_alloc, nobjects, objects_alloc, nstates, states_alloc;
	char *file_distro, *file_release;
	/* Parsing state for the current definition. */
	struct oval_def cur;
	bool in_def;
	char **cves, **advisories;
	size_t ncves, cves_alloc, nadv, adv_alloc;
	char *title;
	/* Current test/object/state. */
	struct oval_ref *item;
	int item_kind; /* 1 test, 2 object, 3 state */
	int item_depth;
};

static void strv_add(char ***v, size_t *n, size_t *alloc, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return;
	BI_ALLOC_GROW(*v, *n + 1, *alloc);
	(*v)[(*n)++] = bi_xstrdup(s);
}

static void strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void def_release(struct oval_def *d)
{
	strv_free(d->ids, d->nids);
	strv_free(d->tests, d->ntests);
	free(d->severity);
	free(d->distro);
	free(d->release);
	memset(d, 0, sizeof(*d));
}

static void refs_free(struct oval_ref *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].a);
		free(v[i].b);
	}
	free(v);
}

static void oval_release(struct oval *o)
{
	for (size_t i = 0; i < o->ndefs; i++)
		def_release(&o->defs[i]);
	free(o->defs);
	def_release(&o->cur);
	refs_free(o->tests, o->ntests);
	refs_free(o->objects, o->nobjects);
	refs_free(o->states, o->nstates);
	strv_free(o->cves, o->ncves);
	strv_free(o->advisories, o->nadv);
	free(o->title);
	free(o->file_distro);
	free(o->file_release);
	if (o->r)
		xmlFreeTextReader(o->r);
}

static const char *lname(struct oval *o)
{
	const xmlChar *n = xmlTextReaderConstLocalName(o->r);
	return n ? (const char *)n : "";
}

static char *attr(struct oval *o, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(o->r, (const xmlChar *)name);
	char *s;

	if (!v)
		return NULL;
	s = bi_xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

/* The element's text content (this moves nothing: the reader stays put). */
static char *text(struct oval *o)
{
	xmlChar *v = xmlTextReaderReadString(o->r);
	char *s;

	if (!v)
		return bi_xstrdup("");
	s = bi_xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* Collect every CVE-YYYY-NNNN in s. */
static void scan_cves(struct oval *o, const char *s)
{
	for (const char *p = s; (p = strstr(p, "CVE-"));) {
		size_t n = 4, d = 0;

		while (p[n] >= '0' && p[n] <= '9')
			n++, d++;
		if (d == 4 && p[n] == '-') {
			size_t m = n + 1, k = 0;
			while (p[m] >= '0' && p[m] <= '9')
				m++, k++;
			if (k >= 4 && k <= 10) {
				char *id = bi_xstrndup(p, m);
				strv_add(&o->cves, &o->ncves, &o->cves_alloc, id);
				free(id);
			}
			p += m;
		} else {
			p += n;
		}
	}
}

/* "Debian GNU/Linux 12", "Red Hat Enterprise Linux 9", "Rocky Linux 9", "AlmaLinux 9". */
static bool platform_scope(const char *p, char **ret_distro, char **ret_release)
{
	static const struct {
		const char *prefix, *distro;
	} known[] = {
		{ "Debian GNU/Linux ", "debian" }, { "Red Hat Enterprise Linux ", "rhel" },
		{ "Rocky Linux ", "rocky" },	   { "AlmaLinux ", "almalinux" },
		{ "Oracle Linux ", "ol" },
	};

	for (size_t i = 0; i < BI_ARRAY_SIZE(known); i++) {
		size_t n = strlen(known[i].prefix), k;
		const char *rel;

		if (strncmp(p, known[i].prefix, n) != 0)
			continue;
		rel = p + n;
		for (k = 0; rel[k] >= '0' && rel[k] <= '9'; k++)
			;
		if (k == 0)
			return false;
		if (strcmp(known[i].distro, "debian") == 0) {
			char *num = bi_xstrndup(rel, k);
			const char *code = bi_debian_codename(num);
			free(num);
			if (!code)
				return false;
			*ret_release = bi_xstrdup(code);
		} else {
			*ret_release = bi_xstrndup(rel, k);
		}
		*ret_distro = bi_xstrdup(known[i].distro);
		return true;
	}
	return false;
}

/* cpe:/o:VENDOR:PRODUCT:VERSION[...] for the RHEL family. */
static bool cpe_scope(const char *cpe, char **ret_distro, char **ret_release)
{
	static const struct {
		const char *prefix, *distro;
	} known[] = {
		{ "cpe:/o:redhat:enterprise_linux:", "rhel" },
		{ "cpe:/o:rocky:rocky:", "rocky" },
		{ "cpe:/o:almalinux:almalinux:", "almalinux" },
		{ "cpe:/o:oracle:linux:", "ol" },
	};

	for (size_t i = 0; i < BI_ARRAY_SIZE(known); i++) {
		size_t n = strlen(known[i].prefix), k;

		if (strncmp(cpe, known[i].prefix, n) != 0)
			continue;
		for (k = 0; cpe[n + k] >= '0' && cpe[n + k] <= '9'; k++)
			;
		if (k == 0)
			return false;
		*ret_distro = bi_xstrdup(known[i].distro);
		*ret_release = bi_xstrndup(cpe + n, k);
		return true;
	}
	return false;
}

static void set_scope(struct oval *o, char *distro, char *release)
{
	if (!o->cur.distro) {
		o->cur.distro = distro;
		o->cur.release = release;
	} else {
		free(distro);
		free(release);
	}
	if (!o->file_distro && o->cur.distro) {
		o->file_distro = bi_xstrdup(o->cur.distro);
		o->file_release = bi_xstrdup(o->cur.release);
	}
}

static int end_definition(struct oval *o, struct bi_err **err)
{
	struct oval_def *d;

	o->in_def = false;
	if (o->nadv) {
		for (size_t i = 0; i < o->nadv; i++)
			strv_add(&o->cur.ids, &o->cur.nids, &o->cur.ids_alloc, o->advisories[i]);
	} else if (o->ncves) {
		for (size_t i = 0; i < o->ncves; i++)
			strv_add(&o->cur.ids, &o->cur.nids, &o->cur.ids_alloc, o->cves[i]);
	} else if (o->title && *o->title) {
		/* "CVE-2023-1234 pkg" or "RLSA-2022:4582: ...": the first word. */
		size_t n = strcspn(o->title, " :");
		if (n && n < 64) {
			char *id = bi_xstrndup(o->title, n);
			strv_add(&o->cur.ids, &o->cur.nids, &o->cur.ids_alloc, id);
			free(id);
		}
	}
	strv_free(o->cves, o->ncves);
	strv_free(o->advisories, o->nadv);
	o->cves = o->advisories = NULL;
	o->ncves = o->cves_alloc = o->nadv = o->adv_alloc = 0;
	free(o->title);
	o->title = NULL;
	if (!o->cur.nids || !o->cur.ntests) {
		bi_import_skip(o->ctx, "%s: definition without %s", o->ctx->name,
			       o->cur.nids ? "package tests" : "an id");
		def_release(&o->cur);
		return 0;
	}
	if (o->ndefs >= BI_MAX_FEED_ITEMS)
		return bi_err_set(err, BI_ELIMIT, "%s: more than %d definitions", o->ctx->name,
				  BI_MAX_FEED_ITEMS);
	BI_ALLOC_GROW(o->defs, o->ndefs + 1, o->defs_alloc);
	d = &o->defs[o->ndefs++];
	*d = o->cur;
	memset(&o->cur, 0, sizeof(o->cur));
	return 0;
}

/* An element start inside <definition>. */
static void def_element(struct oval *o, const char *n)
{
	if (strcmp(n, "reference") == 0) {
		_cleanup_free_ char *src = attr(o, "source");
		_cleanup_free_ char *ref = attr(o, "ref_id");
		if (!src || !ref || !*ref)
			return;
		if (strcmp(src, "CVE") == 0)
			strv_add(&o->cves, &o->ncves, &o->cves_alloc, ref);
		else if (strcmp(src, "RHSA") == 0 || strcmp(src, "RLSA") == 0 ||
			 strcmp(src, "ALSA") == 0 || strcmp(src, "ELSA") == 0)
			strv_add(&o->advisories, &o->nadv, &o->adv_alloc, ref);
	} else if (strcmp(n, "title") == 0) {
		free(o->title);
		o->title = text(o);
	} else if (strcmp(n, "cve") == 0) {
		/* Red Hat's advisory/cve: the CVEs an RHSA fixes. */
		_cleanup_free_ char *t = text(o);
		scan_cves(o, t);
	} else if (strcmp(n, "severity") == 0) {
		free(o->cur.severity);
		o->cur.severity = text(o);
	} else if (strcmp(n, "platform") == 0) {
		_cleanup_free_ char *t = text(o);
		char *d = NULL, *r = NULL;
		if (platform_scope(t, &d, &r))
			set_scope(o, d, r);
	} else if (strcmp(n, "advisory") == 0 || strcmp(n, "cpe") == 0) {
		_cleanup_free_ char *t = strcmp(n, "cpe") == 0 ? text(o) : attr(o, "from");
		char *d = NULL, *r = NULL;
		if (t && cpe_scope(t, &d, &r))
			set_scope(o, d, r);
	} else if (strcmp(n, "criterion") == 0) {
		_cleanup_free_ char *ref = attr(o, "test_ref");
		if (ref)
			strv_add(&o->cur.tests, &o->cur.ntests, &o->cur.tests_alloc, ref);
	}
}

static struct oval_ref *new_item(struct oval *o, int kind, struct bi_err **err)
{
	struct oval_ref **v = kind == 1 ? &o->tests : kind == 2 ? &o->objects : &o->states;
	size_t *n = kind == 1 ? &o->ntests : kind == 2 ? &o->nobjects : &o->nstates;
	size_t *alloc = kind == 1 ? &o->tests_alloc :
			kind == 2 ? &o->objects_alloc :
				    &o->states_alloc;

	if (*n >= BI_MAX_FEED_ITEMS) {
		bi_err_set(err, BI_ELIMIT, "%s: more than %d tests, objects or states",
			   o->ctx->name, BI_MAX_FEED_ITEMS);
		return NULL;
	}
	BI_ALLOC_GROW(*v, *n + 1, *alloc);
	memset(&(*v)[*n], 0, sizeof(**v));
	return &(*v)[(*n)++];
}

static int element(struct oval *o, int depth, struct bi_err **err)
{
	const char *n = lname(o);

	if (o->in_def) {
		def_element(o, n);
		return 0;
	}
	if (strcmp(n, "definition") == 0) {
		o->in_def = !xmlTextReaderIsEmptyElement(o->r);
		memset(&o->cur, 0, sizeof(o->cur));
		return 0;
	}
	if (strcmp(n, "timestamp") == 0 && !o->ctx->data_date) {
		_cleanup_free_ char *t = text(o);
		bi_import_note_date(o->ctx, t);
		return 0;
	}
	if (o->item) {
		if (o->item_kind == 1 && strcmp(n, "object") == 0 && !o->item->a)
			o->item->a = attr(o, "object_ref");
		else if (o->item_kind == 1 && strcmp(n, "state") == 0 && !o->item->b)
			o->item->b = attr(o, "state_ref");
		else if (o->item_kind == 2 && strcmp(n, "name") == 0 && !o->item->a)
			o->item->a = text(o);
		else if (o->item_kind == 3 && strcmp(n, "evr") == 0 && !o->item->a) {
			o->item->a = text(o);
			o->item->b = attr(o, "operation");
		}
		return 0;
	}
	if (strcmp(n, "dpkginfo_test") == 0 || strcmp(n, "rpminfo_test") == 0 ||
	    strcmp(n, "dpkginfo_object") == 0 || strcmp(n, "rpminfo_object") == 0 ||
	    strcmp(n, "dpkginfo_state") == 0 || strcmp(n, "rpminfo_state") == 0) {
		int kind = ends_with(n, "_test") ? 1 : ends_with(n, "_object") ? 2 : 3;
		struct oval_ref *it = new_item(o, kind, err);
		if (!it)
			return BI_ELIMIT;
		it->id = attr(o, "id");
		if (!it->id)
			it->id = bi_xstrdup("");
		if (!xmlTextReaderIsEmptyElement(o->r)) {
			o->item = it;
			o->item_kind = kind;
			o->item_depth = depth;
		}
	}
	return 0;
}

static int ref_cmp(const void *a, const void *b)
{
	return strcmp(((const struct oval_ref *)a)->id, ((const struct oval_ref *)b)->id);
}

static const struct oval_ref *find(const struct oval_ref *v, size_t n, const char *id)
{
	struct oval_ref key = { .id = (char *)id };
	return id && n ? bsearch(&key, v, n, sizeof(*v), ref_cmp) : NULL;
}

/* "0", "0:0": the OVAL way of saying no version fixes it. */
static bool is_zero_version(const char *v)
{
	return strcmp(v, "0") == 0 || strcmp(v, "0:0") == 0;
}

static int emit(struct oval *o, struct bi_err **err)
{
	if (o->ntests)
		qsort(o->tests, o->ntests, sizeof(*o->tests), ref_cmp);
	if (o->nobjects)
		qsort(o->objects, o->nobjects, sizeof(*o->objects), ref_cmp);
	if (o->nstates)
		qsort(o->states, o->nstates, sizeof(*o->states), ref_cmp);
	for (size_t i = 0; i < o->ndefs; i++) {
		struct oval_def *d = &o->defs[i];
		const char *distro = d->distro ? d->distro : o->file_distro;
		const char *release = d->release ? d->release : o->file_release;
		enum bi_severity sev = bi_severity_from_word(d->severity);

		if (!distro) {
			bi_import_skip(o->ctx, "%s: definition %s names no known platform",
				       o->ctx->name, d->ids[0]);
			continue;
		}
		for (size_t t = 0; t < d->ntests; t++) {
			const struct oval_ref *test = find(o->tests, o->ntests, d->tests[t]);
			const struct oval_ref *obj, *st;
			const char *fixed;
			bool rpm;

			if (!test)
				continue; /* a platform, architecture or signature test */
			obj = find(o->objects, o->nobjects, test->a);
			st = find(o->states, o->nstates, test->b);
			if (!obj || !obj->a || !st || !st->a || !st->b) {
				bi_import_skip(o->ctx, "%s: test %s: missing object or state",
					       o->ctx->name, test->id);
				continue;
			}
			if (strcmp(st->b, "less than") != 0) {
				bi_import_skip(o->ctx, "%s: test %s: operation '%s'", o->ctx->name,
					       test->id, st->b);
				continue;
			}
			rpm = strcmp(distro, "debian") != 0;
			/* dpkg never writes a zero epoch: "0:3.0.9-1" is "3.0.9-1". */
			fixed = st->a;
			if (!rpm && strncmp(fixed, "0:", 2) == 0 && fixed[2])
				fixed = st->a + 2;
			for (size_t k = 0; k < d->nids; k++) {
				struct bi_vuln_row row = {
					.distro = distro,
					.release = release,
					.package = obj->a,
					.binary = rpm,
					.vuln_id = d->ids[k],
					.status = is_zero_version(st->a) ? BI_VST_UNFIXED :
									   BI_VST_FIXED,
					.fixed = is_zero_version(st->a) ? NULL : fixed,
					.severity = sev,
					.severity_word = d->severity,
				};
				int r = bi_import_row(o->ctx, &row, err);
				if (r < 0)
					return r;
			}
		}
	}
	return 0;
}

struct io {
	struct bi_decomp *in;
	struct bi_err *err; /* a read error, reported instead of the XML one */
};

static int io_read(void *data, char *buf, int len)
{
	struct io *io = data;
	size_t n;

	if (io->err || bi_decomp_read(io->in, buf, (size_t)len, &n, &io->err) < 0)
		return -1;
	return (int)n;
}

static void silence(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int bi_oval_import(struct bi_import_ctx *c, struct bi_decomp *in, struct bi_err **err)
{
	struct oval o = { .ctx = c };
	struct io io = { .in = in };
	int r = 0, rr;

	xmlSetGenericErrorFunc(NULL, silence);
	o.r = xmlReaderForIO(io_read, NULL, &io, NULL, NULL,
			     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!o.r)
		return bi_err_set(err, BI_EINTERNAL, "%s: cannot start the XML reader", c->name);
	while ((rr = xmlTextReaderRead(o.r)) == 1) {
		int type = xmlTextReaderNodeType(o.r);
		int depth = xmlTextReaderDepth(o.r);

		if (type == XML_READER_TYPE_ELEMENT) {
			if (depth == 0 && strcmp(lname(&o), "oval_definitions") != 0) {
				r = bi_err_set(err, BI_EFORMAT,
					       "%s: not OVAL (root element <%s>, want "
					       "<oval_definitions>)",
					       c->name, lname(&o));
				break;
			}
			r = element(&o, depth, err);
			if (r < 0)
				break;
		} else if (type == XML_READER_TYPE_END_ELEMENT) {
			if (o.in_def && strcmp(lname(&o), "definition") == 0) {
				r = end_definition(&o, err);
				if (r < 0)
					break;
			} else if (o.item && depth == o.item_depth) {
				o.item = NULL;
			}
		}
	}
	if (r == 0 && io.err) {
		r = bi_err_code(io.err);
		if (err)
			*err = TAKE_PTR(io.err);
	} else if (r == 0 && rr < 0) {
		const xmlError *e = xmlGetLastError();
		_cleanup_free_ char *msg = bi_xstrdup(e && e->message ? e->message : "");
		size_t l = strlen(msg);

		while (l && (msg[l - 1] == '\n' || msg[l - 1] == ' '))
			msg[--l] = '\0';
		r = bi_err_set(err, BI_EFORMAT, "%s: line %d: malformed XML%s%s", c->name,
			       e ? e->line : xmlTextReaderGetParserLineNumber(o.r), l ? ": " : "",
			       msg);
	}
	bi_err_free(io.err);
	if (r == 0 && o.ndefs == 0 && o.ntests == 0)
		r = bi_err_set(err, BI_EFORMAT, "%s: no OVAL definitions", c->name);
	if (r == 0)
		r = emit(&o, err);
	oval_release(&o);
	xmlResetLastError();
	return r;
}
