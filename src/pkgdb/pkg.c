/* SPDX-License-Identifier: MIT */
/* struct bi_pkglist: the one list every package database reader fills. */
#include "util/common.h"
#include "pkgdb/pkgdb.h"

/* Warnings kept per list; the rest are counted in one last message. */
#define MAX_WARNINGS 100

void bi_pkglist_init(struct bi_pkglist *l, enum bi_pkg_format format)
{
	memset(l, 0, sizeof(*l));
	l->format = format;
}

void bi_pkg_release(struct bi_pkg *p)
{
	free(p->name);
	free(p->version);
	free(p->arch);
	free(p->source);
	free(p->source_version);
	memset(p, 0, sizeof(*p));
	p->layer = -1;
}

void bi_pkglist_release(struct bi_pkglist *l)
{
	enum bi_pkg_format f = l->format;

	for (size_t i = 0; i < l->n; i++)
		bi_pkg_release(&l->pkgs[i]);
	free(l->pkgs);
	for (size_t i = 0; i < l->nwarnings; i++)
		free(l->warnings[i]);
	free(l->warnings);
	bi_pkglist_init(l, f);
}

void bi_pkglist_releasep(struct bi_pkglist *l)
{
	bi_pkglist_release(l);
}

const char *bi_pkg_format_name(enum bi_pkg_format f)
{
	switch (f) {
	case BI_PKG_APK:
		return "apk";
	case BI_PKG_DPKG:
		return "dpkg";
	case BI_PKG_DPKG_STATUS_D:
		return "dpkg-status.d";
	case BI_PKG_RPM:
		return "rpm";
	case BI_PKG_NONE:
	case BI_PKG_FORMAT__MAX:
		break;
	}
	return "none";
}

int bi_pkglist_add(struct bi_pkglist *l, struct bi_pkg **ret, struct bi_err **err)
{
	if (l->n >= BI_MAX_PACKAGES)
		return bi_err_set(err, BI_ELIMIT, "more than %d packages (the cap)",
				  BI_MAX_PACKAGES);
	BI_ALLOC_GROW(l->pkgs, l->n + 1, l->alloc);
	memset(&l->pkgs[l->n], 0, sizeof(l->pkgs[0]));
	l->pkgs[l->n].layer = -1;
	*ret = &l->pkgs[l->n++];
	return 0;
}

void bi_pkglist_drop_last(struct bi_pkglist *l)
{
	if (l->n == 0)
		return;
	bi_pkg_release(&l->pkgs[--l->n]);
}

void bi_pkglist_warn(struct bi_pkglist *l, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (l->nwarnings > MAX_WARNINGS)
		return;
	if (l->nwarnings == MAX_WARNINGS) {
		msg = bi_xasprintf("more than %d damaged records; further warnings dropped",
				   MAX_WARNINGS);
	} else {
		va_start(ap, fmt);
		msg = bi_xvasprintf(fmt, ap);
		va_end(ap);
	}
	BI_ALLOC_GROW(l->warnings, l->nwarnings + 1, l->warnings_alloc);
	l->warnings[l->nwarnings++] = msg;
}

static int strcmp_null(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int cmp_pkg(const void *a, const void *b)
{
	const struct bi_pkg *x = a, *y = b;
	int c = strcmp_null(x->name, y->name);

	if (c)
		return c;
	c = strcmp_null(x->arch, y->arch);
	if (c)
		return c;
	return strcmp_null(x->version, y->version);
}

void bi_pkglist_sort(struct bi_pkglist *l)
{
	if (l->n > 1)
		qsort(l->pkgs, l->n, sizeof(l->pkgs[0]), cmp_pkg);
}

const struct bi_pkg *bi_pkglist_find(const struct bi_pkglist *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->pkgs[i].name && strcmp(l->pkgs[i].name, name) == 0)
			return &l->pkgs[i];
	return NULL;
}
