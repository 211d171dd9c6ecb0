/* SPDX-License-Identifier: MIT */
#ifndef BI_DOCKERFILE_INTERNAL_H
#define BI_DOCKERFILE_INTERNAL_H

/* Shared between the files of src/dockerfile (libgit2's module__x habit). */
#include "dockerfile/dockerfile.h"
#include "dockerfile/gostr.h"

/* Deepest ONBUILD ONBUILD ... nesting accepted (BuildKit has none; we cap recursion). */
#define BI_DF_MAX_ONBUILD_DEPTH 64
/* Deepest ${...} nesting the shell lexer follows. */
#define BI_DF_MAX_SUBST_DEPTH 128
/* Deepest JSON nesting (Go encoding/json's limit). */
#define BI_DF_MAX_JSON_DEPTH 10000

enum bi_df_json_result {
	BI_DF_JSON_STRINGS,    /* a valid array of strings */
	BI_DF_JSON_INVALID,    /* not (valid) JSON: BuildKit falls back to shell form */
	BI_DF_JSON_NOT_STRING, /* valid JSON with a non-string element: a parse error */
};
/* json.Unmarshal(text, &[]interface{}) as BuildKit uses it; text starts with '['. */
enum bi_df_json_result bi_df__json_array(struct bi_span text, struct bi_strv *out);

/*
 * BuildKit's newNodeFromLine: one assembled logical line into an
 * instruction (keyword, flags, argument nodes, ONBUILD child). Errors are
 * the bare message (the caller adds "NAME:LINE: ").
 */
int bi_df__parse_line(struct bi_span line, char escape, int depth, struct bi_instr *ret,
		      struct bi_err **err);
void bi_df__instr_release(struct bi_instr *in);
bool bi_df__can_contain_heredoc(const struct bi_instr *in);

/*
 * BuildKit's shell lexer (frontend/dockerfile/shell) for heredocs:
 * the heredoc words of an assembled line (name, fd, chomp, expand filled).
 */
int bi_df__heredocs_from_line(struct bi_span line, struct bi_heredoc **ret, size_t *ret_n,
			      struct bi_err **err);

/* Shell lexer core, also behind bi_expand_word. */
struct bi_shlex_opts {
	uint32_t escape;
	bool raw_quotes, raw_escapes, skip_unset;
	bi_var_lookup_fn lookup; /* NULL: nothing is set */
	void *ctx;
	struct bi_strv *unresolved;
	size_t max_len;
};
/* ProcessWord(s): the processed text in *ret_word (may be NULL) and the words. */
int bi_df__shlex(struct bi_span src, const struct bi_shlex_opts *o, char **ret_word,
		 struct bi_strv *ret_words, struct bi_err **err);

#endif
