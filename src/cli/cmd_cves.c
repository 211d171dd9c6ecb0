/* SPDX-License-Identifier: MIT */
/* baseimg cves: audit an image's packages against the local vulnerability database. */
#include <getopt.h>

#include "analyze/analyze.h"
#include "cli/cli.h"
#include "image/image.h"
#include "report/cves.h"
#include "vuln/vulndb.h"

enum cves_format { F_TEXT, F_JSON, F_SARIF };

enum {
	OPT_DB = 0x200,
	OPT_FORMAT,
	OPT_ONLY_FIXED,
	OPT_IGNORE_UNFIXED,
	OPT_SEVERITY,
	OPT_FAIL_ON,
	OPT_BASE,
	OPT_PLATFORM,
};

static void usage(FILE *f)
{
	fputs("Usage: baseimg cves [OPTIONS] IMAGE\n"
	      "\n"
	      "Audit the packages installed in IMAGE against the local vulnerability database\n"
	      "(fill it with 'baseimg db import'), offline. The distribution and release come\n"
	      "from the image (os-release, alpine-release); each package is matched through its\n"
	      "source package, and versions compare in the distribution's own scheme.\n"
	      "\n"
	      "Each finding has a status: fixable (a newer package fixes it), wont-fix (the\n"
	      "distribution decided not to fix it; the reason is shown) or unfixed (no fix yet).\n"
	      "Fixed and not-affected issues are not reported. Severity is the feed's own\n"
	      "(tracker urgency, OVAL/OSV severity) mapped to critical, high, medium, low,\n"
	      "negligible or unknown.\n"
	      "\n"
	      "IMAGE: oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:REF], dir:PATH,\n"
	      "       - (an archive on standard input), or a path detected by its contents.\n"
	      "\n"
	      "Options:\n"
	      "  --db PATH            the database (default: $BASEIMG_DB, else\n"
	      "                       ${XDG_CACHE_HOME:-~/.cache}/baseimg/vuln.db)\n"
	      "  --format FORMAT      text (default), json or sarif\n"
	      "  --only-fixed         report only fixable findings\n"
	      "  --ignore-unfixed     leave out findings with no fix yet (keeps wont-fix)\n"
	      "  --severity LIST      report only these severities (comma-separated:\n"
	      "                       critical,high,medium,low,negligible,unknown)\n"
	      "  --fail-on SEVERITY   exit 1 when a reported finding is at or above SEVERITY\n"
	      "                       (order: unknown < negligible < low < medium < high <\n"
	      "                       critical)\n"
	      "  --base IMAGE         the image IMAGE was built FROM: findings from its layers\n"
	      "                       are counted as the base image's, the rest as yours\n"
	      "  --platform OS/ARCH[/VARIANT]\n"
	      "                       the manifest to read from an index\n"
	      "  -h, --help           show this help\n"
	      "\n"
	      "Exit status: 0 done (nothing at or above --fail-on), 1 a finding at or above\n"
	      "--fail-on, 2 usage error, 3 unreadable image or database, or no data in the\n"
	      "database for the image's release, 5 internal error.\n"
	      "\n"
	      "Examples:\n"
	      "  baseimg db import oval-definitions-bookworm.xml.bz2\n"
	      "  baseimg cves oci:./layout:latest\n"
	      "  baseimg cves --format json --only-fixed docker-archive:app.tar\n"
	      "  baseimg cves --fail-on high --base oci:./debian:12-slim oci:./app:latest\n",
	      f);
}

struct opts {
	char *db;
	enum cves_format format;
	bool only_fixed, ignore_unfixed;
	unsigned severities; /* bit per enum bi_severity; 0 = all */
	bool fail;
	enum bi_severity fail_on;
	const char *base;
	struct bi_image_opts open;
};

static bool parse_severities(const char *list, unsigned *ret)
{
	_cleanup_free_ char *copy = bi_xstrdup(list);
	char *save = NULL;
	unsigned m = 0;

	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		enum bi_severity s;
		if (!bi_severity_parse(t, &s))
			return false;
		m |= 1u << s;
	}
	*ret = m;
	return m != 0;
}

static bool keep(const struct opts *o, const struct bi_finding *f)
{
	if (o->only_fixed && f->status != BI_FIND_FIXABLE)
		return false;
	if (o->ignore_unfixed && f->status == BI_FIND_UNFIXED)
		return false;
	if (o->severities && !(o->severities & (1u << f->severity)))
		return false;
	return true;
}

static void filter(const struct opts *o, struct bi_findings *f)
{
	size_t k = 0;

	for (size_t i = 0; i < f->n; i++) {
		if (keep(o, &f->v[i])) {
			f->v[k++] = f->v[i];
		} else {
			struct bi_findings one = { .v = bi_xmalloc(sizeof(*f->v)), .n = 1 };
			one.v[0] = f->v[i];
			bi_findings_release(&one);
		}
	}
	f->n = k;
}

/* Layers shared with the base image: the common prefix of diff_ids. */
static int base_layers(const struct opts *o, const struct bi_image *img, size_t *ret)
{
	struct bi_image **bimgs = NULL;
	struct bi_err *err = NULL;
	size_t n = 0, k = 0;

	if (bi_image_open(o->base, &o->open, &bimgs, &n, &err) < 0) {
		bi_err_wrap(&err, "--base");
		int s = cli_fail(err);
		bi_err_free(err);
		return -s;
	}
	while (n && k < bimgs[0]->nlayers && k < img->nlayers && bimgs[0]->layers[k].diff_id &&
	       img->layers[k].diff_id &&
	       strcmp(bimgs[0]->layers[k].diff_id, img->layers[k].diff_id) == 0)
		k++;
	if (n && k < bimgs[0]->nlayers)
		cli_warn("--base %s: its layers are not a prefix of the image's (%zu of %zu "
			 "match); counting the matching ones as base",
			 o->base, k, bimgs[0]->nlayers);
	bi_image_list_free(bimgs, n);
	*ret = k;
	return 0;
}

static const char *pkgdb_path(enum bi_pkg_format f)
{
	switch (f) {
	case BI_PKG_APK:
		return "lib/apk/db/installed";
	case BI_PKG_DPKG:
		return "var/lib/dpkg/status";
	case BI_PKG_DPKG_STATUS_D:
		return "var/lib/dpkg/status.d";
	case BI_PKG_RPM:
		return "var/lib/rpm/rpmdb.sqlite";
	case BI_PKG_NONE:
	case BI_PKG_FORMAT__MAX:
		break;
	}
	return NULL;
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "only-fixed", no_argument, NULL, OPT_ONLY_FIXED },
		{ "ignore-unfixed", no_argument, NULL, OPT_IGNORE_UNFIXED },
		{ "severity", required_argument, NULL, OPT_SEVERITY },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "base", required_argument, NULL, OPT_BASE },
		{ "platform", required_argument, NULL, OPT_PLATFORM },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return 1;
		case OPT_DB:
			free(o->db);
			o->db = bi_xstrdup(optarg);
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0)
				o->format = F_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o->format = F_JSON;
			else if (strcmp(optarg, "sarif") == 0)
				o->format = F_SARIF;
			else
				return -cli_usage_error("cves",
							"unknown format '%s' (text, json "
							"or sarif)",
							optarg);
			break;
		case OPT_ONLY_FIXED:
			o->only_fixed = true;
			break;
		case OPT_IGNORE_UNFIXED:
			o->ignore_unfixed = true;
			break;
		case OPT_SEVERITY:
			if (!parse_severities(optarg, &o->severities))
				return -cli_usage_error(
					"cves",
					"--severity: '%s' is not a list of critical, "
					"high, medium, low, negligible, unknown",
					optarg);
			break;
		case OPT_FAIL_ON:
			if (!bi_severity_parse(optarg, &o->fail_on))
				return -cli_usage_error("cves",
							"--fail-on: unknown severity '%s' "
							"(critical, high, medium, low, negligible, "
							"unknown)",
							optarg);
			o->fail = true;
			break;
		case OPT_BASE:
			o->base = optarg;
			break;
		case OPT_PLATFORM:
			o->open.platform = optarg;
			break;
		default:
			return -cli_usage_error("cves", "unknown or incomplete option '%s'",
						argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return -cli_usage_error("cves", "missing IMAGE");
	if (optind + 1 < argc)
		return -cli_usage_error("cves", "one IMAGE at a time");
	return 0;
}

static int audit(const struct opts *o, const char *spec, struct bi_vulndb *db,
		 const struct bi_vulndb_source *src, size_t nsrc)
{
	_cleanup_(bi_buf_release) struct bi_buf out = BI_BUF_INIT(BI_BUF_NOLIMIT);
	_cleanup_(bi_analysis_freep) struct bi_analysis *a = NULL;
	struct bi_image **imgs = NULL;
	struct bi_findings f = { 0 };
	struct bi_vuln_target t;
	struct bi_err *err = NULL;
	struct bi_cves_report rep = { .image = spec, .sources = src, .nsources = nsrc };
	struct bi_vulndb_source *tsrc = NULL;
	size_t nimg = 0, ntsrc = 0;
	int r, status = BI_EXIT_OK;

	r = bi_image_open(spec, &o->open, &imgs, &nimg, &err);
	if (r < 0)
		goto fail;
	r = bi_analyze_image(imgs[0], &a, &err);
	if (r < 0) {
		bi_err_wrap(&err, "%s", spec);
		goto fail;
	}
	rep.digest = imgs[0]->digest;
	for (size_t i = 0; i < imgs[0]->config.nlabels; i++) {
		const char *k = imgs[0]->config.label_keys[i];
		if (strcmp(k, "org.opencontainers.image.base.name") == 0)
			rep.label_base_name = imgs[0]->config.label_values[i];
		else if (strcmp(k, "org.opencontainers.image.base.digest") == 0)
			rep.label_base_digest = imgs[0]->config.label_values[i];
	}
	rep.platform = imgs[0]->platform;
	if (a->has_os) {
		rep.os_id = a->os.id;
		rep.os_version = a->os.version_id;
		rep.os_codename = a->os.codename;
	}
	rep.packages = a->pkgs.n;
	rep.pkgdb_path = pkgdb_path(a->pkgs.format);
	if (a->pkgs.n == 0) {
		rep.note = "no installed packages found (no package database)";
	} else {
		struct bi_distro d;
		bi_distro_from_os(a->has_os ? &a->os : NULL, &d);
		r = bi_vuln_target(&d, &t, &err);
		if (r < 0)
			goto fail;
		r = bi_vuln_resolve(db, &t, &err);
		if (r < 0) {
			bi_err_wrap(&err, "%s", spec);
			goto fail;
		}
		r = bi_vulndb_sources(db, t.distro, t.release, &tsrc, &ntsrc, &err);
		if (r < 0)
			goto fail;
		/* Only the sources that speak for this release (and their dates). */
		rep.sources = tsrc;
		rep.nsources = ntsrc;
		rep.target = &t;
		r = bi_vuln_match(db, &t, &a->pkgs, &f, &err);
		if (r < 0)
			goto fail;
		if (f.bad_versions)
			cli_warn("%zu packages with versions the %s scheme refuses were not "
				 "audited; the first: %s",
				 f.bad_versions, bi_ver_scheme_name(t.scheme), f.first_bad);
		filter(o, &f);
		rep.findings = &f;
	}
	if (o->base) {
		int s = base_layers(o, imgs[0], &rep.base_layers);
		if (s < 0) {
			status = -s;
			goto out;
		}
		rep.has_base = true;
		rep.base_ref = o->base;
	}
	switch (o->format) {
	case F_TEXT:
		bi_cves_text(&out, &rep, cli_use_color(stdout));
		break;
	case F_JSON:
	case F_SARIF: {
		struct bi_jsonw w;
		bi_jsonw_init(&w, &out, true);
		if (o->format == F_JSON)
			bi_cves_json(&w, &rep);
		else
			bi_cves_sarif(&w, &rep);
		bi_buf_addch(&out, '\n');
		break;
	}
	}
	if (!cli_write_stdout(&out)) {
		status = BI_EXIT_INTERNAL;
		goto out;
	}
	for (size_t i = 0; o->fail && i < f.n; i++)
		if (f.v[i].severity >= o->fail_on)
			status = BI_EXIT_FINDINGS;
	goto out;
fail:
	status = cli_fail(err);
	bi_err_free(err);
out:
	bi_findings_release(&f);
	bi_vulndb_sources_free(tsrc, ntsrc);
	bi_image_list_free(imgs, nimg);
	return status;
}

int cmd_cves(int argc, char **argv)
{
	_cleanup_(bi_vulndb_closep) struct bi_vulndb *db = NULL;
	struct opts o = { .format = F_TEXT };
	struct bi_vulndb_source *src = NULL;
	struct bi_err *err = NULL;
	size_t nsrc = 0;
	int r;

	r = parse_opts(argc, argv, &o);
	if (r != 0) {
		free(o.db);
		return r > 0 ? BI_EXIT_OK : -r;
	}
	if (!o.db)
		o.db = bi_vulndb_default_path();
	r = bi_vulndb_open(o.db, 0, &db, &err);
	free(o.db);
	if (r < 0 || bi_vulndb_sources(db, NULL, NULL, &src, &nsrc, &err) < 0) {
		r = cli_fail(err);
		bi_err_free(err);
		return r;
	}
	if (nsrc == 0)
		cli_warn("the vulnerability database is empty: run 'baseimg db import FILE...'");
	r = audit(&o, argv[optind], db, src, nsrc);
	bi_vulndb_sources_free(src, nsrc);
	return r;
}
