/* SPDX-License-Identifier: MIT */
/* Reading RUN commands: package managers, pip and friends, compilers (cmds.h). */
#include "util/common.h"

#include "lint/cmds.h"

static bool eq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static bool in_list(const char *w, const char *const *list)
{
	for (; *list; list++)
		if (eq(w, *list))
			return true;
	return false;
}

/* "pip3.12" matches prefix "pip" followed only by digits and dots. */
static bool versioned(const char *w, const char *prefix)
{
	size_t n = strlen(prefix);

	if (strncmp(w, prefix, n) != 0)
		return false;
	for (w += n; *w; w++)
		if (!isdigit((unsigned char)*w) && *w != '.')
			return false;
	return true;
}

size_t bi_lint_cmd_program(char *const *w, size_t n)
{
	static const char *const keywords[] = { "then", "else",	   "elif",    "do",
						"if",	"while",   "until",   "!",
						"{",	"}",	   "time",    "nohup",
						"exec", "command", "builtin", NULL };
	size_t i = 0;

	while (i < n) {
		const char *b = bi_sh_basename(w[i]);

		if (bi_sh_assignment(w[i], NULL, NULL) || in_list(w[i], keywords)) {
			i++;
		} else if (eq(b, "sudo") || eq(b, "doas")) {
			for (i++; i < n && w[i][0] == '-'; i++)
				if (eq(w[i], "-u") || eq(w[i], "-g") || eq(w[i], "-C"))
					i++;
		} else if (eq(b, "env")) {
			for (i++; i < n && w[i][0] == '-'; i++)
				if (eq(w[i], "-u") || eq(w[i], "-C"))
					i++;
		} else if (eq(b, "xargs")) {
			for (i++; i < n && w[i][0] == '-'; i++)
				if (strchr("nILPdaEs", w[i][1]) && w[i][1] && !w[i][2])
					i++;
		} else {
			break;
		}
	}
	return i < n ? i : n; /* a flag's value may be missing: "xargs -n" */
}

void bi_pm_action_release(struct bi_pm_action *a)
{
	for (size_t i = 0; i < a->npkgs; i++)
		free(a->pkgs[i]);
	free(a->pkgs);
	free(a->virtual_name);
	memset(a, 0, sizeof(*a));
}

enum pm_family { PM_APT, PM_APK, PM_RPM };

static bool takes_value(enum pm_family f, const char *flag)
{
	static const char *const apt[] = { "-o",
					   "-t",
					   "-c",
					   "--option",
					   "--target-release",
					   "--default-release",
					   "--config-file",
					   NULL };
	static const char *const apk[] = {
		"-t",	  "--virtual",	"-X",	       "--repository",	      "-p", "--root",
		"--arch", "--keys-dir", "--cache-dir", "--repositories-file", NULL
	};
	static const char *const rpm[] = { "--setopt",
					   "--enablerepo",
					   "--disablerepo",
					   "--installroot",
					   "--releasever",
					   "-x",
					   "--exclude",
					   "-c",
					   "--config",
					   "--repo",
					   "--repoid",
					   "--setopt",
					   "--forcearch",
					   "-d",
					   "-e",
					   "--rpmverbosity",
					   NULL };

	if (strchr(flag, '='))
		return false;
	switch (f) {
	case PM_APT:
		return in_list(flag, apt);
	case PM_APK:
		return in_list(flag, apk);
	case PM_RPM:
		return in_list(flag, rpm);
	}
	return false;
}

static const char *strip_pkg(enum pm_family f, const char *w, char *buf, size_t bufsz)
{
	size_t len = strlen(w);
	const char *cut;

	if (len >= bufsz)
		return w;
	memcpy(buf, w, len + 1);
	if (f == PM_APT) {
		if ((cut = strchr(buf, '=')))
			buf[cut - buf] = '\0';
		if ((cut = strchr(buf, ':')))
			buf[cut - buf] = '\0';
	} else if (f == PM_APK) {
		size_t k = strcspn(buf, "=<>~");
		buf[k] = '\0';
	} else {
		static const char *const arch[] = { ".x86_64", ".aarch64", ".noarch", ".i686",
						    NULL };
		for (size_t i = 0; arch[i]; i++) {
			size_t al = strlen(arch[i]), bl = strlen(buf);
			if (bl > al && eq(buf + bl - al, arch[i]))
				buf[bl - al] = '\0';
		}
	}
	return buf;
}

bool bi_pm_parse(char *const *w, size_t n, struct bi_pm_action *a)
{
	static const char *const apt_mgr[] = { "apt-get", "apt", "aptitude", NULL };
	static const char *const rpm_mgr[] = { "dnf", "yum", "microdnf", "tdnf", "dnf5", NULL };
	const char *prog;
	enum pm_family f;
	size_t i;
	bool group = false;

	memset(a, 0, sizeof(*a));
	if (n == 0)
		return false;
	prog = bi_sh_basename(w[0]);
	if (eq(prog, "apt-mark")) {
		if (n >= 2 && eq(w[1], "auto")) {
			a->op = BI_PM_MARK_AUTO;
			a->manager = "apt-mark";
			return true;
		}
		return false;
	}
	if (in_list(prog, apt_mgr))
		f = PM_APT;
	else if (eq(prog, "apk"))
		f = PM_APK;
	else if (in_list(prog, rpm_mgr))
		f = PM_RPM;
	else
		return false;
	a->manager = prog;
	/* Find the subcommand, skipping global flags. */
	for (i = 1; i < n; i++) {
		if (w[i][0] != '-')
			break;
		if (eq(w[i], "--auto-remove") || eq(w[i], "--autoremove"))
			a->auto_remove = true;
		if (takes_value(f, w[i]))
			i++;
	}
	if (i >= n)
		return false;
	const char *sub = w[i++];
	if (f == PM_RPM && (eq(sub, "group") || eq(sub, "groups")) && i < n &&
	    eq(w[i], "install")) {
		group = true;
		sub = w[i++];
	}
	if (eq(sub, "install") || eq(sub, "add") || eq(sub, "groupinstall")) {
		if ((f == PM_APK) != eq(sub, "add") && !eq(sub, "groupinstall"))
			return false;
		group = group || eq(sub, "groupinstall");
		a->op = BI_PM_INSTALL;
	} else if (eq(sub, "remove") || eq(sub, "purge") || eq(sub, "del") || eq(sub, "erase")) {
		a->op = BI_PM_REMOVE;
	} else if (eq(sub, "autoremove") || eq(sub, "autopurge")) {
		a->op = BI_PM_AUTOREMOVE;
		return true;
	} else {
		return false;
	}
	a->pkgs = bi_xcalloc(n, sizeof(*a->pkgs));
	for (; i < n; i++) {
		const char *arg = w[i];

		if (arg[0] == '-') {
			if (eq(arg, "--auto-remove") || eq(arg, "--autoremove"))
				a->auto_remove = true;
			if (f == PM_APK && (eq(arg, "-t") || eq(arg, "--virtual")) && i + 1 < n) {
				free(a->virtual_name);
				a->virtual_name = bi_xstrdup(w[++i]);
				continue;
			}
			if (f == PM_APK && strncmp(arg, "--virtual=", 10) == 0) {
				free(a->virtual_name);
				a->virtual_name = bi_xstrdup(arg + 10);
				continue;
			}
			if (takes_value(f, arg))
				i++;
			continue;
		}
		if (arg[0] == '\0')
			continue;
		char buf[256];
		a->pkgs[a->npkgs++] = bi_xstrdup(strip_pkg(f, arg, buf, sizeof(buf)));
	}
	(void)group; /* group names stay as written ("Development Tools") */
	return true;
}

bool bi_pm_is_c_toolchain(const char *pkg)
{
	static const char *const tc[] = { "gcc",
					  "g++",
					  "clang",
					  "build-base",
					  "build-essential",
					  "gcc-c++",
					  "alpine-sdk",
					  "@development-tools",
					  "development tools",
					  "@development tools",
					  NULL };
	char low[64];
	size_t len = strlen(pkg);

	if (len >= sizeof(low))
		return false;
	for (size_t i = 0; i <= len; i++)
		low[i] = (char)tolower((unsigned char)pkg[i]);
	return in_list(low, tc) || versioned(low, "gcc-") || versioned(low, "g++-") ||
	       versioned(low, "clang-");
}

bool bi_pm_is_build_tool(const char *pkg)
{
	static const char *const tools[] = { "make", "cmake", NULL };
	size_t len = strlen(pkg);

	if (bi_pm_is_c_toolchain(pkg) || in_list(pkg, tools))
		return true;
	/* Debian/Alpine "-dev", and their RPM (dnf, yum, microdnf) spelling "-devel" */
	return (len > 4 && eq(pkg + len - 4, "-dev")) || (len > 6 && eq(pkg + len - 6, "-devel"));
}

/* ------------------------------------------------------------- python --- */

bool bi_py_req_name(const char *spec, char *buf, size_t bufsz)
{
	size_t k = 0;

	if (!spec[0] || spec[0] == '.' || spec[0] == '-' || spec[0] == '/' || strchr(spec, '/') ||
	    strchr(spec, '$') || strstr(spec, "://"))
		return false;
	for (const char *p = spec; *p; p++) {
		char c = *p;
		if (!isalnum((unsigned char)c) && c != '-' && c != '_' && c != '.')
			break;
		if (k + 1 >= bufsz)
			return false;
		buf[k++] = (c == '_' || c == '.') ? '-' : (char)tolower((unsigned char)c);
	}
	buf[k] = '\0';
	if (k == 0)
		return false;
	if (strstr(spec, ".whl") || strstr(spec, ".tar.gz") || strstr(spec, ".zip"))
		return false;
	return true;
}

static bool py_flag_takes_value(const char *f)
{
	static const char *const v[] = {
		"-r",
		"--requirement",
		"-c",
		"--constraint",
		"-e",
		"--editable",
		"-i",
		"--index-url",
		"--extra-index-url",
		"-f",
		"--find-links",
		"-t",
		"--target",
		"--prefix",
		"--root",
		"--src",
		"--platform",
		"--python-version",
		"--implementation",
		"--abi",
		"--only-binary",
		"--no-binary",
		"--progress-bar",
		"--cache-dir",
		"--log",
		"--timeout",
		"--retries",
		"--proxy",
		"--upgrade-strategy",
		"-C",
		"--config-settings",
		"--global-option",
		"--install-option",
		"--trusted-host",
		"--python",
		"-p",
		"--index",
		"--default-index",
		"--group",
		"-G",
		"--source",
		"-E",
		"--extras",
		"--extra",
		"--exclude-newer",
		"--index-strategy",
		"--resolution",
		"--prerelease",
		"--keyring-provider",
		"--optional",
		"--with",
		"--editable",
		"--dependency-group",
		"--link-mode",
		"--report",
		"--use-feature",
		NULL,
	};
	return !strchr(f, '=') && in_list(f, v);
}

bool bi_py_install(char *const *w, size_t n, bi_pkg_fn fn, bi_pkg_fn req_fn, void *ctx)
{
	const char *prog;
	size_t i = 1;
	char name[128];

	if (n < 2)
		return false;
	prog = bi_sh_basename(w[0]);
	if (versioned(prog, "pip")) {
		while (i < n && w[i][0] == '-')
			i++;
		if (i >= n || !eq(w[i], "install"))
			return false;
		i++;
	} else if (versioned(prog, "python")) {
		while (i < n && w[i][0] == '-' && !eq(w[i], "-m"))
			i++;
		if (i + 2 >= n + 0 || !eq(w[i], "-m") || !versioned(w[i + 1], "pip"))
			return false;
		i += 2;
		while (i < n && w[i][0] == '-')
			i++;
		if (i >= n || !eq(w[i], "install"))
			return false;
		i++;
	} else if (eq(prog, "uv")) {
		if (eq(w[1], "add"))
			i = 2;
		else if (n >= 3 && eq(w[1], "pip") && eq(w[2], "install"))
			i = 3;
		else
			return false;
	} else if (eq(prog, "poetry")) {
		if (!eq(w[1], "add"))
			return false;
		i = 2;
	} else if (eq(prog, "pipenv")) {
		if (!eq(w[1], "install"))
			return false;
		i = 2;
	} else {
		return false;
	}
	for (; i < n; i++) {
		if (w[i][0] == '-') {
			if (req_fn && (eq(w[i], "-r") || eq(w[i], "--requirement")) && i + 1 < n)
				req_fn(ctx, w[i + 1]);
			else if (req_fn && strncmp(w[i], "--requirement=", 14) == 0)
				req_fn(ctx, w[i] + 14);
			else if (req_fn && strncmp(w[i], "-r", 2) == 0 && w[i][2])
				req_fn(ctx, w[i] + 2);
			if (py_flag_takes_value(w[i]))
				i++;
			continue;
		}
		if (bi_py_req_name(w[i], name, sizeof(name)))
			fn(ctx, name);
	}
	return true;
}

/* ----------------------------------------------------------- compilers --- */

static bool is_cc(const char *b)
{
	static const char *const cc[] = { "gcc", "g++", "cc", "c++", "clang", "clang++", NULL };
	size_t len = strlen(b);

	if (in_list(b, cc) || versioned(b, "gcc-") || versioned(b, "g++-") ||
	    versioned(b, "clang-"))
		return true;
	/* x86_64-linux-gnu-gcc, aarch64-linux-musl-gcc */
	return (len > 4 && eq(b + len - 4, "-gcc")) || (len > 4 && eq(b + len - 4, "-g++"));
}

enum bi_build_kind bi_build_cmd(char *const *w, size_t n, bool *ret_static)
{
	const char *prog;

	*ret_static = false;
	if (n < 2)
		return BI_BUILD_NONE;
	prog = bi_sh_basename(w[0]);
	if (eq(prog, "go")) {
		if (!eq(w[1], "build") && !eq(w[1], "install"))
			return BI_BUILD_NONE;
		for (size_t i = 2; i < n; i++)
			if (strstr(w[i], "-static"))
				*ret_static = true;
		return BI_BUILD_GO;
	}
	if (eq(prog, "cargo")) {
		size_t i = 1;
		while (i < n && (w[i][0] == '+' || w[i][0] == '-'))
			i++;
		if (i >= n || !eq(w[i], "build"))
			return BI_BUILD_NONE;
		for (; i < n; i++) {
			const char *t = NULL;
			if (strstr(w[i], "musl") || strstr(w[i], "crt-static"))
				*ret_static = true;
			if (eq(w[i], "--target") && i + 1 < n)
				t = w[i + 1];
			else if (strncmp(w[i], "--target=", 9) == 0)
				t = w[i] + 9;
			/* wasm32-wasi, windows, ...: not a Linux binary needing a libc here */
			if (t && !strstr(t, "linux-gnu"))
				*ret_static = true;
		}
		return BI_BUILD_CARGO;
	}
	if (is_cc(prog)) {
		static const char *const nolink[] = {
			"-c", "-E",	      "-S",	      "-M",	"-MM", "--version",
			"-v", "-dumpversion", "-dumpmachine", "--help", NULL
		};
		for (size_t i = 1; i < n; i++) {
			if (in_list(w[i], nolink) || strncmp(w[i], "-print-", 7) == 0)
				return BI_BUILD_NONE;
			if (eq(w[i], "-static") || eq(w[i], "-static-pie") ||
			    strstr(w[i], "-Wl,-static") || strstr(w[i], "-Wl,-Bstatic"))
				*ret_static = true;
		}
		return BI_BUILD_CC;
	}
	return BI_BUILD_NONE;
}
