/* SPDX-License-Identifier: MIT */
#ifndef BI_KB_INTERNAL_H
#define BI_KB_INTERNAL_H

/* The parsed knowledge base, shared by kb.c (parser) and lookup.c. */
#include "kb/kb.h"

struct kb_kv {
	char *key; /* "python.latest", "meta.date" */
	char *value;
};

struct kb_variant {
	char *name;
	char **match; /* words; empty for the default row */
	size_t nmatch;
	enum bi_class cls;
	enum bi_libc libc;
	bool shell;
	uint64_t size_mb;
	bool build;
};

struct kb_version {
	char *v;
	long eol_days; /* days since 1970-01-01, or -1 */
	char *debian;  /* an override: the newest codename this version got, or NULL */
	char *alpine;
};

struct kb_alias {
	char *word;
	char *target; /* NULL: an alias that moves (never pins) */
};

struct kb_release {
	char *codename; /* "trixie", "noble", "3.22" */
	char *version;	/* "13", "24.04", "3.22" */
	long days;	/* release date, or -1 */
};

struct kb_os {
	char *id;
	struct kb_release *rel;
	size_t nrel, arel;
	struct kb_alias *alias;
	size_t nalias, aalias;
};

struct kb_family {
	char *name;
	struct kb_variant *var;
	size_t nvar, avar;
	struct kb_version *ver;
	size_t nver, aver;
	struct kb_alias *alias;
	size_t nalias, aalias;
};

struct kb_list {
	char *name;  /* "python-c-extensions" */
	bool python; /* PEP 503 names */
	char **items;
	size_t n, alloc;
};

struct bi_kb {
	char *name; /* for messages */
	struct kb_kv *kv;
	size_t nkv, akv;
	struct kb_os *os;
	size_t nos, aos;
	struct kb_family *fam;
	size_t nfam, afam;
	char **mirrors;
	size_t nmirrors, amirrors;
	struct kb_list *lists; /* package lists, items sorted */
	size_t nlists, alists;
	long adoption_days;
};

const char *bi_kb__family_get(const struct bi_kb *kb, const struct kb_family *f, const char *key);
const struct kb_os *bi_kb__os(const struct bi_kb *kb, const char *id);
long bi_kb__days(const char *ymd); /* -1 when not YYYY-MM-DD */

#endif
