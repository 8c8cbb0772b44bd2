#!/usr/bin/python3
"""Compares two CycloneDX JSON documents component by component (by bom-ref): what another
tool's SBOM said must still be there after kaiyuan converted it through a format and back.

Usage: cdx_compare.py ORIGINAL CONVERTED [--no-evidence]
Prints every difference; exits 1 when there is one. kaiyuan may add (its own kaiyuan:
properties, the acknowledgement "declared" that CycloneDX leaves implicit, its root); it may not
lose or change."""
import json
import sys


def components(doc):
    out = {}

    def walk(cs):
        for c in cs:
            out[c["bom-ref"]] = c
            walk(c.get("components", []))

    walk(doc.get("components", []))
    return out


def licenses(ls):
    def strip(d):
        return {k: (strip(v) if isinstance(v, dict) else v) for k, v in d.items()
                if not (k == "acknowledgement" and v == "declared")}
    return json.dumps([strip(l) for l in (ls or [])], sort_keys=True)


def main():
    a, b = (json.load(open(p)) for p in sys.argv[1:3])
    evidence = "--no-evidence" not in sys.argv
    ca, cb = components(a), components(b)
    problems = []
    for ref in sorted(set(ca) - set(cb)):
        problems.append(f"{ref}: missing")
    for ref, x in ca.items():
        y = cb.get(ref)
        if y is None:
            continue
        for f in ("type", "name", "group", "version", "purl", "scope", "copyright", "cpe", "description"):
            if (x.get(f) or "") != (y.get(f) or ""):
                problems.append(f"{ref}: {f} {x.get(f)!r} became {y.get(f)!r}")
        hx = sorted((h["alg"], h["content"]) for h in x.get("hashes", []))
        hy = sorted((h["alg"], h["content"]) for h in y.get("hashes", []))
        if hx != hy:
            problems.append(f"{ref}: hashes {hx} became {hy}")
        px = [(p["name"], p.get("value")) for p in x.get("properties", [])]
        py = [(p["name"], p.get("value")) for p in y.get("properties", []) if not p["name"].startswith("kaiyuan:")]
        if px != py:
            problems.append(f"{ref}: properties {px} became {py}")
        ex = sorted((r["type"], r["url"], r.get("comment", "")) for r in x.get("externalReferences", []))
        ey = sorted((r["type"], r["url"], r.get("comment", "")) for r in y.get("externalReferences", []))
        if ex != ey:
            problems.append(f"{ref}: externalReferences {ex} became {ey}")
        if evidence and x.get("evidence") != y.get("evidence"):
            problems.append(f"{ref}: evidence changed")
        if licenses(x.get("licenses")) != licenses(y.get("licenses")):
            problems.append(f"{ref}: licenses {x.get('licenses')} became {y.get('licenses')}")

    def edges(doc):
        return {(e["ref"], t) for e in doc.get("dependencies", []) for t in e.get("dependsOn", [])}
    for e in sorted(edges(a) - edges(b)):
        problems.append(f"dependency {e[0]} -> {e[1]}: missing")
    ma = a.get("metadata", {}).get("component", {}).get("bom-ref")
    mb = b.get("metadata", {}).get("component", {}).get("bom-ref")
    if ma and ma not in cb and ma != mb:
        problems.append(f"metadata.component {ma} became {mb}")
    for p in problems[:40]:
        print(p)
    if problems:
        print(f"{len(problems)} differences")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
