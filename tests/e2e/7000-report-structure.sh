#!/usr/bin/env bash
# baseimg report over the fixture images and a hostile one: a well-formed page
# with the CSP, no URL outside <a href>, one spectrum and one layer chart per
# image, numbers equal to `inspect --format json`; escaped hostile strings;
# the same bytes twice; -o - and -o FILE agree; usage errors.
. "$SRC/tests/e2e/lib/inspect.sh"
if ! fixtures; then
	notok "mkfixtures.sh failed"
	exit 1
fi
O=$FIXDIR/oci
CHECK=$SRC/tests/e2e/lib/report_check.py

# A hostile image: markup and control bytes in created-by, a path, os-release,
# the entrypoint; a file a later layer deletes (wasted).
python3 "$SRC/tests/e2e/lib/mkoci.py" "$TMP/hostile" <<'JSON'
{"config": {"Entrypoint": ["/bin/<script>x</script>"], "User": "0"},
 "history": [{"created_by": "RUN echo '<script>alert(1)</script>' \u001b[31m & \"q\""},
             {"created_by": "RUN rm /big<b>&amp;.bin </td></tr></table>"}],
 "layers": [[["etc/os-release", "f", 420, "ID=debian\nVERSION_ID=12\nPRETTY_NAME=\"</title><script>alert(2)</script>\"\n"],
             ["big<b>&amp;.bin", "f", 420, "0123456789012345678901234567890123456789"],
             ["bad\u0007name\u00ff.txt", "f", 420, "x"]],
            [["big<b>&amp;.bin", "wh", 420, "big<b>&amp;.bin"]]]}
JSON
imgs=("$O/scratch-static" "$O/scratch-dynamic" "$O/distroless" "$O/alpine" "$O/debian" \
	"$O/layered" "$TMP/hostile")
jsons=()
for i in "${!imgs[@]}"; do
	"$BASEIMG" inspect --format json --fail-on none "${imgs[$i]}" >"$TMP/i$i.json" ||
		notok "inspect ${imgs[$i]}"
	jsons+=("$TMP/i$i.json")
done

"$BASEIMG" report --date 2026-12-03 -o "$TMP/r.html" "${imgs[@]}" 2>"$TMP/err.txt"
expect "report: exit 0" "$?" 0
expect "report: says where it wrote" "$(cat "$TMP/err.txt")" "baseimg: report written to $TMP/r.html"
problems=$(python3 "$CHECK" "$TMP/r.html" "${jsons[@]}")
expect "structure: well-formed, CSP, no external URL, charts, numbers = inspect" "$problems" ""

# The hostile strings arrive escaped, never as markup.
for bad in '<script>' '</title><script>' '<b>&amp;' '</td></tr></table>'; do
	if grep -qF -- "$bad" "$TMP/r.html"; then notok "raw '$bad' in the page"; else ok "'$bad' escaped"; fi
done
grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$TMP/r.html" && ok "created-by shown escaped" ||
	notok "created-by shown escaped"
grep -qF '/big&lt;b&gt;&amp;amp;.bin' "$TMP/r.html" && ok "wasted path listed, escaped" ||
	notok "wasted path listed, escaped"
grep -qF "$(printf '\357\277\275')" "$TMP/r.html" && ok "control bytes as U+FFFD" ||
	notok "control bytes as U+FFFD"

# Reproducible; -o - is the same page.
"$BASEIMG" report --date 2026-12-03 -o - "${imgs[@]}" >"$TMP/r2.html" 2>/dev/null
cmp -s "$TMP/r.html" "$TMP/r2.html" && ok "same bytes twice, -o - = -o FILE" ||
	notok "same bytes twice, -o - = -o FILE"
SOURCE_DATE_EPOCH=1764720000 "$BASEIMG" report -o - "${imgs[@]}" 2>/dev/null | grep -q '<time>2025-12-03</time>' &&
	ok "SOURCE_DATE_EPOCH sets the date" || notok "SOURCE_DATE_EPOCH sets the date"
size=$(wc -c <"$TMP/r.html")
[ "$size" -lt 1000000 ] && ok "seven images in $size bytes (< 1 MB)" || notok "page of $size bytes"
(cd "$TMP" && "$BASEIMG" report "$O/alpine" 2>/dev/null) && [ -s "$TMP/baseimg-report.html" ] &&
	ok "default file baseimg-report.html" || notok "default file baseimg-report.html"

# Base layers: an image whose layers start with all of another's is drawn
# as base + own.
L0='[["etc/os-release", "f", 420, "ID=alpine\nVERSION_ID=3.20.3\n"], ["bin/app", "f", 493, "x"]]'
echo "{\"layers\": [$L0]}" | python3 "$SRC/tests/e2e/lib/mkoci.py" "$TMP/base"
echo "{\"layers\": [$L0, [[\"bin/app\", \"f\", 493, \"y\"]]]}" |
	python3 "$SRC/tests/e2e/lib/mkoci.py" "$TMP/app"
"$BASEIMG" report -o "$TMP/b.html" "$TMP/app" "$TMP/base" 2>/dev/null
got=$(python3 - "$TMP/b.html" <<'PY'
import re, sys
h = open(sys.argv[1]).read()
app = h[h.index('id="img-1"'):h.index('id="img-2"')]
print(re.search(r"from the base image \((\d+) layer", app).group(1),
      len(re.findall(r'<rect class="base"', app)), len(re.findall(r'<rect class="own"', app)),
      "from the base image" in h[h.index('id="img-2"'):])
PY
)
expect "base: 1 layer of base, drawn apart; the base itself has none" "$got" "1 1 1 False"

# --dockerfile and --context.
DF=$SRC/examples/python-pandas
"$BASEIMG" report --date 2026-12-03 --dockerfile "$DF/Dockerfile" --context "$DF" -o "$TMP/d.html" \
	"$O/alpine" 2>/dev/null
expect "--dockerfile --context: exit 0" "$?" 0
grep -q 'id="lint"' "$TMP/d.html" && grep -q 'href="https://github.com/baseimg/baseimg/blob/main/docs/rules/BI' "$TMP/d.html" &&
	ok "lint findings link docs/rules/" || notok "lint findings link docs/rules/"
grep -q 'id="recommend"' "$TMP/d.html" && grep -q '<pre>FROM ' "$TMP/d.html" &&
	ok "recommend: suggested FROM" || notok "recommend: suggested FROM"
"$BASEIMG" inspect --format json "$O/alpine" >"$TMP/a.json"
expect "with --dockerfile: structure" "$(python3 "$CHECK" "$TMP/d.html" "$TMP/a.json")" ""

# With a database (from ../shared): the CVE figures are those of `cves`.
if [ -d "$SHARED/data/alpine-secdb/v3.20" ]; then
	"$BASEIMG" db --db "$TMP/v.db" import "$SHARED"/data/alpine-secdb/v3.20/*.json >/dev/null 2>&1
	"$BASEIMG" cves --db "$TMP/v.db" --format json "$O/alpine" >"$TMP/c.json"
	"$BASEIMG" report --db "$TMP/v.db" -o "$TMP/v.html" "$O/alpine" "$O/scratch-static" 2>/dev/null
	got=$(python3 - "$TMP/v.html" "$TMP/c.json" <<'PY'
import json, re, sys
h = open(sys.argv[1]).read()
s = json.load(open(sys.argv[2]))["summary"]
m = re.search(r'data-cves="(\d+)" data-fixable="(\d+)"', h)
print(int(m.group(1)) == s["total"], int(m.group(2)) == s["fixable"], "data up to" in h)
PY
)
	expect "--db: CVE counts equal cves --format json" "$got" "True True True"
else
	skip "--db" "needs ../shared"
fi

# Errors.
"$BASEIMG" report 2>/dev/null
expect "no image: exit 2" "$?" 2
"$BASEIMG" report --date '<x>' "$O/alpine" 2>/dev/null
expect "bad --date: exit 2" "$?" 2
"$BASEIMG" report -o "$TMP/x.html" "$TMP/missing" 2>/dev/null
expect "missing image: exit 3" "$?" 3
[ ! -e "$TMP/x.html" ] && ok "nothing written on error" || notok "nothing written on error"
"$BASEIMG" report --dockerfile "$TMP/none" -o "$TMP/x.html" "$O/alpine" 2>/dev/null
expect "missing Dockerfile: exit 3" "$?" 3
"$BASEIMG" report --db "$TMP/none.db" -o "$TMP/x.html" "$O/alpine" 2>/dev/null
expect "missing database: exit 3" "$?" 3
"$BASEIMG" report -o "$TMP/no/such/dir/x.html" "$O/alpine" 2>/dev/null
expect "unwritable output: exit 5" "$?" 5
exit $((n_fail > 0))
