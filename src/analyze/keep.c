/* SPDX-License-Identifier: MIT */
/*
 * Which files the layer walker keeps for the analysis (see layer/fs.h).
 * Small text files the analysis reads whole (OS release, package databases,
 * loader configuration, users, runtime version files), the ELF headers of
 * executables and shared libraries, metadata only for everything else.
 * Package file lists (dpkg info/PKG.list) are not kept: the layer that last
 * wrote them is what the analysis needs, and the merged view has it.
 */
#include "util/common.h"
#include "layer/fs.h"

static const char *const kept_exact[] = {
	"etc/os-release",
	"usr/lib/os-release",
	"etc/alpine-release",
	"etc/debian_version",
	"etc/redhat-release",
	"etc/system-release",
	"etc/lsb-release",
	"lib/apk/db/installed",
	"var/lib/dpkg/status",
	"var/lib/rpm/rpmdb.sqlite",
	"usr/lib/sysimage/rpm/rpmdb.sqlite",
	"etc/ld.so.conf",
	"etc/passwd",
	"etc/group",
	"usr/local/go/VERSION",
	"usr/local/include/node/node_version.h",
	"usr/include/node/node_version.h",
};

static const char *const kept_prefix[] = {
	"var/lib/dpkg/status.d/",
	"etc/ld.so.conf.d/",
};

static bool java_release(const char *path)
{
	size_t n = strlen(path);

	/* JDK/JRE "release" files: usr/lib/jvm/X/release, opt/java/openjdk/release, ... */
	if (n < 8 || strcmp(path + n - 8, "/release") != 0)
		return false;
	return strstr(path, "jvm/") || strstr(path, "java") || strstr(path, "jdk") ||
	       strstr(path, "jre");
}

enum bi_keep bi_keep_policy(const char *path, uint32_t mode, uint64_t size)
{
	/*
	 * A database past the cap (a big rpmdb.sqlite) is not kept: the analysis
	 * then reports "content not available" as a warning instead of the whole
	 * image failing.
	 */
	for (size_t i = 0; i < BI_ARRAY_SIZE(kept_exact); i++)
		if (strcmp(path, kept_exact[i]) == 0)
			return size <= BI_MAX_KEPT_FILE ? BI_KEEP_CONTENT : BI_KEEP_NONE;
	for (size_t i = 0; i < BI_ARRAY_SIZE(kept_prefix); i++)
		if (strncmp(path, kept_prefix[i], strlen(kept_prefix[i])) == 0)
			return size <= BI_MAX_KEPT_FILE ? BI_KEEP_CONTENT : BI_KEEP_NONE;
	/* musl's loader path: etc/ld-musl-x86_64.path */
	if (strncmp(path, "etc/ld-musl-", 12) == 0 && strstr(path + 12, ".path") &&
	    !strchr(path + 4, '/') && size <= 64 * BI_KiB)
		return BI_KEEP_CONTENT;
	if (size < 64 * BI_KiB && java_release(path))
		return BI_KEEP_CONTENT;
	/* Executables and shared libraries: their ELF headers, or a script's "#!" line. */
	if ((size >= 52 && strstr(path, ".so")) || (size >= 2 && (mode & 0111)))
		return BI_KEEP_ELF;
	return BI_KEEP_NONE;
}
