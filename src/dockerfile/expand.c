/* SPDX-License-Identifier: MIT */
/* ARG expansion in FROM and friends: BuildKit's shell lexer, cooked. */
#include "util/common.h"

#include "dockerfile/internal.h"

int bi_expand_word(struct bi_span word, char escape, bi_var_lookup_fn lookup, void *ctx, char **ret,
		   struct bi_strv *unresolved, struct bi_err **err)
{
	struct bi_shlex_opts o = {
		.escape = (unsigned char)escape,
		.lookup = lookup,
		.ctx = ctx,
		.unresolved = unresolved,
		.max_len = BI_MAX_ARG_EXPANSION,
	};
	char *out = NULL;
	int r;

	if (escape != '\\' && escape != '`')
		return bi_err_set(err, BI_EUSAGE, "escape character must be \\ or `");
	if (word.len > BI_MAX_ARG_EXPANSION)
		return bi_err_set(err, BI_ELIMIT, "word longer than %zu bytes",
				  BI_MAX_ARG_EXPANSION);
	r = bi_df__shlex(word, &o, &out, NULL, err);
	if (r < 0)
		return r;
	*ret = out;
	return 0;
}
