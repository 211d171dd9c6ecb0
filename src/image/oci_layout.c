/* SPDX-License-Identifier: MIT */
/*
 * OCI image layouts (a folder, or an oci-archive tar of one): index.json,
 * tags from org.opencontainers.image.ref.name, nested indexes, platform
 * selection, then each chosen manifest's config and layers.
 */
#include "util/common.h"
#include "image/digest.h"
#include "image/image_int.h"

struct cands {
	struct bi_descriptor *v;
	size_t n, alloc;
};

static void cands_release(struct cands *c)
{
	bi_descriptors_free(c->v, c->n);
	memset(c, 0, sizeof(*c));
}

/* Move a descriptor into the list. */
static void cands_add(struct cands *c, struct bi_descriptor *d)
{
	BI_ALLOC_GROW(c->v, c->n + 1, c->alloc);
	c->v[c->n++] = *d;
	memset(d, 0, sizeof(*d));
}

/* Descend through nested indexes, collecting manifest descriptors. */
static int collect(struct bi_source *src, struct bi_descriptor *d, int depth, struct cands *out,
		   struct bi_err **err)
{
	_cleanup_(bi_buf_release) struct bi_buf raw = BI_BUF_INIT(BI_MAX_MANIFEST);
	enum bi_doc_kind kind;
	struct bi_descriptor *sub = NULL;
	size_t nsub = 0;
	int r;

	if (d->media_type) {
		r = bi_doc_kind(BI_SPAN_LIT("{}"), d->media_type, d->digest, &kind, err);
		if (r < 0)
			return r;
		if (kind == BI_DOC_MANIFEST) {
			cands_add(out, d);
			return 0;
		}
	}
	if (depth >= BI_MAX_INDEX_DEPTH)
		return bi_err_set(
			err, BI_ELIMIT,
			"%s: image indexes nested deeper than %d (cap BI_MAX_INDEX_DEPTH)",
			src->path, BI_MAX_INDEX_DEPTH);
	r = bi_source_read_blob(src, d->digest, d->size, "index", BI_MAX_MANIFEST, &raw, err);
	if (r < 0)
		return r;
	r = bi_doc_kind(bi_buf_span(&raw), d->media_type, d->digest, &kind, err);
	if (r < 0)
		return r;
	if (kind == BI_DOC_MANIFEST) {
		cands_add(out, d);
		return 0;
	}
	r = bi_index_parse(bi_buf_span(&raw), d->digest, &sub, &nsub, err);
	if (r < 0)
		return r;
	for (size_t i = 0; i < nsub && r >= 0; i++)
		r = collect(src, &sub[i], depth + 1, out, err);
	bi_descriptors_free(sub, nsub);
	return r;
}

/* Equal strings, NULL equal to NULL only. */
static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool is_attestation(const struct bi_descriptor *d)
{
	return d->os && strcmp(d->os, "unknown") == 0 && d->arch && strcmp(d->arch, "unknown") == 0;
}

static char *list_platforms(const struct cands *c)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);

	for (size_t i = 0; i < c->n; i++) {
		_cleanup_free_ char *p =
			bi_platform_string(c->v[i].os, c->v[i].arch, c->v[i].variant);
		if (is_attestation(&c->v[i]))
			continue;
		bi_buf_addf(&b, "%s%s", b.len ? ", " : "", p ? p : "unknown");
	}
	return bi_buf_detach(&b, NULL);
}

static int build_one(struct bi_source *src, const char *spec, const struct bi_descriptor *d,
		     const struct bi_image_opts *opts, struct bi_image **ret, struct bi_err **err)
{
	_cleanup_(bi_buf_release) struct bi_buf raw = BI_BUF_INIT(BI_MAX_MANIFEST);
	_cleanup_(bi_buf_release) struct bi_buf cfg = BI_BUF_INIT(BI_MAX_CONFIG);
	_cleanup_(bi_manifest_freep) struct bi_manifest *m = NULL;
	struct bi_layer_job *jobs;
	int r;

	r = bi_source_read_blob(src, d->digest, d->size, "manifest", BI_MAX_MANIFEST, &raw, err);
	if (r < 0)
		return r;
	r = bi_manifest_parse(bi_buf_span(&raw), d->digest, &m, err);
	if (r < 0) {
		bi_err_wrap(err, "%s: manifest", src->path);
		return r;
	}
	r = bi_source_read_blob(src, m->config.digest, m->config.size, "config", BI_MAX_CONFIG,
				&cfg, err);
	if (r < 0)
		return r;
	jobs = bi_xcalloc(m->nlayers + 1, sizeof(*jobs));
	for (size_t i = 0; i < m->nlayers; i++) {
		jobs[i].name = bi_blob_name(m->layers[i].digest);
		jobs[i].digest = bi_xstrdup(m->layers[i].digest);
		jobs[i].size = m->layers[i].size;
		jobs[i].media_type = bi_xstrdup(m->layers[i].media_type);
		r = bi_layer_media_type(m->layers[i].media_type, &jobs[i].comp, err);
		if (r < 0) {
			bi_err_wrap(err, "%s: layer %zu (%s)", src->path, i, m->layers[i].digest);
			bi_layer_jobs_free(jobs, m->nlayers);
			return r;
		}
	}
	r = bi_image_build(src, spec, d->digest, bi_buf_span(&cfg), m->config.digest, jobs,
			   m->nlayers, opts, ret, err);
	bi_layer_jobs_free(jobs, m->nlayers);
	if (r >= 0)
		bi_platform_fill_variant(*ret, d->os, d->arch, d->variant);
	return r;
}

int bi_oci_images(struct bi_source *src, const char *spec, const char *tag,
		  const struct bi_image_opts *opts, struct bi_image ***ret, size_t *ret_n,
		  struct bi_err **err)
{
	_cleanup_(bi_buf_release) struct bi_buf raw = BI_BUF_INIT(BI_MAX_MANIFEST);
	struct bi_descriptor *top = NULL;
	size_t ntop = 0;
	struct cands c = { 0 }, pick = { 0 };
	struct bi_platform want = { 0 };
	struct bi_image **list = NULL;
	size_t nlist = 0;
	const char *first_tag = NULL, *first_digest = NULL;
	_cleanup_free_ bool *dup = NULL;
	bool several_tags = false;
	int r;

	r = bi_source_read(src, "index.json", "index.json", BI_MAX_MANIFEST, &raw, err);
	if (r < 0)
		return r;
	r = bi_index_parse(bi_buf_span(&raw), "index.json", &top, &ntop, err);
	if (r < 0) {
		bi_err_wrap(err, "%s", src->path);
		return r;
	}
	for (size_t i = 0; i < ntop; i++) {
		if (tag && (!top[i].ref_name || strcmp(top[i].ref_name, tag) != 0))
			continue;
		if (!tag && top[i].ref_name) {
			/* Two tags of the same manifest (latest and 1.0) are one image. */
			if (first_tag && strcmp(first_tag, top[i].ref_name) != 0 &&
			    (!first_digest || !top[i].digest ||
			     strcmp(first_digest, top[i].digest) != 0))
				several_tags = true;
			if (!first_tag) {
				first_tag = top[i].ref_name;
				first_digest = top[i].digest;
			}
		}
	}
	if (!tag && several_tags) {
		_cleanup_(bi_buf_release) struct bi_buf tags = BI_BUF_INIT(BI_BUF_NOLIMIT);
		for (size_t i = 0; i < ntop; i++)
			if (top[i].ref_name)
				bi_buf_addf(&tags, "%s%s", tags.len ? ", " : "", top[i].ref_name);
		r = bi_err_set(
			err, BI_ENOTFOUND,
			"%s: the layout holds several images; name one as %s:%s:TAG (tags: %s)",
			src->path, src->transport, src->path, tags.buf);
		goto out;
	}
	/*
	 * The same manifest under several tags is read once (collect() takes the
	 * entry); the same digest listed for two platforms stays two entries.
	 */
	dup = bi_xcalloc(ntop + 1, sizeof(*dup));
	for (size_t i = 0; i < ntop; i++)
		for (size_t k = 0; k < i && !dup[i] && top[i].digest; k++)
			dup[i] = str_eq(top[k].digest, top[i].digest) &&
				 str_eq(top[k].os, top[i].os) && str_eq(top[k].arch, top[i].arch) &&
				 str_eq(top[k].variant, top[i].variant) &&
				 (!tag || str_eq(top[k].ref_name, tag));
	for (size_t i = 0; i < ntop && r >= 0; i++) {
		if (dup[i] || (tag && (!top[i].ref_name || strcmp(top[i].ref_name, tag) != 0)))
			continue;
		r = collect(src, &top[i], 0, &c, err);
	}
	if (r < 0)
		goto out;
	if (!c.n) {
		r = tag ? bi_err_set(err, BI_ENOTFOUND, "%s: no image tagged \"%s\"", src->path,
				     tag) :
			  bi_err_set(err, BI_ENOTFOUND, "%s: the layout holds no image", src->path);
		goto out;
	}
	/* Platform choice. */
	if (opts && opts->platform && (r = bi_platform_parse(opts->platform, &want, err)) < 0)
		goto out;
	for (size_t i = 0; i < c.n; i++) {
		bool ok;

		if (is_attestation(&c.v[i]) && c.n > 1)
			continue;
		if (opts && opts->all_platforms)
			ok = true;
		else if (want.os)
			ok = !c.v[i].os ||
			     bi_platform_match(&want, c.v[i].os, c.v[i].arch, c.v[i].variant);
		else
			ok = true;
		if (ok) {
			struct bi_descriptor copy = c.v[i];
			memset(&c.v[i], 0, sizeof(c.v[i]));
			cands_add(&pick, &copy);
		}
	}
	if (!(opts && opts->all_platforms) && pick.n > 1) {
		/* Default: linux/amd64 (or the wanted one's first match). */
		struct bi_platform def = { .os = (char *)"linux", .arch = (char *)"amd64" };
		size_t k = pick.n;

		/* An exact match first (linux/arm is linux/arm/v7), then any match. */
		for (size_t i = 0; i < pick.n && k == pick.n; i++)
			if (pick.v[i].os &&
			    bi_platform_match_exact(want.os ? &want : &def, pick.v[i].os,
						    pick.v[i].arch, pick.v[i].variant))
				k = i;
		for (size_t i = 0; i < pick.n && k == pick.n; i++)
			if (pick.v[i].os && bi_platform_match(want.os ? &want : &def, pick.v[i].os,
							      pick.v[i].arch, pick.v[i].variant))
				k = i;
		if (k == pick.n) {
			_cleanup_free_ char *avail = list_platforms(&pick);
			r = bi_err_set(
				err, BI_ENOTFOUND,
				"%s: no linux/amd64 image; choose a platform (--platform): %s",
				src->path, avail);
			goto out;
		}
		for (size_t i = 0; i < pick.n; i++)
			if (i != k)
				bi_descriptor_release(&pick.v[i]);
		pick.v[0] = pick.v[k];
		pick.n = 1;
	}
	if (!pick.n) {
		_cleanup_free_ char *avail = list_platforms(&c);
		r = bi_err_set(err, BI_ENOTFOUND, "%s: no image for platform %s (available: %s)",
			       src->path, opts->platform, avail);
		goto out;
	}
	for (size_t i = 0; i < pick.n; i++) {
		struct bi_image *img = NULL;

		r = build_one(src, spec, &pick.v[i], opts, &img, err);
		if (r < 0)
			goto out;
		/* With an explicit platform, a single manifest must match it. */
		if (want.os && !(opts && opts->all_platforms) &&
		    !bi_platform_match(&want, img->config.os, img->config.architecture,
				       img->config.variant)) {
			r = bi_err_set(err, BI_ENOTFOUND, "%s: the image is %s, not %s", src->path,
				       img->platform ? img->platform : "of unknown platform",
				       opts->platform);
			bi_image_free(img);
			goto out;
		}
		bi_image_list_add(&list, &nlist, img);
	}
	*ret = TAKE_PTR(list);
	*ret_n = nlist;
out:
	bi_image_list_free(list, nlist);
	bi_descriptors_free(top, ntop);
	cands_release(&c);
	cands_release(&pick);
	bi_platform_release(&want);
	return r;
}
