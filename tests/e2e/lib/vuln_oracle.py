#!/usr/bin/env python3
"""An independent evaluation of the same feeds baseimg imports, for e2e tests.

Written separately from src/vuln (Python, its own version comparators and
feed readers) so that `baseimg cves` can be checked finding for finding:

  vuln_oracle.py secdb PKGS.json SECDB.json...   -> "ID PACKAGE STATUS" lines
  vuln_oracle.py oval  PKGS.json OVAL.xml[.bz2]  -> "ID PACKAGE STATUS" lines

PKGS.json is `baseimg inspect --format json` output (its package list).
"""
import bz2
import json
import re
import sys
import xml.etree.ElementTree as ET


# ---- dpkg (lib/dpkg/version.c) ----
def _order(c):
    if c.isdigit():
        return 0
    if c.isalpha() and c.isascii():
        return ord(c)
    if c == "~":
        return -1
    return ord(c) + 256 if c else 0


def verrevcmp(a, b):
    i = j = 0
    while i < len(a) or j < len(b):
        first = 0
        while (i < len(a) and not a[i].isdigit()) or (j < len(b) and not b[j].isdigit()):
            ac = _order(a[i]) if i < len(a) else 0
            bc = _order(b[j]) if j < len(b) else 0
            if ac != bc:
                return ac - bc
            i += 1
            j += 1
        while i < len(a) and a[i] == "0":
            i += 1
        while j < len(b) and b[j] == "0":
            j += 1
        while i < len(a) and j < len(b) and a[i].isdigit() and b[j].isdigit():
            if not first:
                first = ord(a[i]) - ord(b[j])
            i += 1
            j += 1
        if i < len(a) and a[i].isdigit():
            return 1
        if j < len(b) and b[j].isdigit():
            return -1
        if first:
            return first
    return 0


def deb_split(v):
    epoch = 0
    if ":" in v:
        e, v = v.split(":", 1)
        epoch = int(e)
    up, rev = (v.rsplit("-", 1) + [""])[:2] if "-" in v else (v, "")
    return epoch, up, rev


def debcmp(a, b):
    ea, ua, ra = deb_split(a)
    eb, ub, rb = deb_split(b)
    if ea != eb:
        return ea - eb
    return verrevcmp(ua, ub) or verrevcmp(ra, rb)


# ---- apk (valid versions only: digits{.digits}[a-z]{_suf[N]}[-rN]) ----
SUF = {"alpha": 0, "beta": 1, "pre": 2, "rc": 3, "": 4, "cvs": 5, "svn": 6, "git": 7, "hg": 8, "p": 9}
APK_RE = re.compile(r"^(\d+(?:\.\d+)*)([a-z]?)((?:_[a-z]+\d*)*)(?:~[0-9a-f]+)?(?:-r(\d+))?$")


def apk_key(v):
    m = APK_RE.match(v)
    if not m:
        raise ValueError("not an apk version: " + v)
    nums, letter, sufs, rev = m.groups()
    parts = nums.split(".")
    sl = [(SUF[s], int(n or 0)) for s, n in re.findall(r"_([a-z]+)(\d*)", sufs)]
    return parts, letter, sl, int(rev or 0)


def apkcmp(a, b):
    pa, la, sa, ra = apk_key(a)
    pb, lb, sb, rb = apk_key(b)
    for k in range(max(len(pa), len(pb))):
        if k >= len(pa):
            return -1  # a has fewer components; b continues with a digit -> b newer
        if k >= len(pb):
            return 1
        x, y = pa[k], pb[k]
        if k > 0 and (x.startswith("0") or y.startswith("0")):
            c = (x > y) - (x < y)
        else:
            c = (int(x) > int(y)) - (int(x) < int(y))
        if c:
            return c
    if la != lb:
        return -1 if la < lb else 1
    for k in range(max(len(sa), len(sb))):
        x = sa[k] if k < len(sa) else (SUF[""], 0)
        y = sb[k] if k < len(sb) else (SUF[""], 0)
        if x != y:
            return -1 if x < y else 1
    return (ra > rb) - (ra < rb)


def packages(path):
    with open(path) as f:
        d = json.load(f)
    for p in d["packages"]:
        src = p.get("source") or p["name"]
        yield p["name"], p["version"], src, p.get("source_version") or p["version"]


def secdb(pkgs, files):
    fixes = {}  # origin -> list of (key, [ids])
    for fn in files:
        with open(fn) as f:
            d = json.load(f)
        for e in d["packages"]:
            pkg = e["pkg"]
            for key, ids in (pkg.get("secfixes") or {}).items():
                fixes.setdefault(pkg["name"], []).append((key, ids))
    out = set()
    for name, ver, src, _ in pkgs:
        never, affected = set(), {}
        for key, ids in fixes.get(src, []):
            for entry in ids:
                toks = [t.replace("CVE_", "CVE-", 1) if t.startswith("CVE_") else t
                        for t in entry.split()]
                toks = [t for t in toks if re.match(r"^[A-Z]+-[A-Za-z0-9_:.-]+$", t)]
                cves = [t for t in toks if t.startswith("CVE-")]
                chosen = cves if cves else toks[:1]
                for vid in chosen:
                    if key == "0":
                        never.add(vid)
                        continue
                    try:
                        if apkcmp(ver, key) < 0:
                            affected[vid] = True
                    except ValueError:
                        # Outside apk's grammar (secdb has a few: "10.0.11-0"):
                        # apk's fallback rules apply; reported as "?" for the
                        # caller to leave out of an exact comparison.
                        affected.setdefault(vid, None)
        for vid, yes in affected.items():
            if vid not in never and yes is not False:
                out.add((vid, name, "fixable" if yes else "?"))
    return out


def oval(pkgs, fn):
    opener = bz2.open if fn.endswith(".bz2") else open
    defs, tests, objs, states = [], {}, {}, {}
    ns = lambda t: t.split("}")[-1]
    with opener(fn, "rb") as f:
        for _, el in ET.iterparse(f, events=("end",)):
            tag = ns(el.tag)
            if tag == "definition":
                cves = [r.get("ref_id") for r in el.iter() if ns(r.tag) == "reference" and r.get("source") == "CVE"]
                if not cves:
                    # A definition without CVE references (Debian's DSA "patch"
                    # class): an OVAL evaluator reports the definition, by title.
                    t = [x.text for x in el.iter() if ns(x.tag) == "title"]
                    if t and t[0]:
                        cves = [t[0].split()[0].rstrip(":")]
                refs = [c.get("test_ref") for c in el.iter() if ns(c.tag) == "criterion"]
                defs.append((cves, refs))
                el.clear()
            elif tag == "dpkginfo_test":
                o = [c.get("object_ref") for c in el if ns(c.tag) == "object"]
                s = [c.get("state_ref") for c in el if ns(c.tag) == "state"]
                tests[el.get("id")] = (o[0], s[0])
            elif tag == "dpkginfo_object":
                objs[el.get("id")] = [c.text for c in el if ns(c.tag) == "name"][0]
            elif tag == "dpkginfo_state":
                evr = [c for c in el if ns(c.tag) == "evr"][0]
                states[el.get("id")] = (evr.text, evr.get("operation"))
    bypkg = {}
    for cves, refs in defs:
        for r in refs:
            if r in tests:
                o, s = tests[r]
                evr, op = states[s]
                if op == "less than":
                    for c in cves:
                        bypkg.setdefault(objs[o], []).append((c, evr))
    out = set()
    for name, ver, src, sver in pkgs:
        best = {}
        for c, evr in bypkg.get(src, []):
            if evr in ("0", "0:0"):
                best.setdefault(c, "unfixed")
            elif debcmp(sver, evr) < 0:
                best[c] = "fixable"
        for c, st in best.items():
            out.add((c, name, st))
    return out


def main():
    kind, pkgfile = sys.argv[1], sys.argv[2]
    pkgs = list(packages(pkgfile))
    res = secdb(pkgs, sys.argv[3:]) if kind == "secdb" else oval(pkgs, sys.argv[3])
    for vid, name, st in sorted(res):
        print(vid, name, st)


if __name__ == "__main__":
    main()
