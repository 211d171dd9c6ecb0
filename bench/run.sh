#!/bin/sh
# make bench: run every benchmark script in bench/ (each prints its own table).
set -u
cd "$(dirname "$0")/.."
rc=0
for b in bench/*.sh; do
	[ "$b" = bench/run.sh ] && continue
	echo "== $b"
	"$b" || rc=1
done
exit $rc
