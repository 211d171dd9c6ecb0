/* SPDX-License-Identifier: MIT */
#ifndef BASEIMG_BASEIMG_H
#define BASEIMG_BASEIMG_H

#include <baseimg/error.h>

/* Documented exit statuses (README "Exit codes"), shared by every command. */
enum bi_exit {
	BI_EXIT_OK = 0,	      /* clean */
	BI_EXIT_FINDINGS = 1, /* findings at or above the threshold */
	BI_EXIT_USAGE = 2,    /* bad command line */
	BI_EXIT_INPUT = 3,    /* unreadable, corrupt or unparsable input */
	BI_EXIT_NET = 4,      /* network or registry failure */
	BI_EXIT_INTERNAL = 5, /* internal error */
};

const char *bi_version(void);

#endif
