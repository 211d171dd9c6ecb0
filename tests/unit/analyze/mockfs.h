/* SPDX-License-Identifier: MIT */
#ifndef BI_TEST_MOCKFS_H
#define BI_TEST_MOCKFS_H

/*
 * A merged view built in a test: add entries, then use mock_view(). resolve
 * follows symlinks like bi_fs_resolve (absolute targets from the root, ".."
 * stops at the root, a hop cap for loops).
 */
#include "analyze/view.h"
#include "elf/elf.h"

struct mockfs {
	struct bi_fentry e[256];
	size_t n;
	bool sorted;
};

static int mock_cmp(const void *a, const void *b)
{
	return strcmp(((const struct bi_fentry *)a)->path, ((const struct bi_fentry *)b)->path);
}

static struct bi_fentry *mock_add(struct mockfs *m, const char *path, enum bi_ftype type,
				  uint32_t mode, int layer)
{
	struct bi_fentry *e = &m->e[m->n++];

	assert(m->n <= BI_ARRAY_SIZE(m->e));
	memset(e, 0, sizeof(*e));
	e->path = path;
	e->type = type;
	e->mode = mode;
	e->layer = layer;
	e->size = 100;
	m->sorted = false;
	return e;
}

static inline struct bi_fentry *mock_file(struct mockfs *m, const char *path, const char *content,
					  int layer)
{
	struct bi_fentry *e = mock_add(m, path, BI_F_REG, 0644, layer);
	if (content) {
		e->content = bi_span_str(content);
		e->size = strlen(content);
	}
	return e;
}

static inline struct bi_fentry *mock_exe(struct mockfs *m, const char *path,
					 const struct bi_elf_info *elf, int layer)
{
	struct bi_fentry *e = mock_add(m, path, BI_F_REG, 0755, layer);
	e->elf = elf;
	return e;
}

static inline void mock_link(struct mockfs *m, const char *path, const char *target, int layer)
{
	mock_add(m, path, BI_F_SYMLINK, 0777, layer)->link = target;
}

static inline void mock_dir(struct mockfs *m, const char *path, int layer)
{
	mock_add(m, path, BI_F_DIR, 0755, layer);
}

static void mock_sort(struct mockfs *m)
{
	if (!m->sorted)
		qsort(m->e, m->n, sizeof(m->e[0]), mock_cmp);
	m->sorted = true;
}

static const struct bi_fentry *mock_lookup(void *ctx, const char *path)
{
	struct mockfs *m = ctx;
	struct bi_fentry key = { .path = path };

	mock_sort(m);
	return bsearch(&key, m->e, m->n, sizeof(m->e[0]), mock_cmp);
}

/* Normalise "a/b/../c" into out (no leading "/"). */
static void mock_norm(const char *in, char *out)
{
	char buf[BI_MAX_PATH];
	size_t n = 0;

	snprintf(buf, sizeof(buf), "%s", in);
	out[0] = '\0';
	for (char *save = NULL, *tok = strtok_r(buf, "/", &save); tok;
	     tok = strtok_r(NULL, "/", &save)) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			char *s = strrchr(out, '/');
			n = s ? (size_t)(s - out) : 0;
			out[n] = '\0';
			continue;
		}
		n += (size_t)snprintf(out + n, BI_MAX_PATH - n, "%s%s", n ? "/" : "", tok);
	}
}

static const struct bi_fentry *mock_resolve(void *ctx, const char *path)
{
	char cur[BI_MAX_PATH], next[BI_MAX_PATH * 2];
	int hops = 0;

	mock_norm(path, cur);
	for (;;) {
		/* resolve the first symlink component */
		char prefix[BI_MAX_PATH];
		size_t len = strlen(cur);
		bool changed = false;
		for (size_t i = 0; i <= len && !changed; i++) {
			const struct bi_fentry *e;
			if (i == 0 || (i != len && cur[i] != '/'))
				continue;
			memcpy(prefix, cur, i);
			prefix[i] = '\0';
			e = mock_lookup(ctx, prefix);
			if (!e && i != len)
				continue; /* parent folders need not be listed */
			if (!e)
				return NULL;
			if (e->type == BI_F_SYMLINK) {
				if (++hops > BI_MAX_SYMLINK_HOPS)
					return NULL;
				if (e->link[0] == '/')
					snprintf(next, sizeof(next), "%s%s", e->link, cur + i);
				else {
					const char *s = strrchr(prefix, '/');
					snprintf(next, sizeof(next), "%.*s/%s%s",
						 s ? (int)(s - prefix) : 0, prefix, e->link,
						 cur + i);
				}
				mock_norm(next, cur);
				changed = true;
			} else if (i == len) {
				return e;
			}
		}
	}
}

static size_t mock_count(void *ctx)
{
	return ((struct mockfs *)ctx)->n;
}

static const struct bi_fentry *mock_at(void *ctx, size_t i)
{
	struct mockfs *m = ctx;
	mock_sort(m);
	return &m->e[i];
}

static size_t mock_lower_bound(void *ctx, const char *prefix)
{
	struct mockfs *m = ctx;
	size_t i = 0;

	mock_sort(m);
	while (i < m->n && strcmp(m->e[i].path, prefix) < 0)
		i++;
	return i;
}

static inline struct bi_view mock_view(struct mockfs *m)
{
	struct bi_view v = { mock_lookup, mock_resolve, mock_count, mock_at, mock_lower_bound, m };
	mock_sort(m);
	return v;
}

#endif
