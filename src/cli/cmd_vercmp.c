/* SPDX-License-Identifier: MIT */
/* baseimg vercmp: compare package versions in a distribution's own scheme. */
#include <getopt.h>

#include "cli/cli.h"
#include "pkgdb/version.h"

static void usage(FILE *f)
{
	fputs("Usage: baseimg vercmp --scheme deb|apk|rpm VERSION1 VERSION2\n"
	      "       baseimg vercmp --scheme deb|apk|rpm -\n"
	      "\n"
	      "Compare two package versions the way the distribution's package manager does\n"
	      "and print '<', '=' or '>' (VERSION1 is older, the same, or newer).\n"
	      "\n"
	      "  deb  dpkg: [epoch:]upstream[-revision]; '~' sorts before everything,\n"
	      "       so 2.2~rc-4 < 2.2-1\n"
	      "  apk  apk-tools: 1.2.3[letter][_alpha|_beta|_pre|_rc|_cvs|_svn|_git|_hg|_p[N]]\n"
	      "       [~hash][-rN]; 1.1_alpha1 < 1.1 < 1.1_p1 < 1.1-r1\n"
	      "  rpm  rpm: [epoch:]version[-release]; '~' sorts first, '^' after the end,\n"
	      "       so 1.0~rc1 < 1.0 < 1.0^git1 < 1.0.1\n"
	      "\n"
	      "With '-', read pairs 'VERSION1 VERSION2' from standard input, one per line,\n"
	      "and print one result per line ('!' for a line that cannot be compared).\n"
	      "\n"
	      "Options:\n"
	      "  -s, --scheme SCHEME  deb (dpkg, debian), apk (alpine) or rpm; required\n"
	      "  -h, --help           show this help\n"
	      "\n"
	      "A version the package manager refuses (empty, a bad deb epoch or revision,\n"
	      "blanks inside) is an error. Versions it still compares are compared with a\n"
	      "warning: dpkg's lenient cases (no leading digit, odd characters) and apk\n"
	      "versions outside the grammar above (apk falls back to its token rules).\n"
	      "\n"
	      "Exit status: 0 compared, 2 usage error, 3 an invalid version.\n"
	      "\n"
	      "Examples:\n"
	      "  baseimg vercmp --scheme deb 1:2.0-1 2.9-1        # >\n"
	      "  baseimg vercmp --scheme apk 3.3.2-r0 3.3.2-r1    # <\n"
	      "  printf '1.0 1.0^git1\\n' | baseimg vercmp --scheme rpm -\n",
	      f);
}

/* Check one version; false (message printed) when the scheme refuses it. */
static bool check(enum bi_ver_scheme s, struct bi_span v, long line)
{
	const char *why = NULL;
	char where[48] = "";

	if (line > 0)
		snprintf(where, sizeof(where), "line %ld: ", line);
	switch (bi_ver_check(s, v, &why)) {
	case BI_VER_VALID:
		return true;
	case BI_VER_WARN:
		cli_warn("%s%s version '%.*s': %s", where, bi_ver_scheme_name(s),
			 (int)(v.len > 200 ? 200 : v.len), v.ptr, why);
		return true;
	case BI_VER_INVALID:
		break;
	}
	cli_error("%sinvalid %s version '%.*s': %s", where, bi_ver_scheme_name(s),
		  (int)(v.len > 200 ? 200 : v.len), v.ptr, why ? why : "invalid");
	return false;
}

static const char *result(enum bi_ver_scheme s, struct bi_span a, struct bi_span b)
{
	int r = bi_ver_cmp(s, a, b);
	return r < 0 ? "<" : r > 0 ? ">" : "=";
}

static int batch(enum bi_ver_scheme s)
{
	_cleanup_(bi_buf_release) struct bi_buf out = BI_BUF_INIT(BI_BUF_NOLIMIT);
	_cleanup_free_ char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	bool bad = false;

	while ((n = getline(&line, &cap, stdin)) > 0) {
		struct bi_span l = bi_span_trim(bi_span_make(line, (size_t)n)), a, b;
		ptrdiff_t sp;

		lineno++;
		if ((size_t)n > 2 * BI_MAX_VERSION + 64) {
			cli_error("line %ld: longer than %zu bytes", lineno,
				  (size_t)(2 * BI_MAX_VERSION + 64));
			bi_buf_adds(&out, "!\n");
			bad = true;
			continue;
		}
		/* Split on the first run of blanks. */
		sp = -1;
		for (size_t i = 0; i < l.len; i++) {
			if (l.ptr[i] == ' ' || l.ptr[i] == '\t') {
				sp = (ptrdiff_t)i;
				break;
			}
		}
		if (sp < 0) {
			cli_error("line %ld: expected two versions separated by a blank", lineno);
			bi_buf_adds(&out, "!\n");
			bad = true;
			continue;
		}
		a = bi_span_make(l.ptr, (size_t)sp);
		b = bi_span_trim(bi_span_make(l.ptr + sp, l.len - (size_t)sp));
		if (bi_span_find_char(b, ' ') >= 0 || bi_span_find_char(b, '\t') >= 0) {
			cli_error("line %ld: expected two versions, found more", lineno);
			bi_buf_adds(&out, "!\n");
			bad = true;
			continue;
		}
		if (!check(s, a, lineno) || !check(s, b, lineno)) {
			bi_buf_adds(&out, "!\n");
			bad = true;
			continue;
		}
		bi_buf_adds(&out, result(s, a, b));
		bi_buf_addch(&out, '\n');
		if (out.len > 64 * BI_KiB) {
			if (!cli_write_stdout(&out))
				return BI_EXIT_INTERNAL;
			bi_buf_reset(&out);
		}
	}
	if (ferror(stdin)) {
		cli_error("reading standard input: %s", strerror(errno));
		return BI_EXIT_INPUT;
	}
	if (!cli_write_stdout(&out))
		return BI_EXIT_INTERNAL;
	return bad ? BI_EXIT_INPUT : BI_EXIT_OK;
}

int cmd_vercmp(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "scheme", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum bi_ver_scheme s = BI_VER__MAX;
	struct bi_buf out = BI_BUF_INIT(BI_BUF_NOLIMIT);
	struct bi_span a, b;
	int c;
	bool ok;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+s:h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (!bi_ver_scheme_parse(optarg, &s))
				return cli_usage_error(
					"vercmp", "unknown scheme '%s' (deb, apk or rpm)", optarg);
			break;
		case 'h':
			usage(stdout);
			return BI_EXIT_OK;
		default:
			return cli_usage_error("vercmp", "unknown option");
		}
	}
	if (s == BI_VER__MAX)
		return cli_usage_error("vercmp", "--scheme deb|apk|rpm is required");
	argc -= optind;
	argv += optind;
	if (argc == 1 && strcmp(argv[0], "-") == 0)
		return batch(s);
	if (argc != 2)
		return cli_usage_error("vercmp", "expected two versions, or '-' to read pairs");
	a = bi_span_str(argv[0]);
	b = bi_span_str(argv[1]);
	if (!check(s, a, 0) || !check(s, b, 0))
		return BI_EXIT_INPUT;
	bi_buf_adds(&out, result(s, a, b));
	bi_buf_addch(&out, '\n');
	ok = cli_write_stdout(&out);
	bi_buf_release(&out);
	return ok ? BI_EXIT_OK : BI_EXIT_INTERNAL;
}
