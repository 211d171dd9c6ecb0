/* SPDX-License-Identifier: MIT */
/* Path normalisation for entries inside an image. */
#include "util/common.h"
#include "layer/layer.h"

char *bi_path_clean(const char *path, bool *ret_absolute, bool *ret_escapes)
{
	size_t len = strlen(path), o = 0;
	char *out = bi_xmalloc(len + 1);
	const char *p = path;
	bool escapes = false;

	if (ret_absolute)
		*ret_absolute = path[0] == '/';
	while (*p) {
		const char *s;
		size_t n;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		s = p;
		while (*p && *p != '/')
			p++;
		n = (size_t)(p - s);
		if (n == 1 && s[0] == '.')
			continue;
		if (n == 2 && s[0] == '.' && s[1] == '.') {
			if (o == 0) {
				escapes = true;
				continue;
			}
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
			continue;
		}
		if (o)
			out[o++] = '/';
		memcpy(out + o, s, n);
		o += n;
	}
	out[o] = '\0';
	if (ret_escapes)
		*ret_escapes = escapes;
	return out;
}
