/* SPDX-License-Identifier: MIT */
/* The lint rule table: ids, names, default severities, descriptions. */
#include "util/common.h"

#include "lint/lint.h"

#define HELP(id) "docs/rules/" id ".md"

static const struct bi_report_rule rules[BI_RULE__MAX] = {
	[BI_RULE_100] = { "BI100", "invalid-reference",
			  "FROM names an image reference that is not valid",
			  "The image reference of a FROM instruction (after ARG expansion) does "
			  "not follow the Docker reference grammar, so the build cannot pull it.",
			  HELP("BI100"), BI_SEV_ERROR },
	[BI_RULE_101] = { "BI101", "tag-missing", "FROM image has no tag and no digest",
			  "An image without a tag or digest means :latest, which changes under "
			  "you: builds are not reproducible.",
			  HELP("BI101"), BI_SEV_WARNING },
	[BI_RULE_102] = { "BI102", "tag-latest", "FROM image uses the latest tag",
			  "The latest tag moves with every release: pin a version tag (and "
			  "ideally a digest).",
			  HELP("BI102"), BI_SEV_WARNING },
	[BI_RULE_103] = { "BI103", "os-release-unpinned", "FROM tag does not pin the OS release",
			  "The image family publishes OS-release variants (Debian codenames, "
			  "Alpine versions) and the tag floats between them: the OS under your "
			  "application changes when the default moves (Debian 12 to 13 in "
			  "2025-08).",
			  HELP("BI103"), BI_SEV_WARNING },
	[BI_RULE_104] = { "BI104", "digest-missing", "FROM image is not pinned by digest",
			  "Tags are mutable; only an @sha256: digest names exact content. "
			  "Error with require-digest in .baseimg.yaml.",
			  HELP("BI104"), BI_SEV_NOTE },
	[BI_RULE_105] = { "BI105", "full-image-final",
			  "the final stage runs on a full or build-only image",
			  "Full and build-only images (compilers, headers, package caches) make "
			  "the runtime image large and widen its attack surface; build in them "
			  "and copy the result into a slim, alpine or distroless stage.",
			  HELP("BI105"), BI_SEV_WARNING },
	[BI_RULE_106] = { "BI106", "alpine-c-extensions",
			  "Python packages with C extensions installed on Alpine",
			  "Many Python packages with C extensions have no musl wheels, so pip "
			  "compiles them from source on Alpine: slow builds, a compiler in the "
			  "image, and subtle musl differences. A Debian slim image avoids this.",
			  HELP("BI106"), BI_SEV_WARNING },
	[BI_RULE_107] = { "BI107", "shell-missing",
			  "instruction needs a shell the image does not have",
			  "scratch, distroless (other than :debug) and Chainguard static images "
			  "have no /bin/sh: shell-form RUN, CMD, ENTRYPOINT and HEALTHCHECK, "
			  "and exec forms running a shell or a .sh script fail at build or run "
			  "time.",
			  HELP("BI107"), BI_SEV_ERROR },
	[BI_RULE_108] = { "BI108", "scratch-dynamic-binary",
			  "a likely dynamically linked binary is copied into scratch",
			  "scratch has no C library or loader: a binary linked dynamically "
			  "(cgo, gcc without -static, cargo without a musl target) fails with "
			  "'no such file or directory'.",
			  HELP("BI108"), BI_SEV_WARNING },
	[BI_RULE_109] = { "BI109", "libc-mismatch",
			  "a binary built against one libc is copied onto the other",
			  "A binary linked against glibc does not run on a musl image (Alpine), "
			  "nor the reverse.",
			  HELP("BI109"), BI_SEV_WARNING },
	[BI_RULE_110] = { "BI110", "stage-reference", "a stage reference names no earlier stage",
			  "COPY --from, RUN --mount=from= and FROM must name an earlier stage "
			  "(or an image); stage names must be unique.",
			  HELP("BI110"), BI_SEV_ERROR },
	[BI_RULE_111] = { "BI111", "arg-unresolved", "a FROM variable has no value",
			  "A variable in FROM expands to nothing unless --build-arg sets it: "
			  "give the global ARG a default.",
			  HELP("BI111"), BI_SEV_WARNING },
	[BI_RULE_112] = { "BI112", "build-tools-final",
			  "the final stage installs compilers or build toolchains",
			  "Compilers, make and -dev packages in the runtime image add size and "
			  "attack surface; install them in a build stage, or remove them in the "
			  "same RUN.",
			  HELP("BI112"), BI_SEV_WARNING },
	[BI_RULE_113] = { "BI113", "untrusted-registry",
			  "FROM image comes from a registry not in trusted-registries",
			  "With trusted-registries set in .baseimg.yaml, every FROM image must "
			  "come from one of those registries.",
			  HELP("BI113"), BI_SEV_WARNING },
};

const struct bi_report_rule *bi_lint_rules(void)
{
	return rules;
}

int bi_lint_rule_from_id(struct bi_span id)
{
	id = bi_span_trim(id);
	for (int i = 0; i < BI_RULE__MAX; i++)
		if (bi_span_ieq_str(id, rules[i].id) || bi_span_ieq_str(id, rules[i].name))
			return i;
	return -1;
}
