#!/bin/sh
# make bench: every benchmark in bench/ (each reports ratios against a
# baseline run in the same invocation; see bench/README.md).
set -u
cd "$(dirname "$0")/.."
for b in bench/*.sh; do
	[ "$b" = bench/run.sh ] && continue
	echo "== $b"
	sh "$b" || echo "$b failed"
done
