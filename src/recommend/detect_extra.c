/* SPDX-License-Identifier: MIT */
/*
 * Secondary signals: version-manager files (.tool-versions, .java-version,
 * .sdkmanrc, system.properties), Python's setup.py / setup.cfg and a
 * requirements/ folder, and the first member of a Cargo workspace.
 */
#include <dirent.h>

#include "util/common.h"

#include "recommend/detect_internal.h"

/* asdf/mise .tool-versions: "python 3.12.1", "nodejs 20.11.0", "golang 1.22.3" */
static void tool_versions(struct detect *d)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MAX_PROJECT_FILE);
	static const struct {
		const char *tool;
		enum bi_lang lang;
		int parts;
	} tools[] = {
		{ "python", BI_LANG_PYTHON, 2 }, { "nodejs", BI_LANG_NODE, 1 },
		{ "node", BI_LANG_NODE, 1 },	 { "golang", BI_LANG_GO, 2 },
		{ "go", BI_LANG_GO, 2 },	 { "rust", BI_LANG_RUST, 2 },
		{ "java", BI_LANG_JAVA, 1 },
	};
	struct bi_span text, line;

	if (!bi_detect__read(d, ".tool-versions", &b))
		return;
	text = bi_buf_span(&b);
	while (bi_span_next_line(&text, &line)) {
		struct bi_span l = bi_span_trim(line), tool, ver;
		char v[32];

		if (!l.len || l.ptr[0] == '#' || !bi_span_split(&l, ' ', &tool))
			continue;
		ver = bi_span_trim(l);
		/* java: "temurin-21.0.2+13.0.LTS", "openjdk-17" */
		while (ver.len && !isdigit((unsigned char)ver.ptr[0]) && ver.ptr[0] != ' ')
			ver = bi_span_sub(ver, 1, ver.len - 1);
		for (size_t i = 0; i < BI_ARRAY_SIZE(tools); i++)
			if (bi_span_eq_str(tool, tools[i].tool)) {
				bi_detect__major_minor(ver, tools[i].parts, v, sizeof(v));
				bi_detect__set_version(d, tools[i].lang, v, ".tool-versions");
			}
	}
}

static void java_files(struct detect *d)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MAX_PROJECT_FILE);
	struct bi_span text, line, v;
	char ver[32];

	if (bi_detect__read(d, ".java-version", &b)) {
		text = bi_buf_span(&b);
		if (bi_span_next_line(&text, &line)) {
			line = bi_span_trim(line);
			if (bi_span_starts_with(line, "1.") && line.len > 2)
				line = bi_span_sub(line, 2, line.len - 2);
			bi_detect__major_minor(line, 1, ver, sizeof(ver));
			bi_detect__set_version(d, BI_LANG_JAVA, ver, ".java-version");
		}
	}
	if (bi_detect__read(d, ".sdkmanrc", &b)) {
		text = bi_buf_span(&b);
		while (bi_span_next_line(&text, &line))
			if (bi_detect__toml_value(bi_span_trim(line), "java", &v)) {
				bi_detect__major_minor(v, 1, ver, sizeof(ver));
				bi_detect__set_version(d, BI_LANG_JAVA, ver, ".sdkmanrc");
			}
	}
	if (bi_detect__read(d, "system.properties", &b)) {
		text = bi_buf_span(&b);
		while (bi_span_next_line(&text, &line))
			if (bi_detect__toml_value(bi_span_trim(line), "java.runtime.version", &v)) {
				if (bi_span_starts_with(v, "1.") && v.len > 2)
					v = bi_span_sub(v, 2, v.len - 2);
				bi_detect__major_minor(v, 1, ver, sizeof(ver));
				bi_detect__set_version(d, BI_LANG_JAVA, ver, "system.properties");
			}
	}
}

void bi_detect__extra(struct detect *d)
{
	tool_versions(d);
	if (d->found[BI_LANG_JAVA])
		java_files(d);
}

/* setup.py: quoted requirement strings; setup.cfg: install_requires lines. */
void bi_detect__python_extra(struct detect *d)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MAX_PROJECT_FILE);
	_cleanup_free_ char *sub = bi_xasprintf("%s/requirements", d->dir);
	struct bi_span text, line;
	DIR *dp;

	if (bi_detect__read(d, "setup.py", &b)) {
		bi_detect__signal(d, BI_LANG_PYTHON, "setup.py");
		text = bi_buf_span(&b);
		while (bi_span_next_line(&text, &line))
			bi_detect__quoted_deps(d, line);
	}
	if (bi_detect__read(d, "setup.cfg", &b)) {
		bool in = false;
		bi_detect__signal(d, BI_LANG_PYTHON, "setup.cfg");
		text = bi_buf_span(&b);
		while (bi_span_next_line(&text, &line)) {
			bool indented = line.len && (line.ptr[0] == ' ' || line.ptr[0] == '\t');
			struct bi_span l = bi_span_trim(line);
			if (bi_span_starts_with(l, "install_requires")) {
				in = true;
				continue;
			}
			if (!indented)
				in = false;
			if (in && l.len && l.ptr[0] != '#')
				bi_detect__check_native(d, BI_LANG_PYTHON, "python-c-extensions",
							bi_detect__dep_key(l));
		}
	}
	/* requirements/base.txt, requirements/prod.txt (Django layouts) */
	dp = opendir(sub);
	if (dp) {
		static const char *const prefer[] = { "production.txt", "prod.txt", "base.txt",
						      "common.txt" };
		struct bi_strv names = { 0 };
		struct dirent *de;
		const char *pick = NULL;

		while ((de = readdir(dp)) && names.n < 32) {
			size_t len = strlen(de->d_name);
			if (de->d_name[0] != '.' && len >= 5 &&
			    strcmp(de->d_name + len - 4, ".txt") == 0)
				bi_strv_add(&names, de->d_name);
		}
		closedir(dp);
		for (size_t i = 0; i < names.n; i++) {
			char *rel = bi_xasprintf("requirements/%s", names.v[i]);
			struct bi_span txt, ln;

			if (bi_detect__read(d, rel, &b)) {
				bi_detect__signal(d, BI_LANG_PYTHON, "requirements/");
				txt = bi_buf_span(&b);
				while (bi_span_next_line(&txt, &ln)) {
					ln = bi_span_trim(ln);
					if (ln.len && ln.ptr[0] != '#' && ln.ptr[0] != '-')
						bi_detect__check_native(d, BI_LANG_PYTHON,
									"python-c-extensions",
									bi_detect__dep_key(ln));
				}
			}
			free(rel);
		}
		for (size_t k = 0; k < BI_ARRAY_SIZE(prefer) && !pick; k++)
			if (bi_strv_has(&names, prefer[k]))
				pick = prefer[k];
		if (!pick)
			for (size_t i = 0; i < names.n; i++)
				if (!pick || strcmp(names.v[i], pick) < 0)
					pick = names.v[i];
		if (pick && !d->w->python_manifest[0] &&
		    strlen(pick) + 13 < sizeof(d->w->python_manifest))
			snprintf(d->w->python_manifest, sizeof(d->w->python_manifest),
				 "requirements/%s", pick);
		bi_strv_release(&names);
	}
}

/* A workspace root: the package name of the first listed member. */
void bi_detect__cargo_workspace(struct detect *d)
{
	_cleanup_(bi_buf_release) struct bi_buf b = BI_BUF_INIT(BI_MAX_PROJECT_FILE);
	struct bi_span text, line, v;
	char member[200] = "";
	bool in_members = false;

	if (d->app[BI_LANG_RUST][0] || !bi_detect__read(d, "Cargo.toml", &b))
		return;
	text = bi_buf_span(&b);
	while (bi_span_next_line(&text, &line) && !member[0]) {
		struct bi_span l = bi_span_trim(line);
		if (bi_span_starts_with(l, "members")) {
			ptrdiff_t lb = bi_span_find_char(l, '[');
			in_members = true;
			if (lb < 0)
				continue;
			l = bi_span_sub(l, (size_t)lb + 1, l.len - (size_t)lb - 1);
		}
		if (!in_members)
			continue;
		/* the first quoted path without a glob */
		for (size_t i = 0; i < l.len; i++)
			if (l.ptr[i] == '"' || l.ptr[i] == '\'') {
				struct bi_span rest = bi_span_sub(l, i + 1, l.len - i - 1);
				ptrdiff_t e = bi_span_find_char(rest, l.ptr[i]);
				if (e > 0 && (size_t)e < sizeof(member) - 16 &&
				    bi_span_find_char(bi_span_sub(rest, 0, (size_t)e), '*') < 0 &&
				    bi_span_find(bi_span_sub(rest, 0, (size_t)e),
						 BI_SPAN_LIT("..")) < 0)
					snprintf(member, sizeof(member), BI_SPAN_FMT, (int)e,
						 rest.ptr);
				break;
			}
		if (bi_span_find_char(l, ']') >= 0)
			in_members = false;
	}
	if (member[0]) {
		char *rel = bi_xasprintf("%s/Cargo.toml", member);
		bool package = false;
		if (bi_detect__read(d, rel, &b)) {
			text = bi_buf_span(&b);
			while (bi_span_next_line(&text, &line)) {
				struct bi_span l = bi_span_trim(line);
				if (l.len && l.ptr[0] == '[')
					package = bi_span_eq_str(l, "[package]");
				else if (package && bi_detect__toml_value(l, "name", &v) &&
					 v.len < sizeof(d->app[0]))
					snprintf(d->app[BI_LANG_RUST], sizeof(d->app[0]),
						 BI_SPAN_FMT, BI_SPAN_ARG(v));
			}
		}
		free(rel);
	}
}
