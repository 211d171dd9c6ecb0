/* SPDX-License-Identifier: MIT */
#include <getopt.h>

#include "cli/image_opt.h"

static const char *const format_names[] = { "text", "json", "cyclonedx", "markdown" };

void cli_image_opts_init(struct cli_image_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->fail_on = BI_SEV_ERROR;
	o->format = BI_FORMAT_HUMAN;
}

int cli_image_opt(const char *cmd, int opt, const char *arg, unsigned formats,
		  struct cli_image_opts *o)
{
	switch (opt) {
	case OPT_PLATFORM: {
		size_t slashes = 0;
		for (const char *p = arg; *p; p++)
			slashes += *p == '/';
		if (slashes < 1 || slashes > 2 || arg[0] == '/' || arg[strlen(arg) - 1] == '/' ||
		    strstr(arg, "//")) {
			cli_usage_error(cmd, "--platform wants os/arch[/variant], not '%s'", arg);
			return -1;
		}
		o->open.platform = arg;
		break;
	}
	case OPT_ALL_PLATFORMS:
		o->open.all_platforms = true;
		break;
	case OPT_FAIL_ON:
		if (!bi_severity_parse_level(bi_span_str(arg), true, &o->fail_on)) {
			cli_usage_error(
				cmd, "--fail-on wants error, warning, note or none, not '%s'", arg);
			return -1;
		}
		return 1;
	case OPT_FORMAT:
		for (size_t i = 0; i < BI_ARRAY_SIZE(format_names); i++) {
			if ((formats & (1u << i)) && strcmp(arg, format_names[i]) == 0) {
				o->format = (enum bi_inspect_format)i;
				return 1;
			}
		}
		if (strcmp(arg, "human") == 0) {
			o->format = BI_FORMAT_HUMAN;
			return 1;
		}
		{
			char list[128] = "";
			for (size_t i = 0; i < BI_ARRAY_SIZE(format_names); i++)
				if (formats & (1u << i)) {
					size_t n = strlen(list);
					snprintf(list + n, sizeof(list) - n, "%s%s", n ? ", " : "",
						 format_names[i]);
				}
			cli_usage_error(cmd, "--format wants one of %s, not '%s'", list, arg);
		}
		return -1;
	default:
		return 0;
	}
	/* Both would silently read every platform: say so instead. */
	if (o->open.platform && o->open.all_platforms) {
		cli_usage_error(cmd, "--platform picks one platform, --all-platforms reads "
				     "each: use one of them");
		return -1;
	}
	return 1;
}

void cli_analyses_free(struct bi_analysis **as, size_t n)
{
	if (!as)
		return;
	for (size_t i = 0; i < n; i++)
		bi_analysis_free(as[i]);
	free(as);
}

int cli_image_load(const char *spec, const struct cli_image_opts *o, struct bi_image ***ret,
		   size_t *ret_n, struct bi_analysis ***ret_a)
{
	struct bi_image **imgs = NULL;
	struct bi_analysis **as;
	struct bi_err *err = NULL;
	size_t n = 0;
	int r;

	r = bi_image_open(spec, &o->open, &imgs, &n, &err);
	if (r < 0) {
		r = cli_fail(err);
		bi_err_free(err);
		return r;
	}
	as = bi_xcalloc(n ? n : 1, sizeof(*as));
	for (size_t i = 0; i < n; i++) {
		r = bi_analyze_image(imgs[i], &as[i], &err);
		if (r < 0) {
			bi_err_wrap(&err, "%s", spec);
			r = cli_fail(err);
			bi_err_free(err);
			cli_analyses_free(as, n);
			bi_image_list_free(imgs, n);
			return r;
		}
	}
	*ret = imgs;
	*ret_n = n;
	*ret_a = as;
	return 0;
}

int cli_findings_status(struct bi_analysis *const *as, size_t n, enum bi_severity fail_on)
{
	if (fail_on == BI_SEV_NONE)
		return BI_EXIT_OK;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < as[i]->nchecks; k++)
			if (as[i]->checks[k].severity >= fail_on)
				return BI_EXIT_FINDINGS;
	return BI_EXIT_OK;
}
