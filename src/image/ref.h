/* SPDX-License-Identifier: MIT */
#ifndef BI_IMAGE_REF_H
#define BI_IMAGE_REF_H

/*
 * Docker image references (distribution/reference grammar):
 *   [domain[:port]/]path[:tag][@algo:hex]
 * normalised as Docker does: no domain -> "docker.io"; a single path
 * component on docker.io -> "library/NAME". The domain is the first component
 * when it contains "." or ":" or is "localhost" (or has upper case).
 */
#include <stdbool.h>

struct bi_err;

struct bi_ref {
	char *domain;	      /* "docker.io", "gcr.io", "localhost:5000" */
	char *path;	      /* "library/python", "distroless/static-debian12" */
	char *tag;	      /* NULL when absent */
	char *digest;	      /* "sha256:..." or NULL */
	bool domain_implicit; /* the user wrote no domain */
};

/*
 * Parse a reference. BI_EFORMAT with a one-line reason that names the
 * offending part ("invalid reference "Python:3": repository name must be
 * lowercase"); BI_ELIMIT past the caps in util/limits.h.
 */
int bi_ref_parse(const char *s, struct bi_ref **ret, struct bi_err **err);
void bi_ref_free(struct bi_ref *ref);
void bi_ref_freep(struct bi_ref **ref);
/* "docker.io/library/python:3.12" (tag and digest when present). Caller frees. */
char *bi_ref_normalized(const struct bi_ref *ref);
/* "python:3.12", "gcr.io/distroless/static:nonroot" (Docker's familiar form). Caller frees. */
char *bi_ref_familiar(const struct bi_ref *ref);
/* Familiar repository name without tag or digest: "python", "gcr.io/distroless/static". */
char *bi_ref_familiar_name(const struct bi_ref *ref);
/* An official Docker Hub image ("docker.io/library/NAME"). */
bool bi_ref_is_official(const struct bi_ref *ref);

#endif
