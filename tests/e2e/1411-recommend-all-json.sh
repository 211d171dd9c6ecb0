#!/usr/bin/env bash
# Every fixture project: JSON output has exactly the documented shape, and the
# rules of the decision tree hold (--need-shell: never scratch/distroless,
# --debug: slim). Also BASEIMG_KB: a broken knowledge base is exit 3.
check() { # check DIR FLAGS...
	local dir=$1; shift
	local out rc
	out=$("$BASEIMG" recommend --format json "$@" "$dir" 2>/dev/null); rc=$?
	if [ "$rc" != 0 ]; then echo "not ok - $(basename "$dir") $*: exit $rc"; return; fi
	if printf '%s' "$out" | python3 -c '
import json, sys
flags = sys.argv[1:]
d = json.load(sys.stdin)
assert list(d) == ["workload", "runtime", "builder", "alternatives", "rationale"], list(d)
w = d["workload"]
assert w["language"] in ("go", "rust", "java", "python", "node"), w
for k in ("version", "version_source", "version_constraint", "build_tool", "app"):
    assert w[k] is None or isinstance(w[k], str), k
assert isinstance(w["cgo"], bool)
for k in ("native_packages", "signals", "dockerfile_images", "notes"):
    assert isinstance(w[k], list), k
rt = d["runtime"]
assert set(rt) == {"image", "class"} and rt["class"] in ("scratch", "distroless", "alpine", "slim", "full"), rt
assert d["builder"] is None or set(d["builder"]) == {"image"}
for a in d["alternatives"]:
    assert set(a) == {"image", "class", "note"}, a
assert d["rationale"] and all(isinstance(r, str) for r in d["rationale"])
if "--need-shell" in flags or "--debug" in flags:
    assert rt["class"] not in ("scratch", "distroless"), rt
if "--debug" in flags:
    assert rt["class"] == "slim", rt
' "$@"; then echo "ok - $(basename "$dir") $*"; else echo "not ok - $(basename "$dir") $*"; fi
}
for d in "$FIX"/projects/*/; do
	[ "$(basename "$d")" = empty ] && continue
	check "$d"
	check "$d" --need-shell
	check "$d" --debug
done
printf '[meta]\nbroken\n' > "$TMP/bad.kb"
BASEIMG_KB=$TMP/bad.kb "$BASEIMG" recommend "$FIX/projects/go-static" >/dev/null 2>"$TMP/err"
rc=$?
if [ $rc = 3 ] && grep -q "bad.kb: line 2" "$TMP/err"; then echo "ok - broken BASEIMG_KB: exit 3"; else echo "not ok - broken BASEIMG_KB: exit $rc: $(cat "$TMP/err")"; fi
