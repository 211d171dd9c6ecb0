#!/usr/bin/env bash
# A database without data for the image's release must not pass the image as
# clean: cves fails (exit 3) naming the release, even with --fail-on; and the
# sources shown for an image are only those that cover its release (the
# data date of an Alpine feed says nothing about Debian's).
set -u
DATA=$SRC/tests/unit/vuln/data
D=$TMP/v.db
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

root() { # DIR ID VERSION_ID CODENAME
	mkdir -p "$1/etc" "$1/var/lib/dpkg"
	printf 'ID=%s\nVERSION_ID="%s"\nVERSION_CODENAME=%s\n' "$2" "$3" "$4" >"$1/etc/os-release"
	printf 'Package: libssl3\nStatus: install ok installed\nVersion: 3.0.11-1~deb12u2\nSource: openssl\nArchitecture: amd64\n\n' \
		>"$1/var/lib/dpkg/status"
}
root "$TMP/deb12" debian 12 bookworm
root "$TMP/deb11" debian 11 bullseye

"$BASEIMG" db --db "$D" import "$DATA/secdb-v3.20-trimmed.json" >/dev/null 2>&1 ||
	nok "import the secdb fixture"

"$BASEIMG" cves --db "$D" --fail-on low "dir:$TMP/deb12" >"$TMP/out" 2>"$TMP/err"
rc=$?
check "only Alpine data, Debian image: exit 3 ($rc)" '[ $rc -eq 3 ]'
check "the error names the release" 'grep -q "no data for debian bookworm" "$TMP/err"'
check "nothing claims the image is clean" '! grep -q "No vulnerable packages" "$TMP/out"'

"$BASEIMG" db --db "$D" import "$DATA/tracker-sample.json" >/dev/null 2>&1 ||
	nok "import the tracker fixture"
"$BASEIMG" cves --db "$D" --format json "dir:$TMP/deb12" >"$TMP/j" 2>"$TMP/err"
rc=$?
check "tracker imported: exit 0 ($rc)" '[ $rc -eq 0 ]'
got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(s["kind"] for s in d["db"]["sources"]), d["summary"]["total"])' "$TMP/j")
check "db.sources lists only the tracker ($got)" '[ "$got" = "debian-tracker 1" ]'

# The tracker sample covers bookworm and bullseye; a bullseye image is covered.
"$BASEIMG" cves --db "$D" "dir:$TMP/deb11" >/dev/null 2>&1
rc=$?
check "bullseye covered by the tracker: exit 0 ($rc)" '[ $rc -eq 0 ]'
root "$TMP/deb13" debian 13 trixie
"$BASEIMG" cves --db "$D" "dir:$TMP/deb13" >/dev/null 2>"$TMP/err"
rc=$?
check "trixie not covered: exit 3 ($rc)" '[ $rc -eq 3 ] && grep -q "no data for debian trixie" "$TMP/err"'
