#!/usr/bin/env bash
# dpkg status and distroless status.d read from dir: root filesystems made
# here: installed-only stanzas, Source with its own version, *.md5sums skipped.
. "$SRC/tests/e2e/lib/inspect.sh"
r=$TMP/deb
mkdir -p "$r/etc" "$r/var/lib/dpkg/info"
printf 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n' >"$r/etc/os-release"
cat >"$r/var/lib/dpkg/status" <<'S'
Package: libssl3
Status: install ok installed
Architecture: amd64
Source: openssl (3.0.15-1~deb12u1)
Version: 3.0.15-1~deb12u1+b1

Package: wget
Status: deinstall ok config-files
Architecture: amd64
Version: 1.21.3-1+b2

Package: zlib1g
Status: install ok installed
Architecture: amd64
Source: zlib
Version: 1:1.2.13.dfsg-1
S
inspect_json "dir:$r" --fail-on none
expect "dpkg: class and counts (no shell, no apt: distroless)" "$got" "distroless none - dpkg 2 BI207"
got=$(python3 -c 'import json,sys; print(" ".join("%s=%s/%s/%s" % (p["name"], p["version"], p["source"], p["source_version"]) for p in json.load(open(sys.argv[1]))["packages"]))' "$TMP/out.json")
expect "dpkg: versions and sources" "$got" "libssl3=3.0.15-1~deb12u1+b1/openssl/3.0.15-1~deb12u1 zlib1g=1:1.2.13.dfsg-1/zlib/1:1.2.13.dfsg-1"

d=$TMP/dl
mkdir -p "$d/etc" "$d/var/lib/dpkg/status.d"
printf 'ID=debian\nVERSION_ID="12"\n' >"$d/etc/os-release"
printf 'Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n' >"$d/var/lib/dpkg/status.d/tzdata"
printf 'Package: base-files\nVersion: 12.4+deb12u7\nArchitecture: amd64\n' >"$d/var/lib/dpkg/status.d/base"
printf '0123  etc/issue\n' >"$d/var/lib/dpkg/status.d/base.md5sums"
inspect_json "dir:$d" --fail-on none
expect "status.d: distroless, two packages" "$got" "distroless none - dpkg-status.d 2 BI207"
exit 0
