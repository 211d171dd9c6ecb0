#!/usr/bin/env bash
# Several 'db import' processes started together on a database that does not
# exist yet: each must import its feed (one creates the schema, the others
# wait for it), none may fail with "table sources already exists".
set -u
DATA=$SRC/tests/unit/vuln/data
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; }

fails=0
for round in 1 2 3 4 5; do
	D=$TMP/c$round.db
	pids=()
	for f in secdb-v3.20-trimmed.json tracker-sample.json osv-ranges.json; do
		"$BASEIMG" db --db "$D" import "$DATA/$f" >/dev/null 2>"$TMP/err.$round.$f" &
		pids+=($!)
	done
	for p in "${pids[@]}"; do
		wait "$p" || fails=$((fails + 1))
	done
	n=$("$BASEIMG" db --db "$D" status --format json 2>/dev/null |
		python3 -c 'import json,sys; print(len(json.load(sys.stdin)["sources"]))')
	[ "$n" = 3 ] || fails=$((fails + 1))
done
if [ $fails -eq 0 ]; then
	ok "5 rounds of 3 concurrent imports into a new database: all imported"
else
	nok "concurrent imports into a new database: $fails failures ($(cat "$TMP"/err.* | sort -u | head -2 | tr '\n' ' '))"
fi
