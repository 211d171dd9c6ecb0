#!/bin/sh
# make bench: every benchmark in bench/ (each reports ratios against a
# baseline run in the same invocation; see bench/README.md). Exits 1 if any
# benchmark failed.
set -u
cd "$(dirname "$0")/.."
rc=0
for b in bench/*.sh; do
	[ "$b" = bench/run.sh ] && continue
	echo "== $b"
	bash "$b" || { echo "$b failed"; rc=1; }
done
exit $rc
