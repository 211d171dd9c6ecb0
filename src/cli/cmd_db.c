/* SPDX-License-Identifier: MIT */
/* baseimg db: import feeds into the local vulnerability database, show its status. */
#include <getopt.h>
#include <time.h>

#include "cli/cli.h"
#include "util/json.h"
#include "vuln/import.h"
#include "vuln/vulndb.h"

#define DEFAULT_MAX_AGE_DAYS 30

static const char *const feeds[] = {
	"https://secdb.alpinelinux.org/<release>/main.json (and community.json)",
	"https://www.debian.org/security/oval/oval-definitions-<codename>.xml.bz2",
	"https://security-tracker.debian.org/tracker/data/json",
	"https://osv-vulnerabilities.storage.googleapis.com/<Ecosystem>/all.zip",
	"https://security.access.redhat.com/data/oval/v2/RHEL<N>/rhel-<N>.oval.xml.bz2",
};

static void usage(FILE *f)
{
	fputs("Usage: baseimg db [--db PATH] import FILE|FOLDER...\n"
	      "       baseimg db [--db PATH] status [--format text|json] [--max-age DAYS]\n"
	      "       baseimg db [--db PATH] update\n"
	      "\n"
	      "Manage the local vulnerability database that 'baseimg cves' reads.\n"
	      "\n"
	      "import  Add feeds. The format is detected from the content; files may be\n"
	      "        plain, .bz2 or .xz. Each file (or folder) is one transaction: a feed\n"
	      "        that fails to import leaves the database as it was. Importing the\n"
	      "        same feed again replaces it. Formats:\n"
	      "          OSV JSON: one record, a folder of records, or an all.zip\n"
	      "          Alpine secdb JSON (secdb.alpinelinux.org/vX.Y/main.json)\n"
	      "          Debian Security Tracker JSON (tracker/data/json)\n"
	      "          OVAL XML: Debian (dpkginfo) and Red Hat family (rpminfo)\n"
	      "status  List the imported sources: kind, scope, data date, counts; warns\n"
	      "        when a source's data is older than --max-age days (default 30).\n"
	      "update  Fetch the standard feeds. Not available in this build: it fails\n"
	      "        with exit status 4 and lists the feeds to download and import.\n"
	      "\n"
	      "Options:\n"
	      "  --db PATH        the database file (default: $BASEIMG_DB, else\n"
	      "                   ${XDG_CACHE_HOME:-~/.cache}/baseimg/vuln.db)\n"
	      "  --format FORMAT  status output: text (default) or json\n"
	      "  --max-age DAYS   status: warn about data older than DAYS (default 30)\n"
	      "  -h, --help       show this help\n"
	      "\n"
	      "Exit status: 0 done, 2 usage error, 3 a feed could not be imported or the\n"
	      "database is unreadable, 4 update is not available offline, 5 internal error.\n"
	      "\n"
	      "Examples:\n"
	      "  baseimg db import alpine-secdb/v3.20/main.json oval-definitions-bookworm.xml.bz2\n"
	      "  baseimg db import Debian-all.zip          # OSV records, zipped\n"
	      "  baseimg db status\n",
	      f);
}

/* Print err, free it, and return the exit status. */
static int fail(struct bi_err *err)
{
	int s = cli_fail(err);

	bi_err_free(err);
	return s;
}

static int do_import(const char *path, int argc, char **argv)
{
	_cleanup_(bi_vulndb_closep) struct bi_vulndb *db = NULL;
	struct bi_err *err = NULL;
	int status = BI_EXIT_OK;
	int r;

	if (argc == 0)
		return cli_usage_error("db", "import: expected at least one FILE or FOLDER");
	r = bi_vulndb_open(path, BI_VULNDB_WRITE, &db, &err);
	if (r < 0)
		return fail(err);
	for (int i = 0; i < argc; i++) {
		_cleanup_(bi_buf_release) struct bi_buf out = BI_BUF_INIT(BI_BUF_NOLIMIT);
		struct bi_import_result res;

		r = bi_vuln_import_path(db, argv[i], &res, &err);
		if (r < 0) {
			int s = cli_fail(err);
			bi_err_freep(&err);
			if (status == BI_EXIT_OK || s == BI_EXIT_INTERNAL)
				status = s;
			continue;
		}
		bi_buf_addf(&out,
			    "%s: %s, %s, data %s: %" PRId64 " vulnerabilities, %" PRId64
			    " rows (%" PRId64 " fixed, %" PRId64 " unfixed, %" PRId64
			    " wont-fix, %" PRId64 " not-affected)\n",
			    argv[i], bi_feed_kind_name(res.kind), res.scope ? res.scope : "no rows",
			    res.data_date ? res.data_date : "undated", res.counts.vulns,
			    res.counts.rows, res.counts.fixed, res.counts.unfixed,
			    res.counts.wontfix, res.counts.not_affected);
		if (!cli_write_stdout(&out))
			status = BI_EXIT_INTERNAL;
		if (res.skipped)
			cli_warn("%s: %zu damaged or unsupported records skipped; the first: %s",
				 argv[i], res.skipped, res.first_skip);
		bi_import_result_release(&res);
	}
	return status;
}

static time_t now(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	uint64_t v;

	if (sde && bi_span_to_u64(bi_span_str(sde), &v))
		return (time_t)v;
	return time(NULL);
}

/* Days from a date "YYYY-MM-DD..." to now; -1 when unparsable. */
static long age_days(const char *date)
{
	struct tm tm = { 0 };
	time_t t;

	if (!date || !strptime(date, "%Y-%m-%d", &tm))
		return -1;
	t = timegm(&tm);
	if (t == (time_t)-1 || now() < t)
		return 0;
	return (long)((now() - t) / 86400);
}

static int do_status(const char *path, bool json, long max_age)
{
	_cleanup_(bi_vulndb_closep) struct bi_vulndb *db = NULL;
	_cleanup_(bi_buf_release) struct bi_buf out = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct bi_vulndb_source *src = NULL;
	struct bi_err *err = NULL;
	size_t n = 0;
	int r;

	r = bi_vulndb_open(path, 0, &db, &err);
	if (r < 0)
		return fail(err);
	r = bi_vulndb_sources(db, NULL, NULL, &src, &n, &err);
	if (r < 0)
		return fail(err);
	if (json) {
		struct bi_jsonw w;
		bi_jsonw_init(&w, &out, true);
		bi_jsonw_object_begin(&w);
		bi_jsonw_kstring(&w, "path", path);
		bi_jsonw_kint(&w, "schema_version", BI_VULNDB_SCHEMA_VERSION);
		bi_jsonw_key(&w, "sources");
		bi_jsonw_array_begin(&w);
		for (size_t i = 0; i < n; i++) {
			long age = age_days(src[i].data_date);
			bi_jsonw_object_begin(&w);
			bi_jsonw_kstring(&w, "kind", src[i].kind);
			bi_jsonw_kstring(&w, "name", src[i].name);
			bi_jsonw_kstring(&w, "scope", src[i].scope);
			bi_jsonw_kstring(&w, "imported_at", src[i].imported_at);
			bi_jsonw_kstring(&w, "data_date", src[i].data_date);
			bi_jsonw_kbool(&w, "stale", age > max_age);
			bi_jsonw_kint(&w, "vulnerabilities", src[i].counts.vulns);
			bi_jsonw_kint(&w, "rows", src[i].counts.rows);
			bi_jsonw_kint(&w, "fixed", src[i].counts.fixed);
			bi_jsonw_kint(&w, "unfixed", src[i].counts.unfixed);
			bi_jsonw_kint(&w, "wont_fix", src[i].counts.wontfix);
			bi_jsonw_kint(&w, "not_affected", src[i].counts.not_affected);
			bi_jsonw_object_end(&w);
		}
		bi_jsonw_array_end(&w);
		bi_jsonw_object_end(&w);
		bi_buf_addch(&out, '\n');
	} else {
		bi_buf_addf(&out, "database: %s (schema %d), %zu source%s\n", path,
			    BI_VULNDB_SCHEMA_VERSION, n, n == 1 ? "" : "s");
		for (size_t i = 0; i < n; i++) {
			long age = age_days(src[i].data_date);
			bi_buf_addf(&out,
				    "  %-14s %-28s %-22s data %-10.10s %7" PRId64 " vulns %8" PRId64
				    " rows\n",
				    src[i].kind, src[i].name, src[i].scope ? src[i].scope : "-",
				    src[i].data_date ? src[i].data_date : "undated",
				    src[i].counts.vulns, src[i].counts.rows);
			if (age > max_age)
				cli_warn("%s %s: data is %ld days old (older than %ld); import a "
					 "fresh copy",
					 src[i].kind, src[i].name, age, max_age);
		}
		if (n == 0)
			cli_warn("the database is empty: run 'baseimg db import FILE...'");
	}
	bi_vulndb_sources_free(src, n);
	return cli_write_stdout(&out) ? BI_EXIT_OK : BI_EXIT_INTERNAL;
}

static int do_update(void)
{
	cli_error("db update: fetching feeds is not available in this build (no network "
		  "access); download these feeds and run 'baseimg db import FILE...':");
	for (size_t i = 0; i < BI_ARRAY_SIZE(feeds); i++)
		fprintf(stderr, "  %s\n", feeds[i]);
	return BI_EXIT_NET;
}

int cmd_db(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "max-age", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	_cleanup_free_ char *path = NULL;
	const char *sub;
	bool json = false;
	long max_age = DEFAULT_MAX_AGE_DAYS;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			free(path);
			path = bi_xstrdup(optarg);
			break;
		case 'f':
			if (strcmp(optarg, "json") == 0)
				json = true;
			else if (strcmp(optarg, "text") == 0)
				json = false;
			else
				return cli_usage_error("db", "unknown format '%s' (text or json)",
						       optarg);
			break;
		case 'a': {
			uint64_t v;
			if (!bi_span_to_u64(bi_span_str(optarg), &v) || v > 100000)
				return cli_usage_error("db", "--max-age wants a number of days");
			max_age = (long)v;
			break;
		}
		case 'h':
			usage(stdout);
			return BI_EXIT_OK;
		default:
			return cli_usage_error("db", "unknown option");
		}
	}
	if (optind >= argc)
		return cli_usage_error("db", "expected a subcommand: import, status or update");
	sub = argv[optind++];
	if (!path)
		path = bi_vulndb_default_path();
	if (strcmp(sub, "import") == 0)
		return do_import(path, argc - optind, argv + optind);
	if (optind < argc)
		return cli_usage_error("db", "%s: unexpected argument '%s'", sub, argv[optind]);
	if (strcmp(sub, "status") == 0)
		return do_status(path, json, max_age);
	if (strcmp(sub, "update") == 0)
		return do_update();
	return cli_usage_error("db", "unknown subcommand '%s' (import, status or update)", sub);
}
