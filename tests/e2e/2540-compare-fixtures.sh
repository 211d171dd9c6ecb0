#!/usr/bin/env bash
# compare over the fixture images: one row per image in text, markdown and
# JSON, the measured columns, and the exit status from --fail-on.
. "$SRC/tests/e2e/lib/inspect.sh"
if ! fixtures; then
	notok "mkfixtures.sh failed"
	exit 1
fi
O=$FIXDIR/oci
imgs=("$O/scratch-static" "$O/scratch-dynamic" "$O/distroless" "$O/alpine" "$O/debian")

"$BASEIMG" compare --format json "${imgs[@]}" >"$TMP/c.json"
expect "json: exit 1 (scratch-dynamic has errors)" "$?" 1
got=$(python3 - "$TMP/c.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1])):
    print(r["reference"].rsplit("/", 1)[1], r["class"], r["libc"]["family"], r["shell_kind"],
          r["debug_ease"], r["packages"], r["cve_surface"]["packages"],
          "+".join(r["failing_checks"]) or "-", r["size"]["uncompressed"] > 0, r["files"] > 0)
PY
)
want="scratch-static scratch none None none 0 0 - True True
scratch-dynamic scratch none None none 0 0 BI202+BI203 True True
distroless distroless glibc None none 2 2 - True True
alpine alpine musl busybox medium 3 3 - True True
debian slim glibc dash medium 3 3 BI201 True True"
expect "json rows" "$got" "$want"

"$BASEIMG" compare --format markdown "${imgs[@]}" >"$TMP/c.md"
expect "markdown: header" "$(head -1 "$TMP/c.md")" \
	"| IMAGE | CLASS | SIZE | COMPRESSED | LIBC | SHELL | DEBUG | PACKAGES | FILES | CVE SURFACE | CHECKS |"
expect "markdown: 2 + 5 lines" "$(wc -l <"$TMP/c.md")" 7
grep -q '^| alpine | alpine | .* | musl 1.2.5 | busybox | medium | 3 | .* | 3 pkgs | - |$' "$TMP/c.md" &&
	ok "markdown: alpine row" || notok "markdown: alpine row: $(grep '^| alpine' "$TMP/c.md")"

"$BASEIMG" compare "${imgs[@]}" >"$TMP/c.txt"
expect "text: header" "$(head -1 "$TMP/c.txt" | tr -s ' ')" \
	"IMAGE CLASS SIZE COMPRESSED LIBC SHELL DEBUG PACKAGES FILES CVE SURFACE CHECKS"
got=$(awk 'NR > 1 { print $1, $2 }' "$TMP/c.txt" | tr '\n' ' ')
expect "text: one row per image" "$got" "scratch-static scratch scratch-dynamic scratch distroless distroless alpine alpine debian slim "

"$BASEIMG" compare --fail-on none "${imgs[@]}" >/dev/null
expect "--fail-on none: exit 0" "$?" 0
"$BASEIMG" compare "$O/alpine" "$O/distroless" >/dev/null
expect "no errors: exit 0" "$?" 0
"$BASEIMG" compare --fail-on note "$O/alpine" >/dev/null
expect "--fail-on note: BI207 fails" "$?" 1

# --all-platforms: one row per platform, labelled with it
"$BASEIMG" compare --all-platforms "$O/multiarch" >"$TMP/mp.txt"
got=$(awk 'NR > 1 { print $1, $2 }' "$TMP/mp.txt" | tr '\n' ' ')
expect "multiarch rows" "$got" "multiarch (linux/amd64) multiarch (linux/arm64) "

# stdin: a docker save archive
"$BASEIMG" compare --format json - <"$FIXDIR/docker-archive/alpine.tar" >"$TMP/s.json"
got=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))[0]; print(r["class"], r["packages"])' "$TMP/s.json")
expect "stdin docker-archive" "$got" "alpine 3"
exit 0
