/* SPDX-License-Identifier: MIT */
/*
 * The report page (see html.h): head and style, the spectrum strip, the
 * comparison table, the Dockerfile's lint findings and the recommend
 * decision. Each image's own section is html_image.c.
 */
#include "util/common.h"

#include "report/html_int.h"
#include "report/html_css.h"

/* Nothing may be loaded: no script, style sheet, font, image, frame or form target. */
#define CSP                                                                                \
	"default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; font-src 'none'; " \
	"script-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"

static const enum bi_class spectrum[] = { BI_CLASS_SCRATCH, BI_CLASS_DISTROLESS, BI_CLASS_ALPINE,
					  BI_CLASS_SLIM, BI_CLASS_FULL };
static const char *const spectrum_hint[] = { "nothing but your files", "runtime, no shell",
					     "musl, busybox, apk", "glibc, trimmed",
					     "the whole distribution" };

static void head(struct bi_buf *b, const struct bi_html_doc *d)
{
	bi_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<meta http-equiv=\"Content-Security-Policy\" content=\"" CSP "\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		       "<meta name=\"generator\" content=\"baseimg ");
	bi_html__esc(b, d->version, 0);
	bi_buf_adds(b, "\">\n<title>");
	bi_html__esc(b, d->title, 0);
	bi_buf_adds(b, "</title>\n<style>\n");
	bi_buf_adds(b, html_css);
	bi_buf_adds(b, "</style>\n</head>\n<body>\n<main>\n<header>\n<h1>");
	bi_html__esc(b, d->title, 0);
	bi_buf_addf(b, "</h1>\n<p class=\"sub\">%zu image%s", d->n, d->n == 1 ? "" : "s");
	if (d->date) {
		bi_buf_adds(b, " &middot; <time>");
		bi_html__esc(b, d->date, 0);
		bi_buf_adds(b, "</time>");
	}
	bi_buf_adds(b, " &middot; ");
	if (d->db) {
		bi_buf_adds(b, "CVEs from the local database");
		if (d->db_info) {
			bi_buf_adds(b, " (");
			bi_html__esc(b, d->db_info, 0);
			bi_buf_adds(b, ")");
		}
	} else {
		bi_buf_adds(b, "no vulnerability database (--db): CVEs not measured");
	}
	bi_buf_adds(b, "</p>\n</header>\n");
}

/* Images per spectrum class, smallest first (then in command-line order). */
static size_t placed(const struct bi_html_doc *d, enum bi_class c, size_t *idx)
{
	size_t n = 0;

	for (size_t i = 0; i < d->n; i++)
		if (d->imgs[i].a->class == c)
			idx[n++] = i;
	for (size_t i = 1; i < n; i++) /* insertion sort: stable */
		for (size_t k = i; k > 0; k--) {
			uint64_t a = d->imgs[idx[k - 1]].a->img->uncompressed;
			uint64_t z = d->imgs[idx[k]].a->img->uncompressed;
			size_t t;
			if (a <= z)
				break;
			t = idx[k];
			idx[k] = idx[k - 1];
			idx[k - 1] = t;
		}
	return n;
}

static void spectrum_svg(struct bi_buf *b, const struct bi_html_doc *d, size_t *idx)
{
	size_t rows = 1;

	for (size_t c = 0; c < BI_ARRAY_SIZE(spectrum); c++) {
		size_t n = placed(d, spectrum[c], idx);
		rows = n > rows * 6 ? (n + 5) / 6 : rows;
	}
	bi_buf_addf(b,
		    "<svg class=\"spectrum\" viewBox=\"0 0 1000 %zu\" role=\"img\" "
		    "aria-labelledby=\"spectrum-t\">\n<title id=\"spectrum-t\">The spectrum from "
		    "scratch to full, with each image placed in its class</title>\n",
		    (size_t)96 + rows * 36);
	for (size_t c = 0; c < BI_ARRAY_SIZE(spectrum); c++) {
		const char *name = bi_analyze_class_name(spectrum[c]);
		size_t n = placed(d, spectrum[c], idx);

		bi_buf_addf(
			b,
			"<rect class=\"band band-%s\" x=\"%zu\" y=\"0\" width=\"196\" height=\"%zu\" "
			"rx=\"8\"/>\n<text class=\"tick\" x=\"%zu\" y=\"26\" "
			"text-anchor=\"middle\">%s</text>\n<text class=\"hint\" x=\"%zu\" y=\"46\" "
			"text-anchor=\"middle\">%s</text>\n",
			name, c * 200 + 2, (size_t)96 + rows * 36, c * 200 + 100, name,
			c * 200 + 100, spectrum_hint[c]);
		for (size_t k = 0; k < n; k++) {
			const struct bi_html_image *im = &d->imgs[idx[k]];
			size_t per = n < 6 ? n : 6, col = k % 6, row = k / 6;
			size_t x = c * 200 + 100 - (per - 1) * 16 + col * 32, y = 78 + row * 36;

			bi_buf_addf(b, "<g><title>%zu. ", idx[k] + 1);
			bi_html__esc(b, im->name, 200);
			bi_buf_addf(b, ": %s, ", name);
			bi_html__size(b, im->a->img->uncompressed);
			bi_buf_addf(b,
				    "</title><circle class=\"pin band-%s\" cx=\"%zu\" cy=\"%zu\" "
				    "r=\"14\"/><text class=\"pin-n\" x=\"%zu\" y=\"%zu\" "
				    "text-anchor=\"middle\">%zu</text></g>\n",
				    name, x, y, x, y + 5, idx[k] + 1);
		}
	}
	bi_buf_adds(b, "</svg>\n");
}

static void spectrum_section(struct bi_buf *b, const struct bi_html_doc *d)
{
	_cleanup_free_ size_t *idx = bi_xcalloc(d->n + 1, sizeof(*idx));

	bi_buf_adds(b, "<section id=\"spectrum\">\n<h2>Where each image sits</h2>\n"
		       "<p class=\"sub\">From nothing to a whole distribution: each step adds a "
		       "shell, a package manager, debugging tools, and packages that can carry "
		       "CVEs.</p>\n");
	bi_buf_adds(b, "<div class=\"scroll\">");
	spectrum_svg(b, d, idx);
	bi_buf_adds(b, "</div>\n");
	bi_buf_adds(b, "<ol class=\"legend\">\n");
	for (size_t i = 0; i < d->n; i++) {
		const struct bi_analysis *a = d->imgs[i].a;
		const char *cls = bi_analyze_class_name(a->class);

		bi_buf_addf(b, "<li><a href=\"#img-%zu\">", i + 1);
		bi_html__esc(b, d->imgs[i].name, 100);
		bi_buf_addf(b, "</a> <span class=\"mute mono\">");
		bi_html__esc(b, d->imgs[i].ref, 200);
		bi_buf_addf(b, "</span> <span class=\"badge c-%s\">%s</span>", cls, cls);
		if (a->class == BI_CLASS_UNKNOWN)
			bi_buf_adds(b, " <span class=\"mute\">(not placed on the strip)</span>");
		bi_buf_adds(b, "\n<ul class=\"reasons\">");
		for (size_t k = 0; k < a->nclass_reasons; k++) {
			bi_buf_adds(b, "<li>");
			bi_html__esc(b, a->class_reasons[k], 500);
			bi_buf_adds(b, "</li>");
		}
		bi_buf_adds(b, "</ul></li>\n");
	}
	bi_buf_adds(b, "</ol>\n</section>\n");
}

static void cve_cell(struct bi_buf *b, const struct bi_html_doc *d, const struct bi_html_image *im)
{
	const struct bi_html_cves *c = &im->cve;

	if (!d->db) {
		bi_buf_adds(b, "<td class=\"mute\">no --db</td>");
		return;
	}
	if (!c->measured) {
		bi_buf_adds(b, "<td class=\"mute\">");
		bi_html__esc(b, c->note ? c->note : "not measured", 200);
		bi_buf_adds(b, "</td>");
		return;
	}
	bi_buf_addf(
		b,
		"<td class=\"n\" data-cves=\"%zu\" data-fixable=\"%zu\"><strong>%zu</strong> "
		"<span class=\"mute\">(%zu fixable)</span><br><span class=\"sevs\">"
		"<span title=\"critical\">C&nbsp;%zu</span> <span title=\"high\">H&nbsp;%zu</span> "
		"<span title=\"medium\">M&nbsp;%zu</span> <span title=\"low\">L&nbsp;%zu</span> "
		"<span title=\"negligible or unknown\">?&nbsp;%zu</span></span></td>",
		c->total, c->fixable, c->total, c->fixable,
		c->by[BI_SEV_CRITICAL][0] + c->by[BI_SEV_CRITICAL][1],
		c->by[BI_SEV_HIGH][0] + c->by[BI_SEV_HIGH][1],
		c->by[BI_SEV_MEDIUM][0] + c->by[BI_SEV_MEDIUM][1],
		c->by[BI_SEV_LOW][0] + c->by[BI_SEV_LOW][1],
		c->by[BI_SEV_NEGLIGIBLE][0] + c->by[BI_SEV_NEGLIGIBLE][1] +
			c->by[BI_SEV_UNKNOWN][0] + c->by[BI_SEV_UNKNOWN][1]);
}

static void checks_cell(struct bi_buf *b, const struct bi_analysis *a)
{
	size_t n = 0;

	bi_buf_adds(b, "<td>");
	for (size_t i = 0; i < a->nchecks; i++) {
		const struct bi_check *c = &a->checks[i];
		const char *lvl = bi_severity_level(c->severity);

		if (c->severity < BI_SEV_WARNING)
			continue;
		bi_buf_addf(b, "%s<span class=\"badge s-%s\" title=\"%s\">%s</span>",
			    n++ ? " " : "", lvl, c->name, c->id);
	}
	if (!n)
		bi_buf_adds(b, "<span class=\"ok\">none</span>");
	bi_buf_adds(b, "</td>");
}

static void compare_row(struct bi_buf *b, const struct bi_html_doc *d, size_t i)
{
	const struct bi_html_image *im = &d->imgs[i];
	const struct bi_analysis *a = im->a;
	const char *cls = bi_analyze_class_name(a->class);

	bi_buf_addf(b,
		    "<tr data-image=\"%zu\" data-compressed=\"%" PRIu64
		    "\" data-uncompressed=\"%" PRIu64 "\" data-packages=\"%zu\">",
		    i + 1, a->img->compressed, a->img->uncompressed, a->pkgs.n);
	bi_buf_addf(b, "<td><a href=\"#img-%zu\" title=\"", i + 1);
	bi_html__esc(b, im->ref, 300);
	bi_buf_adds(b, "\">");
	bi_html__esc(b, im->name, 60);
	bi_buf_addf(b, "</a></td><td><span class=\"badge c-%s\">%s</span></td><td class=\"n\">",
		    cls, cls);
	bi_html__size(b, a->img->uncompressed);
	bi_buf_adds(b, "<br><span class=\"mute\">");
	if (a->img->digest)
		bi_html__size(b, a->img->compressed);
	else
		bi_buf_adds(b, "&ndash;");
	bi_buf_adds(b, "</span></td><td>");
	bi_html__esc(b, bi_libc_name(a->libc), 0);
	if (a->libc_version) {
		bi_buf_adds(b, " ");
		bi_html__esc(b, a->libc_version, 40);
	}
	bi_buf_adds(b, "</td><td>");
	if (a->shell)
		bi_html__esc(b, a->shell_kind ? a->shell_kind : a->shell, 40);
	else
		bi_buf_adds(b, "<span class=\"mute\">none</span>");
	bi_buf_adds(b, "</td><td>");
	bi_html__esc(b, a->package_manager, 0);
	bi_buf_adds(b, "</td><td>");
	bi_html__esc(b, a->debug_ease, 0);
	bi_buf_addf(b, "</td><td class=\"n\">%zu</td>", a->pkgs.n);
	cve_cell(b, d, im);
	checks_cell(b, a);
	bi_buf_adds(b, "</tr>\n");
}

static void compare_section(struct bi_buf *b, const struct bi_html_doc *d)
{
	bi_buf_adds(
		b,
		"<section id=\"compare\">\n<h2>What each image costs</h2>\n"
		"<div class=\"scroll\"><table class=\"compare\">\n<thead><tr><th>Image</th>"
		"<th>Class</th><th class=\"n\">Size<br><span class=\"mute\">compressed</span></th>"
		"<th>libc</th><th>Shell</th><th>Package manager</th><th>Debug ease</th>"
		"<th class=\"n\">Packages</th><th class=\"n\">CVEs</th><th>Failing checks</th>"
		"</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < d->n; i++)
		compare_row(b, d, i);
	bi_buf_adds(b,
		    "</tbody></table></div>\n<p class=\"sub\">Sizes in SI units, uncompressed "
		    "(compressed below). CVEs: C critical, H high, M medium, L low, ? negligible "
		    "or not rated; fixable means the distribution ships a fixed version. Failing "
		    "checks: errors and warnings of the will-it-run checks.</p>\n</section>\n");
}

static void lint_section(struct bi_buf *b, const struct bi_html_doc *d)
{
	bi_buf_adds(b, "<section id=\"lint\">\n<h2>Dockerfile <code>");
	bi_html__esc(b, d->dockerfile, 200);
	bi_buf_addf(
		b,
		"</code></h2>\n<p class=\"sub\">%zu finding%s of <code>baseimg lint</code>.</p>\n",
		d->nlint, d->nlint == 1 ? "" : "s");
	if (!d->nlint) {
		bi_buf_adds(b, "<p class=\"ok\">No findings.</p>\n</section>\n");
		return;
	}
	bi_buf_adds(b,
		    "<div class=\"scroll\"><table class=\"lint\">\n<thead><tr><th class=\"n\">Line"
		    "</th><th>Rule</th><th>Severity</th><th>Finding</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < d->nlint; i++) {
		const struct bi_report_result *r = &d->lint[i];
		const char *lvl = bi_severity_level(r->level);
		const char *help = NULL;

		for (size_t k = 0; k < d->nrules; k++)
			if (strcmp(d->rules[k].id, r->rule_id) == 0)
				help = d->rules[k].help_uri;
		bi_buf_addf(b, "<tr><td class=\"n\">%d</td><td>", r->line);
		if (help) {
			bi_buf_adds(b, "<a href=\"" BI_HTML_DOCS);
			bi_html__esc(b, help, 0);
			bi_buf_adds(b, "\">");
		}
		bi_html__esc(b, r->rule_id, 0);
		bi_buf_adds(b, help ? "</a> " : " ");
		bi_html__esc(b, r->rule_name, 0);
		bi_buf_addf(b, "</td><td><span class=\"badge s-%s\">%s</span></td><td>", lvl, lvl);
		bi_html__esc(b, r->message, 1000);
		bi_buf_adds(b, "</td></tr>\n");
	}
	bi_buf_adds(b, "</tbody></table></div>\n</section>\n");
}

static void recommend_section(struct bi_buf *b, const struct bi_html_recommend *r)
{
	const char *cls = r->runtime_class ? r->runtime_class : "unknown";

	bi_buf_adds(b, "<section id=\"recommend\">\n<h2>Recommended base for <code>");
	bi_html__esc(b, r->dir, 200);
	bi_buf_adds(b, "</code></h2>\n<div class=\"card\"><p>Workload: <strong>");
	bi_html__esc(b, r->workload, 200);
	bi_buf_adds(b, "</strong></p>\n<p>Suggested <code>FROM</code>:</p>\n<pre>");
	if (r->builder) {
		bi_buf_adds(b, "FROM ");
		bi_html__esc(b, r->builder, 300);
		bi_buf_adds(b, " AS build\n");
	}
	bi_buf_adds(b, "FROM ");
	bi_html__esc(b, r->runtime, 300);
	bi_buf_addf(b,
		    "</pre>\n<p>Runtime class: <span class=\"badge c-%s\">%s</span></p>\n"
		    "<h3>Decision path</h3>\n<ol>\n",
		    cls, cls);
	for (size_t i = 0; i < r->nrationale; i++) {
		bi_buf_adds(b, "<li>");
		bi_html__esc(b, r->rationale[i], 1000);
		bi_buf_adds(b, "</li>\n");
	}
	bi_buf_adds(b, "</ol>\n");
	if (r->dockerfile) {
		bi_buf_adds(b,
			    "<details><summary>Multi-stage Dockerfile skeleton</summary>\n<pre>");
		bi_html__esc_pre(b, r->dockerfile);
		bi_buf_adds(b, "</pre></details>\n");
	}
	bi_buf_adds(b, "</div>\n</section>\n");
}

void bi_report_html(struct bi_buf *out, const struct bi_html_doc *d)
{
	head(out, d);
	spectrum_section(out, d);
	compare_section(out, d);
	for (size_t i = 0; i < d->n; i++)
		bi_html__image(out, d, i);
	if (d->dockerfile)
		lint_section(out, d);
	if (d->rec)
		recommend_section(out, d->rec);
	bi_buf_adds(out, "<footer>Written by <code>baseimg report</code> ");
	bi_html__esc(out, d->version, 0);
	bi_buf_adds(out, ": one file, no network, no script. Definitions: "
			 "<a href=\"" BI_HTML_DOCS "docs/commands/report.md\">docs/commands/"
			 "report.md</a>.</footer>\n</main>\n</body>\n</html>\n");
}
