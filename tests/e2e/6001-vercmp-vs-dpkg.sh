#!/usr/bin/env bash
# baseimg vercmp agrees with the package managers themselves on ~2000 random
# version pairs per scheme (fixed seed, so every run checks the same pairs):
# dpkg --compare-versions for deb, and rpm's own rpm.vercmp() (rpm 4.18) for
# rpm when rpm is installed. Pairs are built to share prefixes so that the
# interesting rules (~, ^, epochs, leading zeros, letters vs separators) decide.
set -u
T=${TMP:-$(mktemp -d)}

gen() { # gen SCHEME N SEED -> "A B" lines
	python3 - "$@" <<'PY'
import random, sys
scheme, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(seed)
if scheme == "deb":
    up_chars = "0123456789abzAZ.+~"
    rev_chars = "0123456789abzAZ.+~"
else:
    up_chars = "0123456789abzAZ.~^_+"
    rev_chars = "0123456789abz.~^_"
def piece(chars, k):
    return "".join(rnd.choice(chars) for _ in range(k))
def version():
    up = str(rnd.randint(0, 12)) + piece(up_chars, rnd.randint(0, 6))
    if scheme == "deb" and rnd.random() < 0.15:
        up += "-" + piece("0123456789a", rnd.randint(1, 2))  # hyphen inside upstream
    v = up
    if rnd.random() < 0.6:
        v += "-" + rnd.choice("0123456789") + piece(rev_chars, rnd.randint(0, 4))
    if rnd.random() < 0.2:
        v = str(rnd.randint(0, 3)) + ":" + v
    return v
def mutate(v):
    # Share a prefix with v so that comparisons go deep.
    cut = rnd.randint(0, len(v))
    tail = piece(up_chars if scheme == "deb" else up_chars, rnd.randint(0, 4))
    w = v[:cut] + tail
    return w
for _ in range(n):
    a = version()
    b = mutate(a) if rnd.random() < 0.7 else version()
    if scheme == "deb":
        # dpkg refuses: empty upstream, trailing hyphen, epoch junk
        if not b or b.endswith("-") or b.endswith(":") or not b[0].isdigit():
            b = version()
        if ":" in b.split("-")[0] and not b.split(":")[0].isdigit():
            b = version()
    else:
        if not b:
            b = version()
    print(a, b)
PY
}

# ---- deb vs dpkg ----
if ! command -v dpkg >/dev/null; then
	echo "not ok - deb pairs: dpkg not installed"
else
	gen deb 2000 6001 >"$T/deb.pairs"
	"$BASEIMG" vercmp --scheme deb - <"$T/deb.pairs" >"$T/deb.ours" 2>"$T/deb.err"
	rc=$?
	while read -r a b; do
		if dpkg --compare-versions "$a" lt "$b" 2>/dev/null; then echo "<"
		elif dpkg --compare-versions "$a" eq "$b" 2>/dev/null; then echo "="
		elif dpkg --compare-versions "$a" gt "$b" 2>/dev/null; then echo ">"
		else echo "!"; fi
	done <"$T/deb.pairs" >"$T/deb.dpkg"
	n=$(wc -l <"$T/deb.pairs")
	bad=$(paste -d' ' "$T/deb.pairs" "$T/deb.dpkg" "$T/deb.ours" | awk '$3 != $4' | tee "$T/deb.diff" | wc -l)
	if [ "$bad" -eq 0 ] && [ "$n" -ge 1900 ]; then
		echo "ok - $n deb pairs agree with dpkg --compare-versions (exit $rc)"
	else
		echo "not ok - deb: $bad of $n pairs differ from dpkg (A B dpkg ours):"
		head -20 "$T/deb.diff" | sed 's/^/#   /'
	fi
	if grep -q '^!$' "$T/deb.dpkg"; then
		echo "not ok - the generator produced pairs dpkg refuses"
	else
		echo "ok - every generated deb pair is one dpkg compares"
	fi
fi

# ---- rpm vs rpm.vercmp ----
if ! command -v rpm >/dev/null; then
	echo "not ok - rpm pairs: rpm not installed (scripts/install-deps.sh installs it)"
else
	gen rpm 2000 6002 >"$T/rpm.pairs"
	# Add the vectors rpm's own test suite keeps commented out (its oddities).
	if [ -f "$SHARED/data/version-vectors/rpm.txt" ]; then
		sed -n 's/^#oddity \([^ ]*\) [<=>] \([^ ]*\)$/\1 \2/p' \
			"$SHARED/data/version-vectors/rpm.txt" >>"$T/rpm.pairs"
	fi
	"$BASEIMG" vercmp --scheme rpm - <"$T/rpm.pairs" >"$T/rpm.ours" 2>"$T/rpm.err"
	rc=$?
	# One rpm process for all pairs: Lua reads the file (no '%' in the script,
	# so rpm's macro expansion leaves it alone).
	rpm --eval "%{lua:
for l in io.lines('$T/rpm.pairs') do
  local i = string.find(l, ' ', 1, true)
  local r = rpm.vercmp(string.sub(l, 1, i - 1), string.sub(l, i + 1))
  local o = '='
  if r < 0 then o = '<' elseif r > 0 then o = '>' end
  print(o .. string.char(10))
end
}" | grep -v '^$' >"$T/rpm.rpm"
	n=$(wc -l <"$T/rpm.pairs")
	bad=$(paste -d' ' "$T/rpm.pairs" "$T/rpm.rpm" "$T/rpm.ours" | awk '$3 != $4' | tee "$T/rpm.diff" | wc -l)
	if [ "$bad" -eq 0 ] && [ "$n" -ge 1900 ] && [ "$(wc -l <"$T/rpm.rpm")" -eq "$n" ]; then
		echo "ok - $n rpm pairs agree with rpm.vercmp (rpm $(rpm --version | awk '{print $3}'), exit $rc)"
	else
		echo "not ok - rpm: $bad of $n pairs differ from rpm.vercmp (A B rpm ours):"
		head -20 "$T/rpm.diff" | sed 's/^/#   /'
	fi
fi
