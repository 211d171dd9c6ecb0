/* SPDX-License-Identifier: MIT */
/*
 * Loading the knowledge base: the line format of data/kb/images.kb
 * (docs/knowledge-base.md). Sections "[kind NAME]"; inside, "key = value"
 * lines and rows of whitespace-separated words. Errors name the line.
 */
#include "util/common.h"

#include "kb/kb_internal.h"

#define MAX_WORDS 64

extern const char bi_kb_builtin[];
extern const size_t bi_kb_builtin_len;

enum sec_kind {
	SEC_NONE,
	SEC_META,
	SEC_OS,
	SEC_FAMILY,
	SEC_MIRRORS,
	SEC_LIST,
	SEC__MAX,
};

const char *bi_class_name(enum bi_class c)
{
	switch (c) {
	case BI_CLASS_SCRATCH:
		return "scratch";
	case BI_CLASS_DISTROLESS:
		return "distroless";
	case BI_CLASS_ALPINE:
		return "alpine";
	case BI_CLASS_SLIM:
		return "slim";
	case BI_CLASS_FULL:
		return "full";
	case BI_CLASS_UNKNOWN:
	case BI_CLASS__MAX:
		break;
	}
	return "unknown";
}

static bool parse_class(const char *s, enum bi_class *ret)
{
	for (int c = 0; c < BI_CLASS_UNKNOWN; c++)
		if (strcmp(s, bi_class_name((enum bi_class)c)) == 0) {
			*ret = (enum bi_class)c;
			return true;
		}
	return false;
}

static bool parse_libc(const char *s, enum bi_libc *ret)
{
	if (strcmp(s, "glibc") == 0)
		*ret = BI_LIBC_GLIBC;
	else if (strcmp(s, "musl") == 0)
		*ret = BI_LIBC_MUSL;
	else if (strcmp(s, "none") == 0)
		*ret = BI_LIBC_NONE;
	else
		return false;
	return true;
}

static bool parse_yesno(const char *s, bool *ret)
{
	if (strcmp(s, "yes") == 0)
		*ret = true;
	else if (strcmp(s, "no") == 0)
		*ret = false;
	else
		return false;
	return true;
}

long bi_kb__days(const char *s)
{
	/* days_from_civil (H. Hinnant), proleptic Gregorian */
	int y, m, d;
	long era, yoe, doy, doe;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void alias_list_free(struct kb_alias *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(a[i].word);
		free(a[i].target);
	}
	free(a);
}

static void strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void bi_kb_free(struct bi_kb *kb)
{
	if (!kb)
		return;
	for (size_t i = 0; i < kb->nkv; i++) {
		free(kb->kv[i].key);
		free(kb->kv[i].value);
	}
	free(kb->kv);
	for (size_t i = 0; i < kb->nos; i++) {
		struct kb_os *o = &kb->os[i];
		for (size_t j = 0; j < o->nrel; j++) {
			free(o->rel[j].codename);
			free(o->rel[j].version);
		}
		free(o->rel);
		alias_list_free(o->alias, o->nalias);
		free(o->id);
	}
	free(kb->os);
	for (size_t i = 0; i < kb->nfam; i++) {
		struct kb_family *f = &kb->fam[i];
		for (size_t j = 0; j < f->nvar; j++) {
			free(f->var[j].name);
			strv_free(f->var[j].match, f->var[j].nmatch);
		}
		free(f->var);
		for (size_t j = 0; j < f->nver; j++) {
			free(f->ver[j].v);
			free(f->ver[j].debian);
			free(f->ver[j].alpine);
		}
		free(f->ver);
		alias_list_free(f->alias, f->nalias);
		free(f->name);
	}
	free(kb->fam);
	strv_free(kb->mirrors, kb->nmirrors);
	for (size_t i = 0; i < kb->nlists; i++) {
		strv_free(kb->lists[i].items, kb->lists[i].n);
		free(kb->lists[i].name);
	}
	free(kb->lists);
	free(kb->name);
	free(kb);
}

void bi_kb_freep(struct bi_kb **kb)
{
	bi_kb_free(*kb);
}

/* PEP 503: lower case, runs of "-", "_", "." become one "-". */
static char *normalize_pkg(struct bi_span s, bool python)
{
	struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);
	bool sep = false;

	for (size_t i = 0; i < s.len; i++) {
		char c = (char)tolower((unsigned char)s.ptr[i]);
		if (python && (c == '-' || c == '_' || c == '.')) {
			sep = true;
			continue;
		}
		if (sep && b.len)
			bi_buf_addch(&b, '-');
		sep = false;
		bi_buf_addch(&b, c);
	}
	return bi_buf_detach(&b, NULL);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool in_sorted(char **v, size_t n, const char *s)
{
	return n && bsearch(&s, v, n, sizeof(*v), cmp_str) != NULL;
}

struct parser {
	struct bi_kb *kb;
	const char *name;
	size_t line;
	enum sec_kind kind;
	char secname[256];
	struct kb_os *os;
	struct kb_family *fam;
	struct kb_list *list;
};

/* Package-list sections: [python-c-extensions] and friends. */
static const char *const list_sections[] = {
	"python-c-extensions",	 "node-native-addons", "go-cgo-modules",
	"java-native-libraries", "rust-native-crates",
};

#define PFAIL(p, ...) bi_err_set(err, BI_EFORMAT, "%s: line %zu: " __VA_ARGS__)

static int add_kv(struct parser *p, struct bi_span key, struct bi_span val, struct bi_err **err)
{
	struct bi_kb *kb = p->kb;
	struct kb_kv *kv;

	if (p->kind == SEC_NONE || p->kind == SEC_MIRRORS || p->kind == SEC_LIST)
		return PFAIL(p, "a \"key = value\" line outside [meta], [os] or [family]", p->name,
			     p->line);
	BI_ALLOC_GROW(kb->kv, kb->nkv + 1, kb->akv);
	kv = &kb->kv[kb->nkv++];
	kv->key = bi_xasprintf("%s." BI_SPAN_FMT, p->secname, BI_SPAN_ARG(key));
	kv->value = bi_span_dup(val);
	if (p->kind == SEC_META && bi_span_eq_str(key, "adoption_days")) {
		uint64_t n;
		if (!bi_span_to_u64(val, &n) || n > 3650)
			return PFAIL(p, "adoption_days: want a number of days", p->name, p->line);
		kb->adoption_days = (long)n;
	}
	return 0;
}

static int section(struct parser *p, struct bi_span s, struct bi_err **err)
{
	struct bi_kb *kb = p->kb;
	struct bi_span kind, name = BI_SPAN_NULL;

	s = bi_span_trim(s);
	if (!bi_span_cut(s, ' ', &kind, &name))
		kind = s;
	name = bi_span_trim(name);
	p->os = NULL;
	p->fam = NULL;
	if (name.len >= sizeof(p->secname) || kind.len == 0)
		return PFAIL(p, "bad section header", p->name, p->line);
	if (bi_span_eq_str(kind, "meta") && !name.len)
		p->kind = SEC_META;
	else if (bi_span_eq_str(kind, "mirrors") && !name.len)
		p->kind = SEC_MIRRORS;
	else if (bi_span_eq_str(kind, "os") && name.len)
		p->kind = SEC_OS;
	else if (bi_span_eq_str(kind, "family") && name.len)
		p->kind = SEC_FAMILY;
	else {
		p->kind = SEC_NONE;
		for (size_t i = 0; i < BI_ARRAY_SIZE(list_sections) && !name.len; i++)
			if (bi_span_eq_str(kind, list_sections[i]))
				p->kind = SEC_LIST;
		if (p->kind == SEC_NONE)
			return PFAIL(p, "unknown section [" BI_SPAN_FMT "]", p->name, p->line,
				     BI_SPAN_ARG(s));
	}
	p->list = NULL;
	if (p->kind == SEC_LIST) {
		for (size_t i = 0; i < kb->nlists; i++)
			if (bi_span_eq_str(kind, kb->lists[i].name))
				p->list = &kb->lists[i];
		if (!p->list) {
			BI_ALLOC_GROW(kb->lists, kb->nlists + 1, kb->alists);
			p->list = &kb->lists[kb->nlists++];
			memset(p->list, 0, sizeof(*p->list));
			p->list->name = bi_span_dup(kind);
			p->list->python = bi_span_eq_str(kind, "python-c-extensions");
		}
	}
	if (name.len)
		snprintf(p->secname, sizeof(p->secname), BI_SPAN_FMT, BI_SPAN_ARG(name));
	else
		snprintf(p->secname, sizeof(p->secname), BI_SPAN_FMT, BI_SPAN_ARG(kind));
	if (p->kind == SEC_OS) {
		BI_ALLOC_GROW(kb->os, kb->nos + 1, kb->aos);
		p->os = &kb->os[kb->nos++];
		memset(p->os, 0, sizeof(*p->os));
		p->os->id = bi_span_dup(name);
	} else if (p->kind == SEC_FAMILY) {
		BI_ALLOC_GROW(kb->fam, kb->nfam + 1, kb->afam);
		p->fam = &kb->fam[kb->nfam++];
		memset(p->fam, 0, sizeof(*p->fam));
		p->fam->name = bi_span_dup(name);
	}
	return 0;
}

static int add_alias(struct kb_alias **v, size_t *n, size_t *a, struct bi_span *w, size_t nw)
{
	BI_ALLOC_GROW(*v, *n + 1, *a);
	(*v)[*n].word = bi_span_dup(w[1]);
	(*v)[*n].target = nw > 2 ? bi_span_dup(w[2]) : NULL;
	(*n)++;
	return 0;
}

static int row_os(struct parser *p, struct bi_span *w, size_t nw, struct bi_err **err)
{
	struct kb_os *o = p->os;

	if (bi_span_eq_str(w[0], "release") && nw == 4) {
		struct kb_release *r;
		char *date = bi_span_dup(w[3]);
		long days = bi_kb__days(date);

		if (days < 0 && strcmp(date, "-") != 0) {
			free(date);
			return PFAIL(p, "release date: want YYYY-MM-DD or -", p->name, p->line);
		}
		free(date);
		BI_ALLOC_GROW(o->rel, o->nrel + 1, o->arel);
		r = &o->rel[o->nrel++];
		r->codename = bi_span_dup(w[1]);
		r->version = bi_span_dup(w[2]);
		r->days = days;
		return 0;
	}
	if (bi_span_eq_str(w[0], "alias") && (nw == 2 || nw == 3))
		return add_alias(&o->alias, &o->nalias, &o->aalias, w, nw);
	return PFAIL(p, "want \"release CODENAME VERSION DATE\" or \"alias WORD [TARGET]\"",
		     p->name, p->line);
}

static int row_variant(struct parser *p, struct bi_span *w, size_t nw, struct bi_err **err)
{
	struct kb_family *f = p->fam;
	struct kb_variant v = { 0 };
	char tmp[64];
	uint64_t size;
	struct bi_span m, word;

	if (nw != 7 && nw != 8)
		return PFAIL(p, "want \"variant NAME MATCH CLASS LIBC SHELL SIZE_MB [build]\"",
			     p->name, p->line);
	for (size_t i = 3; i < 6; i++)
		if (w[i].len >= sizeof(tmp))
			return PFAIL(p, "variant: field too long", p->name, p->line);
	snprintf(tmp, sizeof(tmp), BI_SPAN_FMT, BI_SPAN_ARG(w[3]));
	if (!parse_class(tmp, &v.cls))
		return PFAIL(p, "variant: unknown class \"%s\"", p->name, p->line, tmp);
	snprintf(tmp, sizeof(tmp), BI_SPAN_FMT, BI_SPAN_ARG(w[4]));
	if (!parse_libc(tmp, &v.libc))
		return PFAIL(p, "variant: unknown libc \"%s\" (glibc, musl, none)", p->name,
			     p->line, tmp);
	snprintf(tmp, sizeof(tmp), BI_SPAN_FMT, BI_SPAN_ARG(w[5]));
	if (!parse_yesno(tmp, &v.shell))
		return PFAIL(p, "variant: shell must be yes or no", p->name, p->line);
	if (!bi_span_to_u64(w[6], &size) || size > 1000000)
		return PFAIL(p, "variant: bad size", p->name, p->line);
	if (nw == 8 && !bi_span_eq_str(w[7], "build"))
		return PFAIL(p, "variant: the last field may only be \"build\"", p->name, p->line);
	v.size_mb = size;
	v.build = nw == 8;
	m = w[2];
	if (!bi_span_eq_str(m, "-")) {
		size_t alloc = 0;
		while (bi_span_split(&m, '+', &word)) {
			if (!word.len || v.nmatch >= 8) {
				strv_free(v.match, v.nmatch);
				return PFAIL(p, "variant: bad MATCH words", p->name, p->line);
			}
			BI_ALLOC_GROW(v.match, v.nmatch + 1, alloc);
			v.match[v.nmatch++] = bi_span_dup(word);
		}
	}
	v.name = bi_span_dup(w[1]);
	BI_ALLOC_GROW(f->var, f->nvar + 1, f->avar);
	f->var[f->nvar++] = v;
	return 0;
}

static int row_version(struct parser *p, struct bi_span *w, size_t nw, struct bi_err **err)
{
	struct kb_family *f = p->fam;
	struct kb_version v = { 0 };
	char date[16];

	if (nw < 3 || nw > 5 || w[2].len >= sizeof(date))
		return PFAIL(p, "want \"version V EOL [debian=CODENAME] [alpine=X.Y]\"", p->name,
			     p->line);
	snprintf(date, sizeof(date), BI_SPAN_FMT, BI_SPAN_ARG(w[2]));
	v.eol_days = bi_kb__days(date);
	if (v.eol_days < 0 && strcmp(date, "-") != 0)
		return PFAIL(p, "version: end of life: want YYYY-MM-DD or -", p->name, p->line);
	for (size_t i = 3; i < nw; i++) {
		struct bi_span k, val;
		char **dst;

		if (!bi_span_cut(w[i], '=', &k, &val) || !val.len)
			return PFAIL(p, "version: want debian=CODENAME or alpine=X.Y", p->name,
				     p->line);
		if (bi_span_eq_str(k, "debian"))
			dst = &v.debian;
		else if (bi_span_eq_str(k, "alpine"))
			dst = &v.alpine;
		else
			dst = NULL;
		if (!dst || *dst) {
			free(v.debian);
			free(v.alpine);
			return PFAIL(p, "version: unknown or repeated field", p->name, p->line);
		}
		*dst = bi_span_dup(val);
	}
	v.v = bi_span_dup(w[1]);
	BI_ALLOC_GROW(f->ver, f->nver + 1, f->aver);
	f->ver[f->nver++] = v;
	return 0;
}

static int row(struct parser *p, struct bi_span line, struct bi_err **err)
{
	struct bi_kb *kb = p->kb;
	struct bi_span w[MAX_WORDS];
	size_t nw = 0;
	size_t i = 0;

	while (i < line.len) {
		size_t start;
		while (i < line.len && (line.ptr[i] == ' ' || line.ptr[i] == '\t'))
			i++;
		if (i == line.len)
			break;
		start = i;
		while (i < line.len && line.ptr[i] != ' ' && line.ptr[i] != '\t')
			i++;
		if (nw == MAX_WORDS)
			return PFAIL(p, "more than %d words on a line", p->name, p->line,
				     MAX_WORDS);
		w[nw++] = bi_span_make(line.ptr + start, i - start);
	}
	if (!nw)
		return 0;
	switch (p->kind) {
	case SEC_OS:
		return row_os(p, w, nw, err);
	case SEC_FAMILY:
		if (bi_span_eq_str(w[0], "variant"))
			return row_variant(p, w, nw, err);
		if (bi_span_eq_str(w[0], "version"))
			return row_version(p, w, nw, err);
		if (bi_span_eq_str(w[0], "alias") && nw == 3)
			return add_alias(&p->fam->alias, &p->fam->nalias, &p->fam->aalias, w, nw);
		return PFAIL(p, "want a variant, version or alias row", p->name, p->line);
	case SEC_MIRRORS:
		if (nw != 2 || !bi_span_eq_str(w[0], "mirror"))
			return PFAIL(p, "want \"mirror PREFIX/\"", p->name, p->line);
		BI_ALLOC_GROW(kb->mirrors, kb->nmirrors + 1, kb->amirrors);
		kb->mirrors[kb->nmirrors++] = bi_span_dup(w[1]);
		return 0;
	case SEC_LIST:
		for (size_t j = 0; j < nw; j++) {
			struct kb_list *l = p->list;
			BI_ALLOC_GROW(l->items, l->n + 1, l->alloc);
			l->items[l->n++] = normalize_pkg(w[j], l->python);
		}
		return 0;
	case SEC_META:
	case SEC_NONE:
	case SEC__MAX:
		break;
	}
	return PFAIL(p, "a row outside a section that takes rows", p->name, p->line);
}

/* "key = value": key is [a-z0-9_]+ followed by optional blanks and "=". */
static bool is_kv(struct bi_span line, struct bi_span *ret_key, struct bi_span *ret_val)
{
	size_t i = 0;

	while (i < line.len && (islower((unsigned char)line.ptr[i]) ||
				isdigit((unsigned char)line.ptr[i]) || line.ptr[i] == '_'))
		i++;
	if (i == 0)
		return false;
	*ret_key = bi_span_make(line.ptr, i);
	while (i < line.len && (line.ptr[i] == ' ' || line.ptr[i] == '\t'))
		i++;
	if (i == line.len || line.ptr[i] != '=')
		return false;
	*ret_val = bi_span_trim(bi_span_sub(line, i + 1, line.len - i - 1));
	return true;
}

int bi_kb_parse(struct bi_span text, const char *name, struct bi_kb **ret, struct bi_err **err)
{
	_cleanup_(bi_kb_freep) struct bi_kb *kb = NULL;
	struct parser p = { 0 };
	struct bi_span line, key, val;
	int r;

	if (text.len > BI_MAX_KB_FILE)
		return bi_err_set(err, BI_ELIMIT, "%s: larger than %zu bytes", name,
				  (size_t)BI_MAX_KB_FILE);
	kb = bi_xcalloc(1, sizeof(*kb));
	kb->name = bi_xstrdup(name);
	kb->adoption_days = 30;
	p.kb = kb;
	p.name = name;
	while (bi_span_next_line(&text, &line)) {
		p.line++;
		line = bi_span_trim(line);
		if (!line.len || line.ptr[0] == '#')
			continue;
		for (size_t i = 0; i < line.len; i++)
			if ((unsigned char)line.ptr[i] < 0x20 && line.ptr[i] != '\t')
				return PFAIL(&p, "control character", name, p.line);
		if (line.ptr[0] == '[') {
			if (line.ptr[line.len - 1] != ']')
				return PFAIL(&p, "section header without \"]\"", name, p.line);
			r = section(&p, bi_span_sub(line, 1, line.len - 2), err);
		} else if (p.kind != SEC_LIST && is_kv(line, &key, &val)) {
			r = add_kv(&p, key, val, err);
		} else {
			r = row(&p, line, err);
		}
		if (r < 0)
			return r;
	}
	if (!bi_kb_get(kb, "meta.date"))
		return bi_err_set(err, BI_EFORMAT, "%s: no [meta] date", name);
	for (size_t i = 0; i < kb->nlists; i++)
		if (kb->lists[i].n)
			qsort(kb->lists[i].items, kb->lists[i].n, sizeof(char *), cmp_str);
	for (size_t i = 0; i < kb->nfam; i++)
		if (!kb->fam[i].nvar)
			return bi_err_set(err, BI_EFORMAT, "%s: [family %s] has no variant row",
					  name, kb->fam[i].name);
	*ret = TAKE_PTR(kb);
	return 0;
}

int bi_kb_load_file(const char *path, struct bi_kb **ret, struct bi_err **err)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MAX_KB_FILE);
	int r;

	r = bi_buf_read_file(&b, path, err);
	if (r < 0)
		return r;
	return bi_kb_parse(bi_buf_span(&b), path, ret, err);
}

int bi_kb_load(struct bi_kb **ret, struct bi_err **err)
{
	const char *path = getenv("BASEIMG_KB");

	if (path && *path)
		return bi_kb_load_file(path, ret, err);
	return bi_kb_parse(bi_span_make(bi_kb_builtin, bi_kb_builtin_len), "images.kb (built in)",
			   ret, err);
}

const char *bi_kb_get(const struct bi_kb *kb, const char *key)
{
	if (!kb || !key)
		return NULL;
	if (strcmp(key, "date") == 0)
		key = "meta.date";
	for (size_t i = 0; i < kb->nkv; i++)
		if (strcmp(kb->kv[i].key, key) == 0)
			return kb->kv[i].value;
	return NULL;
}

const char *bi_kb_date(const struct bi_kb *kb)
{
	const char *d = bi_kb_get(kb, "meta.date");
	return d ? d : "";
}

/* Strip extras, version specifiers and markers: "psycopg2-binary[x]>=2.9; ..." */
static struct bi_span bare_name(const char *pkg)
{
	struct bi_span s = bi_span_trim(bi_span_str(pkg));
	size_t i = 0;

	/* npm scopes start with "@" */
	if (i < s.len && s.ptr[i] == '@')
		i++;
	while (i < s.len && !strchr("[<>=!~;@ \t(,", s.ptr[i]))
		i++;
	return bi_span_sub(s, 0, i);
}

bool bi_kb_in_list(const struct bi_kb *kb, const char *list, const char *pkg)
{
	const struct kb_list *l = NULL;
	struct bi_span s;
	char *n;
	bool found;

	if (!kb || !pkg || !list)
		return false;
	for (size_t i = 0; i < kb->nlists; i++)
		if (strcmp(kb->lists[i].name, list) == 0)
			l = &kb->lists[i];
	if (!l)
		return false;
	s = bare_name(pkg);
	if (!s.len)
		return false;
	n = normalize_pkg(s, l->python);
	found = in_sorted(l->items, l->n, n);
	free(n);
	return found;
}

const char *const *bi_kb_list(const struct bi_kb *kb, const char *list, size_t *ret_n)
{
	*ret_n = 0;
	if (!kb || !list)
		return NULL;
	for (size_t i = 0; i < kb->nlists; i++)
		if (strcmp(kb->lists[i].name, list) == 0) {
			*ret_n = kb->lists[i].n;
			return (const char *const *)kb->lists[i].items;
		}
	return NULL;
}

bool bi_kb_python_c_extension(const struct bi_kb *kb, const char *pkg)
{
	return bi_kb_in_list(kb, "python-c-extensions", pkg);
}

bool bi_kb_node_native_addon(const struct bi_kb *kb, const char *pkg)
{
	return bi_kb_in_list(kb, "node-native-addons", pkg);
}

const char *bi_kb__family_get(const struct bi_kb *kb, const struct kb_family *f, const char *key)
{
	char full[512];

	snprintf(full, sizeof(full), "%s.%s", f->name, key);
	return bi_kb_get(kb, full);
}

const struct kb_os *bi_kb__os(const struct bi_kb *kb, const char *id)
{
	for (size_t i = 0; i < kb->nos; i++)
		if (strcmp(kb->os[i].id, id) == 0)
			return &kb->os[i];
	return NULL;
}
