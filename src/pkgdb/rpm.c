/* SPDX-License-Identifier: MIT */
/*
 * The RPM package database in its SQLite form (rpm >= 4.16:
 * var/lib/rpm/rpmdb.sqlite, usr/lib/sysimage/rpm/rpmdb.sqlite): table
 * Packages(hnum INTEGER PRIMARY KEY, blob BLOB), one header blob per package
 * (rpm lib/backend/sqlite.c). SQLite is reached only through util/sqlite.h.
 */
#include "util/common.h"
#include "pkgdb/pkgdb.h"
#include "util/sqlite.h"

/* "glibc-2.34-100.el9.src.rpm" -> name "glibc", version "2.34-100.el9". */
static void split_sourcerpm(const char *srpm, char **ret_name, char **ret_ver)
{
	struct bi_span s = bi_span_str(srpm);
	ptrdiff_t rel = -1, ver = -1;

	if (!bi_span_ends_with(s, ".src.rpm") && !bi_span_ends_with(s, ".nosrc.rpm"))
		goto whole;
	s.len -= bi_span_ends_with(s, ".src.rpm") ? strlen(".src.rpm") : strlen(".nosrc.rpm");
	for (size_t i = s.len; i-- > 0;) {
		if (s.ptr[i] != '-')
			continue;
		if (rel < 0)
			rel = (ptrdiff_t)i;
		else {
			ver = (ptrdiff_t)i;
			break;
		}
	}
	if (ver <= 0)
		goto whole;
	*ret_name = bi_xstrndup(s.ptr, (size_t)ver);
	*ret_ver = bi_xstrndup(s.ptr + ver + 1, s.len - (size_t)ver - 1);
	return;
whole:
	*ret_name = bi_xstrdup(srpm);
	*ret_ver = NULL;
}

static int add_header(struct bi_pkglist *l, struct bi_rpm_header *h, int layer, struct bi_err **err)
{
	struct bi_pkg *p;
	char *srcname = NULL, *srcver = NULL;
	int r;

	r = bi_pkglist_add(l, &p, err);
	if (r < 0)
		return r;
	if (h->has_epoch)
		p->version = bi_xasprintf("%" PRIu32 ":%s-%s", h->epoch, h->version,
					  h->release ? h->release : "");
	else
		p->version = bi_xasprintf("%s-%s", h->version, h->release ? h->release : "");
	if (!h->release)
		p->version[strlen(p->version) - 1] = '\0'; /* no "-" without a release */
	p->name = TAKE_PTR(h->name);
	p->arch = TAKE_PTR(h->arch);
	if (h->sourcerpm)
		split_sourcerpm(h->sourcerpm, &srcname, &srcver);
	p->source = srcname ? srcname : bi_xstrdup(p->name);
	if (srcver && h->has_epoch) {
		p->source_version = bi_xasprintf("%" PRIu32 ":%s", h->epoch, srcver);
		free(srcver);
	} else {
		p->source_version = srcver ? srcver : bi_xstrdup(p->version);
	}
	p->layer = layer;
	return 0;
}

int bi_rpmdb_parse(struct bi_span sqlite_bytes, const char *name, const struct bi_pkg_layer_cb *cb,
		   struct bi_pkglist *l, struct bi_err **err)
{
	_cleanup_(bi_db_closep) struct bi_db *db = NULL;
	_cleanup_(bi_stmt_finalizep) struct bi_stmt *st = NULL;
	int r;

	r = bi_db_open_memory(sqlite_bytes, name, &db, err);
	if (r < 0)
		return r;
	r = bi_db_prepare(db, "SELECT hnum, blob FROM Packages ORDER BY hnum", &st, err);
	if (r < 0)
		return r; /* "NAME: prepare: file is not a database" */
	while ((r = bi_stmt_step(st, err)) > 0) {
		struct bi_rpm_header h = { 0 };
		struct bi_err *herr = NULL;
		int64_t hnum = bi_stmt_int(st, 0);
		int layer = -1;

		r = bi_rpm_header_parse(bi_stmt_blob(st, 1), cb, &h, &layer, &herr);
		if (r < 0) {
			bi_pkglist_warn(l, "%s: package #%" PRId64 ": %s, skipped", name, hnum,
					bi_err_msg(herr));
			bi_err_free(herr);
			continue;
		}
		/* Imported signing keys are stored as pseudo-packages. */
		if (strcmp(h.name, "gpg-pubkey") == 0) {
			bi_rpm_header_release(&h);
			continue;
		}
		r = add_header(l, &h, layer, err);
		bi_rpm_header_release(&h);
		if (r < 0)
			return bi_err_wrap(err, "%s", name);
	}
	if (r < 0)
		return bi_err_wrap(err, "%s", name);
	return 0;
}
