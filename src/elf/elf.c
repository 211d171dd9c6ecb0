/* SPDX-License-Identifier: MIT */
/*
 * ELF headers from a forward-only stream (a file inside a layer tar as it
 * streams past). Bounded buffering: the first BI_MAX_ELF_HEADER bytes are
 * kept; later regions (PT_DYNAMIC, the dynamic string table, the start of a
 * Go binary's data segment) are reached by skipping forward and reading only
 * them, each under its own cap (util/limits.h). A region that lies behind the
 * stream position and outside what was kept cannot be read again: then the
 * result says needed_complete = false instead of failing.
 */
#include "util/common.h"
#include "elf/elf.h"

enum {
	ET_REL_ = 1,
	ET_EXEC_ = 2,
	ET_DYN_ = 3,
	PT_LOAD_ = 1,
	PT_DYNAMIC_ = 2,
	PT_INTERP_ = 3,
	PT_NOTE_ = 4,
	PF_X_ = 1,
	PF_W_ = 2,
	DT_NULL_ = 0,
	DT_NEEDED_ = 1,
	DT_STRTAB_ = 5,
	DT_STRSZ_ = 10,
	DT_SONAME_ = 14,
	DT_RPATH_ = 15,
	DT_RUNPATH_ = 29,
};
#define DT_FLAGS_1_ 0x6ffffffbu
#define DF_1_PIE_ 0x08000000u
#define MAX_CHUNKS 4

struct chunk {
	uint64_t off;
	unsigned char *p;
	size_t len;
};

struct rd {
	struct bi_fwd_reader *r; /* NULL: everything is in head */
	uint64_t size;
	uint64_t pos; /* stream position */
	const unsigned char *head;
	size_t headlen;
	struct chunk chunks[MAX_CHUNKS];
	size_t nchunks;
	bool be, is64;
};

struct phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, filesz;
};

static int read_full(struct rd *d, void *buf, size_t len, struct bi_err **err)
{
	unsigned char *p = buf;

	while (len) {
		ssize_t n = d->r->read(d->r->ctx, p, len);
		if (n < 0)
			return bi_err_set(err, n >= INT_MIN && n < 0 && n != -1 ? (int)n : BI_EIO,
					  "reading the ELF file failed at byte %" PRIu64, d->pos);
		if (n == 0)
			return bi_err_set(err, BI_EFORMAT,
					  "ELF file ends early (at byte %" PRIu64 ")", d->pos);
		p += n;
		len -= (size_t)n;
		d->pos += (uint64_t)n;
	}
	return 0;
}

static int skip_to(struct rd *d, uint64_t off, struct bi_err **err)
{
	unsigned char scratch[16384];

	while (d->pos < off) {
		uint64_t left = off - d->pos;
		size_t n = left < sizeof(scratch) ? (size_t)left : sizeof(scratch);
		int r = read_full(d, scratch, n, err);
		if (r < 0)
			return r;
	}
	return 0;
}

/*
 * Bytes [off, off+len) of the file: from the kept head, a chunk read earlier,
 * or the stream (skipping forward). 1: *ret points at them; 0: out of reach
 * (behind the stream position, or past the end of the file); negative: error.
 */
static int fetch(struct rd *d, uint64_t off, size_t len, const unsigned char **ret,
		 struct bi_err **err)
{
	struct chunk *c;
	int r;

	if (off > d->size || len > d->size - off)
		return 0;
	if (off + len <= d->headlen) {
		*ret = d->head + off;
		return 1;
	}
	for (size_t i = 0; i < d->nchunks; i++) {
		c = &d->chunks[i];
		if (off >= c->off && off + len <= c->off + c->len) {
			*ret = c->p + (off - c->off);
			return 1;
		}
	}
	if (!d->r || off < d->pos || d->nchunks == MAX_CHUNKS)
		return 0;
	r = skip_to(d, off, err);
	if (r < 0)
		return r;
	c = &d->chunks[d->nchunks];
	c->p = bi_xmalloc(len ? len : 1);
	r = read_full(d, c->p, len, err);
	if (r < 0) {
		free(c->p);
		return r;
	}
	c->off = off;
	c->len = len;
	d->nchunks++;
	*ret = c->p;
	return 1;
}

static uint16_t get16(const struct rd *d, const unsigned char *p)
{
	return d->be ? (uint16_t)(p[0] << 8 | p[1]) : (uint16_t)(p[1] << 8 | p[0]);
}

static uint32_t get32(const struct rd *d, const unsigned char *p)
{
	if (d->be)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static uint64_t get64(const struct rd *d, const unsigned char *p)
{
	uint64_t hi = get32(d, d->be ? p : p + 4), lo = get32(d, d->be ? p + 4 : p);
	return hi << 32 | lo;
}

static uint64_t getaddr(const struct rd *d, const unsigned char *p)
{
	return d->is64 ? get64(d, p) : get32(d, p);
}

void bi_elf_info_free(struct bi_elf_info *info)
{
	if (!info)
		return;
	free(info->interp);
	for (size_t i = 0; i < info->nneeded; i++)
		free(info->needed[i]);
	free(info->needed);
	free(info->rpath);
	free(info->runpath);
	free(info->soname);
	free(info->go_version);
	free(info);
}

void bi_elf_info_freep(struct bi_elf_info **info)
{
	bi_elf_info_free(*info);
	*info = NULL;
}

const char *bi_libc_name(enum bi_libc libc)
{
	switch (libc) {
	case BI_LIBC_GLIBC:
		return "glibc";
	case BI_LIBC_MUSL:
		return "musl";
	case BI_LIBC_UNKNOWN:
		return "unknown";
	case BI_LIBC_NONE:
	case BI_LIBC__MAX:
		break;
	}
	return "none";
}

static enum bi_libc libc_of_name(const char *s)
{
	const char *base = strrchr(s, '/');

	base = base ? base + 1 : s;
	if (strncmp(base, "ld-musl-", 8) == 0 || strncmp(base, "libc.musl-", 10) == 0)
		return BI_LIBC_MUSL;
	if (strncmp(base, "ld-linux", 8) == 0 || strcmp(base, "libc.so.6") == 0 ||
	    strncmp(base, "ld64.so.", 8) == 0 || strcmp(base, "ld.so.1") == 0)
		return BI_LIBC_GLIBC;
	return BI_LIBC_NONE;
}

/* A NUL-terminated string inside [p, p+len), or NULL. */
static char *dup_cstr(const unsigned char *p, size_t len)
{
	const unsigned char *nul = memchr(p, 0, len);

	if (!nul)
		return NULL;
	return bi_xstrndup((const char *)p, (size_t)(nul - p));
}

/* The Go toolchain writes a "Go" note (type 4, the build ID) into PT_NOTE. */
static bool has_go_note(struct rd *d, const struct phdr *ph)
{
	const unsigned char *p;
	size_t len = ph->filesz, i = 0;

	if (len > 4096 || ph->offset > d->headlen || len > d->headlen - ph->offset)
		return false;
	p = d->head + ph->offset;
	while (i + 12 <= len) {
		uint32_t namesz = get32(d, p + i), descsz = get32(d, p + i + 4);
		uint32_t type = get32(d, p + i + 8);
		size_t nlen = ((size_t)namesz + 3) & ~(size_t)3,
		       dlen = ((size_t)descsz + 3) & ~(size_t)3;
		if (namesz > len || descsz > len)
			return false;
		if (type == 4 && (namesz == 3 || namesz == 4) && i + 15 <= len &&
		    memcmp(p + i + 12, "Go", 3) == 0)
			return true;
		i += 12 + nlen + dlen;
	}
	return false;
}

/* Go >= 1.18 build info: "\xff Go buildinf:" at a 16-byte boundary, version inline. */
static char *go_version_in(const unsigned char *p, size_t len, uint64_t fileoff)
{
	static const char magic[] = "\xff Go buildinf:";

	/* 16-byte aligned in memory, and file offsets keep the vaddr's alignment */
	for (size_t i = (16 - fileoff % 16) % 16; i + 32 < len; i += 16) {
		uint64_t n = 0;
		size_t j;
		int shift = 0;

		if (memcmp(p + i, magic, 14) != 0)
			continue;
		if (!(p[i + 15] & 2))
			return NULL; /* pre-1.18 layout: pointers into memory, not read */
		for (j = i + 32; j < len && shift < 63; j++, shift += 7) {
			n |= (uint64_t)(p[j] & 0x7f) << shift;
			if (!(p[j] & 0x80))
				break;
		}
		j++;
		if (j >= len || n == 0 || n > 64 || n > len - j)
			return NULL;
		if (memcmp(p + j, "go", 2) != 0)
			return NULL;
		return bi_xstrndup((const char *)p + j, (size_t)n);
	}
	return NULL;
}

static bool vaddr_to_off(const struct phdr *ph, size_t nph, uint64_t addr, uint64_t *ret)
{
	for (size_t i = 0; i < nph; i++) {
		if (ph[i].type != PT_LOAD_)
			continue;
		if (addr >= ph[i].vaddr && addr - ph[i].vaddr < ph[i].filesz) {
			*ret = ph[i].offset + (addr - ph[i].vaddr);
			return true;
		}
	}
	return false;
}

struct dyn {
	uint64_t strtab, strsz, flags1;
	bool has_strtab;
	uint64_t needed[BI_MAX_ELF_NEEDED];
	size_t nneeded;
	bool needed_overflow;
	uint64_t soname, rpath, runpath;
	bool has_soname, has_rpath, has_runpath;
};

static void parse_dynamic(struct rd *d, const unsigned char *p, size_t len, struct dyn *dy)
{
	size_t esz = d->is64 ? 16 : 8;

	for (size_t i = 0; i + esz <= len; i += esz) {
		uint64_t tag = getaddr(d, p + i), val = getaddr(d, p + i + esz / 2);
		if (tag == DT_NULL_)
			break;
		switch (tag) {
		case DT_NEEDED_:
			if (dy->nneeded < BI_MAX_ELF_NEEDED)
				dy->needed[dy->nneeded++] = val;
			else
				dy->needed_overflow = true;
			break;
		case DT_STRTAB_:
			dy->strtab = val;
			dy->has_strtab = true;
			break;
		case DT_STRSZ_:
			dy->strsz = val;
			break;
		case DT_SONAME_:
			dy->soname = val;
			dy->has_soname = true;
			break;
		case DT_RPATH_:
			dy->rpath = val;
			dy->has_rpath = true;
			break;
		case DT_RUNPATH_:
			dy->runpath = val;
			dy->has_runpath = true;
			break;
		case DT_FLAGS_1_:
			dy->flags1 = val;
			break;
		default:
			break;
		}
	}
}

static char *str_at(const unsigned char *tab, size_t len, uint64_t off, bool *complete)
{
	char *s;

	if (!tab || off >= len) {
		*complete = false;
		return NULL;
	}
	s = dup_cstr(tab + off, len - (size_t)off);
	if (!s)
		*complete = false;
	return s;
}

static int parse(struct rd *d, struct bi_elf_info **ret, struct bi_err **err)
{
	_cleanup_(bi_elf_info_freep) struct bi_elf_info *info = NULL;
	_cleanup_free_ struct phdr *ph = NULL;
	_cleanup_free_ struct dyn *dy = NULL;
	const unsigned char *e = d->head, *p, *tab = NULL;
	const struct phdr *dynph = NULL, *dataph = NULL;
	uint64_t phoff, entry, taboff = 0, tablen = 0;
	uint16_t phentsize, phnum;
	bool go = false;
	int r;

	if (d->headlen < 16 || memcmp(e,
				      "\x7f"
				      "ELF",
				      4) != 0)
		return bi_err_set(err, BI_EFORMAT, "not an ELF file");
	if ((e[4] != 1 && e[4] != 2) || (e[5] != 1 && e[5] != 2) || e[6] != 1)
		return bi_err_set(err, BI_EFORMAT, "ELF header: bad class, byte order or version");
	d->is64 = e[4] == 2;
	d->be = e[5] == 2;
	if (d->headlen < (d->is64 ? 64u : 52u))
		return bi_err_set(err, BI_EFORMAT, "ELF header truncated");
	info = bi_xcalloc(1, sizeof(*info));
	info->elfclass = d->is64 ? 64 : 32;
	info->big_endian = d->be;
	info->type = get16(d, e + 16);
	info->machine = get16(d, e + 18);
	info->needed_complete = true;
	entry = getaddr(d, e + 24);
	phoff = d->is64 ? get64(d, e + 32) : get32(d, e + 28);
	phentsize = get16(d, e + (d->is64 ? 54 : 42));
	phnum = get16(d, e + (d->is64 ? 56 : 44));
	if (phnum > BI_MAX_ELF_PHDRS)
		return bi_err_set(err, BI_EFORMAT, "ELF header: %u program headers (cap %d)", phnum,
				  BI_MAX_ELF_PHDRS);
	if (phnum && phentsize < (d->is64 ? 56 : 32))
		return bi_err_set(err, BI_EFORMAT, "ELF header: program header size %u too small",
				  phentsize);
	ph = bi_xcalloc(phnum ? phnum : 1, sizeof(*ph));
	if (phnum) {
		r = fetch(d, phoff, (size_t)phnum * phentsize, &p, err);
		if (r < 0)
			return r;
		if (r == 0)
			return bi_err_set(err, BI_EFORMAT,
					  "ELF program headers at %" PRIu64 " out of reach", phoff);
		for (size_t i = 0; i < phnum; i++) {
			const unsigned char *q = p + i * phentsize;
			ph[i].type = get32(d, q);
			if (d->is64) {
				ph[i].flags = get32(d, q + 4);
				ph[i].offset = get64(d, q + 8);
				ph[i].vaddr = get64(d, q + 16);
				ph[i].filesz = get64(d, q + 32);
			} else {
				ph[i].offset = get32(d, q + 4);
				ph[i].vaddr = get32(d, q + 8);
				ph[i].filesz = get32(d, q + 16);
				ph[i].flags = get32(d, q + 24);
			}
		}
	}
	for (size_t i = 0; i < phnum; i++) {
		if (ph[i].type == PT_INTERP_ && !info->interp) {
			size_t len =
				ph[i].filesz > BI_MAX_PATH ? BI_MAX_PATH : (size_t)ph[i].filesz;
			r = fetch(d, ph[i].offset, len, &p, err);
			if (r < 0)
				return r;
			if (r > 0)
				info->interp = dup_cstr(p, len);
			if (!info->interp)
				return bi_err_set(err, BI_EFORMAT, "ELF PT_INTERP unreadable");
		} else if (ph[i].type == PT_DYNAMIC_ && !dynph) {
			dynph = &ph[i];
		} else if (ph[i].type == PT_NOTE_ && !go) {
			go = has_go_note(d, &ph[i]);
		} else if (ph[i].type == PT_LOAD_ && !dataph &&
			   (ph[i].flags & (PF_X_ | PF_W_)) == PF_W_) {
			dataph = &ph[i];
		}
	}
	if (!go)
		dataph = NULL;
	/* Forward-only: read the later regions in file order. */
	{
		const struct phdr *order[2] = { dynph, dataph };
		if (dynph && dataph && dataph->offset < dynph->offset) {
			order[0] = dataph;
			order[1] = dynph;
		}
		for (size_t k = 0; k < 2; k++) {
			const struct phdr *q = order[k];
			size_t cap = q == dynph ? BI_MAX_ELF_DYNAMIC : BI_MAX_ELF_GO_SCAN;
			size_t len;

			if (!q)
				continue;
			len = q->filesz > cap ? cap : (size_t)q->filesz;
			r = fetch(d, q->offset, len, &p, err);
			if (r < 0)
				return r;
			if (q == dataph) {
				if (r > 0)
					info->go_version = go_version_in(p, len, q->offset);
				continue;
			}
			dy = bi_xcalloc(1, sizeof(*dy));
			if (r > 0)
				parse_dynamic(d, p, len, dy);
			else
				info->needed_complete = false;
		}
	}
	if (dy && dy->has_strtab && vaddr_to_off(ph, phnum, dy->strtab, &taboff)) {
		/* only up to the last string we need */
		uint64_t need = dy->soname > dy->rpath ? dy->soname : dy->rpath;
		if (dy->runpath > need)
			need = dy->runpath;
		for (size_t i = 0; i < dy->nneeded; i++)
			if (dy->needed[i] > need)
				need = dy->needed[i];
		tablen = need + BI_MAX_PATH;
		if (dy->strsz && tablen > dy->strsz)
			tablen = dy->strsz;
		if (tablen > BI_MAX_ELF_STRTAB)
			tablen = BI_MAX_ELF_STRTAB;
		if (taboff < d->size && tablen > d->size - taboff)
			tablen = d->size - taboff;
		r = fetch(d, taboff, (size_t)tablen, &tab, err);
		if (r < 0)
			return r;
		if (r == 0)
			tab = NULL;
	}
	if (dy) {
		bool complete = !dy->needed_overflow;
		if (dy->nneeded) {
			info->needed = bi_xcalloc(dy->nneeded, sizeof(char *));
			for (size_t i = 0; i < dy->nneeded; i++) {
				char *s = str_at(tab, (size_t)tablen, dy->needed[i], &complete);
				if (s)
					info->needed[info->nneeded++] = s;
			}
		}
		if (dy->has_soname)
			info->soname = str_at(tab, (size_t)tablen, dy->soname, &complete);
		if (dy->has_rpath)
			info->rpath = str_at(tab, (size_t)tablen, dy->rpath, &complete);
		if (dy->has_runpath)
			info->runpath = str_at(tab, (size_t)tablen, dy->runpath, &complete);
		info->needed_complete = info->needed_complete && complete;
	}

	/* Link kind. */
	if (info->type == ET_EXEC_)
		info->link = info->interp ? BI_ELF_DYNAMIC : BI_ELF_STATIC;
	else if (info->type == ET_DYN_)
		info->link = info->interp		      ? BI_ELF_DYNAMIC :
			     (dy && (dy->flags1 & DF_1_PIE_)) ? BI_ELF_STATIC_PIE :
			     (!dynph && !dy && entry != 0)    ? BI_ELF_STATIC_PIE :
								BI_ELF_SHARED;
	else
		info->link = BI_ELF_OTHER;

	/* libc flavour: the interpreter, else the libc it needs, else its own soname. */
	info->libc = BI_LIBC_NONE;
	if (info->interp)
		info->libc = libc_of_name(info->interp);
	for (size_t i = 0; i < info->nneeded && info->libc == BI_LIBC_NONE; i++)
		info->libc = libc_of_name(info->needed[i]);
	if (info->libc == BI_LIBC_NONE && info->soname)
		info->libc = libc_of_name(info->soname);
	if (info->libc == BI_LIBC_NONE && info->link == BI_ELF_DYNAMIC)
		info->libc = BI_LIBC_UNKNOWN;
	*ret = TAKE_PTR(info);
	return 0;
}

static void rd_release(struct rd *d)
{
	for (size_t i = 0; i < d->nchunks; i++)
		free(d->chunks[i].p);
	d->nchunks = 0;
}

int bi_elf_read(struct bi_fwd_reader *r, uint64_t size, struct bi_elf_info **ret,
		struct bi_err **err)
{
	_cleanup_free_ unsigned char *head = NULL;
	struct rd d = { .r = r, .size = size };
	size_t want = size < BI_MAX_ELF_HEADER ? (size_t)size : BI_MAX_ELF_HEADER;
	int rc;

	head = bi_xmalloc(want ? want : 1);
	rc = read_full(&d, head, want, err);
	if (rc < 0)
		return rc;
	d.head = head;
	d.headlen = want;
	rc = parse(&d, ret, err);
	rd_release(&d);
	return rc;
}

int bi_elf_parse(struct bi_span data, struct bi_elf_info **ret, struct bi_err **err)
{
	struct rd d = { .size = data.len,
			.head = (const unsigned char *)data.ptr,
			.headlen = data.len };
	int rc = parse(&d, ret, err);

	rd_release(&d);
	return rc;
}
