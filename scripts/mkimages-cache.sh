#!/bin/sh
# mkimages-cache.sh: make sure the real test images of ../shared/tools/mkimages
# exist in the cache folder (BASEIMG_IMAGE_CACHE, default /var/tmp/baseimg-images,
# outside the repository), building them only when missing. Prints the folder.
# Exit 0 when the images are there, 1 when they cannot be built (no ../shared,
# not root, no network): callers skip then.
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-${BI_SHARED:-$SRC/../shared}}
CACHE=${BASEIMG_IMAGE_CACHE:-/var/tmp/baseimg-images}

complete() {
	for n in scratch-static scratch-musl scratch-dynamic distroless distroless-debug alpine slim full; do
		[ -f "$CACHE/oci/$n/index.json" ] && [ -f "$CACHE/docker-archive/$n.tar" ] &&
			[ -f "$CACHE/oci-archive/$n.tar" ] || return 1
	done
	[ -f "$CACHE/oci/alpine-zstd/index.json" ]
}

mkdir -p "$CACHE"
exec 9>"$CACHE.lock"
flock 9
if ! complete; then
	if [ ! -x "$SHARED/tools/mkimages" ]; then
		echo "mkimages-cache: $SHARED/tools/mkimages not found" >&2
		exit 1
	fi
	echo "mkimages-cache: building the real images into $CACHE (minutes; log $CACHE.log)" >&2
	"$SHARED/tools/mkimages" "$CACHE" >"$CACHE.log" 2>&1 || {
		echo "mkimages-cache: mkimages failed, see $CACHE.log" >&2
		exit 1
	}
	complete || exit 1
fi
echo "$CACHE"
