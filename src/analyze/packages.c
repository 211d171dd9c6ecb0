/* SPDX-License-Identifier: MIT */
/*
 * Finding and reading the image's package database, and the layer that
 * installed each package. The merged view keeps only the final copy of a
 * database file, so "the layer that last wrote the database" would blame
 * every package on the last layer that installed anything. Instead, per
 * package (docs/classification.md "Which layer installed a package"):
 *   apk, rpm        the lowest layer among the package's own files that are
 *                   still in the image (the file lists are in the database);
 *   dpkg            the layer of var/lib/dpkg/info/<pkg>[:<arch>].list, which
 *                   dpkg rewrites exactly when it (re)installs that package;
 *   dpkg status.d   the layer of status.d/<file> holding the stanza.
 * When none of these is found: the layer of the database file itself.
 */
#include "util/common.h"
#include "analyze/analyze.h"
#include "analyze/view.h"

static int layer_of(void *ctx, const char *path)
{
	const struct bi_view *v = ctx;
	const struct bi_fentry *e = v->lookup(v->ctx, path);

	if (!e)
		e = v->resolve(v->ctx, path); /* usr-merge: lib -> usr/lib */
	return e ? e->layer : -1;
}

static void add_warning(struct bi_analysis *a, char *msg)
{
	a->warnings = bi_xreallocarray(a->warnings, a->nwarnings + 1, sizeof(char *));
	a->warnings[a->nwarnings++] = msg;
}

static void take_pkg_warnings(struct bi_analysis *a)
{
	for (size_t i = 0; i < a->pkgs.nwarnings; i++)
		add_warning(a, bi_xstrdup(a->pkgs.warnings[i]));
}

static void default_layers(struct bi_pkglist *l, size_t from, int layer)
{
	for (size_t i = from; i < l->n; i++)
		if (l->pkgs[i].layer < 0)
			l->pkgs[i].layer = layer;
}

/* A database file that exists but whose content the walker did not keep. */
static bool unread(struct bi_analysis *a, const struct bi_fentry *e, const char *path)
{
	if (e->content.ptr || e->size == 0)
		return false;
	add_warning(a, bi_xasprintf("/%s: content not available, packages not read", path));
	return true;
}

static int load_dpkg_status_d(struct bi_analysis *a, const struct bi_view *v, struct bi_err **err)
{
	static const char prefix[] = "var/lib/dpkg/status.d/";
	size_t n = v->count(v->ctx);

	for (size_t i = v->lower_bound(v->ctx, prefix); i < n; i++) {
		const struct bi_fentry *e = v->at(v->ctx, i);
		struct bi_span base;
		size_t before = a->pkgs.n;
		int r;

		if (strncmp(e->path, prefix, sizeof(prefix) - 1) != 0)
			break;
		base = bi_span_str(e->path + sizeof(prefix) - 1);
		if (e->type != BI_F_REG || bi_span_find_char(base, '/') >= 0 ||
		    bi_span_ends_with(base, ".md5sums") || base.len == 0 || base.ptr[0] == '.')
			continue;
		if (unread(a, e, e->path))
			continue;
		r = bi_dpkg_parse(e->content, e->path, true, &a->pkgs, err);
		if (r < 0)
			return r;
		default_layers(&a->pkgs, before, e->layer);
	}
	return 0;
}

static void dpkg_layers(struct bi_analysis *a, const struct bi_view *v, int db_layer)
{
	for (size_t i = 0; i < a->pkgs.n; i++) {
		struct bi_pkg *p = &a->pkgs.pkgs[i];
		char path[BI_MAX_PATH];
		const struct bi_fentry *e;

		if (p->layer >= 0)
			continue;
		snprintf(path, sizeof(path), "var/lib/dpkg/info/%s.list", p->name);
		e = v->lookup(v->ctx, path);
		if (!e && p->arch) {
			snprintf(path, sizeof(path), "var/lib/dpkg/info/%s:%s.list", p->name,
				 p->arch);
			e = v->lookup(v->ctx, path);
		}
		p->layer = e ? e->layer : db_layer;
	}
}

static const char *const rpmdbs[] = {
	"var/lib/rpm/rpmdb.sqlite",
	"usr/lib/sysimage/rpm/rpmdb.sqlite",
};

static const char *const rpm_legacy[] = {
	"var/lib/rpm/Packages",
	"var/lib/rpm/Packages.db",
	"usr/lib/sysimage/rpm/Packages.db",
};

int bi_analyze__packages(struct bi_analysis *a, const struct bi_view *v, struct bi_err **err)
{
	struct bi_pkg_layer_cb cb = { layer_of, (void *)v };
	const struct bi_fentry *e;
	int r;

	bi_pkglist_init(&a->pkgs, BI_PKG_NONE);
	e = v->resolve(v->ctx, "lib/apk/db/installed");
	if (e && e->type == BI_F_REG) {
		a->pkgs.format = BI_PKG_APK;
		if (!unread(a, e, "lib/apk/db/installed")) {
			r = bi_apk_parse(e->content, "/lib/apk/db/installed", &cb, &a->pkgs, err);
			if (r < 0)
				return r;
		}
		default_layers(&a->pkgs, 0, e->layer);
		goto done;
	}
	e = v->resolve(v->ctx, "var/lib/dpkg/status");
	if (e && e->type == BI_F_REG) {
		a->pkgs.format = BI_PKG_DPKG;
		if (!unread(a, e, "var/lib/dpkg/status")) {
			r = bi_dpkg_parse(e->content, "/var/lib/dpkg/status", false, &a->pkgs, err);
			if (r < 0)
				return r;
		}
		dpkg_layers(a, v, e->layer);
		/* some distroless-style images have both; status.d adds to status */
		r = load_dpkg_status_d(a, v, err);
		if (r < 0)
			return r;
		goto done;
	}
	r = load_dpkg_status_d(a, v, err);
	if (r < 0)
		return r;
	if (a->pkgs.n) {
		a->pkgs.format = BI_PKG_DPKG_STATUS_D;
		goto done;
	}
	for (size_t i = 0; i < BI_ARRAY_SIZE(rpmdbs); i++) {
		e = v->resolve(v->ctx, rpmdbs[i]);
		if (!e || e->type != BI_F_REG)
			continue;
		a->pkgs.format = BI_PKG_RPM;
		if (!unread(a, e, rpmdbs[i])) {
			char name[64];
			snprintf(name, sizeof(name), "/%s", rpmdbs[i]);
			r = bi_rpmdb_parse(e->content, name, &cb, &a->pkgs, err);
			if (r < 0)
				return r;
		}
		default_layers(&a->pkgs, 0, e->layer);
		goto done;
	}
	for (size_t i = 0; i < BI_ARRAY_SIZE(rpm_legacy); i++) {
		e = v->resolve(v->ctx, rpm_legacy[i]);
		if (!e || e->type != BI_F_REG)
			continue;
		a->pkgs.format = BI_PKG_RPM;
		add_warning(a, bi_xasprintf("/%s: Berkeley DB / NDB rpm databases are not "
					    "supported (rpm >= 4.16 writes rpmdb.sqlite); "
					    "packages not read",
					    rpm_legacy[i]));
		break;
	}
done:
	take_pkg_warnings(a);
	bi_pkglist_sort(&a->pkgs);
	return 0;
}
