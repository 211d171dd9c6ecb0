#!/usr/bin/env bash
# Files built to make naive lint code quadratic finish quickly (no hang):
# thousands of ENVs and $VAR words, thousands of COPY --from, huge removal lists.
gen() { # gen KIND FILE
	case $1 in
	vars)
		echo "FROM debian:bookworm-slim"
		for i in $(seq 1 5000); do echo "ENV V$i=x"; done
		for i in $(seq 1 5000); do echo 'RUN apt-get install $A $B $C $D $E $F $G $H $I $J'; done ;;
	copies)
		echo "FROM golang:1.22-bookworm AS b"
		for i in $(seq 1 5000); do echo "ENV V$i=x"; done
		echo "RUN go build -o /a ."
		echo "FROM scratch"
		for i in $(seq 1 5000); do echo "COPY --from=b /a /a$i"; done ;;
	removals)
		echo "FROM debian:bookworm-slim"
		printf 'RUN apt-get install'; for i in $(seq 1 3000); do printf ' p%s-dev' $i; done; echo
		for r in $(seq 1 100); do printf 'RUN apt-get purge'; for i in $(seq 1 3000); do printf ' x%s' $i; done; echo; done ;;
	esac >"$2"
}
for kind in vars copies removals; do
	gen $kind "$TMP/$kind.Dockerfile"
	start=$(date +%s)
	timeout 120 "$BASEIMG" lint "$TMP/$kind.Dockerfile" >/dev/null 2>"$TMP/err"
	rc=$?
	secs=$(( $(date +%s) - start ))
	if [ $rc -le 1 ] && [ $secs -lt 60 ] && ! grep -qE 'runtime error:|Sanitizer' "$TMP/err"; then
		echo "ok - $kind: exit $rc in ${secs}s"
	else
		echo "not ok - $kind: exit $rc in ${secs}s"
		head -5 "$TMP/err" | sed 's/^/# /'
	fi
done
