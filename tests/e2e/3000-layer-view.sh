#!/usr/bin/env bash
# The merged view: whiteouts, opaque folders, a folder replaced by a link,
# the layer that last wrote each path; 200,000 entries within memory.
set -u
R=${BI_BUILDDIR:-$SRC/build}/bench/readimage
FX=${BI_BUILDDIR:-$SRC/build}/fixtures
"$SRC/scripts/mkfixtures.sh" "$FX" >/dev/null 2>&1 || { echo "not ok - mkfixtures.sh failed"; exit 1; }

got=$("$R" --list "oci:$FX/oci/layered" | sed -n 's/^  \([0-9]* [0-7]* .*\)/\1/p' | grep -v sha256)
want="0 755 etc
2 644 etc/motd
0 644 etc/os-release
0 755 lib
1 777 lib/mods -> /usr/lib/mods
0 755 opt
0 755 opt/app
1 644 opt/app/new.txt
0 755 var"
[ "$got" = "$want" ] && echo "ok - layered: whiteouts, opaque folder, folder replaced" ||
	{ echo "not ok - layered view differs:"; diff <(echo "$want") <(echo "$got") | sed 's/^/# /'; }

out=$("$R" --resolve /bin/sh --resolve /lib/libc.musl-x86_64.so.1 "oci:$FX/oci/alpine")
grep -q "resolve /bin/sh: /bin/busybox" <<<"$out" &&
	grep -q "resolve /lib/libc.musl-x86_64.so.1: /lib/ld-musl-x86_64.so.1" <<<"$out" &&
	echo "ok - symlinks resolve inside the image" || echo "not ok - resolve: $out"

# Memory is a goal of the normal build: ASan's shadow memory and quarantine
# make RSS meaningless there, so the ASan build checks only that it reads.
if ldd "$R" 2>/dev/null | grep -q libasan; then
	out=$("$R" --quiet "oci:$FX/oci/many-files" 2>&1) &&
		echo "ok - 200,000 entries read (memory is measured in the normal build)" ||
		echo "not ok - 200,000 entries: $out"
else
	out=$(/usr/bin/time -f "rss=%M" "$R" --quiet "oci:$FX/oci/many-files" 2>&1)
	rss=$(sed -n 's/.*rss=\([0-9]*\).*/\1/p' <<<"$out")
	[ -n "$rss" ] && [ "$rss" -lt 65536 ] && echo "ok - 200,000 entries in ${rss} KiB (< 64 MiB)" ||
		echo "not ok - 200,000 entries (/usr/bin/time from the time package): $out"
fi
n=$("$R" "oci:$FX/oci/many-files" | sed -n 's/^paths: //p')
[ "$n" = 200000 ] && echo "ok - 200,000 paths in the view" || echo "not ok - many-files: $n paths"
