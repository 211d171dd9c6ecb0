#!/usr/bin/env bash
# A wont-fix finding carries the distribution's reason in every format: the
# text list too, not only JSON and SARIF (issue 4: "with its reason").
set -u
DATA=$SRC/tests/unit/vuln/data
D=$TMP/v.db
R=$TMP/root
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

mkdir -p "$R/etc" "$R/var/lib/dpkg"
printf 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n' >"$R/etc/os-release"
printf 'Package: libssl3\nStatus: install ok installed\nVersion: 3.0.11-1~deb12u2\nSource: openssl\nArchitecture: amd64\n\n' >"$R/var/lib/dpkg/status"
"$BASEIMG" db --db "$D" import "$DATA/tracker-sample.json" >/dev/null 2>&1 || nok "import"
NO_COLOR=1 "$BASEIMG" cves --db "$D" "dir:$R" >"$TMP/t" 2>&1
check "text: the wont-fix line ends with its reason" \
	'grep -E "^  CVE-2023-5678 +low +libssl3 .* wont-fix +0 +postponed: Minor issue$" "$TMP/t" >/dev/null'
"$BASEIMG" cves --db "$D" --format json "dir:$R" >"$TMP/j" 2>&1
check "json: reason" 'python3 -c "import json,sys; v=json.load(open(sys.argv[1]))[\"vulnerabilities\"][0]; assert v[\"reason\"]==\"postponed: Minor issue\"" "$TMP/j"'
