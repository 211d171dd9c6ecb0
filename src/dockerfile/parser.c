/* SPDX-License-Identifier: MIT */
/*
 * Physical lines into instructions, as BuildKit's parser.Parse does it
 * (frontend/dockerfile/parser/parser.go): BOM, CRLF, parser directives,
 * comments, line continuations (with comment and blank lines inside them),
 * heredoc bodies and the 64 KiB line limit. See
 * ../shared/data/dockerfile/buildkit-parser/README.md for the rules.
 */
#include "util/common.h"

#include "dockerfile/internal.h"

struct reader {
	struct bi_span text;
	size_t pos;
	int lineno; /* of the line last returned */
	const char *name;
};

/* The next physical line with its "\n" (if any); 0 at the end, 1, or an error. */
static int next_line(struct reader *rd, struct bi_span *ret, struct bi_err **err)
{
	const char *p, *start;
	size_t left, len;

	if (rd->pos >= rd->text.len)
		return 0;
	start = rd->text.ptr + rd->pos;
	left = rd->text.len - rd->pos;
	p = memchr(start, '\n', left);
	len = p ? (size_t)(p - start) : left;
	if (len >= BI_MAX_DOCKERFILE_LINE)
		return bi_err_set(err, BI_ELIMIT,
				  "%s:%d: dockerfile line greater than max allowed size of %zu",
				  rd->name, rd->lineno + 1, BI_MAX_DOCKERFILE_LINE - 1);
	if (p)
		len++;
	*ret = bi_span_make(start, len);
	rd->pos += len;
	rd->lineno++;
	return 1;
}

static struct bi_span trim_newline(struct bi_span s)
{
	while (s.len && (s.ptr[s.len - 1] == '\n' || s.ptr[s.len - 1] == '\r'))
		s.len--;
	return s;
}

static bool is_comment(struct bi_span raw)
{
	struct bi_span t = bi_go_trim_left_space(raw);
	return t.len && t.ptr[0] == '#';
}

/* Go RE2's \s: [\t\n\f\r ]. */
static bool re_s(char c)
{
	return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

struct directives {
	bool done, seen_escape, seen_syntax, seen_check;
	char escape;
	char *syntax;
};

/*
 * ^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$ on a line: 1 when it is a
 * directive, 0 when not (directive scanning ends), or an error.
 */
static int possible_directive(struct directives *d, struct bi_span t, struct bi_err **err)
{
	size_t i = 1, ks, ke, vs, ve;
	struct bi_span key, val;
	bool *seen;

	if (d->done)
		return 0;
	d->done = true;
	if (!t.len || t.ptr[0] != '#')
		return 0;
	while (i < t.len && re_s(t.ptr[i]))
		i++;
	ks = i;
	if (i >= t.len || !isalpha((unsigned char)t.ptr[i]))
		return 0;
	while (i < t.len && isalnum((unsigned char)t.ptr[i]))
		i++;
	ke = i;
	while (i < t.len && re_s(t.ptr[i]))
		i++;
	if (i >= t.len || t.ptr[i] != '=')
		return 0;
	i++;
	vs = i;
	while (vs < t.len && re_s(t.ptr[vs]))
		vs++;
	ve = t.len;
	if (vs == t.len) {
		if (i == t.len)
			return 0;
		vs = t.len - 1; /* only blanks: the lazy (.+?) takes the last one */
	} else {
		while (ve > vs && re_s(t.ptr[ve - 1]))
			ve--;
	}
	key = bi_span_sub(t, ks, ke - ks);
	val = bi_span_sub(t, vs, ve - vs);
	if (bi_span_ieq_str(key, "escape"))
		seen = &d->seen_escape;
	else if (bi_span_ieq_str(key, "syntax"))
		seen = &d->seen_syntax;
	else if (bi_span_ieq_str(key, "check"))
		seen = &d->seen_check;
	else
		return 0;
	if (*seen) {
		char k[8] = { 0 };
		for (size_t j = 0; j < key.len && j < 7; j++)
			k[j] = (char)tolower((unsigned char)key.ptr[j]);
		return bi_err_set(err, BI_EFORMAT, "only one %s parser directive can be used", k);
	}
	*seen = true;
	d->done = false;
	if (seen == &d->seen_escape) {
		if (!bi_span_eq_str(val, "`") && !bi_span_eq_str(val, "\\"))
			return bi_err_set(err, BI_EFORMAT,
					  "invalid escape token '" BI_SPAN_FMT
					  "' does not match ` or \\",
					  BI_SPAN_ARG(val));
		d->escape = val.ptr[0];
	} else if (seen == &d->seen_syntax) {
		d->syntax = bi_span_dup(val);
	}
	return 1;
}

/*
 * The continuation regex ([^E])E[ \t]*$|^E[ \t]*$ with E the escape
 * character: true and the escape cut off when the line continues.
 */
static bool trim_continuation(struct bi_span *line, char esc)
{
	size_t n = line->len;

	while (n && (line->ptr[n - 1] == ' ' || line->ptr[n - 1] == '\t'))
		n--;
	if (!n || line->ptr[n - 1] != esc)
		return false;
	if (n >= 2 && line->ptr[n - 2] == esc)
		return false;
	line->len = n - 1;
	return true;
}

struct parse_state {
	struct reader rd;
	struct directives d;
	struct bi_dockerfile *df;
	size_t alloc_instrs, alloc_warn;
	struct bi_strv comments;
};

static int read_heredocs(struct parse_state *st, struct bi_instr *in, struct bi_span line,
			 int start_line, struct bi_err **err)
{
	int r = bi_df__heredocs_from_line(line, &in->heredocs, &in->nheredocs, err);

	if (r < 0)
		return bi_err_wrap(err, "%s:%d", st->rd.name, start_line);
	for (size_t i = 0; i < in->nheredocs; i++) {
		struct bi_heredoc *h = &in->heredocs[i];
		struct bi_buf content = BI_BUF_INIT(BI_BUF_NOLIMIT);
		struct bi_span raw;
		bool terminated = false;

		h->start_line = st->rd.lineno + 1;
		while ((r = next_line(&st->rd, &raw, err)) > 0) {
			struct bi_span t = trim_newline(raw);
			if (h->chomp)
				while (t.len && t.ptr[0] == '\t') {
					t.ptr++;
					t.len--;
				}
			if (bi_span_eq_str(t, h->name)) {
				terminated = true;
				break;
			}
			bi_buf_addspan(&content, raw);
		}
		h->content = bi_buf_detach(&content, &h->content_len);
		h->end_line = st->rd.lineno;
		if (r < 0)
			return r;
		if (!terminated)
			return bi_err_set(err, BI_EFORMAT, "%s:%d: unterminated heredoc",
					  st->rd.name, start_line);
	}
	return 0;
}

static int add_instr(struct parse_state *st, struct bi_span line, int start_line, int column,
		     struct bi_err **err)
{
	struct bi_dockerfile *df = st->df;
	struct bi_instr *in;
	int r;

	if (df->ninstrs >= BI_MAX_INSTRUCTIONS)
		return bi_err_set(err, BI_ELIMIT, "%s:%d: more than %d instructions", df->name,
				  start_line, BI_MAX_INSTRUCTIONS);
	BI_ALLOC_GROW(df->instrs, df->ninstrs + 1, st->alloc_instrs);
	in = &df->instrs[df->ninstrs++];
	memset(in, 0, sizeof(*in));
	in->start_line = start_line;
	in->column = column;
	in->comments = st->comments.v;
	in->ncomments = st->comments.n;
	free(st->comments.lens);
	st->comments = (struct bi_strv){ 0 };
	r = bi_df__parse_line(line, st->d.escape, 0, in, err);
	if (r < 0)
		return bi_err_wrap(err, "%s:%d", df->name, start_line);
	if (bi_df__can_contain_heredoc(in) && bi_span_find(line, BI_SPAN_LIT("<<")) >= 0) {
		r = read_heredocs(st, in, line, start_line, err);
		if (r < 0)
			return r;
	}
	in->end_line = st->rd.lineno;
	return 0;
}

static int parse_all(struct parse_state *st, struct bi_err **err)
{
	struct bi_dockerfile *df = st->df;
	struct bi_span raw;
	int r;

	while ((r = next_line(&st->rd, &raw, err)) > 0) {
		_cleanup_(bi_buf_release) struct bi_buf line = BI_BUF_INIT(BI_BUF_NOLIMIT);
		struct bi_span t, piece;
		bool cont, has_empty = false;
		int start_line, column;

		if (st->rd.lineno == 1 && bi_span_starts_with(raw, "\xEF\xBB\xBF")) {
			raw.ptr += 3;
			raw.len -= 3;
		}
		t = bi_go_trim_left_space(trim_newline(raw));
		r = possible_directive(&st->d, t, err);
		if (r < 0)
			return bi_err_wrap(err, "%s:%d", df->name, st->rd.lineno);
		if (r > 0)
			continue;
		if (t.len && t.ptr[0] == '#') {
			struct bi_span c = bi_go_trim_space(bi_span_sub(t, 1, t.len - 1));
			if (st->comments.n < 256)
				bi_strv_push(&st->comments, bi_span_dup(c));
			continue;
		}
		if (!t.len) {
			bi_strv_release(&st->comments);
			continue;
		}
		start_line = st->rd.lineno;
		column = (int)(t.ptr - raw.ptr) + 1;
		piece = t;
		cont = trim_continuation(&piece, st->d.escape);
		bi_buf_addspan(&line, piece);
		while (cont && (r = next_line(&st->rd, &raw, err)) > 0) {
			if (is_comment(raw))
				continue;
			piece = trim_newline(raw);
			if (!bi_go_trim_left_space(piece).len) {
				has_empty = true;
				continue;
			}
			cont = trim_continuation(&piece, st->d.escape);
			bi_buf_addspan(&line, piece);
		}
		if (r < 0)
			return r;
		if (has_empty) {
			BI_ALLOC_GROW(df->empty_continuation_lines,
				      df->nempty_continuation_lines + 1, st->alloc_warn);
			df->empty_continuation_lines[df->nempty_continuation_lines++] =
				st->rd.lineno;
		}
		r = add_instr(st, bi_buf_span(&line), start_line, column, err);
		if (r < 0)
			return r;
	}
	if (r < 0)
		return r;
	if (!df->ninstrs)
		return bi_err_set(err, BI_EFORMAT, "%s:%d: file with no instructions", df->name,
				  st->rd.lineno > 0 ? st->rd.lineno :
						      1); /* a 0-byte file: line 1 */
	return 0;
}

int bi_dockerfile_parse(struct bi_span text, const char *name, struct bi_dockerfile **ret,
			struct bi_err **err)
{
	_cleanup_(bi_dockerfile_freep) struct bi_dockerfile *df = NULL;
	struct parse_state st = { 0 };
	int r;

	if (!name)
		name = "<stdin>";
	if (text.len > BI_MAX_DOCKERFILE)
		return bi_err_set(err, BI_ELIMIT, "%s: Dockerfile larger than %zu bytes", name,
				  BI_MAX_DOCKERFILE);
	df = bi_xcalloc(1, sizeof(*df));
	df->name = bi_xstrdup(name);
	st.rd = (struct reader){ text, 0, 0, df->name };
	st.d.escape = '\\';
	st.df = df;
	r = parse_all(&st, err);
	bi_strv_release(&st.comments);
	df->escape = st.d.escape;
	df->syntax = st.d.syntax;
	if (r < 0)
		return r;
	*ret = TAKE_PTR(df);
	return 0;
}

void bi_dockerfile_free(struct bi_dockerfile *df)
{
	if (!df)
		return;
	for (size_t i = 0; i < df->ninstrs; i++)
		bi_df__instr_release(&df->instrs[i]);
	free(df->instrs);
	free(df->name);
	free(df->syntax);
	free(df->empty_continuation_lines);
	free(df);
}

void bi_dockerfile_freep(struct bi_dockerfile **df)
{
	bi_dockerfile_free(*df);
}
