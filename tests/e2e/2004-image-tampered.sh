#!/usr/bin/env bash
# Tampered manifest and config blobs (issue 9 §3): the other hostile fixtures
# only ever alter layer blobs, so a build whose manifest or config digest check
# is gone passed every test. Each case here keeps the JSON valid and the blob
# under its old digest-named file, so only the digest check can refuse it:
# exit 3, one line naming the blob and the digest its content really has, and
# nothing from the tampered content on stdout.
set -u
FX=${BI_BUILDDIR:-$SRC/build}/fixtures
"$SRC/scripts/mkfixtures.sh" "$FX" >/dev/null 2>&1 || { echo "not ok - mkfixtures.sh failed"; exit 1; }
T=$TMP/tampered
mkdir -p "$T"

# tamper LAYOUT WHAT: rewrite the manifest or config blob of LAYOUT in place.
#   manifest-ws     same size, one ": " becomes ":\t" (valid JSON, new digest)
#   manifest-swap   the manifest points at an attacker's config (a correctly
#                   named blob with Cmd ["/evil"]); the manifest's own file
#                   name still claims the old digest
#   config-cmd      same size, Cmd "/bin/sh" becomes "/bin/su"
#   config-grown    Cmd "/bin/sh" becomes "/bin/evil" (the size differs too)
tamper() {
	python3 - "$1" "$2" <<'EOF'
import hashlib, json, os, sys
lay, what = sys.argv[1], sys.argv[2]
blob = lambda d: os.path.join(lay, "blobs", *d.split(":"))
idx = json.load(open(os.path.join(lay, "index.json")))
md = idx["manifests"][0]
man_path = blob(md["digest"])
man_raw = open(man_path, "rb").read()
man = json.loads(man_raw)
cfg_path = blob(man["config"]["digest"])
cfg_raw = open(cfg_path, "rb").read()
if what == "manifest-ws":
    new = man_raw.replace(b": ", b":\t", 1)
    assert len(new) == len(man_raw) and new != man_raw
    open(man_path, "wb").write(new)
elif what == "manifest-swap":
    evil = cfg_raw.replace(b'"Cmd": ["/bin/sh"]', b'"Cmd": ["/evil"]')
    assert evil != cfg_raw
    h = hashlib.sha256(evil).hexdigest()
    open(os.path.join(lay, "blobs", "sha256", h), "wb").write(evil)
    man["config"]["digest"] = "sha256:" + h
    man["config"]["size"] = len(evil)
    new = json.dumps(man, sort_keys=True).encode()
    # Keep the descriptor's size right, so only the digest tells.
    md["size"] = len(new)
    open(os.path.join(lay, "index.json"), "w").write(json.dumps(idx, sort_keys=True))
    open(man_path, "wb").write(new)
elif what == "config-cmd":
    new = cfg_raw.replace(b'"/bin/sh"', b'"/bin/su"')
    assert len(new) == len(cfg_raw) and new != cfg_raw
    open(cfg_path, "wb").write(new)
elif what == "config-grown":
    new = cfg_raw.replace(b'"/bin/sh"', b'"/bin/evil"')
    # The descriptor size follows, so the size check cannot catch it either.
    man["config"]["size"] = len(new)
    mraw = json.dumps(man, sort_keys=True).encode()
    os.unlink(man_path)
    mh = hashlib.sha256(mraw).hexdigest()
    open(os.path.join(lay, "blobs", "sha256", mh), "wb").write(mraw)
    md["digest"], md["size"] = "sha256:" + mh, len(mraw)
    open(os.path.join(lay, "index.json"), "w").write(json.dumps(idx, sort_keys=True))
    open(cfg_path, "wb").write(new)
else:
    sys.exit("unknown tamper " + what)
EOF
}

# refused NAME WHAT PATTERN IMAGE...: baseimg inspect IMAGE exits 3 with one
# line matching PATTERN and prints nothing on stdout.
refused() {
	local name=$1 pat=$2 out err rc
	shift 2
	out=$("$BASEIMG" inspect "$@" 2>"$T/err")
	rc=$?
	err=$(cat "$T/err")
	if [ "$rc" = 3 ] && [ "$(wc -l <"$T/err")" = 1 ] && grep -qE -- "$pat" <<<"$err" &&
		[ -z "$out" ]; then
		echo "ok - $name: exit 3, $pat"
	else
		echo "not ok - $name (exit $rc): $err${out:+ / stdout: $(head -c 200 <<<"$out" | tr "\n" " ")}"
	fi
}

hex='[0-9a-f]{64}'
for w in manifest-ws manifest-swap; do
	rm -rf "$T/$w" && cp -r "$FX/oci/alpine" "$T/$w" && tamper "$T/$w" $w ||
		{ echo "not ok - cannot build $w"; continue; }
	refused "oci layout, $w" "manifest sha256:$hex: content has digest sha256:$hex" "oci:$T/$w"
done
for w in config-cmd config-grown; do
	rm -rf "$T/$w" && cp -r "$FX/oci/alpine" "$T/$w" && tamper "$T/$w" $w ||
		{ echo "not ok - cannot build $w"; continue; }
	refused "oci layout, $w" "config sha256:$hex: content has digest sha256:$hex" "oci:$T/$w"
done

# The same inside an oci-archive (a tar of the layout) and auto-detected.
(cd "$T/config-cmd" && tar cf "$T/config-cmd.tar" oci-layout index.json blobs) &&
	refused "oci-archive, config-cmd" "config sha256:$hex: content has digest sha256:$hex" \
		"oci-archive:$T/config-cmd.tar"
(cd "$T/manifest-swap" && tar cf "$T/manifest-swap.tar" oci-layout index.json blobs) &&
	refused "oci-archive auto-detected, manifest-swap" \
		"manifest sha256:$hex: content has digest sha256:$hex" "$T/manifest-swap.tar"

# docker save (classic): the config file is named by its digest ("HEX.json").
mkdir -p "$T/da" && tar xf "$FX/docker-archive/alpine.tar" -C "$T/da" &&
	cfg=$(cd "$T/da" && ls ./*.json | grep -v manifest.json | head -1) &&
	sed -i 's|"/bin/sh"|"/bin/su"|' "$T/da/$cfg" &&
	(cd "$T/da" && tar cf "$T/da.tar" ./*) &&
	refused "docker-archive, config-cmd" "config ${hex}.json: content has digest sha256:$hex" \
		"docker-archive:$T/da.tar"

# The untampered copies still read (the tampering, not the copying, is refused).
cp -r "$FX/oci/alpine" "$T/good"
if "$BASEIMG" inspect "oci:$T/good" >/dev/null 2>"$T/err"; then
	echo "ok - an untampered copy reads"
else
	echo "not ok - an untampered copy fails: $(cat "$T/err")"
fi
