#!/bin/bash
# `kaiyuan db import` + `kaiyuan vuln` against an independent evaluation of the same OSV records:
# every advisory under ../shared/data/osv is imported; an SBOM of synthetic components is made
# from the versions the PyPI (PyPA, OSS-Fuzz) and AlmaLinux advisories name (plus versions before and after them);
# a Python implementation of OSV's evaluation with the ecosystems' own comparators (PyPA's
# packaging, rpm's labelCompare) decides which advisories affect each component; kaiyuan must
# report exactly those. Also: the CycloneDX report validates, and an import killed half way
# leaves the previous database intact.
source "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
need python3
$PY -c 'import packaging, rpm' 2>/dev/null || skip "python3-packaging and python3-rpm are needed"
[ -n "$SHARED" ] && [ -d "$SHARED/data/osv" ] || skip "../shared/data is absent"
DB="$WORK/adv.db"
start=$(date +%s.%N)
"$KAIYUAN" db import -q --db "$DB" "$SHARED/data/osv" > "$WORK/import.json"
end=$(date +%s.%N)
python3 - "$WORK/import.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"imported {r['records']} records from {r['files']} files in {r['seconds']:.2f} s: "
      f"{r['added']} added, {r['withdrawn']} withdrawn, {r['malformedFiles']} malformed")
assert r["records"] > 13000, r
assert r["malformedFiles"] == 1, r  # csaf-openeuler-cve-2024-50187.json, malformed upstream
PY
"$KAIYUAN" db status --db "$DB" --json > "$WORK/status.json"
python3 - "$WORK/status.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
ecos = {e["ecosystem"]: e["advisories"] for e in s["ecosystems"]}
print("ecosystems:", ecos)
for e in ("PyPI", "Go", "crates.io", "AlmaLinux", "openEuler", "OSS-Fuzz"):
    assert ecos.get(e, 0) > 0, e
PY

# The synthetic SBOM and what an independent evaluation expects.
$PY - "$SHARED/data/osv" "$WORK/sbom.cdx.json" "$WORK/want.txt" <<'PY'
import glob, json, os, sys, yaml, rpm
from packaging.version import Version, InvalidVersion
from packaging.utils import canonicalize_name
osv, out_sbom, out_want = sys.argv[1:4]
records = []
# PyPA's records, and OSS-Fuzz's, of which a few name PyPI packages.
for f in glob.glob(os.path.join(osv, "pypa/vulns/*/*.yaml")) + \
         glob.glob(os.path.join(osv, "oss-fuzz/vulns/**/*.yaml"), recursive=True):
    text = open(f).read()
    if "ecosystem: PyPI" in text:
        records.append(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
for f in glob.glob(os.path.join(osv, "almalinux/advisories/*/*.json")):
    records.append(json.load(open(f)))
records = [r for r in records if not r.get("withdrawn")]

def evr(s):
    e, _, vr = s.rpartition(":") if ":" in s else ("0", "", s)
    v, _, r = vr.rpartition("-")
    return (e or "0", v, r)
def pypi_cmp(a, b):
    x, y = Version(a), Version(b)
    return (x > y) - (x < y)
def rpm_cmp(a, b):
    return rpm.labelCompare(evr(a), evr(b))

def affected(version, aff, cmp):
    if "_versions" not in aff:
        aff["_versions"] = {str(v) for v in aff.get("versions", [])}
    if version in aff["_versions"]:
        return True
    for r in aff.get("ranges", []):
        if r["type"] == "GIT":
            continue
        evs = [(k, str(v)) for e in r["events"] for k, v in e.items()]
        import functools
        def key_cmp(a, b):
            a0 = a[0] == "introduced" and a[1] == "0"
            b0 = b[0] == "introduced" and b[1] == "0"
            if a0 or b0:
                return -1 if a0 and not b0 else (1 if b0 and not a0 else 0)
            return cmp(a[1], b[1])
        try:
            evs.sort(key=functools.cmp_to_key(key_cmp))
            state = limited = False
            for k, v in evs:
                if k == "introduced" and v == "0":
                    state = True
                    continue
                c = cmp(version, v)
                if k == "introduced" and c >= 0: state = True
                elif k == "fixed" and c >= 0: state = False
                elif k == "last_affected" and c > 0: state = False
                elif k == "limit" and c >= 0: limited = True
        except InvalidVersion:
            return None
        if state and not limited:
            return True
    return False

# Components: every version an advisory names for a package, and one before the first.
pypi, alma = {}, {}
for r in records:
    for a in r.get("affected", []):
        p = a.get("package", {})
        eco, name = p.get("ecosystem", ""), p.get("name", "")
        if eco == "PyPI":
            vs = pypi.setdefault(canonicalize_name(name), set())
        elif eco == "AlmaLinux:9":
            vs = alma.setdefault(name, set())
        else:
            continue
        for rg in a.get("ranges", []):
            if rg["type"] == "GIT": continue
            for e in rg["events"]:
                for v in e.values():
                    if str(v) != "0": vs.add(str(v))
        vs.update(str(v) for v in a.get("versions", [])[:3])
def valid_pypi(v):
    try: Version(v); return True
    except InvalidVersion: return False
comps = []
for name, vs in sorted(pypi.items()):
    for v in sorted({x for x in vs if valid_pypi(x)} | {"0.0.1"}):
        comps.append(("PyPI", name, v))
for name, vs in sorted(alma.items()):
    for v in sorted(vs | {"0:0.1-1.el9"}):
        comps.append(("AlmaLinux:9", name, v))
by_pkg = {}
for r in records:
    for a in r.get("affected", []):
        p = a.get("package", {})
        eco = p.get("ecosystem", "")
        name = canonicalize_name(p.get("name", "")) if eco == "PyPI" else p.get("name", "")
        by_pkg.setdefault((eco, name), []).append((r["id"], a))
want, components = [], []
for i, (eco, name, v) in enumerate(comps):
    ref = f"c{i}"
    if eco == "PyPI":
        purl = f"pkg:pypi/{name}@{v}"
        version = v
    else:
        e, ver, rel = evr(v)
        version = f"{ver}-{rel}"
        purl = f"pkg:rpm/almalinux/{name}@{version}?arch=x86_64&distro=almalinux-9.4" + (f"&epoch={e}" if e != "0" else "")
    components.append({"type": "library", "bom-ref": ref, "name": name, "version": version, "purl": purl})
    cmp = pypi_cmp if eco == "PyPI" else rpm_cmp
    hit = set()
    for rid, a in by_pkg.get((eco, name), []):
        if affected(v, a, cmp):
            hit.add(rid)
    for rid in sorted(hit):
        want.append(f"{purl}\t{rid}")
doc = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
       "metadata": {"component": {"type": "application", "name": "synthetic", "bom-ref": "root"}},
       "components": components}
json.dump(doc, open(out_sbom, "w"))
open(out_want, "w").write("\n".join(sorted(want)) + "\n")
print(f"{len(components)} components ({len([c for c in comps if c[0]=='PyPI'])} PyPI, "
      f"{len([c for c in comps if c[0]!='PyPI'])} AlmaLinux), {len(want)} expected findings")
PY
"$KAIYUAN" vuln -q --db "$DB" -f json "$WORK/sbom.cdx.json" > "$WORK/report.json"
python3 - "$WORK/report.json" > "$WORK/got.txt" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("\n".join(sorted(f"{f['component']['purl']}\t{f['id']}" for f in r["findings"])))
PY
if ! diff <(sort "$WORK/want.txt") <(sort "$WORK/got.txt") > "$WORK/diff.txt"; then
  head -30 "$WORK/diff.txt" >&2
  fail "kaiyuan's findings differ from the independent OSV evaluation (< expected only, > kaiyuan only)"
fi
echo "ok: $(wc -l < "$WORK/got.txt") findings agree with the independent evaluation"

# The CycloneDX report validates against the official schema.
SCHEMAS="$SHARED/data/schemas"
if [ -d "$SCHEMAS" ] && $PY -c 'import jsonschema' 2>/dev/null; then
  # A sample of the SBOM: the schema validator is slow on 30,000 components.
  python3 - "$WORK/sbom.cdx.json" "$WORK/sample.cdx.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["components"] = d["components"][:300] + d["components"][-300:]
json.dump(d, open(sys.argv[2], "w"))
PY
  "$KAIYUAN" vuln -q --db "$DB" -f cyclonedx-json "$WORK/sample.cdx.json" > "$WORK/vulns.cdx.json"
  $PY "$HERE/validate_schema.py" "$SCHEMAS" cyclonedx "$WORK/vulns.cdx.json" ||
    fail "the CycloneDX vulnerability report does not validate"
  echo "ok: CycloneDX 1.6 report with $(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['vulnerabilities']))" "$WORK/vulns.cdx.json") vulnerabilities validates"
fi

# An import killed half way (at several moments, on copies of the database) leaves the previous
# database as it was.
go_newest() {
  "$KAIYUAN" db status --db "$1" --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["advisories"], [e["newestModified"] for e in d["ecosystems"] if e["ecosystem"] == "Go"][0])'
}
before=$(go_newest "$DB")
cp -r "$SHARED/data/osv/golang-vulndb" "$WORK/go-copy"
# Newer records, so that a finished import would replace them all.
find "$WORK/go-copy" -name '*.json' -print0 |
  xargs -0 sed -i 's/"modified": "[^"]*"/"modified": "2099-01-01T00:00:00Z"/'
# What a finished import gives: a killed one must leave either this or the previous state.
cp "$DB" "$WORK/complete.db"
"$KAIYUAN" db import -q --db "$WORK/complete.db" "$WORK/go-copy" > /dev/null
complete=$(go_newest "$WORK/complete.db")
[ "$complete" != "$before" ] || fail "the newer records did not change the database"
killed=0
for delay in 0.1 0.25 0.4 0.55 0.7 0.85 1.0; do
  cp "$DB" "$WORK/attempt.db"
  "$KAIYUAN" db import -q --db "$WORK/attempt.db" "$WORK/go-copy" > /dev/null 2>&1 & pid=$!
  sleep "$delay"; kill -9 $pid 2>/dev/null || true
  rc=0; wait $pid 2>/dev/null || rc=$?
  [ $rc -eq 0 ] && continue # finished before the kill
  killed=$((killed + 1))
  after=$(go_newest "$WORK/attempt.db")
  # Killed after its commit, an import is complete; before it, nothing of it is there.
  [ "$after" = "$before" ] || [ "$after" = "$complete" ] ||
    fail "killed after ${delay}s, the database is half imported: '$before' -> '$after'"
done
# And deterministically inside the transaction: the process dies after 1,000 records written.
cp "$DB" "$WORK/attempt.db"
rc=0; KAIYUAN_TEST_DIE_DURING_IMPORT_AFTER=1000 "$KAIYUAN" db import -q --db "$WORK/attempt.db" \
  "$WORK/go-copy" > /dev/null 2>&1 || rc=$?
[ $rc -eq 137 ] || fail "the import did not die inside its transaction (exit $rc)"
killed=$((killed + 1))
after=$(go_newest "$WORK/attempt.db")
[ "$before" = "$after" ] || fail "dying inside the transaction changed the database: '$before' -> '$after'"
echo "ok: $killed imports killed at different moments left the database whole (before: $before; complete: $complete)"
