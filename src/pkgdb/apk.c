/* SPDX-License-Identifier: MIT */
/*
 * Alpine's installed database, lib/apk/db/installed: stanzas of "X:value"
 * lines separated by blank lines (apk-tools src/database.c). We read
 * P (name), V (version), A (arch), o (origin); F (folder) and R (file in the
 * last F) only to find the layer that installed each package.
 */
#include "util/common.h"
#include "pkgdb/pkgdb.h"

struct apk_state {
	struct bi_pkglist *l;
	const char *name;
	const struct bi_pkg_layer_cb *cb;
	struct bi_pkg *cur; /* package being filled, NULL between stanzas */
	size_t stanza_line;
	char dir[BI_MAX_PATH];
	size_t dirlen;
	bool dir_ok;
};

static void stanza_end(struct apk_state *st)
{
	struct bi_pkg *p = st->cur;

	if (!p)
		return;
	st->cur = NULL;
	st->dirlen = 0;
	st->dir_ok = false;
	if (!p->name || !*p->name || !p->version || !*p->version) {
		bi_pkglist_warn(st->l, "%s: line %zu: package record without %s, skipped", st->name,
				st->stanza_line,
				!p->name || !*p->name ? "P: (name)" : "V: (version)");
		bi_pkglist_drop_last(st->l);
		return;
	}
	if (!p->source)
		p->source = bi_xstrdup(p->name);
	if (!p->source_version)
		p->source_version = bi_xstrdup(p->version);
}

static void set_field(char **field, struct bi_span v)
{
	free(*field);
	*field = bi_span_dup(v);
}

static void file_layer(struct apk_state *st, struct bi_span file)
{
	char path[BI_MAX_PATH];
	int n, layer;

	if (!st->cb || !st->dir_ok || file.len == 0)
		return;
	if (st->dirlen)
		n = snprintf(path, sizeof(path), "%.*s/" BI_SPAN_FMT, (int)st->dirlen, st->dir,
			     BI_SPAN_ARG(file));
	else
		n = snprintf(path, sizeof(path), BI_SPAN_FMT, BI_SPAN_ARG(file));
	if (n < 0 || (size_t)n >= sizeof(path))
		return;
	layer = st->cb->layer_of(st->cb->ctx, path);
	if (layer >= 0 && (st->cur->layer < 0 || layer < st->cur->layer))
		st->cur->layer = layer;
}

int bi_apk_parse(struct bi_span db, const char *name, const struct bi_pkg_layer_cb *cb,
		 struct bi_pkglist *l, struct bi_err **err)
{
	struct apk_state st = { .l = l, .name = name, .cb = cb };
	struct bi_span line;
	size_t lineno = 0;
	int r;

	while (bi_span_next_line(&db, &line)) {
		struct bi_span v;
		char key;

		lineno++;
		if (line.len == 0) {
			stanza_end(&st);
			continue;
		}
		if (line.len < 2 || line.ptr[1] != ':') {
			bi_pkglist_warn(l, "%s: line %zu: not a \"X:value\" line, ignored", name,
					lineno);
			continue;
		}
		if (line.len - 2 > BI_MAX_PKG_FIELD) {
			bi_pkglist_warn(l, "%s: line %zu: field longer than %zu bytes, ignored",
					name, lineno, (size_t)BI_MAX_PKG_FIELD);
			continue;
		}
		key = line.ptr[0];
		v = bi_span_sub(line, 2, line.len - 2);
		if (!st.cur) {
			r = bi_pkglist_add(l, &st.cur, err);
			if (r < 0)
				return bi_err_wrap(err, "%s: line %zu", name, lineno);
			st.stanza_line = lineno;
			st.dir_ok = true; /* R: before any F: is a file in the root */
			st.dirlen = 0;
		}
		switch (key) {
		case 'P':
			set_field(&st.cur->name, v);
			break;
		case 'V':
			set_field(&st.cur->version, v);
			break;
		case 'A':
			set_field(&st.cur->arch, v);
			break;
		case 'o':
			set_field(&st.cur->source, v);
			break;
		case 'F':
			st.dir_ok = v.len < sizeof(st.dir);
			if (st.dir_ok) {
				memcpy(st.dir, v.ptr, v.len);
				st.dirlen = v.len;
			}
			break;
		case 'R':
			file_layer(&st, v);
			break;
		default:
			break;
		}
	}
	stanza_end(&st);
	return 0;
}
