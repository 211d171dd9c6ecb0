/* SPDX-License-Identifier: MIT */
/*
 * Docker image references, as distribution/reference's ParseNormalizedNamed
 * reads them (the grammar is in docs/references.md):
 *
 *   reference := name [ ":" tag ] [ "@" digest ]
 *   name      := [ domain "/" ] component ( "/" component )*
 *   domain    := host [ ":" port ]       host: DNS-ish name, IPv4, or "[" IPv6 "]"
 *   component := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
 *   tag       := [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
 *   digest    := algo ":" hex        (sha256: 64, sha384: 96, sha512: 128 lowercase hex)
 *
 * The first "/"-separated part is the domain when it contains "." or ":",
 * is "localhost", or has upper case; otherwise the domain is docker.io, and a
 * single component on docker.io gets "library/" in front.
 */
#include "util/common.h"

#include "image/ref.h"

#define DEFAULT_DOMAIN "docker.io"
#define LEGACY_DOMAIN "index.docker.io"
#define OFFICIAL_PREFIX "library/"

static bool is_lower_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static bool is_alnum(char c)
{
	return is_lower_alnum(c) || (c >= 'A' && c <= 'Z');
}

static bool is_word(char c)
{
	return is_alnum(c) || c == '_';
}

static bool is_hex_lower(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

static bool is_xdigit_any(char c)
{
	return is_hex_lower(c) || (c >= 'A' && c <= 'F');
}

/* component := [a-z0-9]+ ( sep [a-z0-9]+ )*, sep := "." | "_" | "__" | "-"+ */
static bool valid_component(struct bi_span c)
{
	size_t i = 0;

	if (c.len == 0 || !is_lower_alnum(c.ptr[0]))
		return false;
	while (i < c.len) {
		while (i < c.len && is_lower_alnum(c.ptr[i]))
			i++;
		if (i == c.len)
			return true;
		/* a separator */
		if (c.ptr[i] == '.') {
			i++;
		} else if (c.ptr[i] == '_') {
			i++;
			if (i < c.len && c.ptr[i] == '_')
				i++;
		} else if (c.ptr[i] == '-') {
			while (i < c.len && c.ptr[i] == '-')
				i++;
		} else {
			return false;
		}
		if (i == c.len || !is_lower_alnum(c.ptr[i]))
			return false;
	}
	return true;
}

/* domainNameComponent := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9] */
static bool valid_dns_label(struct bi_span l)
{
	if (l.len == 0 || !is_alnum(l.ptr[0]) || !is_alnum(l.ptr[l.len - 1]))
		return false;
	for (size_t i = 0; i < l.len; i++)
		if (!is_alnum(l.ptr[i]) && l.ptr[i] != '-')
			return false;
	return true;
}

/* host [":" port], host := label ("." label)* | "[" [a-fA-F0-9:]+ "]" */
static bool valid_domain(struct bi_span d)
{
	struct bi_span host, rest = BI_SPAN_NULL;
	size_t i;

	if (d.len == 0)
		return false;
	if (d.ptr[0] == '[') {
		ptrdiff_t close = bi_span_find_char(d, ']');
		if (close < 2)
			return false;
		for (i = 1; i < (size_t)close; i++)
			if (!is_xdigit_any(d.ptr[i]) && d.ptr[i] != ':')
				return false;
		rest = bi_span_sub(d, (size_t)close + 1, d.len - (size_t)close - 1);
	} else {
		ptrdiff_t colon = bi_span_find_char(d, ':');
		struct bi_span labels, label;

		host = colon < 0 ? d : bi_span_sub(d, 0, (size_t)colon);
		if (colon >= 0)
			rest = bi_span_sub(d, (size_t)colon, d.len - (size_t)colon);
		labels = host;
		if (host.len == 0 || host.ptr[host.len - 1] == '.')
			return false;
		while (bi_span_split(&labels, '.', &label))
			if (!valid_dns_label(label))
				return false;
	}
	if (rest.len == 0)
		return true;
	/* ":" [0-9]+ */
	if (rest.ptr[0] != ':' || rest.len < 2)
		return false;
	for (i = 1; i < rest.len; i++)
		if (rest.ptr[i] < '0' || rest.ptr[i] > '9')
			return false;
	return true;
}

static bool valid_tag(struct bi_span t)
{
	if (t.len == 0 || t.len > BI_MAX_TAG || !is_word(t.ptr[0]))
		return false;
	for (size_t i = 1; i < t.len; i++)
		if (!is_word(t.ptr[i]) && t.ptr[i] != '.' && t.ptr[i] != '-')
			return false;
	return true;
}

static bool all_lower_hex(struct bi_span s)
{
	for (size_t i = 0; i < s.len; i++)
		if (!is_hex_lower(s.ptr[i]))
			return false;
	return true;
}

/* Why the digest is invalid, or NULL when it is fine. */
static const char *digest_problem(struct bi_span d)
{
	struct bi_span algo, hex;
	size_t want = 0;

	if (!bi_span_cut(d, ':', &algo, &hex) || algo.len == 0)
		return "invalid digest format (want ALGORITHM:HEX)";
	/* algorithm := [A-Za-z][A-Za-z0-9]* ([-_+.][A-Za-z][A-Za-z0-9]*)* */
	for (size_t i = 0; i < algo.len; i++) {
		char c = algo.ptr[i];
		bool first = i == 0 || strchr("-_+.", algo.ptr[i - 1]);
		if (first ? !isalpha((unsigned char)c) :
			    !(isalnum((unsigned char)c) || strchr("-_+.", c)))
			return "invalid digest algorithm";
	}
	if (strchr("-_+.", algo.ptr[algo.len - 1]))
		return "invalid digest algorithm";
	if (hex.len < 32)
		return "invalid digest length";
	for (size_t i = 0; i < hex.len; i++)
		if (!is_xdigit_any(hex.ptr[i]))
			return "invalid digest: not hexadecimal";
	if (bi_span_eq_str(algo, "sha256"))
		want = 64;
	else if (bi_span_eq_str(algo, "sha384"))
		want = 96;
	else if (bi_span_eq_str(algo, "sha512"))
		want = 128;
	else
		return "unsupported digest algorithm";
	if (hex.len != want)
		return "invalid digest length";
	if (!all_lower_hex(hex))
		return "invalid digest: hex must be lowercase";
	return NULL;
}

static bool has_upper(struct bi_span s)
{
	for (size_t i = 0; i < s.len; i++)
		if (s.ptr[i] >= 'A' && s.ptr[i] <= 'Z')
			return true;
	return false;
}

void bi_ref_free(struct bi_ref *ref)
{
	if (!ref)
		return;
	free(ref->domain);
	free(ref->path);
	free(ref->tag);
	free(ref->digest);
	free(ref);
}

void bi_ref_freep(struct bi_ref **ref)
{
	bi_ref_free(*ref);
}

#define FAIL(...) bi_err_set(err, BI_EFORMAT, "invalid reference \"%s\": " __VA_ARGS__)

/* The reference as shown in a message: printable, one line, at most ~200 bytes. */
static void show(const char *s, char *out, size_t n)
{
	size_t j = 0;

	for (size_t i = 0; s[i] && j + 8 < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (i >= 200) {
			j += (size_t)snprintf(out + j, n - j, "...");
			break;
		}
		if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
			j += (size_t)snprintf(out + j, n - j, "\\x%02x", c);
		else
			out[j++] = (char)c;
	}
	out[j] = 0;
}

int bi_ref_parse(const char *s, struct bi_ref **ret, struct bi_err **err)
{
	_cleanup_(bi_ref_freep) struct bi_ref *ref = NULL;
	struct bi_span all, name, tag = BI_SPAN_NULL, digest = BI_SPAN_NULL;
	struct bi_span first, rest, comps, comp, domain;
	bool implicit = false, has_tag = false, has_digest = false;
	ptrdiff_t at, slash, colon;
	size_t total;
	char *path;

	char shown[256];

	assert(s);
	all = bi_span_str(s);
	if (all.len > BI_MAX_REFERENCE)
		return bi_err_set(err, BI_ELIMIT, "invalid reference: longer than %zu bytes",
				  (size_t)BI_MAX_REFERENCE);
	show(s, shown, sizeof(shown));
	s = shown;
	for (size_t i = 0; i < all.len; i++)
		if ((unsigned char)all.ptr[i] < 0x21 || (unsigned char)all.ptr[i] >= 0x7f)
			return bi_err_set(err, BI_EFORMAT,
					  "invalid reference \"%s\": contains whitespace or a "
					  "non-printable character",
					  s);
	if (all.len == 0)
		return bi_err_set(err, BI_EFORMAT, "invalid reference: repository name is empty");
	if (all.len == 64 && all_lower_hex(all))
		return FAIL("a repository name cannot be a 64-character hexadecimal string", s);

	/* digest */
	name = all;
	at = bi_span_find_char(all, '@');
	if (at >= 0) {
		const char *why;

		name = bi_span_sub(all, 0, (size_t)at);
		digest = bi_span_sub(all, (size_t)at + 1, all.len - (size_t)at - 1);
		why = digest_problem(digest);
		if (why)
			return FAIL("%s", s, why);
		has_digest = true;
	}
	if (name.len == 0)
		return FAIL("repository name is empty", s);

	/* tag: after the first ':' that follows the last '/' */
	slash = -1;
	for (size_t i = 0; i < name.len; i++)
		if (name.ptr[i] == '/')
			slash = (ptrdiff_t)i;
	colon = -1;
	for (size_t i = (size_t)(slash + 1); i < name.len && colon < 0; i++)
		if (name.ptr[i] == ':')
			colon = (ptrdiff_t)i;
	if (colon >= 0) {
		tag = bi_span_sub(name, (size_t)colon + 1, name.len - (size_t)colon - 1);
		name = bi_span_sub(name, 0, (size_t)colon);
		if (tag.len > BI_MAX_TAG)
			return FAIL("tag longer than %d characters", s, BI_MAX_TAG);
		if (!valid_tag(tag))
			return FAIL("invalid tag \"%.*s\" (allowed: letters, digits, '_', '.', "
				    "'-'; not starting with '.' or '-')",
				    s, BI_SPAN_ARG(tag));
		has_tag = true;
	}
	if (name.len == 0)
		return FAIL("repository name is empty", s);

	/* domain */
	if (bi_span_cut(name, '/', &first, &rest)) {
		if (bi_span_eq_str(first, "localhost") || bi_span_find_char(first, '.') >= 0 ||
		    bi_span_find_char(first, ':') >= 0 || has_upper(first)) {
			domain = first;
		} else {
			domain = bi_span_str(DEFAULT_DOMAIN);
			rest = name;
			implicit = true;
		}
	} else {
		domain = bi_span_str(DEFAULT_DOMAIN);
		rest = name;
		implicit = true;
	}
	if (!implicit && !valid_domain(domain))
		return FAIL("invalid registry host \"%.*s\"", s, BI_SPAN_ARG(domain));
	if (bi_span_eq_str(domain, LEGACY_DOMAIN))
		domain = bi_span_str(DEFAULT_DOMAIN);

	/* path components */
	if (rest.len == 0)
		return FAIL("repository name is empty", s);
	if (has_upper(rest))
		return FAIL("repository name must be lowercase", s);
	if (rest.ptr[rest.len - 1] == '/')
		return FAIL("repository name ends with '/'", s);
	comps = rest;
	while (bi_span_split(&comps, '/', &comp)) {
		if (comp.len == 0)
			return FAIL("empty path component (\"//\")", s);
		if (!valid_component(comp))
			return FAIL("invalid repository name component \"%.*s\" (allowed: "
				    "a-z, 0-9, separated by '.', '_', '__' or '-')",
				    s, BI_SPAN_ARG(comp));
	}

	if (bi_span_eq_str(domain, DEFAULT_DOMAIN) && bi_span_find_char(rest, '/') < 0)
		path = bi_xasprintf(OFFICIAL_PREFIX BI_SPAN_FMT, BI_SPAN_ARG(rest));
	else
		path = bi_span_dup(rest);
	total = domain.len + 1 + strlen(path);
	if (total > BI_MAX_REPO_NAME) {
		free(path);
		return FAIL("repository name longer than %d characters", s, BI_MAX_REPO_NAME);
	}

	ref = bi_xcalloc(1, sizeof(*ref));
	ref->domain = bi_span_dup(domain);
	ref->path = path;
	ref->tag = has_tag ? bi_span_dup(tag) : NULL;
	ref->digest = has_digest ? bi_span_dup(digest) : NULL;
	ref->domain_implicit = implicit;
	*ret = TAKE_PTR(ref);
	return 0;
}

static void add_suffix(struct bi_buf *b, const struct bi_ref *ref)
{
	if (ref->tag)
		bi_buf_addf(b, ":%s", ref->tag);
	if (ref->digest)
		bi_buf_addf(b, "@%s", ref->digest);
}

char *bi_ref_normalized(const struct bi_ref *ref)
{
	struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);

	bi_buf_addf(&b, "%s/%s", ref->domain, ref->path);
	add_suffix(&b, ref);
	return bi_buf_detach(&b, NULL);
}

char *bi_ref_familiar_name(const struct bi_ref *ref)
{
	if (strcmp(ref->domain, DEFAULT_DOMAIN) == 0) {
		const char *p = ref->path;
		if (strncmp(p, OFFICIAL_PREFIX, strlen(OFFICIAL_PREFIX)) == 0 &&
		    !strchr(p + strlen(OFFICIAL_PREFIX), '/'))
			p += strlen(OFFICIAL_PREFIX);
		return bi_xstrdup(p);
	}
	return bi_xasprintf("%s/%s", ref->domain, ref->path);
}

char *bi_ref_familiar(const struct bi_ref *ref)
{
	struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);
	char *name = bi_ref_familiar_name(ref);

	bi_buf_adds(&b, name);
	free(name);
	add_suffix(&b, ref);
	return bi_buf_detach(&b, NULL);
}

bool bi_ref_is_official(const struct bi_ref *ref)
{
	return strcmp(ref->domain, DEFAULT_DOMAIN) == 0 &&
	       strncmp(ref->path, OFFICIAL_PREFIX, strlen(OFFICIAL_PREFIX)) == 0 &&
	       !strchr(ref->path + strlen(OFFICIAL_PREFIX), '/');
}
