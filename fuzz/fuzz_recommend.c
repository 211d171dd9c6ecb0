/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the manifest readers of baseimg recommend. The first byte
 * picks the file name, the rest is its content; detection and the decision
 * tree run on a scratch folder holding that one file (and a fixed go.mod
 * companion for the .go scan).
 */
#include "util/common.h"

#include "recommend/recommend.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {
	"go.mod",	   "Cargo.toml",       "pom.xml",
	"build.gradle",	   "requirements.txt", "pyproject.toml",
	"Pipfile",	   "poetry.lock",      "package.json",
	".nvmrc",	   "Dockerfile",       "setup.cfg",
	"setup.py",	   ".tool-versions",   "rust-toolchain.toml",
	".python-version", "main.go",	       "build.gradle.kts",
	".sdkmanrc",	   "uv.lock",
};

static char *dir;
static struct bi_kb *kb;

static void write_file(const char *name, const uint8_t *p, size_t n)
{
	char *path = bi_xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "wb");

	if (f) {
		if (n)
			fwrite(p, 1, n, f);
		fclose(f);
	}
	free(path);
}

static void remove_file(const char *name)
{
	char *path = bi_xasprintf("%s/%s", dir, name);
	unlink(path);
	free(path);
}

static void cleanup(void)
{
	if (dir)
		rmdir(dir);
	free(dir);
	bi_kb_free(kb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *name;

	if (size < 1 || size > 256 * 1024)
		return 0;
	if (!dir) {
		char tmpl[] = "/tmp/bi-fuzz-rec-XXXXXX";
		if (!mkdtemp(tmpl) || bi_kb_load(&kb, NULL) < 0)
			abort();
		dir = bi_xstrdup(tmpl);
		atexit(cleanup);
	}
	name = names[data[0] % BI_ARRAY_SIZE(names)];
	write_file(name, data + 1, size - 1);
	if (strcmp(name, "main.go") == 0)
		write_file("go.mod", (const uint8_t *)"module x\n", 9);
	for (int flags = 0; flags < 4; flags++) {
		struct bi_recommend_opts o = { .need_shell = flags & 1, .debug = flags & 2 };
		struct bi_workload *w = NULL;
		struct bi_recommendation *r = NULL;
		struct bi_err *err = NULL;

		if (bi_recommend_detect(kb, dir, &w, &err) < 0) {
			bi_err_free(err);
			break;
		}
		if (bi_recommend(kb, w, &o, &r, &err) < 0)
			abort();
		if (!r->runtime || !r->dockerfile)
			abort();
		if ((o.need_shell || o.debug) && (r->runtime_class == BI_CLASS_SCRATCH ||
						  r->runtime_class == BI_CLASS_DISTROLESS))
			abort();
		bi_recommendation_free(r);
		bi_workload_free(w);
	}
	remove_file(name);
	if (strcmp(name, "main.go") == 0)
		remove_file("go.mod");
	return 0;
}
