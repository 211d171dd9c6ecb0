#!/usr/bin/env bash
# Judging set for `baseimg lint` (issue 2, section 4): every Dockerfile under
# tests/fixtures/dockerfiles/lintrev/ has a sidecar .expect file with the findings
# the issue's rules call for, one "LINE RULE [SEVERITY]" per line, written from the
# issue text (not from the tool's output). An optional .args file holds extra lint
# options (--target, --build-arg). A .baseimg.yaml in a sub-folder configures the
# Dockerfile there. Each file is one TAP line: the set of (line, rule) must match
# exactly (and the severity, where given). The last line reports the precision and
# recall over all files, as the issue's "Done means" measures them.
set -u
dir=$FIX/dockerfiles/lintrev
command -v jq >/dev/null || {
	echo "not ok - lintrev judging set: jq missing (scripts/install-deps.sh installs it)"
	exit 1
}
tp=0 fp=0 fn=0 nfiles=0
while IFS= read -r df; do
	case $df in
	*.Dockerfile) base=${df%.Dockerfile} ;;
	*) base=$df ;;
	esac
	name=${df#"$dir"/}
	nfiles=$((nfiles + 1))
	args=()
	[ -f "$base.args" ] && read -r -a args <"$base.args"
	out=$("$BASEIMG" lint --format json "${args[@]}" "$df" 2>"$TMP/err")
	rc=$?
	if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
		echo "not ok - $name: exit $rc: $(head -c 300 "$TMP/err")"
		fn=$((fn + $(grep -c . "$base.expect")))
		continue
	fi
	got=$(jq -r '.[] | "\(.line) \(.rule) \(.severity)"' <<<"$out" | sort -u)
	want=$(sort -u "$base.expect")
	got2=$(cut -d' ' -f1,2 <<<"$got" | grep . | sort -u)
	want2=$(cut -d' ' -f1,2 <<<"$want" | grep . | sort -u)
	t=$(comm -12 <(echo "$got2") <(echo "$want2") | grep -c .)
	p=$(comm -23 <(echo "$got2") <(echo "$want2") | grep -c .)
	m=$(comm -13 <(echo "$got2") <(echo "$want2") | grep -c .)
	tp=$((tp + t)) fp=$((fp + p)) fn=$((fn + m))
	bad=""
	[ "$p" -gt 0 ] && bad+=" unexpected: $(comm -23 <(echo "$got2") <(echo "$want2") | paste -sd, -);"
	[ "$m" -gt 0 ] && bad+=" missing: $(comm -13 <(echo "$got2") <(echo "$want2") | paste -sd, -);"
	while read -r l r s; do # severities given in the .expect file
		[ -n "${s:-}" ] || continue
		grep -qx "$l $r $s" <<<"$got" || bad+=" $l $r not $s;"
	done <<<"$want"
	if [ -z "$bad" ]; then
		echo "ok - $name"
	else
		echo "not ok - $name:$bad"
	fi
done < <(find "$dir" \( -name '*.Dockerfile' -o -name Dockerfile \) | LC_ALL=C sort)
prec=$(awk -v a=$tp -v b=$fp 'BEGIN { printf "%.3f", (a + b) ? a / (a + b) : 1 }')
rec=$(awk -v a=$tp -v b=$fn 'BEGIN { printf "%.3f", (a + b) ? a / (a + b) : 1 }')
summary="$nfiles files, TP $tp FP $fp FN $fn, precision $prec recall $rec"
if awk -v p="$prec" -v r="$rec" 'BEGIN { exit !(p >= 0.95 && r >= 0.95) }'; then
	echo "ok - lintrev: $summary"
else
	echo "not ok - lintrev: $summary"
fi
