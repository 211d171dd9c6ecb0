/* SPDX-License-Identifier: MIT */
#ifndef BI_RECOMMEND_H
#define BI_RECOMMEND_H

/*
 * baseimg recommend: detect the workload of a build context (detect.c) and
 * walk the decision tree to a runtime image, a builder image and a
 * multi-stage Dockerfile skeleton (decide.c, skeleton.c). Every file read is
 * capped (util/limits.h BI_MAX_PROJECT_FILE, BI_MAX_SCAN_*).
 */
#include <stdbool.h>
#include <stddef.h>

#include "kb/kb.h"

struct bi_err;

#include "util/strv.h"

enum bi_lang {
	BI_LANG_NONE,
	BI_LANG_GO,
	BI_LANG_RUST,
	BI_LANG_JAVA,
	BI_LANG_PYTHON,
	BI_LANG_NODE,
	BI_LANG_RUBY,
	BI_LANG__MAX,
};
const char *bi_lang_name(enum bi_lang l); /* "go", ..., "" */

struct bi_workload {
	enum bi_lang lang;
	char version[32];	 /* as the project states it, normalised: "3.12", "21", "1.22" */
	char version_source[64]; /* "go.mod", ".python-version", "pom.xml", ... or "" */
	char version_constraint[64]; /* a range the project states (">=3.11"), or "" */
	char build_tool[16];	  /* "go", "cargo", "maven", "gradle", "pip", "poetry", "npm"... */
	char app[64];		  /* binary / module / package name for the skeleton */
	char main_path[128];	  /* Go: "./cmd/app"; Python/Node: entry file */
	bool cgo;		  /* Go: import "C" or a cgo module */
	bool wrapper;		  /* Java: mvnw or gradlew present */
	bool has_lockfile;	  /* Node: package-lock.json, yarn.lock, pnpm-lock.yaml */
	bool node_build_script;	  /* Node: package.json has a "build" script */
	char python_manifest[64]; /* "requirements.txt", "pyproject.toml", "Pipfile", "" */
	char python_script[64];	  /* the first [project.scripts] entry, or "" */
	char subdir[128];	  /* the workload sits in this subfolder of DIR, or "" */
	struct bi_strv signals;	  /* files that gave the workload away */
	struct bi_strv native;	  /* packages with C extensions / native addons / cgo / JNI */
	struct bi_strv dockerfile_images; /* FROM images of an existing Dockerfile */
	struct bi_strv notes;		  /* things skipped (a file too large, unreadable) */
	/* Other languages seen and not chosen: "python (requirements.txt)". */
	struct bi_strv others;
};

void bi_workload_free(struct bi_workload *w);
void bi_workload_freep(struct bi_workload **w);

/*
 * Detect the workload in dir. BI_EIO/BI_ENOTFOUND when dir cannot be read;
 * BI_ENOTFOUND "no workload detected" when no signal names a language.
 */
int bi_recommend_detect(const struct bi_kb *kb, const char *dir, struct bi_workload **ret,
			struct bi_err **err);

struct bi_recommend_opts {
	bool need_shell; /* the app runs shell scripts: never scratch or distroless */
	bool debug;	 /* the team debugs in production: a slim Debian variant */
};

struct bi_alternative {
	char *image;
	enum bi_class cls;
	char *note;
};

struct bi_recommendation {
	char *runtime;
	enum bi_class runtime_class;
	char *builder; /* NULL: no separate build stage */
	struct bi_alternative *alts;
	size_t nalts;
	struct bi_strv rationale;
	char *dockerfile; /* the multi-stage skeleton */
};

void bi_recommendation_free(struct bi_recommendation *r);
void bi_recommendation_freep(struct bi_recommendation **r);

/* Walk the decision tree. Never fails for a detected workload. */
int bi_recommend(const struct bi_kb *kb, const struct bi_workload *w,
		 const struct bi_recommend_opts *opts, struct bi_recommendation **ret,
		 struct bi_err **err);

/* Internal, shared by decide.c and skeleton.c. */
char *bi_recommend__skeleton(const struct bi_workload *w, const struct bi_recommendation *r,
			     const struct bi_recommend_opts *opts);

#endif
