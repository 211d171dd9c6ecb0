/* SPDX-License-Identifier: MIT */
/*
 * RPM header blobs as rpmdb.sqlite stores them (rpm lib/header.c
 * headerImport): two big-endian int32 counts, il index entries and dl bytes
 * of data, then il entries of {tag, type, offset, count} (16 bytes each,
 * big-endian) followed by the data store. Every offset, count and string is
 * checked against the blob before it is used.
 */
#include "util/common.h"
#include "pkgdb/pkgdb.h"

enum {
	RPM_STRING = 6,
	RPM_STRING_ARRAY = 8,
	RPM_I18NSTRING = 9,
	RPM_INT32 = 4,
};

enum {
	TAG_NAME = 1000,
	TAG_VERSION = 1001,
	TAG_RELEASE = 1002,
	TAG_EPOCH = 1003,
	TAG_ARCH = 1022,
	TAG_SOURCERPM = 1044,
	TAG_DIRINDEXES = 1116,
	TAG_BASENAMES = 1117,
	TAG_DIRNAMES = 1118,
};

#define RPM_MAX_INDEX 0xffff /* rpm's own HEADER_TAGS_MAX */

struct rpm_blob {
	const unsigned char *index; /* il entries */
	uint32_t il;
	const unsigned char *data;
	uint32_t dl;
};

struct rpm_entry {
	uint32_t tag, type, offset, count;
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool find_entry(const struct rpm_blob *b, uint32_t tag, struct rpm_entry *ret)
{
	for (uint32_t i = 0; i < b->il; i++) {
		const unsigned char *e = b->index + (size_t)i * 16;
		if (be32(e) != tag)
			continue;
		ret->tag = tag;
		ret->type = be32(e + 4);
		ret->offset = be32(e + 8);
		ret->count = be32(e + 12);
		return ret->offset < b->dl;
	}
	return false;
}

/* The NUL-terminated string at data offset off; false when it runs off the end. */
static bool string_at(const struct rpm_blob *b, uint32_t off, struct bi_span *ret)
{
	const unsigned char *nul;

	if (off >= b->dl)
		return false;
	nul = memchr(b->data + off, 0, b->dl - off);
	if (!nul)
		return false;
	*ret = bi_span_make(b->data + off, (size_t)(nul - (b->data + off)));
	return true;
}

static bool get_string(const struct rpm_blob *b, uint32_t tag, struct bi_span *ret)
{
	struct rpm_entry e;

	if (!find_entry(b, tag, &e))
		return false;
	if (e.type != RPM_STRING && e.type != RPM_I18NSTRING && e.type != RPM_STRING_ARRAY)
		return false;
	return string_at(b, e.offset, ret);
}

/* Split a string array into spans (count strings, each NUL-terminated). */
static bool get_string_array(const struct rpm_blob *b, uint32_t tag, struct bi_span **ret,
			     uint32_t *ret_n)
{
	struct rpm_entry e;
	struct bi_span *v;
	uint32_t off;

	if (!find_entry(b, tag, &e) || e.type != RPM_STRING_ARRAY)
		return false;
	if (e.count > b->dl - e.offset) /* every string takes at least its NUL */
		return false;
	v = bi_xcalloc(e.count ? e.count : 1, sizeof(*v));
	off = e.offset;
	for (uint32_t i = 0; i < e.count; i++) {
		if (!string_at(b, off, &v[i])) {
			free(v);
			return false;
		}
		off += (uint32_t)v[i].len + 1;
	}
	*ret = v;
	*ret_n = e.count;
	return true;
}

static void files_layer(const struct rpm_blob *b, const struct bi_pkg_layer_cb *cb, int *ret_layer)
{
	_cleanup_free_ struct bi_span *dirs = NULL, *bases = NULL;
	uint32_t ndirs = 0, nbases = 0;
	struct rpm_entry idx;
	int best = -1;

	if (!get_string_array(b, TAG_DIRNAMES, &dirs, &ndirs) ||
	    !get_string_array(b, TAG_BASENAMES, &bases, &nbases) ||
	    !find_entry(b, TAG_DIRINDEXES, &idx) || idx.type != RPM_INT32 || idx.count != nbases ||
	    idx.offset % 4 || (uint64_t)idx.count * 4 > b->dl - idx.offset) {
		*ret_layer = -1;
		return;
	}
	for (uint32_t i = 0; i < nbases; i++) {
		uint32_t di = be32(b->data + idx.offset + (size_t)i * 4);
		char path[BI_MAX_PATH];
		struct bi_span d;
		int n, layer;

		if (di >= ndirs)
			continue;
		d = dirs[di];
		while (d.len && d.ptr[0] == '/') {
			d.ptr++;
			d.len--;
		}
		n = snprintf(path, sizeof(path), BI_SPAN_FMT BI_SPAN_FMT, BI_SPAN_ARG(d),
			     BI_SPAN_ARG(bases[i]));
		if (n < 0 || (size_t)n >= sizeof(path))
			continue;
		layer = cb->layer_of(cb->ctx, path);
		if (layer >= 0 && (best < 0 || layer < best))
			best = layer;
		if (best == 0)
			break; /* cannot go lower */
	}
	*ret_layer = best;
}

void bi_rpm_header_release(struct bi_rpm_header *h)
{
	free(h->name);
	free(h->version);
	free(h->release);
	free(h->arch);
	free(h->sourcerpm);
	memset(h, 0, sizeof(*h));
}

int bi_rpm_header_parse(struct bi_span blob, const struct bi_pkg_layer_cb *cb,
			struct bi_rpm_header *ret, int *ret_layer, struct bi_err **err)
{
	const unsigned char *p = (const unsigned char *)blob.ptr;
	struct bi_rpm_header h = { 0 };
	struct rpm_blob b;
	struct bi_span s;
	struct rpm_entry e;
	uint64_t need;

	if (blob.len > BI_MAX_RPM_HEADER)
		return bi_err_set(err, BI_ELIMIT, "header of %zu bytes (cap %zu)", blob.len,
				  (size_t)BI_MAX_RPM_HEADER);
	if (blob.len < 8)
		return bi_err_set(err, BI_EFORMAT, "header of %zu bytes is too short", blob.len);
	b.il = be32(p);
	b.dl = be32(p + 4);
	if (b.il == 0 || b.il > RPM_MAX_INDEX)
		return bi_err_set(err, BI_EFORMAT, "header index count %" PRIu32 " out of range",
				  b.il);
	need = 8 + (uint64_t)b.il * 16 + b.dl;
	if (need > blob.len)
		return bi_err_set(err, BI_EFORMAT,
				  "header says %" PRIu64 " bytes but the blob has %zu", need,
				  blob.len);
	b.index = p + 8;
	b.data = p + 8 + (size_t)b.il * 16;

	if (!get_string(&b, TAG_NAME, &s) || s.len == 0)
		return bi_err_set(err, BI_EFORMAT, "header without a package name");
	h.name = bi_span_dup(s);
	if (get_string(&b, TAG_VERSION, &s))
		h.version = bi_span_dup(s);
	if (get_string(&b, TAG_RELEASE, &s))
		h.release = bi_span_dup(s);
	if (get_string(&b, TAG_ARCH, &s))
		h.arch = bi_span_dup(s);
	if (get_string(&b, TAG_SOURCERPM, &s))
		h.sourcerpm = bi_span_dup(s);
	if (find_entry(&b, TAG_EPOCH, &e) && e.type == RPM_INT32 && e.count >= 1 &&
	    e.offset % 4 == 0 && b.dl - e.offset >= 4) {
		h.epoch = be32(b.data + e.offset);
		h.has_epoch = true;
	}
	if (!h.version) {
		bi_err_set(err, BI_EFORMAT, "package %s: header without a version", h.name);
		bi_rpm_header_release(&h);
		return BI_EFORMAT;
	}
	if (ret_layer) {
		*ret_layer = -1;
		if (cb)
			files_layer(&b, cb, ret_layer);
	}
	*ret = h;
	return 0;
}
