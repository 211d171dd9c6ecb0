/* SPDX-License-Identifier: MIT */
#ifndef BI_LAYER_WALK_H
#define BI_LAYER_WALK_H

/*
 * Walking a tar stream with libarchive (pax, GNU long names, hard links,
 * sparse files): walk.c is the only file that uses libarchive. Nothing is
 * written to disk: each entry goes to a callback, which may read the entry's
 * content forward-only before the walk moves on.
 */
#include <stdint.h>

#include "elf/elf.h"
#include "layer/fs.h"

struct bi_err;
struct bi_istream;

struct bi_walk_entry {
	const char *name; /* as stored in the tar (not normalised) */
	enum bi_ftype type;
	uint32_t mode; /* permission bits */
	uint32_t uid, gid;
	uint64_t size;	  /* logical size (sparse files: with holes) */
	const char *link; /* symlink target or hard link target, as stored; else NULL */
};

struct bi_walk_cb {
	/*
	 * Called for every entry. `content` reads a regular file's bytes (holes
	 * of sparse files read as zeros); unread bytes are skipped. A negative
	 * return stops the walk with that error.
	 */
	int (*entry)(void *ctx, const struct bi_walk_entry *e, struct bi_fwd_reader *content,
		     struct bi_err **err);
	void *ctx;
};

/*
 * Walk every entry of the tar read from `in`, then read `in` to its end (so
 * that digests computed below see every byte). `name` prefixes error
 * messages. BI_EFORMAT for a malformed tar, BI_ELIMIT past
 * BI_MAX_TAR_ENTRIES or BI_MAX_PATH; errors from the stream pass through.
 */
int bi_tar_walk(struct bi_istream *in, const char *name, const struct bi_walk_cb *cb,
		uint64_t *ret_entries, struct bi_err **err);

#endif
