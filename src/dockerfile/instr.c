/* SPDX-License-Identifier: MIT */
/*
 * One logical line into an instruction, as BuildKit's newNodeFromLine,
 * splitCommand, extractBuilderFlags and the line parsers of
 * frontend/dockerfile/parser/line_parsers.go do it.
 */
#include "util/common.h"

#include "dockerfile/internal.h"

static const char *const kind_names[BI_I__MAX] = {
	[BI_I_UNKNOWN] = "",	    [BI_I_ADD] = "ADD",
	[BI_I_ARG] = "ARG",	    [BI_I_CMD] = "CMD",
	[BI_I_COPY] = "COPY",	    [BI_I_ENTRYPOINT] = "ENTRYPOINT",
	[BI_I_ENV] = "ENV",	    [BI_I_EXPOSE] = "EXPOSE",
	[BI_I_FROM] = "FROM",	    [BI_I_HEALTHCHECK] = "HEALTHCHECK",
	[BI_I_LABEL] = "LABEL",	    [BI_I_MAINTAINER] = "MAINTAINER",
	[BI_I_ONBUILD] = "ONBUILD", [BI_I_RUN] = "RUN",
	[BI_I_SHELL] = "SHELL",	    [BI_I_STOPSIGNAL] = "STOPSIGNAL",
	[BI_I_USER] = "USER",	    [BI_I_VOLUME] = "VOLUME",
	[BI_I_WORKDIR] = "WORKDIR",
};

const char *bi_instr_kind_name(enum bi_instr_kind kind)
{
	if ((unsigned)kind >= BI_I__MAX)
		return "";
	return kind_names[kind];
}

static enum bi_instr_kind kind_of(struct bi_span keyword)
{
	_cleanup_(bi_buf_release) struct bi_buf low = BI_BUF_INIT(BI_BUF_NOLIMIT);

	bi_go_lower(&low, keyword);
	for (int k = BI_I_ADD; k < BI_I__MAX; k++)
		if (bi_span_ieq_str(bi_buf_span(&low), kind_names[k]))
			return (enum bi_instr_kind)k;
	return BI_I_UNKNOWN;
}

/* reWhitespace: [\t\v\f\r ] */
static bool is_re_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

static void push_span(struct bi_strv *sv, struct bi_span s)
{
	bi_strv_push_len(sv, bi_span_dup(s), s.len);
}

/* string(rune(b)): a byte read as a Latin-1 code point, UTF-8 encoded. */
static void put_byte_rune(struct bi_buf *b, unsigned char c)
{
	bi_go_put_rune(b, c);
}

/*
 * extractBuilderFlags: leading "--" words are flags (quotes removed,
 * backslash escapes the next byte); returns the rest of the line.
 */
static struct bi_span extract_flags(struct bi_span line, struct bi_strv *flags)
{
	enum { IN_SPACES, IN_WORD, IN_QUOTE } phase = IN_SPACES;
	_cleanup_(bi_buf_release) struct bi_buf word = BI_BUF_INIT(BI_BUF_NOLIMIT);
	bool blank_ok = false;
	unsigned char ch = 0, quote = 0;
	const unsigned char *s = (const unsigned char *)line.ptr;
	size_t len = line.len;

	for (size_t pos = 0; pos <= len; pos++) {
		if (pos != len)
			ch = s[pos];
		if (phase == IN_SPACES) {
			if (pos == len)
				break;
			if (bi_go_isspace_byte(ch))
				continue;
			if (ch != '-' || pos + 1 == len || s[pos + 1] != '-')
				return bi_span_sub(line, pos, len - pos);
			phase = IN_WORD;
		}
		if (pos == len) {
			if (!bi_span_eq_str(bi_buf_span(&word), "--") && (blank_ok || word.len > 0))
				push_span(flags, bi_buf_span(&word));
			break;
		}
		if (phase == IN_WORD) {
			if (bi_go_isspace_byte(ch)) {
				phase = IN_SPACES;
				if (bi_span_eq_str(bi_buf_span(&word), "--"))
					return bi_span_sub(line, pos, len - pos);
				if (blank_ok || word.len > 0)
					push_span(flags, bi_buf_span(&word));
				bi_buf_reset(&word);
				blank_ok = false;
				continue;
			}
			if (ch == '\'' || ch == '"') {
				quote = ch;
				blank_ok = true;
				phase = IN_QUOTE;
				continue;
			}
			if (ch == '\\') {
				if (pos + 1 == len)
					continue;
				ch = s[++pos];
			}
			put_byte_rune(&word, ch);
			continue;
		}
		/* IN_QUOTE */
		if (ch == quote) {
			phase = IN_WORD;
			continue;
		}
		if (ch == '\\') {
			if (pos + 1 == len) {
				phase = IN_WORD;
				continue;
			}
			ch = s[++pos];
		}
		put_byte_rune(&word, ch);
	}
	return bi_span_sub(line, len, 0);
}

/* parseWords: shell-like words, quotes and escapes kept. */
static void parse_words(struct bi_span rest, char escape, struct bi_strv *words)
{
	enum { IN_SPACES, IN_WORD, IN_QUOTE } phase = IN_SPACES;
	_cleanup_(bi_buf_release) struct bi_buf word = BI_BUF_INIT(BI_BUF_NOLIMIT);
	uint32_t quote = 0, ch = 0;
	bool blank_ok = false;
	size_t w = 0, len = rest.len;

	for (size_t pos = 0; pos <= len; pos += w) {
		if (pos != len)
			ch = bi_go_decode(rest.ptr + pos, len - pos, &w);
		if (phase == IN_SPACES) {
			if (pos == len)
				break;
			if (bi_go_isspace(ch))
				continue;
			phase = IN_WORD;
		}
		if (pos == len) {
			if (blank_ok || word.len > 0)
				push_span(words, bi_buf_span(&word));
			break;
		}
		if (phase == IN_WORD) {
			if (bi_go_isspace(ch)) {
				phase = IN_SPACES;
				if (blank_ok || word.len > 0)
					push_span(words, bi_buf_span(&word));
				bi_buf_reset(&word);
				blank_ok = false;
				continue;
			}
			if (ch == '\'' || ch == '"') {
				quote = ch;
				blank_ok = true;
				phase = IN_QUOTE;
			}
			if (ch == (unsigned char)escape) {
				if (pos + w == len)
					continue;
				bi_go_put_rune(&word, ch);
				pos += w;
				ch = bi_go_decode(rest.ptr + pos, len - pos, &w);
			}
			bi_go_put_rune(&word, ch);
			continue;
		}
		/* IN_QUOTE */
		if (ch == quote)
			phase = IN_WORD;
		if (ch == (unsigned char)escape && quote != '\'') {
			if (pos + w == len) {
				phase = IN_WORD;
				continue;
			}
			pos += w;
			bi_go_put_rune(&word, ch);
			ch = bi_go_decode(rest.ptr + pos, len - pos, &w);
		}
		bi_go_put_rune(&word, ch);
	}
}

/* reWhitespace.Split(rest, n) for n == 2 or n < 0. */
static void split_ws(struct bi_span rest, int n, struct bi_strv *out)
{
	size_t start = 0, i = 0;
	int count = 1;

	while (i < rest.len) {
		if (is_re_ws(rest.ptr[i]) && (n < 0 || count < n)) {
			size_t j = i;
			while (j < rest.len && is_re_ws(rest.ptr[j]))
				j++;
			push_span(out, bi_span_sub(rest, start, i - start));
			count++;
			start = i = j;
			continue;
		}
		i++;
	}
	push_span(out, bi_span_sub(rest, start, rest.len - start));
}

static int parse_json(struct bi_span rest, struct bi_instr *in, struct bi_strv *args, bool *ret_ok,
		      struct bi_err **err)
{
	struct bi_strv sv = { 0 };
	enum bi_df_json_result r;

	*ret_ok = false;
	rest = bi_go_trim_left_space(rest);
	if (!rest.len || rest.ptr[0] != '[')
		return 0;
	r = bi_df__json_array(rest, &sv);
	if (r == BI_DF_JSON_NOT_STRING)
		return bi_err_set(err, BI_EFORMAT,
				  "when using JSON array syntax, arrays must be comprised of "
				  "strings only");
	if (r == BI_DF_JSON_INVALID)
		return 0;
	for (size_t i = 0; i < sv.n; i++)
		bi_strv_push_len(args, sv.v[i], sv.lens[i]);
	free(sv.v);
	free(sv.lens);
	in->json_form = true;
	*ret_ok = true;
	return 0;
}

static int parse_maybe_json(struct bi_span rest, struct bi_instr *in, struct bi_strv *args,
			    bool to_list, struct bi_err **err)
{
	bool ok;
	int r;

	if (!to_list && rest.len == 0)
		return 0;
	r = parse_json(rest, in, args, &ok, err);
	if (r < 0 || ok)
		return r;
	if (!to_list)
		push_span(args, rest);
	else if (rest.len)
		split_ws(rest, -1, args);
	return 0;
}

static int parse_name_val(struct bi_span rest, const char *key, char escape, struct bi_strv *args,
			  struct bi_err **err)
{
	struct bi_strv words = { 0 };
	int r = 0;

	parse_words(rest, escape, &words);
	if (words.n == 0)
		goto out;
	if (!memchr(words.v[0], '=', words.lens[0])) {
		struct bi_strv parts = { 0 };
		split_ws(rest, 2, &parts);
		if (parts.n < 2) {
			bi_strv_release(&parts);
			r = bi_err_set(err, BI_EFORMAT, "%s must have two arguments", key);
			goto out;
		}
		bi_strv_push_len(args, parts.v[0], parts.lens[0]);
		bi_strv_push_len(args, parts.v[1], parts.lens[1]);
		bi_strv_push(args, bi_xstrdup(""));
		free(parts.v);
		free(parts.lens);
		goto out;
	}
	for (size_t i = 0; i < words.n; i++) {
		char *eq = memchr(words.v[i], '=', words.lens[i]);
		size_t klen;
		if (!eq) {
			_cleanup_(bi_buf_release) struct bi_buf q = BI_BUF_INIT(BI_BUF_NOLIMIT);
			bi_go_quote(&q, bi_span_make(words.v[i], words.lens[i]));
			r = bi_err_set(err, BI_EFORMAT,
				       "Syntax error - can't find = in %s. Must be of the form: "
				       "name=value",
				       q.buf);
			goto out;
		}
		klen = (size_t)(eq - words.v[i]);
		push_span(args, bi_span_make(words.v[i], klen));
		push_span(args, bi_span_make(eq + 1, words.lens[i] - klen - 1));
		bi_strv_push(args, bi_xstrdup("="));
	}
out:
	bi_strv_release(&words);
	return r;
}

static int parse_health(struct bi_span rest, struct bi_instr *in, struct bi_strv *args,
			struct bi_err **err)
{
	size_t sep = 0, next;

	while (sep < rest.len && !bi_go_isspace_byte((unsigned char)rest.ptr[sep]))
		sep++;
	next = sep;
	while (next < rest.len && bi_go_isspace_byte((unsigned char)rest.ptr[next]))
		next++;
	if (sep == 0)
		return 0;
	push_span(args, bi_span_sub(rest, 0, sep));
	return parse_maybe_json(bi_span_sub(rest, next, rest.len - next), in, args, false, err);
}

static int dispatch(struct bi_span rest, char escape, int depth, struct bi_instr *in,
		    struct bi_strv *args, struct bi_err **err)
{
	switch (in->kind) {
	case BI_I_ADD:
	case BI_I_COPY:
	case BI_I_VOLUME:
		return parse_maybe_json(rest, in, args, true, err);
	case BI_I_CMD:
	case BI_I_ENTRYPOINT:
	case BI_I_RUN:
	case BI_I_SHELL:
		return parse_maybe_json(rest, in, args, false, err);
	case BI_I_ARG:
		parse_words(rest, escape, args);
		return 0;
	case BI_I_ENV:
		return parse_name_val(rest, "ENV", escape, args, err);
	case BI_I_LABEL:
		return parse_name_val(rest, "LABEL", escape, args, err);
	case BI_I_EXPOSE:
	case BI_I_FROM:
		if (rest.len)
			split_ws(rest, -1, args);
		return 0;
	case BI_I_MAINTAINER:
	case BI_I_STOPSIGNAL:
	case BI_I_USER:
	case BI_I_WORKDIR:
		if (rest.len)
			push_span(args, rest);
		return 0;
	case BI_I_HEALTHCHECK:
		return parse_health(rest, in, args, err);
	case BI_I_ONBUILD:
		if (!rest.len)
			return 0;
		if (depth >= BI_DF_MAX_ONBUILD_DEPTH)
			return bi_err_set(err, BI_ELIMIT, "ONBUILD nested more than %d deep",
					  BI_DF_MAX_ONBUILD_DEPTH);
		in->onbuild = bi_xcalloc(1, sizeof(*in->onbuild));
		return bi_df__parse_line(rest, escape, depth + 1, in->onbuild, err);
	case BI_I_UNKNOWN:
	case BI_I__MAX:
		push_span(args, BI_SPAN_LIT(""));
		return 0;
	}
	return 0;
}

int bi_df__parse_line(struct bi_span line, char escape, int depth, struct bi_instr *in,
		      struct bi_err **err)
{
	struct bi_span t = bi_go_trim_space(line), keyword, rest = BI_SPAN_NULL;
	struct bi_strv flags = { 0 }, args = { 0 };
	size_t i = 0;
	int r;

	while (i < t.len && !is_re_ws(t.ptr[i]))
		i++;
	keyword = bi_span_sub(t, 0, i);
	if (i < t.len) {
		while (i < t.len && is_re_ws(t.ptr[i]))
			i++;
		rest = extract_flags(bi_span_sub(t, i, t.len - i), &flags);
		rest = bi_go_trim_space(rest);
	}
	in->keyword = bi_span_dup(keyword);
	in->original = bi_span_dup(line);
	in->flags = flags.v;
	in->nflags = flags.n;
	in->flags_len = flags.lens;
	in->kind = kind_of(keyword);
	r = dispatch(rest, escape, depth, in, &args, err);
	in->args = args.v;
	in->nargs = args.n;
	in->args_len = args.lens;
	return r;
}

bool bi_df__can_contain_heredoc(const struct bi_instr *in)
{
	if (in->kind == BI_I_ONBUILD && in->onbuild)
		in = in->onbuild;
	if (in->kind != BI_I_RUN && in->kind != BI_I_COPY && in->kind != BI_I_ADD)
		return false;
	return !in->json_form;
}

void bi_df__instr_release(struct bi_instr *in)
{
	free(in->keyword);
	free(in->original);
	for (size_t i = 0; i < in->nflags; i++)
		free(in->flags[i]);
	free(in->flags);
	free(in->flags_len);
	for (size_t i = 0; i < in->nargs; i++)
		free(in->args[i]);
	free(in->args);
	free(in->args_len);
	for (size_t i = 0; i < in->nheredocs; i++) {
		free(in->heredocs[i].name);
		free(in->heredocs[i].content);
	}
	free(in->heredocs);
	if (in->onbuild) {
		bi_df__instr_release(in->onbuild);
		free(in->onbuild);
	}
	for (size_t i = 0; i < in->ncomments; i++)
		free(in->comments[i]);
	free(in->comments);
	memset(in, 0, sizeof(*in));
}
