/* SPDX-License-Identifier: MIT */
#include <getopt.h>

#include "cli/image_opt.h"

enum { OPT_MIN_EFF = 0x200 };

static void usage(FILE *f)
{
	fputs("Usage: baseimg inspect [OPTIONS] IMAGE\n"
	      "\n"
	      "Measure one image: where it sits on the scratch -> distroless -> alpine -> slim ->\n"
	      "full spectrum and why, its OS, libc, shell, package manager and packages (with the\n"
	      "layer that installed each), its layers, and whether it will run (checks BI201-BI207).\n"
	      "\n"
	      "IMAGE: oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:REF], dir:PATH,\n"
	      "       - (an archive on standard input), or a path detected by its contents.\n"
	      "\n"
	      "Options:\n"
	      "  --format FORMAT      text (default), json, or cyclonedx (a CycloneDX 1.5 SBOM)\n"
	      "  --platform OS/ARCH[/VARIANT]\n"
	      "                       the manifest to read from an index (default linux/amd64,\n"
	      "                       or the only one)\n"
	      "  --all-platforms      inspect every platform of an index (json: an array)\n"
	      "  --fail-on SEVERITY   exit 1 when a check is at or above SEVERITY: error (default),\n"
	      "                       warning, note, or none\n"
	      "  --min-efficiency F   exit 1 when the image efficiency (the share of the layers'\n"
	      "                       file bytes that reach the final filesystem, as dive counts\n"
	      "                       it) is below F, a number from 0 to 1 (0.9: 10% wasted)\n"
	      "  -h, --help           this help\n"
	      "\n"
	      "Checks: BI201 entrypoint-missing, BI202 interpreter-missing, BI203 library-missing,\n"
	      "BI204 libc-mismatch, BI205 shell-form-no-shell (errors); BI206 build-tools-present\n"
	      "(warning); BI207 runs-as-root (note).\n"
	      "\n"
	      "Exit status: 0 fine, 1 a check at or above --fail-on or an efficiency below\n"
	      "--min-efficiency, 2 usage error, 3 unreadable or corrupt image.\n"
	      "\n"
	      "Examples:\n"
	      "  baseimg inspect oci:./layout:latest\n"
	      "  docker save myapp | baseimg inspect --format json -\n"
	      "  baseimg inspect --format cyclonedx docker-archive:app.tar > sbom.json\n",
	      f);
}

int cmd_inspect(int argc, char **argv)
{
	static const struct option longopts[] = { CLI_IMAGE_LONGOPTS,
						  { "min-efficiency", required_argument, NULL,
						    OPT_MIN_EFF },
						  { NULL, 0, NULL, 0 } };
	double min_eff = -1;
	struct cli_image_opts o;
	struct bi_image **imgs = NULL;
	struct bi_analysis **as = NULL;
	struct bi_buf out = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct bi_jsonw w;
	size_t n = 0;
	int c, r;

	cli_image_opts_init(&o);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return BI_EXIT_OK;
		}
		if (c == OPT_MIN_EFF) {
			char *end;
			errno = 0;
			min_eff = strtod(optarg, &end);
			if (errno || end == optarg || *end || !(min_eff >= 0 && min_eff <= 1))
				return cli_usage_error("inspect",
						       "--min-efficiency: expected a number from 0 "
						       "to 1, not '%s'",
						       optarg);
			continue;
		}
		if (c == '?')
			return cli_usage_error("inspect", "unknown or incomplete option '%s'",
					       argv[optind - 1]);
		r = cli_image_opt("inspect", c, optarg,
				  1u << BI_FORMAT_HUMAN | 1u << BI_FORMAT_JSON |
					  1u << BI_FORMAT_CYCLONEDX,
				  &o);
		if (r < 0)
			return BI_EXIT_USAGE;
	}
	if (optind >= argc)
		return cli_usage_error("inspect", "missing IMAGE");
	if (optind + 1 < argc)
		return cli_usage_error("inspect", "one IMAGE at a time (use 'baseimg compare' "
						  "for several)");
	if (o.format == BI_FORMAT_CYCLONEDX && o.open.all_platforms)
		return cli_usage_error("inspect", "--format cyclonedx describes one platform: "
						  "use --platform, not --all-platforms");
	r = cli_image_load(argv[optind], &o, &imgs, &n, &as);
	if (r > 0)
		return r;
	switch (o.format) {
	case BI_FORMAT_JSON:
		bi_jsonw_init(&w, &out, true);
		if (o.open.all_platforms)
			bi_jsonw_array_begin(&w);
		for (size_t i = 0; i < n; i++)
			bi_inspect_json(&w, as[i]);
		if (o.open.all_platforms)
			bi_jsonw_array_end(&w);
		bi_buf_addch(&out, '\n');
		break;
	case BI_FORMAT_CYCLONEDX:
		bi_jsonw_init(&w, &out, true);
		bi_inspect_cyclonedx(&w, as[0]);
		bi_buf_addch(&out, '\n');
		break;
	case BI_FORMAT_HUMAN:
	case BI_FORMAT_MARKDOWN:
	case BI_FORMAT__MAX:
		for (size_t i = 0; i < n; i++) {
			if (i)
				bi_buf_addch(&out, '\n');
			bi_inspect_human(&out, as[i], cli_use_color(stdout));
		}
		break;
	}
	r = cli_write_stdout(&out) ? cli_findings_status(as, n, o.fail_on) : BI_EXIT_INTERNAL;
	for (size_t i = 0; i < n && r == BI_EXIT_OK; i++)
		if (as[i]->efficiency < min_eff)
			r = BI_EXIT_FINDINGS;
	bi_buf_release(&out);
	cli_analyses_free(as, n);
	bi_image_list_free(imgs, n);
	return r;
}
