/* SPDX-License-Identifier: MIT */
/*
 * The merged view: layers applied in order (whiteouts, opaque folders, a
 * non-folder replacing a folder), then queries and symlink resolution inside
 * the image root.
 */
#include "util/common.h"
#include "layer/layer_int.h"

struct bi_fs {
	struct bi_fentry *ents; /* sorted by path */
	size_t n;
	struct bi_arena *arena;
	struct bi_warnings warn;
	uint64_t kept_bytes;
	size_t nlinks;	  /* hard links in the view */
	uint64_t *wasted; /* per layer that wrote the bytes (see fs.h) */
	size_t nwasted;
	struct bi_fs_waste top[BI_FS_TOP_WASTE];
	size_t ntop;
};

static const struct bi_fentry root_entry = {
	.path = "",
	.type = BI_F_DIR,
	.mode = 0755,
};

struct bi_fs *bi_fs_new(void)
{
	return bi_xcalloc(1, sizeof(struct bi_fs));
}

void bi_fs_free(struct bi_fs *fs)
{
	if (!fs)
		return;
	for (size_t i = 0; i < fs->n; i++)
		bi_fentry_release(&fs->ents[i]);
	free(fs->ents);
	free(fs->wasted);
	bi_arena_free(fs->arena);
	bi_warnings_release(&fs->warn);
	free(fs);
}

void bi_fs_freep(struct bi_fs **fs)
{
	bi_fs_free(*fs);
	*fs = NULL;
}

const char *const *bi_fs_warnings(const struct bi_fs *fs, size_t *ret_n)
{
	*ret_n = fs->warn.n;
	return (const char *const *)fs->warn.v;
}

/* Compare the first klen bytes of key (a whole path) with s, as strcmp would. */
static int cmp_prefix(const char *key, size_t klen, const char *s)
{
	size_t slen = strlen(s);
	int c = memcmp(key, s, klen < slen ? klen : slen);

	if (c)
		return c;
	return klen < slen ? -1 : klen > slen;
}

static bool str_in(char *const *v, size_t n, const char *key, size_t klen)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_prefix(key, klen, v[mid]);
		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

static const struct bi_fentry *ent_find(const struct bi_fentry *v, size_t n, const char *key,
					size_t klen)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_prefix(key, klen, v[mid].path);
		if (c == 0)
			return &v[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Is a lower-layer path hidden by this layer? */
static bool hidden_by(const struct bi_lentries *le, const char *path)
{
	size_t len = strlen(path);

	if (le->nopq && str_in(le->opq, le->nopq, "", 0))
		return true;
	if (le->nwh && str_in(le->wh, le->nwh, path, len))
		return true;
	for (size_t i = 0; i < len; i++) {
		const struct bi_fentry *e;

		if (path[i] != '/')
			continue;
		if (le->nwh && str_in(le->wh, le->nwh, path, i))
			return true;
		if (le->nopq && str_in(le->opq, le->nopq, path, i))
			return true;
		e = ent_find(le->ents, le->n, path, i);
		if (e && e->type != BI_F_DIR)
			return true; /* a folder replaced by a file or link */
	}
	return false;
}

/*
 * Lower entries this layer removed (`gone`, sorted by path) that hard links
 * of lower layers still point to: a hard link shares its target's inode, so
 * removing or replacing the target path leaves the file behind under the
 * link's name. The first such link takes the file over; further links to
 * the same file point to that one.
 */
static void keep_linked(struct bi_fentry *out, size_t o, int layer, struct bi_fentry *gone,
			size_t ngone, uint64_t *kept)
{
	for (size_t k = 0; k < o; k++) {
		struct bi_fentry *h = &out[k], *g;

		if (h->type != BI_F_HARDLINK || h->layer >= layer || !h->link)
			continue;
		g = (struct bi_fentry *)ent_find(gone, ngone, h->link, strlen(h->link));
		if (!g)
			continue;
		if (g->type == BI_F_HARDLINK) {
			h->link = g->link; /* taken over by an earlier link, or a link itself */
			continue;
		}
		h->type = g->type;
		h->mode = g->mode;
		h->uid = g->uid;
		h->gid = g->gid;
		h->size = g->size;
		h->link = g->type == BI_F_SYMLINK ? g->link : NULL;
		h->content = g->content;
		h->elf = g->elf;
		*kept += g->content.len;
		g->content = BI_SPAN_NULL;
		g->elf = NULL;
		g->type = BI_F_HARDLINK;
		g->link = h->path;
	}
}

static bool waste_before(const struct bi_fs_waste *a, const struct bi_fs_waste *b)
{
	int c;

	if (a->size != b->size)
		return a->size > b->size;
	c = strcmp(a->path, b->path);
	return c ? c < 0 : a->layer < b->layer;
}

/* A regular file of a lower layer leaves the view: its bytes are wasted. */
static void waste(struct bi_fs *fs, const struct bi_fentry *e, int by_layer, bool deleted)
{
	struct bi_fs_waste w = { e->path, e->size, e->layer, by_layer, deleted };
	size_t k;

	if (e->type != BI_F_REG || e->size == 0 || e->layer < 0 || e->layer >= BI_MAX_LAYERS)
		return;
	if ((size_t)e->layer >= fs->nwasted) {
		size_t n = (size_t)e->layer + 1;
		fs->wasted = bi_xreallocarray(fs->wasted, n, sizeof(*fs->wasted));
		memset(fs->wasted + fs->nwasted, 0, (n - fs->nwasted) * sizeof(*fs->wasted));
		fs->nwasted = n;
	}
	fs->wasted[e->layer] += e->size;
	k = fs->ntop < BI_FS_TOP_WASTE ? fs->ntop++ : BI_FS_TOP_WASTE;
	if (k == BI_FS_TOP_WASTE && !waste_before(&w, &fs->top[k - 1]))
		return;
	if (k == BI_FS_TOP_WASTE)
		k--;
	while (k > 0 && waste_before(&w, &fs->top[k - 1])) {
		fs->top[k] = fs->top[k - 1];
		k--;
	}
	fs->top[k] = w;
}

uint64_t bi_fs_layer_wasted(const struct bi_fs *fs, size_t layer)
{
	return layer < fs->nwasted ? fs->wasted[layer] : 0;
}

const struct bi_fs_waste *bi_fs_top_waste(const struct bi_fs *fs, size_t *ret_n)
{
	*ret_n = fs->ntop;
	return fs->top;
}

int bi_fs_apply(struct bi_fs *fs, struct bi_lentries *le, struct bi_err **err)
{
	struct bi_fentry *out, *gone = NULL;
	size_t i = 0, j = 0, o = 0, cap, ngone = 0, agone = 0, nlinks = 0;
	uint64_t kept = 0;

	bi_lentries_finish(le);
	if (fs->n == 0 && !fs->ents) {
		/* The first layer becomes the view as it is: no copy. */
		for (size_t k = 0; k < le->n; k++) {
			kept += le->ents[k].content.len;
			nlinks += le->ents[k].type == BI_F_HARDLINK;
		}
		out = TAKE_PTR(le->ents);
		o = le->n;
		goto done;
	}
	cap = fs->n + le->n;
	out = bi_xreallocarray(NULL, cap ? cap : 1, sizeof(*out));
	while (i < fs->n || j < le->n) {
		int c = i == fs->n ? 1 :
			j == le->n ? -1 :
				     strcmp(fs->ents[i].path, le->ents[j].path);
		struct bi_fentry *e;

		if (c < 0) {
			e = &fs->ents[i++];
			if (!hidden_by(le, e->path)) {
				kept += e->content.len;
				nlinks += e->type == BI_F_HARDLINK;
				out[o++] = *e;
				continue;
			}
		} else {
			e = c == 0 ? &fs->ents[i++] : NULL;
			kept += le->ents[j].content.len;
			nlinks += le->ents[j].type == BI_F_HARDLINK;
			out[o++] = le->ents[j++];
			if (!e)
				continue;
		}
		/* e leaves the view (hidden or replaced) */
		if (!fs->nlinks)
			waste(fs, e, le->layer, c < 0);
		if (fs->nlinks) {
			BI_ALLOC_GROW(gone, ngone + 1, agone);
			gone[ngone++] = *e;
		} else {
			bi_fentry_release(e);
		}
	}
	free(fs->ents);
	if (ngone)
		keep_linked(out, o, le->layer, gone, ngone, &kept);
	for (size_t k = 0; k < ngone; k++) {
		/* a hard link may have taken the file over: then it is not wasted */
		waste(fs, &gone[k], le->layer,
		      !ent_find(out, o, gone[k].path, strlen(gone[k].path)));
		bi_fentry_release(&gone[k]);
	}
	free(gone);
done:
	fs->ents = out;
	fs->n = o;
	fs->kept_bytes = kept;
	fs->nlinks = nlinks;
	/* Every entry moved to the view: le keeps only its bookkeeping. */
	le->n = 0;
	bi_arena_splice(&fs->arena, &le->arena);
	for (size_t k = 0; k < le->warn.n; k++)
		bi_warnings_add(&fs->warn, TAKE_PTR(le->warn.v[k]));
	fs->warn.dropped += le->warn.dropped;
	le->warn.n = 0;
	bi_lentries_free(le);
	if (fs->n > BI_MAX_IMAGE_FILES)
		return bi_err_set(err, BI_ELIMIT,
				  "more than %d paths in the image (cap BI_MAX_IMAGE_FILES)",
				  BI_MAX_IMAGE_FILES);
	if (fs->kept_bytes > BI_MAX_KEPT_TOTAL)
		return bi_err_set(err, BI_ELIMIT,
				  "kept files exceed %zu MiB (cap BI_MAX_KEPT_TOTAL)",
				  BI_MAX_KEPT_TOTAL / BI_MiB);
	return 0;
}

static int cmp_ent(const void *a, const void *b)
{
	return strcmp(((const struct bi_fentry *)a)->path, ((const struct bi_fentry *)b)->path);
}

int bi_fs_finish(struct bi_fs *fs, struct bi_err **err)
{
	struct bi_fentry *add = NULL;
	size_t nadd = 0, aadd = 0, o = 0;

	for (size_t i = 0; i < fs->n; i++) {
		const char *p = fs->ents[i].path;
		const char *slash = strrchr(p, '/');

		/* Walk up until a parent exists. */
		while (slash) {
			size_t plen = (size_t)(slash - p);
			bool seen = false;

			if (ent_find(fs->ents, fs->n, p, plen))
				break;
			/* Siblings come in a row: look at the parents added last. */
			for (size_t k = nadd; k > 0 && k + 64 > nadd && !seen; k--)
				seen = cmp_prefix(p, plen, add[k - 1].path) == 0;
			if (seen)
				break;
			BI_ALLOC_GROW(add, nadd + 1, aadd);
			add[nadd] = (struct bi_fentry){ 0 };
			add[nadd].path = bi_arena_strdup(&fs->arena, p, plen);
			add[nadd].type = BI_F_DIR;
			add[nadd].mode = 0755;
			add[nadd].layer = fs->ents[i].layer;
			nadd++;
			slash = plen ? memrchr(p, '/', plen) : NULL;
		}
	}
	if (nadd) {
		qsort(add, nadd, sizeof(*add), cmp_ent);
		fs->ents = bi_xreallocarray(fs->ents, fs->n + nadd, sizeof(*fs->ents));
		for (size_t k = 0; k < nadd; k++) {
			if (o && strcmp(fs->ents[fs->n + o - 1].path, add[k].path) == 0)
				continue;
			fs->ents[fs->n + o++] = add[k];
		}
		fs->n += o;
		qsort(fs->ents, fs->n, sizeof(*fs->ents), cmp_ent);
	}
	free(add);
	(void)err;
	return 0;
}

const struct bi_fentry *bi_fs_lookup(const struct bi_fs *fs, const char *path)
{
	size_t len;

	while (*path == '/')
		path++;
	len = strlen(path);
	while (len && path[len - 1] == '/')
		len--;
	if (!len)
		return &root_entry;
	return ent_find(fs->ents, fs->n, path, len);
}

size_t bi_fs_count(const struct bi_fs *fs)
{
	return fs->n;
}

const struct bi_fentry *bi_fs_at(const struct bi_fs *fs, size_t i)
{
	assert(i < fs->n);
	return &fs->ents[i];
}

size_t bi_fs_lower_bound(const struct bi_fs *fs, const char *prefix)
{
	size_t lo = 0, hi = fs->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(fs->ents[mid].path, prefix) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
