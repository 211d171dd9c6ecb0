#!/usr/bin/env bash
# inspect over the project's own fixture images (scripts/mkfixtures.sh):
# class, libc, shell, package database, packages and checks of each.
. "$SRC/tests/e2e/lib/inspect.sh"
if ! fixtures; then
	notok "mkfixtures.sh failed: $(tail -3 "$TMP/mkfixtures.log")"
	exit 1
fi
O=$FIXDIR/oci

while read -r name want_rc want; do
	inspect_json "$O/$name"
	expect "$name: $want" "$got" "$want"
	expect "$name: exit $want_rc" "$rc" "$want_rc"
done <<'LIST'
scratch-static 0 scratch none - none 0 BI207
scratch-dynamic 1 scratch none - none 0 BI202,BI203,BI207
scratch-musl 0 scratch none - none 0 BI207
distroless 0 distroless glibc/2.36 - dpkg-status.d 2 -
alpine 0 alpine musl/1.2.5 /bin/sh apk 3 BI207
alpine-zstd 0 alpine musl/1.2.5 /bin/sh apk 3 BI207
debian 1 slim glibc/2.36 /bin/sh dpkg 3 BI201,BI207
layered 1 scratch none - none 0 BI201,BI207
LIST

# The same image through the archive transports.
for t in oci-archive docker-archive; do
	inspect_json "$FIXDIR/$t/alpine.tar"
	expect "$t alpine" "$got" "alpine musl/1.2.5 /bin/sh apk 3 BI207"
done

# Where each package came from: distroless has one layer per package.
inspect_json "$O/distroless"
got=$(python3 -c 'import json,sys; print(" ".join("%s@%s" % (p["name"], p["layer"]) for p in json.load(open(sys.argv[1]))["packages"]))' "$TMP/out.json")
expect "distroless: package layers" "$got" "base-files@0 libc6@1"

# BI202's path is the missing loader; BI203 names the library.
inspect_json "$O/scratch-dynamic"
got=$(python3 -c 'import json,sys; print(" ".join("%s:%s:%s" % (c["id"], c["severity"], c["path"]) for c in json.load(open(sys.argv[1]))["checks"]))' "$TMP/out.json")
expect "scratch-dynamic: checks" "$got" "BI202:error:/lib64/ld-linux-x86-64.so.2 BI203:error:libc.so.6 BI207:note:None"

# --fail-on moves the threshold; none never fails.
"$BASEIMG" inspect --fail-on note "$O/scratch-static" >/dev/null
expect "--fail-on note: a note fails" "$?" 1
"$BASEIMG" inspect --fail-on none "$O/scratch-dynamic" >/dev/null
expect "--fail-on none: never fails" "$?" 0

# --all-platforms: a JSON array, one object per platform.
"$BASEIMG" inspect --format json --all-platforms "$O/multiarch" >"$TMP/mp.json"
got=$(python3 -c 'import json,sys; print(" ".join(x["platform"] for x in json.load(open(sys.argv[1]))))' "$TMP/mp.json")
expect "multiarch: --all-platforms" "$got" "linux/amd64 linux/arm64"
"$BASEIMG" inspect --format json --platform linux/arm64 "$O/multiarch" >"$TMP/arm.json"
got=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["platform"])' "$TMP/arm.json")
expect "multiarch: --platform linux/arm64" "$got" "linux/arm64"

# The human card names the class and the layer table the created_by.
"$BASEIMG" inspect "$O/alpine" >"$TMP/h.txt"
grep -q '^  class        alpine$' "$TMP/h.txt" && ok "human: class line" || notok "human: class line"
grep -q '^Layers$' "$TMP/h.txt" && grep -q '^Checks$' "$TMP/h.txt" && ok "human: layer table and checks" ||
	notok "human: layer table and checks"
exit 0
