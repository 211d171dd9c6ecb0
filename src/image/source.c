/* SPDX-License-Identifier: MIT */
/*
 * struct bi_source (see source.h): the common part of every source and
 * bi_source_fetch(), which verifies a blob's size and digest while it is
 * read, whatever source it comes from.
 */
#include "util/common.h"
#include "image/digest.h"
#include "image/image_int.h"

void bi_source_init(struct bi_source *s, const struct bi_source_ops *ops, const char *path,
		    const char *transport, unsigned flags)
{
	s->ops = ops;
	s->path = bi_xstrdup(path);
	s->transport = bi_xstrdup(transport);
	s->flags = flags;
}

void bi_source_release(struct bi_source *s)
{
	free(s->path);
	free(s->transport);
	s->path = s->transport = NULL;
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

int bi_source_resolve(struct bi_source *s, const char *ref, struct bi_descriptor **ret,
		      size_t *ret_n, struct bi_err **err)
{
	struct bi_descriptor *d = NULL;
	size_t n = 0;
	int r = s->ops->resolve(s, ref, &d, &n, err);

	if (r < 0)
		return r;
	assert(n > 0);
	*ret = d;
	*ret_n = n;
	return 0;
}

/* ---- the verifying stream ---- */

struct verify {
	struct bi_source *src;
	struct bi_istream *in;
	struct bi_descriptor d;
	char *what;
	const char *name; /* d.path, else d.digest: how messages name the blob */
	struct bi_hash *h;
	uint64_t n;
	bool told; /* ops->verified called */
};

static void verify_tell(struct verify *v, bool ok)
{
	if (!v->told && v->src->ops->verified)
		v->src->ops->verified(v->src, &v->d, ok);
	v->told = true;
}

static int verify_end(struct verify *v, struct bi_err **err)
{
	_cleanup_free_ char *got = NULL;

	if (v->d.size >= 0 && v->n != (uint64_t)v->d.size) {
		verify_tell(v, false);
		return bi_err_set(err, BI_EDIGEST,
				  "%s %s: %" PRIu64 " bytes, the descriptor says %" PRId64, v->what,
				  v->name, v->n, v->d.size);
	}
	got = bi_hash_final(v->h);
	if (strcmp(got, v->d.digest) != 0) {
		verify_tell(v, false);
		return bi_err_set(err, BI_EDIGEST,
				  "%s %s: content has digest %s (corrupt or altered blob)", v->what,
				  v->name, got);
	}
	verify_tell(v, true);
	return 0;
}

static ssize_t verify_read(void *ctx, void *buf, size_t len, struct bi_err **err)
{
	struct verify *v = ctx;
	ssize_t n = bi_istream_read(v->in, buf, len, err);

	if (n < 0) {
		verify_tell(v, false);
		return n;
	}
	if (n == 0) {
		int r = verify_end(v, err);
		return r < 0 ? r : 0;
	}
	bi_hash_update(v->h, buf, (size_t)n);
	v->n += (uint64_t)n;
	if (v->d.size >= 0 && v->n > (uint64_t)v->d.size) {
		verify_tell(v, false);
		return bi_err_set(err, BI_EDIGEST,
				  "%s %s: more than the descriptor's %" PRId64 " bytes", v->what,
				  v->name, v->d.size);
	}
	return n;
}

static void verify_close(void *ctx)
{
	struct verify *v = ctx;

	verify_tell(v, false); /* not read to its end */
	bi_istream_free(v->in);
	bi_hash_free(v->h);
	bi_descriptor_release(&v->d);
	free(v->what);
	free(v);
}

int bi_source_fetch(struct bi_source *s, const struct bi_descriptor *d, const char *what,
		    unsigned flags, struct bi_istream **ret, int64_t *ret_size, struct bi_err **err)
{
	_cleanup_(bi_istream_freep) struct bi_istream *in = NULL;
	enum bi_digest_algo algo = BI_DIGEST_SHA256;
	struct verify *v;
	int64_t size = -1;
	int r;

	if (d->digest && (r = bi_digest_parse(d->digest, &algo, err)) < 0)
		return bi_err_wrap(err, "%s", what);
	r = s->ops->fetch(s, d, &in, &size, err);
	if (r == BI_ENOTFOUND) {
		bi_err_freep(err);
		return bi_err_set(err, BI_ENOTFOUND, "%s %s missing", what,
				  d->path ? d->path : d->digest);
	}
	if (r < 0)
		return r;
	if (size >= 0 && d->size >= 0 && size != d->size)
		return bi_err_set(err, BI_EDIGEST,
				  "%s %s: %" PRId64 " bytes, the descriptor says %" PRId64, what,
				  d->path ? d->path : d->digest, size, d->size);
	if (ret_size)
		*ret_size = size;
	if ((flags & BI_FETCH_NOVERIFY) || !d->digest) {
		*ret = TAKE_PTR(in);
		return 0;
	}
	v = bi_xcalloc(1, sizeof(*v));
	v->src = s;
	v->in = TAKE_PTR(in);
	bi_descriptor_copy(&v->d, d);
	v->what = bi_xstrdup(what);
	v->name = v->d.path ? v->d.path : v->d.digest;
	v->h = bi_hash_new(algo);
	*ret = bi_istream_func(verify_read, verify_close, v);
	return 0;
}

int bi_source_read_blob(struct bi_source *s, const struct bi_descriptor *d, const char *what,
			size_t max, struct bi_buf *out, struct bi_err **err)
{
	_cleanup_(bi_istream_freep) struct bi_istream *is = NULL;
	char buf[65536];
	int64_t size = -1;
	ssize_t n;
	int r;

	if (d->size > 0 && (uint64_t)d->size > max)
		return bi_err_set(err, BI_ELIMIT,
				  "%s: %s %s: descriptor size %" PRId64
				  " is more than the cap of %zu bytes",
				  s->path, what, d->digest, d->size, max);
	r = bi_source_fetch(s, d, what, 0, &is, &size, err);
	if (r < 0)
		return bi_err_wrap(err, "%s", s->path);
	if (size > 0 && (uint64_t)size > max)
		return bi_err_set(err, BI_ELIMIT,
				  "%s: %s %s is %" PRId64 " bytes, more than the cap of %zu",
				  s->path, what, d->digest ? d->digest : d->path, size, max);
	bi_buf_reset(out);
	while ((n = bi_istream_read(is, buf, sizeof(buf), err)) > 0) {
		if (out->len + (size_t)n > max || bi_buf_add(out, buf, (size_t)n) < 0)
			return bi_err_set(err, BI_ELIMIT,
					  "%s: %s %s is more than the cap of %zu bytes", s->path,
					  what, d->digest ? d->digest : d->path, max);
	}
	if (n < 0)
		return bi_err_wrap(err, "%s", s->path);
	return 0;
}
