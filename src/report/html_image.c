/* SPDX-License-Identifier: MIT */
/*
 * One image's section of the report (see html.h): its layers, efficiency and
 * largest wasted files, CVEs by severity and fixability with the packages
 * that carry most, and the will-it-run checks.
 */
#include "util/common.h"

#include "layer/fs.h"
#include "report/html_int.h"

#define TOP_PACKAGES 8

static const struct {
	const char *id, *why;
} check_why[] = {
	{ "BI201", "The program the container starts is not in the image, or is not executable: "
		   "docker run fails with \"executable file not found\"." },
	{ "BI202", "The entrypoint's dynamic loader (PT_INTERP) is not in the image: the kernel "
		   "cannot start it, and docker run says \"no such file or directory\" although "
		   "the file is there." },
	{ "BI203", "A shared library the entrypoint needs is not where the image's loader looks: "
		   "the program dies with \"error while loading shared libraries\"." },
	{ "BI204", "A program linked against glibc in a musl-only image, or the reverse: it "
		   "cannot load." },
	{ "BI205", "ENTRYPOINT or CMD is in shell form (/bin/sh -c ...), but the image has no "
		   "such shell." },
	{ "BI206", "Compilers, headers or development packages in a runtime image: more bytes, "
		   "more CVEs, and a toolchain for an attacker." },
	{ "BI207", "The process runs as root: a break-out or a writable host mount then acts as "
		   "root." },
};

static const char *why(const char *id)
{
	for (size_t i = 0; i < BI_ARRAY_SIZE(check_why); i++)
		if (strcmp(check_why[i].id, id) == 0)
			return check_why[i].why;
	return NULL;
}

static void header(struct bi_buf *b, const struct bi_html_image *im, size_t i)
{
	const struct bi_analysis *a = im->a;
	const char *cls = bi_analyze_class_name(a->class);

	bi_buf_addf(b,
		    "<section class=\"image\" id=\"img-%zu\" data-wasted=\"%" PRIu64
		    "\" data-efficiency=\"%.6g\">\n<h2><span class=\"num c-%s\">%zu</span>",
		    i + 1, a->wasted_bytes, a->efficiency, cls, i + 1);
	bi_html__esc(b, im->name, 100);
	bi_buf_addf(b,
		    " <span class=\"badge c-%s\">%s</span></h2>\n<p class=\"sub\"><span "
		    "class=\"mono\">",
		    cls, cls);
	bi_html__esc(b, im->ref, 300);
	bi_buf_adds(b, "</span><br>");
	if (a->has_os) {
		bi_html__esc(b, a->os.pretty_name ? a->os.pretty_name : a->os.id, 100);
		bi_buf_adds(b, " &middot; ");
	}
	bi_html__esc(b, a->img->platform ? a->img->platform : "platform unknown", 60);
	if (a->img->digest) {
		bi_buf_adds(b, " &middot; <span class=\"mono\">");
		bi_html__esc(b, a->img->digest, 80);
		bi_buf_adds(b, "</span>");
	}
	bi_buf_adds(b, "</p>\n");
}

static void layers(struct bi_buf *b, const struct bi_html_image *im)
{
	const struct bi_image *img = im->a->img;
	static const char *const own_cls[] = { "own", "waste" }, *const base_cls[] = { "base",
										       "waste" };
	uint64_t max = 1;

	for (size_t i = 0; i < img->nlayers; i++)
		max = img->layers[i].uncompressed > max ? img->layers[i].uncompressed : max;
	bi_buf_adds(b, "<h3>Layers</h3>\n<p class=\"sub\">");
	if (im->base_layers) {
		bi_buf_addf(
			b, "<span class=\"key k-base\"></span>from the base image (%zu layer%s of ",
			im->base_layers, im->base_layers == 1 ? "" : "s");
		bi_html__esc(b, im->base_name, 120);
		bi_buf_adds(b, ") <span class=\"key k-own\"></span>added on top ");
	} else {
		bi_buf_adds(b, "<span class=\"key k-own\"></span>layer bytes ");
	}
	bi_buf_adds(b, "<span class=\"key k-waste\"></span>deleted or overwritten by a later "
		       "layer</p>\n<div class=\"scroll\"><table class=\"layer-chart\">\n<thead><tr>"
		       "<th class=\"n\">#</th><th>Size</th><th class=\"n\">Uncompressed</th>"
		       "<th class=\"n\">Compressed</th><th class=\"n\">Wasted later</th>"
		       "<th class=\"n\">Files</th><th>Created by</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < img->nlayers; i++) {
		const struct bi_layer *l = &img->layers[i];
		uint64_t w = bi_fs_layer_wasted(img->fs, i), parts[2];

		parts[1] = w < l->uncompressed ? w : l->uncompressed;
		parts[0] = l->uncompressed - parts[1];
		bi_buf_addf(b,
			    "<tr data-layer=\"%zu\" data-uncompressed=\"%" PRIu64
			    "\" data-wasted=\"%" PRIu64
			    "\"><td class=\"n\">%zu</td><td class=\"chart\">",
			    i, l->uncompressed, w, i);
		bi_html__bar(b, parts, i < im->base_layers ? base_cls : own_cls, 2, max);
		bi_buf_adds(b, "</td><td class=\"n\">");
		bi_html__size(b, l->uncompressed);
		bi_buf_adds(b, "</td><td class=\"n\">");
		if (img->digest)
			bi_html__size(b, l->compressed);
		else
			bi_buf_adds(b, "&ndash;");
		bi_buf_adds(b, "</td><td class=\"n\">");
		bi_html__size(b, w);
		bi_buf_addf(b, "</td><td class=\"n\">%" PRIu64 "</td><td class=\"cb mono\">",
			    l->files);
		if (l->created_by)
			bi_html__esc(b, l->created_by, 300);
		else
			bi_buf_adds(b, "<span class=\"mute\">unknown</span>");
		bi_buf_adds(b, "</td></tr>\n");
	}
	bi_buf_adds(b, "</tbody></table></div>\n");
}

static void efficiency(struct bi_buf *b, const struct bi_html_image *im)
{
	const struct bi_analysis *a = im->a;
	static const char *const cls[] = { "final", "waste" };
	uint64_t parts[2] = { a->layer_bytes - a->wasted_bytes, a->wasted_bytes };
	size_t n;
	const struct bi_fs_waste *w = bi_fs_top_waste(a->img->fs, &n);

	bi_buf_addf(b,
		    "<h3>Efficiency</h3>\n<div class=\"grid\"><div><p class=\"big\">%.1f %%</p>"
		    "<p>of the ",
		    a->efficiency * 100);
	bi_html__size(b, a->layer_bytes);
	bi_buf_adds(b, " of files in the layers reach the final filesystem; ");
	bi_html__size(b, a->wasted_bytes);
	bi_buf_adds(b, " were deleted or overwritten by a later layer (dive's image "
		       "efficiency).</p>\n<p><span class=\"key k-final\"></span>final "
		       "<span class=\"key k-waste\"></span>wasted</p>");
	bi_html__bar(b, parts, cls, 2, a->layer_bytes);
	bi_buf_adds(b, "</div>\n<div>");
	if (!n) {
		bi_buf_adds(b,
			    "<p class=\"ok\">No layer deletes or overwrites a file of an earlier "
			    "layer.</p></div></div>\n");
		return;
	}
	bi_buf_adds(b,
		    "<table class=\"waste\">\n<caption class=\"sub\">Largest wasted files"
		    "</caption>\n<thead><tr><th>Path</th><th class=\"n\">Size</th><th class=\"n\">"
		    "Layer</th><th>Then</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		bi_buf_adds(b, "<tr><td class=\"cb mono\">/");
		bi_html__esc(b, w[i].path, 200);
		bi_buf_adds(b, "</td><td class=\"n\">");
		bi_html__size(b, w[i].size);
		bi_buf_addf(b, "</td><td class=\"n\">%d</td><td>%s in layer %d</td></tr>\n",
			    w[i].layer, w[i].deleted ? "deleted" : "overwritten", w[i].by_layer);
	}
	bi_buf_adds(b, "</tbody></table></div></div>\n");
}

struct pkg_count {
	const char *name;
	size_t n, fixable;
	enum bi_severity worst;
};

static int cmp_pkg(const void *x, const void *y)
{
	const struct pkg_count *a = x, *b = y;

	if (a->n != b->n)
		return a->n < b->n ? 1 : -1;
	if (a->worst != b->worst)
		return a->worst < b->worst ? 1 : -1;
	return strcmp(a->name, b->name);
}

static void top_packages(struct bi_buf *b, const struct bi_findings *f)
{
	_cleanup_free_ struct pkg_count *p = bi_xcalloc(f->n + 1, sizeof(*p));
	size_t np = 0;

	for (size_t i = 0; i < f->n; i++) {
		size_t k;

		for (k = 0; k < np && strcmp(p[k].name, f->v[i].package) != 0; k++)
			;
		if (k == np)
			p[np++] = (struct pkg_count){ .name = f->v[i].package };
		p[k].n++;
		p[k].fixable += f->v[i].status == BI_FIND_FIXABLE;
		if (f->v[i].severity > p[k].worst)
			p[k].worst = f->v[i].severity;
	}
	qsort(p, np, sizeof(*p), cmp_pkg);
	bi_buf_adds(b, "<table class=\"pkgs\">\n<caption class=\"sub\">Packages with most findings"
		       "</caption>\n<thead><tr><th>Package</th><th class=\"n\">CVEs</th>"
		       "<th class=\"n\">Fixable</th><th>Worst</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < np && i < TOP_PACKAGES; i++) {
		bi_buf_adds(b, "<tr><td class=\"mono\">");
		bi_html__esc(b, p[i].name, 100);
		bi_buf_addf(
			b,
			"</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td>%s</td></tr>\n",
			p[i].n, p[i].fixable, bi_severity_name(p[i].worst));
	}
	bi_buf_adds(b, "</tbody></table>\n");
}

static void cves(struct bi_buf *b, const struct bi_html_doc *d, const struct bi_html_image *im)
{
	const struct bi_html_cves *c = &im->cve;
	size_t max = 1;

	bi_buf_adds(b, "<h3>Vulnerabilities</h3>\n");
	if (!d->db) {
		bi_buf_addf(b,
			    "<p class=\"mute\">Not measured: no database given (--db). The image "
			    "has %zu package%s.</p>\n",
			    im->a->pkgs.n, im->a->pkgs.n == 1 ? "" : "s");
		return;
	}
	if (!c->measured) {
		bi_buf_adds(b, "<p class=\"mute\">Not measured: ");
		bi_html__esc(b, c->note ? c->note : "no data", 300);
		bi_buf_adds(b, ".</p>\n");
		return;
	}
	if (!c->total) {
		bi_buf_addf(b,
			    "<p class=\"ok\">No known vulnerability in the %zu installed "
			    "package%s.</p>\n",
			    im->a->pkgs.n, im->a->pkgs.n == 1 ? "" : "s");
		return;
	}
	for (int s = 0; s < BI_SEV__MAX; s++)
		max = c->by[s][0] + c->by[s][1] > max ? c->by[s][0] + c->by[s][1] : max;
	bi_buf_addf(
		b,
		"<p class=\"sub\">%zu finding%s, %zu fixable. <span class=\"key k-fix\"></span>"
		"fixable <span class=\"key k-unfix\"></span>no fix yet or will not be fixed</p>\n"
		"<div class=\"grid\"><div><table class=\"cve-chart\">\n<thead><tr><th>Severity"
		"</th><th></th><th class=\"n\">Fixable</th><th class=\"n\">Unfixed</th></tr>"
		"</thead>\n<tbody>\n",
		c->total, c->total == 1 ? "" : "s", c->fixable);
	for (int s = BI_SEV_CRITICAL; s >= 0; s--) {
		const char *name = bi_severity_name((enum bi_severity)s);
		uint64_t parts[2] = { c->by[s][0], c->by[s][1] };
		char fc[32], uc[32];
		const char *cls[2] = { fc, uc };

		snprintf(fc, sizeof(fc), "f-%s", name);
		snprintf(uc, sizeof(uc), "u-%s", name);
		bi_buf_addf(b, "<tr data-severity=\"%s\"><td>%s</td><td class=\"chart\">", name,
			    name);
		bi_html__bar(b, parts, cls, 2, max);
		bi_buf_addf(b, "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td></tr>\n",
			    c->by[s][0], c->by[s][1]);
	}
	bi_buf_adds(b, "</tbody></table></div>\n<div>");
	if (c->findings && c->findings->n)
		top_packages(b, c->findings);
	bi_buf_adds(b, "</div></div>\n");
}

static void checks(struct bi_buf *b, const struct bi_analysis *a)
{
	bi_buf_adds(b, "<h3>Will it run?</h3>\n");
	if (!a->nchecks) {
		bi_buf_adds(b, "<p class=\"ok\">All checks pass (BI201&ndash;BI207).</p>\n");
		return;
	}
	bi_buf_adds(b, "<ul class=\"checks\">\n");
	for (size_t i = 0; i < a->nchecks; i++) {
		const struct bi_check *c = &a->checks[i];
		const char *lvl = bi_severity_level(c->severity), *w = why(c->id);

		bi_buf_addf(b,
			    "<li><span class=\"badge s-%s\">%s</span> <a href=\"" BI_HTML_DOCS
			    "docs/checks/%s.md\">%s</a> %s: ",
			    lvl, lvl, c->id, c->id, c->name);
		bi_html__esc(b, c->message, 1000);
		if (w)
			bi_buf_addf(b, "<br><span class=\"mute\">%s</span>", w);
		bi_buf_adds(b, "</li>\n");
	}
	bi_buf_adds(b, "</ul>\n");
}

void bi_html__image(struct bi_buf *b, const struct bi_html_doc *d, size_t i)
{
	const struct bi_html_image *im = &d->imgs[i];

	header(b, im, i);
	layers(b, im);
	efficiency(b, im);
	cves(b, d, im);
	checks(b, im->a);
	bi_buf_adds(b, "</section>\n");
}
