/* SPDX-License-Identifier: MIT */
/* baseimg report: the comparison, the layers, the CVEs and the checks of images as one HTML page.
 */
#include <getopt.h>
#include <time.h>
#include <unistd.h>

#include "cli/image_opt.h"
#include "kb/kb.h"
#include "lint/lint.h"
#include "recommend/recommend.h"
#include "report/html.h"
#include "vuln/match.h"
#include "vuln/vulndb.h"

#define MAX_REPORT_IMAGES 32 /* one page a person reads */
#define MAX_DATE 40

enum { OPT_DB = 0x300, OPT_DOCKERFILE, OPT_CONTEXT, OPT_DATE };

static void usage(FILE *f)
{
	fputs("Usage: baseimg report [OPTIONS] IMAGE...\n"
	      "\n"
	      "Write one self-contained HTML page about the images: where each sits on the\n"
	      "scratch -> distroless -> alpine -> slim -> full spectrum and why; a table of what\n"
	      "each costs (size, libc, shell, package manager, debug ease, packages, CVEs,\n"
	      "failing checks); and per image its layers (size, created-by, base or own, bytes\n"
	      "a later layer deletes or overwrites), its efficiency and largest wasted files,\n"
	      "its CVEs by severity and fixability, and the will-it-run checks (BI201-BI207).\n"
	      "\n"
	      "The page loads nothing: inline CSS and SVG, no script, and a\n"
	      "Content-Security-Policy that forbids any request. It reads without JavaScript,\n"
	      "prints, follows the system's light or dark mode, and is the same bytes for the\n"
	      "same inputs and --date.\n"
	      "\n"
	      "IMAGE: oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:REF], dir:PATH,\n"
	      "       - (an archive on standard input, once), or a path detected by its contents.\n"
	      "\n"
	      "Options:\n"
	      "  -o, --output FILE    where to write the page (default baseimg-report.html;\n"
	      "                       - for standard output); written to a temporary file, then\n"
	      "                       renamed\n"
	      "  --db PATH            the vulnerability database for the CVE figures (see\n"
	      "                       'baseimg db'); without it the page says CVEs were not\n"
	      "                       measured\n"
	      "  --dockerfile FILE    add the lint findings of FILE, linked to docs/rules/\n"
	      "  --context DIR        add the recommend decision for the build context DIR and\n"
	      "                       its suggested FROM line\n"
	      "  --date DATE          the date printed on the page (default: $SOURCE_DATE_EPOCH,\n"
	      "                       else today, UTC, as YYYY-MM-DD)\n"
	      "  --platform OS/ARCH[/VARIANT]\n"
	      "                       the manifest to read from each index (default linux/amd64)\n"
	      "  -h, --help           this help\n"
	      "\n"
	      "An image built FROM another image of the report (its layers start with all of\n"
	      "the other's) has its base layers drawn apart from its own.\n"
	      "\n"
	      "Exit status: 0 page written (whatever it shows), 2 usage error, 3 an unreadable\n"
	      "image, database, Dockerfile or context (named on standard error), 5 internal\n"
	      "error or the page could not be written.\n"
	      "\n"
	      "Examples:\n"
	      "  baseimg report oci:img/alpine oci:img/slim oci:img/full\n"
	      "  baseimg report --db vuln.db --dockerfile Dockerfile --context . -o page.html \\\n"
	      "      docker-archive:app.tar\n",
	      f);
}

struct ropts {
	const char *out, *db, *dockerfile, *context, *date;
	struct cli_image_opts img;
};

/* Printable ASCII only, as a date is: it lands in the page verbatim. */
static bool date_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > MAX_DATE)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr(":+-. /", s[i]))
			return false;
	return true;
}

/* 0: run; 1: --help printed; negative: -exit status. */
static int parse_opts(int argc, char **argv, struct ropts *o)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "db", required_argument, NULL, OPT_DB },
		{ "dockerfile", required_argument, NULL, OPT_DOCKERFILE },
		{ "context", required_argument, NULL, OPT_CONTEXT },
		{ "date", required_argument, NULL, OPT_DATE },
		{ "platform", required_argument, NULL, OPT_PLATFORM },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	cli_image_opts_init(&o->img);
	o->out = "baseimg-report.html";
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return 1;
		case 'o':
			if (!*optarg)
				return -cli_usage_error("report", "-o: empty file name");
			o->out = optarg;
			break;
		case OPT_DB:
			o->db = optarg;
			break;
		case OPT_DOCKERFILE:
			o->dockerfile = optarg;
			break;
		case OPT_CONTEXT:
			o->context = optarg;
			break;
		case OPT_DATE:
			if (!date_ok(optarg))
				return -cli_usage_error(
					"report",
					"--date: expected a date such as 2026-12-03 "
					"(letters, digits, ':+-. /', at most %d)",
					MAX_DATE);
			o->date = optarg;
			break;
		case OPT_PLATFORM:
			if (cli_image_opt("report", c, optarg, 0, &o->img) < 0)
				return -BI_EXIT_USAGE;
			break;
		default:
			return -cli_usage_error("report", "unknown or incomplete option '%s'",
						argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return -cli_usage_error("report", "missing IMAGE (one or more)");
	if (argc - optind > MAX_REPORT_IMAGES)
		return -cli_usage_error("report", "more than %d images", MAX_REPORT_IMAGES);
	for (int i = optind, dash = 0; i < argc; i++)
		if (strcmp(argv[i], "-") == 0 && dash++)
			return -cli_usage_error("report", "standard input ('-') can be read once");
	return 0;
}

/* The date on the page: --date, $SOURCE_DATE_EPOCH, else today (UTC). */
static void page_date(const char *opt, char buf[MAX_DATE + 1])
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	struct tm tm;

	if (opt) {
		snprintf(buf, MAX_DATE + 1, "%s", opt);
		return;
	}
	if (sde && *sde) {
		char *end;
		long long v = strtoll(sde, &end, 10);
		if (!*end && v >= 0)
			t = (time_t)v;
	}
	if (!gmtime_r(&t, &tm) || !strftime(buf, MAX_DATE + 1, "%Y-%m-%d", &tm))
		snprintf(buf, MAX_DATE + 1, "unknown date");
}

/* What `baseimg cves` would report for the image, counted for the page. */
static void cve_measure(struct bi_vulndb *db, const struct bi_analysis *a, struct bi_html_cves *c,
			struct bi_findings *f, char **ret_note)
{
	struct bi_vuln_target t;
	struct bi_distro d;
	struct bi_err *err = NULL;
	int rc;

	if (a->pkgs.n == 0) {
		c->measured = true;
		return;
	}
	bi_distro_from_os(a->has_os ? &a->os : NULL, &d);
	rc = bi_vuln_target(&d, &t, &err);
	if (rc == 0)
		rc = bi_vuln_resolve(db, &t, &err);
	if (rc == 0)
		rc = bi_vuln_match(db, &t, &a->pkgs, f, &err);
	if (rc < 0) {
		*ret_note = bi_xstrdup(bi_err_msg(err));
		c->note = *ret_note;
		bi_err_free(err);
		return;
	}
	c->measured = true;
	c->total = f->n;
	for (size_t i = 0; i < f->n; i++) {
		bool fixable = f->v[i].status == BI_FIND_FIXABLE;
		c->by[f->v[i].severity][fixable ? 0 : 1]++;
		c->fixable += fixable;
	}
}

/* "3 sources, data up to 2026-12-03". */
static int db_info(struct bi_vulndb *db, char **ret)
{
	struct bi_vulndb_source *src = NULL;
	struct bi_err *err = NULL;
	char newest[16] = "";
	size_t n = 0;

	if (bi_vulndb_sources(db, NULL, NULL, &src, &n, &err) < 0) {
		int st = cli_fail(err);
		bi_err_free(err);
		return st;
	}
	for (size_t i = 0; i < n; i++)
		if (src[i].data_date && strncmp(src[i].data_date, newest, 10) > 0)
			snprintf(newest, sizeof(newest), "%.10s", src[i].data_date);
	*ret = *newest ? bi_xasprintf("%zu source%s, data up to %s", n, n == 1 ? "" : "s", newest) :
			 bi_xasprintf("%zu source%s", n, n == 1 ? "" : "s");
	bi_vulndb_sources_free(src, n);
	return 0;
}

/* The image of the report that im was built FROM: all its layers start im's. */
static void find_base(struct bi_html_image *imgs, size_t n, size_t i)
{
	const struct bi_image *me = imgs[i].a->img;

	for (size_t j = 0; j < n; j++) {
		const struct bi_image *b = imgs[j].a->img;
		size_t k;

		if (j == i || b->nlayers == 0 || b->nlayers >= me->nlayers ||
		    b->nlayers <= imgs[i].base_layers)
			continue;
		for (k = 0; k < b->nlayers; k++)
			if (!b->layers[k].diff_id || !me->layers[k].diff_id ||
			    strcmp(b->layers[k].diff_id, me->layers[k].diff_id) != 0)
				break;
		if (k == b->nlayers) {
			imgs[i].base_layers = k;
			imgs[i].base_name = imgs[j].name;
		}
	}
}

struct lint_run {
	struct bi_lint_config cfg;
	struct bi_lint_result res;
	struct bi_report_result *out;
	size_t n;
};

static int lint_dockerfile(const struct bi_kb *kb, const char *path, struct lint_run *lr)
{
	_cleanup_(bi_buf_release) struct bi_buf text = BI_BUF_INIT(BI_MAX_DOCKERFILE);
	_cleanup_free_ char *cfg_path = NULL, *ctxdir = NULL;
	const struct bi_report_rule *rules = bi_lint_rules();
	struct bi_lint_opts o = { 0 };
	struct bi_err *err = NULL;
	const char *slash = strrchr(path, '/');
	int r;

	ctxdir = slash ? bi_xstrndup(path, (size_t)(slash - path + (slash == path))) :
			 bi_xstrdup(".");
	o.context_dir = ctxdir;
	r = bi_lint_config_find(path, &cfg_path, &err);
	if (r >= 0 && cfg_path) {
		r = bi_lint_config_load(cfg_path, &lr->cfg, &err);
		o.config = &lr->cfg;
	}
	if (r >= 0)
		r = bi_buf_read_file(&text, path, &err);
	if (r >= 0)
		r = bi_lint_text(kb, bi_buf_span(&text), path, &o, &lr->res, &err);
	if (r < 0) {
		int st = bi_err_exit_status(r);
		cli_error("--dockerfile: %s", bi_err_msg(err));
		bi_err_free(err);
		return st == BI_EXIT_INTERNAL ? st : BI_EXIT_INPUT;
	}
	lr->out = bi_xcalloc(lr->res.n + 1, sizeof(*lr->out));
	for (size_t i = 0; i < lr->res.n; i++) {
		const struct bi_lint_finding *f = &lr->res.findings[i];
		lr->out[lr->n++] = (struct bi_report_result){
			.rule_id = rules[f->rule].id,
			.rule_name = rules[f->rule].name,
			.level = f->level,
			.message = f->message,
			.fix = f->fix,
			.uri = path,
			.line = f->line,
			.column = f->column,
			.end_line = f->end_line,
		};
	}
	return 0;
}

struct rec_run {
	struct bi_workload *w;
	struct bi_recommendation *r;
	char *workload;
	struct bi_html_recommend html;
};

static int recommend_context(const struct bi_kb *kb, const char *dir, struct rec_run *rr)
{
	const struct bi_recommend_opts opts = { 0 };
	struct bi_err *err = NULL;
	const struct bi_workload *w;
	int r;

	r = bi_recommend_detect(kb, dir, &rr->w, &err);
	if (r >= 0)
		r = bi_recommend(kb, rr->w, &opts, &rr->r, &err);
	if (r < 0) {
		int st = bi_err_exit_status(r);
		cli_error("--context %s: %s", dir, bi_err_msg(err));
		bi_err_free(err);
		return st == BI_EXIT_INTERNAL ? st : BI_EXIT_INPUT;
	}
	w = rr->w;
	rr->workload = bi_xasprintf("%s%s%s%s%s%s", bi_lang_name(w->lang), *w->version ? " " : "",
				    w->version, *w->build_tool ? " (" : "", w->build_tool,
				    *w->build_tool ? ")" : "");
	rr->html = (struct bi_html_recommend){
		.dir = dir,
		.workload = rr->workload,
		.runtime = rr->r->runtime,
		.builder = rr->r->builder,
		.runtime_class = bi_analyze_class_name(rr->r->runtime_class),
		.rationale = rr->r->rationale.v,
		.nrationale = rr->r->rationale.n,
		.dockerfile = rr->r->dockerfile,
	};
	return 0;
}

static int write_page(const char *path, const struct bi_buf *page)
{
	struct bi_err *err = NULL;
	int st;

	if (strcmp(path, "-") == 0)
		return cli_write_stdout(page) ? BI_EXIT_OK : BI_EXIT_INTERNAL;
	if (bi_write_file_atomic(path, page->buf, page->len, &err) == 0) {
		fprintf(stderr, "baseimg: report written to %s\n", path);
		return BI_EXIT_OK;
	}
	cli_error("%s", bi_err_msg(err));
	bi_err_free(err);
	st = BI_EXIT_INTERNAL;
	return st;
}

struct report_state {
	struct bi_image ***imgs;
	struct bi_analysis ***as;
	size_t *nimg;
	struct bi_html_image *h;
	size_t n;
	struct bi_findings *f;
	char **notes;
	char **names; /* short names */
	struct bi_vulndb *db;
	struct bi_kb *kb;
	char *db_info;
	struct lint_run lint;
	struct rec_run rec;
};

static void state_release(struct report_state *s, size_t nargs)
{
	for (size_t i = 0; i < nargs; i++) {
		if (s->as[i])
			cli_analyses_free(s->as[i], s->nimg[i]);
		if (s->imgs[i])
			bi_image_list_free(s->imgs[i], s->nimg[i]);
	}
	for (size_t i = 0; i < s->n; i++) {
		bi_findings_release(&s->f[i]);
		free(s->notes[i]);
		free(s->names[i]);
	}
	free(s->imgs);
	free(s->as);
	free(s->nimg);
	free(s->h);
	free(s->f);
	free(s->notes);
	free(s->names);
	free(s->db_info);
	bi_vulndb_close(s->db);
	bi_kb_free(s->kb);
	bi_lint_result_release(&s->lint.res);
	bi_lint_config_release(&s->lint.cfg);
	free(s->lint.out);
	bi_workload_free(s->rec.w);
	bi_recommendation_free(s->rec.r);
	free(s->rec.workload);
}

/* Open, measure and describe every image argument into s->h. */
static int load_images(char **args, size_t nargs, const struct ropts *o, struct report_state *s)
{
	for (size_t i = 0; i < nargs; i++) {
		int r = cli_image_load(args[i], &o->img, &s->imgs[i], &s->nimg[i], &s->as[i]);

		if (r > 0)
			return r;
		for (size_t k = 0; k < s->nimg[i]; k++) {
			s->h = bi_xreallocarray(s->h, s->n + 1, sizeof(*s->h));
			s->f = bi_xreallocarray(s->f, s->n + 1, sizeof(*s->f));
			s->notes = bi_xreallocarray(s->notes, s->n + 1, sizeof(*s->notes));
			s->names = bi_xreallocarray(s->names, s->n + 1, sizeof(*s->names));
			s->h[s->n] = (struct bi_html_image){ .a = s->as[i][k], .ref = args[i] };
			s->names[s->n] = bi_report_short_name(args[i]);
			s->h[s->n].name = s->names[s->n];
			s->f[s->n] = (struct bi_findings){ 0 };
			s->notes[s->n] = NULL;
			if (s->db)
				cve_measure(s->db, s->as[i][k], &s->h[s->n].cve, &s->f[s->n],
					    &s->notes[s->n]);
			s->n++;
		}
	}
	for (size_t i = 0; i < s->n; i++) {
		find_base(s->h, s->n, i);
		/* s->f is final now: the findings may be pointed at */
		s->h[i].cve.findings = s->h[i].cve.measured ? &s->f[i] : NULL;
	}
	return 0;
}

static int open_inputs(const struct ropts *o, struct report_state *s)
{
	struct bi_err *err = NULL;
	int r;

	if (o->db) {
		r = bi_vulndb_open(o->db, 0, &s->db, &err);
		if (r < 0) {
			bi_err_wrap(&err, "--db");
			r = cli_fail(err);
			bi_err_free(err);
			return r;
		}
		r = db_info(s->db, &s->db_info);
		if (r)
			return r;
	}
	if (o->dockerfile || o->context) {
		r = bi_kb_load(&s->kb, &err);
		if (r < 0) {
			bi_err_wrap(&err, "knowledge base");
			r = cli_fail(err);
			bi_err_free(err);
			return r;
		}
	}
	bi_lint_config_init(&s->lint.cfg);
	if (o->dockerfile && (r = lint_dockerfile(s->kb, o->dockerfile, &s->lint)) != 0)
		return r;
	if (o->context && (r = recommend_context(s->kb, o->context, &s->rec)) != 0)
		return r;
	return 0;
}

int cmd_report(int argc, char **argv)
{
	struct ropts o = { 0 };
	struct report_state s = { 0 };
	struct bi_buf page = BI_BUF_INIT(BI_BUF_NOLIMIT);
	char date[MAX_DATE + 1];
	size_t nargs;
	int r;

	r = parse_opts(argc, argv, &o);
	if (r)
		return r > 0 ? BI_EXIT_OK : -r;
	nargs = (size_t)(argc - optind);
	s.imgs = bi_xcalloc(nargs, sizeof(*s.imgs));
	s.as = bi_xcalloc(nargs, sizeof(*s.as));
	s.nimg = bi_xcalloc(nargs, sizeof(*s.nimg));
	r = open_inputs(&o, &s);
	if (r == 0)
		r = load_images(argv + optind, nargs, &o, &s);
	if (r == 0) {
		const struct bi_html_doc doc = {
			.title = "baseimg report",
			.date = date,
			.version = bi_version(),
			.imgs = s.h,
			.n = s.n,
			.db = s.db != NULL,
			.db_info = s.db_info,
			.dockerfile = o.dockerfile,
			.rules = bi_lint_rules(),
			.nrules = BI_RULE__MAX,
			.lint = s.lint.out,
			.nlint = s.lint.n,
			.rec = o.context ? &s.rec.html : NULL,
		};

		page_date(o.date, date);
		bi_report_html(&page, &doc);
		r = write_page(o.out, &page);
	}
	state_release(&s, nargs);
	bi_buf_release(&page);
	return r;
}
