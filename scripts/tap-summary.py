#!/usr/bin/env python3
"""Count TAP results across meson test logs and print the closing line.

Usage: tap-summary.py LABEL=build/meson-logs/testlog.json ...

Each meson test speaks TAP; every "ok" line is a pass, "not ok" a failure and
"# SKIP" a skip. A test that failed without printing "not ok" (a crash, a
timeout) counts as one failure. Prints per-build counts, the failing checks,
the reasons for skips (the only one allowed is an absent ../shared) and last
the line "N passed, N failed, N skipped". Exit 1 on any failure.
"""
import json
import re
import sys

line_re = re.compile(r"^(not ok|ok)\b(.*)$")
passed = failed = skipped = 0
failures = []
skip_reasons = {}
for arg in sys.argv[1:]:
    label, _, path = arg.partition("=")
    p = f = s = 0
    try:
        entries = [json.loads(l) for l in open(path) if l.strip()]
    except OSError as e:
        print(f"{label}: no test log ({e})")
        failed += 1
        failures.append(f"{label}: no test log")
        continue
    for e in entries:
        tp = tf = ts = 0
        for line in (e.get("stdout") or "").splitlines():
            m = line_re.match(line)
            if not m:
                sm = re.match(r"^1\.\.0\b.*#\s*SKIP\s*(.*)", line, re.I)
                if sm:
                    ts += 1
                    skip_reasons[sm.group(1)] = skip_reasons.get(sm.group(1), 0) + 1
                continue
            rest = m.group(2)
            sm = re.search(r"#\s*SKIP\s*(.*)", rest, re.I)
            if sm:
                ts += 1
                skip_reasons[sm.group(1)] = skip_reasons.get(sm.group(1), 0) + 1
            elif m.group(1) == "ok":
                tp += 1
            else:
                tf += 1
                failures.append(f"{label}: {e['name']}:{rest}")
        if e.get("result") not in ("OK", "SKIP", "EXPECTEDFAIL") and tf == 0:
            tf += 1
            failures.append(f"{label}: {e['name']}: {e.get('result')}")
        p, f, s = p + tp, f + tf, s + ts
    print(f"{label}: {p} passed, {f} failed, {s} skipped")
    passed, failed, skipped = passed + p, failed + f, skipped + s
for why, n in sorted(skip_reasons.items()):
    print(f"skipped {n}: {why}")
for x in failures[:50]:
    print(f"FAILED {x}")
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
