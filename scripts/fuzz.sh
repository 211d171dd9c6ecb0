#!/bin/sh
# make fuzz: build every libFuzzer target with clang + ASan + UBSan and run
# each for FUZZ_SECONDS, growing fuzz/corpus/<target>/. A crash leaves its
# input in fuzz/ (crash-*): minimise it and commit it to the corpus.
set -eu
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-60}
if [ ! -f build-fuzz/build.ninja ]; then
	CC=clang meson setup build-fuzz -Dfuzzing=true -Dtests=false -Dwerror=false \
		-Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args='-fsanitize=fuzzer-no-link -fno-sanitize-recover=all'
fi
ninja -C build-fuzz
for f in build-fuzz/fuzz/fuzz_*; do
	[ -x "$f" ] || continue
	name=${f##*/fuzz_}
	[ -n "${FUZZ_ONLY:-}" ] && [ "$FUZZ_ONLY" != "$name" ] && continue
	mkdir -p "fuzz/corpus/$name"
	echo "== fuzz $name for ${secs}s"
	"$f" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-artifact_prefix=fuzz/ "fuzz/corpus/$name"
done
