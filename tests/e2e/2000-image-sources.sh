#!/usr/bin/env bash
# The image reader over every source kind of the project's own fixtures
# (scripts/mkfixtures.sh), through bench/readimage (the reader on its own).
set -u
R=${BI_BUILDDIR:-$SRC/build}/bench/readimage
FX=${BI_BUILDDIR:-$SRC/build}/fixtures
"$SRC/scripts/mkfixtures.sh" "$FX" >/dev/null 2>&1 || { echo "not ok - mkfixtures.sh failed"; exit 1; }

check() { # check DESCRIPTION WANT_EXIT GREP_PATTERN ARGS...
	local what=$1 want=$2 pat=$3 out rc
	shift 3
	out=$("$R" "$@" 2>&1)
	rc=$?
	if [ "$rc" = "$want" ] && grep -qE -- "$pat" <<<"$out"; then
		echo "ok - $what"
	else
		echo "not ok - $what (exit $rc, want $want; /$pat/ in: ${out:0:300})"
	fi
}

check "oci: layout" 0 "^transport: oci$" "oci:$FX/oci/alpine"
check "oci: layout with tag" 0 "^paths: " "oci:$FX/oci/alpine:latest"
check "oci: unknown tag" 3 "no image tagged \"v9\"" "oci:$FX/oci/alpine:v9"
check "bare folder with oci-layout" 0 "^transport: oci$" "$FX/oci/debian"
check "zstd layer" 0 "tar\+zstd" "oci:$FX/oci/alpine-zstd"
check "oci-archive:" 0 "^transport: oci-archive$" "oci-archive:$FX/oci-archive/alpine.tar"
check "bare oci archive file" 0 "^transport: oci-archive$" "$FX/oci-archive/alpine.tar"
check "docker-archive:" 0 "^transport: docker-archive$" "docker-archive:$FX/docker-archive/alpine.tar"
check "docker-archive: with a RepoTag" 0 "^transport: docker-archive$" \
	"docker-archive:$FX/docker-archive/alpine.tar:fixture/alpine:3.20"
check "docker-archive: unknown ref lists the tags" 3 "fixture/alpine:latest" \
	"docker-archive:$FX/docker-archive/alpine.tar:nope:1"
check "docker save of Docker 25+ (OCI layout inside)" 0 "^transport: docker-archive$" \
	"$FX/docker-archive/alpine-oci.tar"
d1=$("$R" "$FX/docker-archive/alpine-oci.tar" | grep '^digest: sha256:')
d2=$("$R" "oci-archive:$FX/docker-archive/alpine-oci.tar" | grep '^digest: sha256:')
[ -n "$d1" ] && [ "$d1" = "$d2" ] && echo "ok - Docker 25+ archives report the manifest digest" ||
	echo "not ok - manifest digest of a Docker 25+ archive: '$d1' vs '$d2'"
check "the same file read as oci-archive:" 0 "vnd.oci.image.layer.v1.tar " \
	"oci-archive:$FX/docker-archive/alpine-oci.tar:3.20"
check "bare docker archive file" 0 "^transport: docker-archive$" "$FX/docker-archive/alpine.tar"
out=$("$R" - <"$FX/docker-archive/alpine.tar" 2>&1)
grep -q "^transport: docker-archive$" <<<"$out" && echo "ok - docker save on stdin" ||
	echo "not ok - docker save on stdin: ${out:0:200}"
out=$(cat "$FX/oci-archive/alpine.tar" | "$R" - 2>&1)
grep -q "^transport: oci-archive$" <<<"$out" && echo "ok - oci archive on a pipe" ||
	echo "not ok - oci archive on a pipe: ${out:0:200}"
check "dir: rootfs folder" 0 "^transport: dir$" "dir:$SRC/tests/e2e"
check "default platform of an index" 0 "^platform: linux/amd64$" "oci:$FX/oci/multiarch"
check "--platform" 0 "^platform: linux/arm64$" --platform linux/arm64 "oci:$FX/oci/multiarch"
check "--platform not in the index" 3 "available: linux/amd64, linux/arm64/v8" \
	--platform linux/riscv64 "oci:$FX/oci/multiarch"
n=$("$R" --all-platforms "oci:$FX/oci/multiarch" | grep -c "^platform:")
[ "$n" = 2 ] && echo "ok - --all-platforms opens each" || echo "not ok - --all-platforms gave $n"
check "missing file" 3 "No such file" "oci:$FX/nowhere"
check "a file that is not an archive" 3 "not a tar archive" "$SRC/README.md"
check "registry references are refused clearly" 3 "not supported yet" "docker://alpine:3.20"
# The same image read from three forms gives the same merged view.
a=$("$R" --list "oci:$FX/oci/alpine" | sed -n '/^  [0-9]/p' | grep -v application/ | sort | md5sum)
b=$("$R" --list "$FX/oci-archive/alpine.tar" | sed -n '/^  [0-9]/p' | grep -v application/ | sort | md5sum)
c=$("$R" --list "$FX/docker-archive/alpine.tar" | sed -n '/^  [0-9]/p' | grep -v application/ | sort | md5sum)
[ "$a" = "$b" ] && [ "$b" = "$c" ] && echo "ok - oci, oci-archive and docker-archive agree" ||
	echo "not ok - the three forms disagree"
