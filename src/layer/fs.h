/* SPDX-License-Identifier: MIT */
#ifndef BI_LAYER_FS_H
#define BI_LAYER_FS_H

/*
 * The merged view of an image's layers (whiteouts applied): every path with
 * its metadata and the layer that last wrote it. Nothing is extracted to
 * disk. Content is kept only for the files the analysis asks for (see
 * bi_keep_policy in src/analyze/keep.c); ELF files are parsed while they
 * stream past and only their bi_elf_info is stored.
 *
 * Paths are normalised: relative to the image root, no leading "/", no "."
 * or ".." components, no trailing "/" ("usr/bin/python3"); the root is "".
 */
#include <stdbool.h>
#include <stdint.h>

#include "util/span.h"

struct bi_err;
struct bi_elf_info;

enum bi_ftype {
	BI_F_REG,
	BI_F_DIR,
	BI_F_SYMLINK,
	BI_F_HARDLINK,
	BI_F_CHAR,
	BI_F_BLOCK,
	BI_F_FIFO,
	BI_F_OTHER,
	BI_F__MAX,
};

struct bi_fentry {
	const char *path;
	enum bi_ftype type;
	uint32_t mode; /* permission bits (07777) */
	uint32_t uid, gid;
	uint64_t size;
	const char *link;	       /* symlink target as stored, or hard link's target path */
	int layer;		       /* index of the layer that last wrote this path */
	struct bi_span content;	       /* kept content (ptr NULL when not kept) */
	const struct bi_elf_info *elf; /* parsed ELF headers, or NULL */
};

struct bi_fs;

/* Exact lookup, symlinks not followed. NULL when absent. */
const struct bi_fentry *bi_fs_lookup(const struct bi_fs *fs, const char *path);
/*
 * Resolve `path` inside the image root, following symlinks (absolute targets
 * restart at the image root, ".." stops at the root, as under chroot). Hard
 * links resolve to their target. BI_ENOTFOUND when a component is missing,
 * BI_ELIMIT past BI_MAX_SYMLINK_HOPS (a loop). Never touches the host.
 */
int bi_fs_resolve(const struct bi_fs *fs, const char *path, const struct bi_fentry **ret,
		  struct bi_err **err);
/* Entries sorted by path (byte order); i < bi_fs_count(fs). */
size_t bi_fs_count(const struct bi_fs *fs);
const struct bi_fentry *bi_fs_at(const struct bi_fs *fs, size_t i);
/* Index of the first entry whose path starts with `prefix` (for listing a folder). */
size_t bi_fs_lower_bound(const struct bi_fs *fs, const char *prefix);

/*
 * Bytes that layers carry but the final filesystem does not show: a regular
 * file a layer wrote and an upper layer deleted (whiteout, opaque folder, a
 * file replacing its folder) or overwrote. A path written twice within one
 * layer counts once (the tar's last entry), as dive counts it.
 */
struct bi_fs_waste {
	const char *path; /* borrowed from the view */
	uint64_t size;
	int layer;    /* the layer that wrote it */
	int by_layer; /* the layer that deleted or replaced it */
	bool deleted; /* deleted (true) or overwritten (false) */
};
#define BI_FS_TOP_WASTE 10 /* largest wasted files kept by the view */

/* Wasted bytes written by `layer` (0 for a layer that wasted nothing). */
uint64_t bi_fs_layer_wasted(const struct bi_fs *fs, size_t layer);
/* The largest wasted files, largest first (then path, layer), at most BI_FS_TOP_WASTE. */
const struct bi_fs_waste *bi_fs_top_waste(const struct bi_fs *fs, size_t *ret_n);

/* What the walker keeps of a regular file (decided by src/analyze/keep.c). */
enum bi_keep {
	BI_KEEP_NONE,	 /* metadata only */
	BI_KEEP_CONTENT, /* whole content, up to BI_MAX_KEPT_FILE (larger: an error) */
	BI_KEEP_ELF,	 /* parse as ELF if it starts with the ELF magic */
	BI_KEEP__MAX,
};
enum bi_keep bi_keep_policy(const char *path, uint32_t mode, uint64_t size);

#endif
