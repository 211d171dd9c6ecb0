/* SPDX-License-Identifier: MIT */
#ifndef BI_IMAGE_INT_H
#define BI_IMAGE_INT_H

/* Internals of the image reader shared across src/image/. */
#include <stdint.h>

#include "image/image.h"
#include "util/stream.h"
#include "image/source.h"

struct bi_err;
struct bi_buf;
struct bi_lentries;

/*
 * Files by name inside an OCI layout folder or a tar archive (oci-archive,
 * docker-archive, stdin): "index.json", "blobs/sha256/HEX", "manifest.json",
 * "ID/layer.tar". The local sources (oci_layout.c, docker_archive.c) are
 * built on a tree; open() is called from several threads.
 */
struct bi_tree;
struct bi_tree_ops {
	/* BI_ENOTFOUND when absent. *ret_size: the file's size. */
	int (*open)(struct bi_tree *t, const char *name, struct bi_istream **ret,
		    uint64_t *ret_size, struct bi_err **err);
	bool (*exists)(struct bi_tree *t, const char *name);
	void (*free)(struct bi_tree *t);
};

struct bi_tree {
	const struct bi_tree_ops *ops;
	char *path; /* for messages */
};

int bi_tree_open(struct bi_tree *t, const char *name, struct bi_istream **ret, uint64_t *ret_size,
		 struct bi_err **err);
bool bi_tree_exists(struct bi_tree *t, const char *name);
/* Read a whole file, at most max bytes (BI_ELIMIT past it, naming `what`). */
int bi_tree_read(struct bi_tree *t, const char *name, const char *what, size_t max,
		 struct bi_buf *out, struct bi_err **err);
void bi_tree_free(struct bi_tree *t);
void bi_tree_freep(struct bi_tree **t);
/* "blobs/sha256/HEX" for a digest (caller frees); the digest must be valid. */
char *bi_blob_name(const char *digest);

int bi_tree_dir_open(const char *path, struct bi_tree **ret, struct bi_err **err);
/* An archive file (a tar of an OCI layout or a docker save); fd is taken. */
int bi_tree_archive_open_fd(int fd, const char *path, struct bi_tree **ret, struct bi_err **err);
int bi_tree_archive_open(const char *path, struct bi_tree **ret, struct bi_err **err);
/* Spool stdin to an unlinked temporary file; returns its fd. */
int bi_spool_stdin(int *ret_fd, struct bi_err **err);
/* The same for any readable fd (a pipe given as a path); `name` for messages. */
int bi_spool_fd(int in, const char *name, int *ret_fd, struct bi_err **err);

/*
 * Local sources over a tree (taken, also on failure): an OCI image layout
 * (transport "oci" or "oci-archive") and a docker save archive.
 */
int bi_layout_source_new(struct bi_tree *t, const char *transport, struct bi_source **ret,
			 struct bi_err **err);
int bi_docker_source_new(struct bi_tree *t, struct bi_source **ret, struct bi_err **err);
/* The tree a local source reads (docker_archive.c reads manifest.json by name). */
struct bi_tree *bi_local_source_tree(struct bi_source *s);

/* ---- documents (manifest.c, config.c) ---- */

enum bi_doc_kind {
	BI_DOC_INDEX,
	BI_DOC_MANIFEST,
	BI_DOC__MAX,
};

/* What a document is, from its media type (or its fields when it has none). */
int bi_doc_kind(struct bi_span json, const char *media_type, const char *name,
		enum bi_doc_kind *ret, struct bi_err **err);
int bi_index_parse(struct bi_span json, const char *name, struct bi_descriptor **ret, size_t *ret_n,
		   struct bi_err **err);

struct bi_manifest {
	char *media_type;
	struct bi_descriptor config;
	struct bi_descriptor *layers;
	size_t nlayers;
};
int bi_manifest_parse(struct bi_span json, const char *name, struct bi_manifest **ret,
		      struct bi_err **err);
void bi_manifest_free(struct bi_manifest *m);
void bi_manifest_freep(struct bi_manifest **m);
/* A layer media type's compression; BI_EUNSUPPORTED (naming it) when unknown. */
int bi_layer_media_type(const char *media_type, enum bi_compression *ret, struct bi_err **err);

struct bi_config_extra {
	char **diff_ids;
	size_t ndiff_ids;
	char **created_by; /* per non-empty history entry, in order (may hold NULLs) */
	size_t ncreated_by;
};
int bi_config_parse(struct bi_span json, const char *name, struct bi_image_config *ret_cfg,
		    struct bi_config_extra *ret_extra, struct bi_err **err);
void bi_image_config_release(struct bi_image_config *c);
void bi_config_extra_release(struct bi_config_extra *x);

/* docker save manifest.json */
struct bi_docker_entry {
	char *config;
	char **repo_tags;
	size_t ntags;
	char **layers;
	size_t nlayers;
};
int bi_docker_manifest_parse(struct bi_span json, const char *name, struct bi_docker_entry **ret,
			     size_t *ret_n, struct bi_err **err);
void bi_docker_entries_free(struct bi_docker_entry *e, size_t n);

/* ---- platforms (platform.c) ---- */
struct bi_platform {
	char *os, *arch, *variant;
};
int bi_platform_parse(const char *s, struct bi_platform *ret, struct bi_err **err);
void bi_platform_release(struct bi_platform *p);
/* Does a descriptor's platform match the wanted one (arch aliases, default variants)? */
bool bi_platform_match(const struct bi_platform *want, const char *os, const char *arch,
		       const char *variant);
char *bi_platform_string(const char *os, const char *arch, const char *variant);
/* The same, with a wanted platform without variant taking the default one (arm: v7). */
bool bi_platform_match_exact(const struct bi_platform *want, const char *os, const char *arch,
			     const char *variant);
/*
 * A config without "variant" (common for arm images) takes the one its index
 * descriptor gives, when os and architecture agree.
 */
void bi_platform_fill_variant(struct bi_image *img, const char *os, const char *arch,
			      const char *variant);

/* ---- reading the layers (layers.c) ---- */
struct bi_layer_job {
	/*
	 * The blob: digest (NULL for a docker-archive member that names none,
	 * then path), size (-1: unknown), media type (NULL: none given).
	 */
	struct bi_descriptor blob;
	char *diff_id; /* expected diff_id, or NULL */
	enum bi_compression comp;
	bool sniff; /* docker-archive: compression from the content */
};
/* Decode, verify and walk every layer (in parallel), merging into img->fs. */
int bi_layers_read(struct bi_source *src, struct bi_layer_job *jobs, size_t n, int threads,
		   struct bi_image *img, struct bi_err **err);

/* dir: a root file system folder as one pseudo-layer. */
int bi_dir_read(const char *path, struct bi_image *img, struct bi_err **err);

/* ---- assembling images (image.c, oci_layout.c, docker_archive.c) ---- */
/*
 * One image from its verified config bytes and its layer jobs (diff_ids are
 * filled in from the config). Takes nothing; jobs stay the caller's.
 */
int bi_image_build(struct bi_source *src, const char *spec, const char *manifest_digest,
		   struct bi_span config, const char *config_name, struct bi_layer_job *jobs,
		   size_t n, const struct bi_image_opts *opts, struct bi_image **ret,
		   struct bi_err **err);
void bi_layer_jobs_free(struct bi_layer_job *jobs, size_t n);
void bi_image_list_add(struct bi_image ***list, size_t *n, struct bi_image *img);
/* The image of a docker save archive named by `ref` (a RepoTag, "@N", or NULL: the only one). */
int bi_docker_images(struct bi_source *src, const char *spec, const char *ref,
		     const struct bi_image_opts *opts, struct bi_image ***ret, size_t *ret_n,
		     struct bi_err **err);

#endif
