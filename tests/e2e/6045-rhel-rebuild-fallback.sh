#!/usr/bin/env bash
# A Rocky Linux root with only Red Hat rows in the database: cves and the
# compare CVE column both read the RHEL rows (a RHEL rebuild's fallback),
# rather than cves measuring it and compare saying "no data for rocky 9".
set -u
D=$TMP/v.db
R=$TMP/rocky
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

mkdir -p "$R/etc" "$R/var/lib/rpm"
printf 'NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.4"\n' >"$R/etc/os-release"
python3 - "$R/var/lib/rpm/rpmdb.sqlite" <<'PY'
import sqlite3, struct, sys
def header(name, ver, rel, arch, srpm, epoch):
    idx, data = [], bytearray()
    def s(tag, v):
        idx.append((tag, 6, len(data), 1)); data.extend(v.encode() + b"\0")
    s(1000, name); s(1001, ver); s(1002, rel); s(1022, arch); s(1044, srpm)
    while len(data) % 4: data.append(0)
    idx.append((1003, 4, len(data), 1)); data.extend(struct.pack(">I", epoch))
    out = struct.pack(">II", len(idx), len(data))
    for t in idx: out += struct.pack(">IIII", *t)
    return out + bytes(data)
db = sqlite3.connect(sys.argv[1])
db.execute("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)")
db.execute("INSERT INTO Packages (blob) VALUES (?)",
           (header("openssl-libs", "3.0.1", "43.el9_0", "x86_64", "openssl-3.0.1-43.el9_0.src.rpm", 1),))
db.commit()
PY
cat >"$TMP/rhsa.json" <<'JSON'
{"id": "RHSA-2024:0001", "modified": "2024-06-01T00:00:00Z",
 "affected": [{"package": {"ecosystem": "Red Hat:enterprise_linux:9::baseos", "name": "openssl-libs"},
   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1:3.0.7-27.el9"}]}],
   "ecosystem_specific": {"severity": "Important"}}]}
JSON
"$BASEIMG" db --db "$D" import "$TMP/rhsa.json" >/dev/null 2>&1 || nok "import"
n=$("$BASEIMG" cves --db "$D" --format json "dir:$R" 2>/dev/null |
	python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["summary"]["high"], d["summary"]["fixable"])')
check "cves: the RHEL row applies to Rocky ($n)" '[ "$n" = "1 1" ]'
"$BASEIMG" compare --db "$D" --format json "dir:$R" >"$TMP/c" 2>/dev/null
got=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))[0]["cve_surface"]; print(c["vulnerabilities"], c["high"], c["note"])' "$TMP/c" 2>&1)
check "compare: measured from the RHEL rows ($got)" '[ "$got" = "1 1 None" ]'
