#!/usr/bin/env bash
# Installed packages whose version the scheme refuses are not audited; the
# warning counts them and names the first with the reason, so the user can
# see which package escaped the audit.
set -u
DATA=$SRC/tests/unit/vuln/data
D=$TMP/v.db
R=$TMP/root
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

mkdir -p "$R/etc" "$R/var/lib/dpkg"
printf 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n' >"$R/etc/os-release"
{
	printf 'Package: apt\nStatus: install ok installed\nVersion: 2.6:1\nArchitecture: amd64\n\n'
	printf 'Package: libssl3\nStatus: install ok installed\nVersion: 3.0.11-1~deb12u2\nSource: openssl\nArchitecture: amd64\n\n'
} >"$R/var/lib/dpkg/status"
"$BASEIMG" db --db "$D" import "$DATA/tracker-sample.json" >/dev/null 2>&1 || nok "import"
"$BASEIMG" cves --db "$D" "dir:$R" >/dev/null 2>"$TMP/err"
rc=$?
check "exit 0 ($rc)" '[ $rc -eq 0 ]'
check "the warning names the package, its version and why ($(cat "$TMP/err"))" \
	'grep -q "1 packages with versions the deb scheme refuses were not audited; the first: apt .2.6:1.: epoch in version is not number" "$TMP/err"'
