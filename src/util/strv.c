/* SPDX-License-Identifier: MIT */
#include "util/common.h"
#include "util/strv.h"

void bi_strv_push_len(struct bi_strv *sv, char *s, size_t len)
{
	size_t alloc = sv->alloc;

	BI_ALLOC_GROW(sv->v, sv->n + 1, sv->alloc);
	if (sv->alloc != alloc || !sv->lens)
		sv->lens = bi_xreallocarray(sv->lens, sv->alloc, sizeof(*sv->lens));
	sv->lens[sv->n] = len;
	sv->v[sv->n++] = s;
}

void bi_strv_push(struct bi_strv *sv, char *s)
{
	bi_strv_push_len(sv, s, strlen(s));
}

void bi_strv_add(struct bi_strv *sv, const char *s)
{
	if (!bi_strv_has(sv, s))
		bi_strv_push(sv, bi_xstrdup(s));
}

bool bi_strv_has(const struct bi_strv *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return true;
	return false;
}

void bi_strv_release(struct bi_strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	free(sv->lens);
	*sv = (struct bi_strv){ 0 };
}
