#!/usr/bin/env bash
# Indexes with arm variants: configs without "variant" take the index's,
# linux/arm means linux/arm/v7 (as containerd normalises it), and the JSON
# "platform" keeps the variant.
. "$SRC/tests/e2e/lib/inspect.sh"
python3 "$SRC/tests/e2e/lib/mkoci.py" "$TMP/multi" <<'EOF2'
{"config": {"Cmd": ["/x"]}, "config_variant": false,
 "layers": [[["x", "f", 493, "x"]]],
 "platforms": [{"os": "linux", "architecture": "arm", "variant": "v6"},
               {"os": "linux", "architecture": "arm", "variant": "v7"},
               {"os": "linux", "architecture": "amd64"}]}
EOF2
plat() { "$BASEIMG" inspect --format json "$@" "oci:$TMP/multi" 2>&1 | python3 -c 'import json,sys
t = sys.stdin.read()
try: print(json.loads(t)["platform"])
except Exception: print(t.strip())'; }
expect "--platform linux/arm/v7 (config without variant)" "$(plat --platform linux/arm/v7)" linux/arm/v7
expect "--platform linux/arm/v6" "$(plat --platform linux/arm/v6)" linux/arm/v6
expect "--platform linux/arm is v7" "$(plat --platform linux/arm)" linux/arm/v7
expect "default linux/amd64" "$(plat)" linux/amd64
got=$("$BASEIMG" inspect --all-platforms --format json "oci:$TMP/multi" |
	python3 -c 'import json,sys; print(" ".join(d["platform"] for d in json.load(sys.stdin)))')
expect "--all-platforms keeps the variants" "$got" "linux/arm/v6 linux/arm/v7 linux/amd64"
"$BASEIMG" inspect --platform linux/arm/v5 "oci:$TMP/multi" >/dev/null 2>"$TMP/err"
expect "an absent variant: exit 3" "$?" 3
expect "... listing the variants" "$(grep -c 'linux/arm/v6, linux/arm/v7, linux/amd64' "$TMP/err")" 1
exit $((n_fail > 0))
