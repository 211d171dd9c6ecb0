#!/usr/bin/env bash
# A truncated archive on standard input (or as a file): exit 3, one line
# naming the member cut short and the byte where the data stops. A
# compressed archive (docker save | gzip) says how to decompress it.
. "$SRC/tests/e2e/lib/inspect.sh"
if ! fixtures; then
	notok "mkfixtures.sh failed"
	exit 1
fi
f=$FIXDIR/oci-archive/alpine.tar
size=$(stat -c %s "$f")
cut=$((size / 2))
head -c $cut "$f" | "$BASEIMG" inspect - >/dev/null 2>"$TMP/err"
expect "cut in the middle of a blob: exit 3" "$?" 3
expect "... names the member and where it stops" \
	"$(grep -cE "^baseimg: <stdin>: member \"blobs/sha256/[0-9a-f]{64}\" \([0-9]+ bytes at byte [0-9]+\) is cut short at byte $cut \(truncated archive\)$" "$TMP/err") $(wc -l <"$TMP/err")" "1 1"
# cut right after a whole member: no end marker
end=$(python3 - "$f" <<'PY'
import sys, tarfile
with tarfile.open(sys.argv[1]) as t:
    m = t.getmembers()[1]
    print(m.offset_data + ((m.size + 511) // 512) * 512)
PY
)
head -c "$end" "$f" >"$TMP/cut.tar"
"$BASEIMG" inspect "$TMP/cut.tar" >/dev/null 2>"$TMP/err"
expect "cut between members: exit 3" "$?" 3
expect "... says the end marker is missing" \
	"$(grep -c "^baseimg: $TMP/cut.tar: tar archive ends at byte $end without its end marker (truncated archive)$" "$TMP/err")" 1
gzip -c "$f" | "$BASEIMG" inspect - >/dev/null 2>"$TMP/err"
expect "docker save | gzip on stdin: exit 3" "$?" 3
expect "... names gzip and how to decompress" \
	"$(grep -c '^baseimg: <stdin>: a gzip-compressed file, not a tar archive: decompress it first (gzip -dc FILE | baseimg inspect -)$' "$TMP/err")" 1
exit $((n_fail > 0))
