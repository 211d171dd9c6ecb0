/* SPDX-License-Identifier: MIT */
/* Which files the layer walker keeps for the analysis (see layer/fs.h). */
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
};

static const char *const kept_prefix[] = {
	"var/lib/dpkg/status.d/",
	"etc/ld.so.conf.d/",
};

enum bi_keep bi_keep_policy(const char *path, uint32_t mode, uint64_t size)
{
	for (size_t i = 0; i < BI_ARRAY_SIZE(kept_exact); i++)
		if (strcmp(path, kept_exact[i]) == 0)
			return BI_KEEP_CONTENT;
	for (size_t i = 0; i < BI_ARRAY_SIZE(kept_prefix); i++)
		if (strncmp(path, kept_prefix[i], strlen(kept_prefix[i])) == 0)
			return BI_KEEP_CONTENT;
	/* Executables and shared libraries: their ELF headers. */
	if (size >= 52 && ((mode & 0111) || strstr(path, ".so")))
		return BI_KEEP_ELF;
	return BI_KEEP_NONE;
}
