#!/usr/bin/env bash
# The text report prints strings taken from the image (package names,
# versions) and the feeds; a hostile image must not reach the terminal with
# escape sequences: control characters are shown as '?'. JSON escapes them.
set -u
DATA=$SRC/tests/unit/vuln/data
D=$TMP/v.db
R=$TMP/root
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

mkdir -p "$R/etc" "$R/var/lib/dpkg"
printf 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n' >"$R/etc/os-release"
printf 'Package: libssl3\033]0;owned\007\033[2J\nStatus: install ok installed\nVersion: 3.0.8-1\nSource: openssl\nArchitecture: amd64\n\n' >"$R/var/lib/dpkg/status"
"$BASEIMG" db --db "$D" import "$DATA/tracker-sample.json" >/dev/null 2>&1 || nok "import"
"$BASEIMG" cves --db "$D" "dir:$R" >"$TMP/t" 2>&1
check "text: the finding is listed" 'grep -q "CVE-2023-2650 .*libssl3" "$TMP/t"'
check "text: no control character but newlines" '! LC_ALL=C grep -q "[[:cntrl:]]" <(tr -d "\n" <"$TMP/t")'
check "text: shown as ?" 'grep -q "libssl3?\]0;owned??\[2J" "$TMP/t"'
"$BASEIMG" cves --db "$D" --format json "dir:$R" >"$TMP/j" 2>&1
check "json: the name is kept exactly" 'python3 -c "import json,sys; v=json.load(open(sys.argv[1]))[\"vulnerabilities\"]; assert any(x[\"package\"]==\"libssl3\x1b]0;owned\x07\x1b[2J\" for x in v)" "$TMP/j"'
