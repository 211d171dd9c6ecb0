/* SPDX-License-Identifier: MIT */
/* baseimg parse: a Dockerfile's syntax tree, as BuildKit's dump or as JSON. */
#include <getopt.h>

#include "cli/cli.h"
#include "dockerfile/dockerfile.h"

#define MAX_BUILD_ARGS 1024

static const char usage[] =
	"Usage: baseimg parse [OPTIONS] FILE|-\n"
	"\n"
	"Parse a Dockerfile exactly as BuildKit does and print its syntax tree.\n"
	"\n"
	"Options:\n"
	"  --format FORMAT         json (default): the structured model baseimg uses:\n"
	"                          instructions with line ranges, flags, arguments and\n"
	"                          heredocs, plus the stage graph;\n"
	"                          buildkit: BuildKit's AST dump, one \"(...)\" line per\n"
	"                          instruction, byte for byte as `Node.Dump()`\n"
	"  --build-arg NAME=VALUE  set a build argument used to expand FROM (repeatable)\n"
	"  --target STAGE          the stage to build (default: the last one)\n"
	"  --platform OS/ARCH[/V]  value of the predefined platform ARGs\n"
	"                          (default linux/amd64)\n"
	"  -h, --help              show this help\n"
	"\n"
	"FILE '-' reads standard input.\n"
	"\n"
	"Examples:\n"
	"  baseimg parse Dockerfile\n"
	"  baseimg parse --format buildkit Dockerfile\n"
	"  baseimg parse --build-arg GO_VERSION=1.22 --target build Dockerfile\n"
	"\n"
	"Exit codes: 0 parsed, 2 usage error, 3 unreadable or unparsable input\n"
	"(the error reads FILE:LINE: message).\n";

int cmd_parse(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "build-arg", required_argument, NULL, 'b' },
		{ "target", required_argument, NULL, 't' },
		{ "platform", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	_cleanup_(bi_buf_release) struct bi_buf in = BI_BUF_INIT(BI_MAX_DOCKERFILE);
	_cleanup_(bi_buf_release) struct bi_buf out = BI_BUF_INIT(BI_BUF_NOLIMIT);
	_cleanup_(bi_dockerfile_freep) struct bi_dockerfile *df = NULL;
	_cleanup_(bi_build_freep) struct bi_build *build = NULL;
	_cleanup_free_ struct bi_kv *args = NULL;
	struct bi_build_opts opts = { 0 };
	struct bi_err *err = NULL;
	const char *path;
	bool json = true;
	int c, r;

	args = bi_xcalloc(MAX_BUILD_ARGS, sizeof(*args));
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "json") == 0)
				json = true;
			else if (strcmp(optarg, "buildkit") == 0)
				json = false;
			else
				return cli_usage_error(
					"parse", "unknown --format '%s' (json, buildkit)", optarg);
			break;
		case 'b': {
			char *eq = strchr(optarg, '=');
			if (!eq || eq == optarg)
				return cli_usage_error(
					"parse", "--build-arg wants NAME=VALUE, not '%s'", optarg);
			if (opts.nbuild_args >= MAX_BUILD_ARGS)
				return cli_usage_error("parse", "more than %d --build-arg",
						       MAX_BUILD_ARGS);
			*eq = '\0';
			args[opts.nbuild_args].key = optarg;
			args[opts.nbuild_args++].value = eq + 1;
			break;
		}
		case 't':
			opts.target = optarg;
			break;
		case 'p':
			opts.platform = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return BI_EXIT_OK;
		default:
			return cli_usage_error("parse", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("parse", argc - optind ? "one FILE at a time" :
								"missing FILE (or - for stdin)");
	path = argv[optind];
	opts.build_args = args;
	r = bi_buf_read_file(&in, path, &err);
	if (r < 0)
		goto fail;
	r = bi_dockerfile_parse(bi_buf_span(&in), strcmp(path, "-") ? path : "<stdin>", &df, &err);
	if (r < 0)
		goto fail;
	if (!json) {
		bi_dockerfile_dump_buildkit(df, &out);
	} else {
		r = bi_build_analyze(df, &opts, &build, &err);
		if (r < 0)
			goto fail;
		bi_dockerfile_dump_json(df, build, &out);
	}
	return cli_write_stdout(&out) ? BI_EXIT_OK : BI_EXIT_INTERNAL;
fail:
	r = cli_fail(err);
	bi_err_free(err);
	return r;
}
