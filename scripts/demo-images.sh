#!/bin/sh
# make demo, last part (called by scripts/demo.sh): build the project's own
# small fixture images once (scripts/mkfixtures.sh) and print the chapter's
# table, measured: `baseimg compare` over them, then one inspect card.
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
set -- "$O/scratch-static" "$O/scratch-musl" "$O/scratch-dynamic" "$O/distroless" \
	"$O/alpine" "$O/debian"
say "baseimg inspect $O/scratch-dynamic   (the dynamic binary on scratch)"
$B inspect "$O/scratch-dynamic"
echo "(exit $?: 1 = a check at or above --fail-on error)"
say "baseimg compare --format markdown   (the chapter's table, measured)"
$B compare --format markdown "$@"
say "baseimg compare"
$B compare "$@"
echo "(exit $?: 0 clean, 1 some image fails a check)"
exit 0
