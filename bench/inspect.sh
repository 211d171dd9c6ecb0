#!/usr/bin/env bash
# bench/inspect.sh: `baseimg inspect` beside `gzip -dc` and `igzip -dc` of the
# same layer blobs, on the real mkimages images and on synthetic 10 MB and
# 2 GB images (built once under /var/tmp, never in the repository).
# Reports wall time (best of RUNS), the ratio to igzip/gzip, and peak RSS.
# Targets (issue 3): full image <= 1.0x igzip -dc, single-layer slim <= 1.3x,
# < 64 MiB peak everywhere, memory flat from 10 MB to 2 GB.
#   bench/inspect.sh [IMAGE_CACHE]     RUNS=3 BASEIMG=build/baseimg NO_SYNTH=1
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
BASEIMG=${BASEIMG:-$SRC/build/baseimg}
CACHE=${1:-${BASEIMG_IMAGE_CACHE:-/var/tmp/baseimg-images}}
SYNTH=${BASEIMG_BENCH_SYNTH:-/var/tmp/baseimg-bench}
RUNS=${RUNS:-3}
export LC_ALL=C

if ! "$BASEIMG" inspect --help >/dev/null 2>&1; then
	echo "bench: $BASEIMG inspect is not available" >&2
	exit 1
fi

# best_of CMD...: prints "seconds peak_kib cpu_seconds" (best wall time, max RSS,
# CPU time of the best run). CPU time is the steadier measure on a busy machine.
best_of() {
	local best="" rss=0 cpu=0 out t m c tf
	tf=$(mktemp)
	for _ in $(seq "$RUNS"); do
		/usr/bin/time -o "$tf" -f "TIME %e %M %U %S" "$@" >/dev/null 2>&1
		out=$(grep '^TIME' "$tf")
		t=$(awk '{print $2}' <<<"$out")
		m=$(awk '{print $3}' <<<"$out")
		c=$(awk '{print $4 + $5}' <<<"$out")
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then
			best=$t
			cpu=$c
		fi
		[ "$m" -gt "$rss" ] && rss=$m
	done
	rm -f "$tf"
	echo "$best $rss $cpu"
}

layers_of() { # the layer blobs of an OCI layout (tag latest / the only image)
	python3 - "$1" <<'PY'
import json, sys, os
d = sys.argv[1]
def blob(dg): return os.path.join(d, "blobs", *dg.split(":"))
idx = json.load(open(os.path.join(d, "index.json")))
m = idx["manifests"][0]
doc = json.load(open(blob(m["digest"])))
while "manifests" in doc:
    ms = [x for x in doc["manifests"] if x.get("platform", {}).get("architecture") in ("amd64", None)]
    doc = json.load(open(blob((ms or doc["manifests"])[0]["digest"])))
for l in doc["layers"]:
    print(blob(l["digest"]))
PY
}

printf "%-18s %8s %8s %8s %8s %8s %9s %9s %s\n" image "inspect" "igzip" "gzip" "x igzip" "x gzip" "cpu/igzip" "peak" "target"
row() { # row NAME LAYOUT TARGET
	local name=$1 dir=$2 target=$3 layers a b c
	layers=$(layers_of "$dir" | tr '\n' ' ')
	a=$(best_of "$BASEIMG" inspect --format json "oci:$dir")
	b=$(best_of sh -c "for f in $layers; do igzip -dc \$f || zstd -dcq \$f; done")
	c=$(best_of sh -c "for f in $layers; do gzip -dc \$f || zstd -dcq \$f; done")
	set -- $a $b $c
	awk -v n="$name" -v a="$1" -v rss="$2" -v ac="$3" -v b="$4" -v bc="$6" -v c="$7" -v t="$target" 'BEGIN{
		ri = b > 0 ? a / b : 0; rg = c > 0 ? a / c : 0; rc = bc > 0 ? ac / bc : 0;
		ok = (t == "" || ri <= t + 0) && rss < 65536 ? "" : "  <-- MISSED";
		printf "%-18s %7.2fs %7.2fs %7.2fs %7.2fx %7.2fx %8.2fx %6.1f MiB %s%s\n", n, a, b, c, ri, rg, rc, rss/1024, t == "" ? "-" : "<= " t "x", ok }'
}

if [ -d "$CACHE/oci" ]; then
	for n in full slim distroless alpine alpine-zstd scratch-static; do
		[ -f "$CACHE/oci/$n/index.json" ] || continue
		t=""
		[ "$n" = full ] && t=1.0
		[ "$n" = slim ] && t=1.3
		row "$n" "$CACHE/oci/$n" "$t"
	done
else
	echo "(no real images in $CACHE: run scripts/mkimages-cache.sh)"
fi

# Synthetic images: same shape (files of 1 MiB, 4 layers), 10 MB and 2 GB.
synth() { # synth DIR TOTAL_MIB
	[ -f "$1/index.json" ] && return 0
	mkdir -p "$1"
	python3 - "$1" "$2" <<'PY'
import hashlib, io, json, os, random, subprocess, sys, tarfile
out, total = sys.argv[1], int(sys.argv[2])
os.makedirs(os.path.join(out, "blobs", "sha256"), exist_ok=True)
rnd = random.Random(42)
chunk = bytes(rnd.getrandbits(8) for _ in range(65536))
def blob(data):
    d = hashlib.sha256(data).hexdigest()
    open(os.path.join(out, "blobs", "sha256", d), "wb").write(data)
    return {"digest": "sha256:" + d, "size": len(data)}
layers, diffs, nl = [], [], 4
for l in range(nl):
    tmp = os.path.join(out, "layer.tar")
    with tarfile.open(tmp, "w", format=tarfile.GNU_FORMAT) as t:
        for i in range(max(1, total // nl)):
            # half compressible text, half random-ish bytes: about 3:1 like real layers
            data = (b"line %d of file %d in layer %d\n" % (i, i, l)) * 16384 + chunk * 4
            data = data[: 1 << 20]
            ti = tarfile.TarInfo("data/l%d/f%05d" % (l, i)); ti.size = len(data); ti.mtime = 0
            t.addfile(ti, io.BytesIO(data))
    h = hashlib.sha256()
    with open(tmp, "rb") as f:
        for b in iter(lambda: f.read(1 << 20), b""):
            h.update(b)
    diffs.append("sha256:" + h.hexdigest())
    gz = subprocess.run(["igzip", "-1", "-c", tmp], check=True, stdout=subprocess.PIPE).stdout
    os.unlink(tmp)
    d = blob(gz); d["mediaType"] = "application/vnd.oci.image.layer.v1.tar+gzip"
    layers.append(d)
cfg = blob(json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                       "rootfs": {"type": "layers", "diff_ids": diffs}}).encode())
cfg["mediaType"] = "application/vnd.oci.image.config.v1+json"
man = blob(json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                       "config": cfg, "layers": layers}).encode())
man["mediaType"] = "application/vnd.oci.image.manifest.v1+json"
open(os.path.join(out, "oci-layout"), "w").write('{"imageLayoutVersion":"1.0.0"}')
json.dump({"schemaVersion": 2, "manifests": [man]}, open(os.path.join(out, "index.json"), "w"))
PY
}
if [ -z "${NO_SYNTH:-}" ]; then
	echo "(synthetic images in $SYNTH; the 2 GB one takes a minute to build once)" >&2
	synth "$SYNTH/10mb" 10 && row "synthetic 10 MB" "$SYNTH/10mb" ""
	synth "$SYNTH/2gb" 2048 && row "synthetic 2 GB" "$SYNTH/2gb" ""
fi
