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
		bi_descriptor_release(&jobs[i].blob);
		free(jobs[i].diff_id);
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

/* An archive tree: a docker save or an OCI layout inside, by what it holds. */
static int archive_images(struct bi_tree *t, enum kind k, const char *spec, const char *suffix,
			  const struct bi_image_opts *opts, struct bi_image ***ret, size_t *ret_n,
			  struct bi_err **err)
{
	_cleanup_(bi_source_freep) struct bi_source *src = NULL;
	bool has_docker = bi_tree_exists(t, "manifest.json");
	bool has_oci = bi_tree_exists(t, "oci-layout") && bi_tree_exists(t, "index.json");
	int r;

	if (k == K_AUTO)
		k = has_docker ? K_DOCKER_ARCHIVE : has_oci ? K_OCI_ARCHIVE : K_AUTO;
	if (k == K_DOCKER_ARCHIVE && !has_docker)
		r = bi_err_set(err, BI_EFORMAT, "%s: not a docker save archive (no manifest.json)",
			       t->path);
	else if (k == K_OCI_ARCHIVE && !has_oci)
		r = bi_err_set(err, BI_EFORMAT,
			       "%s: not an OCI archive (no oci-layout and index.json)", t->path);
	else if (k == K_AUTO)
		r = bi_err_set(err, BI_EFORMAT,
			       "%s: a tar archive, but neither an OCI layout (oci-layout, "
			       "index.json) nor a docker save (manifest.json)",
			       t->path);
	else
		r = 0;
	if (r < 0) {
		bi_tree_free(t);
		return r;
	}
	if (k == K_DOCKER_ARCHIVE) {
		bi_docker_source_new(t, &src, err);
		return bi_docker_images(src, spec, suffix, opts, ret, ret_n, err);
	}
	bi_layout_source_new(t, "oci-archive", &src, err);
	return bi_source_images(src, spec, suffix, opts, ret, ret_n, err);
}

/* An OCI layout folder (oci:, or a bare folder holding oci-layout). */
static int layout_images(const char *path, const char *spec, const char *tag,
			 const struct bi_image_opts *opts, struct bi_image ***ret, size_t *ret_n,
			 struct bi_err **err)
{
	_cleanup_(bi_source_freep) struct bi_source *src = NULL;
	_cleanup_free_ char *marker = bi_xasprintf("%s/oci-layout", path);
	struct bi_tree *t = NULL;
	int r;

	if (!exists(marker))
		return bi_err_set(err, BI_EFORMAT,
				  "%s: not an OCI image layout (no oci-layout file)", path);
	r = bi_tree_dir_open(path, &t, err);
	if (r < 0)
		return r;
	bi_layout_source_new(t, "oci", &src, err);
	return bi_source_images(src, spec, tag, opts, ret, ret_n, err);
}

/* oci:, oci-archive:, docker-archive: and bare paths: a folder or a file. */
static int open_local(enum kind k, const char *spec, const char *rest,
		      const struct bi_image_opts *opts, struct bi_image ***ret, size_t *ret_n,
		      struct bi_err **err)
{
	_cleanup_free_ char *path = NULL;
	_cleanup_free_ char *suffix = NULL;
	struct bi_tree *t = NULL;
	struct stat st;
	int r;

	if (k == K_AUTO && stat(spec, &st) == 0) {
		path = bi_xstrdup(spec);
	} else {
		split_path(rest, &path, &suffix);
		if (k != K_AUTO && suffix && !*suffix)
			return bi_err_set(err, BI_EUSAGE, "%s: empty tag", spec);
	}
	if (stat(path, &st) != 0)
		return bi_err_set_errno(err, BI_ENOTFOUND, errno, "%s", path);
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
		return layout_images(path, spec, suffix, opts, ret, ret_n, err);
	}
	if (k == K_OCI)
		return bi_err_set(err, BI_EFORMAT,
				  "%s: not a folder (for an archive use oci-archive:)", path);
	r = bi_tree_archive_open(path, &t, err);
	if (r < 0)
		return r;
	return archive_images(t, k, spec, suffix, opts, ret, ret_n, err);
}

static int open_oci(const char *spec, const char *rest, const struct bi_image_opts *opts,
		    struct bi_image ***ret, size_t *ret_n, struct bi_err **err)
{
	return open_local(K_OCI, spec, rest, opts, ret, ret_n, err);
}

static int open_oci_archive(const char *spec, const char *rest, const struct bi_image_opts *opts,
			    struct bi_image ***ret, size_t *ret_n, struct bi_err **err)
{
	return open_local(K_OCI_ARCHIVE, spec, rest, opts, ret, ret_n, err);
}

static int open_docker_archive(const char *spec, const char *rest, const struct bi_image_opts *opts,
			       struct bi_image ***ret, size_t *ret_n, struct bi_err **err)
{
	return open_local(K_DOCKER_ARCHIVE, spec, rest, opts, ret, ret_n, err);
}

static int open_dir_transport(const char *spec, const char *rest, const struct bi_image_opts *opts,
			      struct bi_image ***ret, size_t *ret_n, struct bi_err **err)
{
	(void)opts;
	return open_dir(spec, rest, ret, ret_n, err);
}

static int open_registry(const char *spec, const char *rest, const struct bi_image_opts *opts,
			 struct bi_image ***ret, size_t *ret_n, struct bi_err **err)
{
	_cleanup_(bi_source_freep) struct bi_source *src = NULL;
	int r = bi_registry_source_open(rest, opts, &src, err);

	if (r < 0)
		return r;
	return bi_source_images(src, spec, NULL, opts, ret, ret_n, err);
}

static int open_daemon(const char *spec, const char *rest, const struct bi_image_opts *opts,
		       struct bi_image ***ret, size_t *ret_n, struct bi_err **err)
{
	return bi_daemon_images(spec, rest, opts, ret, ret_n, err);
}

/* No prefix: "-" (stdin), an existing path (detected by content), else a registry reference. */
static int open_bare(const char *spec, const char *rest, const struct bi_image_opts *opts,
		     struct bi_image ***ret, size_t *ret_n, struct bi_err **err)
{
	_cleanup_free_ char *path = NULL;
	_cleanup_free_ char *suffix = NULL;
	struct bi_tree *t = NULL;
	int fd, r;

	if (strcmp(spec, "-") == 0) {
		r = bi_spool_stdin(&fd, err);
		if (r < 0)
			return r;
		r = bi_tree_archive_open_fd(fd, "<stdin>", &t, err);
		if (r < 0)
			return r;
		return archive_images(t, K_AUTO, spec, NULL, opts, ret, ret_n, err);
	}
	split_path(rest, &path, &suffix);
	if (exists(spec) || exists(path))
		return open_local(K_AUTO, spec, rest, opts, ret, ret_n, err);
	r = open_registry(spec, rest, opts, ret, ret_n, err);
	if (r == BI_EUNSUPPORTED) {
		/* Until the registry client lands: most likely a mistyped path. */
		bi_err_freep(err);
		return bi_err_set(err, BI_ENOTFOUND,
				  "%s: no such file or folder (registry images are not supported "
				  "yet: docker save IMAGE | baseimg inspect -)",
				  spec);
	}
	return r;
}

/* Every way of naming an image; the first prefix that matches wins, else the NULL row. */
static const struct bi_transport transports[] = {
	{ "oci:", "oci", open_oci },
	{ "oci-archive:", "oci-archive", open_oci_archive },
	{ "docker-archive:", "docker-archive", open_docker_archive },
	{ "dir:", "dir", open_dir_transport },
	{ "docker://", "docker", open_registry },
	{ "docker-daemon:", "docker-daemon", open_daemon },
	{ NULL, NULL, open_bare },
};

int bi_image_open(const char *spec, const struct bi_image_opts *opts, struct bi_image ***ret,
		  size_t *ret_n, struct bi_err **err)
{
	const struct bi_transport *t = NULL;

	if (!spec || !*spec)
		return bi_err_set(err, BI_EUSAGE, "no image given");
	if (strlen(spec) > BI_MAX_REFERENCE)
		return bi_err_set(err, BI_ELIMIT, "image reference longer than %d bytes",
				  BI_MAX_REFERENCE);
	for (size_t i = 0; i < BI_ARRAY_SIZE(transports) && !t; i++)
		if (!transports[i].prefix ||
		    strncmp(spec, transports[i].prefix, strlen(transports[i].prefix)) == 0)
			t = &transports[i];
	return t->open(spec, spec + (t->prefix ? strlen(t->prefix) : 0), opts, ret, ret_n, err);
}
