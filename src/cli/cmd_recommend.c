/* SPDX-License-Identifier: MIT */
#include "cli/cli.h"

int cmd_recommend(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	cli_error("'recommend' is not implemented yet");
	return BI_EXIT_INTERNAL;
}
