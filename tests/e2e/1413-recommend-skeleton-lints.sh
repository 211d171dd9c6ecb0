#!/usr/bin/env bash
# The skeleton `recommend --format dockerfile` writes must lint clean with
# `baseimg lint` apart from BI104 (digests are the user's to add), for every
# project fixture and example, with and without --need-shell and --debug.
set -u
for d in "$FIX"/projects/* "$SRC"/examples/*; do
	[ -d "$d" ] || continue
	name=${d#"$SRC"/}
	for flag in "" --need-shell --debug; do
		"$BASEIMG" recommend $flag --format dockerfile "$d" >"$TMP/Dockerfile" 2>/dev/null
		[ $? -eq 0 ] || continue # no workload here: nothing to lint
		out=$("$BASEIMG" lint --ignore BI104 "$TMP/Dockerfile" 2>&1)
		rc=$?
		if [ $rc -eq 0 ] && [ -z "$out" ]; then
			echo "ok - $name ${flag:-default}"
		else
			echo "not ok - $name ${flag:-default}: exit $rc: $(echo "$out" | head -c 300)"
		fi
	done
done
