/* SPDX-License-Identifier: MIT */
/*
 * Archive sources (oci-archive, docker-archive, stdin): the outer tar is
 * indexed once by reading its headers only (ustar, GNU long names, pax
 * path/size), then members are read in place by offset with pread. Nothing
 * is extracted. Symlinks and hard links between members (docker save links
 * repeated layers) are followed inside the archive only.
 */
#include "util/common.h"
#include "image/image_int.h"
#include "layer/layer.h"

struct member {
	char *name;
	uint64_t off, size;
	char *link; /* symlink / hard link target (archive path), else NULL */
};

struct archive_src {
	struct bi_tree t;
	int fd;
	struct member *m;
	size_t n, alloc;
};

static int read_at(int fd, void *buf, size_t len, uint64_t off)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = pread(fd, (char *)buf + got, len - got, (off_t)(off + got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (int)got;
}

static bool parse_num(const unsigned char *f, size_t w, uint64_t *ret)
{
	uint64_t v = 0;
	size_t i = 0;

	if (f[0] & 0x80) { /* base-256 */
		if (f[0] != 0x80)
			return false;
		for (i = 1; i < w; i++) {
			if (v >> 56)
				return false;
			v = (v << 8) | f[i];
		}
		*ret = v;
		return true;
	}
	while (i < w && (f[i] == ' ' || f[i] == 0))
		i++;
	for (; i < w && f[i] >= '0' && f[i] <= '7'; i++) {
		if (v >> 60)
			return false;
		v = v * 8 + (uint64_t)(f[i] - '0');
	}
	*ret = v;
	return true;
}

static bool checksum_ok(const unsigned char *h)
{
	uint64_t want;
	unsigned sum = 0;

	if (!parse_num(h + 148, 8, &want))
		return false;
	for (int i = 0; i < 512; i++)
		sum += (i >= 148 && i < 156) ? ' ' : h[i];
	return sum == want;
}

/* pax records "LEN key=value\n": take path, linkpath and size. */
static void parse_pax(const char *p, size_t len, char **path, char **linkpath, uint64_t *size,
		      bool *has_size)
{
	while (len > 0) {
		uint64_t rl = 0;
		size_t i = 0;
		const char *rec, *eq;

		while (i < len && p[i] >= '0' && p[i] <= '9' && rl < len)
			rl = rl * 10 + (uint64_t)(p[i++] - '0');
		if (i >= len || p[i] != ' ' || rl <= i + 1 || rl > len)
			return;
		rec = p + i + 1;
		eq = memchr(rec, '=', (size_t)rl - i - 1);
		if (eq && p[rl - 1] == '\n') {
			size_t klen = (size_t)(eq - rec), vlen = (size_t)(p + rl - 1 - eq - 1);
			if (klen == 4 && memcmp(rec, "path", 4) == 0) {
				free(*path);
				*path = bi_xstrndup(eq + 1, vlen);
			} else if (klen == 8 && memcmp(rec, "linkpath", 8) == 0) {
				free(*linkpath);
				*linkpath = bi_xstrndup(eq + 1, vlen);
			} else if (klen == 4 && memcmp(rec, "size", 4) == 0) {
				_cleanup_free_ char *v = bi_xstrndup(eq + 1, vlen);
				*has_size = bi_span_to_u64(bi_span_str(v), size);
			}
		}
		p += rl;
		len -= (size_t)rl;
	}
}

static int cmp_member(const void *a, const void *b)
{
	return strcmp(((const struct member *)a)->name, ((const struct member *)b)->name);
}

static struct member *find(struct archive_src *a, const char *name)
{
	struct member key = { .name = (char *)name };

	return a->n ? bsearch(&key, a->m, a->n, sizeof(*a->m), cmp_member) : NULL;
}

/* `docker save x | gzip > x.tar.gz` and the like: name the compressor. */
static const char *compressed_kind(const unsigned char *h)
{
	if (h[0] == 0x1f && h[1] == 0x8b)
		return "gzip";
	if (h[0] == 0x28 && h[1] == 0xb5 && h[2] == 0x2f && h[3] == 0xfd)
		return "zstd";
	if (memcmp(h,
		   "\xfd"
		   "7zXZ",
		   5) == 0)
		return "xz";
	if (memcmp(h, "BZh", 3) == 0)
		return "bzip2";
	return NULL;
}

static int index_tar(struct archive_src *a, struct bi_err **err)
{
	unsigned char h[512];
	uint64_t off = 0;
	char *long_name = NULL, *long_link = NULL, *pax_path = NULL, *pax_link = NULL;
	uint64_t pax_size = 0, last_off = 0, last_size = 0;
	_cleanup_free_ char *last = NULL; /* the member before `off`, for errors */
	bool pax_has_size = false;
	int r = 0;

	for (;;) {
		uint64_t size;
		char type;
		int got = read_at(a->fd, h, 512, off);
		char *name, *link = NULL;

		if (got < 0) {
			r = bi_err_set_errno(err, BI_EIO, -got, "%s", a->t.path);
			goto out;
		}
		if (got < 512 && off == 0) {
			r = bi_err_set(err, BI_EFORMAT, "%s: empty or not a tar archive",
				       a->t.path);
			goto out;
		}
		if (got < 512) {
			struct stat st;
			uint64_t eof = fstat(a->fd, &st) == 0 ? (uint64_t)st.st_size : off;

			if (last && eof < last_off + 512 + last_size)
				r = bi_err_set(
					err, BI_EFORMAT,
					"%s: member \"%.200s\" (%" PRIu64 " bytes at byte %" PRIu64
					") is cut short at byte %" PRIu64 " (truncated archive)",
					a->t.path, last, last_size, last_off + 512, eof);
			else
				r = bi_err_set(err, BI_EFORMAT,
					       "%s: tar archive ends at byte %" PRIu64
					       " without its end marker (truncated archive)",
					       a->t.path, eof);
			goto out;
		}
		if (h[0] == 0) {
			static const unsigned char zero[512];
			if (memcmp(h, zero, 512) == 0)
				break; /* end of archive */
		}
		if (!checksum_ok(h) || !parse_num(h + 124, 12, &size)) {
			const char *comp = off ? NULL : compressed_kind(h);

			if (comp)
				r = bi_err_set(
					err, BI_EFORMAT,
					"%s: a %s-compressed file, not a tar archive: "
					"decompress it first (%s -dc FILE | baseimg inspect -)",
					a->t.path, comp, comp);
			else
				r = bi_err_set(err, BI_EFORMAT,
					       "%s: not a tar archive (bad header at byte %" PRIu64
					       ")",
					       a->t.path, off);
			goto out;
		}
		type = (char)h[156];
		if (pax_has_size && type != 'x' && type != 'g' && type != 'L' && type != 'K')
			size = pax_size;
		if (type == 'L' || type == 'K' || type == 'x') {
			_cleanup_free_ char *data = NULL;

			if (size > BI_MAX_PATH * 4 + 65536) {
				r = bi_err_set(
					err, BI_ELIMIT,
					"%s: oversized tar extension header at byte %" PRIu64,
					a->t.path, off);
				goto out;
			}
			data = bi_xmalloc((size_t)size + 1);
			if (read_at(a->fd, data, (size_t)size, off + 512) != (int)size) {
				r = bi_err_set(err, BI_EFORMAT, "%s: tar archive ends early",
					       a->t.path);
				goto out;
			}
			data[size] = '\0';
			if (type == 'L') {
				free(long_name);
				long_name = bi_xstrdup(data);
			} else if (type == 'K') {
				free(long_link);
				long_link = bi_xstrdup(data);
			} else {
				parse_pax(data, (size_t)size, &pax_path, &pax_link, &pax_size,
					  &pax_has_size);
			}
			off += 512 + ((size + 511) & ~(uint64_t)511);
			continue;
		}
		if (pax_path || long_name) {
			name = bi_xstrdup(pax_path ? pax_path : long_name);
		} else if (memcmp(h + 257, "ustar\0", 6) == 0 && h[345]) {
			name = bi_xasprintf("%.155s/%.100s", (const char *)h + 345,
					    (const char *)h);
		} else {
			name = bi_xasprintf("%.100s", (const char *)h);
		}
		if (type == '1' || type == '2') {
			if (pax_link)
				link = bi_xstrdup(pax_link);
			else if (long_link)
				link = bi_xstrdup(long_link);
			else
				link = bi_xasprintf("%.100s", (const char *)h + 157);
		}
		if (type == '0' || type == '\0' || type == '7' || type == '1' || type == '2') {
			bool abs, esc;
			char *clean = bi_path_clean(name, &abs, &esc);

			if (a->n >= BI_MAX_ARCHIVE_MEMBERS) {
				free(clean);
				free(name);
				free(link);
				r = bi_err_set(
					err, BI_ELIMIT,
					"%s: more than %d members (cap BI_MAX_ARCHIVE_MEMBERS)",
					a->t.path, BI_MAX_ARCHIVE_MEMBERS);
				goto out;
			}
			BI_ALLOC_GROW(a->m, a->n + 1, a->alloc);
			a->m[a->n].name = clean;
			a->m[a->n].off = off + 512;
			a->m[a->n].size = type == '1' || type == '2' ? 0 : size;
			a->m[a->n].link = NULL;
			if (link) {
				/* Hard links name an archive path; symlinks are relative to their
				 * folder. */
				char *base =
					type == '2' && link[0] != '/' && strrchr(clean, '/') ?
						bi_xasprintf("%.*s/%s",
							     (int)(strrchr(clean, '/') - clean),
							     clean, link) :
						bi_xstrdup(link);
				a->m[a->n].link = bi_path_clean(base, &abs, &esc);
				free(base);
			}
			a->n++;
		}
		free(last);
		last = name;
		last_off = off;
		last_size = size;
		free(link);
		if (off + 512 + size < off) {
			r = bi_err_set(err, BI_EFORMAT, "%s: bad member size", a->t.path);
			goto out;
		}
		off += 512 + ((size + 511) & ~(uint64_t)511);
		free(long_name);
		free(long_link);
		free(pax_path);
		free(pax_link);
		long_name = long_link = pax_path = pax_link = NULL;
		pax_has_size = false;
	}
	if (a->n)
		qsort(a->m, a->n, sizeof(*a->m), cmp_member);
out:
	free(long_name);
	free(long_link);
	free(pax_path);
	free(pax_link);
	return r;
}

static int archive_open_member(struct bi_tree *s, const char *name, struct bi_istream **ret,
			       uint64_t *ret_size, struct bi_err **err)
{
	struct archive_src *a = (struct archive_src *)s;
	_cleanup_free_ char *clean = bi_path_clean(name, NULL, NULL);
	struct member *m = find(a, clean);
	struct stat st;

	for (int hops = 0; m && m->link && hops < BI_MAX_SYMLINK_HOPS; hops++)
		m = find(a, m->link);
	if (!m || m->link)
		return bi_err_set(err, BI_ENOTFOUND, "%s: no member %s", s->path, name);
	if (fstat(a->fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    m->off + m->size > (uint64_t)st.st_size)
		return bi_err_set(err, BI_EFORMAT, "%s: member %s is cut short (truncated archive)",
				  s->path, name);
	*ret_size = m->size;
	*ret = bi_istream_fd(a->fd, false, m->off, m->size, name);
	return 0;
}

static bool archive_exists(struct bi_tree *s, const char *name)
{
	_cleanup_free_ char *clean = bi_path_clean(name, NULL, NULL);

	return find((struct archive_src *)s, clean) != NULL;
}

static void archive_free(struct bi_tree *s)
{
	struct archive_src *a = (struct archive_src *)s;

	for (size_t i = 0; i < a->n; i++) {
		free(a->m[i].name);
		free(a->m[i].link);
	}
	free(a->m);
	if (a->fd >= 0)
		close(a->fd);
	free(s->path);
	free(a);
}

static const struct bi_tree_ops archive_ops = {
	.open = archive_open_member,
	.exists = archive_exists,
	.free = archive_free,
};

int bi_tree_archive_open_fd(int fd, const char *path, struct bi_tree **ret, struct bi_err **err)
{
	struct archive_src *a = bi_xcalloc(1, sizeof(*a));
	int r;

	a->t.ops = &archive_ops;
	a->t.path = bi_xstrdup(path);
	a->fd = fd;
	r = index_tar(a, err);
	if (r < 0) {
		archive_free(&a->t);
		return r;
	}
	*ret = &a->t;
	return 0;
}

int bi_tree_archive_open(const char *path, struct bi_tree **ret, struct bi_err **err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;

	if (fd < 0)
		return bi_err_set_errno(err, errno == ENOENT ? BI_ENOTFOUND : BI_EIO, errno, "%s",
					path);
	if (fstat(fd, &st) < 0 || S_ISDIR(st.st_mode)) {
		close(fd);
		return bi_err_set(err, BI_EFORMAT, "%s: not an archive file", path);
	}
	if (!S_ISREG(st.st_mode)) {
		/* A pipe (baseimg inspect <(docker save x)): copy it, then read in place. */
		int tmp = -1, r = bi_spool_fd(fd, path, &tmp, err);

		close(fd);
		if (r < 0)
			return r;
		fd = tmp;
	}
	return bi_tree_archive_open_fd(fd, path, ret, err);
}

int bi_spool_stdin(int *ret_fd, struct bi_err **err)
{
	return bi_spool_fd(0, "stdin", ret_fd, err);
}

int bi_spool_fd(int in, const char *name, int *ret_fd, struct bi_err **err)
{
	const char *tmp = getenv("TMPDIR");
	char buf[65536];
	int fd;

	if (!tmp || !*tmp)
		tmp = "/tmp";
	fd = open(tmp, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd < 0) {
		char *p = bi_xasprintf("%s/baseimg-stdin-XXXXXX", tmp);
		fd = mkstemp(p);
		if (fd >= 0)
			unlink(p);
		free(p);
	}
	if (fd < 0)
		return bi_err_set_errno(err, BI_EIO, errno, "%s: temporary file in %s", name, tmp);
	for (;;) {
		ssize_t n = read(in, buf, sizeof(buf)), w = 0;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			close(fd);
			return bi_err_set_errno(err, BI_EIO, errno, "%s", name);
		}
		if (n == 0)
			break;
		while (w < n) {
			ssize_t k = write(fd, buf + w, (size_t)(n - w));
			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0) {
				close(fd);
				return bi_err_set_errno(err, BI_EIO, errno,
							"%s: writing the temporary copy", name);
			}
			w += k;
		}
	}
	*ret_fd = fd;
	return 0;
}
