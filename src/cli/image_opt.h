/* SPDX-License-Identifier: MIT */
#ifndef BI_CLI_IMAGE_OPT_H
#define BI_CLI_IMAGE_OPT_H

/* Options shared by `inspect` and `compare`: --platform, --all-platforms, --fail-on, --format. */
#include "report/inspect.h"
#include "cli/cli.h"
#include "image/image.h"

enum {
	OPT_PLATFORM = 0x100,
	OPT_ALL_PLATFORMS,
	OPT_FAIL_ON,
	OPT_FORMAT,
};

#define CLI_IMAGE_LONGOPTS                                                 \
	{ "platform", required_argument, NULL, OPT_PLATFORM },             \
		{ "all-platforms", no_argument, NULL, OPT_ALL_PLATFORMS }, \
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },       \
		{ "format", required_argument, NULL, OPT_FORMAT },         \
	{                                                                  \
		"help", no_argument, NULL, 'h'                             \
	}

struct cli_image_opts {
	struct bi_image_opts open;
	enum bi_severity fail_on;
	enum bi_inspect_format format;
};

void cli_image_opts_init(struct cli_image_opts *o);
/*
 * Handle one getopt result. 1: handled; 0: not one of ours; negative: a usage
 * error (printed; return BI_EXIT_USAGE). `formats` lists the accepted
 * --format values as bits (1 << BI_FORMAT_*).
 */
int cli_image_opt(const char *cmd, int opt, const char *arg, unsigned formats,
		  struct cli_image_opts *o);
/* Open one image argument; on error prints it and returns the exit status (> 0). */
int cli_image_load(const char *spec, const struct cli_image_opts *o, struct bi_image ***ret,
		   size_t *ret_n, struct bi_analysis ***ret_a);
void cli_analyses_free(struct bi_analysis **as, size_t n);
/* BI_EXIT_FINDINGS when a check reaches the threshold, else BI_EXIT_OK. */
int cli_findings_status(struct bi_analysis *const *as, size_t n, enum bi_severity fail_on);

#endif
