/* SPDX-License-Identifier: MIT */
#ifndef BI_PKGDB_PKG_H
#define BI_PKGDB_PKG_H

/* Installed packages, as every package database reader reports them. */
#include <stddef.h>

enum bi_pkg_format {
	BI_PKG_NONE,
	BI_PKG_APK,
	BI_PKG_DPKG,
	BI_PKG_DPKG_STATUS_D, /* distroless var/lib/dpkg/status.d/ */
	BI_PKG_RPM,
	BI_PKG_FORMAT__MAX,
};

struct bi_pkg {
	char *name;
	char *version; /* full version: deb "1:2.3-4", apk "3.3.2-r0", rpm "[E:]V-R" */
	char *arch;
	char *source;	      /* source package (dpkg Source:, apk origin, rpm source rpm name) */
	char *source_version; /* the source's version (dpkg "Source: x (ver)"), else = version */
	int layer;	      /* index of the layer that installed it (-1 unknown) */
};

struct bi_pkglist {
	enum bi_pkg_format format;
	struct bi_pkg *pkgs;
	size_t n, alloc;
	/* Damaged stanzas skipped (libarchive ARCHIVE_WARN): human messages. */
	char **warnings;
	size_t nwarnings, warnings_alloc;
};

void bi_pkglist_release(struct bi_pkglist *l);
const char *
bi_pkg_format_name(enum bi_pkg_format f); /* "apk", "dpkg", "dpkg-status.d", "rpm", "none" */

#endif
