# Helpers for the inspect/compare e2e scripts (sourced, not run by run.sh).
# tap-style assertions plus a one-line summary of `inspect --format json`.

n_fail=0
ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; n_fail=$((n_fail + 1)); }
skip() { echo "ok - $1 # SKIP $2"; }

# expect DESC GOT WANT
expect() {
	if [ "$2" = "$3" ]; then ok "$1"; else
		notok "$1"
		echo "#   got:  $2"
		echo "#   want: $3"
	fi
}

# The project's own fixture images (scripts/mkfixtures.sh, idempotent and locked).
fixtures() {
	FIXDIR=${BI_FIXTURES:-$SRC/build/fixtures}
	"$SRC/scripts/mkfixtures.sh" "$FIXDIR" >"$TMP/mkfixtures.log" 2>&1
}

# summary JSONFILE: "class libc/version shell db npkgs checks"
summary() {
	python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
libc = d["libc"]["family"] + ("/" + d["libc"]["version"] if d["libc"]["version"] else "")
checks = ",".join(c["id"] for c in d["checks"]) or "-"
print(d["class"], libc, d["shell"] or "-", d["package_db"], len(d["packages"]), checks)
PY
}

# inspect_json IMAGE [ARGS...]: inspect --format json into $TMP/out.json, exit status in $rc,
# and the summary line in $got.
inspect_json() {
	local img=$1
	shift
	"$BASEIMG" inspect --format json "$@" "$img" >"$TMP/out.json" 2>"$TMP/err.txt"
	rc=$?
	if [ -s "$TMP/out.json" ]; then got=$(summary "$TMP/out.json"); else got="no output: $(head -c 300 "$TMP/err.txt")"; fi
}
