#!/bin/sh
# Install the Debian packages baseimg needs to build and test, when missing.
# This is the one list of package names; the Makefile and .ci/run call this.
# Usage: scripts/install-deps.sh [--print]
set -eu

PACKAGES="
build-essential pkg-config meson ninja-build clang libclang-rt-14-dev clang-format
libarchive-dev libisal-dev isal zlib1g-dev libzstd-dev zstd libjansson-dev libsqlite3-dev
libssl-dev libxml2-dev libbz2-dev liblzma-dev libcurl4-openssl-dev libcmocka-dev
jq python3 python3-jsonschema python3-rfc3987 gzip bzip2 xz-utils rpm time
musl-tools busybox-static
chromium
"

if [ "${1:-}" = "--print" ]; then
	echo $PACKAGES
	exit 0
fi

missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing" >&2
if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: missing packages and not root; run: sudo apt-get install$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
