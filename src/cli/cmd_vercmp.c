/* SPDX-License-Identifier: MIT */
#include "cli/cli.h"

int cmd_vercmp(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("'vercmp' is not implemented yet");
	return BI_EXIT_INTERNAL;
}
