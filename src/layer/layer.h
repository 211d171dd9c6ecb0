/* SPDX-License-Identifier: MIT */
#ifndef BI_LAYER_LAYER_H
#define BI_LAYER_LAYER_H

/*
 * Building the merged view (layer/fs.h) from layers, for src/image/:
 *   - bi_lentries collects one layer's entries as they stream past (paths
 *     normalised, whiteouts recorded, kept files read, ELF headers parsed);
 *     it is filled by one thread;
 *   - bi_fs_apply() merges one layer's entries over the view in layer order,
 *     applying its whiteouts; bi_fs_finish() adds implied parent folders.
 */
#include <stdint.h>

#include "layer/fs.h"
#include "layer/walk.h"

struct bi_err;
struct bi_istream;
struct bi_lentries;

/*
 * Normalise a path from a tar header or a link: relative to the root, no
 * "." or empty components, ".." applied. A leading "/" is dropped (the path
 * is clamped into the root, as Docker does); *ret_escapes is set when ".."
 * climbs above the root (the ".." past the root are dropped). Returns the
 * cleaned path (caller frees).
 */
char *bi_path_clean(const char *path, bool *ret_absolute, bool *ret_escapes);

struct bi_lentries *bi_lentries_new(int layer, const char *name);
void bi_lentries_free(struct bi_lentries *le);
void bi_lentries_freep(struct bi_lentries **le);
/*
 * Add one entry of the layer: ".wh." names become whiteouts, ".." escapes
 * are BI_EFORMAT (Docker's "breakout" error), absolute names are clamped
 * with a warning. Regular files are offered to bi_keep_policy(); kept
 * content is read from `content` (capped by BI_MAX_KEPT_FILE), ELF headers
 * are parsed by bi_elf_read().
 */
int bi_lentries_add(struct bi_lentries *le, const struct bi_walk_entry *e,
		    struct bi_fwd_reader *content, struct bi_err **err);
/* Walk a tar stream into a new bi_lentries (bi_tar_walk + bi_lentries_add). */
int bi_lentries_from_tar(struct bi_istream *tar, int layer, const char *name,
			 const volatile int *cancel, struct bi_lentries **ret,
			 uint64_t *ret_entries, struct bi_err **err);
/* Stop a walk early from another thread (checked between entries). */
void bi_lentries_set_cancel(struct bi_lentries *le, const volatile int *cancel);
uint64_t bi_lentries_count(const struct bi_lentries *le);

struct bi_fs *bi_fs_new(void);
void bi_fs_free(struct bi_fs *fs);
void bi_fs_freep(struct bi_fs **fs);
/* Merge a layer over the view (its whiteouts applied first); consumes le. */
int bi_fs_apply(struct bi_fs *fs, struct bi_lentries *le, struct bi_err **err);
/* Add the parent folders the layers implied but did not list; sort. */
int bi_fs_finish(struct bi_fs *fs, struct bi_err **err);
/* Non-fatal findings ("layer 2: absolute path /x clamped into the root"). */
const char *const *bi_fs_warnings(const struct bi_fs *fs, size_t *ret_n);

#endif
