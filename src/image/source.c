/* SPDX-License-Identifier: MIT */
/*
 * struct bi_source: the files of an image source behind one ops table (OCI
 * layout folder here, archives in tar_index.c, a registry later), and
 * digest-verified blob reads.
 */
#include "util/common.h"
#include "image/digest.h"
#include "image/image_int.h"

int bi_source_open(struct bi_source *s, const char *name, struct bi_istream **ret,
		   uint64_t *ret_size, struct bi_err **err)
{
	return s->ops->open(s, name, ret, ret_size, err);
}

bool bi_source_exists(struct bi_source *s, const char *name)
{
	return s->ops->exists(s, name);
}

void bi_source_free(struct bi_source *s)
{
	if (s)
		s->ops->free(s);
}

void bi_source_freep(struct bi_source **s)
{
	bi_source_free(*s);
	*s = NULL;
}

char *bi_blob_name(const char *digest)
{
	const char *colon = strchr(digest, ':');

	assert(colon);
	return bi_xasprintf("blobs/%.*s/%s", (int)(colon - digest), digest, colon + 1);
}

int bi_source_read(struct bi_source *s, const char *name, const char *what, size_t max,
		   struct bi_buf *out, struct bi_err **err)
{
	_cleanup_(bi_istream_freep) struct bi_istream *is = NULL;
	uint64_t size = 0;
	char buf[65536];
	ssize_t n;
	int r;

	r = bi_source_open(s, name, &is, &size, err);
	if (r < 0)
		return r;
	if (size > max)
		return bi_err_set(err, BI_ELIMIT,
				  "%s: %s is %" PRIu64 " bytes, more than the cap of %zu", s->path,
				  what, size, max);
	bi_buf_reset(out);
	while ((n = bi_istream_read(is, buf, sizeof(buf), err)) > 0) {
		if (out->len + (size_t)n > max || bi_buf_add(out, buf, (size_t)n) < 0)
			return bi_err_set(err, BI_ELIMIT,
					  "%s: %s is more than the cap of %zu bytes", s->path, what,
					  max);
	}
	return n < 0 ? (int)n : 0;
}

int bi_source_read_blob(struct bi_source *s, const char *digest, int64_t size, const char *what,
			size_t max, struct bi_buf *out, struct bi_err **err)
{
	_cleanup_free_ char *name = NULL;
	_cleanup_free_ char *got = NULL;
	enum bi_digest_algo algo;
	int r;

	r = bi_digest_parse(digest, &algo, err);
	if (r < 0) {
		bi_err_wrap(err, "%s: %s", s->path, what);
		return r;
	}
	if (size > 0 && (uint64_t)size > max)
		return bi_err_set(err, BI_ELIMIT,
				  "%s: %s %s: descriptor size %" PRId64
				  " is more than the cap of %zu bytes",
				  s->path, what, digest, size, max);
	name = bi_blob_name(digest);
	r = bi_source_read(s, name, what, max, out, err);
	if (r < 0) {
		if (r == BI_ENOTFOUND) {
			bi_err_freep(err);
			return bi_err_set(err, BI_ENOTFOUND, "%s: %s %s: blob missing", s->path,
					  what, digest);
		}
		return r;
	}
	if (size >= 0 && out->len != (uint64_t)size)
		return bi_err_set(err, BI_EDIGEST,
				  "%s: %s %s: size %zu does not match the descriptor's %" PRId64,
				  s->path, what, digest, out->len, size);
	got = bi_digest_of(algo, out->buf, out->len);
	if (strcmp(got, digest) != 0)
		return bi_err_set(err, BI_EDIGEST, "%s: %s %s: content has digest %s", s->path,
				  what, digest, got);
	return 0;
}

/* ---- OCI image layout folder ---- */

struct oci_dir {
	struct bi_source s;
	int dfd;
};

static bool name_ok(const char *name)
{
	/* Only names we build: no "..", not absolute. */
	return name[0] != '/' && !strstr(name, "..");
}

static int oci_dir_open_file(struct bi_source *s, const char *name, struct bi_istream **ret,
			     uint64_t *ret_size, struct bi_err **err)
{
	struct oci_dir *d = (struct oci_dir *)s;
	struct stat st;
	int fd;

	if (!name_ok(name))
		return bi_err_set(err, BI_ENOTFOUND, "%s: %s: not a layout file name", s->path,
				  name);
	/* O_NONBLOCK: a FIFO planted in a layout must not hang us (refused below). */
	fd = openat(d->dfd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return bi_err_set_errno(err, errno == ENOENT ? BI_ENOTFOUND : BI_EIO, errno,
					"%s/%s", s->path, name);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return bi_err_set(err, BI_EFORMAT, "%s/%s: not a regular file", s->path, name);
	}
	*ret_size = (uint64_t)st.st_size;
	*ret = bi_istream_fd(fd, true, 0, (uint64_t)st.st_size, name);
	return 0;
}

static bool oci_dir_exists(struct bi_source *s, const char *name)
{
	struct oci_dir *d = (struct oci_dir *)s;
	struct stat st;

	return name_ok(name) && fstatat(d->dfd, name, &st, 0) == 0;
}

static void oci_dir_free(struct bi_source *s)
{
	struct oci_dir *d = (struct oci_dir *)s;

	if (d->dfd >= 0)
		close(d->dfd);
	free(s->path);
	free(s->transport);
	free(d);
}

static const struct bi_source_ops oci_dir_ops = {
	.open = oci_dir_open_file,
	.exists = oci_dir_exists,
	.free = oci_dir_free,
};

int bi_oci_dir_open(const char *path, struct bi_source **ret, struct bi_err **err)
{
	struct oci_dir *d;
	int dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (dfd < 0)
		return bi_err_set_errno(err, errno == ENOENT ? BI_ENOTFOUND : BI_EIO, errno, "%s",
					path);
	d = bi_xcalloc(1, sizeof(*d));
	d->s.ops = &oci_dir_ops;
	d->s.path = bi_xstrdup(path);
	d->s.transport = bi_xstrdup("oci");
	d->dfd = dfd;
	*ret = &d->s;
	return 0;
}
