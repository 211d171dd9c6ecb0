#!/usr/bin/env bash
# baseimg db: import detects formats, re-import replaces, a failed import
# leaves the database as it was, status reports sources/dates/counts and
# warns about old data, update fails clearly offline (exit 4).
set -u
D=$TMP/v.db
DATA=$SRC/tests/unit/vuln/data
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

export SOURCE_DATE_EPOCH=1735689600 # 2025-01-01
out=$("$BASEIMG" db --db "$D" import "$DATA/secdb-v3.20-trimmed.json" "$DATA/osv-ranges.json" \
	"$DATA/tracker-sample.json" 2>"$TMP/err")
rc=$?
check "import three formats exits 0" '[ $rc -eq 0 ]'
check "secdb detected, scope and counts" \
	'grep -q "secdb-v3.20-trimmed.json: alpine-secdb, alpine v3.20, data .*: 12 vulnerabilities, 12 rows (8 fixed, 0 unfixed, 0 wont-fix, 4 not-affected)" <<<"$out"'
check "OSV detected, date from the record" \
	'grep -q "osv-ranges.json: osv, alpine v3.20, data 2024-06-01T00:00:00Z: 1 vulnerabilities, 3 rows (2 fixed, 1 unfixed" <<<"$out"'
check "tracker detected, statuses" \
	'grep -q "tracker-sample.json: debian-tracker, debian bookworm and more, .*7 rows (2 fixed, 1 unfixed, 3 wont-fix, 1 not-affected)" <<<"$out"'

# Re-importing replaces: still three sources.
"$BASEIMG" db --db "$D" import "$DATA/secdb-v3.20-trimmed.json" >/dev/null 2>&1
n=$("$BASEIMG" db --db "$D" status --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["sources"]))')
check "re-import replaces the source (3 sources, got $n)" '[ "$n" = 3 ]'

# A broken feed: exit 3, message names the file and line; DB unchanged.
printf '{"distroversion": "v3.19", "packages": [\n{"pkg": {"name": "x", "secfixes": {"1-r0": ["CVE-1"]}}},\n' >"$TMP/broken.json"
"$BASEIMG" db --db "$D" import "$TMP/broken.json" >"$TMP/out" 2>"$TMP/err"
rc=$?
check "broken feed: exit 3" '[ $rc -eq 3 ]'
check "broken feed: message names the file and line" 'grep -q "broken.json: line 3" "$TMP/err"'
n2=$("$BASEIMG" db --db "$D" status --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["sources"]), sum(s["rows"] for s in d["sources"]))')
check "broken feed left the database as it was ($n2)" '[ "$n2" = "3 22" ]'

# Truncated bzip2 OVAL: exit 3, nothing added.
printf '<?xml version="1.0"?>\n<oval_definitions><definitions><definition id="x">' | bzip2 -c | head -c 40 >"$TMP/t.xml.bz2"
"$BASEIMG" db --db "$D" import "$TMP/t.xml.bz2" >/dev/null 2>"$TMP/err"
rc=$?
check "truncated .bz2: exit 3 ($(head -c 100 "$TMP/err"))" '[ $rc -eq 3 ] && grep -q "t.xml.bz2" "$TMP/err"'

echo 'hello' >"$TMP/what.txt"
"$BASEIMG" db --db "$D" import "$TMP/what.txt" >/dev/null 2>"$TMP/err"
rc=$?
check "unknown format: exit 3 with the list of formats" '[ $rc -eq 3 ] && grep -q "unrecognised format" "$TMP/err"'

# status: text, dates, stale warning (data from 2024-06-01, now 2025-01-01).
"$BASEIMG" db --db "$D" status >"$TMP/out" 2>"$TMP/err"
rc=$?
check "status exits 0" '[ $rc -eq 0 ]'
check "status lists the OSV source with its date" 'grep -q "osv .*osv-ranges.json .*alpine v3.20 .*data 2024-06-01" "$TMP/out"'
check "status warns about old data" 'grep -q "osv osv-ranges.json (alpine): data is 214 days old" "$TMP/err"'
"$BASEIMG" db --db "$D" status --max-age 365 >/dev/null 2>"$TMP/err"
check "--max-age 365: no warning for the OSV record" '! grep -q "osv-ranges" "$TMP/err"'

# update: offline.
"$BASEIMG" db --db "$D" update >/dev/null 2>"$TMP/err"
rc=$?
check "update fails with exit 4 and names the feeds" '[ $rc -eq 4 ] && grep -q "secdb.alpinelinux.org" "$TMP/err"'

# Missing database.
"$BASEIMG" db --db "$TMP/none/x.db" status >/dev/null 2>"$TMP/err"
rc=$?
check "status of a missing database: exit 3, says how to fill it" \
	'[ $rc -eq 3 ] && grep -q "no vulnerability database at .*none/x.db" "$TMP/err"'
BASEIMG_DB=$TMP/env.db "$BASEIMG" db import "$DATA/osv-ranges.json" >/dev/null 2>&1
check "BASEIMG_DB picks the database" '[ -s "$TMP/env.db" ]'
XDG_CACHE_HOME=$TMP/xdg BASEIMG_DB= "$BASEIMG" db import "$DATA/osv-ranges.json" >/dev/null 2>&1
check "default path under XDG_CACHE_HOME" '[ -s "$TMP/xdg/baseimg/vuln.db" ]'
"$BASEIMG" db frob >/dev/null 2>&1
check "unknown subcommand: exit 2" '[ $? -eq 2 ]'

# OSV all.zip: deflated and stored members, a non-record member ignored; a
# flipped byte in one member's data is caught by its CRC and that record skipped.
python3 - "$DATA" "$TMP" <<'PY'
import sys, zipfile
data, tmp = sys.argv[1], sys.argv[2]
rec = open(data + "/osv-ranges.json").read()
with zipfile.ZipFile(tmp + "/all.zip", "w") as z:
    z.writestr("TEST-2024-0001.json", rec, compress_type=zipfile.ZIP_DEFLATED)
    z.writestr("TEST-2024-0002.json", rec.replace("TEST-2024-0001", "TEST-2024-0002"),
               compress_type=zipfile.ZIP_STORED)
    z.writestr("README.txt", "not a record")
d = bytearray(open(tmp + "/all.zip", "rb").read())
d[60] ^= 0xFF  # inside the first member's deflate data
open(tmp + "/flipped.zip", "wb").write(d)
PY
out=$("$BASEIMG" db --db "$TMP/z.db" import "$TMP/all.zip" 2>&1)
check "OSV all.zip: both records imported" 'grep -q "all.zip: osv, alpine v3.20, .*: 2 vulnerabilities, 6 rows" <<<"$out"'
out=$("$BASEIMG" db --db "$TMP/z.db" import "$TMP/flipped.zip" 2>&1)
check "OSV all.zip with a damaged member: that record skipped with a warning" \
	'grep -q "1 vulnerabilities, 3 rows" <<<"$out" && grep -q "flipped.zip: 1 damaged or unsupported records skipped" <<<"$out"'
