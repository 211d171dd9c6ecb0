/* SPDX-License-Identifier: MIT */
#ifndef BI_ELF_H
#define BI_ELF_H

/*
 * ELF headers read from a forward-only stream (a file inside a layer as it
 * streams past): type, machine, static / static-pie / dynamic, PT_INTERP,
 * DT_NEEDED, RPATH/RUNPATH, SONAME, libc flavour, Go build info. Only bounded
 * parts of the file are buffered (util/limits.h BI_MAX_ELF_*).
 */
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "util/span.h"

struct bi_err;

/* Forward-only reader: read up to len bytes; 0 at end, negative BI_E* on error. */
struct bi_fwd_reader {
	ssize_t (*read)(void *ctx, void *buf, size_t len);
	void *ctx;
};

enum bi_elf_link {
	BI_ELF_STATIC,	   /* ET_EXEC without PT_INTERP */
	BI_ELF_STATIC_PIE, /* ET_DYN, no PT_INTERP, DF_1_PIE or an entry point, no DT_NEEDED */
	BI_ELF_DYNAMIC,	   /* has PT_INTERP */
	BI_ELF_SHARED,	   /* a shared library (ET_DYN without PT_INTERP, not PIE) */
	BI_ELF_OTHER,	   /* relocatable, core */
	BI_ELF_LINK__MAX,
};

enum bi_libc {
	BI_LIBC_NONE,
	BI_LIBC_GLIBC,
	BI_LIBC_MUSL,
	BI_LIBC_UNKNOWN,
	BI_LIBC__MAX,
};

struct bi_elf_info {
	uint8_t elfclass; /* 32 or 64 */
	bool big_endian;
	uint16_t type;	  /* ET_* */
	uint16_t machine; /* EM_* */
	enum bi_elf_link link;
	char *interp; /* PT_INTERP, or NULL */
	char **needed;
	size_t nneeded;
	bool needed_complete; /* false when the string table was out of reach */
	char *rpath;
	char *runpath;
	char *soname;
	enum bi_libc libc; /* from the interpreter or the libc it needs */
	char *go_version;  /* "go1.22.5" from Go build info, or NULL */
};

/* BI_EFORMAT when the stream is not an ELF file or is malformed. */
int bi_elf_read(struct bi_fwd_reader *r, uint64_t size, struct bi_elf_info **ret,
		struct bi_err **err);
/* The same over bytes in memory. */
int bi_elf_parse(struct bi_span data, struct bi_elf_info **ret, struct bi_err **err);
void bi_elf_info_free(struct bi_elf_info *info);
void bi_elf_info_freep(struct bi_elf_info **info);
const char *bi_libc_name(enum bi_libc libc); /* "glibc", "musl", "none", "unknown" */

#endif
