/* SPDX-License-Identifier: MIT */
/* Platforms "os/arch[/variant]" and matching them against index entries. */
#include "util/common.h"
#include "image/image_int.h"

void bi_platform_release(struct bi_platform *p)
{
	free(p->os);
	free(p->arch);
	free(p->variant);
	memset(p, 0, sizeof(*p));
}

static const char *norm_arch(const char *a)
{
	if (!a)
		return "";
	if (strcmp(a, "x86_64") == 0 || strcmp(a, "x86-64") == 0)
		return "amd64";
	if (strcmp(a, "aarch64") == 0)
		return "arm64";
	if (strcmp(a, "armhf") == 0 || strcmp(a, "armel") == 0)
		return "arm";
	if (strcmp(a, "i386") == 0 || strcmp(a, "i686") == 0)
		return "386";
	return a;
}

int bi_platform_parse(const char *s, struct bi_platform *ret, struct bi_err **err)
{
	const char *a = strchr(s, '/'), *v;

	if (!a || a == s || !a[1])
		return bi_err_set(err, BI_EUSAGE,
				  "invalid platform \"%.100s\": want os/arch[/variant]", s);
	v = strchr(a + 1, '/');
	if (v && (!v[1] || strchr(v + 1, '/')))
		return bi_err_set(err, BI_EUSAGE,
				  "invalid platform \"%.100s\": want os/arch[/variant]", s);
	ret->os = bi_xstrndup(s, (size_t)(a - s));
	ret->arch = v ? bi_xstrndup(a + 1, (size_t)(v - a - 1)) : bi_xstrdup(a + 1);
	ret->variant = v ? bi_xstrdup(v + 1) : NULL;
	return 0;
}

/* As containerd normalises: arm64 without a variant is v8, arm is v7. */
static const char *default_variant(const char *arch)
{
	if (strcmp(arch, "arm64") == 0)
		return "v8";
	if (strcmp(arch, "arm") == 0)
		return "v7";
	return "";
}

bool bi_platform_match_exact(const struct bi_platform *want, const char *os, const char *arch,
			     const char *variant)
{
	struct bi_platform w = *want;

	if (!w.variant || !*w.variant)
		w.variant = (char *)default_variant(norm_arch(w.arch));
	return bi_platform_match(&w, os, arch, variant);
}

void bi_platform_fill_variant(struct bi_image *img, const char *os, const char *arch,
			      const char *variant)
{
	struct bi_image_config *c = &img->config;

	if ((c->variant && *c->variant) || !variant || !*variant || !os || !c->os ||
	    strcmp(os, c->os) != 0 || strcmp(norm_arch(arch), norm_arch(c->architecture)) != 0)
		return;
	/* containerd's normal form drops arm64's default v8 (and keeps arm's v7) */
	if (strcmp(norm_arch(arch), "arm64") == 0 && strcmp(variant, "v8") == 0)
		return;
	free(c->variant);
	c->variant = bi_xstrdup(variant);
	free(img->platform);
	img->platform = bi_platform_string(c->os, c->architecture, c->variant);
}

bool bi_platform_match(const struct bi_platform *want, const char *os, const char *arch,
		       const char *variant)
{
	const char *wa = norm_arch(want->arch), *ha = norm_arch(arch);

	if (!os || strcmp(want->os, os) != 0 || strcmp(wa, ha) != 0)
		return false;
	if (want->variant && *want->variant) {
		const char *hv = variant && *variant ? variant : default_variant(ha);
		return strcmp(want->variant, hv) == 0;
	}
	return true;
}

char *bi_platform_string(const char *os, const char *arch, const char *variant)
{
	if (!os && !arch)
		return NULL;
	if (variant && *variant)
		return bi_xasprintf("%s/%s/%s", os ? os : "unknown", arch ? arch : "unknown",
				    variant);
	return bi_xasprintf("%s/%s", os ? os : "unknown", arch ? arch : "unknown");
}
