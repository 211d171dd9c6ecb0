/* SPDX-License-Identifier: MIT */
/*
 * Heredoc words of a RUN/COPY/ADD line (BuildKit's heredocsFromLine and
 * ParseHeredoc): the line is split by the raw shell lexer; a word matching
 * ^([0-9]*)<<(-?)([^<]*)$ whose rest unquotes to exactly one word opens a
 * heredoc named by that word.
 */
#include "util/common.h"

#include "dockerfile/internal.h"

static size_t count_quotes(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '\'' || *s == '"';
	return n;
}

/* 1 and *ret filled when word is a heredoc, 0 when not, or an error. */
static int parse_heredoc(const char *word, struct bi_heredoc *ret, struct bi_err **err)
{
	struct bi_shlex_opts o = { .escape = '\\', .skip_unset = true };
	struct bi_strv words = { 0 }, raw = { 0 };
	const char *p = word, *rest;
	uint64_t fd = 0;
	bool chomp = false;
	int r;

	while (*p >= '0' && *p <= '9') {
		fd = fd > (UINT64_MAX - 9) / 10 ? UINT64_MAX : fd * 10 + (uint64_t)(*p - '0');
		p++;
	}
	if (p[0] != '<' || p[1] != '<')
		return 0;
	p += 2;
	if (*p == '-') {
		chomp = true;
		p++;
	}
	rest = p;
	if (strchr(rest, '<') || !*rest)
		return 0;
	r = bi_df__shlex(bi_span_str(rest), &o, NULL, &words, err);
	if (r < 0)
		return bi_err_wrap(err, "failed to process \"%s\"", rest);
	if (words.n != 1) {
		bi_strv_release(&words);
		return 0;
	}
	o.raw_quotes = true;
	r = bi_df__shlex(bi_span_str(rest), &o, NULL, &raw, err);
	if (r < 0) {
		bi_strv_release(&words);
		return bi_err_wrap(err, "failed to process \"%s\"", rest);
	}
	if (raw.n != words.n) {
		bi_strv_release(&words);
		bi_strv_release(&raw);
		return bi_err_set(err, BI_EFORMAT,
				  "internal lexing of heredoc produced inconsistent results: %s",
				  rest);
	}
	*ret = (struct bi_heredoc){
		.name = words.v[0],
		.fd = fd > INT_MAX ? INT_MAX : (int)fd,
		.chomp = chomp,
		.expand = count_quotes(words.v[0]) == count_quotes(raw.v[0]),
	};
	free(words.v);
	free(words.lens);
	bi_strv_release(&raw);
	return 1;
}

int bi_df__heredocs_from_line(struct bi_span line, struct bi_heredoc **ret, size_t *ret_n,
			      struct bi_err **err)
{
	struct bi_shlex_opts o = {
		.escape = '\\', .raw_quotes = true, .raw_escapes = true, .skip_unset = true
	};
	struct bi_strv words = { 0 };
	struct bi_heredoc *docs = NULL;
	size_t n = 0, alloc = 0;
	int r = 0;

	*ret = NULL;
	*ret_n = 0;
	if (bi_df__shlex(line, &o, NULL, &words, NULL) < 0)
		return 0; /* BuildKit ignores a lexing error here: no heredocs */
	for (size_t i = 0; i < words.n; i++) {
		struct bi_heredoc h;
		r = parse_heredoc(words.v[i], &h, err);
		if (r < 0)
			break;
		if (r == 0)
			continue;
		if (n >= BI_MAX_HEREDOCS_PER_LINE) {
			free(h.name);
			r = bi_err_set(err, BI_ELIMIT, "more than %d heredocs in one instruction",
				       BI_MAX_HEREDOCS_PER_LINE);
			break;
		}
		BI_ALLOC_GROW(docs, n + 1, alloc);
		docs[n++] = h;
		r = 0;
	}
	bi_strv_release(&words);
	if (r < 0) {
		for (size_t i = 0; i < n; i++)
			free(docs[i].name);
		free(docs);
		return r;
	}
	*ret = docs;
	*ret_n = n;
	return 0;
}
