#!/usr/bin/env bash
# CycloneDX metadata.timestamp is the config's "created" only when it is an
# RFC 3339 date-time (the schema's format): fractions and offsets pass,
# trailing junk or a missing zone leaves the timestamp out.
. "$SRC/tests/e2e/lib/inspect.sh"
for c in "2024-01-01T00:00:00Z|2024-01-01T00:00:00Z" \
	"2024-05-06T07:08:09.123456789Z|2024-05-06T07:08:09.123456789Z" \
	"2024-05-06T07:08:09+02:00|2024-05-06T07:08:09+02:00" \
	"2024-01-01T00:00:00|-" "2024-01-01T00:00:00Zjunk|-" "2024-01-01T00:00:00.Z|-" \
	"2024-01-01T00:00:00+2:00|-" "yesterday|-"; do
	created=${c%%|*}
	want=${c#*|}
	rm -rf "$TMP/img"
	printf '{"created": "%s", "config": {"User": "1"}, "layers": [[["x", "f", 420, "x"]]]}' "$created" |
		python3 "$SRC/tests/e2e/lib/mkoci.py" "$TMP/img"
	got=$("$BASEIMG" inspect --format cyclonedx "oci:$TMP/img" |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["metadata"].get("timestamp") or "-")')
	expect "created \"$created\"" "$got" "$want"
done
exit $((n_fail > 0))
