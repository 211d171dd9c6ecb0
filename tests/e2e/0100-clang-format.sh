#!/usr/bin/env bash
# Every C file in the source tree is clang-format clean (CONVENTIONS "Format").
cd "$SRC" || exit 1
if ! command -v clang-format >/dev/null; then
	echo "not ok - clang-format not installed (scripts/install-deps.sh installs it)"
	exit 1
fi
bad=()
while IFS= read -r f; do
	clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done < <(find include src tests fuzz bench -name '*.[ch]' 2>/dev/null | sort)
if [ ${#bad[@]} -eq 0 ]; then
	echo "ok - clang-format clean"
else
	echo "not ok - clang-format: ${bad[*]}"
fi
