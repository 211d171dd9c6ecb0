/* SPDX-License-Identifier: MIT */
#ifndef BI_IMAGE_H
#define BI_IMAGE_H

/*
 * Opening an image from any source (oci:, oci-archive:, docker-archive:,
 * dir:, "-", a bare path detected by its contents; a registry transport will
 * slot in beside these behind the same struct bi_source ops), verifying every
 * blob digest and diff_id, and streaming its layers into the merged view.
 */
#include <stdbool.h>
#include <stdint.h>

#include "layer/fs.h"

struct bi_err;

struct bi_image_opts {
	const char *platform; /* "os/arch[/variant]"; NULL: linux/amd64 or the only one */
	bool all_platforms;   /* open every manifest of an index */
	int threads;	      /* layer decoders in parallel; 0: number of cores */
};

struct bi_layer {
	char *digest;	  /* blob digest "sha256:..." (NULL for dir:) */
	char *diff_id;	  /* digest of the uncompressed tar */
	char *media_type; /* as in the manifest */
	uint64_t compressed, uncompressed;
	uint64_t files;	  /* entries in the layer's tar */
	char *created_by; /* from the config history (non-empty layers), or NULL */
};

struct bi_image_config {
	char **entrypoint; /* NULL when unset (not the same as empty) */
	size_t nentrypoint;
	char **cmd;
	size_t ncmd;
	char *user;
	char *workdir;
	char **env; /* "KEY=VALUE" */
	size_t nenv;
	char **label_keys, **label_values;
	size_t nlabels;
	char *os, *architecture, *variant;
	char *created;
};

struct bi_image {
	char *reference; /* as the user gave it */
	char *transport; /* "oci", "oci-archive", "docker-archive", "dir" */
	char *digest;	 /* manifest digest, or NULL (dir:) */
	char *platform;	 /* "linux/amd64" */
	struct bi_image_config config;
	struct bi_layer *layers;
	size_t nlayers;
	uint64_t compressed, uncompressed; /* sums over the layers */
	struct bi_fs *fs;		   /* the merged view */
	char **warnings; /* non-fatal oddities ("layer 2: absolute path ... clamped") */
	size_t nwarnings;
};

/*
 * Open and read an image. With opts->all_platforms every platform of an index
 * is returned; otherwise exactly one image. Errors: BI_ENOTFOUND (no such
 * file, tag or platform), BI_EFORMAT (malformed document, corrupt layer),
 * BI_EDIGEST (a blob or diff_id mismatch, naming the blob), BI_ELIMIT (a cap),
 * BI_EUNSUPPORTED (a media type we do not read).
 */
int bi_image_open(const char *spec, const struct bi_image_opts *opts, struct bi_image ***ret,
		  size_t *ret_n, struct bi_err **err);
void bi_image_free(struct bi_image *img);
void bi_image_list_free(struct bi_image **imgs, size_t n);

/* The config's value for an environment variable, or NULL. */
const char *bi_image_env(const struct bi_image *img, const char *key);

#endif
