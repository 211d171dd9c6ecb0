/* SPDX-License-Identifier: MIT */
#include "util/common.h"

#include <baseimg/baseimg.h>

#ifndef BI_VERSION
#	define BI_VERSION "unknown"
#endif

const char *bi_version(void)
{
	return BI_VERSION;
}
