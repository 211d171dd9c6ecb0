/* SPDX-License-Identifier: MIT */
/*
 * The class on the scratch -> distroless -> alpine -> slim -> full spectrum,
 * decided by the first rule that matches, with the facts that decided it
 * as reasons (docs/classification.md is the user-facing copy of these rules).
 */
#include "util/common.h"
#include "analyze/analyze.h"

/* Above these, an image keeps what slim images strip. */
#define FULL_MAN_FILES 20
#define FULL_DOC_FILES 200
#define FULL_PACKAGES 300

static const char *os_label(const struct bi_analysis *a, char *buf, size_t len)
{
	if (!a->has_os)
		return "no OS";
	snprintf(buf, len, "%s%s%s", a->os.id, a->os.version_id ? " " : "",
		 a->os.version_id ? a->os.version_id : "");
	return buf;
}

static bool is_debug_shell(const struct bi_analysis *a)
{
	/* distroless :debug puts busybox at /busybox, not at /bin/sh */
	return a->shell && strcmp(a->shell, "/bin/sh") != 0 && a->shell_kind &&
	       strcmp(a->shell_kind, "busybox") == 0;
}

static void shell_reason(struct bi_analysis *a)
{
	if (a->shell)
		bi_analysis__reason(a, "shell %s (%s)", a->shell, a->shell_kind);
	else
		bi_analysis__reason(a, "no shell (no /bin/sh, none on PATH)");
}

static void debug_ease(struct bi_analysis *a)
{
	bool pm = strcmp(a->package_manager, "none") != 0;

	if (!a->shell)
		a->debug_ease = "none";
	else if (!pm)
		a->debug_ease = "low";
	else if (a->nbuild_tools || a->debug_tools >= 3)
		a->debug_ease = "high";
	else
		a->debug_ease = "medium";
}

void bi_classify(struct bi_analysis *a)
{
	bool pm = strcmp(a->package_manager, "none") != 0;
	bool pkgdb = a->pkgs.format != BI_PKG_NONE;
	const char *db = bi_pkg_format_name(a->pkgs.format);
	char os[160];

	debug_ease(a);
	os_label(a, os, sizeof(os));

	/* 1. scratch: no package database and nothing to install with */
	if (!pkgdb && !pm) {
		a->class = BI_CLASS_SCRATCH;
		if (a->has_os)
			bi_analysis__reason(a,
					    "an OS release file (%s) but nothing else of that "
					    "distribution",
					    os);
		else
			bi_analysis__reason(a, "no /etc/os-release or other OS release file");
		bi_analysis__reason(a, "no package database");
		if (a->shell)
			bi_analysis__reason(a, "only a shell (%s, %s) beside the application files",
					    a->shell, a->shell_kind);
		else
			bi_analysis__reason(a, "no shell");
		bi_analysis__reason(a, "%" PRIu64 " files in all", a->files);
		return;
	}
	/* 2. distroless: distribution files but no way to install or (usually) to run a shell */
	if (!pm && (!a->shell || is_debug_shell(a) || a->pkgs.format == BI_PKG_DPKG_STATUS_D)) {
		a->class = BI_CLASS_DISTROLESS;
		bi_analysis__reason(a, "%s with a package database (%s, %zu packages)", os, db,
				    a->pkgs.n);
		bi_analysis__reason(a, "no package manager");
		if (!a->shell)
			bi_analysis__reason(a, "no shell");
		else
			bi_analysis__reason(a,
					    "a %s shell at %s: a debug variant, still distroless "
					    "(nothing to install with)",
					    a->shell_kind, a->shell);
		return;
	}
	/* 3. alpine: musl + apk */
	if ((a->has_os && strcmp(a->os.id, "alpine") == 0) ||
	    (a->libc == BI_LIBC_MUSL && a->pkgs.format == BI_PKG_APK)) {
		a->class = BI_CLASS_ALPINE;
		bi_analysis__reason(a, "%s", a->has_os ? os : "musl with an apk database");
		bi_analysis__reason(a, "libc %s%s%s", bi_libc_name(a->libc),
				    a->libc_version ? " " : "",
				    a->libc_version ? a->libc_version : "");
		shell_reason(a);
		bi_analysis__reason(a, "package manager %s, %zu packages", a->package_manager,
				    a->pkgs.n);
		if (a->nbuild_tools)
			bi_analysis__reason(a, "build tools present: %s", a->build_tools[0]);
		return;
	}
	/* 4. full: build toolchains, docs and man pages kept, or very many packages */
	bi_analysis__reason(a, "%s, %s database with %zu packages, package manager %s", os, db,
			    a->pkgs.n, a->package_manager);
	shell_reason(a);
	if (a->nbuild_tools || a->man_files >= FULL_MAN_FILES || a->doc_files >= FULL_DOC_FILES ||
	    a->pkgs.n >= FULL_PACKAGES) {
		a->class = BI_CLASS_FULL;
		for (size_t i = 0; i < a->nbuild_tools && i < 4; i++)
			bi_analysis__reason(a, "build tool: %s", a->build_tools[i]);
		if (a->man_files >= FULL_MAN_FILES || a->doc_files >= FULL_DOC_FILES)
			bi_analysis__reason(a,
					    "documentation kept: %" PRIu64 " files under "
					    "/usr/share/man, %" PRIu64 " under /usr/share/doc",
					    a->man_files, a->doc_files);
		if (a->pkgs.n >= FULL_PACKAGES)
			bi_analysis__reason(a, "%zu packages (full at %d or more)", a->pkgs.n,
					    FULL_PACKAGES);
		return;
	}
	/* 5. slim */
	a->class = BI_CLASS_SLIM;
	bi_analysis__reason(a, "no compilers, headers or development packages");
	bi_analysis__reason(a,
			    "documentation stripped (%" PRIu64 " man files, %" PRIu64
			    " doc files besides copyright)",
			    a->man_files, a->doc_files);
}
