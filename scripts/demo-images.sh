#!/bin/sh
# make demo, last part (called by scripts/demo.sh): build the project's own
# small fixture images once (scripts/mkfixtures.sh) and print the chapter's
# table, measured: `baseimg compare` over them (with a CVE column from a
# small database when ../shared is there), then one inspect card.
set -u
cd "$(dirname "$0")/.."
B=${BASEIMG:-build/baseimg}
FIX=${BI_FIXTURES:-build/fixtures}
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

if ! scripts/mkfixtures.sh "$FIX" >"$FIX.log" 2>&1; then
	echo "demo-images: scripts/mkfixtures.sh failed (see $FIX.log)" >&2
	exit 0
fi
O=$FIX/oci
# With the shared data folder, a small vulnerability database (Alpine v3.20
# secdb, Debian bookworm OVAL; a few seconds, once) measures the CVE column.
DATA=${BI_SHARED:-../shared}/data
DB=$FIX/demo-vuln.db
CVE_DB=
if [ -f "$DB" ]; then
	CVE_DB="--db $DB"
elif [ -d "$DATA/alpine-secdb/v3.20" ] && [ -f "$DATA/debian-oval/oval-definitions-bookworm.xml.bz2" ]; then
	say "baseimg db import   (Alpine v3.20 secdb, Debian bookworm OVAL from $DATA)"
	if $B db --db "$DB.tmp" import "$DATA"/alpine-secdb/v3.20/*.json \
		"$DATA/debian-oval/oval-definitions-bookworm.xml.bz2" && mv "$DB.tmp" "$DB"; then
		CVE_DB="--db $DB"
	else
		rm -f "$DB.tmp"
	fi
fi
set -- "$O/scratch-static" "$O/scratch-musl" "$O/scratch-dynamic" "$O/distroless" \
	"$O/alpine" "$O/debian"
say "baseimg inspect $O/scratch-dynamic   (the dynamic binary on scratch)"
$B inspect "$O/scratch-dynamic"
echo "(exit $?: 1 = a check at or above --fail-on error)"
say "baseimg compare --format markdown   (the chapter's table, measured)"
$B compare $CVE_DB --format markdown "$@"
say "baseimg compare"
$B compare $CVE_DB "$@"
echo "(exit $?: 0 clean, 1 some image fails a check)"
say "baseimg report   (the same images as one HTML page)"
REPORT=$(cd "$(dirname "$B")" && pwd)/demo-report.html
if $B report $CVE_DB --dockerfile examples/python-pandas/Dockerfile \
	--context examples/python-pandas -o "$REPORT" "$@"; then
	echo "open $REPORT"
fi
exit 0
