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

int bi_image_open(const char *spec, const struct bi_image_opts *opts, struct bi_image ***ret,
		  size_t *ret_n, struct bi_err **err)
{
	struct stat st;

	if (!spec || !*spec)
		return bi_err_set(err, BI_EUSAGE, "no image given");
	if (strlen(spec) > BI_MAX_REFERENCE)
		return bi_err_set(err, BI_ELIMIT, "image reference longer than %d bytes",
				  BI_MAX_REFERENCE);
	(void)opts;
	if (strncmp(spec, "dir:", 4) == 0)
		return open_dir(spec, spec + 4, ret, ret_n, err);
	if (stat(spec, &st) == 0 && S_ISDIR(st.st_mode))
		return open_dir(spec, spec, ret, ret_n, err);
	return bi_err_set(err, BI_EUNSUPPORTED, "%s: image source not supported yet", spec);
}
