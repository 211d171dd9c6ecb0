#!/bin/sh
# mkimages-cache.sh [--check]: make sure the real test images of
# ../shared/tools/mkimages exist in the cache folder (BI_IMAGES, default
# /var/tmp/baseimg-images, outside the repository), building them when missing
# or when mkimages changed since they were built. Prints the folder.
#
# `make check` (scripts/check.sh) runs this once, as its own step, and stops
# when it fails. Tests call it with --check, which never builds: it exits 1
# with a message when the images are not all there, and the test fails.
# Exit 0 when the images are there, 1 when they are not or cannot be built
# (mkimages needs root and the Debian mirror; its log is $BI_IMAGES.log).
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-${BI_SHARED:-$SRC/../shared}}
CACHE=${BI_IMAGES:-${BASEIMG_IMAGE_CACHE:-/var/tmp/baseimg-images}}
MKIMAGES=$SHARED/tools/mkimages
check=0
[ "${1:-}" = --check ] && check=1

complete() {
	for n in scratch-static scratch-musl scratch-dynamic distroless distroless-debug alpine slim full; do
		[ -f "$CACHE/oci/$n/index.json" ] && [ -f "$CACHE/docker-archive/$n.tar" ] &&
			[ -f "$CACHE/oci-archive/$n.tar" ] && [ -f "$CACHE/meta/$n.pkgs" ] || return 1
	done
	[ -f "$CACHE/oci/alpine-zstd/index.json" ] && [ -f "$CACHE/oci/all/index.json" ] || return 1
	# Built by this mkimages (a changed ../shared rebuilds them).
	[ "$(cat "$CACHE/.mkimages-sha256" 2>/dev/null)" = "$(sha256sum <"$MKIMAGES" | cut -c1-64)" ]
}

if [ ! -x "$MKIMAGES" ]; then
	echo "mkimages-cache: $MKIMAGES not found" >&2
	exit 1
fi
if [ $check = 1 ]; then
	if ! complete; then
		echo "mkimages-cache: the real images in $CACHE are missing or older than $MKIMAGES;" \
			"build them with scripts/mkimages-cache.sh (make check does)" >&2
		exit 1
	fi
	echo "$CACHE"
	exit 0
fi
mkdir -p "$CACHE"
exec 9>"$CACHE.lock"
flock 9
if ! complete; then
	force=
	# Images of another mkimages are rebuilt, not kept.
	[ -f "$CACHE/.mkimages-sha256" ] && force=--force
	echo "mkimages-cache: building the real images into $CACHE (minutes; log $CACHE.log)" >&2
	rm -f "$CACHE/.mkimages-sha256"
	if ! "$MKIMAGES" $force "$CACHE" >"$CACHE.log" 2>&1; then
		echo "mkimages-cache: $MKIMAGES failed; the end of $CACHE.log:" >&2
		tail -20 "$CACHE.log" >&2
		exit 1
	fi
	sha256sum <"$MKIMAGES" | cut -c1-64 >"$CACHE/.mkimages-sha256"
	if ! complete; then
		echo "mkimages-cache: $MKIMAGES ran but images are missing in $CACHE" >&2
		exit 1
	fi
fi
echo "$CACHE"
