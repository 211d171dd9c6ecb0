/* SPDX-License-Identifier: MIT */
/* One entry point over the three version schemes (see version.h). */
#include "util/common.h"

#include "pkgdb/version.h"

static const char *const scheme_names[] = {
	[BI_VER_DEB] = "deb",
	[BI_VER_APK] = "apk",
	[BI_VER_RPM] = "rpm",
};

bool bi_ver_scheme_parse(const char *name, enum bi_ver_scheme *ret)
{
	static const struct {
		const char *name;
		enum bi_ver_scheme s;
	} aliases[] = {
		{ "deb", BI_VER_DEB }, { "dpkg", BI_VER_DEB },	 { "debian", BI_VER_DEB },
		{ "apk", BI_VER_APK }, { "alpine", BI_VER_APK }, { "rpm", BI_VER_RPM },
	};

	for (size_t i = 0; i < BI_ARRAY_SIZE(aliases); i++) {
		if (strcmp(name, aliases[i].name) == 0) {
			*ret = aliases[i].s;
			return true;
		}
	}
	return false;
}

const char *bi_ver_scheme_name(enum bi_ver_scheme s)
{
	return (unsigned)s < BI_VER__MAX ? scheme_names[s] : "?";
}

static bool has_blank(struct bi_span v)
{
	for (size_t i = 0; i < v.len; i++)
		if (v.ptr[i] == ' ' || v.ptr[i] == '\t' || v.ptr[i] == '\n' || v.ptr[i] == '\r')
			return true;
	return false;
}

static enum bi_ver_validity rpm_check(struct bi_span v, const char **ret_reason)
{
	/*
	 * rpm only refuses an empty EVR; we also refuse what no header can hold
	 * (rpmbuild rejects blanks in Version and Release).
	 */
	if (v.len == 0)
		*ret_reason = "version string is empty";
	else if (v.len > BI_MAX_VERSION)
		*ret_reason = "version string is too long";
	else if (memchr(v.ptr, '\0', v.len))
		*ret_reason = "version string has a NUL byte";
	else if (has_blank(v))
		*ret_reason = "version string has embedded blanks";
	else
		return BI_VER_VALID;
	return BI_VER_INVALID;
}

enum bi_ver_validity bi_ver_check(enum bi_ver_scheme s, struct bi_span v, const char **ret_reason)
{
	const char *why = NULL;
	enum bi_ver_validity r = BI_VER_INVALID;

	switch (s) {
	case BI_VER_DEB: {
		struct bi_deb_ver dv;
		r = bi_deb_ver_parse(v, &dv, &why);
		break;
	}
	case BI_VER_APK:
		/*
		 * apk compares any two strings (`apk version -t 1.0 1.0bc` says
		 * '<'), so only an empty, oversized or blank-holding version is
		 * refused.
		 */
		if (bi_apk_ver_valid(v, &why))
			r = BI_VER_VALID;
		else if (v.len && v.len <= BI_MAX_VERSION && has_blank(v))
			why = "version string has embedded blanks"; /* no .apk can carry one */
		else
			r = v.len == 0 || v.len > BI_MAX_VERSION ? BI_VER_INVALID : BI_VER_WARN;
		break;
	case BI_VER_RPM:
		r = rpm_check(v, &why);
		break;
	case BI_VER__MAX:
		why = "unknown version scheme";
		break;
	}
	if (ret_reason)
		*ret_reason = why;
	return r;
}

int bi_ver_cmp(enum bi_ver_scheme s, struct bi_span a, struct bi_span b)
{
	int r = 0;

	switch (s) {
	case BI_VER_DEB:
		r = bi_deb_ver_cmp(a, b);
		break;
	case BI_VER_APK:
		r = bi_apk_ver_cmp(a, b);
		break;
	case BI_VER_RPM:
		r = bi_rpm_evr_cmp(a, b);
		break;
	case BI_VER__MAX:
		assert(!"unknown version scheme");
		break;
	}
	return (r > 0) - (r < 0);
}
