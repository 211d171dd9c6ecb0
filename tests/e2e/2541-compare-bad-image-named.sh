#!/usr/bin/env bash
# compare over several images: a layer error (corrupt blob, ".." entry,
# wrong diff_id) or a config over its cap names the image it came from, on
# one line, exit 3.
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
python3 -c 'import json; print(json.dumps({"config": {"Env": ["E%d=%s" % (i, "v" * 100) for i in range(90000)]}, "layers": [[["x", "f", 420, "x"]]]}))' |
	python3 "$SRC/tests/e2e/lib/mkoci.py" "$TMP/bigcfg"
"$BASEIMG" compare "$FIXDIR/oci/alpine" "oci:$TMP/bigcfg" >/dev/null 2>"$TMP/err"
expect "config over the cap: exit 3" "$?" 3
expect "config over the cap: the image is named" \
	"$(grep -c "^baseimg: $TMP/bigcfg: config sha256:.*more than the cap" "$TMP/err")" 1
exit $((n_fail > 0))
