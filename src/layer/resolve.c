/* SPDX-License-Identifier: MIT */
/*
 * Path resolution inside the image root, as under chroot: absolute symlink
 * targets restart at the image root, ".." stops at the root, hard links
 * resolve to their target, loops end at BI_MAX_SYMLINK_HOPS. The host file
 * system is never consulted.
 */
#include "util/common.h"
#include "layer/fs.h"

#define RESOLVE_MAX (64 * BI_KiB)

static void pop_component(struct bi_buf *cur)
{
	char *slash = memrchr(cur->buf, '/', cur->len);

	bi_buf_setlen(cur, slash ? (size_t)(slash - cur->buf) : 0);
}

int bi_fs_resolve(const struct bi_fs *fs, const char *path, const struct bi_fentry **ret,
		  struct bi_err **err)
{
	_cleanup_(bi_buf_release) struct bi_buf cur = BI_BUF_INIT(RESOLVE_MAX);
	_cleanup_(bi_buf_release) struct bi_buf rest = BI_BUF_INIT(RESOLVE_MAX);
	_cleanup_(bi_buf_release) struct bi_buf tmp = BI_BUF_INIT(RESOLVE_MAX);
	const struct bi_fentry *e;
	size_t pos = 0;
	int hops = 0;

	if (bi_buf_adds(&rest, path) < 0)
		return bi_err_set(err, BI_ELIMIT, "path longer than %zu bytes",
				  (size_t)RESOLVE_MAX);
	for (;;) {
		const char *c;
		size_t clen;

		while (pos < rest.len && rest.buf[pos] == '/')
			pos++;
		if (pos >= rest.len)
			break;
		c = rest.buf + pos;
		clen = 0;
		while (pos < rest.len && rest.buf[pos] != '/')
			pos++, clen++;
		if (clen == 1 && c[0] == '.')
			continue;
		if (clen == 2 && c[0] == '.' && c[1] == '.') {
			pop_component(&cur);
			continue;
		}
		bi_buf_reset(&tmp);
		if (cur.len &&
		    (bi_buf_add(&tmp, cur.buf, cur.len) < 0 || bi_buf_addch(&tmp, '/') < 0))
			goto too_long;
		if (bi_buf_add(&tmp, c, clen) < 0)
			goto too_long;
		e = bi_fs_lookup(fs, tmp.buf);
		if (!e)
			return bi_err_set(err, BI_ENOTFOUND,
					  "/%.300s: no such file in the image (/%.300s is missing)",
					  path[0] == '/' ? path + 1 : path, tmp.buf);
		if (e->type == BI_F_SYMLINK) {
			if (++hops > BI_MAX_SYMLINK_HOPS)
				return bi_err_set(err, BI_ELIMIT,
						  "/%.300s: more than %d symbolic links (a loop?)",
						  path[0] == '/' ? path + 1 : path,
						  BI_MAX_SYMLINK_HOPS);
			/* The new rest: the link's target, then what was left. */
			bi_buf_reset(&tmp);
			if (bi_buf_adds(&tmp, e->link ? e->link : "") < 0 ||
			    bi_buf_addch(&tmp, '/') < 0 ||
			    bi_buf_add(&tmp, rest.buf + pos, rest.len - pos) < 0)
				goto too_long;
			if (e->link && e->link[0] == '/')
				bi_buf_reset(&cur);
			bi_buf_reset(&rest);
			if (bi_buf_add(&rest, tmp.buf, tmp.len) < 0)
				goto too_long;
			pos = 0;
			continue;
		}
		/* More components follow: this one must be a folder. */
		{
			size_t p2 = pos;
			while (p2 < rest.len && rest.buf[p2] == '/')
				p2++;
			if (p2 < rest.len && e->type != BI_F_DIR)
				return bi_err_set(err, BI_ENOTFOUND,
						  "/%.300s: /%.300s is not a folder",
						  path[0] == '/' ? path + 1 : path, tmp.buf);
		}
		bi_buf_reset(&cur);
		if (bi_buf_add(&cur, tmp.buf, tmp.len) < 0)
			goto too_long;
	}
	e = bi_fs_lookup(fs, cur.buf);
	while (e && e->type == BI_F_HARDLINK) {
		if (++hops > BI_MAX_SYMLINK_HOPS)
			return bi_err_set(err, BI_ELIMIT, "/%.300s: more than %d links (a loop?)",
					  path[0] == '/' ? path + 1 : path, BI_MAX_SYMLINK_HOPS);
		e = bi_fs_lookup(fs, e->link);
	}
	if (!e)
		return bi_err_set(err, BI_ENOTFOUND,
				  "/%.300s: hard link target missing in the image",
				  path[0] == '/' ? path + 1 : path);
	*ret = e;
	return 0;
too_long:
	return bi_err_set(err, BI_ELIMIT, "/%.300s: resolved path longer than %zu bytes",
			  path[0] == '/' ? path + 1 : path, (size_t)RESOLVE_MAX);
}
