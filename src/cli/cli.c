/* SPDX-License-Identifier: MIT */
#include "cli/cli.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("baseimg: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_warn(const char *fmt, ...)
{
	va_list ap;

	fputs("baseimg: warning: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("baseimg: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'baseimg %s%s--help' for more information.\n", cmd ? cmd : "",
		cmd ? " " : "");
	return BI_EXIT_USAGE;
}

int cli_fail(struct bi_err *err)
{
	int code = bi_err_code(err);

	cli_error("%s", bi_err_msg(err));
	return bi_err_exit_status(code ? code : BI_EINTERNAL);
}

bool cli_write_stdout(const struct bi_buf *b)
{
	if (b->len && fwrite(b->buf, 1, b->len, stdout) != b->len) {
		cli_error("writing to standard output: %s", strerror(errno));
		return false;
	}
	if (fflush(stdout) != 0) {
		cli_error("writing to standard output: %s", strerror(errno));
		return false;
	}
	return true;
}

bool cli_use_color(FILE *f)
{
	const char *term = getenv("TERM");

	if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
		return false;
	if (term && strcmp(term, "dumb") == 0)
		return false;
	return isatty(fileno(f));
}
