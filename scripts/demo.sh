#!/bin/sh
# make demo: the main jobs on the bundled examples.
set -u
cd "$(dirname "$0")/.."
B=build/baseimg
echo "== baseimg --version"
$B --version
for d in examples/*/; do
	[ -d "$d" ] || continue
	if [ -f "$d/Dockerfile" ]; then
		echo
		echo "== baseimg lint $d/Dockerfile"
		$B lint "$d/Dockerfile"
		echo "   (exit $?)"
	fi
	echo
	echo "== baseimg recommend $d"
	$B recommend "$d"
done
exit 0
