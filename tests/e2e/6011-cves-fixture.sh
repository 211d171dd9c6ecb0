#!/usr/bin/env bash
# baseimg cves on a tiny Alpine 3.20 root file system built here, against the
# project's own trimmed secdb: exact findings, filters, --fail-on, SARIF,
# and the errors (no database, unsupported distro).
set -u
DATA=$SRC/tests/unit/vuln/data
D=$TMP/v.db
R=$TMP/root
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

mkdir -p "$R/etc" "$R/lib/apk/db"
printf 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\n' >"$R/etc/os-release"
echo 3.20.3 >"$R/etc/alpine-release"
for p in "libcrypto3 3.3.2-r0 openssl" "libssl3 3.3.2-r0 openssl" "zlib 1.3.1-r1 zlib" \
	"busybox 1.36.1-r28 busybox" "gnutls 3.8.4-r0 gnutls" "musl 1.2.5-r0 musl"; do
	set -- $p
	printf 'C:Q1AAAAAAAAAAAAAAAAAAAAAAAAAAA=\nP:%s\nV:%s\nA:x86_64\nS:1\nI:1\nT:test\nL:MIT\no:%s\n\n' "$1" "$2" "$3"
done >"$R/lib/apk/db/installed"

"$BASEIMG" db --db "$D" import "$DATA/secdb-v3.20-trimmed.json" >/dev/null 2>&1 ||
	nok "import the fixture feed"

"$BASEIMG" cves --db "$D" --format json "dir:$R" >"$TMP/j" 2>"$TMP/err"
rc=$?
check "json: exit 0 without --fail-on" '[ $rc -eq 0 ]'
got=$(python3 - "$TMP/j" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(d["distro"]["id"], d["distro"]["release"], d["packages"], d["summary"]["total"],
      d["summary"]["fixable"], d["summary"]["unknown"])
for v in d["vulnerabilities"]:
    print(v["id"], v["package"], v["source_package"], v["installed"], v["fixed"], v["status"],
          v["severity"], v["layer"])
PY
)
want="alpine v3.20 6 5 5 5
CVE-2023-42364 busybox busybox 1.36.1-r28 1.36.1-r29 fixable unknown 0
CVE-2023-42365 busybox busybox 1.36.1-r28 1.36.1-r29 fixable unknown 0
CVE-2024-28834 gnutls gnutls 3.8.4-r0 3.8.5-r0 fixable unknown 0
CVE-2024-9143 libcrypto3 openssl 3.3.2-r0 3.3.2-r1 fixable unknown 0
CVE-2024-9143 libssl3 openssl 3.3.2-r0 3.3.2-r1 fixable unknown 0"
check "json: exactly the expected findings (openssl: CVE-2024-9143 only; zlib's \"0\" never)" \
	'[ "$got" = "$want" ]' || diff <(echo "$want") <(echo "$got") | sed 's/^/# /'

"$BASEIMG" cves --db "$D" --fail-on unknown "dir:$R" >"$TMP/t" 2>&1
check "--fail-on unknown: exit 1" '[ $? -eq 1 ]'
"$BASEIMG" cves --db "$D" --fail-on high "dir:$R" >/dev/null 2>&1
check "--fail-on high: exit 0 (all unknown)" '[ $? -eq 0 ]'
check "text: summary line" 'grep -q "Vulnerabilities   0C   0H   0M   0L   0N   5?   (5 total, 5 fixable)" "$TMP/t"'
check "text: busybox tops the package list" \
	'grep -A1 "Packages with most findings" "$TMP/t" | grep -q "busybox  *1.36.1-r28"'
n=$("$BASEIMG" cves --db "$D" --format json --severity high,critical "dir:$R" |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["total"])')
check "--severity high,critical: none ($n)" '[ "$n" = 0 ]'
n=$("$BASEIMG" cves --db "$D" --format json --only-fixed "dir:$R" |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["total"])')
check "--only-fixed keeps the 5 fixable ($n)" '[ "$n" = 5 ]'
"$BASEIMG" cves --db "$D" --format sarif "dir:$R" >"$TMP/s" 2>/dev/null
check "sarif: 2.1.0 with 4 rules and 5 results" \
	'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); r=d[\"runs\"][0]; assert d[\"version\"]==\"2.1.0\" and len(r[\"tool\"][\"driver\"][\"rules\"])==4 and len(r[\"results\"])==5" "$TMP/s"'
"$BASEIMG" cves --db "$TMP/nope.db" "dir:$R" >/dev/null 2>"$TMP/err"
rc=$?
check "no database: exit 3 and says to import" '[ $rc -eq 3 ] && grep -q "baseimg db import" "$TMP/err"'
"$BASEIMG" cves --db "$D" --severity huge "dir:$R" >/dev/null 2>&1
check "bad --severity: exit 2" '[ $? -eq 2 ]'
"$BASEIMG" cves --db "$D" --format xml "dir:$R" >/dev/null 2>&1
check "bad --format: exit 2" '[ $? -eq 2 ]'
printf 'ID=arch\n' >"$R/etc/os-release"
"$BASEIMG" cves --db "$D" "dir:$R" >/dev/null 2>"$TMP/err"
rc=$?
check "unsupported distribution: exit 3 naming it" '[ $rc -eq 3 ] && grep -q "distribution .arch." "$TMP/err"'
