/* SPDX-License-Identifier: MIT */
/* The analysis' view over a real merged view (layer/fs.h). */
#include <math.h>

#include "util/common.h"
#include "analyze/analyze.h"
#include "analyze/view.h"

static const struct bi_fentry *fs_lookup(void *ctx, const char *path)
{
	return bi_fs_lookup(ctx, path);
}

static const struct bi_fentry *fs_resolve(void *ctx, const char *path)
{
	const struct bi_fentry *e = NULL;

	if (bi_fs_resolve(ctx, path, &e, NULL) < 0)
		return NULL;
	return e;
}

static size_t fs_count(void *ctx)
{
	return bi_fs_count(ctx);
}

static const struct bi_fentry *fs_at(void *ctx, size_t i)
{
	return bi_fs_at(ctx, i);
}

static size_t fs_lower_bound(void *ctx, const char *prefix)
{
	return bi_fs_lower_bound(ctx, prefix);
}

void bi_view_from_fs(struct bi_view *v, const struct bi_fs *fs)
{
	v->lookup = fs_lookup;
	v->resolve = fs_resolve;
	v->count = fs_count;
	v->at = fs_at;
	v->lower_bound = fs_lower_bound;
	v->ctx = (void *)fs;
}

int bi_analyze_image(const struct bi_image *img, struct bi_analysis **ret, struct bi_err **err)
{
	struct bi_view v;
	uint64_t final = 0, wasted = 0;
	int r;

	bi_view_from_fs(&v, img->fs);
	r = bi_analyze(img, &v, ret, err);
	if (r < 0)
		return r;
	for (size_t i = 0; i < bi_fs_count(img->fs); i++) {
		const struct bi_fentry *e = bi_fs_at(img->fs, i);
		if (e->type == BI_F_REG)
			final += e->size;
	}
	for (size_t i = 0; i < img->nlayers; i++)
		wasted += bi_fs_layer_wasted(img->fs, i);
	(*ret)->wasted_bytes = wasted;
	(*ret)->layer_bytes = final + wasted;
	/* four decimals, so that every output prints the same figure */
	if (final + wasted)
		(*ret)->efficiency = round((double) final / (double)(final + wasted) * 1e4) / 1e4;
	return 0;
}
