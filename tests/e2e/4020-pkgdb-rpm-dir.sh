#!/usr/bin/env bash
# The rpm reader end to end: a dir: root with a real SQLite rpmdb
# (var/lib/rpm/rpmdb.sqlite, table Packages(hnum, blob)) written by Python's
# sqlite3, holding RPM header blobs built here: name, epoch, version, release,
# arch, source rpm; the gpg-pubkey pseudo-package is skipped; a damaged blob
# is a warning. Then the CycloneDX purls with epoch and distro.
. "$SRC/tests/e2e/lib/inspect.sh"
r=$TMP/rocky
mkdir -p "$r/etc" "$r/var/lib/rpm" "$r/usr/bin" "$r/bin"
printf 'NAME="Rocky Linux"\nID="rocky"\nID_LIKE="rhel centos fedora"\nVERSION_ID="9.4"\n' >"$r/etc/os-release"
python3 - "$r/var/lib/rpm/rpmdb.sqlite" <<'PY'
import sqlite3, struct, sys
def header(name, ver, rel, arch, srpm, epoch=None, files=()):
    idx, data = [], bytearray()
    def s(tag, v):
        idx.append((tag, 6, len(data), 1)); data.extend(v.encode() + b"\0")
    def sa(tag, vs):
        idx.append((tag, 8, len(data), len(vs)))
        for v in vs: data.extend(v.encode() + b"\0")
    def i32(tag, vs):
        while len(data) % 4: data.append(0)
        idx.append((tag, 4, len(data), len(vs)))
        for v in vs: data.extend(struct.pack(">I", v))
    s(1000, name); s(1001, ver); s(1002, rel)
    if arch: s(1022, arch)
    if srpm: s(1044, srpm)
    if epoch is not None: i32(1003, [epoch])
    if files:
        dirs = sorted({f.rsplit("/", 1)[0] + "/" for f in files})
        sa(1118, dirs); sa(1117, [f.rsplit("/", 1)[1] for f in files])
        i32(1116, [dirs.index(f.rsplit("/", 1)[0] + "/") for f in files])
    out = struct.pack(">II", len(idx), len(data))
    for t in idx: out += struct.pack(">IIII", *t)
    return out + bytes(data)
db = sqlite3.connect(sys.argv[1])
db.execute("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)")
for b in [header("openssl-libs", "3.0.7", "27.el9", "x86_64", "openssl-3.0.7-27.el9.src.rpm", 1,
                 ["/usr/lib64/libssl.so.3"]),
          header("bash", "5.1.8", "9.el9", "x86_64", "bash-5.1.8-9.el9.src.rpm", None, ["/usr/bin/bash"]),
          header("gpg-pubkey", "350d275d", "6279464b", None, None),
          b"\x00\x00\x00\x05garbage"]:
    db.execute("INSERT INTO Packages(blob) VALUES (?)", (b,))
db.commit()
PY
inspect_json "dir:$r" --fail-on none
expect "rpm: class, db, packages" "$got" "distroless none - rpm 2 BI207"
got=$(python3 - "$TMP/out.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join("%s=%s/%s/%s/%s" % (p["name"], p["version"], p["arch"], p["source"], p["source_version"])
               for p in d["packages"]), len(d["warnings"]))
PY
)
expect "rpm: EVR, arch, source rpm; one warning" "$got" \
	"bash=5.1.8-9.el9/x86_64/bash/5.1.8-9.el9 openssl-libs=1:3.0.7-27.el9/x86_64/openssl/1:3.0.7-27.el9 1"
"$BASEIMG" inspect --format cyclonedx --fail-on none "dir:$r" >"$TMP/cdx.json"
grep -q '"purl": "pkg:rpm/rocky/openssl-libs@3.0.7-27.el9?arch=x86_64&distro=rocky-9.4&epoch=1&upstream=openssl"' "$TMP/cdx.json" &&
	ok "rpm purl: epoch qualifier, distro, upstream" || notok "rpm purl: $(grep openssl-libs "$TMP/cdx.json" | head -1)"

# not an SQLite file: exit 3 naming the database
printf 'this is not sqlite' >"$r/var/lib/rpm/rpmdb.sqlite"
"$BASEIMG" inspect "dir:$r" >/dev/null 2>"$TMP/err"
expect "corrupt rpmdb: exit 3" "$?" 3
grep -q 'rpmdb.sqlite' "$TMP/err" && ok "corrupt rpmdb: named" || notok "corrupt rpmdb: named ($(cat "$TMP/err"))"
exit 0
