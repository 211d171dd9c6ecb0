/* SPDX-License-Identifier: MIT */
/*
 * Reading an image's layers: each layer is decoded once as a stream
 * (blob -> hash -> decompress -> hash -> tar walk) by a pool of worker
 * threads; the main thread merges finished layers into the view strictly in
 * layer order. Every blob digest, size and diff_id is checked.
 */
#include <pthread.h>

#include "util/common.h"
#include "image/digest.h"
#include "image/image_int.h"
#include "layer/layer.h"

#define ASYNC_MIN (8 * (uint64_t)BI_MiB)

struct result {
	bool done, hash_done;
	int code, hash_code;
	struct bi_err *err, *hash_err;
	struct bi_lentries *le;
	char *digest, *diff_id;
	enum bi_compression comp;
	uint64_t compressed, uncompressed, files;
};

struct pool {
	struct bi_source *src;
	struct bi_layer_job *jobs;
	size_t n;
	struct result *res;
	size_t *order; /* tasks: walks (largest layer first), then blob digests */
	size_t ntasks;
	size_t next;	     /* next task to start */
	volatile int cancel; /* stop walking (an error): blob digests still run */
	int stop;	     /* stop everything */
	pthread_mutex_t lock;
	pthread_cond_t cond;
};

struct counted_hash {
	struct bi_hash *h;
	uint64_t n;
};

static void hash_cb(void *ctx, const void *data, size_t len)
{
	struct counted_hash *ch = ctx;

	if (ch->h)
		bi_hash_update(ch->h, data, len);
	ch->n += len;
}

static char *job_label(const struct bi_layer_job *j, size_t i)
{
	return bi_xasprintf("layer %zu (%s)", i, j->blob.digest ? j->blob.digest : j->blob.path);
}

/* The blob's own digest, checked apart from decoding so it runs on another core. */
static int hash_job(struct pool *p, size_t i, struct bi_err **err)
{
	_cleanup_(bi_istream_freep) struct bi_istream *is = NULL;
	_cleanup_free_ char *what = bi_xasprintf("layer %zu blob", i);
	int r;

	r = bi_source_fetch(p->src, &p->jobs[i].blob, what, 0, &is, NULL, err);
	if (r < 0)
		return r;
	return bi_istream_drain(is, err);
}

/* docker-archive layers carry no media type: the first bytes tell. */
static int sniff(struct pool *p, const struct bi_layer_job *j, const char *what,
		 enum bi_compression *ret, struct bi_err **err)
{
	_cleanup_(bi_istream_freep) struct bi_istream *is = NULL;
	unsigned char head[4];
	ssize_t n;
	int r;

	r = bi_source_fetch(p->src, &j->blob, what, BI_FETCH_NOVERIFY, &is, NULL, err);
	if (r < 0)
		return r;
	n = bi_istream_read(is, head, sizeof(head), err);
	if (n < 0)
		return (int)n;
	*ret = bi_compression_sniff(head, (size_t)n);
	return 0;
}

/*
 * After a decode error on a blob verified inline, the rest of the blob
 * decides whether it is corrupt: a digest mismatch is the better message.
 */
static int blame_blob(struct bi_istream *raw, int r, struct bi_err **err)
{
	struct bi_err *e2 = NULL;

	if (r == BI_EDIGEST)
		return r;
	if (bi_istream_drain(raw, &e2) == BI_EDIGEST) {
		bi_err_freep(err);
		if (err)
			*err = TAKE_PTR(e2);
		r = BI_EDIGEST;
	}
	bi_err_free(e2);
	return r;
}

static int run_job(struct pool *p, size_t i, struct result *res, struct bi_err **err)
{
	const struct bi_layer_job *j = &p->jobs[i];
	_cleanup_(bi_istream_freep) struct bi_istream *is = NULL;
	struct counted_hash c = { 0 }, u = { 0 };
	struct bi_istream *raw;
	struct bi_stream_limits lim = { BI_MAX_LAYER_UNCOMPRESSED, BI_MAX_COMPRESSION_RATIO };
	_cleanup_free_ char *label = job_label(j, i);
	_cleanup_free_ char *what = bi_xasprintf("layer %zu blob", i);
	enum bi_compression comp = j->comp;
	enum bi_digest_algo ualgo = BI_DIGEST_SHA256;
	/* Local files: the blob digest is checked by hash_job() on another core. */
	bool inline_verify = !(p->src->flags & BI_SOURCE_LOCAL);
	int64_t size = 0;
	int r;

	if (j->diff_id && (r = bi_digest_parse(j->diff_id, &ualgo, err)) < 0) {
		bi_err_wrap(err, "%s: diff_id", label);
		return r;
	}
	if (j->sniff && (r = sniff(p, j, what, &comp, err)) < 0)
		return r;
	res->comp = comp;
	r = bi_source_fetch(p->src, &j->blob, what, inline_verify ? 0 : BI_FETCH_NOVERIFY, &is,
			    &size, err);
	if (r < 0)
		return r;
	u.h = bi_hash_new(ualgo);
	is = raw = bi_istream_tee(is, hash_cb, &c); /* raw: borrowed, owned by the stack */
	is = bi_istream_decompress(is, comp, label, &lim);
	/* Big compressed layers: decompress on one core, hash and walk on another. */
	if (comp != BI_COMP_NONE && size >= (int64_t)ASYNC_MIN && !inline_verify)
		is = bi_istream_async(is);
	is = bi_istream_tee(is, hash_cb, &u);
	r = bi_lentries_from_tar(is, (int)i, label, &p->cancel, &res->le, &res->files, err);
	if (r >= 0) {
		res->digest = j->blob.digest ? bi_xstrdup(j->blob.digest) : NULL;
		res->diff_id = bi_hash_final(u.h);
	}
	bi_hash_free(u.h);
	res->compressed = c.n;
	res->uncompressed = u.n;
	if (r < 0 && inline_verify && j->blob.digest && !p->cancel)
		r = blame_blob(raw, r, err);
	if (r < 0)
		return r;
	if (j->diff_id && strcmp(res->diff_id, j->diff_id) != 0)
		return bi_err_set(
			err, BI_EDIGEST,
			"%s: uncompressed content has digest %s, the config's diff_id is %s", label,
			res->diff_id, j->diff_id);
	return 0;
}

static void *worker(void *arg)
{
	struct pool *p = arg;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		size_t t, i;
		struct result *res;
		struct bi_err *err = NULL;
		bool hash;
		int r;

		if (p->stop || p->next >= p->ntasks)
			break;
		t = p->order[p->next++];
		hash = t >= p->n;
		i = hash ? t - p->n : t;
		pthread_mutex_unlock(&p->lock);
		res = &p->res[i];
		if (!hash && p->cancel)
			r = bi_err_set(&err, BI_EINTERNAL, "cancelled");
		else
			r = hash ? hash_job(p, i, &err) : run_job(p, i, res, &err);
		pthread_mutex_lock(&p->lock);
		if (hash) {
			res->hash_code = r < 0 ? r : 0;
			res->hash_err = err;
			res->hash_done = true;
		} else {
			res->code = r < 0 ? r : 0;
			res->err = err;
			res->done = true;
		}
		pthread_cond_broadcast(&p->cond);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

static int cmp_size_desc(const void *a, const void *b, void *arg)
{
	const struct bi_layer_job *jobs = arg;
	int64_t x = jobs[*(const size_t *)a].blob.size, y = jobs[*(const size_t *)b].blob.size;

	return x > y ? -1 : x < y;
}

static int ncpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

int bi_layers_read(struct bi_source *src, struct bi_layer_job *jobs, size_t n, int threads,
		   struct bi_image *img, struct bi_err **err)
{
	struct pool p = { .src = src, .jobs = jobs, .n = n };
	pthread_t *tids;
	size_t nthreads, started = 0;
	struct bi_fs *fs = bi_fs_new();
	int r = 0;

	nthreads = (size_t)(threads > 0 ? threads : ncpus());
	if (nthreads > n)
		nthreads = n;
	if (nthreads < 1)
		nthreads = 1;
	p.res = bi_xcalloc(n + 1, sizeof(*p.res));
	p.order = bi_xcalloc(2 * n + 1, sizeof(*p.order));
	for (size_t i = 0; i < n; i++)
		p.order[p.ntasks++] = i;
	/* Largest layers first: the biggest one is the critical path. */
	if (n > 1)
		qsort_r(p.order, n, sizeof(*p.order), cmp_size_desc, jobs);
	for (size_t i = 0; i < n; i++) {
		if (jobs[i].blob.digest && (src->flags & BI_SOURCE_LOCAL))
			p.order[p.ntasks++] = n + i;
		else
			p.res[i].hash_done = true;
	}
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.cond, NULL);
	tids = bi_xcalloc(nthreads, sizeof(*tids));
	for (size_t t = 0; t < nthreads && n; t++)
		if (pthread_create(&tids[t], NULL, worker, &p) == 0)
			started++;
	if (n && !started) {
		r = bi_err_set(err, BI_EINTERNAL, "cannot start a thread");
		goto out;
	}
	img->layers = bi_xcalloc(n + 1, sizeof(*img->layers));
	img->nlayers = n;
	for (size_t i = 0; i < n; i++) {
		struct result *res = &p.res[i];

		pthread_mutex_lock(&p.lock);
		while (!res->done)
			pthread_cond_wait(&p.cond, &p.lock);
		if (res->code < 0)
			p.cancel =
				1; /* stop the other walks; this blob's digest decides the error */
		while (!res->hash_done)
			pthread_cond_wait(&p.cond, &p.lock);
		pthread_mutex_unlock(&p.lock);
		if (res->hash_code < 0) {
			r = res->hash_code;
			if (err && !*err)
				*err = TAKE_PTR(res->hash_err);
			goto out;
		}
		if (res->code < 0) {
			r = res->code;
			if (err && !*err)
				*err = TAKE_PTR(res->err);
			goto out;
		}
		img->layers[i].digest = TAKE_PTR(res->digest);
		img->layers[i].diff_id = TAKE_PTR(res->diff_id);
		img->layers[i].compressed = res->compressed;
		img->layers[i].uncompressed = res->uncompressed;
		img->layers[i].files = res->files;
		if (jobs[i].blob.media_type)
			img->layers[i].media_type = bi_xstrdup(jobs[i].blob.media_type);
		else
			img->layers[i].media_type =
				bi_xasprintf("application/vnd.docker.image.rootfs.diff.tar%s",
					     res->comp == BI_COMP_GZIP ? ".gzip" :
					     res->comp == BI_COMP_ZSTD ? ".zstd" :
									 "");
		img->compressed += res->compressed;
		img->uncompressed += res->uncompressed;
		r = bi_fs_apply(fs, TAKE_PTR(res->le), err);
		if (r < 0)
			goto out;
	}
	r = bi_fs_finish(fs, err);
out:
	pthread_mutex_lock(&p.lock);
	p.cancel = 1;
	p.stop = 1;
	pthread_cond_broadcast(&p.cond);
	pthread_mutex_unlock(&p.lock);
	for (size_t t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	for (size_t i = 0; i < n; i++) {
		bi_err_free(p.res[i].err);
		bi_err_free(p.res[i].hash_err);
		bi_lentries_free(p.res[i].le);
		free(p.res[i].digest);
		free(p.res[i].diff_id);
	}
	free(p.res);
	free(p.order);
	free(tids);
	pthread_mutex_destroy(&p.lock);
	pthread_cond_destroy(&p.cond);
	if (r < 0) {
		bi_fs_free(fs);
		return r;
	}
	img->fs = fs;
	return 0;
}
