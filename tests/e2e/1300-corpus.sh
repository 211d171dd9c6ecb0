#!/usr/bin/env bash
# Lint every file of the shared corpus in one invocation: exit 0 or 1 (never a
# crash, a hang or an input error), no sanitizer output, and the same result
# in every output format.
dir=$SHARED/data/dockerfile/corpus
if [ ! -d "$dir" ]; then
	echo "ok - corpus # SKIP needs ../shared"
	exit 0
fi
shopt -s nullglob
files=("$dir"/*.Dockerfile)
[ ${#files[@]} -gt 100 ] && echo "ok - ${#files[@]} corpus files" || echo "not ok - only ${#files[@]} files"
for fmt in human json sarif; do
	timeout 300 "$BASEIMG" lint --format $fmt "${files[@]}" >"$TMP/out.$fmt" 2>"$TMP/err.$fmt"
	rc=$?
	case $rc in
	0|1) echo "ok - $fmt: exit $rc" ;;
	*) echo "not ok - $fmt: exit $rc"; head -5 "$TMP/err.$fmt" | sed 's/^/# /' ;;
	esac
	if grep -qE 'runtime error:|Sanitizer|^baseimg:' "$TMP/err.$fmt"; then
		echo "not ok - $fmt: stderr output"
		head -5 "$TMP/err.$fmt" | sed 's/^/# /'
	else
		echo "ok - $fmt: stderr empty"
	fi
done
n_human=$(wc -l <"$TMP/out.human")
n_json=$(grep -c '"rule": "BI' "$TMP/out.json")
[ "$n_human" = "$n_json" ] && [ "$n_human" -gt 0 ] && echo "ok - $n_human findings in human and json" ||
	echo "not ok - human $n_human vs json $n_json findings"
