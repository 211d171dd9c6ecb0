#!/usr/bin/env bash
# An OCI layout whose index.json names one manifest under two tags
# (skopeo copy ... oci:DIR:latest, then oci:DIR:1.0) holds one image: no
# "several images" error, one result with --all-platforms; a second image
# under another tag still needs :TAG.
. "$SRC/tests/e2e/lib/inspect.sh"
python3 "$SRC/tests/e2e/lib/mkoci.py" "$TMP/lay" <<'EOF2'
{"config": {"Cmd": ["/x"]}, "layers": [[["x", "f", 493, "x"]]]}
EOF2
python3 - "$TMP/lay/index.json" <<'PY'
import copy, json, sys
p = sys.argv[1]
idx = json.load(open(p))
m = idx["manifests"][0]
a, b = copy.deepcopy(m), copy.deepcopy(m)
a["annotations"] = {"org.opencontainers.image.ref.name": "latest"}
b["annotations"] = {"org.opencontainers.image.ref.name": "1.0"}
idx["manifests"] = [a, b]
json.dump(idx, open(p, "w"))
PY
"$BASEIMG" inspect --format json "oci:$TMP/lay" >"$TMP/out.json" 2>"$TMP/err"
expect "one manifest, two tags: read without :TAG" "$? $(head -c 200 "$TMP/err")" "0 "
n=$("$BASEIMG" inspect --all-platforms --format json "oci:$TMP/lay" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
expect "--all-platforms: one image, not two" "$n" 1
"$BASEIMG" inspect --format json "oci:$TMP/lay:1.0" >/dev/null
expect ":1.0 still selects it" "$?" 0
exit $((n_fail > 0))
