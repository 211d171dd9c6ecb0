#!/bin/sh
# make check: every test suite twice, once in the normal build and once
# under ASan+UBSan, then one closing line "N passed, N failed, N skipped".
set -u
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

setup() { # setup DIR [meson options...]
	dir=$1; shift
	if [ ! -f "$dir/build.ninja" ]; then
		meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; return 1; }
	fi
	ninja -C "$dir" >"$dir.build.log" 2>&1 || { tail -60 "$dir.build.log"; return 1; }
}

# Step 1, on its own: the real images of ../shared/tools/mkimages, built once
# into /var/tmp/baseimg-images (scripts/mkimages-cache.sh; minutes the first
# time, then cached). When it fails, make check fails here, loudly: the tests
# never turn missing images into skips. Without ../shared every test that
# needs it is skipped, visibly, and nothing else is.
if [ -d ../shared/data ]; then
	echo "check: the real images (scripts/mkimages-cache.sh)"
	if ! SHARED=$(cd ../shared && pwd) scripts/mkimages-cache.sh >/dev/null; then
		echo "check: FAILED to build the real images with ../shared/tools/mkimages" >&2
		echo "0 passed, 1 failed, 0 skipped"
		exit 1
	fi
else
	echo "check: ../shared is absent: the tests that need it are skipped"
fi

rc=0
setup build || rc=1
[ $rc = 0 ] && { meson test -C build --num-processes "$jobs" --print-errorlogs -q >build.test.log 2>&1 || true; }
setup build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fno-sanitize-recover=all \
	-Dbuildtype=debug || rc=1
[ $rc = 0 ] && { meson test -C build-asan --num-processes "$jobs" --print-errorlogs -q \
	--timeout-multiplier 3 >build-asan.test.log 2>&1 || true; }
if [ $rc != 0 ]; then
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi
grep -E '^(not ok|FAIL|ERROR|TIMEOUT)' build.test.log build-asan.test.log | head -40
python3 scripts/tap-summary.py normal=build/meson-logs/testlog.json \
	asan+ubsan=build-asan/meson-logs/testlog.json
