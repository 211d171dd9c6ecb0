/* SPDX-License-Identifier: MIT */
#ifndef BI_TEST_TARW_H
#define BI_TEST_TARW_H

/*
 * A tiny tar writer for tests (ustar headers, pax "path"/"linkpath" records
 * for long names, GNU 'L' long names on request). Include after bi_test.h.
 */

struct tarw {
	struct bi_buf b;
};

static inline void tarw_init(struct tarw *t)
{
	bi_buf_init(&t->b, BI_BUF_NOLIMIT);
}

static inline void tarw_octal(char *field, size_t width, uint64_t v)
{
	char tmp[32];
	int n = snprintf(tmp, sizeof(tmp), "%0*llo", (int)width - 1, (unsigned long long)v);
	memcpy(field, tmp, (size_t)n < width ? (size_t)n : width - 1);
}

static inline void tarw_header(struct tarw *t, const char *name, char type, uint32_t mode,
			       uint64_t size, const char *link)
{
	char h[512];
	unsigned sum = 0;

	memset(h, 0, sizeof(h));
	memcpy(h, name, strlen(name) < 100 ? strlen(name) : 100);
	tarw_octal(h + 100, 8, mode);
	tarw_octal(h + 108, 8, 0);
	tarw_octal(h + 116, 8, 0);
	tarw_octal(h + 124, 12, size);
	tarw_octal(h + 136, 12, 1704067200);
	memset(h + 148, ' ', 8);
	h[156] = type;
	if (link)
		memcpy(h + 157, link, strlen(link) < 100 ? strlen(link) : 100);
	memcpy(h + 257, "ustar", 6);
	memcpy(h + 263, "00", 2);
	for (int i = 0; i < 512; i++)
		sum += (unsigned char)h[i];
	snprintf(h + 148, 8, "%06o", sum);
	bi_buf_add(&t->b, h, 512);
}

static inline void tarw_data(struct tarw *t, const void *data, size_t len)
{
	static const char zero[512];
	bi_buf_add(&t->b, data, len);
	if (len % 512)
		bi_buf_add(&t->b, zero, 512 - len % 512);
}

static inline void tarw_pax(struct tarw *t, const char *key, const char *val)
{
	char rec[8192];
	size_t klen = strlen(key) + strlen(val) + 3, n = klen + 1;
	/* The record length counts its own digits. */
	while (snprintf(NULL, 0, "%zu", n) + klen != n)
		n = snprintf(NULL, 0, "%zu", n) + klen;
	snprintf(rec, sizeof(rec), "%zu %s=%s\n", n, key, val);
	tarw_header(t, "PaxHeaders/x", 'x', 0644, strlen(rec), NULL);
	tarw_data(t, rec, strlen(rec));
}

/* type: '0' file, '5' dir, '2' symlink, '1' hard link, '3' char, '6' fifo */
static inline void tarw_add(struct tarw *t, const char *name, char type, uint32_t mode,
			    const char *data, const char *link)
{
	size_t len = data ? strlen(data) : 0;

	if (strlen(name) >= 100)
		tarw_pax(t, "path", name);
	if (link && strlen(link) >= 100)
		tarw_pax(t, "linkpath", link);
	tarw_header(t, name, type, mode, len, link);
	if (len)
		tarw_data(t, data, len);
}

static inline void tarw_gnu_longname(struct tarw *t, const char *name, const char *data)
{
	tarw_header(t, "././@LongLink", 'L', 0644, strlen(name) + 1, NULL);
	tarw_data(t, name, strlen(name) + 1);
	tarw_header(t, name, '0', 0644, data ? strlen(data) : 0, NULL);
	if (data && *data)
		tarw_data(t, data, strlen(data));
}

static inline void tarw_end(struct tarw *t)
{
	static const char zero[1024];
	bi_buf_add(&t->b, zero, sizeof(zero));
}

#endif
