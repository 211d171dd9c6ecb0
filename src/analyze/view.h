/* SPDX-License-Identifier: MIT */
#ifndef BI_ANALYZE_VIEW_H
#define BI_ANALYZE_VIEW_H

/*
 * The analysis reads an image's merged view through these few operations
 * (the same as layer/fs.h): view_fs.c wraps a struct bi_fs, unit tests wrap a
 * sorted array of entries.
 */
#include <stddef.h>

#include "layer/fs.h"

struct bi_view {
	/* Exact path, symlinks not followed; NULL when absent. */
	const struct bi_fentry *(*lookup)(void *ctx, const char *path);
	/* Symlinks (and hard links) followed inside the image; NULL when absent or a loop. */
	const struct bi_fentry *(*resolve)(void *ctx, const char *path);
	size_t (*count)(void *ctx);
	const struct bi_fentry *(*at)(void *ctx, size_t i);
	size_t (*lower_bound)(void *ctx, const char *prefix);
	void *ctx;
};

void bi_view_from_fs(struct bi_view *v, const struct bi_fs *fs);

#endif
