/* SPDX-License-Identifier: MIT */
/*
 * One layer's entries as they stream past: paths normalised, whiteouts
 * (".wh.NAME", ".wh..wh..opq") recorded for bi_fs_apply(), kept files read
 * and ELF headers parsed in-stream.
 */
#include "util/common.h"
#include "elf/elf.h"
#include "layer/layer_int.h"
#include "util/stream.h"

#define ARENA_CHUNK (64 * 1024)

char *bi_arena_strdup(struct bi_arena **a, const char *s, size_t len)
{
	char *p;

	if (!*a || (*a)->cap - (*a)->used < len + 1) {
		size_t cap = len + 1 > ARENA_CHUNK ? len + 1 : ARENA_CHUNK;
		struct bi_arena *c = bi_xmalloc(sizeof(*c) + cap);

		c->next = *a;
		c->used = 0;
		c->cap = cap;
		*a = c;
	}
	p = (*a)->data + (*a)->used;
	memcpy(p, s, len);
	p[len] = '\0';
	(*a)->used += len + 1;
	return p;
}

void bi_arena_free(struct bi_arena *a)
{
	while (a) {
		struct bi_arena *n = a->next;
		free(a);
		a = n;
	}
}

void bi_arena_splice(struct bi_arena **to, struct bi_arena **from)
{
	struct bi_arena *last = *from;

	if (!last)
		return;
	while (last->next)
		last = last->next;
	last->next = *to;
	*to = *from;
	*from = NULL;
}

void bi_warnings_add(struct bi_warnings *w, char *msg)
{
	if (w->n >= BI_MAX_WARNINGS) {
		w->dropped++;
		free(msg);
		return;
	}
	BI_ALLOC_GROW(w->v, w->n + 1, w->alloc);
	w->v[w->n++] = msg;
}

void bi_warnings_release(struct bi_warnings *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
	memset(w, 0, sizeof(*w));
}

void bi_fentry_release(struct bi_fentry *e)
{
	free((void *)e->content.ptr);
	e->content = BI_SPAN_NULL;
	if (e->elf)
		bi_elf_info_free((struct bi_elf_info *)e->elf);
	e->elf = NULL;
}

struct bi_lentries *bi_lentries_new(int layer, const char *name)
{
	struct bi_lentries *le = bi_xcalloc(1, sizeof(*le));

	le->layer = layer;
	le->name = bi_xstrdup(name ? name : "layer");
	return le;
}

void bi_lentries_free(struct bi_lentries *le)
{
	if (!le)
		return;
	for (size_t i = 0; i < le->n; i++)
		bi_fentry_release(&le->ents[i]);
	free(le->ents);
	free(le->wh);
	free(le->opq);
	bi_arena_free(le->arena);
	bi_warnings_release(&le->warn);
	free(le->name);
	free(le);
}

void bi_lentries_freep(struct bi_lentries **le)
{
	bi_lentries_free(*le);
	*le = NULL;
}

void bi_lentries_set_cancel(struct bi_lentries *le, const volatile int *cancel)
{
	le->cancel = cancel;
}

uint64_t bi_lentries_count(const struct bi_lentries *le)
{
	return le->n;
}

static void add_path(struct bi_lentries *le, char ***v, size_t *n, size_t *alloc, const char *p)
{
	BI_ALLOC_GROW(*v, *n + 1, *alloc);
	(*v)[(*n)++] = bi_arena_strdup(&le->arena, p, strlen(p));
}

/* The first 4 bytes were peeked to test the ELF magic: hand them out first. */
struct peek {
	struct bi_fwd_reader *inner;
	unsigned char head[4];
	size_t hlen, hpos;
};

static ssize_t peek_read(void *ctx, void *buf, size_t len)
{
	struct peek *p = ctx;

	if (p->hpos < p->hlen) {
		size_t n = p->hlen - p->hpos < len ? p->hlen - p->hpos : len;
		memcpy(buf, p->head + p->hpos, n);
		p->hpos += n;
		return (ssize_t)n;
	}
	return p->inner->read(p->inner->ctx, buf, len);
}

static int read_content(struct bi_lentries *le, const char *path, struct bi_fwd_reader *r,
			uint64_t size, struct bi_fentry *fe, struct bi_err **err)
{
	char *buf;
	size_t got = 0;

	if (size > BI_MAX_KEPT_FILE)
		return bi_err_set(err, BI_ELIMIT,
				  "%s: %s: %" PRIu64 " bytes, larger than the %zu MiB kept for "
				  "analysis (cap BI_MAX_KEPT_FILE)",
				  le->name, path, size, BI_MAX_KEPT_FILE / BI_MiB);
	if (le->kept_bytes + size > BI_MAX_KEPT_TOTAL)
		return bi_err_set(err, BI_ELIMIT,
				  "%s: kept files exceed %zu MiB (cap BI_MAX_KEPT_TOTAL)", le->name,
				  BI_MAX_KEPT_TOTAL / BI_MiB);
	buf = bi_xmalloc((size_t)size + 1);
	while (got < size) {
		ssize_t n = r->read(r->ctx, buf + got, (size_t)size - got);
		if (n < 0) {
			free(buf);
			return bi_err_set(err, (int)n, "%s: %s: reading content", le->name, path);
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	buf[got] = '\0';
	le->kept_bytes += got;
	fe->content = bi_span_make(buf, got);
	return 0;
}

/*
 * A script: keep its "#!" line (at most BI_MAX_SHEBANG bytes, the kernel's
 * own limit) so the checks can find the interpreter it needs.
 */
static int read_shebang(struct bi_lentries *le, struct peek *pk, struct bi_fentry *fe,
			struct bi_err **err)
{
	char buf[BI_MAX_SHEBANG];
	size_t got = pk->hlen;

	memcpy(buf, pk->head, pk->hlen);
	while (got < sizeof(buf) && !memchr(buf, '\n', got)) {
		ssize_t n = pk->inner->read(pk->inner->ctx, buf + got, sizeof(buf) - got);
		if (n < 0)
			return bi_err_set(err, (int)n, "%s: %s: reading content", le->name,
					  fe->path);
		if (n == 0)
			break;
		got += (size_t)n;
	}
	if (memchr(buf, '\n', got))
		got = (size_t)((char *)memchr(buf, '\n', got) - buf) + 1;
	le->kept_bytes += got;
	fe->content = bi_span_make(bi_xstrndup(buf, got), got);
	return 0;
}

static int read_elf(struct bi_lentries *le, const char *path, struct bi_fwd_reader *r,
		    uint64_t size, struct bi_fentry *fe, struct bi_err **err)
{
	struct peek pk = { .inner = r };
	struct bi_fwd_reader pr = { peek_read, &pk };
	struct bi_elf_info *info = NULL;
	struct bi_err *elf_err = NULL;

	while (pk.hlen < sizeof(pk.head)) {
		ssize_t n = r->read(r->ctx, pk.head + pk.hlen, sizeof(pk.head) - pk.hlen);
		if (n < 0)
			return bi_err_set(err, (int)n, "%s: %s: reading content", le->name, path);
		if (n == 0)
			return 0;
		pk.hlen += (size_t)n;
	}
	if (memcmp(pk.head, "#!", 2) == 0)
		return read_shebang(le, &pk, fe, err);
	if (memcmp(pk.head, "\177ELF", 4) != 0)
		return 0;
	if (bi_elf_read(&pr, size, &info, &elf_err) < 0) {
		/* Not a usable ELF file: metadata only. A stream failure surfaces in the walk. */
		bi_err_free(elf_err);
		return 0;
	}
	fe->elf = info;
	return 0;
}

int bi_lentries_add(struct bi_lentries *le, const struct bi_walk_entry *e,
		    struct bi_fwd_reader *content, struct bi_err **err)
{
	_cleanup_free_ char *path = NULL;
	_cleanup_free_ char *link = NULL;
	struct bi_fentry fe = { 0 };
	const char *base;
	bool absolute, escapes;
	int r;

	if (le->cancel && *le->cancel)
		return bi_err_set(err, BI_EINTERNAL, "%s: cancelled", le->name);
	le->count++;
	path = bi_path_clean(e->name, &absolute, &escapes);
	if (escapes)
		return bi_err_set(err, BI_EFORMAT,
				  "%s: entry \"%.200s\" climbs out of the image root with \"..\"",
				  le->name, e->name);
	if (absolute)
		bi_warnings_add(
			&le->warn,
			bi_xasprintf("%s: absolute path \"%.200s\" read relative to the image root",
				     le->name, e->name));
	if (!path[0])
		return 0; /* the root folder itself */
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (strncmp(base, ".wh.", 4) == 0) {
		size_t plen = (size_t)(base - path); /* parent with its trailing '/' */
		_cleanup_free_ char *target = NULL;

		if (strcmp(base, ".wh..wh..opq") == 0) {
			target = bi_xstrndup(path, plen ? plen - 1 : 0);
			add_path(le, &le->opq, &le->nopq, &le->aopq, target);
		} else if (strncmp(base, ".wh..wh.", 8) != 0 && base[4]) {
			target = bi_xasprintf("%.*s%s", (int)plen, path, base + 4);
			add_path(le, &le->wh, &le->nwh, &le->awh, target);
		}
		/* Other ".wh..wh." names are aufs bookkeeping: ignored. */
		return 0;
	}
	if (e->type == BI_F_HARDLINK) {
		bool labs, lesc;

		link = bi_path_clean(e->link ? e->link : "", &labs, &lesc);
		if (lesc || !link[0])
			return bi_err_set(
				err, BI_EFORMAT,
				"%s: hard link \"%.200s\" points outside the image (\"%.200s\")",
				le->name, e->name, e->link ? e->link : "");
	}
	fe.path = bi_arena_strdup(&le->arena, path, strlen(path));
	fe.type = e->type;
	fe.mode = e->mode & 07777;
	fe.uid = e->uid;
	fe.gid = e->gid;
	fe.size = e->size;
	if (e->type == BI_F_HARDLINK)
		fe.link = bi_arena_strdup(&le->arena, link, strlen(link));
	else if (e->type == BI_F_SYMLINK)
		fe.link = bi_arena_strdup(&le->arena, e->link ? e->link : "",
					  e->link ? strlen(e->link) : 0);
	if (e->type == BI_F_REG && content) {
		switch (bi_keep_policy(fe.path, fe.mode, fe.size)) {
		case BI_KEEP_CONTENT:
			r = read_content(le, fe.path, content, fe.size, &fe, err);
			break;
		case BI_KEEP_ELF:
			r = read_elf(le, fe.path, content, fe.size, &fe, err);
			break;
		case BI_KEEP_NONE:
		case BI_KEEP__MAX:
		default:
			r = 0;
			break;
		}
		if (r < 0) {
			bi_fentry_release(&fe);
			return r;
		}
	}
	if (le->n >= BI_MAX_IMAGE_FILES) {
		bi_fentry_release(&fe);
		return bi_err_set(err, BI_ELIMIT, "%s: more than %d paths (cap BI_MAX_IMAGE_FILES)",
				  le->name, BI_MAX_IMAGE_FILES);
	}
	fe.layer = (int)le->n; /* sequence number until bi_lentries_finish() */
	BI_ALLOC_GROW(le->ents, le->n + 1, le->alloc);
	le->ents[le->n++] = fe;
	return 0;
}

static int cmp_ent(const void *a, const void *b)
{
	const struct bi_fentry *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c)
		return c;
	return x->layer < y->layer ? -1 : x->layer > y->layer;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void bi_lentries_finish(struct bi_lentries *le)
{
	size_t o = 0;

	if (le->finished)
		return;
	le->finished = true;
	if (le->n)
		qsort(le->ents, le->n, sizeof(*le->ents), cmp_ent);
	for (size_t i = 0; i < le->n; i++) {
		if (i + 1 < le->n && strcmp(le->ents[i].path, le->ents[i + 1].path) == 0) {
			bi_fentry_release(&le->ents[i]); /* a later entry rewrites this path */
			continue;
		}
		le->ents[o] = le->ents[i];
		le->ents[o++].layer = le->layer;
	}
	le->n = o;
	if (le->nwh)
		qsort(le->wh, le->nwh, sizeof(*le->wh), cmp_str);
	if (le->nopq)
		qsort(le->opq, le->nopq, sizeof(*le->opq), cmp_str);
}

static int walk_entry(void *ctx, const struct bi_walk_entry *e, struct bi_fwd_reader *content,
		      struct bi_err **err)
{
	return bi_lentries_add(ctx, e, content, err);
}

int bi_lentries_from_tar(struct bi_istream *tar, int layer, const char *name,
			 const volatile int *cancel, struct bi_lentries **ret,
			 uint64_t *ret_entries, struct bi_err **err)
{
	_cleanup_(bi_lentries_freep) struct bi_lentries *le = bi_lentries_new(layer, name);
	struct bi_walk_cb cb = { walk_entry, NULL };
	int r;

	le->cancel = cancel;
	cb.ctx = le;
	r = bi_tar_walk(tar, name, &cb, ret_entries, err);
	if (r < 0)
		return r;
	bi_lentries_finish(le);
	*ret = TAKE_PTR(le);
	return 0;
}
