#!/usr/bin/env bash
# BuildKit's parser conformance cases through `baseimg parse`: every
# testfiles/ dump byte for byte, every testfiles-negative/ fails with exit 3,
# testfile-line's line ranges, extra-heredoc's dump. Skipped without ../shared.
B=$SHARED/data/dockerfile/buildkit-parser
if [ ! -d "$B/testfiles" ]; then
	echo "ok - buildkit parser cases # SKIP needs ../shared"
	exit 0
fi
san() { grep -qE 'runtime error:|ERROR: (Address|Leak)Sanitizer' "$1"; }
for d in "$B"/testfiles/*/; do
	name=$(basename "$d")
	if "$BASEIMG" parse --format buildkit "$d/Dockerfile" >"$TMP/out" 2>"$TMP/err" &&
		cmp -s "$TMP/out" "$d/result" && ! san "$TMP/err"; then
		echo "ok - testfiles/$name"
	else
		echo "not ok - testfiles/$name"
		diff "$TMP/out" "$d/result" | head -10 | sed 's/^/# /'
	fi
done
for d in "$B"/testfiles-negative/*/; do
	name=$(basename "$d")
	"$BASEIMG" parse --format buildkit "$d/Dockerfile" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	if [ $rc = 3 ] && [ ! -s "$TMP/out" ] && [ "$(wc -l <"$TMP/err")" = 1 ] &&
		grep -q "Dockerfile:[0-9]*: " "$TMP/err" && ! san "$TMP/err"; then
		echo "ok - testfiles-negative/$name fails: $(cat "$TMP/err")"
	else
		echo "not ok - testfiles-negative/$name (exit $rc)"
	fi
done
"$BASEIMG" parse --format json "$B/testfile-line/Dockerfile" >"$TMP/out" 2>"$TMP/err"
got=$(grep -oE '"(start|end)_line": [0-9]+' "$TMP/out" | grep -oE '[0-9]+' | tr '\n' ' ')
if [ "$got" = "5 5 11 12 17 31 " ]; then
	echo "ok - testfile-line ranges 5..5 11..12 17..31"
else
	echo "not ok - testfile-line ranges: $got"
fi
if "$BASEIMG" parse --format buildkit "$B/extra-heredoc/Dockerfile" >"$TMP/out" 2>"$TMP/err" &&
	cmp -s "$TMP/out" "$B/extra-heredoc/result"; then
	echo "ok - extra-heredoc dump"
else
	echo "not ok - extra-heredoc dump"
fi
