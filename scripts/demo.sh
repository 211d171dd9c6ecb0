#!/bin/sh
# make demo: the main jobs on the bundled examples, in the first minute of a
# new user's life: lint and recommend each example project, then the
# measured comparison table of the project's own small fixture images.
set -u
cd "$(dirname "$0")/.."
B=build/baseimg
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
$B --version
for d in examples/*/; do
	[ -d "$d" ] || continue
	d=${d%/}
	if [ -f "$d/Dockerfile" ]; then
		say "baseimg lint $d/Dockerfile"
		$B lint "$d/Dockerfile"
		echo "(exit $?: 0 clean, 1 findings)"
	fi
	say "baseimg recommend $d"
	$B recommend "$d"
done
if [ -x scripts/demo-images.sh ]; then
	scripts/demo-images.sh
fi
exit 0
