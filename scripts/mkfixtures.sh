#!/usr/bin/env bash
# mkfixtures.sh DEST: build baseimg's own small fixture images, offline, from
# files of this machine (gcc, musl-gcc, busybox-static, the host's glibc and
# dpkg database). Writes only under DEST (default build/fixtures); idempotent
# (a stamp records the script's hash) and deterministic (fixed mtimes, owners,
# ordering, gzip without timestamps). Takes a few seconds.
#
# DEST/oci/NAME           OCI image layouts (tag "latest"), NAME among:
#   scratch-static        /hello, gcc -static, glibc
#   scratch-dynamic       /hello linked against glibc, nothing else (won't run)
#   scratch-musl          /hello, musl-gcc -static
#   distroless            glibc + loader from the host, var/lib/dpkg/status.d/,
#                         /etc/passwd with nonroot, no shell; one layer per "package"
#   alpine                musl loader, busybox-static as /bin/busybox + /bin/sh,
#                         lib/apk/db/installed, etc/os-release, etc/alpine-release
#   debian                dash as /bin/sh, glibc, var/lib/dpkg/status, apt-get
#   layered               3 layers: whiteouts, an opaque folder, a folder replaced
#   alpine-zstd           alpine with a zstd layer
#   multiarch             an index with linux/amd64 and linux/arm64 manifests
#   many-files            one layer of 200,000 entries
# DEST/oci-archive/alpine.tar, DEST/docker-archive/alpine.tar (classic docker save),
# DEST/docker-archive/alpine-oci.tar (docker save of Docker 25+: OCI layout + manifest.json)
# DEST/hostile/NAME       broken on purpose (each must fail with exit 3 unless noted):
#   flipped-byte          a byte of the layer blob flipped            -> digest error
#   wrong-diffid          the config's diff_id altered                -> digest error
#   truncated-gzip        the layer blob cut short (descriptor updated) -> format error
#   dotdot                a "../../etc/evil" entry                    -> format error
#   abspath               "/etc/abs" entries: read inside the root (works, warning)
#   symlink-escape        links pointing far above the root (works, resolved inside)
#   bomb-zstd, bomb-gzip  200 MB of zeros                            -> limit error
#   bad-json              a manifest that is not JSON                 -> format error
#   bad-mediatype         a tar+lz4 layer                             -> unsupported
#   missing-blob          a layer blob absent                         -> not found
#   big-dotdot, big-flipped  the same faults in a 12 MiB layer (pipelined decoding)
#   sha512                a sha512 layer digest (supported)
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
DEST=${1:-$SRC/build/fixtures}
mkdir -p "$DEST"
DEST=$(cd "$DEST" && pwd)
stamp="$DEST/.stamp"
hash=$(sha256sum "$0" | cut -c1-16)

exec 9>"$DEST/.lock"
flock 9
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
	exit 0
fi
find "$DEST" -mindepth 1 -maxdepth 1 ! -name .lock -exec rm -rf {} +
work="$DEST/.work"
mkdir -p "$work"

# ---- binaries ----
cat >"$work/hello.c" <<'EOF'
#include <stdio.h>
int main(void) { puts("hello from a fixture"); return 0; }
EOF
gcc -O2 -static -o "$work/hello-static" "$work/hello.c"
gcc -O2 -o "$work/hello-dynamic" "$work/hello.c"
if command -v musl-gcc >/dev/null; then
	musl-gcc -O2 -static -o "$work/hello-musl" "$work/hello.c"
	musl-gcc -O2 -o "$work/hello-musl-dyn" "$work/hello.c"
fi
dpkg -s libc6 base-files dash 2>/dev/null >"$work/status" || true

python3 - "$DEST" "$work" <<'PY'
import gzip, hashlib, io, json, os, random, shutil, subprocess, sys, tarfile

DEST, WORK = sys.argv[1], sys.argv[2]
MTIME = 1704067200
CREATED = "2024-01-01T00:00:00Z"

def host(path):
    """Bytes of a host file (following symlinks), or None."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None

def work(name):
    return host(os.path.join(WORK, name))

# ---- tar layers ----
# An entry: (path, kind, mode, data_or_target); kind: f file, d dir, l symlink, h hard link

def tar_bytes(entries, fmt=tarfile.PAX_FORMAT):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as t:
        for path, kind, mode, data in entries:
            ti = tarfile.TarInfo(path)
            ti.mtime = MTIME
            ti.mode = mode
            ti.uid = ti.gid = 0
            ti.uname = ti.gname = "root"
            if kind == "d":
                ti.type = tarfile.DIRTYPE
                t.addfile(ti)
            elif kind == "l":
                ti.type = tarfile.SYMTYPE
                ti.linkname = data
                t.addfile(ti)
            elif kind == "h":
                ti.type = tarfile.LNKTYPE
                ti.linkname = data
                t.addfile(ti)
            else:
                ti.size = len(data)
                t.addfile(ti, io.BytesIO(data))
    return buf.getvalue()

def gz(data):
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, compresslevel=6) as g:
        g.write(data)
    return out.getvalue()

def zstd(data):
    return subprocess.run(["zstd", "-q", "-c", "-3"], input=data, check=True,
                          stdout=subprocess.PIPE).stdout

MT_LAYER = {"gzip": "application/vnd.oci.image.layer.v1.tar+gzip",
            "zstd": "application/vnd.oci.image.layer.v1.tar+zstd",
            "none": "application/vnd.oci.image.layer.v1.tar"}

def sha(b, algo="sha256"):
    return algo + ":" + hashlib.new(algo, b).hexdigest()

class Layout:
    """A tiny OCI image layout writer."""
    def __init__(self, path):
        self.path = path
        self.index = []
        os.makedirs(os.path.join(path, "blobs", "sha256"), exist_ok=True)

    def blob(self, data, algo="sha256"):
        d = sha(data, algo)
        os.makedirs(os.path.join(self.path, "blobs", algo), exist_ok=True)
        with open(os.path.join(self.path, "blobs", algo, d.split(":")[1]), "wb") as f:
            f.write(data)
        return {"digest": d, "size": len(data)}

    def image(self, layers, config_extra=None, comp="gzip", tag="latest", arch="amd64",
              history=None, add_to_index=True):
        """layers: list of entry lists. Returns (manifest descriptor, details)."""
        tars = [tar_bytes(l) if isinstance(l, list) else l for l in layers]
        blobs, descs = [], []
        for t in tars:
            b = gz(t) if comp == "gzip" else zstd(t) if comp == "zstd" else t
            blobs.append(b)
            d = self.blob(b)
            d["mediaType"] = MT_LAYER[comp]
            descs.append(d)
        cfg = {"created": CREATED, "architecture": arch, "os": "linux",
               "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]},
               "rootfs": {"type": "layers", "diff_ids": [sha(t) for t in tars]},
               "history": history or [{"created": CREATED, "created_by": "fixture layer %d" % i}
                                      for i in range(len(tars))]}
        if config_extra:
            cfg["config"].update(config_extra)
        cfg_bytes = json.dumps(cfg, sort_keys=True).encode()
        cd = self.blob(cfg_bytes)
        cd["mediaType"] = "application/vnd.oci.image.config.v1+json"
        man = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
               "config": cd, "layers": descs}
        mb = json.dumps(man, sort_keys=True).encode()
        md = self.blob(mb)
        md["mediaType"] = "application/vnd.oci.image.manifest.v1+json"
        if add_to_index:
            entry = dict(md)
            entry["platform"] = {"os": "linux", "architecture": arch}
            if tag:
                entry["annotations"] = {"org.opencontainers.image.ref.name": tag}
            self.index.append(entry)
        return md, {"tars": tars, "blobs": blobs, "config": cfg, "config_bytes": cfg_bytes,
                    "manifest": man}

    def close(self):
        with open(os.path.join(self.path, "oci-layout"), "w") as f:
            f.write('{"imageLayoutVersion": "1.0.0"}')
        with open(os.path.join(self.path, "index.json"), "w") as f:
            json.dump({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                       "manifests": self.index}, f, sort_keys=True)

def layout(name, sub="oci"):
    return Layout(os.path.join(DEST, sub, name))

def dirs(*paths):
    return [(p, "d", 0o755, None) for p in paths]

# ---- the images ----
hello_static = work("hello-static")
hello_dyn = work("hello-dynamic")
hello_musl = work("hello-musl")
hello_musl_dyn = work("hello-musl-dyn")
libc = host("/lib/x86_64-linux-gnu/libc.so.6")
ld = host("/lib64/ld-linux-x86-64.so.2")
os_release_deb = host("/etc/os-release") or b'ID=debian\nVERSION_ID="12"\n'
status = work("status") or b""

def stanza(pkg):
    for s in status.decode(errors="replace").split("\n\n"):
        if s.startswith("Package: %s\n" % pkg):
            return (s.strip() + "\n").encode()
    return ("Package: %s\nStatus: install ok installed\nVersion: 0\nArchitecture: amd64\n" % pkg).encode()

ENTRY = {"Entrypoint": ["/hello"]}

L = layout("scratch-static"); L.image([[("hello", "f", 0o755, hello_static)]], ENTRY); L.close()
L = layout("scratch-dynamic"); L.image([[("hello", "f", 0o755, hello_dyn)]], ENTRY); L.close()
if hello_musl:
    L = layout("scratch-musl"); L.image([[("hello", "f", 0o755, hello_musl)]], ENTRY); L.close()

# distroless-like: one layer per "package", status.d, nonroot user, no shell
glibc_layer = dirs("lib", "lib/x86_64-linux-gnu", "lib64", "var", "var/lib", "var/lib/dpkg",
                   "var/lib/dpkg/status.d") + [
    ("lib/x86_64-linux-gnu/libc.so.6", "f", 0o755, libc),
    ("lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", "f", 0o755, ld),
    ("lib64/ld-linux-x86-64.so.2", "l", 0o777, "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"),
    ("var/lib/dpkg/status.d/libc6", "f", 0o644, stanza("libc6")),
]
base_layer = dirs("etc", "tmp", "var", "var/lib", "var/lib/dpkg", "var/lib/dpkg/status.d") + [
    ("etc/os-release", "f", 0o644, os_release_deb),
    ("etc/passwd", "f", 0o644, b"root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n"),
    ("etc/group", "f", 0o644, b"root:x:0:\nnonroot:x:65532:\n"),
    ("var/lib/dpkg/status.d/base-files", "f", 0o644, stanza("base-files")),
]
L = layout("distroless")
L.image([base_layer, glibc_layer, [("hello", "f", 0o755, hello_dyn)]],
        {"Entrypoint": ["/hello"], "User": "65532"})
L.close()

# alpine-like
busybox = host("/bin/busybox")
musl_ld = host("/lib/ld-musl-x86_64.so.1")
apk_installed = b"""C:Q1fixture0000000000000000000000=
P:musl
V:1.2.5-r0
A:x86_64
S:400000
I:600000
T:the musl c library (libc) implementation
U:https://musl.libc.org/
L:MIT
o:musl
m:Fixture <fixture@example.org>
t:1704067200

C:Q1fixture1111111111111111111111=
P:busybox
V:1.36.1-r29
A:x86_64
S:500000
I:900000
T:Size optimized toolbox of many common UNIX utilities
U:https://busybox.net/
L:GPL-2.0-only
o:busybox
m:Fixture <fixture@example.org>
t:1704067200
D:so:libc.musl-x86_64.so.1

C:Q1fixture2222222222222222222222=
P:apk-tools
V:2.14.4-r1
A:x86_64
S:100000
I:300000
T:Alpine Package Keeper - package manager for alpine
U:https://gitlab.alpinelinux.org/alpine/apk-tools
L:GPL-2.0-only
o:apk-tools
m:Fixture <fixture@example.org>
t:1704067200

"""
alpine_entries = dirs("bin", "etc", "lib", "lib/apk", "lib/apk/db", "sbin", "usr", "usr/bin") + [
    ("bin/busybox", "f", 0o755, busybox or b"#!busybox missing\n"),
    ("bin/sh", "l", 0o777, "/bin/busybox"),
    ("bin/ls", "l", 0o777, "/bin/busybox"),
    ("etc/os-release", "f", 0o644, b'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\n'),
    ("etc/alpine-release", "f", 0o644, b"3.20.3\n"),
    ("etc/passwd", "f", 0o644, b"root:x:0:0:root:/root:/bin/sh\n"),
    ("lib/apk/db/installed", "f", 0o644, apk_installed),
    ("sbin/apk", "f", 0o755, b"apk placeholder\n"),
]
if musl_ld:
    alpine_entries.append(("lib/ld-musl-x86_64.so.1", "f", 0o755, musl_ld))
    alpine_entries.append(("lib/libc.musl-x86_64.so.1", "l", 0o777, "ld-musl-x86_64.so.1"))
if hello_musl_dyn:
    alpine_entries.append(("usr/bin/hello", "f", 0o755, hello_musl_dyn))
ALP_CFG = {"Cmd": ["/bin/sh"]}
L = layout("alpine"); _, alpine = L.image([alpine_entries], ALP_CFG); L.close()
L = layout("alpine-zstd"); L.image([alpine_entries], ALP_CFG, comp="zstd"); L.close()

# debian-like
dash = host("/bin/dash") or b"dash"
deb_status = b"\n".join([stanza("base-files"), stanza("libc6"), stanza("dash")])
debian_entries = dirs("bin", "etc", "lib", "lib/x86_64-linux-gnu", "lib64", "usr", "usr/bin",
                      "var", "var/lib", "var/lib/dpkg") + [
    ("bin/dash", "f", 0o755, dash),
    ("bin/sh", "l", 0o777, "dash"),
    ("etc/os-release", "f", 0o644, os_release_deb),
    ("etc/debian_version", "f", 0o644, host("/etc/debian_version") or b"12.0\n"),
    ("lib/x86_64-linux-gnu/libc.so.6", "f", 0o755, libc),
    ("lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", "f", 0o755, ld),
    ("lib64/ld-linux-x86-64.so.2", "l", 0o777, "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"),
    ("usr/bin/apt-get", "f", 0o755, b"apt-get placeholder\n"),
    ("usr/bin/dpkg", "f", 0o755, b"dpkg placeholder\n"),
    ("var/lib/dpkg/status", "f", 0o644, deb_status),
]
L = layout("debian"); L.image([debian_entries], {"Cmd": ["bash"]}); L.close()

# layered: whiteouts, opaque folder, folder replaced by a link
l0 = dirs("etc", "opt", "opt/app", "var", "var/cache", "lib", "lib/mods") + [
    ("etc/motd", "f", 0o644, b"first\n"), ("opt/app/old.txt", "f", 0o644, b"old\n"),
    ("var/cache/big", "f", 0o644, b"x" * 4096), ("lib/mods/m1", "f", 0o644, b"m1"),
    ("etc/os-release", "f", 0o644, b"ID=fixture\nVERSION_ID=1\n")]
l1 = [("etc/.wh.motd", "f", 0o644, b""), ("var/.wh.cache", "f", 0o644, b""),
      ("opt/app/.wh..wh..opq", "f", 0o644, b""), ("opt/app/new.txt", "f", 0o644, b"new\n"),
      ("lib/mods", "l", 0o777, "/usr/lib/mods")]
l2 = [("etc/motd", "f", 0o644, b"third\n")]
L = layout("layered"); L.image([l0, l1, l2], {"Cmd": ["/bin/sh"]}); L.close()

# multiarch: an index with two platforms (and an attestation-like unknown/unknown)
L = layout("multiarch")
amd, _ = L.image([[("hello", "f", 0o755, hello_static)]], ENTRY, add_to_index=False)
arm, _ = L.image([[("hello", "f", 0o755, b"not really arm\n")]], ENTRY, arch="arm64",
                 add_to_index=False)
unk, _ = L.image([[("attestation", "f", 0o644, b"{}")]], None, add_to_index=False)
amd["platform"] = {"os": "linux", "architecture": "amd64"}
arm["platform"] = {"os": "linux", "architecture": "arm64", "variant": "v8"}
unk["platform"] = {"os": "unknown", "architecture": "unknown"}
idx = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
       "manifests": [amd, arm, unk]}
idd = L.blob(json.dumps(idx, sort_keys=True).encode())
idd["mediaType"] = "application/vnd.oci.image.index.v1+json"
idd["annotations"] = {"org.opencontainers.image.ref.name": "latest"}
L.index.append(idd)
L.close()

# many-files: 200,000 entries in one layer
many = [("d%03d" % (i // 1000), "d", 0o755, None) for i in range(0, 200000, 1000)]
many += [("d%03d/f%06d" % (i // 1000, i), "f", 0o644, b"") for i in range(200000 - len(many))]
L = layout("many-files"); L.image([tar_bytes(many, tarfile.GNU_FORMAT)], None); L.close()

# ---- archives ----
def tar_dir(src, out):
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with tarfile.open(out, "w", format=tarfile.PAX_FORMAT) as t:
        for root, ds, fs in os.walk(src):
            ds.sort()
            for name in sorted(fs):
                p = os.path.join(root, name)
                ti = t.gettarinfo(p, os.path.relpath(p, src))
                ti.mtime, ti.uid, ti.gid, ti.uname, ti.gname = MTIME, 0, 0, "", ""
                with open(p, "rb") as f:
                    t.addfile(ti, f)

tar_dir(os.path.join(DEST, "oci", "alpine"), os.path.join(DEST, "oci-archive", "alpine.tar"))

def docker_archive(out, det, tags):
    os.makedirs(os.path.dirname(out), exist_ok=True)
    files = []
    cfg_name = hashlib.sha256(det["config_bytes"]).hexdigest() + ".json"
    files.append((cfg_name, det["config_bytes"]))
    layer_names = []
    for i, t in enumerate(det["tars"]):
        lid = hashlib.sha256(b"layer%d" % i + t[:64]).hexdigest()
        layer_names.append(lid + "/layer.tar")
        files.append((lid + "/VERSION", b"1.0"))
        files.append((lid + "/layer.tar", t))
    man = [{"Config": cfg_name, "RepoTags": tags, "Layers": layer_names}]
    files.append(("manifest.json", json.dumps(man).encode()))
    files.append(("repositories", json.dumps({t.split(":")[0]: {t.split(":")[1]: layer_names[-1].split("/")[0]} for t in tags}).encode()))
    with tarfile.open(out, "w", format=tarfile.USTAR_FORMAT) as tf:
        for name, data in files:
            ti = tarfile.TarInfo(name)
            ti.size, ti.mtime, ti.mode = len(data), MTIME, 0o644
            tf.addfile(ti, io.BytesIO(data))

docker_archive(os.path.join(DEST, "docker-archive", "alpine.tar"), alpine,
               ["fixture/alpine:latest", "fixture/alpine:3.20"])

def docker_archive_oci(out, det, tag):
    """docker save of Docker 25+: an OCI layout (uncompressed layers) plus manifest.json."""
    files, layer_names, descs = {}, [], []
    def blob(data):
        h = hashlib.sha256(data).hexdigest()
        files["blobs/sha256/" + h] = data
        return "blobs/sha256/" + h, {"digest": "sha256:" + h, "size": len(data)}
    cfg_name, cd = blob(det["config_bytes"])
    cd["mediaType"] = "application/vnd.oci.image.config.v1+json"
    for t in det["tars"]:
        name, d = blob(t)
        d["mediaType"] = MT_LAYER["none"]
        layer_names.append(name)
        descs.append(d)
    _, md = blob(json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                             "config": cd, "layers": descs}, sort_keys=True).encode())
    md["mediaType"] = "application/vnd.oci.image.manifest.v1+json"
    md["annotations"] = {"io.containerd.image.name": "docker.io/" + tag,
                         "org.opencontainers.image.ref.name": tag.split(":")[1]}
    files["index.json"] = json.dumps({"schemaVersion": 2, "manifests": [md]}).encode()
    files["oci-layout"] = b'{"imageLayoutVersion":"1.0.0"}'
    files["manifest.json"] = json.dumps([{"Config": cfg_name, "RepoTags": [tag],
                                          "Layers": layer_names}]).encode()
    with tarfile.open(out, "w", format=tarfile.PAX_FORMAT) as tf:
        for name in sorted(files):
            ti = tarfile.TarInfo(name)
            ti.size, ti.mtime, ti.mode = len(files[name]), MTIME, 0o644
            tf.addfile(ti, io.BytesIO(files[name]))

docker_archive_oci(os.path.join(DEST, "docker-archive", "alpine-oci.tar"), alpine,
                   "fixture/alpine:3.20")

# ---- hostile ----
def hostile(name):
    return layout(name, "hostile")

def rewrite_manifest(L, md, man):
    os.unlink(os.path.join(L.path, "blobs", "sha256", md["digest"].split(":")[1]))
    nd = L.blob(json.dumps(man, sort_keys=True).encode())
    L.index[-1].update(nd)

simple = [("etc", "d", 0o755, None), ("etc/os-release", "f", 0o644, b"ID=hostile\n"),
          ("data", "f", 0o644, bytes(range(256)) * 64)]

L = hostile("flipped-byte"); md, det = L.image([simple]); L.close()
p = os.path.join(L.path, "blobs", "sha256", det["manifest"]["layers"][0]["digest"].split(":")[1])
b = bytearray(open(p, "rb").read()); b[len(b) // 2] ^= 0x01; open(p, "wb").write(bytes(b))

L = hostile("wrong-diffid"); md, det = L.image([simple])
cfg = det["config"]; cfg["rootfs"]["diff_ids"][0] = "sha256:" + "0" * 64
man = det["manifest"]; cd = L.blob(json.dumps(cfg, sort_keys=True).encode())
cd["mediaType"] = man["config"]["mediaType"]; man["config"] = cd
rewrite_manifest(L, md, man); L.close()

L = hostile("truncated-gzip"); md, det = L.image([simple]); man = det["manifest"]
short = det["blobs"][0][: len(det["blobs"][0]) * 2 // 3]
nd = L.blob(short); nd["mediaType"] = MT_LAYER["gzip"]; man["layers"][0] = nd
rewrite_manifest(L, md, man); L.close()

L = hostile("dotdot"); L.image([simple + [("../../etc/evil", "f", 0o644, b"evil\n"),
                                           ("/etc/abs", "f", 0o644, b"abs\n")]]); L.close()
L = hostile("abspath"); L.image([simple + [("/etc/abs", "f", 0o644, b"abs\n"),
                                            ("/usr/bin/tool", "f", 0o755, b"t")]]); L.close()
L = hostile("symlink-escape"); L.image([simple + [
    ("escape", "l", 0o777, "../../../../../../etc/shadow"),
    ("etc/passwd", "l", 0o777, "/../../../../etc/passwd"),
    ("loop", "l", 0o777, "loop2"), ("loop2", "l", 0o777, "/loop")]]); L.close()

zeros = bytes(200 * 1000 * 1000)
bomb = tar_bytes([("zeros", "f", 0o644, zeros)])
del zeros
L = hostile("bomb-zstd"); L.image([bomb], comp="zstd"); L.close()
L = hostile("bomb-gzip")
bgz = subprocess.run(["gzip", "-9", "-n", "-c"], input=bomb, check=True, stdout=subprocess.PIPE).stdout
md, det = L.image([[("x", "f", 0o644, b"x")]]); man = det["manifest"]
nd = L.blob(bgz); nd["mediaType"] = MT_LAYER["gzip"]; man["layers"][0] = nd
cfg = det["config"]; cfg["rootfs"]["diff_ids"][0] = sha(bomb)
cd = L.blob(json.dumps(cfg, sort_keys=True).encode()); cd["mediaType"] = man["config"]["mediaType"]
man["config"] = cd; rewrite_manifest(L, md, man); L.close()
del bomb, bgz

L = hostile("bad-json"); md, det = L.image([simple])
os.unlink(os.path.join(L.path, "blobs", "sha256", md["digest"].split(":")[1]))
nd = L.blob(b'{"schemaVersion": 2, "config": {"digest": ')
L.index[-1].update(nd); L.close()

L = hostile("bad-mediatype"); md, det = L.image([simple]); man = det["manifest"]
man["layers"][0]["mediaType"] = "application/vnd.oci.image.layer.v1.tar+lz4"
rewrite_manifest(L, md, man); L.close()

L = hostile("missing-blob"); md, det = L.image([simple]); L.close()
os.unlink(os.path.join(L.path, "blobs", "sha256", det["manifest"]["layers"][0]["digest"].split(":")[1]))

# Big layers (decoded in a pipeline thread): an early error must stop it cleanly.
rnd = random.Random(7).randbytes(12 << 20)  # 12 MiB that gzip cannot shrink
L = hostile("big-dotdot"); L.image([[("../evil", "f", 0o644, b"x"), ("big", "f", 0o644, rnd)]]); L.close()
L = hostile("big-flipped"); md, det = L.image([[("etc/os-release", "f", 0o644, b"ID=x\n"), ("big", "f", 0o644, rnd)]]); L.close()
p = os.path.join(L.path, "blobs", "sha256", det["manifest"]["layers"][0]["digest"].split(":")[1])
b = bytearray(open(p, "rb").read()); b[len(b) // 3] ^= 0x40; open(p, "wb").write(bytes(b))
del rnd

L = hostile("sha512"); md, det = L.image([simple]); man = det["manifest"]
nd = L.blob(det["blobs"][0], "sha512"); nd["mediaType"] = MT_LAYER["gzip"]; man["layers"][0] = nd
rewrite_manifest(L, md, man); L.close()
PY

rm -rf "$work"
echo "$hash" >"$stamp"
echo "mkfixtures: images in $DEST" >&2
