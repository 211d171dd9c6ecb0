/* SPDX-License-Identifier: MIT */
#include "util/common.h"

char bi_buf__empty[1];

void bi_buf_init(struct bi_buf *b, size_t max)
{
	b->buf = bi_buf__empty;
	b->len = 0;
	b->alloc = 0;
	b->max = max;
}

void bi_buf_release(struct bi_buf *b)
{
	if (b->alloc)
		free(b->buf);
	bi_buf_init(b, b->max);
}

void bi_buf_reset(struct bi_buf *b)
{
	bi_buf_setlen(b, 0);
}

void bi_buf_setlen(struct bi_buf *b, size_t len)
{
	assert(len <= b->len || (b->alloc && len < b->alloc));
	b->len = len;
	if (b->alloc)
		b->buf[len] = '\0';
}

int bi_buf_grow(struct bi_buf *b, size_t extra)
{
	size_t need, n;

	if (bi_add_overflow(b->len, extra, &need) || need > b->max)
		return BI_ELIMIT;
	if (bi_add_overflow(need, 1, &need))
		return BI_ELIMIT;
	if (need <= b->alloc)
		return 0;
	n = b->alloc < 64 ? 64 : b->alloc;
	while (n < need)
		n = n > SIZE_MAX / 2 ? need : n * 2;
	if (b->alloc) {
		b->buf = bi_xrealloc(b->buf, n);
	} else {
		b->buf = bi_xmalloc(n);
		b->buf[0] = '\0';
	}
	b->alloc = n;
	return 0;
}

int bi_buf_add(struct bi_buf *b, const void *data, size_t len)
{
	int r;

	if (len == 0)
		return 0;
	r = bi_buf_grow(b, len);
	if (r < 0)
		return r;
	memcpy(b->buf + b->len, data, len);
	b->len += len;
	b->buf[b->len] = '\0';
	return 0;
}

int bi_buf_adds(struct bi_buf *b, const char *s)
{
	return bi_buf_add(b, s, strlen(s));
}

int bi_buf_addspan(struct bi_buf *b, struct bi_span s)
{
	return bi_buf_add(b, s.ptr, s.len);
}

int bi_buf_addch(struct bi_buf *b, char c)
{
	return bi_buf_add(b, &c, 1);
}

int bi_buf_vaddf(struct bi_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;
	int r;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return BI_EINTERNAL;
	r = bi_buf_grow(b, (size_t)n);
	if (r < 0)
		return r;
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int bi_buf_addf(struct bi_buf *b, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = bi_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return r;
}

char *bi_buf_detach(struct bi_buf *b, size_t *ret_len)
{
	char *p;

	if (ret_len)
		*ret_len = b->len;
	p = b->alloc ? b->buf : bi_xstrdup("");
	bi_buf_init(b, b->max);
	return p;
}

int bi_buf_read_fd(struct bi_buf *b, int fd, const char *name, struct bi_err **err)
{
	for (;;) {
		ssize_t n;
		int r = bi_buf_grow(b, 65536 > b->max - b->len ? b->max - b->len : 65536);

		if (r < 0 || b->len == b->max) {
			/* At the cap: one more byte means the input is too large. */
			char c;
			n = read(fd, &c, 1);
			if (n == 0)
				return 0;
			return bi_err_set(err, BI_ELIMIT, "%s: larger than the limit of %zu bytes",
					  name, b->max);
		}
		n = read(fd, b->buf + b->len, b->alloc - b->len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return bi_err_set_errno(err, BI_EIO, errno, "%s: read", name);
		}
		if (n == 0)
			return 0;
		b->len += (size_t)n;
		b->buf[b->len] = '\0';
	}
}

int bi_buf_read_file(struct bi_buf *b, const char *path, struct bi_err **err)
{
	_cleanup_close_ int fd = -1;
	struct stat st;

	if (strcmp(path, "-") == 0)
		return bi_buf_read_fd(b, 0, "<stdin>", err);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return bi_err_set_errno(err, errno == ENOENT ? BI_ENOTFOUND : BI_EIO, errno, "%s",
					path);
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
		return bi_err_set(err, BI_EIO, "%s: is a directory", path);
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size > b->max)
		return bi_err_set(err, BI_ELIMIT, "%s: larger than the limit of %zu bytes", path,
				  b->max);
	return bi_buf_read_fd(b, fd, path, err);
}

int bi_write_file_atomic(const char *path, const void *data, size_t len, struct bi_err **err)
{
	_cleanup_free_ char *tmp = bi_xasprintf("%s.tmp.XXXXXX", path);
	_cleanup_close_ int fd = -1;
	const char *p = data;

	fd = mkstemp(tmp);
	if (fd < 0)
		return bi_err_set_errno(err, BI_EIO, errno, "%s: create temporary file", path);
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			unlink(tmp);
			return bi_err_set_errno(err, BI_EIO, e, "%s: write", path);
		}
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) < 0 || rename(tmp, path) < 0) {
		int e = errno;
		unlink(tmp);
		return bi_err_set_errno(err, BI_EIO, e, "%s: write", path);
	}
	return 0;
}
