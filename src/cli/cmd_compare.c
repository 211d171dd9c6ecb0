/* SPDX-License-Identifier: MIT */
#include <getopt.h>
#include <unistd.h>

#include "cli/image_opt.h"
#include "vuln/match.h"
#include "vuln/vulndb.h"

enum { OPT_DB = 0x300 };

static void usage(FILE *f)
{
	fputs("Usage: baseimg compare [OPTIONS] IMAGE...\n"
	      "\n"
	      "Compare images side by side, measured: one row per image with its class, size\n"
	      "(uncompressed and compressed), libc, shell, debug ease, package and file counts,\n"
	      "CVE surface and the checks that fail (errors and warnings). Each image is read,\n"
	      "measured and released before the next one.\n"
	      "\n"
	      "CVE surface: with a vulnerability database (see 'baseimg db'), the findings\n"
	      "'baseimg cves' reports for the image, with how many are critical or high and how\n"
	      "many a newer package fixes; \"n/a\" when the database has no data for the\n"
	      "image's release. Without a database, the package count.\n"
	      "\n"
	      "IMAGE: oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:REF], dir:PATH,\n"
	      "       - (an archive on standard input, once), or a path detected by its contents.\n"
	      "\n"
	      "Options:\n"
	      "  --format FORMAT      text (default), json, or markdown\n"
	      "  --platform OS/ARCH[/VARIANT]\n"
	      "                       the manifest to read from each index (default linux/amd64)\n"
	      "  --all-platforms      one row per platform of each index\n"
	      "  --fail-on SEVERITY   exit 1 when any image has a check at or above SEVERITY:\n"
	      "                       error (default), warning, note, or none\n"
	      "  --db PATH            the vulnerability database for the CVE column (default:\n"
	      "                       $BASEIMG_DB, else ${XDG_CACHE_HOME:-~/.cache}/baseimg/\n"
	      "                       vuln.db, used when it exists)\n"
	      "  -h, --help           this help\n"
	      "\n"
	      "Exit status: 0 fine, 1 a check at or above --fail-on, 2 usage error,\n"
	      "3 an unreadable or corrupt image or database (named on standard error).\n"
	      "\n"
	      "Example:\n"
	      "  baseimg compare --format markdown oci:img/alpine oci:img/slim oci:img/full\n",
	      f);
}

/*
 * The database for the CVE column: --db must open; the default one is used
 * when it exists, and a broken default only warns. *ret stays NULL without one.
 */
static int cve_db_open(const char *opt, struct bi_vulndb **ret)
{
	_cleanup_free_ char *path = opt ? bi_xstrdup(opt) : bi_vulndb_default_path();
	struct bi_err *err = NULL;
	int status;

	*ret = NULL;
	if (!opt && access(path, F_OK) != 0)
		return 0;
	if (bi_vulndb_open(path, 0, ret, &err) == 0)
		return 0;
	if (!opt) {
		cli_warn("%s; the CVE column shows package counts", bi_err_msg(err));
		bi_err_free(err);
		return 0;
	}
	bi_err_wrap(&err, "--db");
	status = cli_fail(err);
	bi_err_free(err);
	return status;
}

/* Fill r->cve with what `baseimg cves` would report for the image. */
static void cve_measure(struct bi_vulndb *db, const struct bi_analysis *a, struct bi_compare_row *r)
{
	struct bi_findings f = { 0 };
	struct bi_vuln_target t;
	struct bi_distro d;
	struct bi_err *err = NULL;
	int rc;

	r->cve.db = true;
	if (a->pkgs.n == 0) {
		r->cve.measured = true;
		r->cve.note = bi_xstrdup("no package database: nothing to match");
		return;
	}
	bi_distro_from_os(a->has_os ? &a->os : NULL, &d);
	rc = bi_vuln_target(&d, &t, &err);
	if (rc == 0) {
		rc = bi_vuln_resolve(db, &t, &err); /* a RHEL rebuild may read RHEL's rows */
		if (rc == BI_ENOTFOUND) {
			r->cve.note = bi_xasprintf("the database has no data for %s %s", t.distro,
						   t.release);
			bi_err_free(err);
			return;
		}
	}
	if (rc < 0) {
		r->cve.note = bi_xstrdup(bi_err_msg(err));
		bi_err_free(err);
		return;
	}
	if (bi_vuln_match(db, &t, &a->pkgs, &f, &err) < 0) {
		r->cve.note = bi_xstrdup(bi_err_msg(err));
		cli_warn("%s: %s", r->reference, bi_err_msg(err));
		bi_err_free(err);
		bi_findings_release(&f);
		return;
	}
	r->cve.measured = true;
	r->cve.total = f.n;
	for (size_t i = 0; i < f.n; i++) {
		r->cve.fixable += f.v[i].status == BI_FIND_FIXABLE;
		r->cve.critical += f.v[i].severity == BI_SEV_CRITICAL;
		r->cve.high += f.v[i].severity == BI_SEV_HIGH;
	}
	bi_findings_release(&f);
}

int cmd_compare(int argc, char **argv)
{
	static const struct option longopts[] = { CLI_IMAGE_LONGOPTS,
						  { "db", required_argument, NULL, OPT_DB },
						  { NULL, 0, NULL, 0 } };
	_cleanup_(bi_vulndb_closep) struct bi_vulndb *db = NULL;
	const char *db_opt = NULL;
	struct cli_image_opts o;
	struct bi_compare_row *rows = NULL;
	size_t nrows = 0;
	struct bi_buf out = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct bi_jsonw w;
	int c, r, status = BI_EXIT_OK;
	bool stdin_used = false;

	cli_image_opts_init(&o);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return BI_EXIT_OK;
		}
		if (c == OPT_DB) {
			db_opt = optarg;
			continue;
		}
		if (c == '?')
			return cli_usage_error("compare", "unknown or incomplete option '%s'",
					       argv[optind - 1]);
		r = cli_image_opt("compare", c, optarg,
				  1u << BI_FORMAT_HUMAN | 1u << BI_FORMAT_JSON |
					  1u << BI_FORMAT_MARKDOWN,
				  &o);
		if (r < 0)
			return BI_EXIT_USAGE;
	}
	if (optind >= argc)
		return cli_usage_error("compare", "missing IMAGE (one or more)");
	for (int i = optind; i < argc; i++) {
		if (strcmp(argv[i], "-") != 0)
			continue;
		if (stdin_used)
			return cli_usage_error("compare", "standard input ('-') can be read once");
		stdin_used = true;
	}
	r = cve_db_open(db_opt, &db);
	if (r > 0)
		return r;
	for (int i = optind; i < argc; i++) {
		struct bi_image **imgs = NULL;
		struct bi_analysis **as = NULL;
		size_t n = 0;

		r = cli_image_load(argv[i], &o, &imgs, &n, &as);
		if (r > 0) {
			status = r;
			goto out;
		}
		if (cli_findings_status(as, n, o.fail_on) == BI_EXIT_FINDINGS)
			status = BI_EXIT_FINDINGS;
		rows = bi_xreallocarray(rows, nrows + n, sizeof(*rows));
		for (size_t k = 0; k < n; k++) {
			bi_compare_row_from(as[k], &rows[nrows]);
			if (db)
				cve_measure(db, as[k], &rows[nrows]);
			nrows++;
		}
		cli_analyses_free(as, n);
		bi_image_list_free(imgs, n);
	}
	switch (o.format) {
	case BI_FORMAT_JSON:
		bi_jsonw_init(&w, &out, true);
		bi_compare_json(&w, rows, nrows);
		bi_buf_addch(&out, '\n');
		break;
	case BI_FORMAT_MARKDOWN:
		bi_compare_markdown(&out, rows, nrows);
		break;
	case BI_FORMAT_HUMAN:
	case BI_FORMAT_CYCLONEDX:
	case BI_FORMAT__MAX:
		bi_compare_text(&out, rows, nrows);
		break;
	}
	if (!cli_write_stdout(&out))
		status = BI_EXIT_INTERNAL;
out:
	for (size_t i = 0; i < nrows; i++)
		bi_compare_row_release(&rows[i]);
	free(rows);
	bi_buf_release(&out);
	return status;
}
