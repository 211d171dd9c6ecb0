/* SPDX-License-Identifier: MIT */
/* `baseimg inspect` for people: a summary card, the layer table, the checks. */
#include "util/common.h"
#include "report/inspect.h"

#define CREATED_BY_WIDTH 60

void bi_report_size(char *buf, size_t len, uint64_t n)
{
	static const char *const units[] = { "kB", "MB", "GB", "TB" };
	double v = (double)n;
	size_t u = 0;

	if (n < 1000) {
		snprintf(buf, len, "%" PRIu64 " B", n);
		return;
	}
	v /= 1000;
	while (v >= 1000 && u + 1 < BI_ARRAY_SIZE(units)) {
		v /= 1000;
		u++;
	}
	snprintf(buf, len, "%.1f %s", v, units[u]);
}

static void argv_line(struct bi_buf *out, char *const *v, size_t n)
{
	if (!v) {
		bi_buf_adds(out, "(unset)");
		return;
	}
	bi_buf_addch(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			bi_buf_adds(out, ", ");
		bi_json_quote(out, bi_span_str(v[i]));
	}
	bi_buf_addch(out, ']');
}

/*
 * Text from the image (paths, created_by, user, os-release) goes to a
 * terminal: control characters (an ESC sequence, a newline in a file name)
 * become '?' so an image cannot rewrite the screen or forge lines.
 */
static void add_safe(struct bi_buf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		bi_buf_addch(out, c < 0x20 || c == 0x7f ? '?' : (char)c);
	}
}

static void addf_safe(struct bi_buf *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void addf_safe(struct bi_buf *out, const char *fmt, ...)
{
	struct bi_buf tmp = BI_BUF_INIT(BI_BUF_NOLIMIT);
	va_list ap;

	va_start(ap, fmt);
	bi_buf_vaddf(&tmp, fmt, ap);
	va_end(ap);
	add_safe(out, tmp.buf);
	bi_buf_release(&tmp);
}

static void row(struct bi_buf *out, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void row(struct bi_buf *out, const char *key, const char *fmt, ...)
{
	struct bi_buf tmp = BI_BUF_INIT(BI_BUF_NOLIMIT);
	va_list ap;

	bi_buf_addf(out, "  %-12s ", key);
	va_start(ap, fmt);
	bi_buf_vaddf(&tmp, fmt, ap);
	va_end(ap);
	add_safe(out, tmp.buf);
	bi_buf_release(&tmp);
	bi_buf_addch(out, '\n');
}

static void card(struct bi_buf *out, const struct bi_analysis *a, bool color)
{
	const struct bi_image *img = a->img;
	const struct bi_image_config *c = &img->config;
	char csz[32], usz[32];

	bi_buf_adds(out, color ? "\033[1m" : "");
	add_safe(out, img->reference ? img->reference : "-");
	bi_buf_adds(out, color ? "\033[0m\n" : "\n");
	if (img->digest)
		row(out, "digest", "%s", img->digest);
	row(out, "platform", "%s", img->platform ? img->platform : "-");
	bi_buf_addf(out, "  %-12s %s%s%s\n", "class", color ? "\033[1m" : "",
		    bi_analyze_class_name(a->class), color ? "\033[0m" : "");
	for (size_t i = 0; i < a->nclass_reasons; i++)
		row(out, "", "- %s", a->class_reasons[i]);
	if (a->has_os)
		row(out, "os", "%s (%s %s%s%s)", a->os.pretty_name ? a->os.pretty_name : a->os.id,
		    a->os.id, a->os.version_id ? a->os.version_id : "?", a->os.codename ? ", " : "",
		    a->os.codename ? a->os.codename : "");
	else
		row(out, "os", "none");
	row(out, "libc", "%s%s%s", bi_libc_name(a->libc), a->libc_version ? " " : "",
	    a->libc_version ? a->libc_version : "");
	if (a->shell)
		row(out, "shell", "%s (%s)", a->shell, a->shell_kind);
	else
		row(out, "shell", "none");
	row(out, "packages", "%zu (%s), package manager %s", a->pkgs.n,
	    bi_pkg_format_name(a->pkgs.format), a->package_manager);
	bi_report_size(csz, sizeof(csz), img->compressed);
	bi_report_size(usz, sizeof(usz), img->uncompressed);
	row(out, "size", "%s compressed, %s uncompressed, %" PRIu64 " files (%" PRIu64 " ELF)", csz,
	    usz, a->files, a->elf_files);
	bi_report_size(usz, sizeof(usz), a->wasted_bytes);
	row(out, "efficiency", "%.1f %% (%s of layer files deleted or overwritten by upper layers)",
	    a->efficiency * 100, usz);
	row(out, "debug ease", "%s", a->debug_ease);
	row(out, "cve surface", "%zu packages", a->pkgs.n);
	for (size_t i = 0; i < a->nruntimes; i++)
		row(out, i ? "" : "runtimes", "%s %s (%s)", a->runtimes[i].name,
		    a->runtimes[i].version ? a->runtimes[i].version : "(version unknown)",
		    a->runtimes[i].path ? a->runtimes[i].path : "-");
	bi_buf_addf(out, "  %-12s ", "entrypoint");
	argv_line(out, c->entrypoint, c->nentrypoint);
	bi_buf_addf(out, "\n  %-12s ", "cmd");
	argv_line(out, c->cmd, c->ncmd);
	bi_buf_addch(out, '\n');
	row(out, "user", "%s", c->user && *c->user ? c->user : "(unset: root)");
	if (c->workdir && *c->workdir)
		row(out, "workdir", "%s", c->workdir);
}

static void layers(struct bi_buf *out, const struct bi_analysis *a)
{
	const struct bi_image *img = a->img;

	bi_buf_addf(out, "\nLayers\n  %3s  %10s  %12s  %7s  %5s  %s\n", "#", "compressed",
		    "uncompressed", "files", "pkgs", "created by");
	for (size_t i = 0; i < img->nlayers; i++) {
		const struct bi_layer *l = &img->layers[i];
		char csz[32], usz[32];
		const char *by = l->created_by ? l->created_by : "-";
		size_t n = strlen(by);

		bi_report_size(csz, sizeof(csz), l->compressed);
		bi_report_size(usz, sizeof(usz), l->uncompressed);
		size_t npkgs = 0;

		for (size_t k = 0; k < a->pkgs.n; k++)
			npkgs += a->pkgs.pkgs[k].layer == (int)i;
		bi_buf_addf(out, "  %3zu  %10s  %12s  %7" PRIu64 "  %5zu  ", i,
			    img->digest ? csz : "-", usz, l->files, npkgs);
		for (size_t k = 0; k < n && k < CREATED_BY_WIDTH; k++)
			bi_buf_addch(out,
				     (unsigned char)by[k] < 0x20 || by[k] == 0x7f ? ' ' : by[k]);
		bi_buf_adds(out, n > CREATED_BY_WIDTH ? "...\n" : "\n");
	}
}

static const char *sev_color(enum bi_severity s)
{
	if (s >= BI_SEV_ERROR && s != BI_SEV_NONE)
		return "\033[31m";
	if (s == BI_SEV_WARNING)
		return "\033[33m";
	return "\033[36m";
}

void bi_inspect_human(struct bi_buf *out, const struct bi_analysis *a, bool color)
{
	card(out, a, color);
	layers(out, a);
	bi_buf_adds(out, "\nChecks\n");
	if (!a->nchecks)
		bi_buf_adds(out, "  none\n");
	for (size_t i = 0; i < a->nchecks; i++) {
		const struct bi_check *c = &a->checks[i];
		bi_buf_addf(out, "  %s%-7s%s ", color ? sev_color(c->severity) : "",
			    bi_severity_level(c->severity), color ? "\033[0m" : "");
		addf_safe(out, "%s %s%s%s", c->id, c->name, c->path ? "  " : "",
			  c->path ? c->path : "");
		bi_buf_adds(out, "\n      ");
		add_safe(out, c->message);
		bi_buf_addch(out, '\n');
	}
	if (a->img->nwarnings || a->nwarnings) {
		bi_buf_adds(out, "\nWarnings\n");
		for (size_t i = 0; i < a->img->nwarnings; i++)
			row(out, "", "%s", a->img->warnings[i]);
		for (size_t i = 0; i < a->nwarnings; i++)
			row(out, "", "%s", a->warnings[i]);
	}
}
