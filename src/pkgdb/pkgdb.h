/* SPDX-License-Identifier: MIT */
#ifndef BI_PKGDB_PKGDB_H
#define BI_PKGDB_PKGDB_H

/*
 * Package database readers: Alpine's lib/apk/db/installed, dpkg's
 * var/lib/dpkg/status and distroless' var/lib/dpkg/status.d/<pkg>, and the
 * RPM SQLite database. Each reader appends to a struct bi_pkglist (pkg.h).
 *
 * Damage to one record (a stanza without a name, a header blob that does not
 * parse) is a warning in the list, not a failure (libarchive ARCHIVE_WARN);
 * only an unusable database as a whole (not SQLite, a cap exceeded) fails.
 * Every size taken from the input is capped (util/limits.h BI_MAX_PACKAGES,
 * BI_MAX_PKG_FIELD, BI_MAX_RPM_HEADER).
 */
#include <stdbool.h>
#include <stdint.h>

#include "pkgdb/pkg.h"
#include "util/span.h"

struct bi_err;

/*
 * Which layer last wrote a path of the image (normalised, no leading "/"), or
 * -1 when the path is absent. The apk and rpm readers use it to find the layer
 * that installed each package: the lowest layer among the package's own files
 * that are still present (a package upgraded in layer 3 had every file
 * rewritten there; a later layer editing one config file does not move it).
 */
struct bi_pkg_layer_cb {
	int (*layer_of)(void *ctx, const char *path);
	void *ctx;
};

/* Lifecycle helpers (pkg.c). _init allocates nothing. */
void bi_pkglist_init(struct bi_pkglist *l, enum bi_pkg_format format);
void bi_pkglist_releasep(struct bi_pkglist *l);
/* Append an empty package (layer -1); BI_ELIMIT past BI_MAX_PACKAGES. */
int bi_pkglist_add(struct bi_pkglist *l, struct bi_pkg **ret, struct bi_err **err);
/* Drop the last package added (a damaged record). */
void bi_pkglist_drop_last(struct bi_pkglist *l);
__attribute__((format(printf, 2, 3))) void bi_pkglist_warn(struct bi_pkglist *l, const char *fmt,
							   ...);
/* Sort by name, then arch. */
void bi_pkglist_sort(struct bi_pkglist *l);
/* Borrowed; NULL when no package has that name. */
const struct bi_pkg *bi_pkglist_find(const struct bi_pkglist *l, const char *name);
void bi_pkg_release(struct bi_pkg *p);

/* apk.c: lib/apk/db/installed. `name` is for messages; cb may be NULL. */
int bi_apk_parse(struct bi_span db, const char *name, const struct bi_pkg_layer_cb *cb,
		 struct bi_pkglist *l, struct bi_err **err);

/*
 * dpkg.c: var/lib/dpkg/status (only "install ok installed" stanzas count;
 * also "hold ok installed"). With `status_d` set, a distroless status.d file:
 * every stanza counts (those files carry no Status field).
 */
int bi_dpkg_parse(struct bi_span db, const char *name, bool status_d, struct bi_pkglist *l,
		  struct bi_err **err);

/* rpm_header.c: one RPM header blob as stored in rpmdb.sqlite (no lead, no magic). */
struct bi_rpm_header {
	char *name, *version, *release, *arch, *sourcerpm;
	uint32_t epoch;
	bool has_epoch;
};
/*
 * Parse a header blob. With cb, also walk its file list (DIRNAMES, BASENAMES,
 * DIRINDEXES) and store the lowest layer that wrote one of the files in
 * *ret_layer (-1 when none is present). BI_EFORMAT on a malformed blob.
 */
int bi_rpm_header_parse(struct bi_span blob, const struct bi_pkg_layer_cb *cb,
			struct bi_rpm_header *ret, int *ret_layer, struct bi_err **err);
void bi_rpm_header_release(struct bi_rpm_header *h);

/* rpm.c: the SQLite rpmdb (table Packages(hnum, blob)) from bytes in memory. */
int bi_rpmdb_parse(struct bi_span sqlite_bytes, const char *name, const struct bi_pkg_layer_cb *cb,
		   struct bi_pkglist *l, struct bi_err **err);

#endif
