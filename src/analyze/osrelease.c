/* SPDX-License-Identifier: MIT */
/*
 * os-release(5): KEY=VALUE lines, values optionally in single or double
 * quotes with shell-style backslash escapes. We take ID, VERSION_ID,
 * VERSION_CODENAME (else UBUNTU_CODENAME, else the "(name)" in VERSION),
 * NAME, PRETTY_NAME and ID_LIKE.
 */
#include "util/common.h"
#include "analyze/analyze.h"

#define MAX_VALUE 256

static char *unquote(struct bi_span v)
{
	char out[MAX_VALUE + 1];
	size_t n = 0;
	char q = 0;

	v = bi_span_trim(v);
	if (v.len && (v.ptr[0] == '"' || v.ptr[0] == '\'')) {
		q = v.ptr[0];
		v.ptr++;
		v.len--;
	}
	for (size_t i = 0; i < v.len && n < MAX_VALUE; i++) {
		char c = v.ptr[i];
		if (q && c == q)
			break;
		if (q != '\'' && c == '\\' && i + 1 < v.len)
			c = v.ptr[++i];
		else if (!q && (c == '#' || c == ' '))
			break;
		if ((unsigned char)c < 0x20)
			continue;
		out[n++] = c;
	}
	out[n] = '\0';
	return n ? bi_xstrdup(out) : NULL;
}

static void set(char **field, struct bi_span v)
{
	free(*field);
	*field = unquote(v);
}

void bi_os_release(struct bi_os *os)
{
	free(os->id);
	free(os->version_id);
	free(os->codename);
	free(os->name);
	free(os->pretty_name);
	free(os->id_like);
	memset(os, 0, sizeof(*os));
}

void bi_osrelease_parse(struct bi_span text, struct bi_os *ret)
{
	struct bi_span line, key, val;
	char *version = NULL, *ubuntu = NULL;

	while (bi_span_next_line(&text, &line)) {
		line = bi_span_trim(line);
		if (line.len == 0 || line.ptr[0] == '#' || !bi_span_cut(line, '=', &key, &val))
			continue;
		key = bi_span_trim(key);
		if (bi_span_eq_str(key, "ID"))
			set(&ret->id, val);
		else if (bi_span_eq_str(key, "VERSION_ID"))
			set(&ret->version_id, val);
		else if (bi_span_eq_str(key, "VERSION_CODENAME"))
			set(&ret->codename, val);
		else if (bi_span_eq_str(key, "UBUNTU_CODENAME"))
			set(&ubuntu, val);
		else if (bi_span_eq_str(key, "VERSION"))
			set(&version, val);
		else if (bi_span_eq_str(key, "NAME"))
			set(&ret->name, val);
		else if (bi_span_eq_str(key, "PRETTY_NAME"))
			set(&ret->pretty_name, val);
		else if (bi_span_eq_str(key, "ID_LIKE"))
			set(&ret->id_like, val);
	}
	if (!ret->codename && ubuntu)
		ret->codename = TAKE_PTR(ubuntu);
	if (!ret->codename && version) {
		/* Debian: VERSION="12 (bookworm)" */
		char *l = strchr(version, '('), *r = l ? strchr(l, ')') : NULL;
		if (l && r && r > l + 1)
			ret->codename = bi_xstrndup(l + 1, (size_t)(r - l - 1));
	}
	/* IDs are lower case by definition; keep them comparable. */
	for (char *p = ret->id; p && *p; p++)
		*p = (char)tolower((unsigned char)*p);
	free(version);
	free(ubuntu);
}
