/* SPDX-License-Identifier: MIT */
/* Digests through OpenSSL libcrypto: the only file that includes it. */
#include <openssl/evp.h>

#include "util/common.h"
#include "image/digest.h"

struct bi_hash {
	EVP_MD_CTX *ctx;
	enum bi_digest_algo algo;
};

static const struct {
	const char *name;
	size_t hexlen;
} algos[BI_DIGEST__MAX] = {
	[BI_DIGEST_SHA256] = { "sha256", 64 },
	[BI_DIGEST_SHA512] = { "sha512", 128 },
};

const char *bi_digest_algo_name(enum bi_digest_algo algo)
{
	assert(algo < BI_DIGEST__MAX);
	return algos[algo].name;
}

const char *bi_digest_hex(const char *digest)
{
	const char *c = strchr(digest, ':');
	return c ? c + 1 : digest;
}

int bi_digest_parse(const char *digest, enum bi_digest_algo *ret_algo, struct bi_err **err)
{
	const char *colon;
	size_t alen;

	if (!digest)
		return bi_err_set(err, BI_EFORMAT, "missing digest");
	colon = strchr(digest, ':');
	if (!colon || colon == digest)
		return bi_err_set(err, BI_EFORMAT, "invalid digest \"%.80s\": no algorithm",
				  digest);
	alen = (size_t)(colon - digest);
	for (int a = 0; a < BI_DIGEST__MAX; a++) {
		const char *hex = colon + 1;
		size_t n;

		if (strlen(algos[a].name) != alen || memcmp(digest, algos[a].name, alen) != 0)
			continue;
		for (n = 0; hex[n]; n++)
			if (!((hex[n] >= '0' && hex[n] <= '9') || (hex[n] >= 'a' && hex[n] <= 'f')))
				return bi_err_set(err, BI_EFORMAT,
						  "invalid digest \"%.80s\": not lower-case hex",
						  digest);
		if (n != algos[a].hexlen)
			return bi_err_set(err, BI_EFORMAT,
					  "invalid digest \"%.80s\": %s needs %zu hex digits",
					  digest, algos[a].name, algos[a].hexlen);
		if (ret_algo)
			*ret_algo = (enum bi_digest_algo)a;
		return 0;
	}
	return bi_err_set(err, BI_EUNSUPPORTED,
			  "digest algorithm \"%.*s\" is not supported (sha256, sha512)",
			  (int)(alen > 32 ? 32 : alen), digest);
}

struct bi_hash *bi_hash_new(enum bi_digest_algo algo)
{
	struct bi_hash *h = bi_xcalloc(1, sizeof(*h));
	const EVP_MD *md = algo == BI_DIGEST_SHA512 ? EVP_sha512() : EVP_sha256();

	h->algo = algo;
	h->ctx = EVP_MD_CTX_new();
	if (!h->ctx || EVP_DigestInit_ex(h->ctx, md, NULL) != 1)
		abort(); /* out of memory inside libcrypto */
	return h;
}

void bi_hash_update(struct bi_hash *h, const void *data, size_t len)
{
	if (len && EVP_DigestUpdate(h->ctx, data, len) != 1)
		abort();
}

char *bi_hash_final(struct bi_hash *h)
{
	static const char hexd[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	char *out, *p;

	if (EVP_DigestFinal_ex(h->ctx, md, &n) != 1)
		abort();
	out = bi_xmalloc(strlen(algos[h->algo].name) + 1 + 2 * (size_t)n + 1);
	p = out;
	memcpy(p, algos[h->algo].name, strlen(algos[h->algo].name));
	p += strlen(algos[h->algo].name);
	*p++ = ':';
	for (unsigned int i = 0; i < n; i++) {
		*p++ = hexd[md[i] >> 4];
		*p++ = hexd[md[i] & 15];
	}
	*p = '\0';
	return out;
}

void bi_hash_free(struct bi_hash *h)
{
	if (!h)
		return;
	EVP_MD_CTX_free(h->ctx);
	free(h);
}

void bi_hash_freep(struct bi_hash **h)
{
	bi_hash_free(*h);
	*h = NULL;
}

char *bi_digest_of(enum bi_digest_algo algo, const void *data, size_t len)
{
	struct bi_hash *h = bi_hash_new(algo);
	char *d;

	bi_hash_update(h, data, len);
	d = bi_hash_final(h);
	bi_hash_free(h);
	return d;
}
