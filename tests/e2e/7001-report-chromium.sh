#!/usr/bin/env bash
# The report in a real browser (Debian's chromium, headless): the pages of the
# fixture images and of the mkimages test images render, at desktop and phone
# width, to screenshots that are not blank (kept in BUILD/report-screens/ for a
# person to look at), with no console message (a CSP violation is one) and no
# request leaving the file -- also with the CSP taken out, so that the page
# itself, not only its policy, asks for nothing.
. "$SRC/tests/e2e/lib/inspect.sh"
if ! command -v chromium >/dev/null; then
	notok "chromium is not installed (scripts/install-deps.sh installs it)"
	exit 1
fi
if ! fixtures; then
	notok "mkfixtures.sh failed"
	exit 1
fi
O=$FIXDIR/oci
IMAGES=${BI_IMAGES:-/var/tmp/baseimg-images}
SHOTS=$(cd "$(dirname "$BASEIMG")" && pwd)/report-screens
mkdir -p "$SHOTS"

# render HTML PNG WIDTH HEIGHT: screenshot, console log and net log beside the PNG.
render() {
	local prof
	prof=$(mktemp -d "$TMP/chromium.XXXXXX")
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--disable-default-apps --user-data-dir="$prof" --hide-scrollbars \
		--host-resolver-rules="MAP * ~NOTFOUND" --enable-logging=stderr --v=0 \
		--log-net-log="$2.net.json" --window-size="$3,$4" --screenshot="$2" \
		"file://$1" >/dev/null 2>"$2.log"
	rm -rf "$prof"
}

# URLs the page asked for: any request in the net log that is neither the
# file itself nor Chromium's own background services (update, time, accounts).
leaks() {
	grep -o '"url":"[^"]*"' "$1" | sort -u | grep -v '"url":"file://' |
		grep -vE '"url":"https?://([a-z0-9.-]+\.)?(google\.com|googleapis\.com|gstatic\.com)/' || true
}

# check NAME HTML: desktop and phone screenshots, console, requests.
check() {
	local name=$1 html=$2 w h
	for size in 1280x2000 390x2400; do
		w=${size%x*} h=${size#*x}
		render "$html" "$SHOTS/$name-$w.png" "$w" "$h"
		if [ ! -s "$SHOTS/$name-$w.png" ]; then
			notok "$name at $w px: no screenshot ($(tail -1 "$SHOTS/$name-$w.png.log"))"
			continue
		fi
		stat=$(python3 "$SRC/tests/e2e/lib/png_check.py" "$SHOTS/$name-$w.png" "$w" "$h") &&
			ok "$name at $w px: rendered ($stat)" || notok "$name at $w px: blank ($stat)"
		msgs=$(grep -F ':CONSOLE' "$SHOTS/$name-$w.png.log")
		expect "$name at $w px: no console message" "$msgs" ""
		expect "$name at $w px: no request leaves the file" "$(leaks "$SHOTS/$name-$w.png.net.json")" ""
	done
	sed 's/<meta http-equiv="Content-Security-Policy"[^>]*>//' "$html" >"$TMP/nocsp.html"
	render "$TMP/nocsp.html" "$TMP/nocsp.png" 1280 2000
	expect "$name without its CSP: still no request" "$(leaks "$TMP/nocsp.png.net.json")" ""
}

# The detector detects: a page that loads an image and runs a script.
printf '<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src %s">%s' \
	"'none'" '<img src="http://example.com/x.png"><script>1</script><p>x' >"$TMP/bad.html"
render "$TMP/bad.html" "$TMP/bad.png" 400 300
grep -qF ':CONSOLE' "$TMP/bad.png.log" && ok "self-check: a CSP violation is a console message" ||
	notok "self-check: a CSP violation is a console message"
sed 's/<meta[^>]*>//' "$TMP/bad.html" >"$TMP/bad2.html"
render "$TMP/bad2.html" "$TMP/bad2.png" 400 300
[ -n "$(leaks "$TMP/bad2.png.net.json")" ] && ok "self-check: a request shows in the net log" ||
	notok "self-check: a request shows in the net log"

"$BASEIMG" report --date 2026-12-03 -o "$SHOTS/fixtures.html" --dockerfile \
	"$SRC/examples/python-pandas/Dockerfile" --context "$SRC/examples/python-pandas" \
	"$O/scratch-static" "$O/scratch-dynamic" "$O/distroless" "$O/alpine" "$O/debian" "$O/layered" \
	2>/dev/null || notok "report over the fixtures"
check fixtures "$SHOTS/fixtures.html"

names=()
for n in scratch-static distroless distroless-debug alpine slim full; do
	[ -f "$IMAGES/oci/$n/index.json" ] && names+=("$IMAGES/oci/$n")
done
if [ "${#names[@]}" -eq 0 ]; then
	if [ -d "$SHARED/data" ]; then
		notok "mkimages images not built (scripts/mkimages-cache.sh)"
	else
		skip "mkimages images" "needs ../shared"
	fi
else
	DB=()
	if [ -d "$SHARED/data/alpine-secdb/v3.20" ] && [ -f "$SHARED/data/debian-oval/oval-definitions-bookworm.xml.bz2" ]; then
		"$BASEIMG" db --db "$TMP/v.db" import "$SHARED"/data/alpine-secdb/v3.20/*.json \
			"$SHARED/data/debian-oval/oval-definitions-bookworm.xml.bz2" >/dev/null 2>&1 &&
			DB=(--db "$TMP/v.db")
	fi
	"$BASEIMG" report --date 2026-12-03 "${DB[@]}" -o "$SHOTS/images.html" "${names[@]}" 2>/dev/null ||
		notok "report over the mkimages images"
	size=$(wc -c <"$SHOTS/images.html")
	[ "$size" -lt 1000000 ] && ok "${#names[@]} images, database: $size bytes (< 1 MB)" ||
		notok "${#names[@]} images: $size bytes"
	check images "$SHOTS/images.html"
fi
echo "# screenshots: $SHOTS"
exit $((n_fail > 0))
