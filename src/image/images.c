/* SPDX-License-Identifier: MIT */
/*
 * Reading images from any source through its descriptor operations
 * (source.h): resolve the reference, descend through nested indexes, pick
 * the platform(s), then each manifest's config and layers.
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
	r = bi_source_read_blob(src, d, "index", BI_MAX_MANIFEST, &raw, err);
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

	r = bi_source_read_blob(src, d, "manifest", BI_MAX_MANIFEST, &raw, err);
	if (r < 0)
		return r;
	r = bi_manifest_parse(bi_buf_span(&raw), d->digest, &m, err);
	if (r < 0) {
		bi_err_wrap(err, "%s: manifest", src->path);
		return r;
	}
	r = bi_source_read_blob(src, &m->config, "config", BI_MAX_CONFIG, &cfg, err);
	if (r < 0)
		return r;
	jobs = bi_xcalloc(m->nlayers + 1, sizeof(*jobs));
	for (size_t i = 0; i < m->nlayers; i++) {
		bi_descriptor_copy(&jobs[i].blob, &m->layers[i]);
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

/* Keep the candidates the wanted platform (or all platforms) accepts. */
static void filter_platforms(struct cands *c, const struct bi_platform *want,
			     const struct bi_image_opts *opts, struct cands *pick)
{
	for (size_t i = 0; i < c->n; i++) {
		bool ok;

		if (is_attestation(&c->v[i]) && c->n > 1)
			continue;
		if (opts && opts->all_platforms)
			ok = true;
		else if (want->os)
			ok = !c->v[i].os ||
			     bi_platform_match(want, c->v[i].os, c->v[i].arch, c->v[i].variant);
		else
			ok = true;
		if (ok) {
			struct bi_descriptor copy = c->v[i];
			memset(&c->v[i], 0, sizeof(c->v[i]));
			cands_add(pick, &copy);
		}
	}
}

/* Several candidates and one image wanted: linux/amd64, or the wanted platform's best match. */
static int pick_one(struct bi_source *src, const struct bi_platform *want, struct cands *pick,
		    struct bi_err **err)
{
	struct bi_platform def = { .os = (char *)"linux", .arch = (char *)"amd64" };
	const struct bi_platform *w = want->os ? want : &def;
	size_t k = pick->n;

	/* An exact match first (linux/arm is linux/arm/v7), then any match. */
	for (size_t i = 0; i < pick->n && k == pick->n; i++)
		if (pick->v[i].os &&
		    bi_platform_match_exact(w, pick->v[i].os, pick->v[i].arch, pick->v[i].variant))
			k = i;
	for (size_t i = 0; i < pick->n && k == pick->n; i++)
		if (pick->v[i].os &&
		    bi_platform_match(w, pick->v[i].os, pick->v[i].arch, pick->v[i].variant))
			k = i;
	if (k == pick->n) {
		_cleanup_free_ char *avail = list_platforms(pick);
		return bi_err_set(err, BI_ENOTFOUND,
				  "%s: no linux/amd64 image; choose a platform (--platform): %s",
				  src->path, avail);
	}
	for (size_t i = 0; i < pick->n; i++)
		if (i != k)
			bi_descriptor_release(&pick->v[i]);
	pick->v[0] = pick->v[k];
	pick->n = 1;
	return 0;
}

/* Every manifest descriptor `ref` leads to, through nested indexes. */
static int collect_all(struct bi_source *src, const char *ref, struct cands *c, struct bi_err **err)
{
	struct bi_descriptor *top = NULL;
	size_t ntop = 0;
	int r;

	r = bi_source_resolve(src, ref, &top, &ntop, err);
	if (r < 0)
		return r;
	for (size_t i = 0; i < ntop && r >= 0; i++)
		r = collect(src, &top[i], 0, c, err);
	bi_descriptors_free(top, ntop);
	return r;
}

static int build_all(struct bi_source *src, const char *spec, const struct cands *pick,
		     const struct bi_platform *want, const struct bi_image_opts *opts,
		     struct bi_image ***list, size_t *nlist, struct bi_err **err)
{
	for (size_t i = 0; i < pick->n; i++) {
		struct bi_image *img = NULL;
		int r = build_one(src, spec, &pick->v[i], opts, &img, err);

		if (r < 0)
			return r;
		/* With an explicit platform, a single manifest must match it. */
		if (want->os && !(opts && opts->all_platforms) &&
		    !bi_platform_match(want, img->config.os, img->config.architecture,
				       img->config.variant)) {
			r = bi_err_set(err, BI_ENOTFOUND, "%s: the image is %s, not %s", src->path,
				       img->platform ? img->platform : "of unknown platform",
				       opts->platform);
			bi_image_free(img);
			return r;
		}
		bi_image_list_add(list, nlist, img);
	}
	return 0;
}

int bi_source_images(struct bi_source *src, const char *spec, const char *ref,
		     const struct bi_image_opts *opts, struct bi_image ***ret, size_t *ret_n,
		     struct bi_err **err)
{
	struct cands c = { 0 }, pick = { 0 };
	struct bi_platform want = { 0 };
	struct bi_image **list = NULL;
	size_t nlist = 0;
	int r;

	r = collect_all(src, ref, &c, err);
	if (r < 0)
		goto out;
	if (opts && opts->platform && (r = bi_platform_parse(opts->platform, &want, err)) < 0)
		goto out;
	filter_platforms(&c, &want, opts, &pick);
	if (!(opts && opts->all_platforms) && pick.n > 1 &&
	    (r = pick_one(src, &want, &pick, err)) < 0)
		goto out;
	if (!pick.n) {
		_cleanup_free_ char *avail = list_platforms(&c);
		r = bi_err_set(err, BI_ENOTFOUND, "%s: no image for platform %s (available: %s)",
			       src->path, opts && opts->platform ? opts->platform : "linux/amd64",
			       avail);
		goto out;
	}
	r = build_all(src, spec, &pick, &want, opts, &list, &nlist, err);
	if (r < 0)
		goto out;
	*ret = TAKE_PTR(list);
	*ret_n = nlist;
out:
	bi_image_list_free(list, nlist);
	cands_release(&c);
	cands_release(&pick);
	bi_platform_release(&want);
	return r;
}
