/* SPDX-License-Identifier: MIT */
#ifndef BI_UTIL_COMMON_H
#define BI_UTIL_COMMON_H

/*
 * The first project header every library .c file includes (git's
 * git-compat-util.h). It pulls in the usual system headers, then the util
 * building blocks, then banned.h last. Include further system headers
 * *before* this one.
 */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <baseimg/error.h>

#include "util/buf.h"
#include "util/cleanup.h"
#include "util/limits.h"
#include "util/span.h"
#include "util/xalloc.h"

#include "util/banned.h"

#endif
