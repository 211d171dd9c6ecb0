#!/usr/bin/env bash
# The apk reader on the real Alpine 3.20.3 minirootfs (../shared), read as a
# dir: root filesystem: 14 packages, libssl3 3.3.2-r0 from origin openssl.
. "$SRC/tests/e2e/lib/inspect.sh"
tgz=$SHARED/data/rootfs/alpine-minirootfs-3.20.3-x86_64.tar.gz
if [ ! -f "$tgz" ]; then
	skip "alpine minirootfs" "needs ../shared"
	exit 0
fi
mkdir -p "$TMP/root"
tar -xzf "$tgz" -C "$TMP/root" 2>/dev/null
inspect_json "dir:$TMP/root" --fail-on none
expect "class, libc, shell, db, packages, checks" "$got" "alpine musl/1.2.5 /bin/sh apk 14 BI207"
got=$(python3 - "$TMP/out.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
p = {x["name"]: x for x in d["packages"]}
print(p["libssl3"]["version"], p["libssl3"]["source"], p["libcrypto3"]["source"],
      p["musl"]["version"], d["os"]["id"], d["os"]["version_id"], d["package_manager"])
PY
)
expect "libssl3 and friends" "$got" "3.3.2-r0 openssl openssl 1.2.5-r0 alpine 3.20.3 apk"

# A damaged database: a stanza without P: and garbage lines are warnings.
printf 'P:\nV:1\n\nnot a field\nP:ok-pkg\nV:2-r0\n' >>"$TMP/root/lib/apk/db/installed"
inspect_json "dir:$TMP/root" --fail-on none
expect "damaged stanza: still read" "$rc" 0
got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["packages"]), len(d["warnings"]) > 0)' "$TMP/out.json")
expect "damaged stanza: 15 packages and warnings" "$got" "15 True"
exit 0
