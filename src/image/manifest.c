/* SPDX-License-Identifier: MIT */
/*
 * OCI image index / manifest and Docker schema 2 manifest list / manifest,
 * and docker save's manifest.json. Documents arrive as bytes already capped
 * (BI_MAX_MANIFEST) and digest-checked.
 */
#include "util/common.h"
#include "util/json.h"
#include "image/digest.h"
#include "image/image_int.h"

#define MT_OCI_INDEX "application/vnd.oci.image.index.v1+json"
#define MT_OCI_MANIFEST "application/vnd.oci.image.manifest.v1+json"
#define MT_DOCKER_LIST "application/vnd.docker.distribution.manifest.list.v2+json"
#define MT_DOCKER_MANIFEST "application/vnd.docker.distribution.manifest.v2+json"
#define MT_DOCKER_V1 "application/vnd.docker.distribution.manifest.v1"

void bi_descriptor_release(struct bi_descriptor *d)
{
	free(d->media_type);
	free(d->digest);
	free(d->os);
	free(d->arch);
	free(d->variant);
	free(d->ref_name);
	free(d->path);
	memset(d, 0, sizeof(*d));
}

static char *dup_or_null(const char *s)
{
	return s ? bi_xstrdup(s) : NULL;
}

void bi_descriptor_copy(struct bi_descriptor *dst, const struct bi_descriptor *src)
{
	dst->media_type = dup_or_null(src->media_type);
	dst->digest = dup_or_null(src->digest);
	dst->size = src->size;
	dst->os = dup_or_null(src->os);
	dst->arch = dup_or_null(src->arch);
	dst->variant = dup_or_null(src->variant);
	dst->ref_name = dup_or_null(src->ref_name);
	dst->path = dup_or_null(src->path);
}

void bi_descriptors_free(struct bi_descriptor *d, size_t n)
{
	for (size_t i = 0; i < n; i++)
		bi_descriptor_release(&d[i]);
	free(d);
}

static char *opt_string(const struct bi_json *j, const char *key)
{
	const char *s = bi_json_get_string(j, key);
	return s ? bi_xstrdup(s) : NULL;
}

static int parse_descriptor(const struct bi_json *j, const char *name, const char *what,
			    struct bi_descriptor *d, struct bi_err **err)
{
	const struct bi_json *plat, *ann;
	int64_t size;
	int r;

	memset(d, 0, sizeof(*d));
	d->size = -1;
	if (bi_json_type(j) != BI_JSON_OBJECT)
		return bi_err_set(err, BI_EFORMAT, "%s: %s is not an object", name, what);
	d->media_type = opt_string(j, "mediaType");
	d->digest = opt_string(j, "digest");
	if (!d->digest) {
		bi_descriptor_release(d);
		return bi_err_set(err, BI_EFORMAT, "%s: %s has no digest", name, what);
	}
	r = bi_digest_parse(d->digest, NULL, err);
	if (r < 0) {
		bi_descriptor_release(d);
		bi_err_wrap(err, "%s: %s", name, what);
		return r;
	}
	if (bi_json_get(j, "size")) {
		if (!bi_json_int(bi_json_get(j, "size"), &size) || size < 0) {
			bi_descriptor_release(d);
			return bi_err_set(err, BI_EFORMAT,
					  "%s: %s: size is not a non-negative integer", name, what);
		}
		d->size = size;
	}
	plat = bi_json_get(j, "platform");
	if (bi_json_type(plat) == BI_JSON_OBJECT) {
		d->os = opt_string(plat, "os");
		d->arch = opt_string(plat, "architecture");
		d->variant = opt_string(plat, "variant");
	}
	ann = bi_json_get(j, "annotations");
	if (bi_json_type(ann) == BI_JSON_OBJECT)
		d->ref_name = opt_string(ann, "org.opencontainers.image.ref.name");
	return 0;
}

static int kind_of_type(const char *mt, const char *name, enum bi_doc_kind *ret,
			struct bi_err **err)
{
	if (strcmp(mt, MT_OCI_INDEX) == 0 || strcmp(mt, MT_DOCKER_LIST) == 0) {
		*ret = BI_DOC_INDEX;
		return 0;
	}
	if (strcmp(mt, MT_OCI_MANIFEST) == 0 || strcmp(mt, MT_DOCKER_MANIFEST) == 0) {
		*ret = BI_DOC_MANIFEST;
		return 0;
	}
	if (strncmp(mt, MT_DOCKER_V1, strlen(MT_DOCKER_V1)) == 0)
		return bi_err_set(err, BI_EUNSUPPORTED,
				  "%s: Docker schema 1 manifests (%s) are not supported", name, mt);
	return bi_err_set(err, BI_EUNSUPPORTED, "%s: unsupported media type \"%.200s\"", name, mt);
}

int bi_doc_kind(struct bi_span json, const char *media_type, const char *name,
		enum bi_doc_kind *ret, struct bi_err **err)
{
	_cleanup_(bi_json_freep) struct bi_json *root = NULL;
	const char *mt;
	int64_t sv;
	int r;

	r = bi_json_parse(json, name, &root, err);
	if (r < 0)
		return r;
	if (bi_json_type(root) != BI_JSON_OBJECT)
		return bi_err_set(err, BI_EFORMAT, "%s: not a JSON object", name);
	mt = bi_json_get_string(root, "mediaType");
	if (mt)
		return kind_of_type(mt, name, ret, err);
	if (media_type && *media_type)
		return kind_of_type(media_type, name, ret, err);
	if (bi_json_int(bi_json_get(root, "schemaVersion"), &sv) && sv == 1)
		return bi_err_set(err, BI_EUNSUPPORTED,
				  "%s: Docker schema 1 manifests are not supported", name);
	if (bi_json_type(bi_json_get(root, "manifests")) == BI_JSON_ARRAY) {
		*ret = BI_DOC_INDEX;
		return 0;
	}
	if (bi_json_get(root, "config") && bi_json_get(root, "layers")) {
		*ret = BI_DOC_MANIFEST;
		return 0;
	}
	return bi_err_set(err, BI_EFORMAT, "%s: neither an image index nor a manifest", name);
}

int bi_index_parse(struct bi_span json, const char *name, struct bi_descriptor **ret, size_t *ret_n,
		   struct bi_err **err)
{
	_cleanup_(bi_json_freep) struct bi_json *root = NULL;
	const struct bi_json *ms;
	struct bi_descriptor *v;
	size_t n;
	int r;

	r = bi_json_parse(json, name, &root, err);
	if (r < 0)
		return r;
	if (bi_json_type(root) != BI_JSON_OBJECT)
		return bi_err_set(err, BI_EFORMAT, "%s: not a JSON object", name);
	ms = bi_json_get(root, "manifests");
	if (bi_json_type(ms) != BI_JSON_ARRAY)
		return bi_err_set(err, BI_EFORMAT, "%s: no \"manifests\" array", name);
	n = bi_json_array_size(ms);
	if (n > BI_MAX_PLATFORMS)
		return bi_err_set(err, BI_ELIMIT,
				  "%s: more than %d manifests (cap BI_MAX_PLATFORMS)", name,
				  BI_MAX_PLATFORMS);
	v = bi_xcalloc(n ? n : 1, sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		char what[64];

		snprintf(what, sizeof(what), "manifests[%zu]", i);
		r = parse_descriptor(bi_json_array_at(ms, i), name, what, &v[i], err);
		if (r < 0) {
			bi_descriptors_free(v, i);
			return r;
		}
	}
	*ret = v;
	*ret_n = n;
	return 0;
}

void bi_manifest_free(struct bi_manifest *m)
{
	if (!m)
		return;
	free(m->media_type);
	bi_descriptor_release(&m->config);
	bi_descriptors_free(m->layers, m->nlayers);
	free(m);
}

void bi_manifest_freep(struct bi_manifest **m)
{
	bi_manifest_free(*m);
	*m = NULL;
}

int bi_manifest_parse(struct bi_span json, const char *name, struct bi_manifest **ret,
		      struct bi_err **err)
{
	_cleanup_(bi_json_freep) struct bi_json *root = NULL;
	_cleanup_(bi_manifest_freep) struct bi_manifest *m = NULL;
	const struct bi_json *ls;
	int r;

	r = bi_json_parse(json, name, &root, err);
	if (r < 0)
		return r;
	if (bi_json_type(root) != BI_JSON_OBJECT)
		return bi_err_set(err, BI_EFORMAT, "%s: not a JSON object", name);
	m = bi_xcalloc(1, sizeof(*m));
	m->media_type = opt_string(root, "mediaType");
	if (!bi_json_get(root, "config"))
		return bi_err_set(err, BI_EFORMAT, "%s: no \"config\"", name);
	r = parse_descriptor(bi_json_get(root, "config"), name, "config", &m->config, err);
	if (r < 0)
		return r;
	ls = bi_json_get(root, "layers");
	if (bi_json_type(ls) != BI_JSON_ARRAY)
		return bi_err_set(err, BI_EFORMAT, "%s: no \"layers\" array", name);
	if (bi_json_array_size(ls) > BI_MAX_LAYERS)
		return bi_err_set(err, BI_ELIMIT, "%s: more than %d layers (cap BI_MAX_LAYERS)",
				  name, BI_MAX_LAYERS);
	m->layers = bi_xcalloc(bi_json_array_size(ls) + 1, sizeof(*m->layers));
	for (size_t i = 0; i < bi_json_array_size(ls); i++) {
		char what[64];

		snprintf(what, sizeof(what), "layers[%zu]", i);
		r = parse_descriptor(bi_json_array_at(ls, i), name, what, &m->layers[i], err);
		if (r < 0)
			return r;
		m->nlayers++;
		if (!m->layers[i].media_type)
			return bi_err_set(err, BI_EFORMAT, "%s: %s has no mediaType", name, what);
	}
	*ret = TAKE_PTR(m);
	return 0;
}

int bi_layer_media_type(const char *mt, enum bi_compression *ret, struct bi_err **err)
{
	static const struct {
		const char *type;
		enum bi_compression c;
	} types[] = {
		{ "application/vnd.oci.image.layer.v1.tar", BI_COMP_NONE },
		{ "application/vnd.oci.image.layer.v1.tar+gzip", BI_COMP_GZIP },
		{ "application/vnd.oci.image.layer.v1.tar+zstd", BI_COMP_ZSTD },
		{ "application/vnd.oci.image.layer.nondistributable.v1.tar", BI_COMP_NONE },
		{ "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip", BI_COMP_GZIP },
		{ "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd", BI_COMP_ZSTD },
		{ "application/vnd.docker.image.rootfs.diff.tar", BI_COMP_NONE },
		{ "application/vnd.docker.image.rootfs.diff.tar.gzip", BI_COMP_GZIP },
		{ "application/vnd.docker.image.rootfs.diff.tar.zstd", BI_COMP_ZSTD },
		{ "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", BI_COMP_GZIP },
	};

	for (size_t i = 0; i < BI_ARRAY_SIZE(types); i++)
		if (strcmp(mt, types[i].type) == 0) {
			*ret = types[i].c;
			return 0;
		}
	return bi_err_set(err, BI_EUNSUPPORTED, "unsupported layer media type \"%.200s\"", mt);
}

/* ---- docker save manifest.json ---- */

static int string_array(const struct bi_json *a, const char *name, const char *what, size_t max,
			char ***ret, size_t *ret_n, struct bi_err **err)
{
	size_t n = bi_json_array_size(a);
	char **v;

	if (a && bi_json_type(a) != BI_JSON_ARRAY && bi_json_type(a) != BI_JSON_NULL)
		return bi_err_set(err, BI_EFORMAT, "%s: %s is not an array", name, what);
	if (n > max)
		return bi_err_set(err, BI_ELIMIT, "%s: %s has more than %zu items", name, what,
				  max);
	v = bi_xcalloc(n + 1, sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		const char *s = bi_json_string(bi_json_array_at(a, i));
		if (!s) {
			for (size_t k = 0; k < i; k++)
				free(v[k]);
			free(v);
			return bi_err_set(err, BI_EFORMAT, "%s: %s[%zu] is not a string", name,
					  what, i);
		}
		v[i] = bi_xstrdup(s);
	}
	*ret = v;
	*ret_n = n;
	return 0;
}

void bi_docker_entries_free(struct bi_docker_entry *e, size_t n)
{
	if (!e)
		return;
	for (size_t i = 0; i < n; i++) {
		free(e[i].config);
		for (size_t k = 0; k < e[i].ntags; k++)
			free(e[i].repo_tags[k]);
		free(e[i].repo_tags);
		for (size_t k = 0; k < e[i].nlayers; k++)
			free(e[i].layers[k]);
		free(e[i].layers);
	}
	free(e);
}

int bi_docker_manifest_parse(struct bi_span json, const char *name, struct bi_docker_entry **ret,
			     size_t *ret_n, struct bi_err **err)
{
	_cleanup_(bi_json_freep) struct bi_json *root = NULL;
	struct bi_docker_entry *v;
	size_t n, done = 0;
	int r;

	r = bi_json_parse(json, name, &root, err);
	if (r < 0)
		return r;
	if (bi_json_type(root) != BI_JSON_ARRAY)
		return bi_err_set(err, BI_EFORMAT, "%s: not a JSON array", name);
	n = bi_json_array_size(root);
	if (n > BI_MAX_ARCHIVE_IMAGES)
		return bi_err_set(err, BI_ELIMIT,
				  "%s: more than %d images (cap BI_MAX_ARCHIVE_IMAGES)", name,
				  BI_MAX_ARCHIVE_IMAGES);
	v = bi_xcalloc(n + 1, sizeof(*v));
	for (size_t i = 0; i < n; i++, done++) {
		const struct bi_json *e = bi_json_array_at(root, i);
		const char *cfg = bi_json_get_string(e, "Config");

		if (!cfg) {
			r = bi_err_set(err, BI_EFORMAT, "%s: image %zu has no \"Config\"", name, i);
			goto fail;
		}
		v[i].config = bi_xstrdup(cfg);
		r = string_array(bi_json_get(e, "RepoTags"), name, "RepoTags", 10000,
				 &v[i].repo_tags, &v[i].ntags, err);
		if (r < 0)
			goto fail;
		if (bi_json_type(bi_json_get(e, "Layers")) != BI_JSON_ARRAY) {
			r = bi_err_set(err, BI_EFORMAT, "%s: image %zu has no \"Layers\" array",
				       name, i);
			goto fail;
		}
		r = string_array(bi_json_get(e, "Layers"), name, "Layers", BI_MAX_LAYERS,
				 &v[i].layers, &v[i].nlayers, err);
		if (r < 0)
			goto fail;
	}
	*ret = v;
	*ret_n = n;
	return 0;
fail:
	bi_docker_entries_free(v, done + 1);
	return r;
}
