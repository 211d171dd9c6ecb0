#!/usr/bin/env bash
# The real images from ../shared/tools/mkimages (built once into
# $BI_IMAGES, default /var/tmp/baseimg-images): each is classified as the
# chapter says, with its libc, shell, package count (as dpkg-query / the apk
# database count them, recorded by mkimages in meta/NAME.pkgs) and checks,
# through every transport; then the measured comparison table.
. "$SRC/tests/e2e/lib/inspect.sh"
if [ ! -d "$SHARED/data" ]; then
	skip "mkimages images" "needs ../shared"
	exit 0
fi
# Built by `make check` (scripts/mkimages-cache.sh); missing images fail.
if ! IMAGES=$(SHARED=$SHARED "$SRC/scripts/mkimages-cache.sh" --check 2>&1); then
	notok "mkimages images: $IMAGES"
	exit 1
fi
names=()
while read -r name want; do
	names+=("$IMAGES/oci/$name")
	inspect_json "$IMAGES/oci/$name" --fail-on none
	cp "$TMP/out.json" "$TMP/$name.json"
	expect "$name" "$got" "$want"
	n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["packages"]))' "$TMP/out.json")
	m=$IMAGES/meta/${name%-zstd}.pkgs # alpine-zstd is alpine recompressed
	expect "$name: package count as mkimages counted" "$n" "$(cat "$m")"
	for t in oci-archive docker-archive; do
		# the big ones once is enough (their layers are the same blobs)
		[ -f "$IMAGES/$t/$name.tar" ] && [ "$name" != full ] && [ "$name" != slim ] || continue
		inspect_json "$IMAGES/$t/$name.tar" --fail-on none
		expect "$name as $t" "$got" "$want"
	done
done <<'LIST'
scratch-static scratch none - none 0 BI207
scratch-musl scratch none - none 0 BI207
scratch-dynamic scratch none - none 0 BI202,BI203,BI207
distroless distroless glibc/2.36 - dpkg-status.d 7 BI207
distroless-debug distroless glibc/2.36 /busybox/sh dpkg-status.d 7 BI207
alpine alpine musl/1.2.5 /bin/sh apk 14 BI207
alpine-zstd alpine musl/1.2.5 /bin/sh apk 14 BI207
slim slim glibc/2.36 /bin/sh dpkg 88 BI207
full full glibc/2.36 /bin/sh dpkg 238 BI206,BI207
LIST

# The Alpine packages are the real minirootfs': libssl3 3.3.2-r0 from openssl.
got=$(python3 -c 'import json,sys; p=[p for p in json.load(open(sys.argv[1]))["packages"] if p["name"]=="libssl3"][0]; print(p["version"], p["source"], p["arch"], p["layer"])' "$TMP/alpine.json")
expect "alpine: libssl3" "$got" "3.3.2-r0 openssl x86_64 0"

# full: every package's layer is the build step that installed it.
got=$(python3 - "$TMP/full.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
layer = {p["name"]: p["layer"] for p in d["packages"]}
print(layer.get("libc6"), layer.get("curl"), layer.get("git"), layer.get("gcc-12"),
      "wget" in layer, d["runtimes"][0]["name"] if d["runtimes"] else None)
PY
)
expect "full: layers of libc6 curl git gcc-12, wget purged, python" "$got" "0 1 2 3 False python"

"$BASEIMG" compare "${names[@]}" >"$TMP/table.txt"
expect "compare: exit 1 (scratch-dynamic fails)" "$?" 1
sed 's/^/# /' "$TMP/table.txt"
got=$(awk 'NR > 1 { print $1 "=" $2 }' "$TMP/table.txt" | tr '\n' ' ')
expect "compare: classes" "$got" "scratch-static=scratch scratch-musl=scratch scratch-dynamic=scratch distroless=distroless distroless-debug=distroless alpine=alpine alpine-zstd=alpine slim=slim full=full "
exit 0
