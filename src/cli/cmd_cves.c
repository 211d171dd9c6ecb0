/* SPDX-License-Identifier: MIT */
#include "cli/cli.h"

int cmd_cves(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("'cves' is not implemented yet");
	return BI_EXIT_INTERNAL;
}
