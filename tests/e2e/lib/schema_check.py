#!/usr/bin/python3
"""Validate SARIF and CycloneDX documents against the official JSON Schemas.

Usage: schema_check.py SCHEMA_DIR FILE [FILE...]

SCHEMA_DIR is ../shared/data/schemas (SARIF 2.1.0, CycloneDX 1.5 and 1.6 and
the spdx and jsf schemas they reference). Each FILE picks its schema from its
content: a SARIF log ("version": "2.1.0") the SARIF schema, a CycloneDX BOM
the schema of its specVersion; a 1.5 BOM is checked against 1.6 too (a 1.5
BOM stays valid 1.6 but for specVersion). References resolve from SCHEMA_DIR
by their $id, never from the network, and formats are checked (date-time
here, uri/iri with python3-rfc3987). Debian's python3-jsonschema
(/usr/bin/python3, scripts/install-deps.sh). Prints one line per file and
per error; exit 1 when any file is invalid, 2 on usage errors.
"""
import copy
import json
import os
import re
import sys

import jsonschema

DATE_TIME = re.compile(
    r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)"
    r"(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$")


def format_checker():
    fc = jsonschema.FormatChecker()

    @fc.checks("date-time")
    def date_time(value):  # RFC 3339 (rfc3339-validator is not in Debian 12)
        return not isinstance(value, str) or bool(DATE_TIME.match(value))

    return fc


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    sdir, files = argv[1], argv[2:]
    schemas = {n: load(os.path.join(sdir, n)) for n in (
        "sarif-schema-2.1.0.json", "bom-1.5.schema.json", "bom-1.6.schema.json",
        "spdx.schema.json", "jsf-0.82.schema.json")}
    # Every $id, and the bare file names the BOM schemas use in $ref.
    store = {}
    for name, s in schemas.items():
        store[s.get("$id") or s.get("id") or name] = s
        store["http://cyclonedx.org/schema/" + name] = s
    fc = format_checker()

    def validator(name):
        s = schemas[name]
        cls = jsonschema.validators.validator_for(s)
        cls.check_schema(s)
        base = s.get("$id") or "http://cyclonedx.org/schema/" + name
        resolver = jsonschema.RefResolver(base, s, store=store)
        return cls(s, resolver=resolver, format_checker=fc)

    bad = 0
    for path in files:
        try:
            doc = load(path)
        except (OSError, ValueError) as e:
            print(f"not ok - {path}: not JSON: {e}")
            bad += 1
            continue
        checks = []
        if isinstance(doc, dict) and doc.get("version") == "2.1.0" and "runs" in doc:
            checks.append(("SARIF 2.1.0", "sarif-schema-2.1.0.json", doc))
        elif isinstance(doc, dict) and doc.get("bomFormat") == "CycloneDX":
            v = doc.get("specVersion")
            if v not in ("1.5", "1.6"):
                print(f"not ok - {path}: CycloneDX specVersion {v!r}, want 1.5 or 1.6")
                bad += 1
                continue
            checks.append((f"CycloneDX {v}", f"bom-{v}.schema.json", doc))
            if v == "1.5":
                d16 = copy.deepcopy(doc)
                d16["specVersion"] = "1.6"
                checks.append(("CycloneDX 1.6", "bom-1.6.schema.json", d16))
        else:
            print(f"not ok - {path}: neither a SARIF 2.1.0 log nor a CycloneDX BOM")
            bad += 1
            continue
        for what, name, d in checks:
            errs = sorted(validator(name).iter_errors(d), key=lambda e: list(e.absolute_path))
            if errs:
                bad += 1
                print(f"not ok - {path}: {len(errs)} error(s) against {what} ({name})")
                for e in errs[:10]:
                    where = "/".join(str(p) for p in e.absolute_path) or "(root)"
                    print(f"#   {where}: {e.message[:300]}")
            else:
                print(f"ok - {path}: valid {what}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
