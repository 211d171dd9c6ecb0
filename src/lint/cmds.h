/* SPDX-License-Identifier: MIT */
#ifndef BI_LINT_CMDS_H
#define BI_LINT_CMDS_H

/*
 * What the lint rules read from RUN commands: package-manager installs and
 * removals, pip-style installs, and compiler invocations. Internal to
 * src/lint/. Words are borrowed from the bi_sh_cmd they came from.
 */
#include <stdbool.h>
#include <stddef.h>

#include "lint/shell.h"

/* Index of the program word: skips NAME=VALUE, sudo, env, then/do/{/!... */
size_t bi_lint_cmd_program(char *const *w, size_t n);

enum bi_pm_op {
	BI_PM_NONE,
	BI_PM_INSTALL,
	BI_PM_REMOVE,	  /* remove/purge/del/erase named packages */
	BI_PM_AUTOREMOVE, /* apt-get autoremove / purge --auto-remove */
	BI_PM_MARK_AUTO,  /* apt-mark auto */
};

struct bi_pm_action {
	enum bi_pm_op op;
	const char *manager; /* "apt-get", "apk", "dnf", ... */
	char **pkgs;	     /* package names, versions and arch stripped (owned) */
	size_t npkgs;
	char *virtual_name; /* apk add --virtual NAME / -t NAME (owned) */
	bool auto_remove;   /* --auto-remove with a removal */
};

/* Parse w[0..n) (w[0] the program). Returns false if not a package command. */
bool bi_pm_parse(char *const *w, size_t n, struct bi_pm_action *ret);
void bi_pm_action_release(struct bi_pm_action *a);
/* build-essential, gcc, g++, make, cmake, clang, build-base, *-dev, ... */
bool bi_pm_is_build_tool(const char *pkg);
/* A C compiler package (gcc, g++, clang, build-base, build-essential). */
bool bi_pm_is_c_toolchain(const char *pkg);

/*
 * Python installs: pip/pip3/pythonX -m pip/uv pip/uv add/poetry add/pipenv
 * install. Calls fn for each named distribution ("numpy", lower case,
 * extras and version specifiers removed). Returns false if not an install.
 */
typedef void (*bi_pkg_fn)(void *ctx, const char *name);
/* req_fn (may be NULL) gets the FILE of each -r/--requirement FILE. */
bool bi_py_install(char *const *w, size_t n, bi_pkg_fn fn, bi_pkg_fn req_fn, void *ctx);
/* A Python requirement spec -> normalised name into buf; false if a path/URL. */
bool bi_py_req_name(const char *spec, char *buf, size_t bufsz);

/* Compiler invocations. */
enum bi_build_kind {
	BI_BUILD_NONE,
	BI_BUILD_GO,	/* go build / go install */
	BI_BUILD_CC,	/* gcc/g++/cc/clang linking */
	BI_BUILD_CARGO, /* cargo build */
};
/*
 * Classify a command. *ret_static is set when the command itself asks for a
 * static result (-static for cc, "-static" in go ldflags, a musl target or
 * crt-static for cargo).
 */
enum bi_build_kind bi_build_cmd(char *const *w, size_t n, bool *ret_static);

#endif
