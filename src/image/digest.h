/* SPDX-License-Identifier: MIT */
#ifndef BI_IMAGE_DIGEST_H
#define BI_IMAGE_DIGEST_H

/*
 * Content digests ("sha256:<64 hex>", "sha512:<128 hex>") over OpenSSL's
 * libcrypto; digest.c is the only file that includes OpenSSL headers.
 */
#include <stdbool.h>
#include <stddef.h>

struct bi_err;

enum bi_digest_algo {
	BI_DIGEST_SHA256,
	BI_DIGEST_SHA512,
	BI_DIGEST__MAX,
};

/* Longest digest string: "sha512:" + 128 hex digits. */
#define BI_DIGEST_STRLEN (7 + 128)

/*
 * Check that `digest` is "ALGO:HEX" with a supported algorithm and the right
 * number of lower-case hex digits. BI_EUNSUPPORTED for another algorithm
 * (naming it), BI_EFORMAT for a malformed digest.
 */
int bi_digest_parse(const char *digest, enum bi_digest_algo *ret_algo, struct bi_err **err);
/* The hex part of a digest string (after the ':'), or the whole string. */
const char *bi_digest_hex(const char *digest);
const char *bi_digest_algo_name(enum bi_digest_algo algo);

struct bi_hash;
struct bi_hash *bi_hash_new(enum bi_digest_algo algo);
void bi_hash_update(struct bi_hash *h, const void *data, size_t len);
/* "sha256:..." of everything hashed so far; caller frees. The hash is finished. */
char *bi_hash_final(struct bi_hash *h);
void bi_hash_free(struct bi_hash *h);
void bi_hash_freep(struct bi_hash **h);
/* One-shot digest of a buffer; caller frees. */
char *bi_digest_of(enum bi_digest_algo algo, const void *data, size_t len);

#endif
