#!/usr/bin/env bash
# inspect --format cyclonedx: a CycloneDX 1.5 document with the fields Grype
# and Dependency-Track read (bomFormat, specVersion, serialNumber, version,
# metadata.component, an operating-system component, library components with
# unique bom-refs and package URLs), the same bytes every time.
. "$SRC/tests/e2e/lib/inspect.sh"
if ! fixtures; then
	notok "mkfixtures.sh failed"
	exit 1
fi
O=$FIXDIR/oci
for img in alpine distroless debian; do
	"$BASEIMG" inspect --format cyclonedx --fail-on none "$O/$img" >"$TMP/$img.cdx.json"
	expect "$img: exit 0" "$?" 0
	out=$(python3 - "$TMP/$img.cdx.json" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1]))
errs = []
def need(cond, what):
    if not cond:
        errs.append(what)
need(d.get("bomFormat") == "CycloneDX", "bomFormat")
need(d.get("specVersion") == "1.5", "specVersion")
need(re.fullmatch(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
                  d.get("serialNumber", "")), "serialNumber")
need(d.get("version") == 1, "version")
need(d["metadata"]["component"]["type"] == "container", "metadata.component")
comps = d["components"]
refs = [c["bom-ref"] for c in comps]
need(len(refs) == len(set(refs)), "unique bom-refs")
oses = [c for c in comps if c["type"] == "operating-system"]
need(len(oses) == 1, "one operating-system component")
libs = [c for c in comps if c["type"] == "library"]
need(len(libs) > 0, "libraries")
for c in libs:
    need(re.fullmatch(r"pkg:(deb|apk|rpm)/[a-z]+/[A-Za-z0-9.+_~%-]+@[A-Za-z0-9.+_~%-]+(\?[a-z]+=[^&]+(&[a-z]+=[^&]+)*)?",
                      c["purl"]) is not None, "purl " + c["purl"])
    need(c["bom-ref"] == c["purl"], "bom-ref is the purl")
print(" ".join(errs) or "valid", len(libs), oses[0]["name"] if oses else "-")
PY
)
	case $img in
	alpine) want="valid 3 alpine" ;;
	distroless) want="valid 2 debian" ;;
	debian) want="valid 3 debian" ;;
	esac
	expect "$img: CycloneDX structure" "$out" "$want"
done
grep -q '"purl": "pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=' "$TMP/alpine.cdx.json" &&
	ok "apk purl with arch and distro" || notok "apk purl with arch and distro"
grep -q '"purl": "pkg:deb/debian/libc6@[^"]*?arch=amd64&distro=debian-12&upstream=glibc"' "$TMP/debian.cdx.json" &&
	ok "deb purl with arch, distro and upstream" || notok "deb purl: $(grep libc6 "$TMP/debian.cdx.json" | head -2)"
"$BASEIMG" inspect --format cyclonedx "$O/alpine" | cmp -s - "$TMP/alpine.cdx.json" &&
	ok "deterministic" || notok "deterministic"
exit 0
