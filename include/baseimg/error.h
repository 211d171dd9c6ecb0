/* SPDX-License-Identifier: MIT */
#ifndef BASEIMG_ERROR_H
#define BASEIMG_ERROR_H

/*
 * Errors (crun + libgit2 + systemd): fallible functions return 0 or a
 * negative BI_E* code and take `struct bi_err **err` last. The failing site
 * sets the message once with bi_err_set(); callers add context with
 * bi_err_wrap(), which prepends "context: " and returns the unchanged code.
 * `err` may be NULL (the caller does not want the message); `*err` must be
 * NULL on entry. The library never prints.
 */

enum bi_error_code {
	BI_OK = 0,
	BI_EIO = -1001,		 /* reading or writing a file failed */
	BI_EFORMAT = -1002,	 /* input is malformed */
	BI_ENOTFOUND = -1003,	 /* a named thing does not exist */
	BI_EUNSUPPORTED = -1004, /* valid input we do not handle */
	BI_ELIMIT = -1005,	 /* a size cap from util/limits.h was exceeded */
	BI_ENET = -1006,	 /* network failure */
	BI_EAUTH = -1007,	 /* authentication failure */
	BI_EDB = -1008,		 /* the vulnerability database failed */
	BI_EUSAGE = -1009,	 /* the caller passed bad arguments */
	BI_EDIGEST = -1010,	 /* content does not match its digest */
	BI_EINTERNAL = -1011,	 /* a bug or an unexpected library failure */
};

struct bi_err;

__attribute__((format(printf, 3, 4))) int bi_err_set(struct bi_err **err, int code, const char *fmt,
						     ...);
/* Like bi_err_set, with ": strerror(errnum)" appended. */
__attribute__((format(printf, 4, 5))) int bi_err_set_errno(struct bi_err **err, int code,
							   int errnum, const char *fmt, ...);
/* Prepend "context: " to the message; returns the stored code (BI_EINTERNAL if none). */
__attribute__((format(printf, 2, 3))) int bi_err_wrap(struct bi_err **err, const char *fmt, ...);

int bi_err_code(const struct bi_err *err);
/* Borrowed; valid while err lives. Never NULL. */
const char *bi_err_msg(const struct bi_err *err);
void bi_err_free(struct bi_err *err);
void bi_err_freep(struct bi_err **err);

/* The documented process exit status for an error code (see README). */
int bi_err_exit_status(int code);

#endif
