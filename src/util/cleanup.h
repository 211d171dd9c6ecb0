/* SPDX-License-Identifier: MIT */
#ifndef BI_UTIL_CLEANUP_H
#define BI_UTIL_CLEANUP_H

/*
 * Scoped cleanup (systemd cleanup-fundamental.h, crun utils.h).
 *   _cleanup_free_ char *s = NULL;
 *   _cleanup_(bi_thing_freep) struct bi_thing *t = NULL;
 *   *ret = TAKE_PTR(t);
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define _cleanup_(f) __attribute__((cleanup(f)))
#define _cleanup_free_ _cleanup_(bi_freep)
#define _cleanup_close_ _cleanup_(bi_closep)
#define _cleanup_fclose_ _cleanup_(bi_fclosep)
#define _unused_ __attribute__((unused))

static inline void bi_freep(void *p)
{
	free(*(void **)p);
}

static inline void bi_closep(int *fd)
{
	if (*fd >= 0)
		close(*fd);
}

static inline void bi_fclosep(FILE **f)
{
	if (*f)
		fclose(*f);
}

/* Move ownership out of a cleanup variable: the variable becomes NULL. */
#define TAKE_PTR(p)                        \
	__extension__({                    \
		__typeof__(p) *_pp = &(p); \
		__typeof__(p) _v = *_pp;   \
		*_pp = NULL;               \
		_v;                        \
	})

#define TAKE_FD(fd)                \
	__extension__({            \
		int *_pfd = &(fd); \
		int _v = *_pfd;    \
		*_pfd = -1;        \
		_v;                \
	})

/* Define `name##p(type **p)` that calls `func(*p)` when non-NULL. */
#define DEFINE_TRIVIAL_CLEANUP_FUNC(type, func) \
	static inline void func##p(type *p)     \
	{                                       \
		if (*p)                         \
			func(*p);               \
	}

#endif
