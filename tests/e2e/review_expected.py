"""What changed between two lockfiles, worked out from the files alone (not by kaiyuan): the
packages (as purl type/name@version) only before and only after. The review must account for
exactly these, as removed or as the old side of a change, and as added or the new side.

usage: review_expected.py BASE_FILE HEAD_FILE -> JSON {"gone": [...], "new": [...]}"""
import json
import re
import sys
import tomllib


def npm(path):
    d = json.load(open(path))
    out = set()
    for key, p in d.get("packages", {}).items():
        if key == "" or p.get("link"):
            continue
        name = key.rsplit("node_modules/", 1)[-1]
        out.add(f"npm/{name}@{p['version']}")
    return out


def cargo(path):
    d = tomllib.load(open(path, "rb"))
    # Workspace members have no source: the project itself, not a dependency.
    return {f"cargo/{p['name']}@{p['version']}" for p in d.get("package", []) if "source" in p}


def gomod(path):
    out, block = set(), False
    for line in open(path):
        line = line.split("//")[0].strip()
        if line.startswith("require ("):
            block = True
            continue
        if block and line == ")":
            block = False
            continue
        m = re.match(r"^(?:require\s+)?(\S+)\s+(v\S+)$", line) if (block or line.startswith("require ")) else None
        if m:
            out.add(f"golang/{m.group(1)}@{m.group(2)}")
    return out


def packages(path):
    if path.endswith("package-lock.json"):
        return npm(path)
    if path.endswith("Cargo.lock"):
        return cargo(path)
    if path.endswith("go.mod"):
        return gomod(path)
    raise SystemExit(f"no reader for {path}")


before, after = packages(sys.argv[1]), packages(sys.argv[2])
print(json.dumps({"gone": sorted(before - after), "new": sorted(after - before)}))
