/* SPDX-License-Identifier: MIT */
/*
 * .baseimg.yaml: a small YAML subset (docs/config.md). Top-level keys only:
 *   ignored: [BI104, BI103]          or a block list ("- BI104")
 *   severity: {BI104: error}         or a block map ("  BI104: error")
 *   require-digest: true
 *   trusted-registries: [docker.io]  or a block list
 * Comments (#), blank lines, a leading "---" and quoted scalars are accepted;
 * anything else is an error naming the file and line.
 */
#include <libgen.h>

#include "util/common.h"

#include "lint/lint.h"

enum key {
	KEY_NONE,
	KEY_IGNORED,
	KEY_SEVERITY,
	KEY_REQUIRE_DIGEST,
	KEY_TRUSTED,
	KEY__MAX,
};

static const char *const key_names[KEY__MAX] = {
	[KEY_IGNORED] = "ignored",
	[KEY_SEVERITY] = "severity",
	[KEY_REQUIRE_DIGEST] = "require-digest",
	[KEY_TRUSTED] = "trusted-registries",
};

struct cparse {
	struct bi_lint_config *c;
	const char *name;
	int line;
	bool seen[KEY__MAX];
	struct bi_err **err;
};

void bi_lint_config_init(struct bi_lint_config *c)
{
	memset(c, 0, sizeof(*c));
}

void bi_lint_config_release(struct bi_lint_config *c)
{
	for (size_t i = 0; i < c->ntrusted; i++)
		free(c->trusted[i]);
	free(c->trusted);
	free(c->path);
	bi_lint_config_init(c);
}

__attribute__((format(printf, 2, 3))) static int fail(struct cparse *p, const char *fmt, ...)
{
	va_list ap;
	_cleanup_free_ char *msg = NULL;

	va_start(ap, fmt);
	msg = bi_xvasprintf(fmt, ap);
	va_end(ap);
	return bi_err_set(p->err, BI_EFORMAT, "%s:%d: %s", p->name, p->line, msg);
}

/* Drop a comment: "#" at the start or after a blank, outside quotes. */
static struct bi_span strip_comment(struct bi_span s)
{
	char q = 0;

	for (size_t i = 0; i < s.len; i++) {
		char ch = s.ptr[i];

		if (q) {
			if (ch == q)
				q = 0;
		} else if (ch == '\'' || ch == '"') {
			q = ch;
		} else if (ch == '#' && (i == 0 || s.ptr[i - 1] == ' ' || s.ptr[i - 1] == '\t')) {
			return bi_span_make(s.ptr, i);
		}
	}
	return s;
}

/* Unquote a scalar: 'x', "x" or plain. */
static int scalar(struct cparse *p, struct bi_span s, struct bi_span *ret)
{
	s = bi_span_trim(s);
	if (s.len && (s.ptr[0] == '\'' || s.ptr[0] == '"')) {
		if (s.len < 2 || s.ptr[s.len - 1] != s.ptr[0])
			return fail(p, "unterminated quoted string");
		s = bi_span_sub(s, 1, s.len - 2);
		if (bi_span_find_char(s, '\\') >= 0 || bi_span_find_char(s, s.ptr[-1]) >= 0)
			return fail(p, "escapes in quoted strings are not supported");
	} else if (s.len && strchr("[]{}&*!|>%@`", s.ptr[0])) {
		return fail(p, "unexpected '%c'", s.ptr[0]);
	}
	*ret = s;
	return 0;
}

static int add_rule_ref(struct cparse *p, struct bi_span v, int *ret_rule)
{
	int rule = bi_lint_rule_from_id(v);

	if (rule < 0)
		return fail(p, "unknown rule '" BI_SPAN_FMT "' (expected BI100..BI113)",
			    BI_SPAN_ARG(v));
	*ret_rule = rule;
	return 0;
}

static int list_item(struct cparse *p, enum key k, struct bi_span raw)
{
	struct bi_span v;
	int r, rule = 0;

	r = scalar(p, raw, &v);
	if (r < 0)
		return r;
	if (v.len == 0)
		return fail(p, "empty list item");
	switch (k) {
	case KEY_IGNORED:
		r = add_rule_ref(p, v, &rule);
		if (r < 0)
			return r;
		p->c->ignored[rule] = true;
		return 0;
	case KEY_TRUSTED:
		if (p->c->ntrusted >= BI_LINT_MAX_TRUSTED)
			return bi_err_set(p->err, BI_ELIMIT,
					  "%s:%d: more than %d trusted registries", p->name,
					  p->line, BI_LINT_MAX_TRUSTED);
		if (v.len > 255 || bi_span_find_char(v, ' ') >= 0)
			return fail(p, "invalid registry '" BI_SPAN_FMT "'", BI_SPAN_ARG(v));
		p->c->trusted =
			bi_xreallocarray(p->c->trusted, p->c->ntrusted + 1, sizeof(*p->c->trusted));
		p->c->trusted[p->c->ntrusted++] = bi_span_dup(v);
		return 0;
	case KEY_NONE:
	case KEY_SEVERITY:
	case KEY_REQUIRE_DIGEST:
	case KEY__MAX:
		break;
	}
	return fail(p, "'%s' takes a mapping, not a list", key_names[k]);
}

static int map_item(struct cparse *p, enum key k, struct bi_span raw)
{
	struct bi_span kk, vv, ks, vs;
	enum bi_severity lvl;
	int r, rule = 0;

	if (k != KEY_SEVERITY)
		return fail(p, "'%s' takes a list, not a mapping", key_names[k]);
	if (!bi_span_cut(raw, ':', &kk, &vv))
		return fail(p, "expected 'RULE: severity'");
	r = scalar(p, kk, &ks);
	if (r < 0)
		return r;
	r = scalar(p, vv, &vs);
	if (r < 0)
		return r;
	r = add_rule_ref(p, ks, &rule);
	if (r < 0)
		return r;
	if (bi_span_ieq_str(vs, "off") || bi_span_ieq_str(vs, "none")) {
		p->c->ignored[rule] = true;
		return 0;
	}
	if (!bi_severity_parse_level(vs, false, &lvl))
		return fail(p,
			    "unknown severity '" BI_SPAN_FMT "' (expected error, warning, "
			    "note or off)",
			    BI_SPAN_ARG(vs));
	p->c->severity_set[rule] = true;
	p->c->severity[rule] = lvl;
	return 0;
}

/* "[a, b]" or "{a: b}": split on commas. */
static int flow(struct cparse *p, enum key k, struct bi_span v)
{
	bool is_map = v.ptr[0] == '{';
	char close = is_map ? '}' : ']';
	struct bi_span inner, item;
	int r;

	if (v.ptr[v.len - 1] != close)
		return fail(p, "unterminated %s (flow collections must fit on one line)",
			    is_map ? "mapping" : "list");
	inner = bi_span_trim(bi_span_sub(v, 1, v.len - 2));
	if (inner.len == 0)
		return 0;
	while (bi_span_split(&inner, ',', &item)) {
		item = bi_span_trim(item);
		if (item.len == 0)
			return fail(p, "empty item in %s", is_map ? "mapping" : "list");
		r = is_map ? map_item(p, k, item) : list_item(p, k, item);
		if (r < 0)
			return r;
	}
	return 0;
}

static int top_value(struct cparse *p, enum key k, struct bi_span v)
{
	struct bi_span s;
	int r;

	if (v.ptr[0] == '[' || v.ptr[0] == '{')
		return flow(p, k, v);
	r = scalar(p, v, &s);
	if (r < 0)
		return r;
	if (k != KEY_REQUIRE_DIGEST)
		return fail(p, "'%s' takes a %s", key_names[k],
			    k == KEY_SEVERITY ? "mapping" : "list");
	if (bi_span_eq_str(s, "true") || bi_span_eq_str(s, "yes") || bi_span_eq_str(s, "on"))
		p->c->require_digest = true;
	else if (bi_span_eq_str(s, "false") || bi_span_eq_str(s, "no") || bi_span_eq_str(s, "off"))
		p->c->require_digest = false;
	else
		return fail(p, "require-digest takes true or false, not '" BI_SPAN_FMT "'",
			    BI_SPAN_ARG(s));
	return 0;
}

int bi_lint_config_parse(struct bi_span text, const char *name, struct bi_lint_config *c,
			 struct bi_err **err)
{
	struct cparse p = { .c = c, .name = name, .err = err };
	struct bi_span line;
	enum key block = KEY_NONE;
	int block_indent = -1;
	int r;

	if (text.len > BI_MAX_CONFIG_FILE)
		return bi_err_set(err, BI_ELIMIT, "%s: larger than %zu bytes", name,
				  (size_t)BI_MAX_CONFIG_FILE);
	if (bi_span_starts_with(text, "\xef\xbb\xbf"))
		text = bi_span_sub(text, 3, text.len - 3);
	while (bi_span_next_line(&text, &line)) {
		size_t indent = 0;
		struct bi_span body, key, val;
		enum key k = KEY_NONE;

		p.line++;
		if (memchr(line.ptr, '\0', line.len))
			return fail(&p, "NUL byte");
		while (indent < line.len && line.ptr[indent] == ' ')
			indent++;
		body = strip_comment(bi_span_sub(line, indent, line.len - indent));
		while (body.len &&
		       (body.ptr[body.len - 1] == ' ' || body.ptr[body.len - 1] == '\t'))
			body.len--;
		if (body.len == 0)
			continue;
		if (body.ptr[0] == '\t')
			return fail(&p, "tabs are not allowed for indentation");
		if (indent == 0 && p.line == 1 && bi_span_eq_str(body, "---"))
			continue;
		if (indent > 0) {
			if (block == KEY_NONE)
				return fail(&p, "unexpected indentation");
			if (block_indent < 0)
				block_indent = (int)indent;
			else if ((int)indent != block_indent)
				return fail(&p, "inconsistent indentation");
			if (bi_span_eq_str(body, "-") || bi_span_starts_with(body, "- "))
				r = list_item(&p, block, bi_span_sub(body, 1, body.len - 1));
			else
				r = map_item(&p, block, body);
			if (r < 0)
				return r;
			continue;
		}
		if (bi_span_eq_str(body, "-") || bi_span_starts_with(body, "- ")) {
			/* YAML allows a block list at the key's own indentation. */
			if (block == KEY_NONE || (block_indent > 0))
				return fail(&p, "a list item needs a key above it");
			block_indent = 0;
			r = list_item(&p, block, bi_span_sub(body, 1, body.len - 1));
			if (r < 0)
				return r;
			continue;
		}
		if (!bi_span_cut(body, ':', &key, &val))
			return fail(&p, "expected 'key: value'");
		key = bi_span_trim(key);
		for (int i = 1; i < KEY__MAX; i++)
			if (bi_span_eq_str(key, key_names[i]))
				k = (enum key)i;
		if (k == KEY_NONE)
			return fail(&p,
				    "unknown key '" BI_SPAN_FMT
				    "' (expected ignored, severity, require-digest or "
				    "trusted-registries)",
				    BI_SPAN_ARG(key));
		if (p.seen[k])
			return fail(&p, "duplicate key '%s'", key_names[k]);
		p.seen[k] = true;
		val = bi_span_trim(val);
		block = KEY_NONE;
		block_indent = -1;
		if (val.len == 0) {
			if (k == KEY_REQUIRE_DIGEST)
				return fail(&p, "require-digest needs a value (true or false)");
			block = k;
			if (k == KEY_TRUSTED && !c->trusted)
				c->trusted = bi_xcalloc(1, sizeof(*c->trusted));
			continue;
		}
		if (k == KEY_TRUSTED && !c->trusted)
			c->trusted = bi_xcalloc(1, sizeof(*c->trusted));
		r = top_value(&p, k, val);
		if (r < 0)
			return r;
	}
	return 0;
}

int bi_lint_config_load(const char *path, struct bi_lint_config *c, struct bi_err **err)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MAX_CONFIG_FILE);
	int r;

	r = bi_buf_read_file(&b, path, err);
	if (r < 0)
		return r;
	r = bi_lint_config_parse(bi_buf_span(&b), path, c, err);
	if (r < 0)
		return r;
	free(c->path);
	c->path = bi_xstrdup(path);
	return 0;
}

int bi_lint_config_find(const char *dockerfile_path, char **ret_path, struct bi_err **err)
{
	_cleanup_free_ char *dir = NULL;
	char cwd[BI_MAX_PATH];
	struct stat st;

	if (strcmp(dockerfile_path, "-") == 0 || !strchr(dockerfile_path, '/')) {
		if (!getcwd(cwd, sizeof(cwd)))
			return bi_err_set_errno(err, BI_EIO, errno, "getcwd");
		dir = bi_xstrdup(cwd);
	} else if (dockerfile_path[0] == '/') {
		dir = bi_xstrdup(dockerfile_path);
		*strrchr(dir, '/') = '\0';
	} else {
		if (!getcwd(cwd, sizeof(cwd)))
			return bi_err_set_errno(err, BI_EIO, errno, "getcwd");
		dir = bi_xasprintf("%s/%s", cwd, dockerfile_path);
		*strrchr(dir, '/') = '\0';
	}
	for (;;) {
		static const char *const names[] = { ".baseimg.yaml", ".baseimg.yml" };

		for (size_t i = 0; i < BI_ARRAY_SIZE(names); i++) {
			char *cand = bi_xasprintf("%s/%s", dir, names[i]);

			if (stat(cand, &st) == 0 && S_ISREG(st.st_mode)) {
				*ret_path = cand;
				return 0;
			}
			free(cand);
		}
		char *slash = strrchr(dir, '/');
		if (!slash || dir[0] == '\0')
			break;
		*slash = '\0';
	}
	*ret_path = NULL;
	return 0;
}
