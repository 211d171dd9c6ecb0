#!/usr/bin/env python3
"""Write a small OCI image layout for a test: mkoci.py DEST < SPEC.json

SPEC: {"config": {...image config "config" object...},
       "layers": [[[path, kind, mode, data], ...], ...],
       "platforms": optional list of {"os", "architecture", "variant"} (one image each,
                    the same layers, in one image index),
       "config_variant": false to leave "variant" out of the configs (as many arm images do),
       "created": the config's creation time,
       "history": the config's history list ({"created_by": ...}, ...)}
kind: f file (data: text, or {"hex": "..."} or {"host": "/path"}), d folder, l symlink
(data: target), h hard link (data: target path), wh whiteout of data (a path).
"""
import hashlib, io, json, os, sys, tarfile

dest = sys.argv[1]
spec = json.load(sys.stdin)
os.makedirs(os.path.join(dest, "blobs", "sha256"), exist_ok=True)


def blob(data, mt):
    h = hashlib.sha256(data).hexdigest()
    with open(os.path.join(dest, "blobs", "sha256", h), "wb") as f:
        f.write(data)
    return {"mediaType": mt, "digest": "sha256:" + h, "size": len(data)}


def content(d):
    if isinstance(d, dict) and "hex" in d:
        return bytes.fromhex(d["hex"])
    if isinstance(d, dict) and "host" in d:
        return open(d["host"], "rb").read()
    return (d or "").encode()


def layer(entries):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        for path, kind, mode, data in entries:
            if kind == "wh":
                head, _, base = data.rpartition("/")
                path, kind, data = (head + "/" if head else "") + ".wh." + base, "f", ""
            ti = tarfile.TarInfo(path)
            ti.mode, ti.mtime = mode, 1704067200
            if kind == "d":
                ti.type = tarfile.DIRTYPE
                t.addfile(ti)
            elif kind in ("l", "h"):
                ti.type = tarfile.SYMTYPE if kind == "l" else tarfile.LNKTYPE
                ti.linkname = data
                t.addfile(ti)
            else:
                b = content(data)
                ti.size = len(b)
                t.addfile(ti, io.BytesIO(b))
    return buf.getvalue()


tars = [layer(l) for l in spec["layers"]]
descs = [blob(t, "application/vnd.oci.image.layer.v1.tar") for t in tars]
manifests = []
for p in spec.get("platforms") or [{"os": "linux", "architecture": "amd64"}]:
    cfg = {k: v for k, v in p.items() if k != "variant" or spec.get("config_variant", True)}
    cfg.update({"config": spec.get("config", {}),
                "rootfs": {"type": "layers",
                           "diff_ids": ["sha256:" + hashlib.sha256(t).hexdigest() for t in tars]}})
    if "created" in spec:
        cfg["created"] = spec["created"]
    if "history" in spec:
        cfg["history"] = spec["history"]
    cd = blob(json.dumps(cfg).encode(), "application/vnd.oci.image.config.v1+json")
    man = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
           "config": cd, "layers": descs}
    md = blob(json.dumps(man).encode(), "application/vnd.oci.image.manifest.v1+json")
    md["platform"] = p
    manifests.append(md)
with open(os.path.join(dest, "oci-layout"), "w") as f:
    f.write('{"imageLayoutVersion": "1.0.0"}')
with open(os.path.join(dest, "index.json"), "w") as f:
    json.dump({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
               "manifests": manifests}, f)
