/* SPDX-License-Identifier: MIT */
#include "cli/cli.h"

int cmd_inspect(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("'inspect' is not implemented yet");
	return BI_EXIT_INTERNAL;
}
