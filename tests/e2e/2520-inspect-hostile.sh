#!/usr/bin/env bash
# The hostile fixtures: each fails with exit 3 and a one-line error naming
# what is wrong (or works, for the cases the reader tolerates by design), in
# both inspect and compare; never a crash or a hang.
. "$SRC/tests/e2e/lib/inspect.sh"
if ! fixtures; then
	notok "mkfixtures.sh failed"
	exit 1
fi
H=$FIXDIR/hostile
while read -r name want_rc want_err; do
	[ -e "$H/$name" ] || { notok "$name: fixture absent (scripts/mkfixtures.sh)"; continue; }
	timeout 60 "$BASEIMG" inspect "$H/$name" >/dev/null 2>"$TMP/err"
	rc=$?
	expect "inspect $name: exit" "$rc" "$want_rc"
	if [ "$want_rc" = 3 ]; then
		lines=$(wc -l <"$TMP/err")
		expect "inspect $name: one line on stderr" "$lines" 1
		grep -qiF -- "$want_err" "$TMP/err" && ok "inspect $name: says '$want_err'" ||
			notok "inspect $name: says '$want_err' (got: $(head -c 200 "$TMP/err"))"
	fi
	timeout 60 "$BASEIMG" compare "$FIXDIR/oci/alpine" "$H/$name" >/dev/null 2>&1
	expect "compare alpine $name: exit" "$?" "$want_rc"
done <<'LIST'
flipped-byte 3 digest
wrong-diffid 3 diff_id
truncated-gzip 3 truncated
dotdot 3 ..
bomb-gzip 3 decompression bomb
bomb-zstd 3 decompression bomb
bad-json 3 manifest
bad-mediatype 3 media type
missing-blob 3 missing
abspath 0 -
symlink-escape 0 -
sha512 0 -
LIST
exit 0
