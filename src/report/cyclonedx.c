/* SPDX-License-Identifier: MIT */
/*
 * `baseimg inspect --format cyclonedx`: a CycloneDX 1.5 JSON SBOM. The image
 * is metadata.component (type container); the OS is an operating-system
 * component (Grype reads the distro from it); every package is a library
 * component whose bom-ref is its package URL (purl-spec):
 *   pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12&upstream=glibc
 *   pkg:apk/alpine/libssl3@3.3.2-r0?arch=x86_64&distro=3.20.3&upstream=openssl
 *   pkg:rpm/rocky/openssl-libs@3.0.7-27.el9?arch=x86_64&distro=rocky-9.4&epoch=1&upstream=openssl
 * The serial number is derived from the image digest (or reference), so the
 * same image always gives the same document.
 */
#include "util/common.h"
#include "report/inspect.h"

/* Percent-encode everything but purl's unreserved characters. */
static void purl_enc(struct bi_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (isalnum(c) || c == '.' || c == '-' || c == '_' || c == '~')
			bi_buf_addch(b, (char)c);
		else {
			bi_buf_addch(b, '%');
			bi_buf_addch(b, hex[c >> 4]);
			bi_buf_addch(b, hex[c & 15]);
		}
	}
}

static const char *purl_type(enum bi_pkg_format f)
{
	switch (f) {
	case BI_PKG_APK:
		return "apk";
	case BI_PKG_DPKG:
	case BI_PKG_DPKG_STATUS_D:
		return "deb";
	case BI_PKG_RPM:
		return "rpm";
	case BI_PKG_NONE:
	case BI_PKG_FORMAT__MAX:
		break;
	}
	return "generic";
}

static void purl(struct bi_buf *b, const struct bi_analysis *a, const struct bi_pkg *p)
{
	const char *ns =
		a->has_os ? a->os.id : (a->pkgs.format == BI_PKG_APK ? "alpine" : "debian");
	const char *ver = p->version ? p->version : "", *colon = strchr(ver, ':');
	char epoch[16] = "";

	if (a->pkgs.format == BI_PKG_RPM && colon && (size_t)(colon - ver) < sizeof(epoch)) {
		memcpy(epoch, ver, (size_t)(colon - ver));
		epoch[colon - ver] = '\0';
		ver = colon + 1;
	}
	bi_buf_addf(b, "pkg:%s/", purl_type(a->pkgs.format));
	purl_enc(b, ns);
	bi_buf_addch(b, '/');
	purl_enc(b, p->name);
	bi_buf_addch(b, '@');
	purl_enc(b, ver);
	bi_buf_addch(b, '?');
	if (p->arch) {
		bi_buf_adds(b, "arch=");
		purl_enc(b, p->arch);
		bi_buf_addch(b, '&');
	}
	/* qualifiers in key order (purl canonical form) */
	if (a->has_os && a->os.version_id) {
		bi_buf_adds(b, "distro=");
		if (a->pkgs.format != BI_PKG_APK) {
			purl_enc(b, a->os.id);
			bi_buf_addch(b, '-');
		}
		purl_enc(b, a->os.version_id);
		bi_buf_addch(b, '&');
	}
	if (epoch[0])
		bi_buf_addf(b, "epoch=%s&", epoch);
	if (p->source && strcmp(p->source, p->name) != 0) {
		bi_buf_adds(b, "upstream=");
		purl_enc(b, p->source);
	}
	if (b->len && (b->buf[b->len - 1] == '&' || b->buf[b->len - 1] == '?'))
		bi_buf_setlen(b, b->len - 1);
}

/* 64-bit FNV-1a, twice with different seeds: enough to spread a digest over 128 bits. */
static uint64_t fnv(const char *s, uint64_t h)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static void serial(struct bi_buf *b, const struct bi_analysis *a)
{
	const char *key =
		a->img->digest ? a->img->digest : (a->img->reference ? a->img->reference : "");
	uint64_t h1 = fnv(key, 0xcbf29ce484222325ULL), h2 = fnv(key, 0x84222325cbf29ce4ULL);
	char plat[256];

	snprintf(plat, sizeof(plat), "%s", a->img->platform ? a->img->platform : "");
	h2 = fnv(plat, h2);
	/* RFC 4122 layout with version 4 and variant bits set */
	bi_buf_addf(b,
		    "urn:uuid:%08" PRIx32 "-%04" PRIx32 "-4%03" PRIx32 "-%04" PRIx32 "-%012" PRIx64,
		    (uint32_t)(h1 >> 32), (uint32_t)(h1 >> 16) & 0xffff, (uint32_t)h1 & 0xfff,
		    ((uint32_t)(h2 >> 48) & 0x3fff) | 0x8000, (uint64_t)(h2 & 0xffffffffffffULL));
}

/* Does s match pat, where 'd' is any digit? */
static bool match_digits(const char *s, const char *pat)
{
	for (; *pat; pat++, s++)
		if (*pat == 'd' ? !isdigit((unsigned char)*s) : *s != *pat)
			return false;
	return true;
}

/*
 * RFC 3339 date-time, what the schema's "date-time" accepts:
 * "2024-01-01T00:00:00Z", with optional fraction, "Z" or "+hh:mm".
 */
static bool iso_datetime(const char *s)
{
	if (strlen(s) >= 64 || !match_digits(s, "dddd-dd-ddTdd:dd:dd"))
		return false;
	s += 19;
	if (*s == '.') {
		if (!isdigit((unsigned char)s[1]))
			return false;
		for (s++; isdigit((unsigned char)*s); s++)
			;
	}
	if (*s == 'Z')
		return s[1] == '\0';
	return (*s == '+' || *s == '-') && match_digits(s + 1, "dd:dd") && s[6] == '\0';
}

void bi_inspect_cyclonedx(struct bi_jsonw *w, const struct bi_analysis *a)
{
	const struct bi_image *img = a->img;
	struct bi_buf b = BI_BUF_INIT(BI_BUF_NOLIMIT);

	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "$schema", "http://cyclonedx.org/schema/bom-1.5.schema.json");
	bi_jsonw_kstring(w, "bomFormat", "CycloneDX");
	bi_jsonw_kstring(w, "specVersion", "1.5");
	serial(&b, a);
	bi_jsonw_kstring(w, "serialNumber", b.buf);
	bi_buf_reset(&b);
	bi_jsonw_kint(w, "version", 1);

	bi_jsonw_key(w, "metadata");
	bi_jsonw_object_begin(w);
	if (img->config.created && iso_datetime(img->config.created))
		bi_jsonw_kstring(w, "timestamp", img->config.created);
	bi_jsonw_key(w, "tools");
	bi_jsonw_object_begin(w);
	bi_jsonw_key(w, "components");
	bi_jsonw_array_begin(w);
	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "type", "application");
	bi_jsonw_kstring(w, "name", "baseimg");
	bi_jsonw_kstring(w, "version", BI_VERSION);
	bi_jsonw_object_end(w);
	bi_jsonw_array_end(w);
	bi_jsonw_object_end(w);
	bi_jsonw_key(w, "component");
	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "bom-ref", "image");
	bi_jsonw_kstring(w, "type", "container");
	bi_jsonw_kstring(w, "name", img->reference ? img->reference : "image");
	if (img->digest)
		bi_jsonw_kstring(w, "version", img->digest);
	bi_jsonw_key(w, "properties");
	bi_jsonw_array_begin(w);
	bi_jsonw_object_begin(w);
	bi_jsonw_kstring(w, "name", "baseimg:class");
	bi_jsonw_kstring(w, "value", bi_analyze_class_name(a->class));
	bi_jsonw_object_end(w);
	if (img->platform) {
		bi_jsonw_object_begin(w);
		bi_jsonw_kstring(w, "name", "baseimg:platform");
		bi_jsonw_kstring(w, "value", img->platform);
		bi_jsonw_object_end(w);
	}
	bi_jsonw_array_end(w);
	bi_jsonw_object_end(w);
	bi_jsonw_object_end(w);

	bi_jsonw_key(w, "components");
	bi_jsonw_array_begin(w);
	if (a->has_os) {
		bi_jsonw_object_begin(w);
		bi_jsonw_kstring(w, "bom-ref", "os");
		bi_jsonw_kstring(w, "type", "operating-system");
		bi_jsonw_kstring(w, "name", a->os.id);
		if (a->os.version_id)
			bi_jsonw_kstring(w, "version", a->os.version_id);
		if (a->os.pretty_name)
			bi_jsonw_kstring(w, "description", a->os.pretty_name);
		bi_jsonw_object_end(w);
	}
	for (size_t i = 0; i < a->pkgs.n; i++) {
		const struct bi_pkg *p = &a->pkgs.pkgs[i];
		bi_buf_reset(&b);
		purl(&b, a, p);
		/* the same name/version/arch twice would repeat a bom-ref: skip it */
		if (i && strcmp(p->name, a->pkgs.pkgs[i - 1].name) == 0 &&
		    strcmp(p->version ? p->version : "",
			   a->pkgs.pkgs[i - 1].version ? a->pkgs.pkgs[i - 1].version : "") == 0 &&
		    strcmp(p->arch ? p->arch : "",
			   a->pkgs.pkgs[i - 1].arch ? a->pkgs.pkgs[i - 1].arch : "") == 0)
			continue;
		bi_jsonw_object_begin(w);
		bi_jsonw_kstring(w, "bom-ref", b.buf);
		bi_jsonw_kstring(w, "type", "library");
		bi_jsonw_kstring(w, "name", p->name);
		bi_jsonw_kstring(w, "version", p->version);
		bi_jsonw_kstring(w, "purl", b.buf);
		if (p->layer >= 0 && (size_t)p->layer < img->nlayers &&
		    img->layers[p->layer].diff_id) {
			bi_jsonw_key(w, "properties");
			bi_jsonw_array_begin(w);
			bi_jsonw_object_begin(w);
			bi_jsonw_kstring(w, "name", "baseimg:layer_diff_id");
			bi_jsonw_kstring(w, "value", img->layers[p->layer].diff_id);
			bi_jsonw_object_end(w);
			bi_jsonw_array_end(w);
		}
		bi_jsonw_object_end(w);
	}
	bi_jsonw_array_end(w);
	bi_jsonw_object_end(w);
	bi_buf_release(&b);
}
