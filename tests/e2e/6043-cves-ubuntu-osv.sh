#!/usr/bin/env bash
# An Ubuntu OSV record as osv.dev serves it: the Ubuntu:22.04:LTS range
# matches an Ubuntu 22.04 root through the dpkg Source: field, and the
# severity is Ubuntu's own priority ({"type": "Ubuntu", "score": "high"}),
# kept as the source's word, ahead of the CVSS vector beside it.
set -u
DATA=$SRC/tests/unit/vuln/data
D=$TMP/v.db
R=$TMP/root
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

mkdir -p "$R/etc" "$R/var/lib/dpkg"
printf 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID="22.04"\nVERSION_CODENAME=jammy\n' >"$R/etc/os-release"
printf 'Package: openssh-client\nStatus: install ok installed\nVersion: 1:8.9p1-3ubuntu0.6\nSource: openssh\nArchitecture: amd64\n\n' >"$R/var/lib/dpkg/status"
printf 'Package: openssh-sftp-server\nStatus: install ok installed\nVersion: 1:8.9p1-3ubuntu0.10\nSource: openssh\nArchitecture: amd64\n\n' >>"$R/var/lib/dpkg/status"

"$BASEIMG" db --db "$D" import "$DATA/osv-ubuntu.json" >"$TMP/out" 2>&1
check "import: ubuntu scope" 'grep -q "osv-ubuntu.json: osv, ubuntu .*2 rows (1 fixed, 1 unfixed" "$TMP/out"'
"$BASEIMG" cves --db "$D" --format json "dir:$R" >"$TMP/j" 2>"$TMP/err"
got=$(python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
print(d["distro"]["id"], d["distro"]["release"])
for v in d["vulnerabilities"]: print(v["id"], v["package"], v["installed"], v["fixed"], v["status"], v["severity"], v["severity_source"])' "$TMP/j")
want="ubuntu 22.04
UBUNTU-CVE-2024-6387 openssh-client 1:8.9p1-3ubuntu0.6 1:8.9p1-3ubuntu0.10 fixable high high"
check "one finding, Ubuntu's priority as the severity" '[ "$got" = "$want" ]' ||
	diff <(echo "$want") <(echo "$got") | sed 's/^/# /'
