#!/bin/sh
# bench/vuln.sh: the vulnerability audit's two budgets (issue 4):
#   1. importing the Debian bookworm OVAL (51 MB XML, bzip2) takes at most
#      10 s and 128 MiB peak memory (/usr/bin/time; judged on CPU time, about
#      2 s of which 1.5 s is bzip2 itself, since wall time on a loaded shared
#      machine varies several-fold; both are printed);
#   2. auditing a 500-package image adds at most 50 ms to `baseimg inspect`
#      of it (median of 11 runs each, the same image, a warm page cache;
#      judged on CPU time, user + system, since wall time on a shared
#      machine mostly measures the other processes; both are printed).
# The image is a Debian root built here: 500 packages, each a real bookworm
# source package from the OVAL at an old version, so every lookup hits rows.
# Needs ../shared (skips without it). Exit 1 when a budget is exceeded.
set -eu
cd "$(dirname "$0")/.."
B=${BASEIMG:-build/baseimg}
OVAL=${BI_SHARED:-../shared}/data/debian-oval/oval-definitions-bookworm.xml.bz2
if [ ! -f "$OVAL" ]; then
	echo "bench/vuln.sh: skipped (needs $OVAL)"
	exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
fail=0

/usr/bin/time -f "%e %U %S %M" -o "$T/time" "$B" db --db "$T/v.db" import "$OVAL" >/dev/null
read -r secs usr sys kb <"$T/time"
mib=$((kb / 1024))
cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
echo "import bookworm OVAL: ${secs} s wall, ${cpu} s CPU, peak ${mib} MiB (budget 10 s, 128 MiB;" \
	"load average $(cut -d' ' -f1 /proc/loadavg))"
if awk -v s="$cpu" 'BEGIN { exit !(s > 10) }' || [ "$mib" -gt 128 ]; then
	echo "  OVER BUDGET"
	fail=1
fi

python3 - "$T" <<'PY'
import os, sqlite3, sys
t = sys.argv[1]
db = sqlite3.connect(os.path.join(t, "v.db"))
srcs = [r[0] for r in db.execute(
    "SELECT DISTINCT package FROM affected WHERE distro = 'debian' ORDER BY package LIMIT 500")]
root = os.path.join(t, "root")
os.makedirs(os.path.join(root, "etc"))
os.makedirs(os.path.join(root, "var/lib/dpkg"))
with open(os.path.join(root, "etc/os-release"), "w") as f:
    f.write('ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n')
with open(os.path.join(root, "var/lib/dpkg/status"), "w") as f:
    for i, s in enumerate(srcs):
        f.write(f"Package: bin{i}-{s}\nStatus: install ok installed\nArchitecture: amd64\n"
                f"Source: {s}\nVersion: 0.1-1\nMaintainer: bench\nDescription: bench\n\n")
print(f"image: {len(srcs)} packages")
PY

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# One run: "WALL_MS CPU_MS" (CPU = user + system: what the program spends,
# robust on a loaded machine; wall is reported too).
run() {
	/usr/bin/time -f "%e %U %S" -o "$T/t1" "$@" >/dev/null 2>&1 || true
	awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$T/t1"
}
i=0
: >"$T/inspect"
: >"$T/cves"
while [ $i -lt 11 ]; do
	run "$B" inspect "dir:$T/root" >>"$T/inspect"
	run "$B" cves --db "$T/v.db" "dir:$T/root" >>"$T/cves"
	i=$((i + 1))
done
wi=$(cut -d' ' -f1 "$T/inspect" | median)
wc_=$(cut -d' ' -f1 "$T/cves" | median)
ci=$(cut -d' ' -f2 "$T/inspect" | median)
cc=$(cut -d' ' -f2 "$T/cves" | median)
n=$("$B" cves --db "$T/v.db" --format json "dir:$T/root" | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["total"])')
echo "audit of 500 packages ($n findings, text output): inspect ${ci} ms CPU (${wi} ms wall), cves ${cc} ms CPU (${wc_} ms wall): +$((cc - ci)) ms CPU, +$((wc_ - wi)) ms wall (budget +50 ms)"
if [ $((cc - ci)) -gt 50 ]; then
	echo "  OVER BUDGET"
	fail=1
fi
exit $fail
