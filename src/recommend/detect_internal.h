/* SPDX-License-Identifier: MIT */
#ifndef BI_RECOMMEND_DETECT_INTERNAL_H
#define BI_RECOMMEND_DETECT_INTERNAL_H

/* Shared by detect.c (driver) and detect_lang.c (one reader per language). */
#include "recommend/recommend.h"
#include "util/buf.h"

struct detect {
	const struct bi_kb *kb;
	const char *dir;
	struct bi_workload *w;
	bool found[BI_LANG__MAX];
	bool version_set[BI_LANG__MAX];
	char version[BI_LANG__MAX][32];
	char version_source[BI_LANG__MAX][64];
	char constraint[BI_LANG__MAX][64];
	char build_tool[BI_LANG__MAX][16];
	struct bi_strv native[BI_LANG__MAX];
	char app[BI_LANG__MAX][64];
	char main[BI_LANG__MAX][128];
	bool docker_lang[BI_LANG__MAX];
	char docker_version[BI_LANG__MAX][32];
	char docker_version_source[BI_LANG__MAX][64];
	char **sig;
	enum bi_lang *sig_lang;
	size_t nsig, asig;
};

bool bi_detect__read(struct detect *d, const char *name, struct bi_buf *b);
bool bi_detect__exists(struct detect *d, const char *name);
void bi_detect__set_version(struct detect *d, enum bi_lang lang, const char *v, const char *src);
void bi_detect__major_minor(struct bi_span s, int parts, char *out, size_t n);
void bi_detect__signal(struct detect *d, enum bi_lang lang, const char *file);

/* Line-level helpers of detect_lang.c. */
bool bi_detect__toml_value(struct bi_span line, const char *key, struct bi_span *ret);
struct bi_span bi_detect__dep_key(struct bi_span line);
void bi_detect__check_native(struct detect *d, enum bi_lang lang, const char *list,
			     struct bi_span name);
void bi_detect__quoted_deps(struct detect *d, struct bi_span line);

void bi_detect__go(struct detect *d);
void bi_detect__rust(struct detect *d);
void bi_detect__java(struct detect *d);
void bi_detect__python(struct detect *d);
void bi_detect__node(struct detect *d);
/* detect_extra.c: version files and secondary manifests */
void bi_detect__extra(struct detect *d);
void bi_detect__python_extra(struct detect *d);
void bi_detect__cargo_workspace(struct detect *d);

#endif
