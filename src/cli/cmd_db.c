/* SPDX-License-Identifier: MIT */
#include "cli/cli.h"

int cmd_db(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("'db' is not implemented yet");
	return BI_EXIT_INTERNAL;
}
