/* SPDX-License-Identifier: MIT */
#include "cli/cli.h"

/* The command table (git.c, crun.c): greppable, in the order --help lists them. */
static const struct cli_cmd commands[] = {
	{ "lint", cmd_lint, "check a Dockerfile's base images against the rules BI1xx" },
	{ "recommend", cmd_recommend, "detect the workload in a folder and suggest a FROM line" },
	{ "inspect", cmd_inspect, "measure an image: class, libc, shell, packages, will-it-run" },
	{ "compare", cmd_compare, "compare images side by side, measured" },
	{ "report", cmd_report, "one HTML page: spectrum, costs, layers, CVEs, checks" },
	{ "cves", cmd_cves, "audit an image's packages against the local vulnerability DB" },
	{ "db", cmd_db, "manage the local vulnerability database (import, status, update)" },
	{ "parse", cmd_parse, "print a Dockerfile's syntax tree (BuildKit dump or JSON)" },
	{ "vercmp", cmd_vercmp, "compare package versions (deb, apk, rpm)" },
};

static void usage(FILE *f)
{
	fputs("Usage: baseimg [--version] [--help] COMMAND [ARGS...]\n"
	      "\n"
	      "Choose, check and pin container base images, offline.\n"
	      "\n"
	      "Commands:\n",
	      f);
	for (size_t i = 0; i < BI_ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "IMAGE may be oci:DIR[:TAG], oci-archive:FILE[:TAG], docker-archive:FILE[:REF],\n"
	      "dir:PATH, - (an archive on standard input), or a path detected by its contents.\n"
	      "\n"
	      "Exit codes: 0 clean, 1 findings at or above the threshold, 2 usage error,\n"
	      "3 unreadable or corrupt input, 4 network or registry failure, 5 internal error.\n"
	      "\n"
	      "Run 'baseimg COMMAND --help' for a command's options; 'man baseimg' for more.\n",
	      f);
}

int main(int argc, char **argv)
{
	const char *name;

	if (argc < 2) {
		usage(stderr);
		return BI_EXIT_USAGE;
	}
	name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
		usage(stdout);
		return BI_EXIT_OK;
	}
	if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
		printf("baseimg %s\n", bi_version());
		return BI_EXIT_OK;
	}
	if (strcmp(name, "help") == 0) {
		if (argc < 3) {
			usage(stdout);
			return BI_EXIT_OK;
		}
		name = argv[2];
		for (size_t i = 0; i < BI_ARRAY_SIZE(commands); i++) {
			if (strcmp(commands[i].name, name) == 0) {
				char *hargv[] = { (char *)name, (char *)"--help", NULL };
				return commands[i].fn(2, hargv);
			}
		}
		return cli_usage_error(NULL, "unknown command '%s'", name);
	}
	for (size_t i = 0; i < BI_ARRAY_SIZE(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	if (name[0] == '-')
		return cli_usage_error(NULL, "unknown option '%s'", name);
	return cli_usage_error(NULL, "unknown command '%s'", name);
}
