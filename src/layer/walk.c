/* SPDX-License-Identifier: MIT */
/* Tar walking through libarchive: the only file that includes it. */
#include <archive.h>
#include <archive_entry.h>

#include "util/common.h"
#include "util/stream.h"
#include "layer/walk.h"

#define WALK_BUFSZ (128 * 1024)

struct walk {
	struct bi_istream *in;
	const char *name;
	char *buf;
	struct bi_err *stream_err; /* the stream's own error, kept to report it exactly */
	int stream_code;
	struct archive *a;
	int data_code; /* a content read failed inside libarchive */
	char *data_msg;
};

static la_ssize_t read_cb(struct archive *a, void *ctx, const void **buf)
{
	struct walk *w = ctx;
	ssize_t n;

	if (w->stream_code)
		return -1;
	n = bi_istream_read(w->in, w->buf, WALK_BUFSZ, &w->stream_err);
	if (n < 0) {
		w->stream_code = (int)n;
		archive_set_error(a, EIO, "%s", bi_err_msg(w->stream_err));
		return -1;
	}
	*buf = w->buf;
	return n;
}

static ssize_t content_read(void *ctx, void *buf, size_t len)
{
	struct walk *w = ctx;
	la_ssize_t n;

	if (w->data_code)
		return w->data_code;
	n = archive_read_data(w->a, buf, len);
	if (n >= 0)
		return (ssize_t)n;
	if (w->stream_code) {
		w->data_code = w->stream_code;
	} else {
		w->data_code = BI_EFORMAT;
		free(w->data_msg);
		w->data_msg = bi_xstrdup(archive_error_string(w->a) ? archive_error_string(w->a) :
								      "read error");
	}
	return w->data_code;
}

static enum bi_ftype ftype_of(struct archive_entry *ae)
{
	if (archive_entry_hardlink(ae))
		return BI_F_HARDLINK;
	switch (archive_entry_filetype(ae)) {
	case AE_IFREG:
		return BI_F_REG;
	case AE_IFDIR:
		return BI_F_DIR;
	case AE_IFLNK:
		return BI_F_SYMLINK;
	case AE_IFCHR:
		return BI_F_CHAR;
	case AE_IFBLK:
		return BI_F_BLOCK;
	case AE_IFIFO:
		return BI_F_FIFO;
	default:
		return BI_F_OTHER;
	}
}

/* Prefer the stream's error (gzip, digest, bomb) over libarchive's echo of it. */
static int fail(struct walk *w, int code, struct bi_err **err, const char *what)
{
	if (w->stream_code) {
		if (err) {
			bi_err_freep(err);
			*err = TAKE_PTR(w->stream_err);
		}
		return w->stream_code;
	}
	if (w->data_code) {
		if (err && *err)
			bi_err_freep(err);
		return bi_err_set(err, w->data_code, "%s: %s", w->name,
				  w->data_msg ? w->data_msg : "read error");
	}
	if (err && *err)
		return code;
	return bi_err_set(err, code, "%s: %s: %s", w->name, what,
			  archive_error_string(w->a) ? archive_error_string(w->a) :
						       "malformed tar");
}

int bi_tar_walk(struct bi_istream *in, const char *name, const struct bi_walk_cb *cb,
		uint64_t *ret_entries, struct bi_err **err)
{
	struct walk w = { .in = in, .name = name };
	struct bi_fwd_reader content = { content_read, &w };
	uint64_t count = 0;
	int r = 0;

	w.buf = bi_xmalloc(WALK_BUFSZ);
	w.a = archive_read_new();
	if (!w.a)
		abort();
	archive_read_support_format_tar(w.a);
	archive_read_support_format_gnutar(w.a);
	archive_read_support_format_empty(w.a);
	if (archive_read_open(w.a, &w, NULL, read_cb, NULL) != ARCHIVE_OK) {
		r = fail(&w, BI_EFORMAT, err, "not a tar archive");
		goto out;
	}
	for (;;) {
		struct archive_entry *ae;
		struct bi_walk_entry e;
		const char *pathname;
		int ar = archive_read_next_header(w.a, &ae);

		if (ar == ARCHIVE_EOF)
			break;
		if (ar == ARCHIVE_FATAL || ar == ARCHIVE_RETRY) {
			r = fail(&w, BI_EFORMAT, err, "bad tar header");
			goto out;
		}
		/* ARCHIVE_WARN (e.g. an unconvertible name) still gives an entry. */
		if (++count > BI_MAX_TAR_ENTRIES) {
			r = bi_err_set(err, BI_ELIMIT,
				       "%s: more than %d tar entries (cap BI_MAX_TAR_ENTRIES)",
				       name, BI_MAX_TAR_ENTRIES);
			goto out;
		}
		pathname = archive_entry_pathname(ae);
		if (!pathname)
			pathname = archive_entry_pathname_utf8(ae);
		if (!pathname) {
			r = bi_err_set(err, BI_EFORMAT, "%s: entry %" PRIu64 " has no name", name,
				       count);
			goto out;
		}
		if (strlen(pathname) > BI_MAX_PATH) {
			r = bi_err_set(err, BI_ELIMIT,
				       "%s: entry %" PRIu64
				       ": path longer than %d bytes (cap BI_MAX_PATH)",
				       name, count, BI_MAX_PATH);
			goto out;
		}
		e.name = pathname;
		e.type = ftype_of(ae);
		e.mode = (uint32_t)archive_entry_perm(ae) & 07777;
		e.uid = (uint32_t)archive_entry_uid(ae);
		e.gid = (uint32_t)archive_entry_gid(ae);
		e.size = archive_entry_size_is_set(ae) && archive_entry_size(ae) > 0 ?
				 (uint64_t)archive_entry_size(ae) :
				 0;
		e.link = e.type == BI_F_HARDLINK ? archive_entry_hardlink(ae) :
			 e.type == BI_F_SYMLINK	 ? archive_entry_symlink(ae) :
						   NULL;
		if (e.type == BI_F_SYMLINK && !e.link)
			e.link = "";
		if (e.link && strlen(e.link) > BI_MAX_PATH) {
			r = bi_err_set(err, BI_ELIMIT,
				       "%s: %s: link target longer than %d bytes (cap BI_MAX_PATH)",
				       name, pathname, BI_MAX_PATH);
			goto out;
		}
		r = cb->entry(cb->ctx, &e, e.type == BI_F_REG ? &content : NULL, err);
		if (r < 0 || w.stream_code || w.data_code) {
			if (r >= 0)
				r = BI_EFORMAT;
			r = fail(&w, r, err, "reading content");
			goto out;
		}
	}
	r = bi_istream_drain(in, err);
out:
	if (r >= 0 && ret_entries)
		*ret_entries = count;
	archive_read_free(w.a);
	bi_err_free(w.stream_err);
	free(w.data_msg);
	free(w.buf);
	return r;
}
