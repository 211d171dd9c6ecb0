/* SPDX-License-Identifier: MIT */
#ifndef BI_PKGDB_VERSION_H
#define BI_PKGDB_VERSION_H

/*
 * Package version comparison in each distribution's own scheme, exactly as
 * its package manager does it:
 *   deb  dpkg's parseversion() + verrevcmp() (epoch, upstream, revision, '~')
 *   apk  apk-tools 3.x version.c (digits, letter, _suffixes, ~hash, -rN)
 *   rpm  rpm 4.18 rpmvercmp() with '~' and '^', and rpmverCmp() over E:V-R
 *
 * Comparisons are total: every pair of byte strings compares (the way the
 * package manager would compare them), so a malformed version in a feed
 * never crashes a sort. Whether a version is *valid* is a separate question
 * answered by bi_ver_check(). Versions longer than BI_MAX_VERSION are
 * invalid; compare only checked versions where it matters.
 */
#include <stdbool.h>
#include <stdint.h>

#include "util/span.h"

enum bi_ver_scheme {
	BI_VER_DEB,
	BI_VER_APK,
	BI_VER_RPM,
	BI_VER__MAX,
};

/* "deb" (also "dpkg", "debian"), "apk" ("alpine"), "rpm". false when unknown. */
bool bi_ver_scheme_parse(const char *name, enum bi_ver_scheme *ret);
const char *bi_ver_scheme_name(enum bi_ver_scheme s);

enum bi_ver_validity {
	BI_VER_VALID,
	/*
	 * The package manager still compares it: dpkg with a warning (bad
	 * characters, no leading digit); apk for anything outside its grammar.
	 */
	BI_VER_WARN,
	BI_VER_INVALID, /* the package manager refuses it */
};

/* Check one version; *ret_reason (static text) says what is wrong when not valid. */
enum bi_ver_validity bi_ver_check(enum bi_ver_scheme s, struct bi_span v, const char **ret_reason);

/* Compare in scheme s: <0, 0 or >0. */
int bi_ver_cmp(enum bi_ver_scheme s, struct bi_span a, struct bi_span b);

/* ---- Debian ---- */
struct bi_deb_ver {
	uint32_t epoch;
	struct bi_span upstream; /* borrowed from the input */
	struct bi_span revision; /* empty when absent */
};

/*
 * dpkg's parseversion(): blanks around the version are trimmed. Returns the
 * validity; for BI_VER_INVALID *ret is a best-effort split that still
 * compares (epoch 0 unless the epoch parsed).
 */
enum bi_ver_validity bi_deb_ver_parse(struct bi_span s, struct bi_deb_ver *ret,
				      const char **ret_reason);
/* dpkg's verrevcmp() on one part (upstream or revision), on raw bytes. */
int bi_deb_verrevcmp(struct bi_span a, struct bi_span b);
int bi_deb_ver_cmp_parsed(const struct bi_deb_ver *a, const struct bi_deb_ver *b);
int bi_deb_ver_cmp(struct bi_span a, struct bi_span b);

/* ---- Alpine ---- */
enum bi_apk_op {
	BI_APK_LESS = 1 << 0,
	BI_APK_EQUAL = 1 << 1,
	BI_APK_GREATER = 1 << 2,
	BI_APK_FUZZY = 1 << 3,
};

bool bi_apk_ver_valid(struct bi_span v, const char **ret_reason);
int bi_apk_ver_cmp(struct bi_span a, struct bi_span b);
/*
 * apk_version_match(): whether "a OP b" holds, OP a mask of enum bi_apk_op
 * ("~" is FUZZY|EQUAL: a matches b's leading components).
 */
bool bi_apk_ver_match(struct bi_span a, unsigned op, struct bi_span b);
/* "<", "<=", "=", ">=", ">", "~", "<~", ">~": the mask, or 0 when unknown. */
unsigned bi_apk_op_parse(struct bi_span op);

/* ---- RPM ---- */
/* rpmvercmp() on plain version (or release) strings. */
int bi_rpm_vercmp(struct bi_span a, struct bi_span b);
/*
 * rpmverCmp() over "[E:]V[-R]" (what rpm.vercmp() does): epoch (absent or
 * empty = 0), version, then release, a missing release sorting first.
 */
int bi_rpm_evr_cmp(struct bi_span a, struct bi_span b);

#endif
