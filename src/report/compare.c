/* SPDX-License-Identifier: MIT */
/*
 * `baseimg compare`: the chapter's table (size, glibc, shell, debug ease, CVE
 * surface), measured, one row per image, plus package and file counts and
 * the checks that fail. CVE surface is the vulnerability count when the
 * caller consulted a database (r->cve), else the package count.
 */
#include "util/common.h"
#include "report/inspect.h"

enum {
	C_IMAGE,
	C_CLASS,
	C_SIZE,
	C_COMPRESSED,
	C_LIBC,
	C_SHELL,
	C_DEBUG,
	C_PACKAGES,
	C_FILES,
	C_CVE,
	C_CHECKS,
	NCOLS
};

static const char *const headers[NCOLS] = {
	"IMAGE", "CLASS",    "SIZE",  "COMPRESSED",  "LIBC",   "SHELL",
	"DEBUG", "PACKAGES", "FILES", "CVE SURFACE", "CHECKS",
};

char *bi_report_short_name(const char *ref)
{
	static const char *const transports[] = { "oci:", "oci-archive:", "docker-archive:",
						  "dir:" };
	const char *s = ref, *base;
	size_t len;

	for (size_t i = 0; i < BI_ARRAY_SIZE(transports); i++)
		if (strncmp(ref, transports[i], strlen(transports[i])) == 0)
			s = ref + strlen(transports[i]);
	len = strlen(s);
	while (len > 1 && s[len - 1] == '/')
		len--;
	base = s;
	for (size_t i = 0; i + 1 < len; i++)
		if (s[i] == '/')
			base = s + i + 1;
	len -= (size_t)(base - s);
	return len ? bi_xstrndup(base, len) : bi_xstrdup(ref);
}

void bi_compare_row_from(const struct bi_analysis *a, struct bi_compare_row *r)
{
	struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);
	const struct bi_image *img = a->img;

	memset(r, 0, sizeof(*r));
	r->reference = bi_xstrdup(img->reference ? img->reference : "-");
	r->name = bi_report_short_name(r->reference);
	r->platform = img->platform ? bi_xstrdup(img->platform) : NULL;
	r->class = a->class;
	r->compressed = img->compressed;
	r->uncompressed = img->uncompressed;
	r->files = a->files;
	r->libc = a->libc;
	r->libc_version = a->libc_version ? bi_xstrdup(a->libc_version) : NULL;
	r->shell = a->shell ? bi_xstrdup(a->shell) : NULL;
	r->shell_kind = a->shell_kind ? bi_xstrdup(a->shell_kind) : NULL;
	r->debug_ease = a->debug_ease;
	r->packages = a->pkgs.n;
	r->worst = bi_analysis_worst(a);
	for (size_t i = 0; i < a->nchecks; i++) {
		const struct bi_check *c = &a->checks[i];
		bool dup = false;
		if (c->severity < BI_SEV_WARNING)
			continue;
		for (size_t k = 0; k < i && !dup; k++)
			dup = strcmp(a->checks[k].id, c->id) == 0;
		if (!dup)
			bi_buf_addf(&b, "%s%s", b.len ? " " : "", c->id);
	}
	r->checks = bi_buf_detach(&b, NULL);
}

void bi_compare_row_release(struct bi_compare_row *r)
{
	free(r->name);
	free(r->reference);
	free(r->platform);
	free(r->libc_version);
	free(r->shell);
	free(r->shell_kind);
	free(r->checks);
	free(r->cve.note);
	memset(r, 0, sizeof(*r));
}

static char *cell(const struct bi_compare_row *r, int col, bool multi_platform)
{
	char buf[64];

	switch (col) {
	case C_IMAGE:
		if (multi_platform && r->platform)
			return bi_xasprintf("%s (%s)", r->name, r->platform);
		return bi_xstrdup(r->name);
	case C_CLASS:
		return bi_xstrdup(bi_analyze_class_name(r->class));
	case C_SIZE:
		bi_report_size(buf, sizeof(buf), r->uncompressed);
		return bi_xstrdup(buf);
	case C_COMPRESSED:
		bi_report_size(buf, sizeof(buf), r->compressed);
		return bi_xstrdup(r->compressed ? buf : "-");
	case C_LIBC:
		return bi_xasprintf("%s%s%s", bi_libc_name(r->libc), r->libc_version ? " " : "",
				    r->libc_version ? r->libc_version : "");
	case C_SHELL:
		if (!r->shell)
			return bi_xstrdup("none");
		return bi_xstrdup(r->shell_kind ? r->shell_kind : r->shell);
	case C_DEBUG:
		return bi_xstrdup(r->debug_ease);
	case C_PACKAGES:
		return bi_xasprintf("%zu", r->packages);
	case C_FILES:
		return bi_xasprintf("%" PRIu64, r->files);
	case C_CVE:
		if (r->cve.measured && r->cve.total == 0)
			return bi_xstrdup("0");
		if (r->cve.measured && r->cve.critical + r->cve.high)
			return bi_xasprintf("%zu (%zu crit/high, %zu fixable)", r->cve.total,
					    r->cve.critical + r->cve.high, r->cve.fixable);
		if (r->cve.measured)
			return bi_xasprintf("%zu (%zu fixable)", r->cve.total, r->cve.fixable);
		if (r->cve.db)
			return bi_xasprintf("n/a (%zu pkgs)", r->packages);
		return bi_xasprintf("%zu pkgs", r->packages);
	case C_CHECKS:
		return bi_xstrdup(r->checks[0] ? r->checks : "-");
	default:
		return bi_xstrdup("");
	}
}

static bool multi(const struct bi_compare_row *rows, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (strcmp(rows[i].reference, rows[0].reference) == 0)
			return true;
	return false;
}

void bi_compare_text(struct bi_buf *out, const struct bi_compare_row *rows, size_t n)
{
	size_t width[NCOLS];
	bool mp = multi(rows, n);

	for (int c = 0; c < NCOLS; c++)
		width[c] = strlen(headers[c]);
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < NCOLS; c++) {
			char *s = cell(&rows[i], c, mp);
			if (strlen(s) > width[c])
				width[c] = strlen(s);
			free(s);
		}
	for (int c = 0; c < NCOLS; c++)
		if (c + 1 < NCOLS)
			bi_buf_addf(out, "%-*s  ", (int)width[c], headers[c]);
		else
			bi_buf_addf(out, "%s\n", headers[c]);
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < NCOLS; c++) {
			char *s = cell(&rows[i], c, mp);
			bool right = c == C_SIZE || c == C_COMPRESSED || c == C_PACKAGES ||
				     c == C_FILES || c == C_CVE;
			if (c + 1 == NCOLS)
				bi_buf_addf(out, "%s\n", s);
			else if (right)
				bi_buf_addf(out, "%*s  ", (int)width[c], s);
			else
				bi_buf_addf(out, "%-*s  ", (int)width[c], s);
			free(s);
		}
}

void bi_compare_markdown(struct bi_buf *out, const struct bi_compare_row *rows, size_t n)
{
	bool mp = multi(rows, n);

	for (int c = 0; c < NCOLS; c++)
		bi_buf_addf(out, "| %s ", headers[c]);
	bi_buf_adds(out, "|\n");
	for (int c = 0; c < NCOLS; c++) {
		bool right = c == C_SIZE || c == C_COMPRESSED || c == C_PACKAGES || c == C_FILES ||
			     c == C_CVE;
		bi_buf_adds(out, right ? "| ---: " : "| --- ");
	}
	bi_buf_adds(out, "|\n");
	for (size_t i = 0; i < n; i++) {
		for (int c = 0; c < NCOLS; c++) {
			char *s = cell(&rows[i], c, mp);
			bi_buf_adds(out, "| ");
			for (char *p = s; *p; p++) /* a "|" would split the cell */
				bi_buf_adds(out, *p == '|' ? "\\|" : (char[]){ *p, 0 });
			bi_buf_addch(out, ' ');
			free(s);
		}
		bi_buf_adds(out, "|\n");
	}
}

void bi_compare_json(struct bi_jsonw *w, const struct bi_compare_row *rows, size_t n)
{
	bi_jsonw_array_begin(w);
	for (size_t i = 0; i < n; i++) {
		const struct bi_compare_row *r = &rows[i];
		struct bi_span s = bi_span_str(r->checks), id;
		bi_jsonw_object_begin(w);
		bi_jsonw_kstring(w, "reference", r->reference);
		bi_jsonw_kstring(w, "platform", r->platform);
		bi_jsonw_kstring(w, "class", bi_analyze_class_name(r->class));
		bi_jsonw_key(w, "size");
		bi_jsonw_object_begin(w);
		bi_jsonw_kuint(w, "compressed", r->compressed);
		bi_jsonw_kuint(w, "uncompressed", r->uncompressed);
		bi_jsonw_object_end(w);
		bi_jsonw_key(w, "libc");
		bi_jsonw_object_begin(w);
		bi_jsonw_kstring(w, "family", bi_libc_name(r->libc));
		bi_jsonw_kstring(w, "version", r->libc_version);
		bi_jsonw_object_end(w);
		bi_jsonw_kstring(w, "shell", r->shell);
		bi_jsonw_kstring(w, "shell_kind", r->shell_kind);
		bi_jsonw_kstring(w, "debug_ease", r->debug_ease);
		bi_jsonw_kuint(w, "packages", r->packages);
		bi_jsonw_kuint(w, "files", r->files);
		bi_jsonw_key(w, "cve_surface");
		bi_jsonw_object_begin(w);
		bi_jsonw_kuint(w, "packages", r->packages);
		if (r->cve.measured) {
			bi_jsonw_kuint(w, "vulnerabilities", r->cve.total);
			bi_jsonw_kuint(w, "critical", r->cve.critical);
			bi_jsonw_kuint(w, "high", r->cve.high);
			bi_jsonw_kuint(w, "fixable", r->cve.fixable);
		} else {
			bi_jsonw_key(w, "vulnerabilities");
			bi_jsonw_null(w);
		}
		bi_jsonw_kstring(w, "note", r->cve.note);
		bi_jsonw_object_end(w);
		bi_jsonw_key(w, "failing_checks");
		bi_jsonw_array_begin(w);
		while (bi_span_split(&s, ' ', &id))
			if (id.len)
				bi_jsonw_span(w, id);
		bi_jsonw_array_end(w);
		bi_jsonw_object_end(w);
	}
	bi_jsonw_array_end(w);
}
