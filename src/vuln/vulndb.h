/* SPDX-License-Identifier: MIT */
#ifndef BI_VULN_VULNDB_H
#define BI_VULN_VULNDB_H

/*
 * The local vulnerability database (docs/vulndb.md): SQLite through
 * src/util/sqlite.h. Importers write one source per transaction through
 * struct bi_vulndb_import; the matcher reads rows per (distro, release,
 * package).
 *
 * Vocabulary:
 *   distro   "debian", "alpine", "ubuntu", "rocky", "almalinux", "rhel"
 *   release  debian: codename ("bookworm"); alpine: "v3.20"; ubuntu: "22.04";
 *            RHEL family: the major version ("9")
 *   package  the source package (dpkg Source:, apk origin) unless `binary`
 *            (RPM OVAL and OSV name binary packages)
 */
#include <stdbool.h>
#include <stdint.h>

#include "report/severity.h" /* enum bi_severity */

struct bi_err;
struct bi_vulndb;
struct bi_vulndb_import;

#define BI_VULNDB_SCHEMA_VERSION 1

enum bi_vuln_status {
	BI_VST_FIXED,	     /* affected before `fixed` */
	BI_VST_UNFIXED,	     /* affected, no fix yet */
	BI_VST_WONTFIX,	     /* affected, the distro will not fix (reason says why) */
	BI_VST_NOT_AFFECTED, /* never affected in this release */
	BI_VST__MAX,
};

/* "fixed", "unfixed", "wont-fix", "not-affected". */
const char *bi_vuln_status_name(enum bi_vuln_status s);
bool bi_vuln_status_parse(const char *s, enum bi_vuln_status *ret);
/*
 * A feed's own word to our scale: tracker urgency (unimportant, low, medium,
 * high, "not yet assigned", with trailing '*' dropped), Red Hat family
 * (Low, Moderate, Important, Critical), OSV/GHSA words (LOW, MODERATE, HIGH,
 * CRITICAL), Ubuntu priorities (negligible .. critical). Unknown words: unknown.
 */
enum bi_severity bi_severity_from_word(const char *word);
/* CVSS v3.x vector "CVSS:3.1/AV:N/..." to its base score's rating; unknown if unparsable. */
enum bi_severity bi_severity_from_cvss3(const char *vector, double *ret_score);

/* One affected row, as importers add it and the matcher reads it. */
struct bi_vuln_row {
	const char *distro, *release, *package;
	bool binary; /* package is a binary package name */
	const char *vuln_id;
	enum bi_vuln_status status;
	const char *introduced; /* first affected version, NULL = all before fixed */
	const char *fixed;	/* first fixed version (BI_VST_FIXED), else NULL */
	const char *reason;	/* wont-fix / not-affected reason, or NULL */
	enum bi_severity severity;
	const char *severity_word; /* the source's own word, or NULL */
	int64_t source_id;	   /* set by the DB on reads */
};

struct bi_vulndb_counts {
	int64_t rows, vulns, fixed, unfixed, wontfix, not_affected;
};

struct bi_vulndb_source {
	int64_t id;
	char *kind;	   /* "osv", "alpine-secdb", "debian-tracker", "oval" */
	char *name;	   /* the file or folder name imported */
	char *scope;	   /* "debian bookworm", "alpine v3.20", "osv: Alpine:v3.20 +2", ... */
	char *imported_at; /* ISO 8601 UTC */
	char *data_date;   /* the feed's own date (YYYY-MM-DD...), or NULL */
	struct bi_vulndb_counts counts;
};

/* ${BASEIMG_DB}, else ${XDG_CACHE_HOME:-$HOME/.cache}/baseimg/vuln.db (malloc'd). */
char *bi_vulndb_default_path(void);

enum bi_vulndb_flags {
	BI_VULNDB_WRITE = 1 << 0, /* create the file (and its folder) and migrate as needed */
};

/*
 * Open a database. Read-only opens of a missing file fail with BI_ENOTFOUND
 * ("no vulnerability database at PATH: run 'baseimg db import'"); a schema
 * newer than this program fails with BI_EDB.
 */
int bi_vulndb_open(const char *path, enum bi_vulndb_flags flags, struct bi_vulndb **ret,
		   struct bi_err **err);
void bi_vulndb_close(struct bi_vulndb *db);
void bi_vulndb_closep(struct bi_vulndb **db);
const char *bi_vulndb_path(const struct bi_vulndb *db);

/*
 * Start importing one source: BEGIN and insert the source row. Nothing is
 * visible until bi_vulndb_import_commit(), which also deletes an earlier
 * source with the same kind and name (re-importing a feed replaces it);
 * bi_vulndb_import_free() without a commit rolls back, leaving the database
 * as it was.
 */
int bi_vulndb_import_begin(struct bi_vulndb *db, const char *kind, const char *name,
			   struct bi_vulndb_import **ret, struct bi_err **err);
/* The name may be learnt from the data ("alpine-secdb v3.20/main"). */
void bi_vulndb_import_set_name(struct bi_vulndb_import *imp, const char *name);
int bi_vulndb_import_row(struct bi_vulndb_import *imp, const struct bi_vuln_row *row,
			 struct bi_err **err);
/* Vulnerability-level facts (optional): summary, a severity for all its rows. */
int bi_vulndb_import_vuln(struct bi_vulndb_import *imp, const char *id, const char *summary,
			  enum bi_severity severity, const char *severity_word,
			  struct bi_err **err);
void bi_vulndb_import_set_date(struct bi_vulndb_import *imp, const char *date);
void bi_vulndb_import_set_scope(struct bi_vulndb_import *imp, const char *scope);
int bi_vulndb_import_commit(struct bi_vulndb_import *imp, struct bi_vulndb_counts *ret_counts,
			    struct bi_err **err);
void bi_vulndb_import_free(struct bi_vulndb_import *imp);
void bi_vulndb_import_freep(struct bi_vulndb_import **imp);

/*
 * Sources, oldest first: all of them when distro is NULL, else those with
 * rows for (distro, release). Free with bi_vulndb_sources_free.
 */
int bi_vulndb_sources(struct bi_vulndb *db, const char *distro, const char *release,
		      struct bi_vulndb_source **ret, size_t *ret_n, struct bi_err **err);
void bi_vulndb_sources_free(struct bi_vulndb_source *s, size_t n);

/* Whether any row exists for (distro, release). */
int bi_vulndb_has_release(struct bi_vulndb *db, const char *distro, const char *release, bool *ret,
			  struct bi_err **err);

/*
 * Rows for one package name: source rows when !binary, binary rows when
 * binary. The callback's strings are borrowed for the call; a negative
 * return stops the walk and is returned.
 */
typedef int (*bi_vulndb_row_fn)(const struct bi_vuln_row *row, void *data, struct bi_err **err);
int bi_vulndb_lookup(struct bi_vulndb *db, const char *distro, const char *release,
		     const char *package, bool binary, bi_vulndb_row_fn fn, void *data,
		     struct bi_err **err);

#endif
