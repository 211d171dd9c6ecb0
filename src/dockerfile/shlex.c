/* SPDX-License-Identifier: MIT */
/*
 * BuildKit's shell lexer (frontend/dockerfile/shell/lex.go): quotes,
 * escapes, $V and ${V...} substitution and word splitting. Used raw (quotes
 * and escapes kept, unset variables left as written) to find heredoc words,
 * and cooked by bi_expand_word for FROM.
 */
#include "util/common.h"

#include "dockerfile/internal.h"

#define EOF_RUNE UINT32_MAX

struct sw {
	const struct bi_shlex_opts *o;
	struct bi_span src;
	size_t pos;
	bool raw_escapes;
	int depth;
	struct bi_buf wbuf; /* shared words buffer (as lex.go's sw.wordsBuffer) */
	struct bi_err **err;
};

struct words {
	struct bi_buf *buf;
	struct bi_strv list;
	bool in_word;
};

static uint32_t peek(struct sw *s)
{
	size_t w;

	if (s->pos >= s->src.len)
		return EOF_RUNE;
	return bi_go_decode(s->src.ptr + s->pos, s->src.len - s->pos, &w);
}

static uint32_t next(struct sw *s)
{
	size_t w;
	uint32_t r;

	if (s->pos >= s->src.len)
		return EOF_RUNE;
	r = bi_go_decode(s->src.ptr + s->pos, s->src.len - s->pos, &w);
	s->pos += w;
	return r;
}

/* "<<", "3<<-", "<<  ": a heredoc operator still waiting for its word. */
static bool heredoc_pending(const struct bi_buf *b)
{
	size_t i = 0;

	while (i < b->len && b->buf[i] >= '0' && b->buf[i] <= '9')
		i++;
	if (b->len - i < 2 || b->buf[i] != '<' || b->buf[i + 1] != '<')
		return false;
	i += 2;
	if (i < b->len && b->buf[i] == '-')
		i++;
	while (i < b->len && (b->buf[i] == ' ' || b->buf[i] == '\t'))
		i++;
	return i == b->len;
}

static void add_raw_char(struct words *w, uint32_t ch)
{
	bi_go_put_rune(w->buf, ch);
	w->in_word = true;
}

static void add_char(struct words *w, uint32_t ch)
{
	if (bi_go_isspace(ch) && w->in_word) {
		if ((ch == ' ' || ch == '\t') && heredoc_pending(w->buf)) {
			add_raw_char(w, ch);
			return;
		}
		if (w->buf->len) {
			size_t n;
			char *x = bi_buf_detach(w->buf, &n);
			bi_strv_push_len(&w->list, x, n);
			w->in_word = false;
		}
	} else if (!bi_go_isspace(ch)) {
		add_raw_char(w, ch);
	}
}

static void add_string(struct words *w, struct bi_span s)
{
	size_t i = 0, n;

	while (i < s.len) {
		uint32_t r = bi_go_decode(s.ptr + i, s.len - i, &n);
		i += n;
		add_char(w, r);
	}
}

static void add_raw_string(struct words *w, struct bi_span s)
{
	bi_buf_addspan(w->buf, s);
	w->in_word = true;
}

static void get_words(struct words *w)
{
	if (w->buf->len) {
		size_t n;
		char *x = bi_buf_detach(w->buf, &n);
		bi_strv_push_len(&w->list, x, n);
		w->in_word = false;
	}
}

static int fail(struct sw *s, const char *msg)
{
	return bi_err_set(s->err, BI_EFORMAT, "%s", msg);
}

static int process_stop_on(struct sw *s, uint32_t stop, bool raw_escapes, struct bi_buf *result,
			   struct bi_strv *ret_words);
static int process_dollar(struct sw *s, struct bi_buf *out);

static int check_len(struct sw *s, const struct bi_buf *b)
{
	if (s->o->max_len && b->len > s->o->max_len)
		return bi_err_set(s->err, BI_ELIMIT, "expansion longer than %zu bytes",
				  s->o->max_len);
	return 0;
}

static int process_single_quote(struct sw *s, struct bi_buf *out)
{
	uint32_t ch = next(s);

	if (s->o->raw_quotes)
		bi_go_put_rune(out, ch);
	for (;;) {
		ch = next(s);
		if (ch == EOF_RUNE)
			return fail(s, "unexpected end of statement while looking for matching "
				       "single-quote");
		if (ch == '\'') {
			if (s->o->raw_quotes)
				bi_go_put_rune(out, ch);
			return 0;
		}
		bi_go_put_rune(out, ch);
	}
}

static int process_double_quote(struct sw *s, struct bi_buf *out)
{
	uint32_t ch = next(s);
	int r;

	if (s->o->raw_quotes)
		bi_go_put_rune(out, ch);
	for (;;) {
		uint32_t p = peek(s);
		if (p == EOF_RUNE)
			return fail(s, "unexpected end of statement while looking for matching "
				       "double-quote");
		if (p == '"') {
			ch = next(s);
			if (s->o->raw_quotes)
				bi_go_put_rune(out, ch);
			return 0;
		}
		if (p == '$') {
			r = process_dollar(s, out);
			if (r < 0)
				return r;
			continue;
		}
		ch = next(s);
		if (ch == s->o->escape) {
			uint32_t q;
			if (s->raw_escapes)
				bi_go_put_rune(out, ch);
			q = peek(s);
			if (q == EOF_RUNE)
				continue;
			if (q == '"' || q == '$' || q == s->o->escape)
				ch = next(s);
		}
		bi_go_put_rune(out, ch);
		r = check_len(s, out);
		if (r < 0)
			return r;
	}
}

static bool is_special_param(uint32_t ch)
{
	return ch == '@' || ch == '*' || ch == '#' || ch == '?' || ch == '-' || ch == '$' ||
	       ch == '!' || ch == '0';
}

static void process_name(struct sw *s, struct bi_buf *name)
{
	while (peek(s) != EOF_RUNE) {
		uint32_t ch = peek(s);
		if (name->len == 0 && bi_go_isdigit(ch)) {
			while (peek(s) != EOF_RUNE && bi_go_isdigit(peek(s)))
				bi_go_put_rune(name, next(s));
			return;
		}
		if (name->len == 0 && is_special_param(ch)) {
			bi_go_put_rune(name, next(s));
			return;
		}
		if (!bi_go_isletter(ch) && !bi_go_isdigit(ch) && ch != '_')
			return;
		bi_go_put_rune(name, next(s));
	}
}

/*
 * The value of name, or NULL when unset; `record` adds an unset name to the
 * unresolved list (plain $V and ${V}: a default or alternative resolves it).
 */
static const char *get_env(struct sw *s, const struct bi_buf *name, bool record)
{
	const char *v = s->o->lookup ? s->o->lookup(s->o->ctx, bi_buf_span(name)) : NULL;
	struct bi_strv *u = s->o->unresolved;

	if (!v && u && record) {
		bool seen = false;
		for (size_t i = 0; i < u->n && !seen; i++)
			seen = strcmp(u->v[i], name->buf) == 0;
		if (!seen && u->n < 1024)
			bi_strv_push(u, bi_xstrdup(name->buf));
	}
	return v;
}

/* Shell-pattern prefix/suffix removal (${V#p} ${V%p}), wildcards * and ?. */
static bool glob_match(const char *p, size_t pn, const char *s, size_t sn)
{
	size_t pi = 0, si = 0, star = SIZE_MAX, mark = 0;

	while (si < sn) {
		if (pi < pn && p[pi] == '\\' && pi + 1 < pn && p[pi + 1] == s[si]) {
			pi += 2;
			si++;
		} else if (pi < pn &&
			   (p[pi] == '?' || (p[pi] == s[si] && p[pi] != '*' && p[pi] != '\\'))) {
			pi++;
			si++;
		} else if (pi < pn && p[pi] == '*') {
			star = pi++;
			mark = si;
		} else if (star != SIZE_MAX) {
			pi = star + 1;
			si = ++mark;
		} else {
			return false;
		}
	}
	while (pi < pn && p[pi] == '*')
		pi++;
	return pi == pn;
}

static void trim_pattern(struct bi_buf *out, const char *v, const char *pat, bool suffix,
			 bool greedy)
{
	size_t vn = strlen(v), pn = strlen(pat), best = SIZE_MAX;

	/* Bounded so that a hostile pattern cannot make this quadratic blow up. */
	if (vn <= 512 && pn <= 64) {
		for (size_t k = 0; k <= vn; k++) {
			size_t n = greedy ? vn - k : k;
			const char *start = suffix ? v + vn - n : v;
			if (glob_match(pat, pn, start, n)) {
				best = n;
				break;
			}
		}
	}
	if (best == SIZE_MAX)
		bi_buf_adds(out, v);
	else if (suffix)
		bi_buf_add(out, v, vn - best);
	else
		bi_buf_adds(out, v + best);
}

/* ${V/pat/repl} and ${V//pat/repl}: glob replacement, first or every match. */
static void replace_glob(struct bi_buf *out, const char *v, const char *pat, const char *rep,
			 bool all)
{
	size_t vn = strlen(v), pn = strlen(pat), i = 0;
	bool done = false;

	if (vn > 512 || pn > 64 || !pn) {
		bi_buf_adds(out, v);
		return;
	}
	while (i <= vn) {
		size_t best = SIZE_MAX;
		if (!done)
			for (size_t n = vn - i + 1; n-- > 0;)
				if (glob_match(pat, pn, v + i, n)) {
					best = n;
					break;
				}
		if (best == SIZE_MAX) {
			if (i < vn)
				bi_buf_addch(out, v[i]);
			i++;
			continue;
		}
		bi_buf_adds(out, rep);
		if (!all)
			done = true;
		if (best == 0) {
			if (i < vn)
				bi_buf_addch(out, v[i]);
			i++;
		} else {
			i += best;
		}
	}
}

static int process_replace(struct sw *s, const struct bi_buf *name, struct bi_buf *out)
{
	_cleanup_(bi_buf_release) struct bi_buf pat = BI_BUF_INIT(BI_BUF_NOLIMIT);
	_cleanup_(bi_buf_release) struct bi_buf rep = BI_BUF_INIT(BI_BUF_NOLIMIT);
	bool all = peek(s) == '/';
	const char *v;
	int r;

	if (all)
		next(s);
	if (s->depth >= BI_DF_MAX_SUBST_DEPTH)
		return bi_err_set(s->err, BI_ELIMIT, "substitutions nested too deeply");
	s->depth++;
	r = process_stop_on(s, '/', true, &pat, NULL);
	if (r < 0) {
		s->depth--;
		if (peek(s) == EOF_RUNE) {
			if (s->err)
				bi_err_freep(s->err);
			return fail(s, "syntax error: missing '/' in ${}");
		}
		return r;
	}
	r = process_stop_on(s, '}', true, &rep, NULL);
	s->depth--;
	if (r < 0) {
		if (peek(s) == EOF_RUNE) {
			if (s->err)
				bi_err_freep(s->err);
			return fail(s, "syntax error: missing '}'");
		}
		return r;
	}
	v = get_env(s, name, false);
	if (!v && s->o->skip_unset) {
		bi_buf_addf(out, "${%s/%s/%s}", name->buf, pat.buf, rep.buf);
		return 0;
	}
	replace_glob(out, v ? v : "", pat.buf, rep.buf, all);
	return 0;
}

static int process_dollar_curly(struct sw *s, struct bi_buf *out)
{
	_cleanup_(bi_buf_release) struct bi_buf name = BI_BUF_INIT(BI_BUF_NOLIMIT);
	_cleanup_(bi_buf_release) struct bi_buf word = BI_BUF_INIT(BI_BUF_NOLIMIT);
	_cleanup_(bi_buf_release) struct bi_buf chs = BI_BUF_INIT(BI_BUF_NOLIMIT);
	bool null_is_unset = false;
	const char *v;
	uint32_t ch, p = peek(s);
	int r;

	if (p == EOF_RUNE)
		return fail(s, "syntax error: missing '}'");
	if (p == '{' || p == '}' || p == ':')
		return fail(s, "syntax error: bad substitution");
	process_name(s, &name);
	ch = next(s);
	bi_go_put_rune(&chs, ch == EOF_RUNE ? BI_RUNE_ERROR : ch);
	if (ch == '}') {
		v = get_env(s, &name, true);
		if (!v && s->o->skip_unset)
			bi_buf_addf(out, "${%s}", name.buf);
		else if (v)
			bi_buf_adds(out, v);
		return 0;
	}
	if (ch == '/')
		return process_replace(s, &name, out);
	if (ch == ':') {
		null_is_unset = true;
		ch = next(s);
		bi_go_put_rune(&chs, ch == EOF_RUNE ? BI_RUNE_ERROR : ch);
	} else if (ch != '+' && ch != '-' && ch != '?' && ch != '#' && ch != '%') {
		return bi_err_set(s->err, BI_EFORMAT, "unsupported modifier (%s) in substitution",
				  chs.buf);
	}
	{
		bool raw = ch == '#' || ch == '%';
		if (null_is_unset && raw)
			return bi_err_set(s->err, BI_EFORMAT,
					  "unsupported modifier (%s) in substitution", chs.buf);
		if (s->depth >= BI_DF_MAX_SUBST_DEPTH)
			return bi_err_set(s->err, BI_ELIMIT, "substitutions nested too deeply");
		s->depth++;
		r = process_stop_on(s, '}', raw, &word, NULL);
		s->depth--;
		if (r < 0) {
			if (peek(s) == EOF_RUNE) {
				if (s->err)
					bi_err_freep(s->err);
				return fail(s, "syntax error: missing '}'");
			}
			return r;
		}
	}
	v = get_env(s, &name, ch == '?');
	if (!v && s->o->skip_unset) {
		bi_buf_addf(out, "${%s%s%s}", name.buf, chs.buf, word.buf);
		return 0;
	}
	switch (ch) {
	case '-':
		bi_buf_adds(out, (!v || (null_is_unset && !*v)) ? word.buf : v);
		return 0;
	case '+':
		if (!(!v || (null_is_unset && !*v)))
			bi_buf_adds(out, word.buf);
		return 0;
	case '?':
		if (!v)
			return bi_err_set(s->err, BI_EFORMAT, "%s: %s", name.buf,
					  word.len ? word.buf : "is not allowed to be unset");
		if (null_is_unset && !*v)
			return bi_err_set(s->err, BI_EFORMAT, "%s: %s", name.buf,
					  word.len ? word.buf : "is not allowed to be empty");
		bi_buf_adds(out, v);
		return 0;
	case '#':
	case '%': {
		const char *pat = word.buf;
		bool greedy = false;
		if (*pat == (char)ch) {
			greedy = true;
			pat++;
		}
		trim_pattern(out, v ? v : "", pat, ch == '%', greedy);
		return 0;
	}
	default:
		return bi_err_set(s->err, BI_EFORMAT, "unsupported modifier (%s) in substitution",
				  chs.buf);
	}
}

static int process_dollar(struct sw *s, struct bi_buf *out)
{
	_cleanup_(bi_buf_release) struct bi_buf name = BI_BUF_INIT(BI_BUF_NOLIMIT);
	const char *v;
	int r;

	next(s);
	if (peek(s) == '{') {
		next(s);
		r = process_dollar_curly(s, out);
		return r < 0 ? r : check_len(s, out);
	}
	process_name(s, &name);
	if (!name.len) {
		bi_buf_addch(out, '$');
		return 0;
	}
	v = get_env(s, &name, true);
	if (!v && s->o->skip_unset)
		bi_buf_addf(out, "$%s", name.buf);
	else if (v)
		bi_buf_adds(out, v);
	return check_len(s, out);
}

static int process_stop_on(struct sw *s, uint32_t stop, bool raw_escapes, struct bi_buf *result,
			   struct bi_strv *ret_words)
{
	struct words w = { &s->wbuf, { 0 }, false };
	bool saved = s->raw_escapes;
	int r = 0;

	bi_buf_reset(&s->wbuf);
	s->raw_escapes = raw_escapes;
	while (peek(s) != EOF_RUNE) {
		uint32_t ch = peek(s);
		if (stop != EOF_RUNE && ch == stop) {
			next(s);
			get_words(&w);
			goto out;
		}
		if (ch == '$' || ch == '\'' || ch == '"') {
			_cleanup_(bi_buf_release) struct bi_buf tmp = BI_BUF_INIT(BI_BUF_NOLIMIT);
			r = ch == '$'  ? process_dollar(s, &tmp) :
			    ch == '\'' ? process_single_quote(s, &tmp) :
					 process_double_quote(s, &tmp);
			if (r < 0)
				goto out;
			bi_buf_addspan(result, bi_buf_span(&tmp));
			if (ch == '$')
				add_string(&w, bi_buf_span(&tmp));
			else
				add_raw_string(&w, bi_buf_span(&tmp));
		} else {
			ch = next(s);
			if (ch == s->o->escape) {
				if (s->raw_escapes) {
					add_raw_char(&w, ch);
					bi_go_put_rune(result, ch);
				}
				ch = next(s);
				if (ch == EOF_RUNE)
					break;
				add_raw_char(&w, ch);
			} else {
				add_char(&w, ch);
			}
			bi_go_put_rune(result, ch);
		}
		r = check_len(s, result);
		if (r < 0)
			goto out;
	}
	if (stop != EOF_RUNE) {
		r = bi_err_set(s->err, BI_EFORMAT,
			       "unexpected end of statement while looking for matching %c",
			       (char)stop);
		goto out;
	}
	get_words(&w);
out:
	s->raw_escapes = saved;
	if (r == 0 && ret_words) {
		*ret_words = w.list;
		w.list = (struct bi_strv){ 0 };
	}
	bi_strv_release(&w.list);
	return r;
}

int bi_df__shlex(struct bi_span src, const struct bi_shlex_opts *o, char **ret_word,
		 struct bi_strv *ret_words, struct bi_err **err)
{
	struct sw s = { o, src, 0, o->raw_escapes, 0, BI_BUF_INIT(BI_BUF_NOLIMIT), err };
	_cleanup_(bi_buf_release) struct bi_buf result = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct bi_strv words = { 0 };
	size_t w;
	int r;

	/* text/scanner skips a byte-order mark at the start. */
	if (src.len && bi_go_decode(src.ptr, src.len, &w) == 0xFEFF)
		s.pos = w;
	r = process_stop_on(&s, EOF_RUNE, o->raw_escapes, &result, &words);
	bi_buf_release(&s.wbuf);
	if (r < 0)
		return r;
	if (ret_word)
		*ret_word = bi_buf_detach(&result, NULL);
	if (ret_words)
		*ret_words = words;
	else
		bi_strv_release(&words);
	return 0;
}
