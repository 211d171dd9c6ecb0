#!/usr/bin/env bash
# The text card prints names from the image: an ESC sequence or a newline in
# a file name, created_by, user or os-release becomes '?', so an image cannot
# clear the screen or forge lines of the report.
. "$SRC/tests/e2e/lib/inspect.sh"
python3 "$SRC/tests/e2e/lib/mkoci.py" "$TMP/img" <<'EOF2'
{"config": {"Entrypoint": ["/bin/a\u001b[2Jb\nc"], "User": "x\u001b[31m"},
 "layers": [[["bin", "d", 493, null], ["bin/a\u001b[2Jb\nc", "f", 493, "#!/bin/bash\n"],
             ["etc", "d", 493, null],
             ["etc/os-release", "f", 420, "ID=evil\nPRETTY_NAME=\"\u001b]0;pwned\u0007\"\n"]]]}
EOF2
"$BASEIMG" inspect "oci:$TMP/img" >"$TMP/out.txt" 2>"$TMP/err.txt"
expect "exit 1 (BI202)" "$?" 1
expect "no control characters in the text output" \
	"$(LC_ALL=C grep -c $'[\x01-\x08\x0b-\x1f\x7f]' "$TMP/out.txt")" 0
expect "the user is shown with '?'" "$(grep -c '^  user  *x?\[31m$' "$TMP/out.txt")" 1
grep -q '/bin/a?\[2Jb?c starts with #!/bin/bash' "$TMP/out.txt"
expect "the message is on one line too" "$?" 0
"$BASEIMG" inspect --format json "oci:$TMP/img" >"$TMP/out.json"
got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(repr(d["config"]["entrypoint"][0]))' "$TMP/out.json")
expect "JSON keeps the exact name" "$got" "'/bin/a\\x1b[2Jb\\nc'"
exit $((n_fail > 0))
