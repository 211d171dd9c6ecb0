/* SPDX-License-Identifier: MIT */
#ifndef BI_ANALYZE_H
#define BI_ANALYZE_H

/*
 * What `baseimg inspect` finds in an image: OS, libc, shell, package manager,
 * packages (with the layer that installed each), language runtimes, the class
 * on the scratch -> full spectrum with its reasons (docs/classification.md),
 * the chapter's columns, and the will-it-run checks BI201..BI207
 * (docs/checks/). The analysis reads the merged view through struct bi_view
 * (view.h) so that it can be tested without an image.
 */
#include <stdbool.h>
#include <stdint.h>

#include "elf/elf.h"
#include "image/image.h"
#include "kb/kb.h" /* enum bi_class */
#include "pkgdb/pkgdb.h"
#include "report/severity.h"
#include "util/buf.h"
#include "util/json.h"

struct bi_err;
struct bi_view;

struct bi_check {
	const char *id;	  /* "BI201" (static) */
	const char *name; /* "entrypoint-missing" (static) */
	enum bi_severity severity;
	char *message;
	char *path; /* the path concerned, or NULL */
};

struct bi_os {
	char *id, *version_id, *codename, *name, *pretty_name, *id_like;
	const char *source; /* the file it came from (static string) */
};

struct bi_runtime {
	char *name;    /* "python", "node", "java", "go" */
	char *version; /* or NULL when not cheaply known */
	char *path;
};

struct bi_analysis {
	const struct bi_image *img; /* borrowed */
	bool has_os;
	struct bi_os os;
	enum bi_libc libc; /* the image's libc: BI_LIBC_NONE when it has none */
	char *libc_version;
	bool has_glibc, has_musl;    /* loaders present */
	char *shell;		     /* "/bin/sh", "/busybox/sh", or NULL */
	char *shell_kind;	     /* "busybox", "dash", "bash", ... */
	const char *package_manager; /* "apk", "apt", "dnf", "yum", "microdnf", "none" */
	struct bi_pkglist pkgs;	     /* pkgs.format is the package_db */
	bool has_busybox, has_coreutils;
	char **build_tools; /* "gcc", "make", "libc6-dev", ... */
	size_t nbuild_tools;
	uint64_t man_files, doc_files; /* regular files under usr/share/{man,doc} */
	size_t debug_tools;	       /* real (non-busybox) ps, curl, strace, gdb, ... */
	const char *debug_ease;	       /* "none", "low", "medium", "high" */
	struct bi_runtime *runtimes;
	size_t nruntimes;
	uint64_t files, elf_files;
	enum bi_class class;
	char **class_reasons;
	size_t nclass_reasons;
	struct bi_check *checks;
	size_t nchecks;
	/*
	 * Regular-file bytes the layers carry (layer_bytes), the part upper
	 * layers deleted or overwrote (wasted_bytes), and the share that reaches
	 * the final filesystem (efficiency, dive's "image efficiency"; 1 when
	 * there are no bytes). Per layer and the largest wasted files:
	 * bi_fs_layer_wasted() and bi_fs_top_waste() on img->fs.
	 */
	uint64_t layer_bytes, wasted_bytes;
	double efficiency;
	char **warnings; /* damaged package records, unsupported databases */
	size_t nwarnings;
};

/* Analyse an image through its merged view (view_fs.c). */
int bi_analyze_image(const struct bi_image *img, struct bi_analysis **ret, struct bi_err **err);
/* The same over any view (tests). */
int bi_analyze(const struct bi_image *img, const struct bi_view *v, struct bi_analysis **ret,
	       struct bi_err **err);
void bi_analysis_free(struct bi_analysis *a);
void bi_analysis_freep(struct bi_analysis **a);

const char *bi_analyze_class_name(enum bi_class c);
/* The highest severity among the checks, or BI_SEV_NONE when there are none. */
enum bi_severity bi_analysis_worst(const struct bi_analysis *a);

/* osrelease.c: os-release(5) text. Unknown keys are ignored; never fails. */
void bi_osrelease_parse(struct bi_span text, struct bi_os *ret);
void bi_os_release(struct bi_os *os);

/* classify.c: class, reasons and debug ease from the facts already in a. */
void bi_classify(struct bi_analysis *a);
/* checks.c: BI201..BI207. */
void bi_run_checks(struct bi_analysis *a, const struct bi_view *v);
/* runtime.c: python, node, java, go. */
void bi_find_runtimes(struct bi_analysis *a, const struct bi_view *v);

/* Internal helpers shared by the analyze files. */
int bi_analyze__packages(struct bi_analysis *a, const struct bi_view *v, struct bi_err **err);
/* Resolve a program name the way execvp would (PATH from the config); NULL when absent. */
const struct bi_fentry *bi_analyze__which(const struct bi_analysis *a, const struct bi_view *v,
					  const char *prog);
/* Is the resolved entry a regular file (after symlinks)? */
const struct bi_fentry *bi_analyze__exists(const struct bi_view *v, const char *path);
const char *bi_analyze__basename(const char *path);
/* The config's value for an environment variable, or NULL. */
const char *bi_analyze__env(const struct bi_image *img, const char *key);
__attribute__((format(printf, 2, 3))) void bi_analysis__reason(struct bi_analysis *a,
							       const char *fmt, ...);
__attribute__((format(printf, 5, 6))) void bi_analysis__check(struct bi_analysis *a, const char *id,
							      enum bi_severity sev,
							      const char *path, const char *fmt,
							      ...);

#endif
