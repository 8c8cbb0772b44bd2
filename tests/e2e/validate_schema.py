#!/usr/bin/python3
"""Validates SBOM files against the official schemas (../shared/data/schemas), offline.

Usage: validate_schema.py SCHEMA_DIR KIND FILE...   KIND: spdx23 | spdx3 | cyclonedx
Works with Debian 12's python3-jsonschema (4.10, RefResolver) and newer releases."""
import json
import os
import sys
import warnings

warnings.filterwarnings("ignore", category=DeprecationWarning)


def main():
    schema_dir, kind, files = sys.argv[1], sys.argv[2], sys.argv[3:]
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
    try:  # jsonschema >= 4.18: the referencing library
        from referencing import Registry, Resource
        registry = Registry().with_resources((k, Resource.from_contents(v)) for k, v in store.items())
        validator = cls(schema, registry=registry)
    except ImportError:  # Debian 12's jsonschema 4.10
        validator = cls(schema, resolver=jsonschema.RefResolver.from_schema(schema, store=store))
    bad = 0
    for f in files:
        errors = sorted(validator.iter_errors(json.load(open(f))), key=lambda e: list(e.path))
        for e in errors[:10]:
            print(f"{f}: {'/'.join(str(p) for p in e.path)}: {e.message[:300]}")
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
