/* SPDX-License-Identifier: MIT */
/*
 * bi_image_open: parse the source spec, open the source, pick the
 * manifest(s), verify documents and read the layers into the merged view.
 */
#include "util/common.h"
#include "image/image_int.h"
#include "layer/layer.h"

void bi_image_config_release(struct bi_image_config *c)
{
	for (size_t i = 0; i < c->nentrypoint; i++)
		free(c->entrypoint[i]);
	free(c->entrypoint);
	for (size_t i = 0; i < c->ncmd; i++)
		free(c->cmd[i]);
	free(c->cmd);
	for (size_t i = 0; i < c->nenv; i++)
		free(c->env[i]);
	free(c->env);
	for (size_t i = 0; i < c->nlabels; i++) {
		free(c->label_keys[i]);
		free(c->label_values[i]);
	}
	free(c->label_keys);
	free(c->label_values);
	free(c->user);
	free(c->workdir);
	free(c->os);
	free(c->architecture);
	free(c->variant);
	free(c->created);
	memset(c, 0, sizeof(*c));
}

void bi_image_free(struct bi_image *img)
{
	if (!img)
		return;
	free(img->reference);
	free(img->transport);
	free(img->digest);
	free(img->platform);
	bi_image_config_release(&img->config);
	for (size_t i = 0; i < img->nlayers; i++) {
		free(img->layers[i].digest);
		free(img->layers[i].diff_id);
		free(img->layers[i].media_type);
		free(img->layers[i].created_by);
	}
	free(img->layers);
	bi_fs_free(img->fs);
	for (size_t i = 0; i < img->nwarnings; i++)
		free(img->warnings[i]);
	free(img->warnings);
	free(img);
}

static void bi_image_freep(struct bi_image **img)
{
	bi_image_free(*img);
	*img = NULL;
}

void bi_image_list_free(struct bi_image **imgs, size_t n)
{
	if (!imgs)
		return;
	for (size_t i = 0; i < n; i++)
		bi_image_free(imgs[i]);
	free(imgs);
}

const char *bi_image_env(const struct bi_image *img, const char *key)
{
	size_t klen = strlen(key);
	const char *found = NULL;

	for (size_t i = 0; i < img->config.nenv; i++) {
		const char *e = img->config.env[i];
		if (strncmp(e, key, klen) == 0 && e[klen] == '=')
			found = e + klen + 1; /* the last one wins, as in Docker */
	}
	return found;
}

static void copy_warnings(struct bi_image *img)
{
	size_t n;
	const char *const *w = bi_fs_warnings(img->fs, &n);

	if (!n)
		return;
	img->warnings = bi_xcalloc(n, sizeof(*img->warnings));
	for (size_t i = 0; i < n; i++)
		img->warnings[i] = bi_xstrdup(w[i]);
	img->nwarnings = n;
}

static int open_dir(const char *spec, const char *path, struct bi_image ***ret, size_t *ret_n,
		    struct bi_err **err)
{
	_cleanup_(bi_image_freep) struct bi_image *img = bi_xcalloc(1, sizeof(*img));
	struct bi_image **list;
	int r;

	img->reference = bi_xstrdup(spec);
	img->transport = bi_xstrdup("dir");
	r = bi_dir_read(path, img, err);
	if (r < 0)
		return r;
	copy_warnings(img);
	list = bi_xcalloc(1, sizeof(*list));
	list[0] = TAKE_PTR(img);
	*ret = list;
	*ret_n = 1;
	return 0;
}

void bi_layer_jobs_free(struct bi_layer_job *jobs, size_t n)
{
	if (!jobs)
		return;
	for (size_t i = 0; i < n; i++) {
		free(jobs[i].name);
		free(jobs[i].digest);
		free(jobs[i].diff_id);
		free(jobs[i].media_type);
	}
	free(jobs);
}

void bi_image_list_add(struct bi_image ***list, size_t *n, struct bi_image *img)
{
	*list = bi_xreallocarray(*list, *n + 1, sizeof(**list));
	(*list)[(*n)++] = img;
}

int bi_image_build(struct bi_source *src, const char *spec, const char *manifest_digest,
		   struct bi_span config, const char *config_name, struct bi_layer_job *jobs,
		   size_t n, const struct bi_image_opts *opts, struct bi_image **ret,
		   struct bi_err **err)
{
	_cleanup_(bi_image_freep) struct bi_image *img = bi_xcalloc(1, sizeof(*img));
	struct bi_config_extra x = { 0 };
	int r;

	if (n > BI_MAX_LAYERS)
		return bi_err_set(err, BI_ELIMIT, "%s: more than %d layers (cap BI_MAX_LAYERS)",
				  src->path, BI_MAX_LAYERS);
	r = bi_config_parse(config, config_name, &img->config, &x, err);
	if (r < 0) {
		bi_err_wrap(err, "%s", src->path);
		return r;
	}
	if (x.ndiff_ids != n) {
		r = bi_err_set(err, BI_EFORMAT, "%s: config %s lists %zu diff_ids for %zu layers",
			       src->path, config_name, x.ndiff_ids, n);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		free(jobs[i].diff_id);
		jobs[i].diff_id = bi_xstrdup(x.diff_ids[i]);
	}
	img->reference = bi_xstrdup(spec);
	img->transport = bi_xstrdup(src->transport);
	img->digest = manifest_digest ? bi_xstrdup(manifest_digest) : NULL;
	img->platform =
		bi_platform_string(img->config.os, img->config.architecture, img->config.variant);
	r = bi_layers_read(src, jobs, n, opts ? opts->threads : 0, img, err);
	if (r < 0) {
		/* compare reads several images: say which one */
		bi_err_wrap(err, "%s", src->path);
		goto out;
	}
	if (x.ncreated_by == n)
		for (size_t i = 0; i < n; i++)
			img->layers[i].created_by =
				x.created_by[i] ? bi_xstrdup(x.created_by[i]) : NULL;
	copy_warnings(img);
	*ret = TAKE_PTR(img);
out:
	bi_config_extra_release(&x);
	return r;
}

enum kind {
	K_AUTO,
	K_OCI,
	K_OCI_ARCHIVE,
	K_DOCKER_ARCHIVE,
	K_DIR,
	K_STDIN,
};

static bool exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0;
}

/* PATH[:SUFFIX] where PATH may hold ':' itself: the longest existing prefix wins. */
static void split_path(const char *s, char **ret_path, char **ret_suffix)
{
	_cleanup_free_ char *tmp = bi_xstrdup(s);
	char *c;

	if (exists(s)) {
		*ret_path = bi_xstrdup(s);
		*ret_suffix = NULL;
		return;
	}
	while ((c = strrchr(tmp, ':'))) {
		*c = '\0';
		if (exists(tmp)) {
			*ret_path = bi_xstrdup(tmp);
			*ret_suffix = bi_xstrdup(s + (c - tmp) + 1);
			return;
		}
	}
	/* Nothing exists: a trailing ":TAG" without '/' is still a tag. */
	c = strrchr(s, ':');
	if (c && !strchr(c, '/') && c != s) {
		*ret_path = bi_xstrndup(s, (size_t)(c - s));
		*ret_suffix = bi_xstrdup(c + 1);
		return;
	}
	*ret_path = bi_xstrdup(s);
	*ret_suffix = NULL;
}

static int open_archive_images(struct bi_source *src, enum kind k, const char *spec,
			       const char *suffix, const struct bi_image_opts *opts,
			       struct bi_image ***ret, size_t *ret_n, struct bi_err **err)
{
	/* Tests only: exercise the read-once (registry) path on local files. */
	src->read_once = getenv("BI_TEST_READ_ONCE") != NULL;
	bool has_docker = bi_source_exists(src, "manifest.json");
	bool has_oci = bi_source_exists(src, "oci-layout") && bi_source_exists(src, "index.json");

	if (k == K_AUTO || k == K_STDIN)
		k = has_docker ? K_DOCKER_ARCHIVE : has_oci ? K_OCI_ARCHIVE : K_AUTO;
	if (k == K_DOCKER_ARCHIVE) {
		if (!has_docker)
			return bi_err_set(err, BI_EFORMAT,
					  "%s: not a docker save archive (no manifest.json)",
					  src->path);
		free(src->transport);
		src->transport = bi_xstrdup("docker-archive");
		return bi_docker_images(src, spec, suffix, opts, ret, ret_n, err);
	}
	if (k == K_OCI_ARCHIVE) {
		if (!has_oci)
			return bi_err_set(err, BI_EFORMAT,
					  "%s: not an OCI archive (no oci-layout and index.json)",
					  src->path);
		free(src->transport);
		src->transport = bi_xstrdup("oci-archive");
		return bi_oci_images(src, spec, suffix, opts, ret, ret_n, err);
	}
	return bi_err_set(
		err, BI_EFORMAT,
		"%s: a tar archive, but neither an OCI layout (oci-layout, index.json) nor a "
		"docker save (manifest.json)",
		src->path);
}

int bi_image_open(const char *spec, const struct bi_image_opts *opts, struct bi_image ***ret,
		  size_t *ret_n, struct bi_err **err)
{
	static const struct {
		const char *prefix;
		enum kind k;
	} prefixes[] = {
		{ "oci:", K_OCI },
		{ "oci-archive:", K_OCI_ARCHIVE },
		{ "docker-archive:", K_DOCKER_ARCHIVE },
		{ "dir:", K_DIR },
	};
	_cleanup_(bi_source_freep) struct bi_source *src = NULL;
	_cleanup_free_ char *path = NULL;
	_cleanup_free_ char *suffix = NULL;
	const char *rest = spec;
	enum kind k = K_AUTO;
	struct stat st;
	int r;

	if (!spec || !*spec)
		return bi_err_set(err, BI_EUSAGE, "no image given");
	if (strlen(spec) > BI_MAX_REFERENCE)
		return bi_err_set(err, BI_ELIMIT, "image reference longer than %d bytes",
				  BI_MAX_REFERENCE);
	for (size_t i = 0; i < BI_ARRAY_SIZE(prefixes); i++)
		if (strncmp(spec, prefixes[i].prefix, strlen(prefixes[i].prefix)) == 0) {
			k = prefixes[i].k;
			rest = spec + strlen(prefixes[i].prefix);
		}
	if (strcmp(spec, "-") == 0)
		k = K_STDIN;
	if (k == K_AUTO &&
	    (strncmp(spec, "docker://", 9) == 0 || strncmp(spec, "registry:", 9) == 0))
		return bi_err_set(
			err, BI_EUNSUPPORTED,
			"%s: registry images are not supported yet; use docker save or an OCI layout",
			spec);
	if (k == K_DIR)
		return open_dir(spec, rest, ret, ret_n, err);
	if (k == K_STDIN) {
		int fd;

		r = bi_spool_stdin(&fd, err);
		if (r < 0)
			return r;
		r = bi_archive_open_fd(fd, "<stdin>", &src, err);
		if (r < 0)
			return r;
		return open_archive_images(src, k, spec, NULL, opts, ret, ret_n, err);
	}
	if (k == K_AUTO && stat(spec, &st) == 0) {
		path = bi_xstrdup(spec);
	} else {
		split_path(rest, &path, &suffix);
		if (k != K_AUTO && suffix && !*suffix)
			return bi_err_set(err, BI_EUSAGE, "%s: empty tag", spec);
	}
	if (stat(path, &st) != 0) {
		if (k == K_AUTO)
			return bi_err_set(
				err, BI_ENOTFOUND,
				"%s: no such file or folder (registry images are not supported "
				"yet: docker save IMAGE | baseimg inspect -)",
				spec);
		return bi_err_set_errno(err, BI_ENOTFOUND, errno, "%s", path);
	}
	if (S_ISDIR(st.st_mode)) {
		_cleanup_free_ char *marker = bi_xasprintf("%s/oci-layout", path);
		if (k == K_OCI_ARCHIVE || k == K_DOCKER_ARCHIVE)
			return bi_err_set(err, BI_EFORMAT, "%s: a folder, not an archive file",
					  path);
		if (k == K_AUTO && !exists(marker)) {
			if (suffix)
				return bi_err_set(err, BI_EUSAGE, "%s: a dir: source takes no tag",
						  spec);
			return open_dir(spec, path, ret, ret_n, err);
		}
		if (!exists(marker))
			return bi_err_set(err, BI_EFORMAT,
					  "%s: not an OCI image layout (no oci-layout file)", path);
		r = bi_oci_dir_open(path, &src, err);
		if (r < 0)
			return r;
		src->read_once = getenv("BI_TEST_READ_ONCE") != NULL;
		return bi_oci_images(src, spec, suffix, opts, ret, ret_n, err);
	}
	if (k == K_OCI)
		return bi_err_set(err, BI_EFORMAT,
				  "%s: not a folder (for an archive use oci-archive:)", path);
	r = bi_archive_open(path, &src, err);
	if (r < 0)
		return r;
	return open_archive_images(src, k, spec, suffix, opts, ret, ret_n, err);
}
