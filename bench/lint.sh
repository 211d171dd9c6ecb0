#!/usr/bin/env bash
# Benchmark: `baseimg lint` over the whole shared Dockerfile corpus in one
# invocation, against dockerfilelint (npm) over the same files in the same run.
#
#   bench/lint.sh            (env: BASEIMG, SHARED, RUNS, DFL_DIR)
#
# dockerfilelint is installed with npm into $DFL_DIR (default
# bench/.cache/dockerfilelint, never committed). dockerfilelint 1.8 throws on a
# few corpus files (e.g. HEALTHCHECK forms it does not know) and then stops, so
# both tools are timed on the files it survives; baseimg is also timed on the
# whole corpus. Uses hyperfine when installed, else a timed loop (median).
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
BASEIMG=${BASEIMG:-$SRC/build/baseimg}
SHARED=${SHARED:-${BI_SHARED:-$SRC/../shared}}
RUNS=${RUNS:-10}
DFL_DIR=${DFL_DIR:-$SRC/bench/.cache/dockerfilelint}
corpus=$SHARED/data/dockerfile/corpus

[ -x "$BASEIMG" ] || { echo "bench/lint.sh: build baseimg first (make)" >&2; exit 2; }
[ -d "$corpus" ] || { echo "bench/lint.sh: no corpus at $corpus" >&2; exit 2; }
command -v node >/dev/null || { echo "bench/lint.sh: node is required" >&2; exit 2; }
if [ ! -x "$DFL_DIR/node_modules/.bin/dockerfilelint" ]; then
	echo "# installing dockerfilelint into $DFL_DIR" >&2
	mkdir -p "$DFL_DIR"
	(cd "$DFL_DIR" && npm install --silent --no-audit --no-fund dockerfilelint@1.8.0 >&2)
fi
DFL=$DFL_DIR/node_modules/.bin/dockerfilelint
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

shopt -s nullglob
all=("$corpus"/*.Dockerfile)
# The files dockerfilelint lints without throwing (one node process, try/catch).
node -e '
const dfl = require(process.argv[1]);
const fs = require("fs"), path = require("path");
for (const f of process.argv.slice(2)) {
	try { dfl.run(path.dirname(f), fs.readFileSync(f, "utf8")); console.log(f); } catch (e) {}
}' "$DFL_DIR/node_modules/dockerfilelint/lib/index.js" "${all[@]}" >"$work/ok.txt"
mapfile -t same <"$work/ok.txt"
echo "corpus: ${#all[@]} files; dockerfilelint survives ${#same[@]} of them"

# time_cmd NAME CMD... -> median seconds over $RUNS runs (exit status ignored)
time_cmd() {
	local name=$1; shift
	local -a t=()
	for ((i = 0; i < RUNS; i++)); do
		local s e
		s=$(date +%s.%N)
		"$@" >/dev/null 2>&1 || true
		e=$(date +%s.%N)
		t+=("$(awk -v s="$s" -v e="$e" 'BEGIN {print e - s}')")
	done
	printf '%s\n' "${t[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}

if command -v hyperfine >/dev/null; then
	printf '%s\n' "${same[@]}" >"$work/same.txt"
	hyperfine -N -i --warmup 2 --runs "$RUNS" --export-json "$work/h.json" \
		-n baseimg "$BASEIMG lint --no-color $(printf '%q ' "${same[@]}")" \
		-n dockerfilelint "$DFL $(printf '%q ' "${same[@]}")" >&2
	t_b=$(node -e 'const r=require(process.argv[1]).results;console.log(r[0].median)' "$work/h.json")
	t_d=$(node -e 'const r=require(process.argv[1]).results;console.log(r[1].median)' "$work/h.json")
else
	t_b=$(time_cmd baseimg "$BASEIMG" lint --no-color "${same[@]}")
	t_d=$(time_cmd dockerfilelint "$DFL" "${same[@]}")
fi
t_all=$(time_cmd baseimg-all "$BASEIMG" lint --no-color "${all[@]}")
n=${#same[@]}
awk -v n="$n" -v na="${#all[@]}" -v tb="$t_b" -v td="$t_d" -v ta="$t_all" 'BEGIN {
	printf "baseimg lint:    %4d files in %.3f s  = %8.0f files/s\n", n, tb, n / tb
	printf "dockerfilelint:  %4d files in %.3f s  = %8.0f files/s\n", n, td, n / td
	printf "baseimg lint:    %4d files in %.3f s  = %8.0f files/s (whole corpus)\n", na, ta, na / ta
	printf "ratio: baseimg is %.1fx faster than dockerfilelint (goal: >= 10x)\n", td / tb
}'
