#!/usr/bin/env bash
# man/baseimg.1 is generated from the --help texts and must be up to date.
if cmp -s <("$SRC/scripts/gen-man.sh" "$BASEIMG") "$SRC/man/baseimg.1"; then
	echo "ok - man page matches --help (scripts/gen-man.sh)"
else
	echo "not ok - man/baseimg.1 is out of date: run scripts/gen-man.sh > man/baseimg.1"
fi
for c in lint recommend inspect compare cves db vercmp parse; do
	if "$BASEIMG" "$c" --help | grep -q "^Usage: baseimg $c"; then
		echo "ok - baseimg $c --help"
	else
		echo "not ok - baseimg $c --help has no usage line"
	fi
done
