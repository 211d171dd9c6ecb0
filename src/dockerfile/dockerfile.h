/* SPDX-License-Identifier: MIT */
#ifndef BI_DOCKERFILE_H
#define BI_DOCKERFILE_H

/*
 * The Dockerfile model the rest of baseimg uses (parser.c builds it with
 * BuildKit's exact semantics; see docs/dockerfile.md and
 * ../shared/data/dockerfile/buildkit-parser/README.md).
 *
 * Ownership: bi_dockerfile_parse() returns a caller-owned model
 * (bi_dockerfile_free); every pointer inside is borrowed from it.
 */
#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/span.h"
#include "util/strv.h"

struct bi_err;

enum bi_instr_kind {
	BI_I_UNKNOWN,
	BI_I_ADD,
	BI_I_ARG,
	BI_I_CMD,
	BI_I_COPY,
	BI_I_ENTRYPOINT,
	BI_I_ENV,
	BI_I_EXPOSE,
	BI_I_FROM,
	BI_I_HEALTHCHECK,
	BI_I_LABEL,
	BI_I_MAINTAINER,
	BI_I_ONBUILD,
	BI_I_RUN,
	BI_I_SHELL,
	BI_I_STOPSIGNAL,
	BI_I_USER,
	BI_I_VOLUME,
	BI_I_WORKDIR,
	BI_I__MAX,
};

struct bi_heredoc {
	char *name; /* unquoted delimiter ("EOF") */
	/*
	 * Body lines as written, each with its line ending (as BuildKit's
	 * Heredoc.Content: for <<- the leading tabs are still there; BuildKit
	 * strips them when it uses the content).
	 */
	char *content;
	size_t content_len;
	int fd;			  /* 0 when no file descriptor was written */
	bool chomp;		  /* <<- */
	bool expand;		  /* false when any part of the delimiter was quoted */
	int start_line, end_line; /* body's first line .. the terminator's line */
};

struct bi_instr {
	enum bi_instr_kind kind;
	char *keyword;	/* as written: "Run" */
	char *original; /* the assembled logical line: continuations joined, comments dropped */
	/*
	 * Flags as BuildKit reads them ("--from=build", quotes and escapes
	 * removed), in source order.
	 */
	char **flags;
	size_t nflags;
	/*
	 * Argument nodes exactly as BuildKit's AST holds them (what `parse
	 * --format buildkit` quotes): for ENV/LABEL the key, value, separator
	 * triples; for shell form one verbatim string; for JSON form the decoded
	 * elements; for HEALTHCHECK the subcommand then its arguments.
	 */
	char **args;
	size_t nargs;
	size_t *args_len;  /* byte length of each argument (a JSON "\u0000" keeps its NUL) */
	size_t *flags_len; /* likewise for flags */
	bool json_form;	   /* RUN/CMD/ENTRYPOINT/SHELL/ADD/COPY/VOLUME/HEALTHCHECK in exec form */
	struct bi_heredoc *heredocs;
	size_t nheredocs;
	struct bi_instr *onbuild; /* ONBUILD's nested instruction, else NULL */
	int start_line, end_line; /* 1-based, inclusive, as BuildKit */
	int column;		  /* 1-based column of the keyword on start_line */
	/*
	 * The run of comment lines directly above the instruction (no blank line
	 * between), "#" removed and the text trimmed; parser directives excluded.
	 */
	char **comments;
	size_t ncomments;
};

struct bi_dockerfile {
	char *name; /* for messages: the path given, or "<stdin>" */
	struct bi_instr *instrs;
	size_t ninstrs;
	char escape;  /* '\\' or '`' */
	char *syntax; /* "# syntax=" directive, or NULL */
	/* BuildKit's "empty continuation line" warnings, by line. */
	int *empty_continuation_lines;
	size_t nempty_continuation_lines;
};

/*
 * Parse a Dockerfile. `name` names the input in messages. Errors are
 * BI_EFORMAT ("NAME:LINE: message", BuildKit's failures: no instructions,
 * unterminated heredoc, ENV without value, non-string JSON element, bad
 * directive) or BI_ELIMIT (a line of 64 KiB or more, too many instructions).
 */
int bi_dockerfile_parse(struct bi_span text, const char *name, struct bi_dockerfile **ret,
			struct bi_err **err);
void bi_dockerfile_free(struct bi_dockerfile *df);
void bi_dockerfile_freep(struct bi_dockerfile **df);

const char *bi_instr_kind_name(enum bi_instr_kind kind); /* "RUN" */

/* BuildKit's AST dump: one "(...)\n" line per instruction, byte-exact. */
void bi_dockerfile_dump_buildkit(const struct bi_dockerfile *df, struct bi_buf *out);
/* The structured model as JSON (docs/dockerfile.md), stages included. */
struct bi_build;
void bi_dockerfile_dump_json(const struct bi_dockerfile *df, const struct bi_build *build,
			     struct bi_buf *out);

/* ---------------------------------------------------------------- stages --- */

/* A NAME=VALUE pair (build args, ARG defaults). */
struct bi_kv {
	char *key;
	char *value; /* NULL: declared without a value */
};

struct bi_build_opts {
	const struct bi_kv *build_args; /* --build-arg NAME=VALUE */
	size_t nbuild_args;
	const char *target;   /* --target STAGE, or NULL for the last stage */
	const char *platform; /* default "linux/amd64" */
};

/* A problem the stage graph found (BI110 and BI111 report these). */
enum bi_build_issue_kind {
	BI_BUILD_FROM_LATER_STAGE,  /* FROM names a stage defined later */
	BI_BUILD_DUPLICATE_STAGE,   /* second stage with a name already used */
	BI_BUILD_COPY_FROM_UNKNOWN, /* --from names no earlier stage */
	BI_BUILD_COPY_FROM_INDEX,   /* --from=N out of range or not earlier */
	BI_BUILD_MOUNT_FROM_UNKNOWN,
	BI_BUILD_ARG_UNRESOLVED, /* a FROM variable has no value */
	BI_BUILD_TARGET_UNKNOWN, /* --target names no stage */
	BI_BUILD_ISSUE__MAX,
};

struct bi_build_issue {
	enum bi_build_issue_kind kind;
	const struct bi_instr *instr; /* where to report it */
	size_t stage;		      /* the stage it is in */
	char *detail;		      /* the name, index or variable concerned */
};

/* A use of another stage or image: COPY --from, RUN --mount=...,from=. */
struct bi_stage_use {
	const struct bi_instr *instr;
	char *from; /* the value as expanded */
	long stage; /* index of the earlier stage it names, or -1 (an image) */
	bool is_mount;
};

struct bi_stage {
	size_t index;
	const struct bi_instr *from; /* the FROM instruction */
	char *name;		     /* lower-cased "AS name", or NULL */
	char *image_raw;	     /* FROM's image word as written */
	char *image;		     /* after ARG expansion; NULL if a variable is unresolved */
	char *platform;		     /* --platform after expansion, or NULL */
	long base_stage;	     /* index of an earlier stage named by FROM, else -1 */
	/* Instructions of the stage, FROM excluded: df->instrs[first .. first+n). */
	size_t first_instr, ninstrs;
	struct bi_stage_use *uses;
	size_t nuses;
	/* ARG/ENV values known in the stage (for BI108's CGO_ENABLED and the like). */
	struct bi_kv *vars;
	size_t nvars;
};

struct bi_build {
	struct bi_stage *stages;
	size_t nstages;
	size_t target;		   /* index of the final stage */
	struct bi_kv *global_args; /* ARGs before the first FROM, after expansion */
	size_t nglobal_args;
	struct bi_build_issue *issues;
	size_t nissues;
};

/* "from-later-stage", "duplicate-stage", ... (the JSON model's names). */
const char *bi_build_issue_name(enum bi_build_issue_kind kind);

/* Build the stage graph. Fails only on BI_EUSAGE (bad opts); problems become issues. */
int bi_build_analyze(const struct bi_dockerfile *df, const struct bi_build_opts *opts,
		     struct bi_build **ret, struct bi_err **err);
void bi_build_free(struct bi_build *b);
void bi_build_freep(struct bi_build **b);
/* The stage at the bottom of the FROM <stage> chain (itself if none). */
const struct bi_stage *bi_build_root(const struct bi_build *b, const struct bi_stage *s);

/* ------------------------------------------------------------- expansion --- */

/*
 * Expand $V, ${V}, ${V:-d}, ${V-d}, ${V:+a}, ${V+a} in a word the way
 * BuildKit's shell lexer does for FROM (quotes removed, `escape` honoured).
 * lookup returns the value, or NULL when V is not set. Names of variables
 * that had no value are appended to `unresolved` (may be NULL).
 */
typedef const char *(*bi_var_lookup_fn)(void *ctx, struct bi_span name);
int bi_expand_word(struct bi_span word, char escape, bi_var_lookup_fn lookup, void *ctx, char **ret,
		   struct bi_strv *unresolved, struct bi_err **err);

#endif
