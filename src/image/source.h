/* SPDX-License-Identifier: MIT */
#ifndef BI_IMAGE_SOURCE_H
#define BI_IMAGE_SOURCE_H

/*
 * Image sources and transports.
 *
 * A *source* hands out content-addressed blobs (indexes, manifests,
 * configs, layers) described by descriptors (media type, digest, size). It
 * knows nothing about file names, tags-as-files or platforms: the generic
 * reader (bi_source_images() in oci_layout.c) walks index -> manifest ->
 * config -> layers through these operations alone, so an OCI layout folder,
 * an oci-archive tar and a registry are read by the same code.
 *
 * ---- Writing a new source (a registry, the Docker engine, ...) ----
 *
 * 1. Embed `struct bi_source` as the FIRST member of your struct and fill it
 *    with bi_source_init() (ops, a name for messages, the transport name
 *    shown in output, flags).
 * 2. Implement the three operations of `struct bi_source_ops`:
 *
 *    resolve(s, ref, &descs, &n, err)
 *        Turn a reference into the descriptor(s) of its top document(s):
 *        an image index / manifest list, or a single manifest. Fill
 *        media_type, digest and size (-1 when unknown); platform fields only
 *        when known. ref == NULL means "what the source was opened for" (a
 *        registry source opened for "alpine:3.20" resolves its tag; an OCI
 *        layout returns every manifest its index.json lists). A registry does
 *        this with HEAD /v2/NAME/manifests/REF (Docker-Content-Digest,
 *        Content-Type, Content-Length). Return an array of n >= 1
 *        (bi_descriptors_free() releases it) or an error.
 *
 *    fetch(s, d, &is, &size, err)
 *        Open the raw bytes of the blob d->digest as a stream
 *        (util/stream.h; write your own struct bi_istream reader for a
 *        socket or reuse bi_istream_fd()). *size: its length, or -1 when not
 *        known before reading. You need not verify anything: callers go
 *        through bi_source_fetch(), which checks size and digest while the
 *        bytes flow and fails the read that reaches the end when they do not
 *        match. A caching source tees the bytes into a temporary file and
 *        renames it into the cache only when that verifying read succeeded
 *        (bi_source_fetch() tells you through bi_source_ops.verified).
 *        Manifests and indexes are fetched by digest too (GET
 *        /v2/NAME/manifests/DIGEST for a registry).
 *
 *    free(s)
 *        Release everything, including the path and transport strings
 *        (bi_source_release() does the common part).
 *
 * 3. Errors: return a negative BI_E* code with a one-line message naming
 *    the source and what failed: BI_ENOTFOUND (no such tag / blob),
 *    BI_ENET (connection, timeout, 5xx after retries), BI_EAUTH (401/403,
 *    bad credentials), BI_EFORMAT (malformed reply), BI_EDIGEST (bytes that
 *    do not match). ENET and EAUTH map to exit status 4. Never put a secret
 *    in a message.
 * 4. Threads: fetch() is called from several threads at once (layers are
 *    decoded in parallel); the returned streams are read by one thread
 *    each. resolve() is called from one thread.
 * 5. Add your transport to the table in image.c (`transports[]`): a prefix
 *    ("docker://") and an open function that creates the source and calls
 *    bi_source_images(). docker://, docker-daemon: and bare registry
 *    references already have entries whose open functions are stubs in
 *    remote.c.
 *
 * Ownership: descriptors and streams handed out through ret_ pointers belong
 * to the caller; the source outlives every stream it handed out.
 */
#include <stdbool.h>
#include <stdint.h>

#include "util/stream.h"

struct bi_err;
struct bi_buf;
struct bi_image;
struct bi_image_opts;

/* A content descriptor (OCI image-spec descriptor.md). */
struct bi_descriptor {
	char *media_type;
	char *digest; /* "sha256:HEX"; NULL only for docker-archive members named by path */
	int64_t size; /* -1: unknown */
	char *os, *arch, *variant; /* platform, when given */
	char *ref_name;		   /* org.opencontainers.image.ref.name */
	char *path;		   /* docker-archive only: the member holding the blob, or NULL */
};

void bi_descriptor_release(struct bi_descriptor *d);
void bi_descriptors_free(struct bi_descriptor *d, size_t n);
/* A deep copy. */
void bi_descriptor_copy(struct bi_descriptor *dst, const struct bi_descriptor *src);

struct bi_source;

struct bi_source_ops {
	/* Descriptors of the top document(s) `ref` names (see above). */
	int (*resolve)(struct bi_source *s, const char *ref, struct bi_descriptor **ret,
		       size_t *ret_n, struct bi_err **err);
	/* The raw, unverified bytes of a blob; *ret_size -1 when unknown. */
	int (*fetch)(struct bi_source *s, const struct bi_descriptor *d, struct bi_istream **ret,
		     int64_t *ret_size, struct bi_err **err);
	/*
	 * Optional: told once per bi_source_fetch() stream whether the blob's
	 * bytes matched its descriptor (ok) when the stream reached its end.
	 * A cache commits its temporary file here. May be NULL.
	 */
	void (*verified)(struct bi_source *s, const struct bi_descriptor *d, bool ok);
	void (*free)(struct bi_source *s);
};

enum bi_source_flags {
	/*
	 * Blobs are local files that can be opened twice at no cost: the layer
	 * reader then checks a layer's blob digest in a second task on another
	 * core instead of inline.
	 */
	BI_SOURCE_LOCAL = 1 << 0,
};

struct bi_source {
	const struct bi_source_ops *ops;
	char *path;	 /* for messages: the file, folder or reference */
	char *transport; /* as shown in output: "oci", "oci-archive", "docker-archive", ... */
	unsigned flags;	 /* enum bi_source_flags */
};

/* Fill the common part (strings are copied). */
void bi_source_init(struct bi_source *s, const struct bi_source_ops *ops, const char *path,
		    const char *transport, unsigned flags);
/* Free the common part's strings (for ops->free implementations). */
void bi_source_release(struct bi_source *s);
void bi_source_free(struct bi_source *s);
void bi_source_freep(struct bi_source **s);

int bi_source_resolve(struct bi_source *s, const char *ref, struct bi_descriptor **ret,
		      size_t *ret_n, struct bi_err **err);

enum bi_fetch_flags {
	/*
	 * Do not verify. Only for a caller that reads the same blob again
	 * through a verifying fetch whose result decides (the layer reader's
	 * parallel digest task on BI_SOURCE_LOCAL sources).
	 */
	BI_FETCH_NOVERIFY = 1 << 0,
};

/*
 * Open blob d as a stream verified while it is read: a size over the
 * descriptor's fails at once, and the read that reaches the end returns
 * BI_EDIGEST when the size or digest does not match. `what` names the blob
 * in messages ("manifest", "layer 3 blob"): "WHAT DIGEST: content has digest ...",
 * "WHAT DIGEST missing" (the path instead of the digest when d->path is set). A size the source
 * knows before reading that differs from the descriptor's fails here already. *ret_size: as the
 * source reported it (-1: unknown); may be NULL.
 */
int bi_source_fetch(struct bi_source *s, const struct bi_descriptor *d, const char *what,
		    unsigned flags, struct bi_istream **ret, int64_t *ret_size,
		    struct bi_err **err);
/* Fetch a whole blob into out, verified; BI_ELIMIT past max bytes. */
int bi_source_read_blob(struct bi_source *s, const struct bi_descriptor *d, const char *what,
			size_t max, struct bi_buf *out, struct bi_err **err);

/*
 * Every image the source holds under `ref` (NULL: its default) for the
 * platform(s) opts asks for: resolve, descend through indexes, pick the
 * platform, then read each manifest's config and layers. `spec` is the
 * user's spelling, kept as the image's reference.
 */
int bi_source_images(struct bi_source *src, const char *spec, const char *ref,
		     const struct bi_image_opts *opts, struct bi_image ***ret, size_t *ret_n,
		     struct bi_err **err);

/* ---- transports (image.c) ---- */

/*
 * One row per way of naming an image. open() gets the spec with the prefix
 * removed and returns the images (usually: open a source, then
 * bi_source_images()). The row with prefix NULL takes everything no prefix
 * matched: "-", a path (detected by content) or a registry reference.
 */
struct bi_transport {
	const char *prefix; /* "oci:", "docker://"; NULL: the fallback row */
	const char *name;   /* "oci" */
	int (*open)(const char *spec, const char *rest, const struct bi_image_opts *opts,
		    struct bi_image ***ret, size_t *ret_n, struct bi_err **err);
};

/*
 * Network transports (remote.c: stubs returning BI_EUNSUPPORTED until the
 * registry client lands). `ref` is a registry reference ("alpine:3.20",
 * "ghcr.io/o/r@sha256:..."); for a daemon, the engine's image name.
 */
int bi_registry_source_open(const char *ref, const struct bi_image_opts *opts,
			    struct bi_source **ret, struct bi_err **err);
int bi_daemon_images(const char *spec, const char *ref, const struct bi_image_opts *opts,
		     struct bi_image ***ret, size_t *ret_n, struct bi_err **err);

#endif
