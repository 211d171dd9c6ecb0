/* SPDX-License-Identifier: MIT */
#ifndef BI_IMAGE_INT_H
#	define BI_IMAGE_INT_H

/* Internals of the image reader shared across src/image/. */
#	include <stdint.h>

#	include "image/image.h"
#	include "layer/stream.h"

struct bi_err;
struct bi_buf;
struct bi_lentries;

/*
 * A source of image files: an OCI layout folder, an archive (oci-archive,
 * docker-archive, stdin), later a registry. Files are named as inside an OCI
 * layout or a docker save archive ("index.json", "blobs/sha256/HEX",
 * "manifest.json", "ID/layer.tar"). open() is called from several threads.
 */
struct bi_source;
struct bi_source_ops {
	/* BI_ENOTFOUND when absent. *ret_size: the file's size. */
	int (*open)(struct bi_source *s, const char *name, struct bi_istream **ret,
		    uint64_t *ret_size, struct bi_err **err);
	bool (*exists)(struct bi_source *s, const char *name);
	void (*free)(struct bi_source *s);
};

struct bi_source {
	const struct bi_source_ops *ops;
	char *path;	 /* for messages */
	char *transport; /* "oci", "oci-archive", "docker-archive" */
	/*
	 * Streams (a registry) set this: each blob is then read once, its
	 * digest computed inline while it decodes, instead of by a separate
	 * task re-reading the local file on another core.
	 */
	bool read_once;
};

int bi_source_open(struct bi_source *s, const char *name, struct bi_istream **ret,
		   uint64_t *ret_size, struct bi_err **err);
bool bi_source_exists(struct bi_source *s, const char *name);
/* Read a whole file, at most max bytes (BI_ELIMIT past it, naming `what`). */
int bi_source_read(struct bi_source *s, const char *name, const char *what, size_t max,
		   struct bi_buf *out, struct bi_err **err);
/*
 * Read a blob by digest and verify it: size (when size >= 0) and digest.
 * BI_EDIGEST on a mismatch, BI_ELIMIT past max.
 */
int bi_source_read_blob(struct bi_source *s, const char *digest, int64_t size, const char *what,
			size_t max, struct bi_buf *out, struct bi_err **err);
void bi_source_free(struct bi_source *s);
void bi_source_freep(struct bi_source **s);
/* "blobs/sha256/HEX" for a digest (caller frees); the digest must be valid. */
char *bi_blob_name(const char *digest);

int bi_oci_dir_open(const char *path, struct bi_source **ret, struct bi_err **err);
/* An archive file (a tar of an OCI layout or a docker save); fd is taken. */
int bi_archive_open_fd(int fd, const char *path, struct bi_source **ret, struct bi_err **err);
int bi_archive_open(const char *path, struct bi_source **ret, struct bi_err **err);
/* Spool stdin to an unlinked temporary file; returns its fd. */
int bi_spool_stdin(int *ret_fd, struct bi_err **err);
/* The same for any readable fd (a pipe given as a path); `name` for messages. */
int bi_spool_fd(int in, const char *name, int *ret_fd, struct bi_err **err);

/* ---- documents (manifest.c, config.c) ---- */

struct bi_descriptor {
	char *media_type;
	char *digest;
	int64_t size;		   /* -1: unknown */
	char *os, *arch, *variant; /* platform, when given */
	char *ref_name;		   /* org.opencontainers.image.ref.name */
};

enum bi_doc_kind {
	BI_DOC_INDEX,
	BI_DOC_MANIFEST,
	BI_DOC__MAX,
};

void bi_descriptor_release(struct bi_descriptor *d);
void bi_descriptors_free(struct bi_descriptor *d, size_t n);
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
	char *name;    /* file in the source */
	char *digest;  /* claimed blob digest, or NULL */
	int64_t size;  /* claimed size, or -1 */
	char *diff_id; /* expected diff_id, or NULL */
	enum bi_compression comp;
	char *media_type; /* as in the manifest, or NULL */
	bool sniff;	  /* docker-archive: compression from the content */
};
/* Decode, verify and walk every layer (in parallel), merging into img->fs. */
int bi_layers_read(struct bi_source *src, struct bi_layer_job *jobs, size_t n, int threads,
		   struct bi_image *img, struct bi_err **err);

/* dir: a root file system folder as one pseudo-layer. */
int bi_dir_read(const char *path, struct bi_image *img, struct bi_err **err);

#endif

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
/* Every image an OCI layout (or oci-archive) holds under `tag` for the wanted platform(s). */
int bi_oci_images(struct bi_source *src, const char *spec, const char *tag,
		  const struct bi_image_opts *opts, struct bi_image ***ret, size_t *ret_n,
		  struct bi_err **err);
/* The image of a docker save archive named by `ref` (a RepoTag, "@N", or NULL: the only one). */
int bi_docker_images(struct bi_source *src, const char *spec, const char *ref,
		     const struct bi_image_opts *opts, struct bi_image ***ret, size_t *ret_n,
		     struct bi_err **err);
