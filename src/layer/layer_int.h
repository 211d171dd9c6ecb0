/* SPDX-License-Identifier: MIT */
#ifndef BI_LAYER_INT_H
#define BI_LAYER_INT_H

/* Internals shared by whiteout.c (collecting a layer) and fs.c (merging). */
#include "layer/layer.h"

struct bi_arena {
	struct bi_arena *next;
	size_t used, cap;
	char data[];
};

char *bi_arena_strdup(struct bi_arena **a, const char *s, size_t len);
void bi_arena_free(struct bi_arena *a);
/* Append list `from` to *to (ownership moves). */
void bi_arena_splice(struct bi_arena **to, struct bi_arena **from);

struct bi_warnings {
	char **v;
	size_t n, alloc;
	size_t dropped;
};
void bi_warnings_add(struct bi_warnings *w, char *msg); /* takes msg */
void bi_warnings_release(struct bi_warnings *w);

struct bi_lentries {
	int layer;
	char *name;
	struct bi_fentry *ents;
	size_t n, alloc;
	char **wh; /* paths whited out (".wh.NAME" -> "dir/NAME"), sorted by finish */
	size_t nwh, awh;
	char **opq; /* folders made opaque (".wh..wh..opq"), sorted by finish */
	size_t nopq, aopq;
	struct bi_arena *arena;
	uint64_t kept_bytes;
	uint64_t count;
	struct bi_warnings warn;
	const volatile int *cancel;
	bool finished;
};

/* Sort and drop duplicate paths (the last one written wins). */
void bi_lentries_finish(struct bi_lentries *le);
/* Free an entry's kept content and ELF info. */
void bi_fentry_release(struct bi_fentry *e);

#endif
