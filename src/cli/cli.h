/* SPDX-License-Identifier: MIT */
#ifndef BI_CLI_H
#define BI_CLI_H

/*
 * Shared by the command files (git builtin.h). The CLI is not limited to the
 * public headers in include/baseimg/ (baseimg.h, error.h): the command files
 * include the modules' internal headers (image/, analyze/, vuln/, lint/,
 * report/, kb/, recommend/, dockerfile/, pkgdb/, util/) and use their structs
 * directly. Moving those types behind opaque handles in include/baseimg/ is
 * not done; until it is, this is the truth (issue 9 section 4).
 */
#include <stdbool.h>
#include <stdio.h>

#include <baseimg/baseimg.h>

#include "util/common.h"

/* One command: `cmd_<name>(argc, argv)` returns the process exit status. */
struct cli_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

int cmd_parse(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_recommend(int argc, char **argv);
int cmd_inspect(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_cves(int argc, char **argv);
int cmd_db(int argc, char **argv);
int cmd_vercmp(int argc, char **argv);

/* "baseimg: <message>" on stderr. */
__attribute__((format(printf, 1, 2))) void cli_error(const char *fmt, ...);
__attribute__((format(printf, 1, 2))) void cli_warn(const char *fmt, ...);
/* Print a usage error plus a hint to run --help; returns BI_EXIT_USAGE. */
__attribute__((format(printf, 2, 3))) int cli_usage_error(const char *cmd, const char *fmt, ...);
/* Print err's message and return the documented exit status for its code. */
int cli_fail(struct bi_err *err);
/* Write the buffer to stdout; false on a write error (reported). */
bool cli_write_stdout(const struct bi_buf *b);
/* Whether to colour output on this stream (TTY, NO_COLOR unset, TERM != dumb). */
bool cli_use_color(FILE *f);

#endif
