/* SPDX-License-Identifier: MIT */
#ifndef BI_KB_H
#define BI_KB_H

/*
 * The knowledge base: what baseimg knows about the official image families
 * (variants, libc, shell, sizes, OS releases, build-only images) and about
 * language packages (Python C extensions, Node native addons). The data is
 * the readable, dated file data/kb/images.kb, embedded at build time;
 * BASEIMG_KB=PATH loads another copy instead. Format: docs/knowledge-base.md.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elf/elf.h" /* enum bi_libc */
#include "util/span.h"

struct bi_err;
struct bi_ref;
struct bi_kb;

/* The spectrum, lightest first. */
enum bi_class {
	BI_CLASS_SCRATCH,
	BI_CLASS_DISTROLESS,
	BI_CLASS_ALPINE,
	BI_CLASS_SLIM,
	BI_CLASS_FULL,
	BI_CLASS_UNKNOWN,
	BI_CLASS__MAX,
};
const char *bi_class_name(enum bi_class c); /* "scratch" ... "full", "unknown" */

/* What the KB says about one image reference. */
struct bi_kb_match {
	bool known;	  /* the family is in the KB */
	char family[128]; /* "python", "gcr.io/distroless/static", "cgr.dev/chainguard/go" */
	char variant[64]; /* "slim", "alpine", "full", "jre", "debug", ... */
	enum bi_class class;
	enum bi_libc libc;
	bool has_shell;
	bool build_only;	 /* golang, gcc, rust, maven, gradle, buildpack-deps, JDK images */
	bool full;		 /* full or build-only: BI105 */
	char os_id[32];		 /* "debian", "ubuntu", "alpine", "wolfi", "" unknown */
	char os_release[32];	 /* "bookworm", "3.20", "22.04"; "" when the tag does not say */
	bool os_variants;	 /* the family publishes OS-release variants (BI103 applies) */
	bool os_pinned;		 /* the tag pins the OS release */
	char suggestion[256];	 /* a pinned tag to suggest, "python:3.12-slim-trixie", or "" */
	uint64_t approx_size_mb; /* 0 unknown */
};

int bi_kb_load(struct bi_kb **ret, struct bi_err **err);
/* Parse KB text (`name` is for messages: "NAME: line N: ..."); load a file. */
int bi_kb_parse(struct bi_span text, const char *name, struct bi_kb **ret, struct bi_err **err);
int bi_kb_load_file(const char *path, struct bi_kb **ret, struct bi_err **err);
void bi_kb_free(struct bi_kb *kb);
void bi_kb_freep(struct bi_kb **kb);
const char *bi_kb_date(const struct bi_kb *kb); /* the data's date, "2026-11-01" */

/* Classify a reference. Always fills *ret (known=false for unknown families). */
void bi_kb_lookup(const struct bi_kb *kb, const struct bi_ref *ref, struct bi_kb_match *ret);
bool bi_kb_python_c_extension(const struct bi_kb *kb, const char *pkg);
bool bi_kb_node_native_addon(const struct bi_kb *kb, const char *pkg);
/*
 * Membership in any package list of the KB: "python-c-extensions",
 * "node-native-addons", "go-cgo-modules", "java-native-libraries",
 * "rust-native-crates". Extras, versions and markers after the name are ignored.
 */
bool bi_kb_in_list(const struct bi_kb *kb, const char *list, const char *pkg);
/* The (normalised, sorted) items of a package list; NULL and 0 when absent. Borrowed. */
const char *const *bi_kb_list(const struct bi_kb *kb, const char *list, size_t *ret_n);
/*
 * Scalar facts by key, e.g. "debian.current" -> "trixie", "python.latest" ->
 * "3.13", "alpine.latest" -> "3.22". NULL when unknown.
 */
const char *bi_kb_get(const struct bi_kb *kb, const char *key);
/* The version number of an OS release: ("debian", "trixie") -> "13"; NULL if unknown. */
const char *bi_kb_os_version(const struct bi_kb *kb, const char *os, const char *codename);
/* The version rows of a family, in file order; returns how many (at most max). */
size_t bi_kb_family_versions(const struct bi_kb *kb, const char *family, const char **out,
			     size_t max);
/* The newest version the KB knows for a family ("python" -> "3.15"); false if none. */
bool bi_kb_family_latest(const struct bi_kb *kb, const char *family, char *out, size_t n);

#endif
