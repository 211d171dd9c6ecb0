/* SPDX-License-Identifier: MIT */
#include "../bi_test.h"
#include "elf/elf.h"

/* ---- a tiny ELF writer: ehdr, phdrs, interp, strtab, dynamic, Go data ---- */
struct mk {
	bool is64, be;
	uint16_t type;
	const char *interp;
	const char *needed[3];
	const char *soname, *rpath, *runpath;
	int far; /* the DT_ tag (14, 15, 29) whose string follows a gap of 2 * BI_MAX_PATH */
	uint64_t flags1;
	bool no_dynamic;
	uint64_t stroff, dynoff, gooff; /* 0: default placement */
	const char *go_version;
	size_t size;
};

#define VBASE 0x400000u

static void put(unsigned char *p, uint64_t v, int n, bool be)
{
	for (int i = 0; i < n; i++)
		p[be ? n - 1 - i : i] = (unsigned char)(v >> (8 * i));
}

/* Returns a malloc'd image of m->size bytes. */
static unsigned char *build(struct mk *m)
{
	int w = m->is64 ? 8 : 4;
	size_t ehsz = m->is64 ? 64 : 52, phsz = m->is64 ? 56 : 32, nph = 0;
	size_t size = m->size ? m->size : 0x2000;
	unsigned char *f = bi_xcalloc(1, size), *ph;
	uint64_t stroff = m->stroff ? m->stroff : 0x400, dynoff = m->dynoff ? m->dynoff : 0x800;
	size_t strlen_ = 1, d = 0;
	uint64_t needoff[3] = { 0 }, runoff = 0;

	m->size = size;
	memcpy(f,
	       "\x7f"
	       "ELF",
	       4);
	f[4] = m->is64 ? 2 : 1;
	f[5] = m->be ? 2 : 1;
	f[6] = 1;
	put(f + 16, m->type, 2, m->be);
	put(f + 18, m->is64 ? 62 : 20, 2, m->be);
	put(f + 24, VBASE + 0x1000, w, m->be); /* entry */
	put(f + (m->is64 ? 32 : 28), ehsz, w, m->be);
	put(f + (m->is64 ? 54 : 42), phsz, 2, m->be);
	ph = f + ehsz;
#define PH(t, off, fsz, flg)                                  \
	do {                                                  \
		unsigned char *q = ph + nph++ * phsz;         \
		put(q, (t), 4, m->be);                        \
		if (m->is64) {                                \
			put(q + 4, (flg), 4, m->be);          \
			put(q + 8, (off), 8, m->be);          \
			put(q + 16, VBASE + (off), 8, m->be); \
			put(q + 32, (fsz), 8, m->be);         \
		} else {                                      \
			put(q + 4, (off), 4, m->be);          \
			put(q + 8, VBASE + (off), 4, m->be);  \
			put(q + 16, (fsz), 4, m->be);         \
			put(q + 24, (flg), 4, m->be);         \
		}                                             \
	} while (0)
	PH(1, 0, size, 5); /* one PT_LOAD maps the whole file at VBASE */
	if (m->interp) {
		memcpy(f + 0x200, m->interp, strlen(m->interp) + 1);
		PH(3, 0x200, strlen(m->interp) + 1, 4);
	}
	if (m->go_version) {
		uint64_t go = m->gooff ? m->gooff : 0x1000;
		unsigned char *g = f + go;
		PH(4, 0x300, 20, 4); /* the Go build-id note */
		put(f + 0x300, 4, 4, m->be);
		put(f + 0x304, 4, 4, m->be);
		put(f + 0x308, 4, 4, m->be);
		memcpy(f + 0x30c, "Go\0\0", 4);
		PH(1, go, 0x100, 6); /* a writable PT_LOAD: the data segment */
		memcpy(g, "\xff Go buildinf:", 14);
		g[14] = (unsigned char)w;
		g[15] = 2;
		g[32] = (unsigned char)strlen(m->go_version);
		memcpy(g + 33, m->go_version, strlen(m->go_version));
	}
	if (!m->no_dynamic) {
		unsigned char *dy = f + dynoff;
#define DYN(tag, val)                             \
	do {                                      \
		put(dy + d, (tag), w, m->be);     \
		put(dy + d + w, (val), w, m->be); \
		d += 2 * (size_t)w;               \
	} while (0)
		for (int i = 0; i < 3 && m->needed[i]; i++) {
			needoff[i] = strlen_;
			memcpy(f + stroff + strlen_, m->needed[i], strlen(m->needed[i]) + 1);
			strlen_ += strlen(m->needed[i]) + 1;
			DYN(1, needoff[i]);
		}
		static const int tags[] = { 14, 15, 29 }; /* DT_SONAME, DT_RPATH, DT_RUNPATH */
		const char *strs[] = { m->soname, m->rpath, m->runpath };
		for (int i = 0; i < 3; i++) {
			if (!strs[i])
				continue;
			if (m->far == tags[i])
				strlen_ += 2 * BI_MAX_PATH; /* NUL bytes: empty strings */
			assert_true(stroff + strlen_ + strlen(strs[i]) + 1 <= size);
			runoff = strlen_;
			memcpy(f + stroff + strlen_, strs[i], strlen(strs[i]) + 1);
			strlen_ += strlen(strs[i]) + 1;
			DYN(tags[i], runoff);
		}
		DYN(5, VBASE + stroff);
		DYN(10, strlen_);
		if (m->flags1)
			DYN(0x6ffffffb, m->flags1);
		DYN(0, 0);
		PH(2, dynoff, d, 6);
	}
	put(f + (m->is64 ? 56 : 44), nph, 2, m->be);
	return f;
}

/* A forward-only reader over memory that hands out at most `chunk` bytes a call. */
struct memrd {
	const unsigned char *p;
	size_t len, pos, chunk;
};

static ssize_t mem_read(void *ctx, void *buf, size_t len)
{
	struct memrd *m = ctx;
	size_t n = m->len - m->pos;

	if (n > len)
		n = len;
	if (n > m->chunk)
		n = m->chunk;
	memcpy(buf, m->p + m->pos, n);
	m->pos += n;
	return (ssize_t)n;
}

static struct bi_elf_info *read_mem(const unsigned char *p, size_t len, size_t chunk)
{
	struct memrd m = { p, len, 0, chunk };
	struct bi_fwd_reader r = { mem_read, &m };
	struct bi_elf_info *info = NULL;
	struct bi_err *err = NULL;

	if (bi_elf_read(&r, len, &info, &err) < 0) {
		bi_err_free(err);
		return NULL;
	}
	return info;
}

static void test_musl_dynamic64(void **state)
{
	struct mk m = { .is64 = true,
			.type = 3,
			.interp = "/lib/ld-musl-x86_64.so.1",
			.needed = { "libz.so.1", "libc.musl-x86_64.so.1" },
			.runpath = "$ORIGIN/../lib",
			.flags1 = 0x08000000 };
	_cleanup_free_ unsigned char *f = build(&m);
	struct bi_elf_info *i = read_mem(f, m.size, 100);

	assert_non_null(i);
	assert_int_equal(i->elfclass, 64);
	assert_false(i->big_endian);
	assert_int_equal(i->machine, 62);
	assert_int_equal(i->link, BI_ELF_DYNAMIC);
	assert_string_equal(i->interp, "/lib/ld-musl-x86_64.so.1");
	assert_int_equal(i->nneeded, 2);
	assert_string_equal(i->needed[0], "libz.so.1");
	assert_string_equal(i->needed[1], "libc.musl-x86_64.so.1");
	assert_string_equal(i->runpath, "$ORIGIN/../lib");
	assert_null(i->rpath);
	assert_true(i->needed_complete);
	assert_int_equal(i->libc, BI_LIBC_MUSL);
	assert_string_equal(bi_libc_name(i->libc), "musl");
	bi_elf_info_free(i);
}

static void test_glibc_be32(void **state)
{
	struct mk m = { .is64 = false,
			.be = true,
			.type = 2,
			.interp = "/lib/ld.so.1",
			.needed = { "libc.so.6" } };
	_cleanup_free_ unsigned char *f = build(&m);
	struct bi_elf_info *i = NULL;

	assert_int_equal(bi_elf_parse(bi_span_make(f, m.size), &i, NULL), 0);
	assert_int_equal(i->elfclass, 32);
	assert_true(i->big_endian);
	assert_int_equal(i->machine, 20);
	assert_int_equal(i->link, BI_ELF_DYNAMIC);
	assert_int_equal(i->nneeded, 1);
	assert_string_equal(i->needed[0], "libc.so.6");
	assert_int_equal(i->libc, BI_LIBC_GLIBC);
	bi_elf_info_free(i);
}

static void test_static_kinds(void **state)
{
	struct mk st = { .is64 = true, .type = 2, .no_dynamic = true };
	struct mk pie = { .is64 = true, .type = 3, .flags1 = 0x08000000 };
	struct mk so = { .is64 = true, .type = 3, .needed = { "libc.so.6" } };
	_cleanup_free_ unsigned char *a = build(&st), *b = build(&pie), *c = build(&so);
	struct bi_elf_info *i;

	i = read_mem(a, st.size, 4096);
	assert_int_equal(i->link, BI_ELF_STATIC);
	assert_int_equal(i->libc, BI_LIBC_NONE);
	assert_int_equal(i->nneeded, 0);
	bi_elf_info_free(i);
	i = read_mem(b, pie.size, 4096);
	assert_int_equal(i->link, BI_ELF_STATIC_PIE);
	bi_elf_info_free(i);
	i = read_mem(c, so.size, 4096);
	assert_int_equal(i->link, BI_ELF_SHARED);
	assert_int_equal(i->libc, BI_LIBC_GLIBC);
	bi_elf_info_free(i);
}

static void test_go_build_info(void **state)
{
	struct mk m = { .is64 = true,
			.type = 2,
			.no_dynamic = true,
			.go_version = "go1.22.5",
			.gooff = 0x3010,
			.size = 0x4000 };
	_cleanup_free_ unsigned char *f = build(&m);
	struct bi_elf_info *i = read_mem(f, m.size, 333);

	assert_non_null(i);
	assert_int_equal(i->link, BI_ELF_STATIC);
	assert_string_equal(i->go_version, "go1.22.5");
	bi_elf_info_free(i);
}

/* Regions past the kept head are read by skipping forward; behind it they are lost. */
static void test_far_regions(void **state)
{
	size_t big = BI_MAX_ELF_HEADER + 0x10000;
	struct mk fwd = { .is64 = true,
			  .type = 2,
			  .interp = "/lib64/ld-linux-x86-64.so.2",
			  .needed = { "libc.so.6" },
			  .dynoff = big,
			  .stroff = big + 0x1000,
			  .size = big + 0x2000 };
	struct mk back = { .is64 = true,
			   .type = 2,
			   .interp = "/lib64/ld-linux-x86-64.so.2",
			   .needed = { "libc.so.6" },
			   .stroff = big,
			   .dynoff = big + 0x1000,
			   .size = big + 0x2000 };
	_cleanup_free_ unsigned char *a = build(&fwd), *b = build(&back);
	struct bi_elf_info *i;

	i = read_mem(a, fwd.size, 65536);
	assert_int_equal(i->nneeded, 1);
	assert_true(i->needed_complete);
	bi_elf_info_free(i);
	i = read_mem(b, back.size, 65536);
	assert_int_equal(i->link, BI_ELF_DYNAMIC);
	assert_int_equal(i->nneeded, 0);
	assert_false(i->needed_complete);
	bi_elf_info_free(i);
	/* in memory everything is in reach */
	assert_int_equal(bi_elf_parse(bi_span_make(b, back.size), &i, NULL), 0);
	assert_int_equal(i->nneeded, 1);
	assert_true(i->needed_complete);
	bi_elf_info_free(i);
}

/*
 * The string table is read only up to the last string the dynamic section
 * names: a soname, rpath or runpath far past the DT_NEEDED strings must be in
 * that extent (a runpath left out of it was a bug no test caught).
 */
static void test_far_strings(void **state)
{
	static const int tags[] = { 14, 15, 29 };

	for (size_t k = 0; k < BI_ARRAY_SIZE(tags); k++) {
		struct mk m = { .is64 = true,
				.type = 3,
				.interp = "/lib64/ld-linux-x86-64.so.2",
				.needed = { "libc.so.6", "libz.so.1" },
				.soname = "libfar.so.1",
				.rpath = "/opt/rpath/lib",
				.runpath = "$ORIGIN/../lib",
				.far = tags[k],
				.stroff = 0x1000,
				.size = 0x1000 + 3 * BI_MAX_PATH };
		_cleanup_free_ unsigned char *f = build(&m);
		struct bi_elf_info *i;

		for (int pass = 0; pass < 2; pass++) {
			if (pass == 0)
				i = read_mem(f, m.size, 4093); /* streamed, forward only */
			else
				assert_int_equal(bi_elf_parse(bi_span_make(f, m.size), &i, NULL),
						 0);
			assert_non_null(i);
			assert_int_equal(i->nneeded, 2);
			assert_string_equal(i->needed[1], "libz.so.1");
			assert_non_null(i->soname);
			assert_string_equal(i->soname, "libfar.so.1");
			assert_non_null(i->rpath);
			assert_string_equal(i->rpath, "/opt/rpath/lib");
			assert_non_null(i->runpath);
			assert_string_equal(i->runpath, "$ORIGIN/../lib");
			assert_true(i->needed_complete);
			bi_elf_info_free(i);
		}
	}
}

static void test_hostile(void **state)
{
	struct mk m = { .is64 = true,
			.type = 3,
			.interp = "/lib/ld-musl-x86_64.so.1",
			.needed = { "libc.musl-x86_64.so.1" } };
	_cleanup_free_ unsigned char *f = build(&m);
	struct bi_elf_info *i = NULL;
	struct bi_err *err = NULL;

	/* every truncation: an error or a result, never a crash */
	for (size_t n = 0; n < m.size; n += 7) {
		if (bi_elf_parse(bi_span_make(f, n), &i, &err) == 0)
			bi_elf_info_freep(&i);
		bi_err_freep(&err);
		i = read_mem(f, n, 13);
		bi_elf_info_freep(&i);
	}
	assert_int_equal(bi_elf_parse(BI_SPAN_LIT("#!/bin/sh\n"), &i, &err), BI_EFORMAT);
	assert_string_equal(bi_err_msg(err), "not an ELF file");
	bi_err_freep(&err);
	/* absurd program header count and offsets */
	put(f + 56, 0xffff, 2, false);
	assert_int_equal(bi_elf_parse(bi_span_make(f, m.size), &i, &err), BI_EFORMAT);
	bi_err_freep(&err);
	put(f + 56, 3, 2, false);
	put(f + 32, UINT64_MAX - 8, 8, false);
	assert_int_equal(bi_elf_parse(bi_span_make(f, m.size), &i, &err), BI_EFORMAT);
	bi_err_freep(&err);
	/* a dynamic entry pointing far outside */
	put(f + 32, 64, 8, false);
	for (size_t off = 64 + 8; off < 64 + 3 * 56; off += 8) {
		unsigned char save[8];
		memcpy(save, f + off, 8);
		put(f + off, UINT64_MAX / 3, 8, false);
		if (bi_elf_parse(bi_span_make(f, m.size), &i, &err) == 0)
			bi_elf_info_freep(&i);
		bi_err_freep(&err);
		memcpy(f + off, save, 8);
	}
}

struct fdrd {
	int fd;
};

static ssize_t fd_read(void *ctx, void *buf, size_t len)
{
	struct fdrd *r = ctx;
	if (len > 4093)
		len = 4093; /* odd short reads */
	return read(r->fd, buf, len);
}

static struct bi_elf_info *read_host(const char *path)
{
	struct fdrd fr = { open(path, O_RDONLY | O_CLOEXEC) };
	struct bi_fwd_reader r = { fd_read, &fr };
	struct bi_elf_info *info = NULL;
	struct bi_err *err = NULL;
	struct stat st;

	if (fr.fd < 0)
		return NULL;
	assert_int_equal(fstat(fr.fd, &st), 0);
	assert_int_equal(bi_elf_read(&r, (uint64_t)st.st_size, &info, &err), 0);
	close(fr.fd);
	return info;
}

static void test_host_binaries(void **state)
{
	struct bi_elf_info *i = read_host("/bin/ls");
	bool found = false;

	assert_non_null(i); /* a Debian host (scripts/install-deps.sh) has /bin/ls */
	assert_int_equal(i->link, BI_ELF_DYNAMIC);
	assert_int_equal(i->libc, BI_LIBC_GLIBC);
	assert_non_null(strstr(i->interp, "ld-linux"));
	for (size_t k = 0; k < i->nneeded; k++)
		found |= strcmp(i->needed[k], "libc.so.6") == 0;
	assert_true(found);
	bi_elf_info_free(i);

	i = read_host("/usr/lib/x86_64-linux-gnu/libc.so.6");
	assert_non_null(i);
	assert_string_equal(i->soname, "libc.so.6");
	assert_int_equal(i->libc, BI_LIBC_GLIBC);
	bi_elf_info_free(i);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_musl_dynamic64), cmocka_unit_test(test_glibc_be32),
		cmocka_unit_test(test_static_kinds),   cmocka_unit_test(test_go_build_info),
		cmocka_unit_test(test_far_regions),    cmocka_unit_test(test_far_strings),
		cmocka_unit_test(test_hostile),	       cmocka_unit_test(test_host_binaries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
