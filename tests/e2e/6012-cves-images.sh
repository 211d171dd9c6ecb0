#!/usr/bin/env bash
# baseimg cves on real images against the real feeds in ../shared, checked
# finding for finding (id, package, status) against an independent Python
# evaluation of the same feeds (tests/e2e/lib/vuln_oracle.py). The images
# come from ../shared/tools/mkimages (BI_IMAGES, default /var/tmp/baseimg-images);
# the Alpine minirootfs from ../shared/data/rootfs is used directly.
set -u
ORACLE=$SRC/tests/e2e/lib/vuln_oracle.py
S=$SHARED/data
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
skip() { echo "ok - $1 # SKIP $2"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

if [ ! -d "$S/alpine-secdb" ]; then
	skip "cves on real images" "needs ../shared"
	exit 0
fi

findings() { # IMAGE DB -> "ID PACKAGE STATUS" lines
	"$BASEIMG" cves --db "$2" --format json "$1" |
		python3 -c 'import json,sys
for v in json.load(sys.stdin)["vulnerabilities"]: print(v["id"], v["package"], v["status"])' | sort
}

compare() { # NAME IMAGE DB KIND FEEDS...
	local name=$1 img=$2 db=$3 kind=$4
	shift 4
	"$BASEIMG" inspect --format json "$img" >"$TMP/pkgs.json" 2>/dev/null || {
		nok "$name: inspect $img"
		return
	}
	python3 "$ORACLE" "$kind" "$TMP/pkgs.json" "$@" >"$TMP/oracle" || {
		nok "$name: oracle"
		return
	}
	findings "$img" "$db" >"$TMP/ours"
	n=$(wc -l <"$TMP/ours")
	if cmp -s "$TMP/oracle" "$TMP/ours"; then
		ok "$name: $n findings, identical to the independent evaluation"
	else
		nok "$name: differs from the independent evaluation (< oracle, > baseimg)"
		diff "$TMP/oracle" "$TMP/ours" | head -20 | sed 's/^/# /'
	fi
}

# Alpine 3.20.3 minirootfs (shared) with the v3.20 secdb.
A=$TMP/adb.db
"$BASEIMG" db --db "$A" import "$S/alpine-secdb/v3.20/main.json" "$S/alpine-secdb/v3.20/community.json" >/dev/null
mkdir -p "$TMP/alpine-root"
tar -xzf "$S/rootfs/alpine-minirootfs-3.20.3-x86_64.tar.gz" -C "$TMP/alpine-root" 2>/dev/null
compare "alpine minirootfs 3.20.3 vs secdb v3.20" "dir:$TMP/alpine-root" "$A" secdb \
	"$S/alpine-secdb/v3.20/main.json" "$S/alpine-secdb/v3.20/community.json"
got=$(findings "dir:$TMP/alpine-root" "$A" | tr '\n' ' ')
check "alpine: CVE-2024-9143 in libcrypto3 and libssl3, nothing else ($got)" \
	'[ "$got" = "CVE-2024-9143 libcrypto3 fixable CVE-2024-9143 libssl3 fixable " ]'

# Built by `make check` (scripts/mkimages-cache.sh); missing images fail.
if ! IMAGES=$(SHARED=$SHARED "$SRC/scripts/mkimages-cache.sh" --check 2>&1); then
	nok "Debian images vs the bookworm OVAL: $IMAGES"
	exit 1
fi
O=$TMP/odb.db
"$BASEIMG" db --db "$O" import "$S/debian-oval/oval-definitions-bookworm.xml.bz2" >/dev/null
compare "alpine image vs secdb v3.20" "oci:$IMAGES/oci/alpine" "$A" secdb \
	"$S/alpine-secdb/v3.20/main.json" "$S/alpine-secdb/v3.20/community.json"
compare "debian full image vs bookworm OVAL" "oci:$IMAGES/oci/full" "$O" oval \
	"$S/debian-oval/oval-definitions-bookworm.xml.bz2"

# A Debian root with every source package the OVAL names, each at the middle
# one of its fixed versions (boundaries, epochs, ~ and + all get exercised).
python3 - "$O" "$TMP/deb-root" <<'PY'
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
root = sys.argv[2]
rows = {}
for pkg, fixed in db.execute("SELECT package, fixed FROM affected WHERE fixed IS NOT NULL"):
    rows.setdefault(pkg, set()).add(fixed)
os.makedirs(root + "/etc")
os.makedirs(root + "/var/lib/dpkg")
open(root + "/etc/os-release", "w").write("ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n")
import functools, subprocess
with open(root + "/var/lib/dpkg/status", "w") as f:
    for pkg in sorted(rows):
        vs = sorted(rows[pkg])
        v = vs[len(vs) // 2]
        f.write("Package: bin-%s\nStatus: install ok installed\nArchitecture: amd64\n"
                "Source: %s\nVersion: %s\nMaintainer: t\nDescription: t\n\n" % (pkg, pkg, v))
PY
compare "debian root with every OVAL source package vs bookworm OVAL" "dir:$TMP/deb-root" "$O" oval \
	"$S/debian-oval/oval-definitions-bookworm.xml.bz2"

# --base: distroless-debug is distroless plus one layer.
"$BASEIMG" cves --db "$O" --format json "oci:$IMAGES/oci/distroless" >"$TMP/base.json"
"$BASEIMG" cves --db "$O" --format json --base "oci:$IMAGES/oci/distroless" \
	"oci:$IMAGES/oci/distroless-debug" >"$TMP/split.json"
check "--base distroless: the base's findings are counted as base, the debug layer's as own" \
	'python3 - "$TMP/base.json" "$TMP/split.json" <<PY
import json, sys
b = json.load(open(sys.argv[1])); s = json.load(open(sys.argv[2]))
assert s["base"]["layers"] == 9, s["base"]
assert s["base"]["findings"] == b["summary"]["total"], (s["base"], b["summary"])
own = [v for v in s["vulnerabilities"] if not v["in_base"]]
assert len(own) == s["base"]["own_findings"]
assert all(v["layer"] >= 9 for v in own)
PY'
