#!/usr/bin/env bash
# Hostile fixtures: each fails with exit 3 and a one-line message naming the
# blob or entry (or, for path tricks that Docker accepts, reads safely).
set -u
R=${BI_BUILDDIR:-$SRC/build}/bench/readimage
FX=${BI_BUILDDIR:-$SRC/build}/fixtures
"$SRC/scripts/mkfixtures.sh" "$FX" >/dev/null 2>&1 || { echo "not ok - mkfixtures.sh failed"; exit 1; }

fails() { # fails NAME PATTERN
	local out rc
	out=$("$R" "$FX/hostile/$1" 2>&1)
	rc=$?
	if [ "$rc" = 3 ] && [ "$(wc -l <<<"$out")" = 1 ] && grep -qE -- "$2" <<<"$out"; then
		echo "ok - hostile $1: exit 3, $2"
	else
		echo "not ok - hostile $1 (exit $rc): $out"
	fi
}

fails flipped-byte "blob sha256:[0-9a-f]{64}: content has digest sha256:"
fails wrong-diffid "the config's diff_id is sha256:0{64}"
fails truncated-gzip "gzip data ends early"
fails dotdot "\"../../etc/evil\" climbs out of the image root"
fails bomb-zstd "BI_MAX_COMPRESSION_RATIO"
fails bomb-gzip "BI_MAX_COMPRESSION_RATIO"
fails bad-json "manifest: sha256:[0-9a-f]{64}: line 1"
fails bad-mediatype "unsupported layer media type .*tar\+lz4"
fails missing-blob "blob sha256:[0-9a-f]{64} missing"
fails big-dotdot "\"../evil\" climbs out of the image root"
fails big-flipped "blob sha256:[0-9a-f]{64}: content has digest sha256:"

# The inline-verify path of streaming sources: tests/unit/image/test_sources.c.
out=$("$R" "$FX/hostile/abspath" 2>&1)
[ $? = 0 ] && grep -q 'warning: .*absolute path "/etc/abs" read relative to the image root' <<<"$out" &&
	echo "ok - absolute entries are read inside the root, with a warning" ||
	echo "not ok - abspath: $out"
out=$("$R" --resolve /escape --resolve /loop "$FX/hostile/symlink-escape" 2>&1)
grep -q "resolve /escape: error: /escape: no such file in the image (/etc/shadow is missing)" <<<"$out" &&
	grep -q "resolve /loop: error: .*more than 40 symbolic links" <<<"$out" &&
	echo "ok - escaping and looping symlinks resolve inside the image only" ||
	echo "not ok - symlink-escape: $out"
"$R" --quiet "$FX/hostile/sha512" && echo "ok - sha512 digests verify" || echo "not ok - sha512"
# Corrupt archives and layouts.
T=$(mktemp -d)
cp -r "$FX/oci/alpine" "$T/fifo"
b=$(ls "$T/fifo/blobs/sha256" | head -1)
rm "$T/fifo/blobs/sha256/$b" && mkfifo "$T/fifo/blobs/sha256/$b"
out=$(timeout 20 "$R" "$T/fifo" 2>&1); rc=$?
[ $rc = 3 ] && grep -q "not a regular file" <<<"$out" && echo "ok - a FIFO planted in a layout is refused, not waited on" ||
	echo "not ok - fifo blob ($rc): $out"
head -c 3000 "$FX/docker-archive/alpine.tar" >"$T/cut.tar"
out=$("$R" "$T/cut.tar" 2>&1); rc=$?
[ $rc = 3 ] && echo "ok - a truncated docker archive: exit 3" || echo "not ok - truncated archive ($rc): $out"
rm -rf "$T"
