#!/usr/bin/env bash
# End-to-end test runner: prints TAP, one line per check.
#
# Two kinds of test live in tests/e2e/ (families as in CONVENTIONS: 0xxx CLI,
# 1xxx dockerfile, 2xxx image, 3xxx layer, 4xxx pkgdb, 5xxx elf, 6xxx vuln,
# 7xxx report):
#
# NNNN-name.t, declarative (curl's testNNNN, jq.test):
#     # free text: what the test shows
#     args: lint --format json $FIX/dockerfiles/latest.Dockerfile
#     exit: 1
#     needs: shared                  (optional: skip without ../shared)
#     stdin: $FIX/some/file          (optional)
#     stderr-contains: some text     (optional, may repeat)
#     stdout-contains: some text     (optional, may repeat)
#     --- stdout                     (optional: exact expected stdout follows)
#     ...
#     --- stderr                     (optional: exact expected stderr follows)
#     ...
#   `args` is split by the shell after expanding $FIX (tests/fixtures),
#   $SHARED (../shared), $SRC (the source tree) and $TMP (a fresh folder).
#
# NNNN-name.sh, a bash script that prints its own TAP lines ("ok - what",
#   "not ok - what", "ok - what # SKIP why"); it gets the same variables plus
#   $BASEIMG. Its lines are renumbered; a non-zero exit without a "not ok"
#   line counts as one failure.
#
# The only reason to skip is that ../shared is absent (issue 9 §3): a SKIP
# while ../shared is present, or one whose reason does not name ../shared,
# is turned into "not ok". A missing tool is installed by
# scripts/install-deps.sh, a missing image built by scripts/mkimages-cache.sh.
#
# Usage: run.sh [FILTER]   (FILTER: a substring of the test file names)
set -u
export LC_ALL=C
SRC=${BI_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
BASEIMG=${BASEIMG:-$SRC/build/baseimg}
SHARED=${BI_SHARED:-$SRC/../shared}
FIX=$SRC/tests/fixtures
BASEIMG=$(readlink -f "$BASEIMG")
export SRC BASEIMG SHARED FIX
# The user's own vulnerability database must not change results.
unset BASEIMG_DB
filter=${1:-}
n=0
failed=0

tap() { # tap STATUS DESCRIPTION [DIRECTIVE]
	n=$((n + 1))
	echo "$1 $n - $2${3:+ # $3}"
	[ "$1" = "not ok" ] && failed=$((failed + 1))
	return 0
}

have_shared() { [ -d "$SHARED/data" ]; }

# skip_ok REASON: may a check be skipped for REASON?
skip_ok() { ! have_shared && [[ $1 == *"../shared"* ]]; }

run_t() {
	local t=$1 name args="" want_exit=0 needs="" stdin="" section="" line
	local -a err_has=() out_has=()
	local want_out="" want_err="" has_out=0 has_err=0
	name=$(basename "$t" .t)
	while IFS= read -r line || [ -n "$line" ]; do
		case $section in
		stdout) if [ "$line" = "--- stderr" ]; then section=stderr; has_err=1; continue; fi
			want_out+="$line"$'\n'; continue ;;
		stderr) want_err+="$line"$'\n'; continue ;;
		esac
		case $line in
		"#"*|"") ;;
		args:*) args=${line#args:} ;;
		exit:*) want_exit=$(echo ${line#exit:}) ;;
		needs:*) needs=$(echo ${line#needs:}) ;;
		stdin:*) stdin=$(echo ${line#stdin:}) ;;
		stderr-contains:*) err_has+=("$(echo ${line#stderr-contains:})") ;;
		stdout-contains:*) out_has+=("$(echo ${line#stdout-contains:})") ;;
		"--- stdout") section=stdout; has_out=1 ;;
		"--- stderr") section=stderr; has_err=1 ;;
		*) tap "not ok" "$name" "bad test line: $line"; return ;;
		esac
	done <"$t"
	if [ "$needs" = shared ] && ! have_shared; then
		tap ok "$name" "SKIP needs ../shared"
		return
	fi
	local TMP; TMP=$(mktemp -d)
	export TMP XDG_CACHE_HOME=$TMP/.cache
	local out="$TMP/.stdout" err="$TMP/.stderr" rc
	(
		cd "$TMP" || exit 99
		eval "set -- $args"
		if [ -n "$stdin" ]; then
			stdin=$(eval echo "$stdin")
			timeout 120 "$BASEIMG" "$@" <"$stdin" >"$out" 2>"$err"
		else
			timeout 120 "$BASEIMG" "$@" </dev/null >"$out" 2>"$err"
		fi
	)
	rc=$?
	local why=""
	[ "$rc" = "$want_exit" ] || why="exit $rc, want $want_exit"
	if [ -z "$why" ] && [ $has_out = 1 ] && [ "$(cat "$out"; echo x)" != "${want_out}x" ]; then
		why="stdout differs"
		diff -u <(printf '%s' "$want_out") "$out" | sed 's/^/# /' | head -40
	fi
	if [ -z "$why" ] && [ $has_err = 1 ] && [ "$(cat "$err"; echo x)" != "${want_err}x" ]; then
		why="stderr differs"
		diff -u <(printf '%s' "$want_err") "$err" | sed 's/^/# /' | head -40
	fi
	local s
	for s in "${err_has[@]+"${err_has[@]}"}"; do
		[ -z "$why" ] && ! grep -qF -- "$s" "$err" && why="stderr lacks: $s"
	done
	for s in "${out_has[@]+"${out_has[@]}"}"; do
		[ -z "$why" ] && ! grep -qF -- "$s" "$out" && why="stdout lacks: $s"
	done
	# Sanitizer reports fail a test whatever its exit status.
	if [ -z "$why" ] && grep -qE 'runtime error:|ERROR: (Address|Leak)Sanitizer' "$err"; then
		why="sanitizer report"
	fi
	if [ -n "$why" ]; then
		sed 's/^/# stderr: /' "$err" | head -20
		tap "not ok" "$name" "$why"
	else
		tap ok "$name"
	fi
	rm -rf "$TMP"
}

run_sh() {
	local t=$1 name line got_fail=0 rc
	name=$(basename "$t" .sh)
	local TMP; TMP=$(mktemp -d)
	export TMP XDG_CACHE_HOME=$TMP/.cache
	exec 3< <(cd "$TMP" && bash "$t" 2>&1; echo "__rc=$?")
	while IFS= read -r line <&3; do
		case $line in
		"not ok"*) got_fail=1; line=${line#not ok}; line=${line# [0-9]*}; line=${line# - }
			tap "not ok" "$name: ${line}" ;;
		"ok"*) line=${line#ok}; line=${line# [0-9]*}; line=${line# - }
			case $line in
			*"# SKIP"*)
				if skip_ok "${line#* # SKIP}"; then
					tap ok "$name: ${line%% # SKIP*}" "SKIP${line#* # SKIP}"
				else
					got_fail=1
					tap "not ok" "$name: ${line%% # SKIP*}" \
						"skipped, and only an absent ../shared may skip:${line#* # SKIP}"
				fi ;;
			*) tap ok "$name: $line" ;;
			esac ;;
		__rc=*) rc=${line#__rc=} ;;
		*) echo "# $line" ;;
		esac
	done
	exec 3<&-
	if [ "${rc:-1}" != 0 ] && [ $got_fail = 0 ]; then
		tap "not ok" "$name" "script exited $rc"
	fi
	rm -rf "$TMP"
}

for t in "$SRC"/tests/e2e/*.t "$SRC"/tests/e2e/*.sh; do
	[ -e "$t" ] || continue
	[ "$(basename "$t")" = run.sh ] && continue
	case $(basename "$t") in *"$filter"*) ;; *) continue ;; esac
	case $t in
	*.t) run_t "$t" ;;
	*.sh) run_sh "$t" ;;
	esac
done
echo "1..$n"
[ $failed = 0 ]
