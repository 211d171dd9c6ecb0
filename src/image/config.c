/* SPDX-License-Identifier: MIT */
/* The image config blob: run settings, platform, rootfs.diff_ids, history. */
#include "util/common.h"
#include "util/json.h"
#include "image/digest.h"
#include "image/image_int.h"

void bi_config_extra_release(struct bi_config_extra *x)
{
	for (size_t i = 0; i < x->ndiff_ids; i++)
		free(x->diff_ids[i]);
	free(x->diff_ids);
	for (size_t i = 0; i < x->ncreated_by; i++)
		free(x->created_by[i]);
	free(x->created_by);
	memset(x, 0, sizeof(*x));
}

static char *opt_string(const struct bi_json *j, const char *key)
{
	const char *s = bi_json_get_string(j, key);
	return s ? bi_xstrdup(s) : NULL;
}

/* An array of strings, or null/absent (*ret stays NULL). */
static int strings(const struct bi_json *j, const char *key, const char *name, char ***ret,
		   size_t *ret_n, struct bi_err **err)
{
	const struct bi_json *a = bi_json_get(j, key);
	size_t n;

	if (!a || bi_json_type(a) == BI_JSON_NULL)
		return 0;
	if (bi_json_type(a) == BI_JSON_STRING) {
		/* Some builders write a bare string: one word. */
		*ret = bi_xcalloc(2, sizeof(**ret));
		(*ret)[0] = bi_xstrdup(bi_json_string(a));
		*ret_n = 1;
		return 0;
	}
	if (bi_json_type(a) != BI_JSON_ARRAY)
		return bi_err_set(err, BI_EFORMAT, "%s: config.%s is not an array", name, key);
	n = bi_json_array_size(a);
	*ret = bi_xcalloc(n + 1, sizeof(**ret));
	for (size_t i = 0; i < n; i++) {
		const char *s = bi_json_string(bi_json_array_at(a, i));
		(*ret)[i] = bi_xstrdup(s ? s : "");
	}
	*ret_n = n;
	return 0;
}

int bi_config_parse(struct bi_span json, const char *name, struct bi_image_config *ret_cfg,
		    struct bi_config_extra *ret_extra, struct bi_err **err)
{
	_cleanup_(bi_json_freep) struct bi_json *root = NULL;
	struct bi_image_config c = { 0 };
	struct bi_config_extra x = { 0 };
	const struct bi_json *cfg, *labels, *rootfs, *ids, *hist;
	int r;

	r = bi_json_parse(json, name, &root, err);
	if (r < 0)
		return r;
	if (bi_json_type(root) != BI_JSON_OBJECT)
		return bi_err_set(err, BI_EFORMAT, "%s: not a JSON object", name);
	c.os = opt_string(root, "os");
	c.architecture = opt_string(root, "architecture");
	c.variant = opt_string(root, "variant");
	c.created = opt_string(root, "created");
	cfg = bi_json_get(root, "config");
	if (!cfg)
		cfg = bi_json_get(root, "container_config");
	if (bi_json_type(cfg) == BI_JSON_OBJECT) {
		if ((r = strings(cfg, "Entrypoint", name, &c.entrypoint, &c.nentrypoint, err)) <
			    0 ||
		    (r = strings(cfg, "Cmd", name, &c.cmd, &c.ncmd, err)) < 0 ||
		    (r = strings(cfg, "Env", name, &c.env, &c.nenv, err)) < 0)
			goto fail;
		c.user = opt_string(cfg, "User");
		c.workdir = opt_string(cfg, "WorkingDir");
		labels = bi_json_get(cfg, "Labels");
		if (bi_json_type(labels) == BI_JSON_OBJECT) {
			size_t n = bi_json_object_size(labels), i = 0;
			void *it = NULL;
			const char *k;
			const struct bi_json *v;

			c.label_keys = bi_xcalloc(n + 1, sizeof(char *));
			c.label_values = bi_xcalloc(n + 1, sizeof(char *));
			while ((k = bi_json_object_next(labels, &it, &v)) && i < n) {
				const char *s = bi_json_string(v);
				c.label_keys[i] = bi_xstrdup(k);
				c.label_values[i] = bi_xstrdup(s ? s : "");
				i++;
			}
			c.nlabels = i;
		}
	}
	rootfs = bi_json_get(root, "rootfs");
	ids = bi_json_get(rootfs, "diff_ids");
	if (bi_json_type(ids) != BI_JSON_ARRAY) {
		r = bi_err_set(err, BI_EFORMAT, "%s: no rootfs.diff_ids array", name);
		goto fail;
	}
	if (bi_json_array_size(ids) > BI_MAX_LAYERS) {
		r = bi_err_set(err, BI_ELIMIT, "%s: more than %d diff_ids (cap BI_MAX_LAYERS)",
			       name, BI_MAX_LAYERS);
		goto fail;
	}
	x.diff_ids = bi_xcalloc(bi_json_array_size(ids) + 1, sizeof(char *));
	for (size_t i = 0; i < bi_json_array_size(ids); i++) {
		const char *s = bi_json_string(bi_json_array_at(ids, i));
		if (!s) {
			r = bi_err_set(err, BI_EFORMAT, "%s: rootfs.diff_ids[%zu] is not a string",
				       name, i);
			goto fail;
		}
		x.diff_ids[x.ndiff_ids++] = bi_xstrdup(s);
		r = bi_digest_parse(s, NULL, err);
		if (r < 0) {
			bi_err_wrap(err, "%s: rootfs.diff_ids[%zu]", name, i);
			goto fail;
		}
	}
	hist = bi_json_get(root, "history");
	if (bi_json_type(hist) == BI_JSON_ARRAY) {
		size_t n = bi_json_array_size(hist);

		x.created_by = bi_xcalloc(n + 1, sizeof(char *));
		for (size_t i = 0; i < n; i++) {
			const struct bi_json *h = bi_json_array_at(hist, i);
			bool empty = false;

			bi_json_bool(bi_json_get(h, "empty_layer"), &empty);
			if (empty)
				continue;
			x.created_by[x.ncreated_by++] = opt_string(h, "created_by");
		}
	}
	*ret_cfg = c;
	*ret_extra = x;
	return 0;
fail:
	bi_image_config_release(&c);
	bi_config_extra_release(&x);
	return r;
}
