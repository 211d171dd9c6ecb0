#!/usr/bin/env bash
# Every source file is listed by name in its meson.build (issue 9 §4: no
# fs.exists that silently skips a missing file, no `ls` to find tests), so a
# file that is written but not listed is caught here, and a file that is
# listed but missing stops `meson setup`.
cd "$SRC" || exit 1

# listed FILE NAME: NAME appears quoted in FILE
listed() { grep -qF "'$2'" "$1"; }

missing=()
for f in src/*/*.c; do
	d=$(dirname "$f") b=$(basename "$f")
	case $f in
	src/dockerfile/gen_unicode.c) continue ;; # generator of unicode_tables.c, run by hand
	esac
	listed "$d/meson.build" "$b" || missing+=("$f")
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "ok - every src/*/*.c is listed in its meson.build"
else
	echo "not ok - not listed in their meson.build: ${missing[*]}"
fi

missing=()
for f in tests/unit/*/test_*.c; do
	b=$(basename "$f" .c)
	listed tests/unit/meson.build "$b" || missing+=("$f")
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "ok - every tests/unit/*/test_*.c is listed in tests/unit/meson.build"
else
	echo "not ok - not listed in tests/unit/meson.build: ${missing[*]}"
fi

missing=()
for f in fuzz/fuzz_*.c; do
	b=$(basename "$f" .c)
	b=${b#fuzz_}
	listed fuzz/meson.build "$b" || missing+=("$f")
	[ -d "fuzz/corpus/$b" ] || missing+=("fuzz/corpus/$b/")
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "ok - every fuzz/fuzz_*.c is listed in fuzz/meson.build and has a corpus"
else
	echo "not ok - fuzz targets not listed or without corpus: ${missing[*]}"
fi

bad=$(grep -rnE "fs\.exists|run_command\(.*ls " --include=meson.build . 2>/dev/null |
	grep -v '^\./build' | grep -v '^\./subprojects')
if [ -z "$bad" ]; then
	echo "ok - no meson.build finds its sources with fs.exists or ls"
else
	echo "not ok - meson.build finds files at configure time: $bad"
fi
