/* SPDX-License-Identifier: MIT */
/*
 * docker save archives: manifest.json lists each image's config file,
 * RepoTags and layer files. Classic archives name files "<hex>.json" and
 * "<id>/layer.tar"; newer Docker writes an OCI layout too and names files
 * "blobs/sha256/<hex>". Layer files carry no descriptor: the config's
 * diff_ids verify them, and file names that are digests are checked too.
 */
#include "util/common.h"
#include "image/digest.h"
#include "image/image_int.h"

/* The digest a member name claims ("blobs/sha256/HEX", "HEX.json"), or NULL. */
static char *claimed_digest(const char *name)
{
	const char *base = strrchr(name, '/');
	_cleanup_free_ char *d = NULL;
	size_t blen;

	if (strncmp(name, "blobs/", 6) == 0) {
		const char *algo = name + 6, *slash = strchr(algo, '/');
		if (slash) {
			d = bi_xasprintf("%.*s:%s", (int)(slash - algo), algo, slash + 1);
			if (bi_digest_parse(d, NULL, NULL) == 0)
				return TAKE_PTR(d);
		}
		return NULL;
	}
	base = base ? base + 1 : name;
	blen = strlen(base);
	if (blen == 64 + 5 && strcmp(base + 64, ".json") == 0) {
		d = bi_xasprintf("sha256:%.64s", base);
		if (bi_digest_parse(d, NULL, NULL) == 0)
			return TAKE_PTR(d);
	}
	return NULL;
}

static bool tag_matches(const char *have, const char *want)
{
	static const char *const prefixes[] = { "docker.io/library/", "docker.io/",
						"index.docker.io/library/", "library/" };
	const char *h = have, *w = want;
	size_t wl;

	for (size_t i = 0; i < BI_ARRAY_SIZE(prefixes); i++) {
		if (strncmp(h, prefixes[i], strlen(prefixes[i])) == 0)
			h += strlen(prefixes[i]);
		if (strncmp(w, prefixes[i], strlen(prefixes[i])) == 0)
			w += strlen(prefixes[i]);
	}
	if (strcmp(h, w) == 0)
		return true;
	/* "alpine" means "alpine:latest". */
	wl = strlen(w);
	return !strchr(w, ':') && strncmp(h, w, wl) == 0 && strcmp(h + wl, ":latest") == 0;
}

/*
 * Docker 25+ archives carry an OCI index too: the manifest whose config is
 * ours gives the image its manifest digest. NULL when there is none.
 */
static char *manifest_digest_of(struct bi_source *src, const char *cfg_digest)
{
	_cleanup_(bi_buf_release) struct bi_buf raw = BI_BUF_INIT(BI_MAX_MANIFEST);
	struct bi_tree *t = bi_local_source_tree(src);
	struct bi_descriptor *d = NULL;
	size_t n = 0;
	char *found = NULL;

	if (!cfg_digest || !bi_tree_exists(t, "index.json") ||
	    bi_tree_read(t, "index.json", "index.json", BI_MAX_MANIFEST, &raw, NULL) < 0 ||
	    bi_index_parse(bi_buf_span(&raw), "index.json", &d, &n, NULL) < 0)
		return NULL;
	for (size_t i = 0; i < n && !found; i++) {
		_cleanup_(bi_buf_release) struct bi_buf mb = BI_BUF_INIT(BI_MAX_MANIFEST);
		struct bi_manifest *m = NULL;

		if (bi_source_read_blob(src, &d[i], "manifest", BI_MAX_MANIFEST, &mb, NULL) < 0 ||
		    bi_manifest_parse(bi_buf_span(&mb), "manifest", &m, NULL) < 0)
			continue;
		if (strcmp(m->config.digest, cfg_digest) == 0)
			found = bi_xstrdup(d[i].digest);
		bi_manifest_free(m);
	}
	bi_descriptors_free(d, n);
	return found;
}

int bi_docker_images(struct bi_source *src, const char *spec, const char *ref,
		     const struct bi_image_opts *opts, struct bi_image ***ret, size_t *ret_n,
		     struct bi_err **err)
{
	_cleanup_(bi_buf_release) struct bi_buf raw = BI_BUF_INIT(BI_MAX_MANIFEST);
	_cleanup_(bi_buf_release) struct bi_buf cfg = BI_BUF_INIT(BI_MAX_CONFIG);
	_cleanup_free_ char *cfg_digest = NULL;
	struct bi_docker_entry *v = NULL;
	struct bi_layer_job *jobs = NULL;
	struct bi_image *img = NULL;
	size_t n = 0, pick = SIZE_MAX;
	int r;

	r = bi_tree_read(bi_local_source_tree(src), "manifest.json", "manifest.json",
			 BI_MAX_MANIFEST, &raw, err);
	if (r < 0)
		return r;
	r = bi_docker_manifest_parse(bi_buf_span(&raw), "manifest.json", &v, &n, err);
	if (r < 0) {
		bi_err_wrap(err, "%s", src->path);
		return r;
	}
	if (ref && ref[0] == '@') {
		uint64_t k;
		if (bi_span_to_u64(bi_span_str(ref + 1), &k) && k < n)
			pick = (size_t)k;
	} else if (ref) {
		for (size_t i = 0; i < n && pick == SIZE_MAX; i++)
			for (size_t t = 0; t < v[i].ntags; t++)
				if (tag_matches(v[i].repo_tags[t], ref))
					pick = i;
	} else if (n == 1) {
		pick = 0;
	}
	if (pick == SIZE_MAX) {
		_cleanup_(bi_buf_release) struct bi_buf tags = BI_BUF_INIT(BI_BUF_NOLIMIT);
		for (size_t i = 0; i < n; i++)
			for (size_t t = 0; t < v[i].ntags; t++)
				bi_buf_addf(&tags, "%s%s", tags.len ? ", " : "", v[i].repo_tags[t]);
		r = n == 0 ? bi_err_set(err, BI_ENOTFOUND, "%s: the archive holds no image",
					src->path) :
		    ref	   ? bi_err_set(err, BI_ENOTFOUND,
					"%s: no image \"%s\" in the archive (has: %s)", src->path, ref,
					tags.len ? tags.buf : "untagged images") :
			     bi_err_set(err, BI_ENOTFOUND,
					"%s: the archive holds %zu images; name one as "
					   "docker-archive:%s:REF or :@N (tags: %s)",
					src->path, n, src->path, tags.buf);
		goto out;
	}
	cfg_digest = claimed_digest(v[pick].config);
	{
		/* The config's name claims its digest: verified as it is read. */
		struct bi_descriptor d = { .digest = cfg_digest,
					   .size = -1,
					   .path = v[pick].config };

		r = bi_source_read_blob(src, &d, "config", BI_MAX_CONFIG, &cfg, err);
		if (r < 0)
			goto out;
	}
	jobs = bi_xcalloc(v[pick].nlayers + 1, sizeof(*jobs));
	for (size_t i = 0; i < v[pick].nlayers; i++) {
		jobs[i].blob.path = bi_xstrdup(v[pick].layers[i]);
		jobs[i].blob.digest = claimed_digest(v[pick].layers[i]);
		jobs[i].blob.size = -1;
		jobs[i].sniff = true;
	}
	{
		_cleanup_free_ char *mdigest = manifest_digest_of(src, cfg_digest);
		r = bi_image_build(src, spec, mdigest, bi_buf_span(&cfg), v[pick].config, jobs,
				   v[pick].nlayers, opts, &img, err);
	}
	if (r < 0)
		goto out;
	if (opts && opts->platform && !opts->all_platforms) {
		struct bi_platform want = { 0 };

		r = bi_platform_parse(opts->platform, &want, err);
		if (r >= 0 && !bi_platform_match(&want, img->config.os, img->config.architecture,
						 img->config.variant))
			r = bi_err_set(err, BI_ENOTFOUND, "%s: the image is %s, not %s", src->path,
				       img->platform ? img->platform : "of unknown platform",
				       opts->platform);
		bi_platform_release(&want);
		if (r < 0) {
			bi_image_free(img);
			goto out;
		}
	}
	*ret = bi_xcalloc(1, sizeof(**ret));
	(*ret)[0] = img;
	*ret_n = 1;
out:
	bi_layer_jobs_free(jobs, v ? v[pick == SIZE_MAX ? 0 : pick].nlayers : 0);
	bi_docker_entries_free(v, n);
	return r;
}
