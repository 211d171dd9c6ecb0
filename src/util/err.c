/* SPDX-License-Identifier: MIT */
#include "util/common.h"

#include <baseimg/baseimg.h>

struct bi_err {
	int code;
	char *msg;
};

static int err_vset(struct bi_err **err, int code, int errnum, const char *fmt, va_list ap)
{
	struct bi_err *e;
	char *msg;

	assert(code < 0);
	if (!err)
		return code;
	assert(*err == NULL);
	msg = bi_xvasprintf(fmt, ap);
	if (errnum) {
		char *m2 = bi_xasprintf("%s: %s", msg, strerror(errnum));
		free(msg);
		msg = m2;
	}
	e = bi_xcalloc(1, sizeof(*e));
	e->code = code;
	e->msg = msg;
	*err = e;
	return code;
}

int bi_err_set(struct bi_err **err, int code, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = err_vset(err, code, 0, fmt, ap);
	va_end(ap);
	return r;
}

int bi_err_set_errno(struct bi_err **err, int code, int errnum, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = err_vset(err, code, errnum, fmt, ap);
	va_end(ap);
	return r;
}

int bi_err_wrap(struct bi_err **err, const char *fmt, ...)
{
	va_list ap;
	char *ctx, *msg;

	if (!err || !*err)
		return BI_EINTERNAL;
	va_start(ap, fmt);
	ctx = bi_xvasprintf(fmt, ap);
	va_end(ap);
	msg = bi_xasprintf("%s: %s", ctx, (*err)->msg);
	free(ctx);
	free((*err)->msg);
	(*err)->msg = msg;
	return (*err)->code;
}

int bi_err_code(const struct bi_err *err)
{
	return err ? err->code : 0;
}

const char *bi_err_msg(const struct bi_err *err)
{
	return err && err->msg ? err->msg : "unknown error";
}

void bi_err_free(struct bi_err *err)
{
	if (!err)
		return;
	free(err->msg);
	free(err);
}

void bi_err_freep(struct bi_err **err)
{
	bi_err_free(*err);
	*err = NULL;
}

int bi_err_exit_status(int code)
{
	switch (code) {
	case BI_OK:
		return BI_EXIT_OK;
	case BI_EUSAGE:
		return BI_EXIT_USAGE;
	case BI_EIO:
	case BI_EFORMAT:
	case BI_ENOTFOUND:
	case BI_EUNSUPPORTED:
	case BI_ELIMIT:
	case BI_EDIGEST:
	case BI_EDB:
		return BI_EXIT_INPUT;
	case BI_ENET:
	case BI_EAUTH:
		return BI_EXIT_NET;
	default:
		return BI_EXIT_INTERNAL;
	}
}
