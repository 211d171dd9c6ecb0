/* SPDX-License-Identifier: MIT */
/* `baseimg lint FILE...`: docs/commands/lint.md. */
#include <getopt.h>

#include "cli/cli.h"
#include "dockerfile/dockerfile.h"
#include "kb/kb.h"
#include "lint/lint.h"
#include "report/report.h"

#define MAX_LINT_FILES 100000
#define MAX_BUILD_ARGS 1024

enum format { FMT_HUMAN, FMT_JSON, FMT_SARIF };

static void usage(FILE *f)
{
	fputs("Usage: baseimg lint [OPTIONS] FILE...\n"
	      "\n"
	      "Check Dockerfiles' base images: tags and digests, OS-release pinning, full\n"
	      "images in the final stage, shells and libc across stages, build tools left in\n"
	      "the runtime image (rules BI100-BI113, docs/rules/). FILE may be - for stdin.\n"
	      "\n"
	      "Options:\n"
	      "  --format FMT             human (default), json or sarif\n"
	      "  --failure-threshold LVL  exit 1 when a finding is at or above LVL:\n"
	      "                           error, warning (default), note or none\n"
	      "  --config FILE            use FILE instead of the nearest .baseimg.yaml\n"
	      "                           (searched from each Dockerfile's folder upwards)\n"
	      "  --build-arg NAME=VALUE   set a build argument used in FROM (repeatable)\n"
	      "  --target STAGE           lint as if building STAGE (default: the last)\n"
	      "  --ignore RULE            do not report RULE, e.g. BI104 (repeatable,\n"
	      "                           or comma-separated)\n"
	      "  --no-color               never colour the human output\n"
	      "  -h, --help               show this help\n"
	      "\n"
	      "Silence rules for one instruction with a comment on the line above it:\n"
	      "  # baseimg ignore=BI104,BI103\n"
	      "\n"
	      "Output: FILE:LINE:COL: severity: message [RULE] (human); a JSON array of\n"
	      "{file, line, column, end_line, rule, name, severity, message, fix}; or\n"
	      "SARIF 2.1.0.\n"
	      "\n"
	      "Exit codes: 0 nothing at or above the threshold, 1 findings at or above it,\n"
	      "2 usage error, 3 unreadable or unparsable input or config (the other files\n"
	      "are still linted).\n"
	      "\n"
	      "Examples:\n"
	      "  baseimg lint Dockerfile\n"
	      "  baseimg lint --format sarif --failure-threshold error services/*/Dockerfile\n"
	      "  baseimg lint --build-arg PY=3.12 --ignore BI104 Dockerfile\n",
	      f);
}

/* One config per distinct path, loaded once. */
struct cfg_cache {
	char **paths;
	struct bi_lint_config *cfgs;
	bool *bad;
	size_t n;
};

static void cfg_cache_release(struct cfg_cache *cc)
{
	for (size_t i = 0; i < cc->n; i++) {
		free(cc->paths[i]);
		bi_lint_config_release(&cc->cfgs[i]);
	}
	free(cc->paths);
	free(cc->cfgs);
	free(cc->bad);
}

/* The config for a path (NULL path: none). *ret_bad when it failed to load. */
static const struct bi_lint_config *cfg_get(struct cfg_cache *cc, const char *path, bool *ret_bad)
{
	struct bi_err *err = NULL;
	size_t i;

	*ret_bad = false;
	if (!path)
		return NULL;
	for (i = 0; i < cc->n; i++) {
		if (strcmp(cc->paths[i], path) == 0) {
			*ret_bad = cc->bad[i];
			return cc->bad[i] ? NULL : &cc->cfgs[i];
		}
	}
	cc->paths = bi_xreallocarray(cc->paths, cc->n + 1, sizeof(*cc->paths));
	cc->cfgs = bi_xreallocarray(cc->cfgs, cc->n + 1, sizeof(*cc->cfgs));
	cc->bad = bi_xreallocarray(cc->bad, cc->n + 1, sizeof(*cc->bad));
	cc->paths[i] = bi_xstrdup(path);
	bi_lint_config_init(&cc->cfgs[i]);
	cc->bad[i] = false;
	cc->n++;
	if (bi_lint_config_load(path, &cc->cfgs[i], &err) < 0) {
		cli_error("%s", bi_err_msg(err));
		bi_err_free(err);
		cc->bad[i] = true;
		*ret_bad = true;
		return NULL;
	}
	return &cc->cfgs[i];
}

static int add_ignores(struct bi_lint_opts *o, const char *arg)
{
	struct bi_span s = bi_span_str(arg), tok;

	while (bi_span_split(&s, ',', &tok)) {
		int rule = bi_lint_rule_from_id(tok);
		if (rule < 0)
			return cli_usage_error("lint", "--ignore: unknown rule '" BI_SPAN_FMT "'",
					       BI_SPAN_ARG(tok));
		o->ignored[rule] = true;
	}
	return 0;
}

struct file_results {
	char *uri;
	struct bi_lint_result res;
};

static int lint_file(const struct bi_kb *kb, const char *path, const struct bi_lint_opts *base,
		     struct cfg_cache *cc, const char *config_path, struct file_results *out)
{
	_cleanup_(bi_buf_release) struct bi_buf text = BI_BUF_INIT(BI_MAX_DOCKERFILE);
	_cleanup_free_ char *found = NULL, *ctxdir = NULL;
	struct bi_lint_opts o = *base;
	struct bi_err *err = NULL;
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	bool bad;
	int r;

	out->uri = bi_xstrdup(name);
	if (strcmp(path, "-") != 0) {
		const char *slash = strrchr(path, '/');
		ctxdir = slash ? bi_xstrndup(path, (size_t)(slash - path + (slash == path))) :
				 bi_xstrdup(".");
		o.context_dir = ctxdir;
	}
	if (!config_path) {
		if (bi_lint_config_find(path, &found, &err) < 0) {
			cli_error("%s", bi_err_msg(err));
			bi_err_free(err);
			return BI_EXIT_INPUT;
		}
		config_path = found;
	}
	o.config = cfg_get(cc, config_path, &bad);
	if (bad)
		return BI_EXIT_INPUT;
	r = strcmp(path, "-") == 0 ? bi_buf_read_fd(&text, 0, name, &err) :
				     bi_buf_read_file(&text, path, &err);
	if (r >= 0)
		r = bi_lint_text(kb, bi_buf_span(&text), name, &o, &out->res, &err);
	if (r < 0) {
		int st = bi_err_exit_status(r);
		cli_error("%s", bi_err_msg(err));
		bi_err_free(err);
		return st == BI_EXIT_INTERNAL ? st : BI_EXIT_INPUT;
	}
	return 0;
}

/*
 * SARIF's artifactLocation.uri is a URI reference (RFC 3986): a path is
 * written as is, except that what a URI cannot hold (space, '#', '%', '?',
 * non-ASCII, '<stdin>''s brackets, ':' that would read as a scheme) is
 * percent-encoded.
 */
static char *uri_ref(const char *path)
{
	struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);

	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		unsigned char ch = *p;
		bool plain = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			     (ch >= '0' && ch <= '9') || strchr("-._~/!$&'()*+,;=@", ch);

		if (plain)
			bi_buf_addch(&b, (char)ch);
		else
			bi_buf_addf(&b, "%%%02X", ch);
	}
	return bi_buf_detach(&b, NULL);
}

static void emit(enum format fmt, bool color, struct file_results *files, size_t nfiles,
		 struct bi_buf *out)
{
	const struct bi_report_rule *rules = bi_lint_rules();
	struct bi_report_result *res = NULL;
	size_t n = 0, alloc = 0;
	const struct bi_report_tool tool = {
		.name = "baseimg",
		.version = bi_version(),
		.information_uri = "https://github.com/baseimg/baseimg",
	};

	char **uris = bi_xcalloc(nfiles + 1, sizeof(*uris));

	for (size_t i = 0; i < nfiles; i++) {
		uris[i] = fmt == FMT_SARIF ? uri_ref(files[i].uri) : NULL;
		for (size_t j = 0; j < files[i].res.n; j++) {
			const struct bi_lint_finding *f = &files[i].res.findings[j];

			BI_ALLOC_GROW(res, n + 1, alloc);
			res[n++] = (struct bi_report_result){
				.rule_id = rules[f->rule].id,
				.rule_name = rules[f->rule].name,
				.level = f->level,
				.message = f->message,
				.fix = f->fix,
				.uri = uris[i] ? uris[i] : files[i].uri,
				.line = f->line,
				.column = f->column,
				.end_line = f->end_line,
			};
		}
	}
	switch (fmt) {
	case FMT_HUMAN:
		bi_report_human(res, n, color, out);
		break;
	case FMT_JSON:
		bi_report_json(res, n, out);
		break;
	case FMT_SARIF:
		bi_report_sarif(&tool, rules, BI_RULE__MAX, res, n, out);
		break;
	}
	for (size_t i = 0; i < nfiles; i++)
		free(uris[i]);
	free(uris);
	free(res);
}

int cmd_lint(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "failure-threshold", required_argument, NULL, 't' },
		{ "config", required_argument, NULL, 'c' },
		{ "build-arg", required_argument, NULL, 'b' },
		{ "target", required_argument, NULL, 'T' },
		{ "ignore", required_argument, NULL, 'i' },
		{ "no-color", no_argument, NULL, 'C' },
		{ "no-colour", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	_cleanup_(bi_kb_freep) struct bi_kb *kb = NULL;
	_cleanup_(bi_buf_release) struct bi_buf out = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct bi_lint_opts opts = { 0 };
	struct bi_kv *bargs = NULL;
	struct cfg_cache cc = { 0 };
	struct file_results *files = NULL;
	const char *config_path = NULL;
	enum format fmt = FMT_HUMAN;
	int threshold = BI_SEV_WARNING; /* BI_SEV_NONE: none */
	bool color = true, any_bad = false, over = false, cfg_bad = false;
	size_t nbargs = 0, nfiles = 0;
	struct bi_err *err = NULL;
	int c, status = BI_EXIT_OK;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "human") == 0 || strcmp(optarg, "text") == 0)
				fmt = FMT_HUMAN;
			else if (strcmp(optarg, "json") == 0)
				fmt = FMT_JSON;
			else if (strcmp(optarg, "sarif") == 0)
				fmt = FMT_SARIF;
			else {
				status = cli_usage_error("lint",
							 "--format: expected human, json or "
							 "sarif, not '%s'",
							 optarg);
				goto out;
			}
			break;
		case 't': {
			enum bi_severity l;
			if (strcmp(optarg, "none") == 0) {
				threshold = BI_SEV_NONE;
			} else if (bi_severity_parse_level(bi_span_str(optarg), false, &l)) {
				threshold = (int)l;
			} else {
				status = cli_usage_error("lint",
							 "--failure-threshold: expected error, "
							 "warning, note or none, not '%s'",
							 optarg);
				goto out;
			}
			break;
		}
		case 'c':
			config_path = optarg;
			break;
		case 'b': {
			const char *eq = strchr(optarg, '=');
			if (!eq || eq == optarg) {
				status = cli_usage_error("lint",
							 "--build-arg: expected NAME=VALUE, "
							 "not '%s'",
							 optarg);
				goto out;
			}
			if (nbargs >= MAX_BUILD_ARGS) {
				status = cli_usage_error("lint", "too many --build-arg options");
				goto out;
			}
			bargs = bi_xreallocarray(bargs, nbargs + 1, sizeof(*bargs));
			bargs[nbargs].key = bi_xstrndup(optarg, (size_t)(eq - optarg));
			bargs[nbargs++].value = bi_xstrdup(eq + 1);
			break;
		}
		case 'T':
			opts.target = optarg;
			break;
		case 'i':
			status = add_ignores(&opts, optarg);
			if (status)
				goto out;
			break;
		case 'C':
			color = false;
			break;
		case 'h':
			usage(stdout);
			goto out;
		default:
			status = cli_usage_error("lint", "unknown or incomplete option '%s'",
						 argv[optind - 1]);
			goto out;
		}
	}
	if (optind >= argc) {
		status = cli_usage_error("lint", "no Dockerfile given");
		goto out;
	}
	if ((size_t)(argc - optind) > MAX_LINT_FILES) {
		status = cli_usage_error("lint", "more than %d files", MAX_LINT_FILES);
		goto out;
	}
	for (int i = optind, dash = 0; i < argc; i++)
		if (strcmp(argv[i], "-") == 0 && dash++) {
			/* the second read would see an empty file and blame the input */
			status = cli_usage_error("lint", "standard input ('-') can be read once");
			goto out;
		}
	opts.build_args = bargs;
	opts.nbuild_args = nbargs;
	if (config_path) {
		cfg_get(&cc, config_path, &cfg_bad);
		if (cfg_bad) {
			status = BI_EXIT_INPUT;
			goto out;
		}
	}
	if (bi_kb_load(&kb, &err) < 0) {
		status = cli_fail(err);
		bi_err_free(err);
		goto out;
	}
	files = bi_xcalloc((size_t)(argc - optind), sizeof(*files));
	for (int i = optind; i < argc; i++) {
		int r = lint_file(kb, argv[i], &opts, &cc, config_path, &files[nfiles++]);
		if (r == BI_EXIT_INTERNAL)
			status = r;
		if (r)
			any_bad = true;
	}
	for (size_t i = 0; i < nfiles; i++)
		for (size_t j = 0; j < files[i].res.n; j++)
			if ((int)files[i].res.findings[j].level >= threshold)
				over = true;
	emit(fmt, color && fmt == FMT_HUMAN && cli_use_color(stdout), files, nfiles, &out);
	if (!cli_write_stdout(&out))
		status = BI_EXIT_INTERNAL;
	if (status == BI_EXIT_OK)
		status = any_bad ? BI_EXIT_INPUT : over ? BI_EXIT_FINDINGS : BI_EXIT_OK;
out:
	for (size_t i = 0; i < nfiles; i++) {
		free(files[i].uri);
		bi_lint_result_release(&files[i].res);
	}
	free(files);
	for (size_t i = 0; i < nbargs; i++) {
		free(bargs[i].key);
		free(bargs[i].value);
	}
	free(bargs);
	cfg_cache_release(&cc);
	return status;
}
