/* SPDX-License-Identifier: MIT */
/*
 * dpkg's status database (var/lib/dpkg/status) and distroless' one-file-per-
 * package variant (var/lib/dpkg/status.d/<pkg>): deb822 stanzas of
 * "Field: value" lines, continuation lines starting with a space or tab,
 * stanzas separated by blank lines (deb-control(5), dpkg lib/dpkg/parse.c).
 */
#include "util/common.h"
#include "pkgdb/pkgdb.h"

struct stanza {
	struct bi_span package, version, arch, source, status;
	size_t line;
	bool any;
};

static bool status_installed(struct bi_span status)
{
	struct bi_span want, flag, state;

	/* "want flag state": "install ok installed", "hold ok installed" */
	status = bi_span_trim(status);
	if (!bi_span_split(&status, ' ', &want) || !bi_span_split(&status, ' ', &flag))
		return false;
	state = bi_span_trim(status);
	return bi_span_eq_str(flag, "ok") && bi_span_eq_str(state, "installed");
}

static int stanza_end(struct stanza *s, const char *name, bool status_d, struct bi_pkglist *l,
		      struct bi_err **err)
{
	struct bi_pkg *p;
	struct bi_span src, srcver = BI_SPAN_NULL;
	int r;

	if (!s->any)
		return 0;
	if (s->package.len == 0) {
		bi_pkglist_warn(l, "%s: line %zu: stanza without a Package field, skipped", name,
				s->line);
		goto done;
	}
	if (s->status.ptr ? !status_installed(s->status) : !status_d)
		goto done; /* not installed (or status file stanza without Status) */
	if (s->version.len == 0) {
		bi_pkglist_warn(l, "%s: line %zu: package " BI_SPAN_FMT " has no Version, skipped",
				name, s->line, BI_SPAN_ARG(s->package));
		goto done;
	}
	r = bi_pkglist_add(l, &p, err);
	if (r < 0)
		return bi_err_wrap(err, "%s: line %zu", name, s->line);
	p->name = bi_span_dup(s->package);
	p->version = bi_span_dup(s->version);
	p->arch = s->arch.len ? bi_span_dup(s->arch) : NULL;
	/* "Source: glibc (2.36-9+deb12u7)" or "Source: zlib" */
	src = s->source;
	if (src.len) {
		ptrdiff_t i = bi_span_find_char(src, '(');
		if (i >= 0) {
			struct bi_span rest =
				bi_span_sub(src, (size_t)i + 1, src.len - (size_t)i - 1);
			ptrdiff_t j = bi_span_find_char(rest, ')');
			if (j >= 0)
				srcver = bi_span_trim(bi_span_sub(rest, 0, (size_t)j));
			src = bi_span_trim(bi_span_sub(src, 0, (size_t)i));
		}
	}
	p->source = bi_span_dup(src.len ? src : s->package);
	p->source_version = bi_span_dup(srcver.len ? srcver : s->version);
done:
	memset(s, 0, sizeof(*s));
	return 0;
}

int bi_dpkg_parse(struct bi_span db, const char *name, bool status_d, struct bi_pkglist *l,
		  struct bi_err **err)
{
	struct stanza s = { 0 };
	struct bi_span line, *last = NULL;
	size_t lineno = 0;
	int r;

	while (bi_span_next_line(&db, &line)) {
		struct bi_span key, val;

		lineno++;
		if (bi_span_trim(line).len == 0) {
			r = stanza_end(&s, name, status_d, l, err);
			if (r < 0)
				return r;
			last = NULL;
			continue;
		}
		if (line.ptr[0] == ' ' || line.ptr[0] == '\t') {
			/* continuation of a multi-line field: none we read is multi-line */
			if (!s.any)
				bi_pkglist_warn(l,
						"%s: line %zu: continuation line outside a stanza",
						name, lineno);
			continue;
		}
		if (line.ptr[0] == '#')
			continue;
		if (!s.any) {
			s.any = true;
			s.line = lineno;
		}
		if (!bi_span_cut(line, ':', &key, &val) || key.len == 0) {
			bi_pkglist_warn(l, "%s: line %zu: not a \"Field: value\" line, ignored",
					name, lineno);
			continue;
		}
		if (val.len > BI_MAX_PKG_FIELD) {
			bi_pkglist_warn(l, "%s: line %zu: field longer than %zu bytes, ignored",
					name, lineno, (size_t)BI_MAX_PKG_FIELD);
			continue;
		}
		val = bi_span_trim(val);
		last = NULL;
		if (bi_span_ieq_str(key, "Package"))
			last = &s.package;
		else if (bi_span_ieq_str(key, "Version"))
			last = &s.version;
		else if (bi_span_ieq_str(key, "Architecture"))
			last = &s.arch;
		else if (bi_span_ieq_str(key, "Source"))
			last = &s.source;
		else if (bi_span_ieq_str(key, "Status"))
			last = &s.status;
		if (last)
			*last = val;
	}
	return stanza_end(&s, name, status_d, l, err);
}
