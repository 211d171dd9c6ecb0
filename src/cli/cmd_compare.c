/* SPDX-License-Identifier: MIT */
#include <getopt.h>

#include "cli/image_opt.h"

static void usage(FILE *f)
{
	fputs("Usage: baseimg compare [OPTIONS] IMAGE...\n"
	      "\n"
	      "Compare images side by side, measured: one row per image with its class, size\n"
	      "(uncompressed and compressed), libc, shell, debug ease, package and file counts,\n"
	      "CVE surface (the package count) and the checks that fail (errors and warnings).\n"
	      "Each image is read, measured and released before the next one.\n"
	      "\n"
	      "IMAGE: oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:REF], dir:PATH,\n"
	      "       - (an archive on standard input, once), or a path detected by its contents.\n"
	      "\n"
	      "Options:\n"
	      "  --format FORMAT      text (default), json, or markdown\n"
	      "  --platform OS/ARCH[/VARIANT]\n"
	      "                       the manifest to read from each index (default linux/amd64)\n"
	      "  --all-platforms      one row per platform of each index\n"
	      "  --fail-on SEVERITY   exit 1 when any image has a check at or above SEVERITY:\n"
	      "                       error (default), warning, note, or none\n"
	      "  -h, --help           this help\n"
	      "\n"
	      "Exit status: 0 fine, 1 a check at or above --fail-on, 2 usage error,\n"
	      "3 an unreadable or corrupt image (named on standard error).\n"
	      "\n"
	      "Example:\n"
	      "  baseimg compare --format markdown oci:img/alpine oci:img/slim oci:img/full\n",
	      f);
}

int cmd_compare(int argc, char **argv)
{
	static const struct option longopts[] = { CLI_IMAGE_LONGOPTS, { NULL, 0, NULL, 0 } };
	struct cli_image_opts o;
	struct bi_compare_row *rows = NULL;
	size_t nrows = 0;
	struct bi_buf out = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct bi_jsonw w;
	int c, r, status = BI_EXIT_OK;
	bool stdin_used = false;

	cli_image_opts_init(&o);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return BI_EXIT_OK;
		}
		if (c == '?')
			return cli_usage_error("compare", "unknown or incomplete option '%s'",
					       argv[optind - 1]);
		r = cli_image_opt("compare", c, optarg,
				  1u << BI_FORMAT_HUMAN | 1u << BI_FORMAT_JSON |
					  1u << BI_FORMAT_MARKDOWN,
				  &o);
		if (r < 0)
			return BI_EXIT_USAGE;
	}
	if (optind >= argc)
		return cli_usage_error("compare", "missing IMAGE (one or more)");
	for (int i = optind; i < argc; i++) {
		if (strcmp(argv[i], "-") != 0)
			continue;
		if (stdin_used)
			return cli_usage_error("compare", "standard input ('-') can be read once");
		stdin_used = true;
	}
	for (int i = optind; i < argc; i++) {
		struct bi_image **imgs = NULL;
		struct bi_analysis **as = NULL;
		size_t n = 0;

		r = cli_image_load(argv[i], &o, &imgs, &n, &as);
		if (r > 0) {
			status = r;
			goto out;
		}
		if (cli_findings_status(as, n, o.fail_on) == BI_EXIT_FINDINGS)
			status = BI_EXIT_FINDINGS;
		rows = bi_xreallocarray(rows, nrows + n, sizeof(*rows));
		for (size_t k = 0; k < n; k++)
			bi_compare_row_from(as[k], &rows[nrows++]);
		cli_analyses_free(as, n);
		bi_image_list_free(imgs, n);
	}
	switch (o.format) {
	case BI_FORMAT_JSON:
		bi_jsonw_init(&w, &out, true);
		bi_compare_json(&w, rows, nrows);
		bi_buf_addch(&out, '\n');
		break;
	case BI_FORMAT_MARKDOWN:
		bi_compare_markdown(&out, rows, nrows);
		break;
	case BI_FORMAT_HUMAN:
	case BI_FORMAT_CYCLONEDX:
	case BI_FORMAT__MAX:
		bi_compare_text(&out, rows, nrows);
		break;
	}
	if (!cli_write_stdout(&out))
		status = BI_EXIT_INTERNAL;
out:
	for (size_t i = 0; i < nrows; i++)
		bi_compare_row_release(&rows[i]);
	free(rows);
	bi_buf_release(&out);
	return status;
}
