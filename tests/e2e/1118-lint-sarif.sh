#!/usr/bin/env bash
# --format sarif: a SARIF 2.1.0 log over several files, checked structurally.
out=$TMP/out.sarif
"$BASEIMG" lint --format sarif "$FIX/dockerfiles/lint-basic.Dockerfile" - \
	<"$FIX/dockerfiles/lint-multi.Dockerfile" >"$out" 2>"$TMP/err"
rc=$?
[ $rc = 1 ] && echo "ok - exit 1 on warnings" || echo "not ok - exit $rc, want 1"
python3 - "$out" "$FIX/dockerfiles/lint-basic.Dockerfile" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
def check(cond, what):
    print(("ok - " if cond else "not ok - ") + what)
check(log["version"] == "2.1.0", "version 2.1.0")
run = log["runs"][0]
drv = run["tool"]["driver"]
check(drv["name"] == "baseimg" and drv["version"] and drv["informationUri"], "driver name/version/informationUri")
ids = [r["id"] for r in drv["rules"]]
check(ids == ["BI%d" % n for n in range(100, 114)], "rules BI100..BI113 described")
r104 = drv["rules"][ids.index("BI104")]
check(r104["name"] == "digest-missing" and "helpUri" not in r104
      and r104["help"]["text"] == "See docs/rules/BI104.md in the baseimg sources."
      and r104["defaultConfiguration"]["level"] == "note"
      and r104["shortDescription"]["text"] and r104["fullDescription"]["text"], "rule metadata")
res = run["results"]
check(all(r["level"] in ("error", "warning", "note") for r in res), "levels")
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in res}
check(uris == {sys.argv[2], "%3Cstdin%3E"}, "uri is the file as given (a URI reference), both files")
b112 = [r for r in res if r["ruleId"] == "BI112"]
reg = b112[0]["locations"][0]["physicalLocation"]["region"] if b112 else {}
check(reg.get("startLine") == 3 and reg.get("startColumn") == 1 and reg.get("endLine") == 4,
      "region: first line of the instruction")
check(all(drv["rules"][r["ruleIndex"]]["id"] == r["ruleId"] for r in res), "ruleIndex")
check(any(r["ruleId"] == "BI107" and r["level"] == "error" for r in res), "BI107 error from stdin")
PY
grep -qE 'runtime error:|Sanitizer' "$TMP/err" && echo "not ok - sanitizer output" || echo "ok - no sanitizer output"
# A path with characters a URI cannot hold is percent-encoded (RFC 3986).
mkdir -p "$TMP/my app"
cp "$FIX/dockerfiles/lint-basic.Dockerfile" "$TMP/my app/Docker#file"
"$BASEIMG" lint --format sarif "$TMP/my app/Docker#file" >"$TMP/sp.sarif" 2>/dev/null
if grep -q '"uri": "'"$TMP"'/my%20app/Docker%23file"' "$TMP/sp.sarif" &&
	! grep -q '"uri": ".* ' "$TMP/sp.sarif"; then
	echo "ok - space and # percent-encoded in artifactLocation.uri"
else
	echo "not ok - artifactLocation.uri not percent-encoded: $(grep -m1 '"uri"' "$TMP/sp.sarif")"
fi
