/* SPDX-License-Identifier: MIT */
/*
 * dir:PATH, a root file system folder read as one pseudo-layer. Walked with
 * lstat semantics: symlinks are recorded, never followed (not even out of
 * the folder); files are opened with O_NOFOLLOW; folders on another file
 * system (a mounted /proc) are listed but not descended, like find -xdev.
 */
#include <dirent.h>

#include "util/common.h"
#include "image/image_int.h"
#include "layer/layer.h"

struct dwalk {
	struct bi_lentries *le;
	struct bi_buf rel;
	uint64_t bytes;
	uint64_t files;
	const char *root;
	dev_t dev; /* the root's file system: other mounts are not descended */
};

static ssize_t fd_fwd_read(void *ctx, void *buf, size_t len)
{
	int fd = *(int *)ctx;
	ssize_t n;

	do
		n = read(fd, buf, len);
	while (n < 0 && errno == EINTR);
	return n < 0 ? BI_EIO : n;
}

static enum bi_ftype ftype_of(mode_t m)
{
	if (S_ISREG(m))
		return BI_F_REG;
	if (S_ISDIR(m))
		return BI_F_DIR;
	if (S_ISLNK(m))
		return BI_F_SYMLINK;
	if (S_ISCHR(m))
		return BI_F_CHAR;
	if (S_ISBLK(m))
		return BI_F_BLOCK;
	if (S_ISFIFO(m))
		return BI_F_FIFO;
	return BI_F_OTHER;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk_dir(struct dwalk *w, int dfd, int depth, struct bi_err **err);

static int visit(struct dwalk *w, int dfd, const char *name, int depth, struct bi_err **err)
{
	struct bi_walk_entry e = { 0 };
	struct stat st;
	char target[BI_MAX_PATH + 1];
	size_t mark = w->rel.len;
	int r = 0;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno == ENOENT)
			return 0; /* removed while we walk */
		return bi_err_set_errno(err, BI_EIO, errno, "%s/%s", w->root, w->rel.buf);
	}
	if ((w->rel.len && bi_buf_addch(&w->rel, '/') < 0) || bi_buf_adds(&w->rel, name) < 0)
		return bi_err_set(err, BI_ELIMIT, "%s: path longer than %d bytes (cap BI_MAX_PATH)",
				  w->root, BI_MAX_PATH);
	e.name = w->rel.buf;
	e.type = ftype_of(st.st_mode);
	e.mode = st.st_mode & 07777;
	e.uid = st.st_uid;
	e.gid = st.st_gid;
	e.size = e.type == BI_F_REG ? (uint64_t)st.st_size : 0;
	if (++w->files > BI_MAX_IMAGE_FILES) {
		r = bi_err_set(err, BI_ELIMIT, "%s: more than %d paths (cap BI_MAX_IMAGE_FILES)",
			       w->root, BI_MAX_IMAGE_FILES);
		goto out;
	}
	if (e.type == BI_F_SYMLINK) {
		ssize_t n = readlinkat(dfd, name, target, sizeof(target));
		if (n < 0 || (size_t)n >= sizeof(target)) {
			r = n < 0 ? bi_err_set_errno(err, BI_EIO, errno, "%s/%s", w->root, e.name) :
				    bi_err_set(err, BI_ELIMIT, "%s/%s: link target too long",
					       w->root, e.name);
			goto out;
		}
		target[n] = '\0';
		e.link = target;
	}
	if (e.type == BI_F_REG) {
		_cleanup_close_ int fd = -1;
		struct bi_fwd_reader rd = { fd_fwd_read, &fd };

		w->bytes += e.size;
		if (bi_keep_policy(e.name, e.mode, e.size) != BI_KEEP_NONE) {
			fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
			if (fd < 0) {
				r = bi_err_set_errno(err, BI_EIO, errno, "%s/%s", w->root, e.name);
				goto out;
			}
		}
		r = bi_lentries_add(w->le, &e, fd >= 0 ? &rd : NULL, err);
		goto out;
	}
	r = bi_lentries_add(w->le, &e, NULL, err);
	if (r < 0 || e.type != BI_F_DIR || st.st_dev != w->dev)
		goto out;
	if (depth >= BI_MAX_DIR_DEPTH) {
		r = bi_err_set(err, BI_ELIMIT,
			       "%s/%s: folders nested deeper than %d (cap BI_MAX_DIR_DEPTH)",
			       w->root, e.name, BI_MAX_DIR_DEPTH);
		goto out;
	}
	{
		_cleanup_close_ int sub =
			openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (sub < 0) {
			r = bi_err_set_errno(err, BI_EIO, errno, "%s/%s", w->root, e.name);
			goto out;
		}
		r = walk_dir(w, sub, depth + 1, err);
	}
out:
	bi_buf_setlen(&w->rel, mark);
	return r;
}

static int walk_dir(struct dwalk *w, int dfd, int depth, struct bi_err **err)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, alloc = 0;
	int fd2 = dup(dfd), r = 0;

	if (fd2 < 0 || !(d = fdopendir(fd2))) {
		if (fd2 >= 0)
			close(fd2);
		return bi_err_set_errno(err, BI_EIO, errno, "%s/%s", w->root, w->rel.buf);
	}
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		BI_ALLOC_GROW(names, n + 1, alloc);
		names[n++] = bi_xstrdup(de->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_name);
	for (size_t i = 0; i < n; i++) {
		if (r >= 0)
			r = visit(w, dfd, names[i], depth, err);
		free(names[i]);
	}
	free(names);
	return r;
}

int bi_dir_read(const char *path, struct bi_image *img, struct bi_err **err)
{
	_cleanup_close_ int dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct dwalk w = { .root = path };
	struct bi_fs *fs;
	int r;

	if (dfd < 0)
		return bi_err_set_errno(err, errno == ENOENT ? BI_ENOTFOUND : BI_EIO, errno, "%s",
					path);
	{
		struct stat st;
		if (fstat(dfd, &st) == 0)
			w.dev = st.st_dev;
	}
	bi_buf_init(&w.rel, BI_MAX_PATH);
	w.le = bi_lentries_new(0, path);
	r = walk_dir(&w, dfd, 0, err);
	bi_buf_release(&w.rel);
	if (r < 0) {
		bi_lentries_free(w.le);
		return r;
	}
	fs = bi_fs_new();
	r = bi_fs_apply(fs, w.le, err);
	if (r >= 0)
		r = bi_fs_finish(fs, err);
	if (r < 0) {
		bi_fs_free(fs);
		return r;
	}
	img->fs = fs;
	img->layers = bi_xcalloc(1, sizeof(*img->layers));
	img->nlayers = 1;
	img->layers[0].uncompressed = w.bytes;
	img->layers[0].files = w.files;
	img->uncompressed = w.bytes;
	return 0;
}
