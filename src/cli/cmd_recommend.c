/* SPDX-License-Identifier: MIT */
/* baseimg recommend [DIR]: detect the workload and suggest base images
 * (docs/commands/recommend.md). */
#include <getopt.h>

#include "cli/cli.h"
#include "kb/kb.h"
#include "recommend/recommend.h"
#include "util/json.h"

static const char usage_text[] =
	"Usage: baseimg recommend [OPTIONS] [DIR]\n"
	"\n"
	"Detect the workload in a build context (default: the current folder) and\n"
	"walk the decision tree to a runtime image, a builder image and a ready\n"
	"multi-stage Dockerfile:\n"
	"  Go     -> scratch (static, CGO_ENABLED=0); distroless base when cgo is used\n"
	"  Rust   -> scratch with a static musl build; distroless cc for C dependencies\n"
	"  Java   -> eclipse-temurin:<N>-jre-alpine; distroless java<N> for glibc JNI\n"
	"  Python -> python:<V>-slim-<codename> with C extensions, else python:<V>-alpine\n"
	"  Node   -> node:<N>-alpine<X.Y>\n"
	"Versions come from the project (go.mod, .python-version, engines.node, pom.xml,\n"
	"rust-toolchain, ...) when it states them, else the newest the knowledge base knows.\n"
	"\n"
	"Options:\n"
	"  --need-shell     the app runs shell scripts: never scratch or distroless\n"
	"  --debug          the team debugs in production: a slim Debian variant\n"
	"  --format FORMAT  human (default), json, or dockerfile (the skeleton only)\n"
	"  -h, --help       show this help\n"
	"\n"
	"Signals read: go.mod (+ import \"C\"), Cargo.toml, rust-toolchain(.toml), pom.xml,\n"
	"build.gradle(.kts), requirements*.txt, pyproject.toml, Pipfile, poetry.lock, uv.lock,\n"
	"setup.py, .python-version, runtime.txt, package.json, .nvmrc, .node-version, and the\n"
	"FROM lines of an existing Dockerfile. BASEIMG_KB=PATH uses another knowledge base.\n"
	"\n"
	"Exit codes: 0 a recommendation was made, 2 usage error, 3 DIR unreadable or no\n"
	"workload detected, 5 internal error.\n"
	"\n"
	"Examples:\n"
	"  baseimg recommend examples/go-api\n"
	"  baseimg recommend --need-shell --format json .\n"
	"  baseimg recommend --format dockerfile . > Dockerfile\n";

enum fmt { FMT_HUMAN, FMT_JSON, FMT_DOCKERFILE };

static void json_strv(struct bi_jsonw *j, const char *key, const struct bi_strv *s)
{
	bi_jsonw_key(j, key);
	bi_jsonw_array_begin(j);
	for (size_t i = 0; i < s->n; i++)
		bi_jsonw_string(j, s->v[i]);
	bi_jsonw_array_end(j);
}

static void json_opt(struct bi_jsonw *j, const char *key, const char *v)
{
	if (v && *v)
		bi_jsonw_kstring(j, key, v);
	else
		bi_jsonw_knull(j, key);
}

static void render_json(struct bi_buf *out, const struct bi_workload *w,
			const struct bi_recommendation *r)
{
	struct bi_jsonw j;

	bi_jsonw_init(&j, out, true);
	bi_jsonw_object_begin(&j);
	bi_jsonw_key(&j, "workload");
	bi_jsonw_object_begin(&j);
	bi_jsonw_kstring(&j, "language", bi_lang_name(w->lang));
	json_opt(&j, "version", w->version);
	json_opt(&j, "version_source", w->version_source);
	json_opt(&j, "version_constraint", w->version_constraint);
	json_opt(&j, "build_tool", w->build_tool);
	json_opt(&j, "app", w->app);
	bi_jsonw_kbool(&j, "cgo", w->cgo);
	json_strv(&j, "native_packages", &w->native);
	json_strv(&j, "signals", &w->signals);
	json_strv(&j, "dockerfile_images", &w->dockerfile_images);
	json_strv(&j, "notes", &w->notes);
	bi_jsonw_object_end(&j);
	bi_jsonw_key(&j, "runtime");
	bi_jsonw_object_begin(&j);
	bi_jsonw_kstring(&j, "image", r->runtime);
	bi_jsonw_kstring(&j, "class", bi_class_name(r->runtime_class));
	bi_jsonw_object_end(&j);
	if (r->builder) {
		bi_jsonw_key(&j, "builder");
		bi_jsonw_object_begin(&j);
		bi_jsonw_kstring(&j, "image", r->builder);
		bi_jsonw_object_end(&j);
	} else {
		bi_jsonw_knull(&j, "builder");
	}
	bi_jsonw_key(&j, "alternatives");
	bi_jsonw_array_begin(&j);
	for (size_t i = 0; i < r->nalts; i++) {
		bi_jsonw_object_begin(&j);
		bi_jsonw_kstring(&j, "image", r->alts[i].image);
		bi_jsonw_kstring(&j, "class", bi_class_name(r->alts[i].cls));
		bi_jsonw_kstring(&j, "note", r->alts[i].note);
		bi_jsonw_object_end(&j);
	}
	bi_jsonw_array_end(&j);
	json_strv(&j, "rationale", &r->rationale);
	bi_jsonw_object_end(&j);
	bi_buf_addch(out, '\n');
}

static void render_human(struct bi_buf *out, const struct bi_kb *kb, const struct bi_workload *w,
			 const struct bi_recommendation *r)
{
	struct bi_span text, line;

	bi_buf_addf(out, "Workload:     %s", bi_lang_name(w->lang));
	if (w->version[0])
		bi_buf_addf(out, " %s (%s)", w->version, w->version_source);
	if (w->build_tool[0])
		bi_buf_addf(out, ", built with %s", w->build_tool);
	bi_buf_addch(out, '\n');
	if (w->native.n) {
		bi_buf_addf(out, "Native code:  ");
		for (size_t i = 0; i < w->native.n; i++)
			bi_buf_addf(out, "%s%s", i ? ", " : "", w->native.v[i]);
		bi_buf_addch(out, '\n');
	}
	bi_buf_addf(out, "Runtime:      %s (%s)\n", r->runtime, bi_class_name(r->runtime_class));
	bi_buf_addf(out, "Builder:      %s\n", r->builder ? r->builder : "(none)");
	bi_buf_addf(out, "Knowledge:    %s\n", bi_kb_date(kb));
	for (size_t i = 0; i < w->notes.n; i++)
		bi_buf_addf(out, "Note:         %s\n", w->notes.v[i]);
	bi_buf_adds(out, "\nDecision path:\n");
	for (size_t i = 0; i < r->rationale.n; i++)
		bi_buf_addf(out, "  %zu. %s\n", i + 1, r->rationale.v[i]);
	if (r->nalts) {
		bi_buf_adds(out, "\nAlternatives:\n");
		for (size_t i = 0; i < r->nalts; i++)
			bi_buf_addf(out, "  - %s (%s): %s\n", r->alts[i].image,
				    bi_class_name(r->alts[i].cls), r->alts[i].note);
	}
	bi_buf_adds(out, "\nDockerfile:\n");
	text = bi_span_str(r->dockerfile);
	while (bi_span_next_line(&text, &line))
		bi_buf_addf(out, line.len ? "    " BI_SPAN_FMT "\n" : "\n", BI_SPAN_ARG(line));
}

int cmd_recommend(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "need-shell", no_argument, NULL, 's' },
		{ "debug", no_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	_cleanup_(bi_kb_freep) struct bi_kb *kb = NULL;
	_cleanup_(bi_workload_freep) struct bi_workload *w = NULL;
	_cleanup_(bi_recommendation_freep) struct bi_recommendation *r = NULL;
	_cleanup_(bi_buf_release) struct bi_buf out = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct bi_recommend_opts opts = { 0 };
	struct bi_err *err = NULL;
	enum fmt fmt = FMT_HUMAN;
	const char *dir = ".";
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			opts.need_shell = true;
			break;
		case 'd':
			opts.debug = true;
			break;
		case 'f':
			if (strcmp(optarg, "human") == 0)
				fmt = FMT_HUMAN;
			else if (strcmp(optarg, "json") == 0)
				fmt = FMT_JSON;
			else if (strcmp(optarg, "dockerfile") == 0)
				fmt = FMT_DOCKERFILE;
			else
				return cli_usage_error(
					"recommend",
					"unknown format '%s' (human, json, dockerfile)", optarg);
			break;
		case 'h':
			fputs(usage_text, stdout);
			return BI_EXIT_OK;
		case '?':
		default:
			if (optopt && optopt != '?')
				return cli_usage_error("recommend", "option '%s' needs a value",
						       argv[optind - 1]);
			return cli_usage_error("recommend", "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (argc - optind > 1)
		return cli_usage_error("recommend", "one DIR at most (got %d)", argc - optind);
	if (argc - optind == 1)
		dir = argv[optind];
	if (!*dir)
		return cli_usage_error("recommend", "DIR is empty");

	rc = bi_kb_load(&kb, &err);
	if (rc < 0) {
		bi_err_wrap(&err, "knowledge base");
		rc = cli_fail(err);
		bi_err_free(err);
		return rc;
	}
	rc = bi_recommend_detect(kb, dir, &w, &err);
	if (rc == 0)
		rc = bi_recommend(kb, w, &opts, &r, &err);
	if (rc < 0) {
		cli_error("%s", bi_err_msg(err));
		bi_err_free(err);
		return BI_EXIT_INPUT;
	}
	switch (fmt) {
	case FMT_JSON:
		render_json(&out, w, r);
		break;
	case FMT_DOCKERFILE:
		bi_buf_adds(&out, r->dockerfile);
		break;
	case FMT_HUMAN:
		render_human(&out, kb, w, r);
		break;
	}
	return cli_write_stdout(&out) ? BI_EXIT_OK : BI_EXIT_INTERNAL;
}
