/* SPDX-License-Identifier: MIT */
#ifndef BI_VULN_MATCH_H
#define BI_VULN_MATCH_H

/*
 * Matching installed packages against the vulnerability database. Works on a
 * struct bi_pkglist and a small distro description, so it is testable without
 * an image (tests/unit/vuln/test_match.c).
 */
#include <stdbool.h>
#include <stddef.h>

#include "pkgdb/pkg.h"
#include "pkgdb/version.h"
#include "vuln/vulndb.h"

struct bi_err;

/* What os-release (or alpine-release) says. */
struct bi_distro {
	const char *id; /* "debian", "alpine", "ubuntu", "rocky", "almalinux", "rhel", ... */
	const char *version_id;	 /* "12", "3.20.3", "9.4", "22.04" (may be NULL: Debian sid) */
	const char *codename;	 /* "bookworm" (may be NULL) */
	const char *pretty_name; /* for "trixie/sid" and "edge" (may be NULL) */
	const char *id_like;	 /* "rhel centos fedora" (may be NULL) */
};

struct bi_os;
/* The distro of an analysed image (os NULL: nothing known); borrows os's strings. */
void bi_distro_from_os(const struct bi_os *os, struct bi_distro *ret);

/* The database's view of the image. */
struct bi_vuln_target {
	char distro[32];	  /* "debian", "alpine", "ubuntu", "rocky", "almalinux", "rhel" */
	char release[32];	  /* "bookworm", "v3.20", "22.04", "9" */
	char fallback_distro[32]; /* RHEL rebuilds also read "rhel" rows, or "" */
	enum bi_ver_scheme scheme;
};

/*
 * Map a distro to the database's (distro, release) and version scheme.
 * BI_EUNSUPPORTED for distributions without a feed we read (the message
 * names it); BI_ENOTFOUND when the release cannot be determined.
 */
int bi_vuln_target(const struct bi_distro *d, struct bi_vuln_target *ret, struct bi_err **err);

enum bi_finding_status {
	BI_FIND_FIXABLE, /* installed < fixed */
	BI_FIND_WONTFIX, /* the distro will not fix it (reason) */
	BI_FIND_UNFIXED, /* no fix yet */
	BI_FIND_STATUS__MAX,
};
/* "fixable", "wont-fix", "unfixed". */
const char *bi_finding_status_name(enum bi_finding_status s);

struct bi_finding {
	char *id;
	char *package;	      /* the installed (binary) package */
	char *source_package; /* its source package */
	char *installed;      /* the installed version */
	char *fixed;	      /* first fixed version, or NULL */
	enum bi_finding_status status;
	char *reason; /* wont-fix reason, or NULL */
	enum bi_severity severity;
	char *severity_word; /* the source's own word, or NULL */
	int layer;	     /* index of the layer that installed the package, -1 unknown */
};

struct bi_findings {
	struct bi_finding *v;
	size_t n, alloc;
	size_t packages;     /* packages looked up */
	size_t bad_versions; /* installed versions the scheme refuses (skipped) */
	char *first_bad;     /* the first of them: "name 'version': reason" */
};

void bi_findings_release(struct bi_findings *f);

/*
 * Settle which rows cover t: its own distro's, else (a RHEL rebuild) the
 * fallback distro's, which then replaces t->distro. BI_ENOTFOUND, naming
 * the release, when the database has no rows for it: an audit against no
 * data must not read as a clean result.
 */
int bi_vuln_resolve(struct bi_vulndb *db, struct bi_vuln_target *t, struct bi_err **err);

/*
 * Look every package up and keep the vulnerabilities that affect the
 * installed version. Sorted by severity (highest first), package, id.
 * Fails like bi_vuln_resolve when the database does not cover t.
 */
int bi_vuln_match(struct bi_vulndb *db, const struct bi_vuln_target *t,
		  const struct bi_pkglist *pkgs, struct bi_findings *ret, struct bi_err **err);

#endif
