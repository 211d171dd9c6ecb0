/* SPDX-License-Identifier: MIT */
/*
 * struct bi_tree: files by name in a folder (here) or a tar archive
 * (tar_index.c), the ground the local sources stand on.
 */
#include "util/common.h"
#include "image/image_int.h"

int bi_tree_open(struct bi_tree *t, const char *name, struct bi_istream **ret, uint64_t *ret_size,
		 struct bi_err **err)
{
	return t->ops->open(t, name, ret, ret_size, err);
}

bool bi_tree_exists(struct bi_tree *t, const char *name)
{
	return t->ops->exists(t, name);
}

void bi_tree_free(struct bi_tree *t)
{
	if (t)
		t->ops->free(t);
}

void bi_tree_freep(struct bi_tree **t)
{
	bi_tree_free(*t);
	*t = NULL;
}

char *bi_blob_name(const char *digest)
{
	const char *colon = strchr(digest, ':');

	assert(colon);
	return bi_xasprintf("blobs/%.*s/%s", (int)(colon - digest), digest, colon + 1);
}

int bi_tree_read(struct bi_tree *t, const char *name, const char *what, size_t max,
		 struct bi_buf *out, struct bi_err **err)
{
	_cleanup_(bi_istream_freep) struct bi_istream *is = NULL;
	uint64_t size = 0;
	char buf[65536];
	ssize_t n;
	int r;

	r = bi_tree_open(t, name, &is, &size, err);
	if (r < 0)
		return r;
	if (size > max)
		return bi_err_set(err, BI_ELIMIT,
				  "%s: %s is %" PRIu64 " bytes, more than the cap of %zu", t->path,
				  what, size, max);
	bi_buf_reset(out);
	while ((n = bi_istream_read(is, buf, sizeof(buf), err)) > 0) {
		if (out->len + (size_t)n > max || bi_buf_add(out, buf, (size_t)n) < 0)
			return bi_err_set(err, BI_ELIMIT,
					  "%s: %s is more than the cap of %zu bytes", t->path, what,
					  max);
	}
	return n < 0 ? (int)n : 0;
}

/* ---- a folder ---- */

struct dir_tree {
	struct bi_tree t;
	int dfd;
};

static bool name_ok(const char *name)
{
	/* Only names we build: no "..", not absolute. */
	return name[0] != '/' && !strstr(name, "..");
}

static int dir_open_file(struct bi_tree *t, const char *name, struct bi_istream **ret,
			 uint64_t *ret_size, struct bi_err **err)
{
	struct dir_tree *d = (struct dir_tree *)t;
	struct stat st;
	int fd;

	if (!name_ok(name))
		return bi_err_set(err, BI_ENOTFOUND, "%s: %s: not a layout file name", t->path,
				  name);
	/* O_NONBLOCK: a FIFO planted in a layout must not hang us (refused below). */
	fd = openat(d->dfd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return bi_err_set_errno(err, errno == ENOENT ? BI_ENOTFOUND : BI_EIO, errno,
					"%s/%s", t->path, name);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return bi_err_set(err, BI_EFORMAT, "%s/%s: not a regular file", t->path, name);
	}
	*ret_size = (uint64_t)st.st_size;
	*ret = bi_istream_fd(fd, true, 0, (uint64_t)st.st_size, name);
	return 0;
}

static bool dir_exists(struct bi_tree *t, const char *name)
{
	struct dir_tree *d = (struct dir_tree *)t;
	struct stat st;

	return name_ok(name) && fstatat(d->dfd, name, &st, 0) == 0;
}

static void dir_free(struct bi_tree *t)
{
	struct dir_tree *d = (struct dir_tree *)t;

	if (d->dfd >= 0)
		close(d->dfd);
	free(t->path);
	free(d);
}

static const struct bi_tree_ops dir_ops = {
	.open = dir_open_file,
	.exists = dir_exists,
	.free = dir_free,
};

int bi_tree_dir_open(const char *path, struct bi_tree **ret, struct bi_err **err)
{
	struct dir_tree *d;
	int dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (dfd < 0)
		return bi_err_set_errno(err, errno == ENOENT ? BI_ENOTFOUND : BI_EIO, errno, "%s",
					path);
	d = bi_xcalloc(1, sizeof(*d));
	d->t.ops = &dir_ops;
	d->t.path = bi_xstrdup(path);
	d->dfd = dfd;
	*ret = &d->t;
	return 0;
}
