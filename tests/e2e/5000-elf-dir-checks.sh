#!/usr/bin/env bash
# ELF analysis on dir: root filesystems made from host binaries: glibc-linked
# libraries in a musl-only image are BI204; counts of ELF files.
. "$SRC/tests/e2e/lib/inspect.sh"
lib=$(ls /usr/lib/x86_64-linux-gnu/libz.so.1 /lib/x86_64-linux-gnu/libz.so.1 2>/dev/null | head -1)
if [ -z "$lib" ] || [ ! -x /bin/ls ]; then
	notok "host binaries: no /bin/ls or libz.so.1 (zlib1g) on this Debian host"
	exit 1
fi
r=$TMP/musl
mkdir -p "$r/lib" "$r/usr/lib/python3.12/site-packages" "$r/bin"
# a stand-in musl loader (its name is what marks a musl image)
printf "not an ELF file\n" >"$r/lib/ld-musl-x86_64.so.1"
cp "$lib" "$r/usr/lib/python3.12/site-packages/_zlib.cpython-312-x86_64-linux-gnu.so"
cp /bin/ls "$r/bin/ls-glibc"
inspect_json "dir:$r" --fail-on none
got=$(python3 - "$TMP/out.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(d["libc"]["family"], d["elf_files"],
      " ".join(sorted("%s:%s" % (c["id"], c["path"]) for c in d["checks"] if c["id"] == "BI204")))
PY
)
expect "musl image with glibc ELF files" "$got" \
	"musl 2 BI204:/bin/ls-glibc BI204:/usr/lib/python3.12/site-packages/_zlib.cpython-312-x86_64-linux-gnu.so"
"$BASEIMG" inspect "dir:$r" >/dev/null
expect "BI204 is an error: exit 1" "$?" 1
exit 0
