/* SPDX-License-Identifier: MIT */
#ifndef BI_TEST_H
#define BI_TEST_H

/* Common includes for cmocka unit tests. Include this first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "util/common.h"

/*
 * Path under ../shared (BI_SHARED), or NULL when that tree or the file is
 * absent: tests that need it call skip() then, and count as skipped.
 */
static inline char *bi_test_shared(const char *rel)
{
	const char *root = getenv("BI_SHARED");
	struct stat st;
	char *p;

	if (!root)
		return NULL;
	p = bi_xasprintf("%s/%s", root, rel);
	if (stat(p, &st) != 0) {
		free(p);
		return NULL;
	}
	return p;
}

/* Path under the source tree (BI_SRCDIR, else "."). */
static inline char *bi_test_src(const char *rel)
{
	const char *root = getenv("BI_SRCDIR");
	return bi_xasprintf("%s/%s", root ? root : ".", rel);
}

#endif
