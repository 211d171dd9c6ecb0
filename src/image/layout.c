/* SPDX-License-Identifier: MIT */
/*
 * The local sources, over a tree of files (a folder or a tar archive):
 * an OCI image layout (index.json + blobs/ALGO/HEX) and a docker save
 * archive (manifest.json naming its files; see docker_archive.c).
 */
#include "util/common.h"
#include "image/image_int.h"

struct local_src {
	struct bi_source s;
	struct bi_tree *tree;
};

struct bi_tree *bi_local_source_tree(struct bi_source *s)
{
	return ((struct local_src *)s)->tree;
}

static void local_free(struct bi_source *s)
{
	struct local_src *l = (struct local_src *)s;

	bi_tree_free(l->tree);
	bi_source_release(s);
	free(l);
}

static int local_fetch(struct bi_source *s, const struct bi_descriptor *d, struct bi_istream **ret,
		       int64_t *ret_size, struct bi_err **err)
{
	struct local_src *l = (struct local_src *)s;
	_cleanup_free_ char *name = d->path ? bi_xstrdup(d->path) : bi_blob_name(d->digest);
	uint64_t size = 0;
	int r;

	r = bi_tree_open(l->tree, name, ret, &size, err);
	if (r < 0)
		return r;
	*ret_size = size > INT64_MAX ? -1 : (int64_t)size;
	return 0;
}

/* ---- OCI image layout ---- */

/* Equal strings, NULL equal to NULL only. */
static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Without a tag, the layout must name one image (several tags of one manifest are one). */
static int check_one_image(struct local_src *l, const struct bi_descriptor *top, size_t ntop,
			   struct bi_err **err)
{
	const char *first_tag = NULL, *first_digest = NULL;
	_cleanup_(bi_buf_release) struct bi_buf tags = BI_BUF_INIT(BI_BUF_NOLIMIT);
	bool several = false;

	for (size_t i = 0; i < ntop; i++) {
		if (!top[i].ref_name)
			continue;
		if (first_tag && strcmp(first_tag, top[i].ref_name) != 0 &&
		    (!first_digest || !top[i].digest || strcmp(first_digest, top[i].digest) != 0))
			several = true;
		if (!first_tag) {
			first_tag = top[i].ref_name;
			first_digest = top[i].digest;
		}
	}
	if (!several)
		return 0;
	for (size_t i = 0; i < ntop; i++)
		if (top[i].ref_name)
			bi_buf_addf(&tags, "%s%s", tags.len ? ", " : "", top[i].ref_name);
	return bi_err_set(err, BI_ENOTFOUND,
			  "%s: the layout holds several images; name one as %s:%s:TAG (tags: %s)",
			  l->s.path, l->s.transport, l->s.path, tags.buf);
}

/*
 * index.json's entries tagged `tag` (all when NULL). The same manifest under
 * several tags is one entry; the same digest listed for two platforms stays
 * two.
 */
static int layout_resolve(struct bi_source *s, const char *tag, struct bi_descriptor **ret,
			  size_t *ret_n, struct bi_err **err)
{
	struct local_src *l = (struct local_src *)s;
	_cleanup_(bi_buf_release) struct bi_buf raw = BI_BUF_INIT(BI_MAX_MANIFEST);
	struct bi_descriptor *top = NULL, *out;
	size_t ntop = 0, n = 0;
	int r;

	r = bi_tree_read(l->tree, "index.json", "index.json", BI_MAX_MANIFEST, &raw, err);
	if (r < 0)
		return r;
	r = bi_index_parse(bi_buf_span(&raw), "index.json", &top, &ntop, err);
	if (r < 0)
		return bi_err_wrap(err, "%s", s->path);
	if (!tag && (r = check_one_image(l, top, ntop, err)) < 0)
		goto out;
	out = bi_xcalloc(ntop + 1, sizeof(*out));
	for (size_t i = 0; i < ntop; i++) {
		bool dup = false;

		if (tag && !str_eq(top[i].ref_name, tag))
			continue;
		for (size_t k = 0; k < n && !dup && top[i].digest; k++)
			dup = str_eq(out[k].digest, top[i].digest) &&
			      str_eq(out[k].os, top[i].os) && str_eq(out[k].arch, top[i].arch) &&
			      str_eq(out[k].variant, top[i].variant);
		if (dup)
			continue;
		out[n++] = top[i];
		memset(&top[i], 0, sizeof(top[i]));
	}
	if (!n) {
		free(out);
		r = tag ? bi_err_set(err, BI_ENOTFOUND, "%s: no image tagged \"%s\"", s->path,
				     tag) :
			  bi_err_set(err, BI_ENOTFOUND, "%s: the layout holds no image", s->path);
		goto out;
	}
	*ret = out;
	*ret_n = n;
out:
	bi_descriptors_free(top, ntop);
	return r;
}

static const struct bi_source_ops layout_ops = {
	.resolve = layout_resolve,
	.fetch = local_fetch,
	.free = local_free,
};

int bi_layout_source_new(struct bi_tree *t, const char *transport, struct bi_source **ret,
			 struct bi_err **err)
{
	struct local_src *l;

	(void)err;
	l = bi_xcalloc(1, sizeof(*l));
	bi_source_init(&l->s, &layout_ops, t->path, transport, BI_SOURCE_LOCAL);
	l->tree = t;
	*ret = &l->s;
	return 0;
}

/* ---- docker save archive ---- */

static int docker_resolve(struct bi_source *s, const char *ref, struct bi_descriptor **ret,
			  size_t *ret_n, struct bi_err **err)
{
	(void)ref;
	(void)ret;
	(void)ret_n;
	/* Images are named by manifest.json's RepoTags: bi_docker_images() reads it. */
	return bi_err_set(err, BI_EUNSUPPORTED, "%s: a docker archive has no manifest descriptors",
			  s->path);
}

static const struct bi_source_ops docker_ops = {
	.resolve = docker_resolve,
	.fetch = local_fetch,
	.free = local_free,
};

int bi_docker_source_new(struct bi_tree *t, struct bi_source **ret, struct bi_err **err)
{
	struct local_src *l;

	(void)err;
	l = bi_xcalloc(1, sizeof(*l));
	bi_source_init(&l->s, &docker_ops, t->path, "docker-archive", BI_SOURCE_LOCAL);
	l->tree = t;
	*ret = &l->s;
	return 0;
}
