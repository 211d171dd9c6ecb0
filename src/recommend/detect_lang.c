/* SPDX-License-Identifier: MIT */
/*
 * One reader per language: the manifests that name it, the version they
 * state, and the packages the knowledge base marks as native. The readers
 * are line-based and forgiving: a manifest they cannot make sense of still
 * names the language.
 */
#include <dirent.h>

#include "util/common.h"

#include "image/ref.h"
#include "recommend/detect_internal.h"
#include "util/json.h"

/* `key = "value"` or `key = 'value'` (TOML); the value without quotes. */
bool bi_detect__toml_value(struct bi_span line, const char *key, struct bi_span *ret)
{
	struct bi_span k, v;

	if (!bi_span_cut(line, '=', &k, &v))
		return false;
	k = bi_span_trim(k);
	if (!bi_span_eq_str(k, key) && !(k.len == strlen(key) + 2 && k.ptr[0] == '"' &&
					 memcmp(k.ptr + 1, key, strlen(key)) == 0))
		return false;
	v = bi_span_trim(v);
	if (v.len >= 2 && (v.ptr[0] == '"' || v.ptr[0] == '\'')) {
		ptrdiff_t end = bi_span_find_char(bi_span_sub(v, 1, v.len - 1), v.ptr[0]);
		if (end < 0)
			return false;
		*ret = bi_span_sub(v, 1, (size_t)end);
		return true;
	}
	*ret = v;
	return true;
}

/* The name a dependency line starts with: `numpy = "^1"`, `"numpy>=1",`. */
struct bi_span bi_detect__dep_key(struct bi_span line)
{
	size_t i = 0;

	line = bi_span_trim(line);
	if (line.len && (line.ptr[0] == '"' || line.ptr[0] == '\''))
		line = bi_span_sub(line, 1, line.len - 1);
	while (i < line.len &&
	       (isalnum((unsigned char)line.ptr[i]) || strchr("-_.@/", line.ptr[i])))
		i++;
	return bi_span_sub(line, 0, i);
}

void bi_detect__check_native(struct detect *d, enum bi_lang lang, const char *list,
			     struct bi_span name)
{
	char *n;

	if (!name.len || name.len > 200)
		return;
	n = bi_span_dup(name);
	if (bi_kb_in_list(d->kb, list, n)) {
		for (char *p = n; *p && lang == BI_LANG_PYTHON; p++)
			*p = (char)tolower((unsigned char)*p);
		bi_strv_add(&d->native[lang], n);
	}
	free(n);
}

/* Quoted strings on a line: each is a PEP 508 requirement in pyproject arrays. */
void bi_detect__quoted_deps(struct detect *d, struct bi_span line)
{
	size_t i = 0;

	while (i < line.len) {
		char q = line.ptr[i];
		if (q == '"' || q == '\'') {
			size_t j = i + 1;
			while (j < line.len && line.ptr[j] != q)
				j++;
			bi_detect__check_native(
				d, BI_LANG_PYTHON, "python-c-extensions",
				bi_detect__dep_key(bi_span_sub(line, i + 1, j - i - 1)));
			i = j + 1;
		} else {
			i++;
		}
	}
}

/* ------------------------------------------------------------------ Go */

static bool go_file_imports_c(struct detect *d, const char *path)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MAX_SCAN_BYTES);
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	struct bi_span text, line;
	char chunk[4096];

	if (fd < 0)
		return false;
	while (b.len < BI_MAX_SCAN_BYTES) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n <= 0)
			break;
		if (bi_buf_add(&b, chunk, (size_t)n) < 0)
			break;
	}
	text = bi_buf_span(&b);
	while (bi_span_next_line(&text, &line)) {
		line = bi_span_trim(line);
		if (bi_span_eq_str(line, "import \"C\"") || bi_span_eq_str(line, "\"C\"") ||
		    bi_span_starts_with(line, "import \"C\" "))
			return true;
	}
	return false;
}

static bool scan_cgo(struct detect *d, const char *dir, int depth, size_t *files)
{
	DIR *dp;
	struct dirent *de;
	bool found = false;

	if (depth > BI_MAX_SCAN_DEPTH || *files >= BI_MAX_SCAN_FILES)
		return false;
	dp = opendir(dir);
	if (!dp)
		return false;
	while (!found && (de = readdir(dp)) && *files < BI_MAX_SCAN_FILES) {
		char *p;
		struct stat st;
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.' || strcmp(de->d_name, "vendor") == 0 ||
		    strcmp(de->d_name, "node_modules") == 0 || strcmp(de->d_name, "testdata") == 0)
			continue;
		p = bi_xasprintf("%s/%s", dir, de->d_name);
		if (lstat(p, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				found = scan_cgo(d, p, depth + 1, files);
			} else if (S_ISREG(st.st_mode) && len > 3 &&
				   strcmp(de->d_name + len - 3, ".go") == 0 &&
				   !(len > 8 && strcmp(de->d_name + len - 8, "_test.go") == 0)) {
				(*files)++;
				found = go_file_imports_c(d, p);
			}
		}
		free(p);
	}
	closedir(dp);
	return found;
}

void bi_detect__go(struct detect *d)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MAX_PROJECT_FILE);
	struct bi_span text, line;
	bool in_require = false;
	size_t files = 0;
	DIR *dp;
	_cleanup_free_ char *cmd = NULL;

	if (!bi_detect__read(d, "go.mod", &b))
		return;
	bi_detect__signal(d, BI_LANG_GO, "go.mod");
	snprintf(d->build_tool[BI_LANG_GO], sizeof(d->build_tool[0]), "go");
	text = bi_buf_span(&b);
	while (bi_span_next_line(&text, &line)) {
		struct bi_span l = bi_span_trim(line), word;
		ptrdiff_t c = bi_span_find(l, BI_SPAN_LIT("//"));
		if (c >= 0)
			l = bi_span_trim(bi_span_sub(l, 0, (size_t)c));
		if (bi_span_eat_prefix(&l, "module ")) {
			struct bi_span m = bi_span_trim(l), last, prev = BI_SPAN_NULL, seg;
			if (m.len >= 2 && m.ptr[0] == '"')
				m = bi_span_sub(m, 1, m.len - 2);
			last = m;
			while (bi_span_split(&m, '/', &seg)) {
				prev = last;
				last = seg;
			}
			/* ".../v2" is a major version, not a name */
			if (last.len >= 2 && last.ptr[0] == 'v' && prev.len &&
			    strspn(last.ptr + 1, "0123456789") >= last.len - 1)
				last = prev;
			if (last.len && last.len < sizeof(d->app[0]))
				snprintf(d->app[BI_LANG_GO], sizeof(d->app[0]), BI_SPAN_FMT,
					 BI_SPAN_ARG(last));
		} else if (bi_span_eat_prefix(&l, "go ")) {
			char v[32];
			bi_detect__major_minor(bi_span_trim(l), 2, v, sizeof(v));
			bi_detect__set_version(d, BI_LANG_GO, v, "go.mod");
		} else if (bi_span_eq_str(l, "require (")) {
			in_require = true;
		} else if (in_require && bi_span_eq_str(l, ")")) {
			in_require = false;
		} else if (in_require || bi_span_eat_prefix(&l, "require ")) {
			l = bi_span_trim(l);
			if (bi_span_split(&l, ' ', &word) && word.len) {
				char *mod = bi_span_dup(word);
				if (bi_kb_in_list(d->kb, "go-cgo-modules", mod)) {
					bi_strv_add(&d->native[BI_LANG_GO], mod);
					d->w->cgo = true;
				}
				free(mod);
			}
		}
	}
	if (scan_cgo(d, d->dir, 0, &files)) {
		d->w->cgo = true;
		bi_strv_add(&d->native[BI_LANG_GO], "import \"C\"");
	}
	/* the main package: ./ or the first ./cmd/NAME */
	if (bi_detect__exists(d, "main.go")) {
		snprintf(d->main[BI_LANG_GO], sizeof(d->main[0]), ".");
	} else {
		cmd = bi_xasprintf("%s/cmd", d->dir);
		dp = opendir(cmd);
		if (dp) {
			struct dirent *de;
			char best[64] = "";
			while ((de = readdir(dp)))
				if (de->d_name[0] != '.' && strlen(de->d_name) < sizeof(best) &&
				    (!best[0] || strcmp(de->d_name, best) < 0))
					memcpy(best, de->d_name, strlen(de->d_name) + 1);
			closedir(dp);
			if (best[0]) {
				snprintf(d->main[BI_LANG_GO], sizeof(d->main[0]), "./cmd/%s", best);
				snprintf(d->app[BI_LANG_GO], sizeof(d->app[0]), "%s", best);
			}
		}
		if (!d->main[BI_LANG_GO][0])
			snprintf(d->main[BI_LANG_GO], sizeof(d->main[0]), ".");
	}
}

/* ---------------------------------------------------------------- Rust */

void bi_detect__rust(struct detect *d)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MAX_PROJECT_FILE);
	struct bi_span text, line, v;
	bool deps = false, package = false;
	char ver[32];

	if (!bi_detect__read(d, "Cargo.toml", &b))
		return;
	bi_detect__signal(d, BI_LANG_RUST, "Cargo.toml");
	snprintf(d->build_tool[BI_LANG_RUST], sizeof(d->build_tool[0]), "cargo");
	text = bi_buf_span(&b);
	while (bi_span_next_line(&text, &line)) {
		struct bi_span l = bi_span_trim(line);
		if (l.len && l.ptr[0] == '#')
			continue;
		if (l.len && l.ptr[0] == '[') {
			package = bi_span_eq_str(l, "[package]");
			deps = bi_span_ends_with(l, "dependencies]");
			/* [dependencies.openssl] */
			if (bi_span_starts_with(l, "[dependencies.") ||
			    bi_span_starts_with(l, "[build-dependencies.")) {
				struct bi_span in = bi_span_sub(l, 1, l.len - 2), a, name;
				if (bi_span_cut(in, '.', &a, &name))
					bi_detect__check_native(d, BI_LANG_RUST,
								"rust-native-crates", name);
			}
			continue;
		}
		if (package && bi_detect__toml_value(l, "name", &v) && v.len < sizeof(d->app[0]))
			snprintf(d->app[BI_LANG_RUST], sizeof(d->app[0]), BI_SPAN_FMT,
				 BI_SPAN_ARG(v));
		if (package && bi_detect__toml_value(l, "rust-version", &v)) {
			bi_detect__major_minor(v, 2, ver, sizeof(ver));
			if (ver[0])
				snprintf(d->constraint[BI_LANG_RUST], sizeof(d->constraint[0]),
					 ">=%s", ver);
		}
		if (deps && bi_span_find(l, BI_SPAN_LIT("vendored")) < 0 &&
		    bi_span_find(l, BI_SPAN_LIT("bundled")) < 0)
			bi_detect__check_native(d, BI_LANG_RUST, "rust-native-crates",
						bi_detect__dep_key(l));
	}
	if (bi_detect__read(d, "rust-toolchain.toml", &b)) {
		text = bi_buf_span(&b);
		while (bi_span_next_line(&text, &line))
			if (bi_detect__toml_value(bi_span_trim(line), "channel", &v)) {
				bi_detect__major_minor(v, 2, ver, sizeof(ver));
				if (ver[0] && isdigit((unsigned char)v.ptr[0]))
					bi_detect__set_version(d, BI_LANG_RUST, ver,
							       "rust-toolchain.toml");
			}
	} else if (bi_detect__read(d, "rust-toolchain", &b)) {
		text = bi_buf_span(&b);
		if (bi_span_next_line(&text, &line)) {
			line = bi_span_trim(line);
			bi_detect__major_minor(line, 2, ver, sizeof(ver));
			if (ver[0] && line.len && isdigit((unsigned char)line.ptr[0]))
				bi_detect__set_version(d, BI_LANG_RUST, ver, "rust-toolchain");
		}
	}
	bi_detect__cargo_workspace(d);
}

/* ---------------------------------------------------------------- Java */

/* The text of the first <tag>...</tag>. */
static bool xml_tag(struct bi_span text, const char *tag, struct bi_span *ret)
{
	char open[80], close[80];
	ptrdiff_t a, e;
	struct bi_span rest;

	snprintf(open, sizeof(open), "<%s>", tag);
	snprintf(close, sizeof(close), "</%s>", tag);
	a = bi_span_find(text, bi_span_str(open));
	if (a < 0)
		return false;
	rest = bi_span_sub(text, (size_t)a + strlen(open), text.len - (size_t)a - strlen(open));
	e = bi_span_find(rest, bi_span_str(close));
	if (e < 0)
		return false;
	*ret = bi_span_trim(bi_span_sub(rest, 0, (size_t)e));
	return true;
}

/* "1.8" -> "8", "17" -> "17", "${java.version}" -> resolved once. */
static void java_version(struct bi_span text, struct bi_span v, char *out, size_t n)
{
	char prop[64];

	out[0] = 0;
	if (bi_span_starts_with(v, "${") && v.len > 3 && v.len - 3 < sizeof(prop) &&
	    v.ptr[v.len - 1] == '}') {
		snprintf(prop, sizeof(prop), BI_SPAN_FMT, (int)(v.len - 3), v.ptr + 2);
		if (!xml_tag(text, prop, &v) || bi_span_starts_with(v, "${"))
			return;
	}
	if (bi_span_starts_with(v, "1.") && v.len > 2)
		v = bi_span_sub(v, 2, v.len - 2);
	bi_detect__major_minor(v, 1, out, n);
}

static void java_gradle(struct detect *d, const char *file)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MAX_PROJECT_FILE);
	static const char *const keys[] = { "JavaLanguageVersion.of(", "jvmToolchain(",
					    "JavaVersion.VERSION_", "sourceCompatibility",
					    "targetCompatibility" };
	struct bi_span text;

	if (!bi_detect__read(d, file, &b))
		return;
	bi_detect__signal(d, BI_LANG_JAVA, file);
	snprintf(d->build_tool[BI_LANG_JAVA], sizeof(d->build_tool[0]), "gradle");
	text = bi_buf_span(&b);
	for (size_t k = 0; k < BI_ARRAY_SIZE(keys) && !d->version_set[BI_LANG_JAVA]; k++) {
		ptrdiff_t at = bi_span_find(text, bi_span_str(keys[k]));
		struct bi_span rest;
		char v[32];

		if (at < 0)
			continue;
		rest = bi_span_sub(text, (size_t)at + strlen(keys[k]),
				   text.len - (size_t)at - strlen(keys[k]));
		/* skip " = '", "(", "JavaVersion.VERSION_" */
		while (rest.len && !isdigit((unsigned char)rest.ptr[0]) &&
		       strchr(" \t=('\"", rest.ptr[0]))
			rest = bi_span_sub(rest, 1, rest.len - 1);
		bi_span_eat_prefix(&rest, "JavaVersion.VERSION_");
		if (bi_span_starts_with(rest, "1_") || bi_span_starts_with(rest, "1."))
			rest = bi_span_sub(rest, 2, rest.len - 2);
		bi_detect__major_minor(rest, 1, v, sizeof(v));
		bi_detect__set_version(d, BI_LANG_JAVA, v, file);
	}
	/* "group:artifact:version" coordinates */
	{
		size_t n = 0;
		const char *const *jni = bi_kb_list(d->kb, "java-native-libraries", &n);
		for (size_t i = 0; i < n; i++) {
			char pat[128];
			snprintf(pat, sizeof(pat), ":%s:", jni[i]);
			if (bi_span_find(text, bi_span_str(pat)) >= 0)
				bi_strv_add(&d->native[BI_LANG_JAVA], jni[i]);
		}
	}
	if (bi_detect__exists(d, "gradlew"))
		d->w->wrapper = true;
}

void bi_detect__java(struct detect *d)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MAX_PROJECT_FILE);
	static const char *const tags[] = { "maven.compiler.release", "release",
					    "java.version",	      "maven.compiler.target",
					    "maven.compiler.source",  "jdk.version" };

	if (bi_detect__read(d, "pom.xml", &b)) {
		struct bi_span text = bi_buf_span(&b), v, rest;
		char ver[32];

		bi_detect__signal(d, BI_LANG_JAVA, "pom.xml");
		snprintf(d->build_tool[BI_LANG_JAVA], sizeof(d->build_tool[0]), "maven");
		for (size_t i = 0; i < BI_ARRAY_SIZE(tags) && !d->version_set[BI_LANG_JAVA]; i++)
			if (xml_tag(text, tags[i], &v)) {
				java_version(text, v, ver, sizeof(ver));
				bi_detect__set_version(d, BI_LANG_JAVA, ver, "pom.xml");
			}
		rest = text;
		while (xml_tag(rest, "artifactId", &v)) {
			bi_detect__check_native(d, BI_LANG_JAVA, "java-native-libraries", v);
			rest = bi_span_sub(rest, (size_t)(v.ptr - rest.ptr) + v.len,
					   rest.len - (size_t)(v.ptr - rest.ptr) - v.len);
		}
		if (bi_detect__exists(d, "mvnw"))
			d->w->wrapper = true;
	} else {
		java_gradle(d, "build.gradle.kts");
		java_gradle(d, "build.gradle");
	}
}

/* -------------------------------------------------------------- Python */

/* A Python version spec: "==3.11.*", "~3.11", "3.11" pin; ">=3.11" is a range. */
static void python_spec(struct detect *d, struct bi_span spec, const char *src)
{
	char v[32];
	struct bi_span s = bi_span_trim(spec);

	if (!s.len)
		return;
	if ((bi_span_starts_with(s, "==") || (s.ptr[0] == '~' && !bi_span_starts_with(s, "~="))) &&
	    bi_span_find_char(s, ',') < 0) {
		bi_detect__major_minor(s, 2, v, sizeof(v));
		bi_detect__set_version(d, BI_LANG_PYTHON, v, src);
	} else if (isdigit((unsigned char)s.ptr[0]) && bi_span_find_char(s, ',') < 0) {
		bi_detect__major_minor(s, 2, v, sizeof(v));
		bi_detect__set_version(d, BI_LANG_PYTHON, v, src);
	} else if (!d->constraint[BI_LANG_PYTHON][0] && s.len < sizeof(d->constraint[0])) {
		snprintf(d->constraint[BI_LANG_PYTHON], sizeof(d->constraint[0]), BI_SPAN_FMT,
			 BI_SPAN_ARG(s));
	}
}

static void python_requirements(struct detect *d, const char *name)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MAX_PROJECT_FILE);
	struct bi_span text, line;

	if (!bi_detect__exists(d, name))
		return;
	/* a requirements file names the language even when it is too large to read */
	bi_detect__signal(d, BI_LANG_PYTHON, name);
	if (!bi_detect__read(d, name, &b))
		return;
	if (!d->w->python_manifest[0] && strcmp(name, "requirements.txt") == 0)
		snprintf(d->w->python_manifest, sizeof(d->w->python_manifest), "%s", name);
	text = bi_buf_span(&b);
	while (bi_span_next_line(&text, &line)) {
		ptrdiff_t c = bi_span_find(line, BI_SPAN_LIT(" #"));
		line = bi_span_trim(c >= 0 ? bi_span_sub(line, 0, (size_t)c) : line);
		if (!line.len || line.ptr[0] == '#' || line.ptr[0] == '-')
			continue;
		bi_detect__check_native(d, BI_LANG_PYTHON, "python-c-extensions",
					bi_detect__dep_key(line));
	}
}

static void python_toml(struct detect *d, const char *name, bool lock)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MAX_PROJECT_FILE);
	struct bi_span text, line, v;
	bool in_array = false, dep_table = false, pkg = false, requires = false;

	if (!bi_detect__read(d, name, &b))
		return;
	bi_detect__signal(d, BI_LANG_PYTHON, name);
	text = bi_buf_span(&b);
	while (bi_span_next_line(&text, &line)) {
		struct bi_span l = bi_span_trim(line);
		if (!l.len || l.ptr[0] == '#')
			continue;
		if (lock) {
			if (bi_span_eq_str(l, "[[package]]"))
				pkg = true;
			else if (l.ptr[0] == '[')
				pkg = false;
			else if (pkg && bi_detect__toml_value(l, "name", &v))
				bi_detect__check_native(d, BI_LANG_PYTHON, "python-c-extensions",
							v);
			continue;
		}
		if (in_array) {
			bi_detect__quoted_deps(d, l);
			if (bi_span_find_char(l, ']') >= 0)
				in_array = false;
			continue;
		}
		if (l.ptr[0] == '[') {
			dep_table = bi_span_ends_with(l, "dependencies]") ||
				    bi_span_eq_str(l, "[packages]") ||
				    bi_span_eq_str(l, "[dev-packages]");
			requires = bi_span_eq_str(l, "[requires]");
			if (bi_span_starts_with(l, "[tool.poetry"))
				snprintf(d->build_tool[BI_LANG_PYTHON], sizeof(d->build_tool[0]),
					 "poetry");
			else if (bi_span_starts_with(l, "[tool.uv") &&
				 !d->build_tool[BI_LANG_PYTHON][0])
				snprintf(d->build_tool[BI_LANG_PYTHON], sizeof(d->build_tool[0]),
					 "uv");
			continue;
		}
		if (bi_detect__toml_value(l, "requires-python", &v)) {
			python_spec(d, v, name);
			continue;
		}
		if (requires && bi_detect__toml_value(l, "python_version", &v)) {
			python_spec(d, v, name);
			continue;
		}
		if (dep_table) {
			struct bi_span k = bi_detect__dep_key(l);
			if (bi_span_eq_str(k, "python") && bi_detect__toml_value(l, "python", &v))
				python_spec(d, v, name);
			else if (!bi_span_eq_str(k, "dependencies"))
				bi_detect__check_native(d, BI_LANG_PYTHON, "python-c-extensions",
							k);
			if (!(bi_span_find(l, BI_SPAN_LIT("= [")) >= 0 ||
			      bi_span_find(l, BI_SPAN_LIT("=[")) >= 0))
				continue;
		}
		/* dependencies = [ "a", "b" ] on one or more lines */
		if (bi_span_find_char(l, '=') >= 0 && bi_span_find_char(l, '[') >= 0) {
			struct bi_span k, rest;
			bi_span_cut(l, '=', &k, &rest);
			k = bi_span_trim(k);
			if (bi_span_eq_str(k, "dependencies") || dep_table ||
			    bi_span_ends_with(k, "dependencies")) {
				bi_detect__quoted_deps(d, rest);
				in_array = bi_span_find_char(rest, ']') < 0;
			}
		}
	}
}

void bi_detect__python(struct detect *d)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MAX_PROJECT_FILE);
	static const char *const entries[] = { "app.py",    "main.py", "manage.py",
					       "server.py", "wsgi.py", "run.py" };
	struct bi_span text, line;
	DIR *dp;

	/* requirements*.txt at the top, sorted for stable output */
	dp = opendir(d->dir);
	if (dp) {
		struct bi_strv names = { 0 };
		struct dirent *de;
		while ((de = readdir(dp)) && names.n < 64) {
			size_t len = strlen(de->d_name);
			if (strncmp(de->d_name, "requirements", 12) == 0 && len > 4 &&
			    strcmp(de->d_name + len - 4, ".txt") == 0)
				bi_strv_add(&names, de->d_name);
		}
		closedir(dp);
		for (size_t i = 0; i < names.n; i++)
			for (size_t j = i + 1; j < names.n; j++)
				if (strcmp(names.v[j], names.v[i]) < 0) {
					char *t = names.v[i];
					names.v[i] = names.v[j];
					names.v[j] = t;
				}
		for (size_t i = 0; i < names.n; i++)
			python_requirements(d, names.v[i]);
		if (!d->w->python_manifest[0] && names.n)
			snprintf(d->w->python_manifest, sizeof(d->w->python_manifest), "%s",
				 names.v[0]);
		bi_strv_release(&names);
	}
	if (bi_detect__read(d, ".python-version", &b)) {
		char v[32];
		text = bi_buf_span(&b);
		if (bi_span_next_line(&text, &line)) {
			bi_detect__major_minor(bi_span_trim(line), 2, v, sizeof(v));
			bi_detect__set_version(d, BI_LANG_PYTHON, v, ".python-version");
		}
		bi_detect__signal(d, BI_LANG_PYTHON, ".python-version");
	}
	if (bi_detect__read(d, "runtime.txt", &b)) {
		char v[32];
		text = bi_buf_span(&b);
		if (bi_span_next_line(&text, &line) && bi_span_eat_prefix(&line, "python-")) {
			bi_detect__major_minor(bi_span_trim(line), 2, v, sizeof(v));
			bi_detect__set_version(d, BI_LANG_PYTHON, v, "runtime.txt");
		}
	}
	if (bi_detect__exists(d, "pyproject.toml")) {
		python_toml(d, "pyproject.toml", false);
		if (!d->w->python_manifest[0])
			snprintf(d->w->python_manifest, sizeof(d->w->python_manifest),
				 "pyproject.toml");
	}
	if (bi_detect__exists(d, "Pipfile")) {
		python_toml(d, "Pipfile", false);
		snprintf(d->build_tool[BI_LANG_PYTHON], sizeof(d->build_tool[0]), "pipenv");
		if (!d->w->python_manifest[0])
			snprintf(d->w->python_manifest, sizeof(d->w->python_manifest), "Pipfile");
	}
	if (bi_detect__exists(d, "poetry.lock")) {
		python_toml(d, "poetry.lock", true);
		snprintf(d->build_tool[BI_LANG_PYTHON], sizeof(d->build_tool[0]), "poetry");
	}
	if (bi_detect__exists(d, "uv.lock")) {
		python_toml(d, "uv.lock", true);
		snprintf(d->build_tool[BI_LANG_PYTHON], sizeof(d->build_tool[0]), "uv");
	}
	bi_detect__python_extra(d);
	if (!d->found[BI_LANG_PYTHON])
		return;
	if (!d->build_tool[BI_LANG_PYTHON][0])
		snprintf(d->build_tool[BI_LANG_PYTHON], sizeof(d->build_tool[0]), "pip");
	for (size_t i = 0; i < BI_ARRAY_SIZE(entries); i++)
		if (bi_detect__exists(d, entries[i])) {
			snprintf(d->main[BI_LANG_PYTHON], sizeof(d->main[0]), "%s", entries[i]);
			break;
		}
}

/* ---------------------------------------------------------------- Node */

/* "v20.11.1", "20", "^20.1", "20.x", "~20" -> "20"; ranges stay constraints. */
static void node_spec(struct detect *d, struct bi_span s, const char *src)
{
	char v[32];
	struct bi_span t = bi_span_trim(s);

	while (t.len && strchr("^~=v ", t.ptr[0]))
		t = bi_span_sub(t, 1, t.len - 1);
	if (t.len && isdigit((unsigned char)t.ptr[0]) && bi_span_find_char(t, ' ') < 0 &&
	    bi_span_find_char(t, '|') < 0 && bi_span_find_char(t, '<') < 0 &&
	    bi_span_find_char(t, '>') < 0 && bi_span_find_char(t, '-') < 0) {
		bi_detect__major_minor(t, 1, v, sizeof(v));
		bi_detect__set_version(d, BI_LANG_NODE, v, src);
	} else if (!d->constraint[BI_LANG_NODE][0] && s.len && s.len < sizeof(d->constraint[0])) {
		snprintf(d->constraint[BI_LANG_NODE], sizeof(d->constraint[0]), BI_SPAN_FMT,
			 BI_SPAN_ARG(bi_span_trim(s)));
	}
}

static void node_deps(struct detect *d, const struct bi_json *deps)
{
	void *it = NULL;
	const char *k;
	const struct bi_json *v;

	while ((k = bi_json_object_next(deps, &it, &v)))
		bi_detect__check_native(d, BI_LANG_NODE, "node-native-addons", bi_span_str(k));
}

void bi_detect__node(struct detect *d)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MAX_PROJECT_FILE);
	_cleanup_(bi_json_freep) struct bi_json *root = NULL;
	struct bi_err *err = NULL;
	static const char *const rcs[] = { ".nvmrc", ".node-version" };
	const char *s;
	const struct bi_json *j;

	if (!bi_detect__read(d, "package.json", &b))
		return;
	bi_detect__signal(d, BI_LANG_NODE, "package.json");
	snprintf(d->build_tool[BI_LANG_NODE], sizeof(d->build_tool[0]), "npm");
	for (size_t i = 0; i < BI_ARRAY_SIZE(rcs); i++) {
		_cleanup_(bi_buf_release) struct bi_buf rc = BI_BUF_INIT(BI_MAX_PROJECT_FILE);
		struct bi_span text, line;
		if (!bi_detect__read(d, rcs[i], &rc))
			continue;
		bi_detect__signal(d, BI_LANG_NODE, rcs[i]);
		text = bi_buf_span(&rc);
		if (!bi_span_next_line(&text, &line))
			continue;
		line = bi_span_trim(line);
		if (bi_span_eat_prefix(&line, "lts/") && line.len && line.ptr[0] != '*' &&
		    line.len < 32) {
			/* lts/iron: the KB knows the codename */
			char ref[48];
			struct bi_ref *r = NULL;
			snprintf(ref, sizeof(ref), "node:" BI_SPAN_FMT, BI_SPAN_ARG(line));
			for (char *p = ref; *p; p++)
				*p = (char)tolower((unsigned char)*p);
			if (bi_ref_parse(ref, &r, NULL) == 0) {
				struct bi_kb_match m;
				bi_kb_lookup(d->kb, r, &m);
				if (m.suggestion[0] && strchr(m.suggestion, ':')) {
					struct bi_span t =
						bi_span_str(strchr(m.suggestion, ':') + 1);
					struct bi_span major;
					if (bi_span_split(&t, '-', &major))
						node_spec(d, major, rcs[i]);
				}
				bi_ref_free(r);
			}
		} else {
			node_spec(d, line, rcs[i]);
		}
	}
	if (bi_detect__exists(d, "package-lock.json") ||
	    bi_detect__exists(d, "npm-shrinkwrap.json"))
		d->w->has_lockfile = true;
	if (bi_detect__exists(d, "yarn.lock")) {
		d->w->has_lockfile = true;
		snprintf(d->build_tool[BI_LANG_NODE], sizeof(d->build_tool[0]), "yarn");
	}
	if (bi_detect__exists(d, "pnpm-lock.yaml")) {
		d->w->has_lockfile = true;
		snprintf(d->build_tool[BI_LANG_NODE], sizeof(d->build_tool[0]), "pnpm");
	}
	if (bi_json_parse(bi_buf_span(&b), "package.json", &root, &err) < 0) {
		bi_strv_add(&d->w->notes, bi_err_msg(err));
		bi_err_free(err);
		return;
	}
	if ((s = bi_json_get_string(root, "name")) && strlen(s) < sizeof(d->app[0])) {
		const char *slash = strrchr(s, '/');
		snprintf(d->app[BI_LANG_NODE], sizeof(d->app[0]), "%s", slash ? slash + 1 : s);
	}
	if ((s = bi_json_get_string(root, "main")) && strlen(s) < sizeof(d->main[0]) &&
	    !strchr(s, '"') && !strchr(s, '\\'))
		snprintf(d->main[BI_LANG_NODE], sizeof(d->main[0]), "%s", s);
	if ((j = bi_json_get(root, "engines")) && (s = bi_json_get_string(j, "node")))
		node_spec(d, bi_span_str(s), "package.json engines.node");
	if ((s = bi_json_get_string(root, "packageManager"))) {
		if (strncmp(s, "pnpm@", 5) == 0)
			snprintf(d->build_tool[BI_LANG_NODE], sizeof(d->build_tool[0]), "pnpm");
		else if (strncmp(s, "yarn@", 5) == 0)
			snprintf(d->build_tool[BI_LANG_NODE], sizeof(d->build_tool[0]), "yarn");
	}
	if ((j = bi_json_get(root, "scripts")) && bi_json_get_string(j, "build"))
		d->w->node_build_script = true;
	node_deps(d, bi_json_get(root, "dependencies"));
	node_deps(d, bi_json_get(root, "optionalDependencies"));
	node_deps(d, bi_json_get(root, "devDependencies"));
}
