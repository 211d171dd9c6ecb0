/* SPDX-License-Identifier: MIT */
/*
 * The decision tree (docs/decision-tree.md): from a detected workload and the
 * options to a runtime image, a builder image, alternatives and the reasons.
 * Every image is pinned to an OS release through the knowledge base.
 */
#include "util/common.h"

#include "image/ref.h"
#include "recommend/recommend.h"

#define IMG 256

struct ctx {
	const struct bi_kb *kb;
	const struct bi_workload *w;
	const struct bi_recommend_opts *o;
	struct bi_recommendation *r;
	char date[16];
};

void bi_recommendation_free(struct bi_recommendation *r)
{
	if (!r)
		return;
	free(r->runtime);
	free(r->builder);
	for (size_t i = 0; i < r->nalts; i++) {
		free(r->alts[i].image);
		free(r->alts[i].note);
	}
	free(r->alts);
	bi_strv_release(&r->rationale);
	free(r->dockerfile);
	free(r);
}

void bi_recommendation_freep(struct bi_recommendation **r)
{
	bi_recommendation_free(*r);
}

__attribute__((format(printf, 2, 3))) static void why(struct ctx *c, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = bi_xvasprintf(fmt, ap);
	va_end(ap);
	bi_strv_add(&c->r->rationale, s);
	free(s);
}

/* The KB's pinned form of an image ("python:3.12-slim" -> "python:3.12-slim-trixie"). */
static void pin(struct ctx *c, const char *image, char *out, size_t n)
{
	struct bi_ref *ref = NULL;
	struct bi_kb_match m;

	snprintf(out, n, "%s", image);
	if (bi_ref_parse(image, &ref, NULL) < 0)
		return;
	bi_kb_lookup(c->kb, ref, &m);
	if (m.suggestion[0])
		snprintf(out, n, "%s", m.suggestion);
	bi_ref_free(ref);
}

static void lookup(struct ctx *c, const char *image, struct bi_kb_match *m)
{
	struct bi_ref *ref = NULL;

	memset(m, 0, sizeof(*m));
	m->class = BI_CLASS_UNKNOWN;
	if (bi_ref_parse(image, &ref, NULL) < 0)
		return;
	bi_kb_lookup(c->kb, ref, m);
	bi_ref_free(ref);
}

static enum bi_class class_of(struct ctx *c, const char *image)
{
	struct bi_kb_match m;

	lookup(c, image, &m);
	return m.class;
}

static void set_runtime(struct ctx *c, const char *image)
{
	free(c->r->runtime);
	c->r->runtime = bi_xstrdup(image);
	c->r->runtime_class = class_of(c, image);
}

static void set_builder(struct ctx *c, const char *image)
{
	free(c->r->builder);
	c->r->builder = image ? bi_xstrdup(image) : NULL;
}

static void alt(struct ctx *c, const char *image, const char *note)
{
	struct bi_recommendation *r = c->r;

	if (r->runtime && strcmp(r->runtime, image) == 0)
		return;
	for (size_t i = 0; i < r->nalts; i++)
		if (strcmp(r->alts[i].image, image) == 0)
			return;
	r->alts = bi_xreallocarray(r->alts, r->nalts + 1, sizeof(*r->alts));
	r->alts[r->nalts].image = bi_xstrdup(image);
	r->alts[r->nalts].cls = class_of(c, image);
	r->alts[r->nalts].note = bi_xstrdup(note);
	r->nalts++;
}

/* Numeric dotted-version comparison. */
static int vcmp(const char *a, const char *b)
{
	while (*a || *b) {
		unsigned long x = strtoul(a, (char **)&a, 10), y = strtoul(b, (char **)&b, 10);
		if (x != y)
			return x < y ? -1 : 1;
		if (*a == '.')
			a++;
		else if (*a)
			break;
		if (*b == '.')
			b++;
		else if (*b)
			break;
	}
	return 0;
}

/*
 * The version to build with: the project's, else the newest the KB knows that
 * fits an upper bound of the project's range ("<3.13", "<=20").
 */
static void pick_version(struct ctx *c, const char *family, const char *key, const char *label,
			 char *out, size_t n)
{
	const struct bi_workload *w = c->w;
	char fk[64];
	const char *def;
	const char *lt;

	if (w->version[0]) {
		snprintf(out, n, "%s", w->version);
		why(c, "%s %s, as %s states.", label, w->version, w->version_source);
		return;
	}
	snprintf(fk, sizeof(fk), "%s.%s", family, key);
	def = bi_kb_get(c->kb, fk);
	if (!def)
		def = "";
	snprintf(out, n, "%s", def);
	lt = strchr(w->version_constraint, '<');
	if (lt) {
		const char *vs[64];
		size_t nv = bi_kb_family_versions(c->kb, family, vs, BI_ARRAY_SIZE(vs));
		bool le = lt[1] == '=';
		const char *bound = lt + (le ? 2 : 1);
		const char *best = NULL;
		while (*bound == ' ')
			bound++;
		for (size_t i = 0; i < nv; i++) {
			int cmp = vcmp(vs[i], bound);
			if ((cmp < 0 || (le && cmp == 0)) && (!best || vcmp(vs[i], best) > 0))
				best = vs[i];
		}
		if (best && vcmp(best, def) < 0)
			snprintf(out, n, "%s", best);
		why(c,
		    "%s %s: the newest the knowledge base (%s) knows within the project's "
		    "range \"%s\".",
		    label, out, c->date, w->version_constraint);
		return;
	}
	if (w->version_constraint[0]) {
		/* a lower bound newer than anything the KB knows wins */
		const char *ge = strstr(w->version_constraint, ">=");
		char low[32] = "";
		if (ge) {
			const char *q = ge + 2;
			size_t k = 0;
			while (*q == ' ')
				q++;
			while ((isdigit((unsigned char)q[k]) || q[k] == '.') && k < sizeof(low) - 1)
				k++;
			memcpy(low, q, k);
			low[k] = 0;
			if (low[0] && vcmp(out, low) < 0) {
				snprintf(out, n, "%s", low);
				why(c,
				    "%s %s: the lowest version the project allows (\"%s\"); "
				    "the knowledge base (%s) knows nothing that new.",
				    label, out, w->version_constraint, c->date);
				return;
			}
		}
		why(c,
		    "%s %s: the newest the knowledge base (%s) knows; the project asks for "
		    "\"%s\".",
		    label, out, c->date, w->version_constraint);
	} else
		why(c, "No %s version stated: the newest the knowledge base (%s) knows, %s.", label,
		    c->date, out);
}

/* Whether word is one of the blank-separated words of list. */
static bool word_in(const char *list, const char *word)
{
	struct bi_span l = bi_span_str(list), tok;

	while (list && bi_span_split(&l, ' ', &tok))
		if (bi_span_eq_str(tok, word))
			return true;
	return false;
}

static void codename_of(struct ctx *c, const char *image, char *out, size_t n)
{
	struct bi_kb_match m;

	lookup(c, image, &m);
	snprintf(out, n, "%s", m.os_release[0] ? m.os_release : "");
	if (!out[0] && bi_kb_get(c->kb, "debian.current"))
		snprintf(out, n, "%s", bi_kb_get(c->kb, "debian.current"));
}

/* "gcr.io/distroless/base" + trixie -> "gcr.io/distroless/base-debian13" */
static void distroless(struct ctx *c, const char *name, const char *codename, char *out, size_t n)
{
	const char *v = bi_kb_os_version(c->kb, "debian", codename);

	snprintf(out, n, "%s-debian%s", name, v ? v : "12");
}

static void debian_slim(struct ctx *c, const char *codename, char *out, size_t n)
{
	snprintf(out, n, "debian:%s-slim", codename);
}

static void alpine(struct ctx *c, char *out, size_t n)
{
	pin(c, "alpine:3", out, n);
}

/* --------------------------------------------------------------------- Go */

static void decide_go(struct ctx *c)
{
	const struct bi_workload *w = c->w;
	char v[32], b[IMG], rt[IMG], cn[32], tmp[IMG];

	pick_version(c, "golang", "latest", "Go", v, sizeof(v));
	snprintf(tmp, sizeof(tmp), "golang:%s", v);
	pin(c, tmp, b, sizeof(b)); /* the Debian builder */
	codename_of(c, b, cn, sizeof(cn));
	if (w->cgo)
		why(c,
		    "The build uses cgo (%s): the binary links glibc dynamically, so the "
		    "runtime needs glibc and the builder a C toolchain.",
		    w->native.n ? w->native.v[0] : "import \"C\"");
	if (c->o->debug) {
		debian_slim(c, cn, rt, sizeof(rt));
		why(c,
		    "--debug: a slim Debian runtime (%s) with a shell, apt and coreutils for "
		    "debugging in production.",
		    rt);
		set_builder(c, b);
	} else if (c->o->need_shell && !w->cgo) {
		alpine(c, rt, sizeof(rt));
		snprintf(tmp, sizeof(tmp), "golang:%s-alpine", v);
		pin(c, tmp, b, sizeof(b));
		why(c,
		    "--need-shell: not scratch or distroless; a static CGO_ENABLED=0 binary on "
		    "Alpine (%s) keeps a shell at a few MB.",
		    rt);
		set_builder(c, b);
	} else if (c->o->need_shell) {
		debian_slim(c, cn, rt, sizeof(rt));
		why(c,
		    "--need-shell with cgo: a slim Debian runtime (%s) of the builder's "
		    "release has the shell and the same glibc.",
		    rt);
		set_builder(c, b);
	} else if (w->cgo) {
		distroless(c, "gcr.io/distroless/base", cn, rt, sizeof(rt));
		why(c,
		    "cgo: a glibc distroless base (%s) of the builder's Debian release (%s) "
		    "runs the dynamic binary without a shell or package manager.",
		    rt, cn);
		set_builder(c, b);
	} else {
		snprintf(rt, sizeof(rt), "scratch");
		snprintf(tmp, sizeof(tmp), "golang:%s-alpine", v);
		pin(c, tmp, b, sizeof(b));
		why(c, "No cgo: CGO_ENABLED=0 gives a static binary, which runs on scratch "
		       "(nothing but the binary and CA certificates).");
		set_builder(c, b);
	}
	set_runtime(c, rt);
	if (!w->cgo) {
		char s[IMG];
		distroless(c, "gcr.io/distroless/static", cn, s, sizeof(s));
		alt(c, "scratch", "the lightest: a static binary and nothing else");
		alt(c, s,
		    "static files (CA certificates, tzdata, /etc/passwd with nonroot) "
		    "without a shell");
		alpine(c, s, sizeof(s));
		alt(c, s, "a shell and apk for a few MB (--need-shell)");
	} else {
		char s[IMG];
		distroless(c, "gcr.io/distroless/base", cn, s, sizeof(s));
		alt(c, s, "glibc without a shell");
		alt(c, "cgr.dev/chainguard/glibc-dynamic", "Wolfi glibc, no shell; :latest only");
		debian_slim(c, cn, s, sizeof(s));
		alt(c, s, "a shell and apt (--need-shell, --debug)");
	}
	if (!c->o->debug) {
		char s[IMG];
		debian_slim(c, cn, s, sizeof(s));
		alt(c, s, "debuggable: shell, apt, glibc (--debug)");
	}
}

/* ------------------------------------------------------------------- Rust */

static void decide_rust(struct ctx *c)
{
	const struct bi_workload *w = c->w;
	char v[32], b[IMG], rt[IMG], cn[32], tmp[IMG], s[IMG];
	bool native = w->native.n > 0;

	pick_version(c, "rust", "latest", "Rust", v, sizeof(v));
	snprintf(tmp, sizeof(tmp), "rust:%s", v);
	pin(c, tmp, b, sizeof(b));
	codename_of(c, b, cn, sizeof(cn));
	if (native)
		why(c,
		    "Cargo.toml depends on crates that link system C libraries (%s): a musl "
		    "static build needs vendored copies, so build and run on glibc.",
		    w->native.v[0]);
	if (c->o->debug) {
		debian_slim(c, cn, rt, sizeof(rt));
		why(c,
		    "--debug: a slim Debian runtime (%s) with a shell for debugging; the glibc "
		    "builder of the same release.",
		    rt);
	} else if (c->o->need_shell && !native) {
		alpine(c, rt, sizeof(rt));
		snprintf(tmp, sizeof(tmp), "rust:%s-alpine", v);
		pin(c, tmp, b, sizeof(b));
		why(c, "--need-shell: a static musl build on Alpine (%s) keeps a shell.", rt);
	} else if (c->o->need_shell) {
		debian_slim(c, cn, rt, sizeof(rt));
		why(c, "--need-shell with native crates: a slim Debian runtime (%s).", rt);
	} else if (native) {
		distroless(c, "gcr.io/distroless/cc", cn, rt, sizeof(rt));
		why(c, "distroless cc (%s): glibc, libgcc and OpenSSL, no shell.", rt);
	} else {
		snprintf(rt, sizeof(rt), "scratch");
		snprintf(tmp, sizeof(tmp), "rust:%s-alpine", v);
		pin(c, tmp, b, sizeof(b));
		why(c, "No native C dependencies: a static musl build (the *-unknown-linux-musl "
		       "target) runs on scratch.");
	}
	set_builder(c, b);
	set_runtime(c, rt);
	distroless(c, "gcr.io/distroless/cc", cn, s, sizeof(s));
	if (!native)
		alt(c, "scratch", "a static musl binary and nothing else");
	alt(c, s, "glibc + libgcc without a shell: a plain (glibc) cargo build");
	distroless(c, "gcr.io/distroless/static", cn, s, sizeof(s));
	if (!native)
		alt(c, s, "like scratch plus CA certificates, tzdata and a nonroot user");
	debian_slim(c, cn, s, sizeof(s));
	alt(c, s, "debuggable: shell, apt, glibc (--debug)");
}

/* ------------------------------------------------------------------- Java */

static void decide_java(struct ctx *c)
{
	const struct bi_workload *w = c->w;
	char v[32], lts[32], b[IMG], rt[IMG], tmp[IMG], s[IMG], cn[32] = "";
	const char *vs[32];
	size_t nv = bi_kb_family_versions(c->kb, "eclipse-temurin", vs, BI_ARRAY_SIZE(vs));
	const char *best = NULL;
	bool native = w->native.n > 0;
	const char *dl12 = bi_kb_get(c->kb, "gcr.io/distroless/java.debian12");
	const char *dl13 = bi_kb_get(c->kb, "gcr.io/distroless/java.debian13");
	bool in13, in12;

	pick_version(c, "eclipse-temurin", "lts", "Java", v, sizeof(v));
	for (size_t i = 0; i < nv; i++)
		if (vcmp(vs[i], v) >= 0 && (!best || vcmp(vs[i], best) < 0))
			best = vs[i];
	snprintf(lts, sizeof(lts), "%s", best ? best : v);
	if (strcmp(lts, v) != 0)
		why(c,
		    "Java %s is not a long-term-support release with maintained runtime images: "
		    "run it on the next LTS, %s (class files run on newer JVMs).",
		    v, lts);
	/* distroless java<N> per Debian release */
	in13 = word_in(dl13, lts);
	in12 = word_in(dl12, lts);
	snprintf(s, sizeof(s), "gcr.io/distroless/java%s-debian%s", lts, in13 ? "13" : "12");

	/* builder: the project's build tool */
	if (w->wrapper || !w->build_tool[0]) {
		snprintf(tmp, sizeof(tmp), "eclipse-temurin:%s-jdk", lts);
		pin(c, tmp, b, sizeof(b));
	} else if (strcmp(w->build_tool, "gradle") == 0) {
		/* Gradle 9 itself needs Java 17 to run */
		const char *g = bi_kb_get(c->kb, "gradle.latest");
		const char *gv = vcmp(lts, "17") < 0 ? "8" : g ? g : "9";
		snprintf(tmp, sizeof(tmp), "gradle:%s-jdk%s", gv, lts);
		pin(c, tmp, b, sizeof(b));
	} else {
		const char *mv = bi_kb_get(c->kb, "maven.latest");
		snprintf(tmp, sizeof(tmp), "maven:%s-eclipse-temurin-%s", mv ? mv : "3.9", lts);
		pin(c, tmp, b, sizeof(b));
	}
	if (native)
		why(c, "JNI libraries built for glibc only (%s): Alpine's musl cannot load them.",
		    w->native.v[0]);
	if (c->o->debug) {
		snprintf(tmp, sizeof(tmp), "eclipse-temurin:%s-jre", lts);
		pin(c, tmp, rt, sizeof(rt));
		codename_of(c, rt, cn, sizeof(cn));
		why(c,
		    "--debug: the slim Temurin JRE on Ubuntu (%s): shell, apt, glibc; Temurin "
		    "publishes no Debian-based image.",
		    rt);
	} else if (native && !c->o->need_shell && (in13 || in12)) {
		snprintf(rt, sizeof(rt), "%s", s);
		why(c, "A glibc distroless Java runtime (%s): no shell, no package manager.", rt);
	} else if (native) {
		snprintf(tmp, sizeof(tmp), "eclipse-temurin:%s-jre", lts);
		pin(c, tmp, rt, sizeof(rt));
		why(c, "The Temurin JRE on Ubuntu (%s): glibc and a shell.", rt);
	} else {
		snprintf(tmp, sizeof(tmp), "eclipse-temurin:%s-jre-alpine", lts);
		pin(c, tmp, rt, sizeof(rt));
		why(c,
		    "A JRE is enough to run the jar: the Temurin JRE on Alpine (%s) is the "
		    "smallest maintained JRE image%s.",
		    rt, c->o->need_shell ? " and keeps a shell (--need-shell)" : "");
	}
	set_builder(c, b);
	set_runtime(c, rt);
	why(c, "The build stage (%s) has the JDK and %s; only the jar reaches the runtime.", b,
	    w->wrapper	     ? "runs the project's wrapper" :
	    w->build_tool[0] ? w->build_tool :
			       "javac");
	if (in13 || in12)
		alt(c, s, "glibc, no shell: the smallest attack surface");
	snprintf(tmp, sizeof(tmp), "eclipse-temurin:%s-jre-alpine", lts);
	pin(c, tmp, s, sizeof(s));
	if (!native)
		alt(c, s, "musl JRE with a shell");
	snprintf(tmp, sizeof(tmp), "eclipse-temurin:%s-jre", lts);
	pin(c, tmp, s, sizeof(s));
	alt(c, s, "glibc JRE on Ubuntu with a shell (--debug)");
	alt(c, "cgr.dev/chainguard/jre", "Wolfi glibc JRE, no shell; :latest only");
}

/* ----------------------------------------------------------------- Python */

static void join_native(const struct bi_workload *w, char *out, size_t n)
{
	size_t len = 0;

	out[0] = 0;
	for (size_t i = 0; i < w->native.n && i < 6; i++)
		len += (size_t)snprintf(out + len, len < n ? n - len : 0, "%s%s", i ? ", " : "",
					w->native.v[i]);
	if (w->native.n > 6 && len < n)
		snprintf(out + len, n - len, ", ...");
}

static void decide_python(struct ctx *c)
{
	const struct bi_workload *w = c->w;
	char v[32], b[IMG], rt[IMG], tmp[IMG], s[IMG], cn[32], list[256];
	bool native = w->native.n > 0;
	const char *dl13 = bi_kb_get(c->kb, "gcr.io/distroless/python3.debian13");

	pick_version(c, "python", "latest", "Python", v, sizeof(v));
	snprintf(tmp, sizeof(tmp), "python:%s-slim", v);
	pin(c, tmp, s, sizeof(s));
	codename_of(c, s, cn, sizeof(cn));
	join_native(w, list, sizeof(list));
	if (native || c->o->debug) {
		snprintf(rt, sizeof(rt), "%s", s);
		snprintf(tmp, sizeof(tmp), "python:%s", v);
		pin(c, tmp, b, sizeof(b));
		if (native)
			why(c,
			    "Packages with C extensions (%s): their wheels are built for glibc "
			    "(manylinux); on Alpine (musl) many build from source. Stay on "
			    "glibc: %s.",
			    list, rt);
		if (c->o->debug)
			why(c, "--debug: the slim Debian variant (%s) with a shell and apt.", rt);
		why(c,
		    "The build stage (%s) has gcc and headers for packages without a wheel; "
		    "only the virtualenv is copied into the slim runtime.",
		    b);
	} else {
		snprintf(tmp, sizeof(tmp), "python:%s-alpine", v);
		pin(c, tmp, rt, sizeof(rt));
		snprintf(b, sizeof(b), "%s", rt);
		why(c,
		    "Pure Python (no package with C extensions): Alpine (%s) is the smallest "
		    "official Python image with a shell.",
		    rt);
	}
	set_builder(c, b);
	set_runtime(c, rt);
	if (!native) {
		alt(c, s, "glibc and manylinux wheels: pick it if a C extension shows up");
	} else {
		snprintf(tmp, sizeof(tmp), "python:%s-alpine", v);
		pin(c, tmp, s, sizeof(s));
		alt(c, s, "smaller, but musl: C extensions build from source (needs build-base)");
	}
	if (!c->o->need_shell && !c->o->debug && !(w->version[0] == 0 && !dl13)) {
		const char *dl12 = bi_kb_get(c->kb, "gcr.io/distroless/python3.debian12");
		const char *which = dl13 && strcmp(dl13, v) == 0 ? "13" :
				    dl12 && strcmp(dl12, v) == 0 ? "12" :
								   NULL;
		if (which) {
			snprintf(s, sizeof(s), "gcr.io/distroless/python3-debian%s", which);
			alt(c, s,
			    "Debian's own Python, no shell: copy the virtualenv's "
			    "site-packages in");
		}
	}
	(void)cn;
}

/* ------------------------------------------------------------------- Node */

static void decide_node(struct ctx *c)
{
	const struct bi_workload *w = c->w;
	char v[32], b[IMG], rt[IMG], tmp[IMG], s[IMG], cn[32], list[256];
	bool native = w->native.n > 0;
	const char *dl13 = bi_kb_get(c->kb, "gcr.io/distroless/nodejs.debian13");
	const char *dl12 = bi_kb_get(c->kb, "gcr.io/distroless/nodejs.debian12");

	pick_version(c, "node", "lts", "Node.js", v, sizeof(v));
	snprintf(tmp, sizeof(tmp), "node:%s-slim", v);
	pin(c, tmp, s, sizeof(s));
	codename_of(c, s, cn, sizeof(cn));
	join_native(w, list, sizeof(list));
	if (c->o->debug) {
		snprintf(rt, sizeof(rt), "%s", s);
		snprintf(tmp, sizeof(tmp), "node:%s", v);
		pin(c, tmp, b, sizeof(b));
		why(c,
		    "--debug: the slim Debian variant (%s) with a shell and apt; the full "
		    "image of the same release builds.",
		    rt);
	} else {
		snprintf(tmp, sizeof(tmp), "node:%s-alpine", v);
		pin(c, tmp, rt, sizeof(rt));
		snprintf(b, sizeof(b), "%s", rt);
		why(c,
		    "Node.js on Alpine (%s): the smallest official Node image, with a shell "
		    "for npm scripts.",
		    rt);
		if (native)
			why(c,
			    "Native addons (%s): the build stage adds python3, make and g++ and "
			    "compiles them against musl in the same Alpine release as the "
			    "runtime, so node_modules matches its libc.",
			    list);
	}
	set_builder(c, b);
	set_runtime(c, rt);
	alt(c, s, "glibc with a shell and apt (--debug); prebuilt glibc addons just work");
	if (!c->o->need_shell && (word_in(dl13, v) || word_in(dl12, v))) {
		snprintf(s, sizeof(s), "gcr.io/distroless/nodejs%s-debian%s", v,
			 word_in(dl13, v) ? "13" : "12");
		alt(c, s, "glibc, no shell: CMD must be exec form without npm");
	}
}

/* ------------------------------------------------------------------- Ruby */

static void decide_ruby(struct ctx *c)
{
	const struct bi_workload *w = c->w;
	char v[32], b[IMG], rt[IMG], tmp[IMG], s[IMG], list[256];
	bool native = w->native.n > 0;

	pick_version(c, "ruby", "latest", "Ruby", v, sizeof(v));
	snprintf(tmp, sizeof(tmp), "ruby:%s-slim", v);
	pin(c, tmp, s, sizeof(s));
	join_native(w, list, sizeof(list));
	if (native || c->o->debug) {
		snprintf(rt, sizeof(rt), "%s", s);
		snprintf(tmp, sizeof(tmp), "ruby:%s", v);
		pin(c, tmp, b, sizeof(b));
		if (native)
			why(c,
			    "Gems with native extensions (%s): compile them in the full image "
			    "(%s) and run on the slim one of the same release (%s), whose glibc "
			    "matches.",
			    list, b, rt);
		if (c->o->debug)
			why(c, "--debug: the slim Debian variant (%s) with a shell and apt.", rt);
	} else {
		snprintf(tmp, sizeof(tmp), "ruby:%s-alpine", v);
		pin(c, tmp, rt, sizeof(rt));
		snprintf(b, sizeof(b), "%s", rt);
		why(c, "No gem with native extensions: Alpine (%s) is the smallest Ruby image.",
		    rt);
	}
	set_builder(c, b);
	set_runtime(c, rt);
	alt(c, s, "glibc with a shell and apt (--debug); native gems just work");
	snprintf(tmp, sizeof(tmp), "ruby:%s-alpine", v);
	pin(c, tmp, s, sizeof(s));
	alt(c, s,
	    native ? "smaller, but musl: native gems need build-base and their -dev packages" :
		     "the smallest Ruby image");
}

int bi_recommend(const struct bi_kb *kb, const struct bi_workload *w,
		 const struct bi_recommend_opts *opts, struct bi_recommendation **ret,
		 struct bi_err **err)
{
	_cleanup_(bi_recommendation_freep) struct bi_recommendation *r = NULL;
	struct ctx c = { .kb = kb, .w = w, .o = opts };
	char list[512];

	r = bi_xcalloc(1, sizeof(*r));
	c.r = r;
	snprintf(c.date, sizeof(c.date), "%s", bi_kb_date(kb));
	{
		size_t len = 0;
		list[0] = 0;
		for (size_t i = 0; i < w->signals.n && len < sizeof(list); i++)
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
						i ? ", " : "", w->signals.v[i]);
	}
	{
		static const char *const display[BI_LANG__MAX] = {
			[BI_LANG_GO] = "Go",	    [BI_LANG_RUST] = "Rust",
			[BI_LANG_JAVA] = "Java",    [BI_LANG_PYTHON] = "Python",
			[BI_LANG_NODE] = "Node.js", [BI_LANG_RUBY] = "Ruby",
		};
		why(&c, "Detected a %s workload from %s.",
		    display[w->lang] ? display[w->lang] : bi_lang_name(w->lang), list);
	}
	for (size_t i = 0; i < w->others.n; i++)
		why(&c,
		    "Also found %s: %s was chosen (the language the Dockerfile builds, else the "
		    "first of go, rust, java, python, ruby, node); run recommend on a folder "
		    "holding only the other service for its image.",
		    w->others.v[i], bi_lang_name(w->lang));
	switch (w->lang) {
	case BI_LANG_GO:
		decide_go(&c);
		break;
	case BI_LANG_RUST:
		decide_rust(&c);
		break;
	case BI_LANG_JAVA:
		decide_java(&c);
		break;
	case BI_LANG_PYTHON:
		decide_python(&c);
		break;
	case BI_LANG_NODE:
		decide_node(&c);
		break;
	case BI_LANG_RUBY:
		decide_ruby(&c);
		break;
	case BI_LANG_NONE:
	case BI_LANG__MAX:
		return bi_err_set(err, BI_EUSAGE, "no workload to recommend for");
	}
	if (strcmp(r->runtime, "scratch") != 0) {
		struct bi_kb_match m;
		lookup(&c, r->runtime, &m);
		if (m.os_pinned && m.os_release[0])
			why(&c,
			    "The runtime pins its OS release (%s %s): a rebuild cannot move "
			    "to the next release unnoticed. Add a digest (@sha256:...) for "
			    "bit-for-bit repeatable builds.",
			    m.os_id, m.os_release);
	}
	r->dockerfile = bi_recommend__skeleton(w, r, opts);
	*ret = TAKE_PTR(r);
	return 0;
}
