/* SPDX-License-Identifier: MIT */
#ifndef BI_ANALYZE_LDSO_H
#define BI_ANALYZE_LDSO_H

/*
 * Where the image's dynamic loader looks for a DT_NEEDED library, as ld.so(8)
 * and musl's ldso/dynlink.c do: DT_RPATH (when there is no DT_RUNPATH),
 * LD_LIBRARY_PATH from the config, DT_RUNPATH ($ORIGIN expanded), then for
 * glibc the ld.so.conf folders (with include globs) and the default and
 * multiarch folders, for musl /etc/ld-musl-ARCH.path or its default path.
 */
#include "analyze/analyze.h"
#include "analyze/view.h"

#define BI_LDSO_MAX_DIRS 256

struct bi_ldso {
	enum bi_libc flavour;
	char *dirs[BI_LDSO_MAX_DIRS]; /* system folders, no leading "/" */
	size_t ndirs;
	char *ld_library_path;
	char *musl_ldso; /* lib/ld-musl-ARCH.so.1: musl's libc, libm, ... */
};

void bi_ldso_init(struct bi_ldso *l, const struct bi_analysis *a, const struct bi_view *v,
		  enum bi_libc flavour, uint16_t machine);
void bi_ldso_release(struct bi_ldso *l);
/*
 * Find `needed` for the object `obj` at `obj_path` (normalised, resolved).
 * Returns the library's entry, or NULL when the loader would not find it.
 * Libraries of another ELF class or machine are skipped, as ld.so does.
 */
const struct bi_fentry *bi_ldso_find(const struct bi_ldso *l, const struct bi_view *v,
				     const struct bi_elf_info *obj, const char *obj_path,
				     const char *needed);

#endif
