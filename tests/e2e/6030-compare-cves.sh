#!/usr/bin/env bash
# compare's CVE column with a database: the finding count of `baseimg cves`
# (and how many are fixable), "0" for an image without packages, "n/a" when
# the database has no data for the image's release; the package count
# without a database; a --db that cannot be opened is exit 3.
. "$SRC/tests/e2e/lib/inspect.sh"
if ! fixtures; then
	notok "mkfixtures.sh failed"
	exit 1
fi
O=$FIXDIR/oci
export XDG_CACHE_HOME=$TMP/cache
unset BASEIMG_DB

# A feed written here: busybox 1.36.1-r29 (the fixture's) is fixed in r30 for
# two ids, r29 fixed one earlier id, "0" is never affected.
cat >"$TMP/secdb.json" <<'JSON'
{"distroversion": "v3.20", "reponame": "main", "archs": ["x86_64"],
 "packages": [{"pkg": {"name": "busybox", "secfixes": {
   "0": ["CVE-2021-42373"], "1.36.1-r29": ["CVE-2023-42364"],
   "1.36.1-r30": ["CVE-2099-0001", "CVE-2099-0002"]}}}]}
JSON
"$BASEIMG" db --db "$TMP/v.db" import "$TMP/secdb.json" >/dev/null 2>"$TMP/err"
expect "import the feed" "$?" 0

imgs=("$O/scratch-static" "$O/alpine" "$O/debian")
"$BASEIMG" compare --db "$TMP/v.db" --format json "${imgs[@]}" >"$TMP/c.json" 2>"$TMP/err"
expect "json: exit 1 (debian fails BI201)" "$?" 1
got=$(python3 - "$TMP/c.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1])):
    c = r["cve_surface"]
    print(r["reference"].rsplit("/", 1)[1], c["packages"], c["vulnerabilities"],
          c.get("fixable"), c["note"] is not None)
PY
)
want="scratch-static 0 0 0 True
alpine 3 2 2 False
debian 3 None None True"
expect "json cve_surface per image" "$got" "$want"
note=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[2]["cve_surface"]["note"])' "$TMP/c.json")
case $note in
"the database has no data for debian "*) ok "debian: the note says why ($note)" ;;
*) notok "debian note: $note" ;;
esac

"$BASEIMG" compare --db "$TMP/v.db" --format markdown "${imgs[@]}" >"$TMP/c.md"
grep -q '^| alpine | .* | 2 (2 fixable) | - |$' "$TMP/c.md" && ok "markdown: alpine 2 (2 fixable)" ||
	notok "markdown alpine row: $(grep '^| alpine' "$TMP/c.md")"
grep -q '^| debian | .* | n/a (3 pkgs) | BI201 |$' "$TMP/c.md" && ok "markdown: debian n/a" ||
	notok "markdown debian row: $(grep '^| debian' "$TMP/c.md")"
grep -q '^| scratch-static | .* | 0 | - |$' "$TMP/c.md" && ok "markdown: scratch 0" ||
	notok "markdown scratch row: $(grep '^| scratch-static' "$TMP/c.md")"

# The same count as `baseimg cves`.
n=$("$BASEIMG" cves --db "$TMP/v.db" --format json "$O/alpine" |
	python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["total"])')
expect "cves agrees: 2 findings" "$n" 2

# The default database is used when it exists (BASEIMG_DB here).
BASEIMG_DB=$TMP/v.db "$BASEIMG" compare --format markdown "$O/alpine" >"$TMP/d.md"
grep -q '| 2 (2 fixable) |' "$TMP/d.md" && ok "BASEIMG_DB: measured" || notok "BASEIMG_DB: $(tail -1 "$TMP/d.md")"
# No database anywhere: the package count, no warning.
"$BASEIMG" compare --format markdown "$O/alpine" >"$TMP/n.md" 2>"$TMP/err"
grep -q '| 3 pkgs |' "$TMP/n.md" && [ ! -s "$TMP/err" ] && ok "no database: package count, quiet" ||
	notok "no database: $(tail -1 "$TMP/n.md") / $(cat "$TMP/err")"
# An explicit --db that is missing: exit 3, named.
"$BASEIMG" compare --db "$TMP/none.db" "$O/alpine" >/dev/null 2>"$TMP/err"
rc=$?
[ $rc -eq 3 ] && grep -q "none.db" "$TMP/err" && ok "--db missing: exit 3" || notok "--db missing: exit $rc: $(cat "$TMP/err")"
# A broken default database: a warning, then package counts.
echo "not sqlite" >"$TMP/broken.db"
BASEIMG_DB=$TMP/broken.db "$BASEIMG" compare --format markdown "$O/alpine" >"$TMP/b.md" 2>"$TMP/err"
rc=$?
[ $rc -eq 0 ] && grep -q '| 3 pkgs |' "$TMP/b.md" && grep -q "broken.db" "$TMP/err" &&
	ok "broken default database: warning, package counts" || notok "broken default: exit $rc: $(cat "$TMP/err")"
exit 0
