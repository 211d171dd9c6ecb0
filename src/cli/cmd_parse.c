/* SPDX-License-Identifier: MIT */
#include "cli/cli.h"

int cmd_parse(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("'parse' is not implemented yet");
	return BI_EXIT_INTERNAL;
}
