/* SPDX-License-Identifier: MIT */
#ifndef BI_LINT_SHELL_H
#define BI_LINT_SHELL_H

/*
 * A small POSIX-shell tokenizer for RUN text, enough for the lint rules:
 * splits on newlines, ; & && || | ( ), removes quotes and backslash escapes,
 * keeps $VAR / $(...) / `...` inside words unexpanded, drops redirections
 * and comments. It never fails: malformed input gives fewer or odd words,
 * never an error. Internal to src/lint/.
 */
#include <stdbool.h>
#include <stddef.h>

#include "util/span.h"

#define BI_SH_MAX_CMDS 4096
#define BI_SH_MAX_WORDS 4096
#define BI_SH_MAX_DEPTH 4 /* nested `sh -c "..."` */

struct bi_sh_cmd {
	char **words;
	size_t n;
	size_t first; /* index of the program after prefixes (bi_sh_cmd_program) */
};

struct bi_sh_script {
	struct bi_sh_cmd *cmds;
	size_t n, alloc;
};

void bi_sh_script_release(struct bi_sh_script *s);
/*
 * Tokenize `text` and append its simple commands to s. Commands of the form
 * `sh -c SCRIPT` (bash, /bin/sh, ...) are replaced by SCRIPT's commands.
 */
void bi_sh_parse(struct bi_span text, struct bi_sh_script *s);
/* Append one command made of the given words (exec form), unwrapping sh -c. */
void bi_sh_add_argv(struct bi_sh_script *s, char *const *argv, size_t argc);

/* "NAME=VALUE" with a valid shell name: true, and the parts. */
bool bi_sh_assignment(const char *word, struct bi_span *ret_name, struct bi_span *ret_value);
/* basename of a program word: "/usr/bin/pip3" -> "pip3". */
const char *bi_sh_basename(const char *word);
/* Whether a program name is a shell: sh, bash, ash, dash, zsh, ksh, busybox... */
bool bi_sh_is_shell(const char *word);

#endif
