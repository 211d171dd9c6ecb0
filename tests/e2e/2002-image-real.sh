#!/usr/bin/env bash
# The real images of ../shared/tools/mkimages (built into a cache outside the
# repository by scripts/mkimages-cache.sh, a step of `make check` of its own),
# in all three forms. Without ../shared this skips; with it, images that are
# not there fail the test (issue 9 §3: no failure turns into a skip).
set -u
R=${BI_BUILDDIR:-$SRC/build}/bench/readimage
names="scratch-static scratch-musl scratch-dynamic distroless distroless-debug alpine slim full"
if [ ! -d "$SHARED/data" ]; then
	for n in $names; do echo "ok - real image $n # SKIP needs ../shared"; done
	exit 0
fi
if ! C=$(SHARED=$SHARED "$SRC/scripts/mkimages-cache.sh" --check 2>&1); then
	echo "not ok - the real images: $C"
	exit 1
fi
for n in $names; do
	a=$("$R" "oci:$C/oci/$n" 2>&1) || { echo "not ok - oci:$n: $a"; continue; }
	b=$("$R" "oci-archive:$C/oci-archive/$n.tar" 2>&1) || { echo "not ok - oci-archive $n: $b"; continue; }
	c=$("$R" "docker-archive:$C/docker-archive/$n.tar" 2>&1) || { echo "not ok - docker-archive $n: $c"; continue; }
	pa=$(grep '^paths:' <<<"$a"); pb=$(grep '^paths:' <<<"$b"); pc=$(grep '^paths:' <<<"$c")
	if [ "$pa" = "$pb" ] && [ "$pb" = "$pc" ]; then
		echo "ok - real image $n: three forms, $pa"
	else
		echo "not ok - real image $n: $pa / $pb / $pc"
	fi
done
out=$("$R" "oci:$C/oci/alpine-zstd" 2>&1) && grep -q "tar+zstd" <<<"$out" &&
	echo "ok - real alpine with zstd layers" || echo "not ok - alpine-zstd: $out"
out=$("$R" --resolve /bin/sh --resolve /usr/bin/python3 "oci:$C/oci/full" 2>&1)
grep -q "resolve /bin/sh: /usr/bin/dash" <<<"$out" && echo "ok - full: /bin/sh is dash" ||
	echo "not ok - full: $out"
out=$("$R" "oci:$C/oci/all" 2>&1)
grep -q "holds several images" <<<"$out" && echo "ok - a layout of several images asks for a tag" ||
	echo "not ok - oci/all: $out"
out=$("$R" "oci:$C/oci/all:slim" 2>&1) && echo "ok - oci:DIR:TAG picks slim" ||
	echo "not ok - oci/all:slim: $out"
