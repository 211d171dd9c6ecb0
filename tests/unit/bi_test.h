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
 * Path under ../shared (BI_SHARED), or NULL when that tree is absent: tests
 * that need it call skip() then, and count as skipped. That is the only
 * reason a test may skip (issue 9 §3): when ../shared is there but the file
 * is not, the test binary stops with an error instead of skipping.
 */
static inline char *bi_test_shared(const char *rel)
{
	const char *root = getenv("BI_SHARED");
	struct stat st;
	char *p;

	if (!root)
		return NULL;
	p = bi_xasprintf("%s/data", root);
	if (stat(p, &st) != 0) {
		free(p);
		return NULL;
	}
	free(p);
	p = bi_xasprintf("%s/%s", root, rel);
	if (stat(p, &st) != 0) {
		fprintf(stderr, "%s: missing, though ../shared (%s) is present\n", p, root);
		printf("not ok - %s is missing\n", rel);
		exit(1);
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
