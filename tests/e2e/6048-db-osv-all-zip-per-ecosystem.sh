#!/usr/bin/env bash
# osv.dev names every ecosystem's export all.zip (Alpine/all.zip,
# Debian/all.zip): importing Debian's must not replace Alpine's. Importing
# the same ecosystem's zip again still replaces it.
set -u
S=$SHARED/data/osv
D=$TMP/v.db
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }
skip() { echo "ok - $1 # SKIP $2"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
if [ ! -d "$S" ]; then
	skip "two all.zip" "needs ../shared"
	exit 0
fi
mkdir -p "$TMP/Alpine" "$TMP/Debian"
python3 - "$S" "$TMP" <<'PY'
import glob, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
for eco, d in (("Alpine", "alpine"), ("Debian", "debian")):
    with zipfile.ZipFile("%s/%s/all.zip" % (out, eco), "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(glob.glob("%s/%s/*.json" % (src, d))):
            z.write(f, f.rsplit("/", 1)[1])
PY
"$BASEIMG" db --db "$D" import "$TMP/Alpine/all.zip" "$TMP/Debian/all.zip" >/dev/null 2>&1 ||
	nok "import both"
n() { "$BASEIMG" db --db "$D" status --format json 2>/dev/null |
	python3 -c 'import json,sys; s=json.load(sys.stdin)["sources"]; print(len(s), sum(x["rows"] for x in s))'; }
got=$(n)
check "two sources, Alpine's 10 rows and Debian's 3 ($got)" '[ "$got" = "2 13" ]'
"$BASEIMG" db --db "$D" import "$TMP/Alpine/all.zip" >/dev/null 2>&1
got=$(n)
check "re-importing Alpine's all.zip replaces it ($got)" '[ "$got" = "2 13" ]'
