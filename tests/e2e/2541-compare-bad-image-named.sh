#!/usr/bin/env bash
# compare over several images: a layer error (corrupt blob, ".." entry,
# wrong diff_id) names the image it came from, on one line, exit 3.
. "$SRC/tests/e2e/lib/inspect.sh"
if ! fixtures; then
	notok "mkfixtures.sh failed"
	exit 1
fi
for h in dotdot wrong-diffid truncated-gzip flipped-byte missing-blob; do
	"$BASEIMG" compare "$FIXDIR/oci/alpine" "oci:$FIXDIR/hostile/$h" >/dev/null 2>"$TMP/err"
	rc=$?
	expect "$h: exit 3" "$rc" 3
	expect "$h: one line naming the image and the layer" \
		"$(grep -c "^baseimg: $FIXDIR/hostile/$h: layer 0" "$TMP/err") $(wc -l <"$TMP/err")" "1 1"
done
exit $((n_fail > 0))
