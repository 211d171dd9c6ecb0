#!/usr/bin/env bash
# The SARIF and CycloneDX outputs of lint, inspect and cves validate against
# the official JSON Schemas in ../shared/data/schemas (SARIF 2.1.0, CycloneDX
# 1.5 and 1.6 with the spdx and jsf schemas they reference, resolved from that
# folder, never the network), with Debian's python3-jsonschema and formats
# checked (tests/e2e/lib/schema_check.py).
set -u
SCHEMAS=$SHARED/data/schemas
if [ ! -d "$SHARED/data" ]; then
	echo "ok - SARIF and CycloneDX outputs against the official schemas # SKIP needs ../shared"
	exit 0
fi
# Debian's python3 and its python3-jsonschema, whatever python3 is first on PATH.
PY=/usr/bin/python3
CHECK=$SRC/tests/e2e/lib/schema_check.py
FX=${BI_BUILDDIR:-$SRC/build}/fixtures
"$SRC/scripts/mkfixtures.sh" "$FX" >/dev/null 2>&1 || { echo "not ok - mkfixtures.sh failed"; exit 1; }
if ! "$PY" -c 'import jsonschema, rfc3987' 2>"$TMP/err"; then
	echo "not ok - python3-jsonschema, python3-rfc3987 (scripts/install-deps.sh): $(cat "$TMP/err")"
	exit 1
fi
D=$TMP/out
mkdir -p "$D"

# run NAME WANT_EXIT ARGS...: baseimg ARGS >$D/NAME, exit WANT_EXIT
run() {
	local name=$1 want=$2 rc
	shift 2
	"$BASEIMG" "$@" >"$D/$name" 2>"$TMP/err"
	rc=$?
	if [ "$rc" != "$want" ]; then
		echo "not ok - $name: baseimg $* exited $rc, want $want: $(head -3 "$TMP/err")"
		rm -f "$D/$name"
	fi
}

# lint: findings of every rule family, several files, a clean file, stdin.
F=$FIX/dockerfiles
run lint-basic.sarif 1 lint --format sarif "$F/lint-basic.Dockerfile"
run lint-multi.sarif 1 lint --format sarif "$F/lint-basic.Dockerfile" - <"$F/lint-multi.Dockerfile"
run lint-clean.sarif 0 lint --format sarif "$F/lint-clean.Dockerfile"
run lint-args.sarif 1 lint --format sarif --failure-threshold note "$F/lint-args.Dockerfile" \
	"$F/parse-issues.Dockerfile"

# inspect: CycloneDX of every fixture class, and of the real images.
for n in scratch-static scratch-dynamic distroless alpine debian layered multiarch; do
	run "inspect-$n.cdx.json" 0 inspect --format cyclonedx --fail-on none "oci:$FX/oci/$n"
done
if IMAGES=$(SHARED=$SHARED "$SRC/scripts/mkimages-cache.sh" --check 2>&1); then
	for n in distroless-debug alpine slim full; do
		run "inspect-real-$n.cdx.json" 0 inspect --format cyclonedx --fail-on none "oci:$IMAGES/oci/$n"
	done
else
	echo "not ok - the real images: $IMAGES"
fi

# cves: SARIF with findings of several severities, and with none.
R=$TMP/root
mkdir -p "$R/etc" "$R/lib/apk/db"
printf 'ID=alpine\nVERSION_ID=3.20.3\n' >"$R/etc/os-release"
for p in "libcrypto3 3.3.2-r0 openssl" "busybox 1.36.1-r28 busybox" "musl 1.2.5-r0 musl" \
	"demo 1.1-r0 demo"; do
	set -- $p
	printf 'P:%s\nV:%s\nA:x86_64\nS:1\nI:1\nT:t\nL:MIT\no:%s\n\n' "$1" "$2" "$3"
done >"$R/lib/apk/db/installed"
DB=$TMP/v.db
# The real secdb (no severities) and an OSV record with a CVSS vector.
if "$BASEIMG" db --db "$DB" import "$SHARED/data/alpine-secdb/v3.20/main.json" \
	"$SRC/tests/unit/vuln/data/osv-ranges.json" >/dev/null 2>"$TMP/err"; then
	run cves-findings.sarif 1 cves --db "$DB" --format sarif --fail-on unknown "dir:$R"
	run cves-none.sarif 0 cves --db "$DB" --format sarif "oci:$FX/oci/scratch-static"
	run cves-alpine.sarif 0 cves --db "$DB" --format sarif "oci:$FX/oci/alpine"
else
	echo "not ok - db import: $(head -3 "$TMP/err")"
fi

n=$(ls "$D" | wc -l)
if [ "$n" -lt 10 ]; then
	echo "not ok - only $n outputs to validate"
fi
# One TAP line per document and schema; errors follow as comments.
"$PY" "$CHECK" "$SCHEMAS" "$D"/*
