/* SPDX-License-Identifier: MIT */
/* The RUN tokenizer (see shell.h). */
#include "util/common.h"

#include "lint/shell.h"

struct lexer {
	struct bi_sh_script *s;
	struct bi_buf word;
	bool in_word;	/* a word is open (even an empty quoted one) */
	bool skip_next; /* the next word is a redirection target */
	char **words;
	size_t n, alloc;
	int depth;
};

void bi_sh_script_release(struct bi_sh_script *s)
{
	for (size_t i = 0; i < s->n; i++) {
		for (size_t j = 0; j < s->cmds[i].n; j++)
			free(s->cmds[i].words[j]);
		free(s->cmds[i].words);
	}
	free(s->cmds);
	memset(s, 0, sizeof(*s));
}

const char *bi_sh_basename(const char *word)
{
	const char *slash = strrchr(word, '/');
	return slash ? slash + 1 : word;
}

bool bi_sh_is_shell(const char *word)
{
	static const char *const shells[] = { "sh",   "bash", "ash",	 "dash", "zsh",	 "ksh",
					      "mksh", "fish", "busybox", "csh",	 "tcsh", "pwsh" };
	const char *b = bi_sh_basename(word);

	for (size_t i = 0; i < BI_ARRAY_SIZE(shells); i++)
		if (strcmp(b, shells[i]) == 0)
			return true;
	return false;
}

bool bi_sh_assignment(const char *word, struct bi_span *ret_name, struct bi_span *ret_value)
{
	const char *eq = strchr(word, '=');

	if (!eq || eq == word || !(isalpha((unsigned char)word[0]) || word[0] == '_'))
		return false;
	for (const char *p = word; p < eq; p++)
		if (!isalnum((unsigned char)*p) && *p != '_')
			return false;
	if (ret_name)
		*ret_name = bi_span_make(word, (size_t)(eq - word));
	if (ret_value)
		*ret_value = bi_span_str(eq + 1);
	return true;
}

static void add_cmd(struct bi_sh_script *s, char **words, size_t n, int depth);

/* `sh -c SCRIPT ...` / `bash -ec SCRIPT`: the index of SCRIPT, or 0. */
static size_t shell_c_script(char **words, size_t n)
{
	if (n < 3 || !bi_sh_is_shell(words[0]))
		return 0;
	size_t i = 1;
	if (strcmp(bi_sh_basename(words[0]), "busybox") == 0) {
		if (strcmp(words[1], "sh") != 0 && strcmp(words[1], "ash") != 0)
			return 0;
		i = 2;
	}
	for (; i < n; i++) {
		const char *w = words[i];
		size_t len = strlen(w);
		if ((w[0] != '-' && w[0] != '+') || w[1] == '-')
			return 0;
		if (strchr(w, 'c'))
			return i + 1 < n ? i + 1 : 0;
		if (w[len - 1] == 'o' || w[len - 1] == 'O')
			i++; /* -o pipefail */
	}
	return 0;
}

static void parse_depth(struct bi_span text, struct bi_sh_script *s, int depth);

static void add_cmd(struct bi_sh_script *s, char **words, size_t n, int depth)
{
	size_t script;

	if (n == 0) {
		free(words);
		return;
	}
	script = shell_c_script(words, n);
	if (script && depth < BI_SH_MAX_DEPTH) {
		parse_depth(bi_span_str(words[script]), s, depth + 1);
		for (size_t i = 0; i < n; i++)
			free(words[i]);
		free(words);
		return;
	}
	if (s->n >= BI_SH_MAX_CMDS) {
		for (size_t i = 0; i < n; i++)
			free(words[i]);
		free(words);
		return;
	}
	BI_ALLOC_GROW(s->cmds, s->n + 1, s->alloc);
	s->cmds[s->n++] = (struct bi_sh_cmd){ .words = words, .n = n };
}

static void end_word(struct lexer *lx)
{
	if (!lx->in_word)
		return;
	lx->in_word = false;
	if (lx->skip_next) {
		lx->skip_next = false;
		bi_buf_reset(&lx->word);
		return;
	}
	if (lx->n < BI_SH_MAX_WORDS) {
		BI_ALLOC_GROW(lx->words, lx->n + 1, lx->alloc);
		lx->words[lx->n++] = bi_buf_detach(&lx->word, NULL);
	}
	bi_buf_reset(&lx->word);
}

static void end_cmd(struct lexer *lx)
{
	end_word(lx);
	lx->skip_next = false;
	add_cmd(lx->s, lx->words, lx->n, lx->depth);
	lx->words = NULL;
	lx->n = lx->alloc = 0;
}

static void addch(struct lexer *lx, char c)
{
	lx->in_word = true;
	bi_buf_addch(&lx->word, c);
}

/* Copy a balanced $( ... ) or ${ ... } verbatim; i points at '$'. */
static size_t nested(struct lexer *lx, struct bi_span t, size_t i)
{
	char open = t.ptr[i + 1], close = open == '(' ? ')' : '}';
	int level = 0;
	char q = 0;

	for (; i < t.len; i++) {
		char c = t.ptr[i];

		addch(lx, c);
		if (q) {
			if (c == q)
				q = 0;
			else if (c == '\\' && q == '"' && i + 1 < t.len)
				addch(lx, t.ptr[++i]);
			continue;
		}
		if (c == '\'' || c == '"')
			q = c;
		else if (c == '\\' && i + 1 < t.len)
			addch(lx, t.ptr[++i]);
		else if (c == open)
			level++;
		else if (c == close && --level == 0)
			return i;
	}
	return i;
}

static void parse_depth(struct bi_span t, struct bi_sh_script *s, int depth)
{
	struct lexer lx = { .s = s, .depth = depth };
	size_t i;

	bi_buf_init(&lx.word, BI_BUF_NOLIMIT);
	for (i = 0; i < t.len; i++) {
		char c = t.ptr[i];

		switch (c) {
		case ' ':
		case '\t':
		case '\r':
			end_word(&lx);
			break;
		case '\n':
		case ';':
		case '&':
		case '|':
		case '(':
		case ')':
			end_cmd(&lx);
			break;
		case '\\':
			if (i + 1 < t.len && t.ptr[i + 1] == '\n')
				i++;
			else if (i + 1 < t.len && t.ptr[i + 1] == '\r' && i + 2 < t.len &&
				 t.ptr[i + 2] == '\n')
				i += 2;
			else if (i + 1 < t.len)
				addch(&lx, t.ptr[++i]);
			break;
		case '\'':
			lx.in_word = true;
			for (i++; i < t.len && t.ptr[i] != '\''; i++)
				addch(&lx, t.ptr[i]);
			break;
		case '"':
			lx.in_word = true;
			for (i++; i < t.len && t.ptr[i] != '"'; i++) {
				if (t.ptr[i] == '\\' && i + 1 < t.len &&
				    strchr("\"\\$`\n", t.ptr[i + 1])) {
					if (t.ptr[i + 1] != '\n')
						addch(&lx, t.ptr[i + 1]);
					i++;
				} else {
					addch(&lx, t.ptr[i]);
				}
			}
			break;
		case '`':
			addch(&lx, c);
			for (i++; i < t.len && t.ptr[i] != '`'; i++)
				addch(&lx, t.ptr[i]);
			if (i < t.len)
				addch(&lx, '`');
			break;
		case '#':
			if (lx.in_word) {
				addch(&lx, c);
				break;
			}
			while (i + 1 < t.len && t.ptr[i + 1] != '\n')
				i++;
			break;
		case '$':
			if (i + 1 < t.len && (t.ptr[i + 1] == '(' || t.ptr[i + 1] == '{'))
				i = nested(&lx, t, i);
			else
				addch(&lx, c);
			break;
		case '<':
		case '>': {
			/* A redirection: drop an fd number before it, the operator and its target.
			 */
			bool fd = lx.in_word && lx.word.len > 0;
			for (size_t k = 0; fd && k < lx.word.len; k++)
				if (!isdigit((unsigned char)lx.word.buf[k]))
					fd = false;
			if (fd) {
				bi_buf_reset(&lx.word);
				lx.in_word = false;
			} else {
				end_word(&lx);
			}
			while (i + 1 < t.len && strchr("<>&|-", t.ptr[i + 1]))
				i++;
			/* "2>&1": the target is a number glued to the operator. */
			if (t.ptr[i] == '&' && i + 1 < t.len &&
			    isdigit((unsigned char)t.ptr[i + 1])) {
				while (i + 1 < t.len && isdigit((unsigned char)t.ptr[i + 1]))
					i++;
				break;
			}
			lx.skip_next = true;
			break;
		}
		default:
			addch(&lx, c);
			break;
		}
	}
	end_cmd(&lx);
	free(lx.words);
	bi_buf_release(&lx.word);
}

void bi_sh_parse(struct bi_span text, struct bi_sh_script *s)
{
	parse_depth(text, s, 0);
}

void bi_sh_add_argv(struct bi_sh_script *s, char *const *argv, size_t argc)
{
	char **words;

	if (argc == 0)
		return;
	if (argc > BI_SH_MAX_WORDS)
		argc = BI_SH_MAX_WORDS;
	words = bi_xcalloc(argc, sizeof(*words));
	for (size_t i = 0; i < argc; i++)
		words[i] = bi_xstrdup(argv[i]);
	add_cmd(s, words, argc, 0);
}
