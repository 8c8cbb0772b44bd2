#!/usr/bin/python3
"""Validates SBOM files against the official schemas (../shared/data/schemas), offline.

Usage: validate_schema.py SCHEMA_DIR KIND FILE...   KIND: spdx23 | spdx3 | cyclonedx | cyclonedx-xml
Works with Debian 12's python3-jsonschema (4.10, RefResolver) and newer releases. CycloneDX XML is
checked with xmllint against the XSD when SCHEMA_DIR holds bom-1.6.xsd; otherwise it is reported
as skipped (exit 77)."""
import json
import os
import subprocess
import sys
import warnings

warnings.filterwarnings("ignore", category=DeprecationWarning)


def main():
    schema_dir, kind, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    if kind == "cyclonedx-xml":
        xsd = os.path.join(schema_dir, "bom-1.6.xsd")
        if not os.path.exists(xsd):
            print("skipped: no bom-1.6.xsd in", schema_dir)
            return 77
        return subprocess.call(["xmllint", "--noout", "--schema", xsd, *files])
    import jsonschema

    load = lambda n: json.load(open(os.path.join(schema_dir, n)))
    name = {"spdx23": "spdx-2.3.schema.json", "spdx3": "spdx-3.0.1.schema.json",
            "cyclonedx": "bom-1.6.schema.json"}[kind]
    schema = load(name)
    store = {}
    for extra in ("spdx.schema.json", "jsf-0.82.schema.json"):
        s = load(extra)
        store[s["$id"]] = s
    cls = jsonschema.validators.validator_for(schema)
    resolver = jsonschema.RefResolver.from_schema(schema, store=store)
    validator = cls(schema, resolver=resolver)
    bad = 0
    for f in files:
        errors = sorted(validator.iter_errors(json.load(open(f))), key=lambda e: list(e.path))
        for e in errors[:10]:
            print(f"{f}: {'/'.join(str(p) for p in e.path)}: {e.message[:300]}")
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
