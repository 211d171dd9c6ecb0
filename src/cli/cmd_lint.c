/* SPDX-License-Identifier: MIT */
#include "cli/cli.h"

int cmd_lint(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("'lint' is not implemented yet");
	return BI_EXIT_INTERNAL;
}
