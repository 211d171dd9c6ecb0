#!/usr/bin/env bash
# Script entrypoints in real (tar) layers: the walker keeps the "#!" line of
# small executables, so a #!/bin/bash script without bash is BI202, a
# "#!/usr/bin/env python3" without python3 is BI201 (also with a tab), and a
# #! line with Windows line endings is BI202; the interpreter itself, when it
# is a dynamic ELF program, needs its loader (BI202) and libraries (BI203).
. "$SRC/tests/e2e/lib/inspect.sh"
mk() { # mk NAME ENTRYPOINT SCRIPT_TEXT
	python3 "$SRC/tests/e2e/lib/mkoci.py" "$TMP/$1" <<EOF2
{"config": {"Entrypoint": ["$2"], "User": "1",
            "Env": ["PATH=/usr/local/bin:/usr/bin:/bin"]},
 "layers": [[["bin", "d", 493, null], ["bin/sh", "f", 493, "not a shell"],
             ["usr", "d", 493, null], ["usr/bin", "d", 493, null],
             ["usr/bin/env", "f", 493, "not env"],
             ["app", "d", 493, null], ["app/run", "f", 493, $3]]]}
EOF2
}
checks() { python3 -c 'import json,sys; print(" ".join(c["id"] + ":" + (c["path"] or "-") for c in json.load(open(sys.argv[1]))["checks"]) or "-")' "$TMP/out.json"; }

mk bash /app/run '"#!/bin/bash\necho hi\n"'
inspect_json "oci:$TMP/bash"
expect "#!/bin/bash without bash: BI202, exit 1" "$(checks) $rc" "BI202:/bin/bash 1"
mk env /app/run '"#!/usr/bin/env python3\nprint(1)\n"'
inspect_json "oci:$TMP/env"
expect "#!/usr/bin/env python3 without python3: BI201" "$(checks) $rc" "BI201:python3 1"
mk envtab /app/run '"#!/usr/bin/env\tpython3\n"'
inspect_json "oci:$TMP/envtab"
expect "a tab separates the interpreter from its argument" "$(checks) $rc" "BI201:python3 1"
mk crlf /app/run '"#!/bin/sh\r\necho hi\r\n"'
inspect_json "oci:$TMP/crlf"
expect "#!/bin/sh with CRLF: BI202" "$(checks) $rc" "BI202:/bin/sh 1"
grep -q 'Windows line endings' "$TMP/out.json"
expect "the message says why" "$?" 0
mk ok /app/run '"#! /bin/sh -e\nexit 0\n"'
inspect_json "oci:$TMP/ok"
expect "#! /bin/sh -e with /bin/sh present: no check" "$(checks) $rc" "- 0"
mk tiny /app/run '"#!/bin/bash"'
inspect_json "oci:$TMP/tiny"
expect "an 11-byte script without a newline is read too" "$(checks) $rc" "BI202:/bin/bash 1"
# the interpreter is there, but it is a dynamic glibc program on scratch
interp=$(readelf -l /bin/true 2>/dev/null | sed -n 's/.*interpreter: \(.*\)]/\1/p')
if [ -n "$interp" ]; then
	for form in "#!/usr/bin/tool" "#!/usr/bin/env tool"; do
		rm -rf "$TMP/dyn"
		python3 "$SRC/tests/e2e/lib/mkoci.py" "$TMP/dyn" <<EOF2
{"config": {"Entrypoint": ["/app/run"], "User": "1"},
 "layers": [[["usr", "d", 493, null], ["usr/bin", "d", 493, null],
             ["usr/bin/env", "f", 493, "not env"], ["usr/bin/tool", "f", 493, {"host": "/bin/true"}],
             ["app", "d", 493, null], ["app/run", "f", 493, "$form\n"]]]}
EOF2
		inspect_json "oci:$TMP/dyn"
		expect "$form, a dynamic program without its loader: BI202 and BI203" \
			"$(checks | tr ' ' '\n' | grep -c -e "^BI202:$interp\$" -e "^BI203:libc.so.6\$") $rc" "2 1"
	done
else
	notok "dynamic interpreter: no readelf (binutils) or no dynamic /bin/true"
fi
exit $((n_fail > 0))
