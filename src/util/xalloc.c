/* SPDX-License-Identifier: MIT */
#include "util/common.h"

static void __attribute__((noreturn)) oom(void)
{
	static const char msg[] = "baseimg: out of memory\n";
	ssize_t _unused_ r = write(2, msg, sizeof(msg) - 1);
	abort();
}

void *bi_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *bi_xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *bi_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom();
	return q;
}

void *bi_xreallocarray(void *p, size_t nmemb, size_t size)
{
	size_t n;

	if (bi_mul_overflow(nmemb, size, &n))
		oom();
	return bi_xrealloc(p, n);
}

char *bi_xstrdup(const char *s)
{
	return bi_xstrndup(s, strlen(s));
}

char *bi_xstrndup(const char *s, size_t n)
{
	char *p = bi_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *bi_xvasprintf(const char *fmt, va_list ap)
{
	char *s = NULL;

	if (vasprintf(&s, fmt, ap) < 0)
		oom();
	return s;
}

char *bi_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = bi_xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}
