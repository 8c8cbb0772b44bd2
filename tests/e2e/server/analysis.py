"""Portfolio analysis end to end, on the real manifests and roots and the real OSV records:

- the findings the server stores for each uploaded SBOM are exactly what `kaiyuan vuln` reports for
  the same SBOM and the same advisories (imported into a file with `db import --db`);
- for every advisory that matches anything, GET /api/v2/advisories/{id}/affected (and by a CVE
  alias) lists exactly the project versions and components that matching every SBOM from scratch
  finds;
- advisories changed, withdrawn and added through POST /api/v2/advisories are reflected at once;
- kill -9 while re-matching, restart: the state converges to the from-scratch result;
- another team sees none of it.
Usage: analysis.py KAIYUAN SHARED [--postgres]"""
import glob
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverlib import *  # noqa: E402,F403

kaiyuan, shared = sys.argv[1], sys.argv[2]
postgres = "--postgres" in sys.argv[3:]
osv = os.path.join(shared, "data", "osv")
manifests = os.path.join(shared, "data", "manifests")
if not os.path.isdir(osv) or not os.path.isdir(manifests):
    print("../shared/data is absent", file=sys.stderr)
    sys.exit(SKIP)
database = None
if postgres:
    database = fresh_postgres_database(kaiyuan)
    if not database:
        print("KAIYUAN_TEST_POSTGRES is not set", file=sys.stderr)
        sys.exit(SKIP)

s = Server(kaiyuan, database=database, extra=["--job-lease", "2"]).start()
work = s.workdir


def run(*args):
    return subprocess.run([kaiyuan, *args], capture_output=True, text=True, check=True)


# The projects: every manifest directory and the bundled roots, each as version 1 (the whole SBOM)
# and version 2 (every third component left out).
here = os.path.dirname(os.path.abspath(__file__))
examples = os.path.join(here, "..", "..", "..", "examples")
targets = sorted(d for d in glob.glob(os.path.join(manifests, "*", "*")) if os.path.isdir(d))
targets += [os.path.join(examples, r) for r in ("debian-root", "alpine-root", "polyglot-app")]
sboms = {}  # (name, version) -> path
for t in targets:
    name = os.path.relpath(t, manifests) if t.startswith(manifests) else os.path.basename(t)
    name = name.replace("/", "-")
    path = os.path.join(work, name + ".cdx.json")
    run("scan", t, "-q", "-f", "cyclonedx-json", "-o", path)
    sboms[(name, "1")] = path
    doc = json.load(open(path))
    keep = [c for i, c in enumerate(doc.get("components", [])) if i % 3 != 2]
    refs = {c.get("bom-ref") for c in keep}
    doc["components"] = keep
    doc["dependencies"] = [dict(d, dependsOn=[x for x in d.get("dependsOn", []) if x in refs])
                           for d in doc.get("dependencies", []) if d.get("ref") in refs or d.get("ref") == doc.get("metadata", {}).get("component", {}).get("bom-ref")]
    path2 = os.path.join(work, name + "-2.cdx.json")
    json.dump(doc, open(path2, "w"))
    sboms[(name, "2")] = path2
check(len(sboms) >= 50, f"at least 50 project versions: {len(sboms)}")

admin = s.key("security", "admin")
owner = s.key("builders", "read", "upload")
stranger = s.key("others", "read", "upload", "triage")


def wait_idle(timeout=300):
    deadline = time.time() + timeout
    while time.time() < deadline:
        status, _, h = s.json("GET", "/health")
        if status == 200 and h["pendingJobs"] == 0:
            return
        time.sleep(0.1)
    raise RuntimeError("jobs still pending")


def upload_all(items):
    tokens = []
    for (name, version), path in items:
        with open(path, "rb") as f:
            status, _, up = s.json("POST", "/api/v2/sboms", owner, f.read(),
                                   query={"projectName": name, "projectVersion": version, "autoCreate": "true"})
        check(status == 202, f"upload {name} {version}: {status} {up}")
        tokens.append(up["token"])
    for t in tokens:
        j = s.wait_job(owner, t, timeout=300)
        check(j["status"] == "done", f"job {t}: {j}")


# Half the projects before the advisories arrive (re-matched when they do), half after.
items = sorted(sboms.items())
upload_all(items[: len(items) // 2])
r = s.cli("db", "import", "-q", "--database", s.database, osv)
check(json.loads(r.stdout)["added"] > 13000, "the OSV records are imported into the server's store")
upload_all(items[len(items) // 2:])
wait_idle()

filedb = os.path.join(work, "adv.db")
run("db", "import", "-q", "--db", filedb, osv)


def expected_findings():
    """{(project, version): {(bomRef, purl, advisory, fixed)}} from `kaiyuan vuln` on each SBOM."""
    out = {}
    for key, path in sboms.items():
        r = subprocess.run([kaiyuan, "vuln", path, "--db", filedb, "-f", "json", "-q"], capture_output=True, text=True)
        check(r.returncode in (0, 1), f"kaiyuan vuln {path}: {r.returncode} {r.stderr[-300:]}")
        report = json.loads(r.stdout)
        out[key] = {(f["component"].get("bomRef"), f["component"].get("purl"), f["id"], tuple(sorted(f["fixedVersions"])))
                    for f in report["findings"]}
    return out


def project_uuids(key):
    _, _, page = s.json("GET", "/api/v2/projects", key, query={"limit": 1000})
    return {(p["name"], p["version"]): p["uuid"] for p in page["items"]}


def stored_findings(uuids):
    out = {}
    for key, uuid in uuids.items():
        got, offset = set(), 0
        while True:
            status, _, page = s.json("GET", f"/api/v2/projects/{uuid}/findings", owner,
                                     query={"limit": 1000, "offset": offset, "suppressed": "true"})
            check(status == 200, f"findings of {key}: {status}")
            for f in page["items"]:
                got.add((f["component"]["bomRef"], f["component"]["purl"], f["advisory"], tuple(sorted(f["fixedVersions"]))))
            offset += len(page["items"])
            if not page["items"] or offset >= page["total"]:
                break
        out[key] = got
    return out


def compare(label):
    want = expected_findings()
    uuids = project_uuids(owner)
    got = stored_findings(uuids)
    total = sum(len(v) for v in want.values())
    check(total > 0, f"{label}: the real SBOMs have findings")
    for key in sboms:
        if not check(got.get(key) == want[key], f"{label}: findings of {key} equal kaiyuan vuln's"):
            print("  only stored:", sorted(got.get(key, set()) - want[key])[:5], file=sys.stderr)
            print("  only vuln:  ", sorted(want[key] - got.get(key, set()))[:5], file=sys.stderr)
    # Every advisory's affected set equals the one from matching every SBOM from scratch.
    by_advisory = {}
    for key, found in want.items():
        for bom_ref, purl, adv, _ in found:
            by_advisory.setdefault(adv, set()).add((uuids[key], bom_ref))
    for adv, expected in sorted(by_advisory.items()):
        status, _, page = s.json("GET", f"/api/v2/advisories/{adv}/affected", owner, query={"limit": 10000})
        got_set = {(f["component"]["project"]["uuid"], f["component"]["bomRef"]) for f in page["items"]} if status == 200 else None
        check(got_set == expected, f"{label}: affected set of {adv}: {status}")
        check(page and page["projects"] == len({u for u, _ in expected}), f"{label}: {adv} project count")
    print(f"{label}: {total} findings in {len(sboms)} project versions, {len(by_advisory)} advisories compared", file=sys.stderr)
    return want, uuids, by_advisory


want, uuids, by_advisory = compare("after ingest")

# By alias: a CVE id names the same affected set as the OSV id.
alias_checked = 0
for adv in sorted(by_advisory)[:20]:
    _, _, record = s.json("GET", f"/api/v2/advisories/{adv}", owner)
    for alias in record.get("aliases", []):
        if alias.startswith("CVE-"):
            _, _, a = s.json("GET", f"/api/v2/advisories/{alias}/affected", owner, query={"limit": 10000})
            _, _, b = s.json("GET", f"/api/v2/advisories/{adv}/affected", owner, query={"limit": 10000})
            keys = lambda p: {(f["advisory"], f["component"]["project"]["uuid"], f["component"]["bomRef"]) for f in p["items"]}
            check(keys(b) <= keys(a), f"{alias} finds what {adv} finds")
            alias_checked += 1
            break
check(alias_checked > 0, "some advisory has a CVE alias to look it up by")

# Changes through the API: one advisory withdrawn, one narrowed to nothing, one new private one.
hit = sorted(by_advisory)
withdraw, narrow = hit[0], hit[1]
_, _, rec_w = s.json("GET", f"/api/v2/advisories/{withdraw}", owner)
_, _, rec_n = s.json("GET", f"/api/v2/advisories/{narrow}", owner)
rec_w["modified"] = rec_w["withdrawn"] = "2099-01-01T00:00:00Z"
rec_n["modified"] = "2099-01-01T00:00:00Z"
for a in rec_n.get("affected", []):
    a["versions"] = []
    for r in a.get("ranges", []):
        r["events"] = [{"introduced": "0"}, {"fixed": "0.0.0-0"}] if r["type"] != "GIT" else r["events"]
# A private advisory on a component the first project version has.
first = next(iter(sorted(k for k, v in want.items() if v)))
comp = next(iter(sorted(want[first])))
status, _, sbom_page = s.json("GET", f"/api/v2/projects/{uuids[first]}/components", owner, query={"limit": 10000})
component = next(c for c in sbom_page["items"] if c["bomRef"] == comp[0])
private = {"id": "KAIYUAN-PRIVATE-1", "modified": "2099-01-01T00:00:00Z", "summary": "embargoed",
           "aliases": ["CVE-2099-0001"], "affected": []}
eco = {"pypi": "PyPI", "golang": "Go", "cargo": "crates.io"}
ptype = component["purl"].split(":")[1].split("/")[0]
if ptype in eco:
    pname = component["purl"].split("@")[0].split("/", 1)[1]
    if ptype == "pypi":
        pname = pname.split("/")[-1]
    private["affected"].append({"package": {"ecosystem": eco[ptype], "name": pname}, "versions": [component["version"]]})
status, _, body = s.json("POST", "/api/v2/advisories", owner, [rec_w])
check(status == 403, f"a key without admin may not add advisories: {status}")
status, _, body = s.json("POST", "/api/v2/advisories", admin, "{not json")
check(status == 400, f"malformed advisories are refused: {status}")
start = time.time()
status, _, body = s.json("POST", "/api/v2/advisories", admin, [rec_w, rec_n, private])
check(status == 200 and body["withdrawn"] == 1 and set(body["changed"]) >= {withdraw, narrow}, f"advisories posted: {status} {body}")
wait_idle()
print(f"advisory changes reflected in {time.time() - start:.2f} s", file=sys.stderr)
with open(os.path.join(work, "changes.json"), "w") as f:
    json.dump([rec_w, rec_n, private], f)
run("db", "import", "-q", "--db", filedb, os.path.join(work, "changes.json"))
status, _, page = s.json("GET", f"/api/v2/advisories/{withdraw}/affected", owner)
check(status == 404, f"a withdrawn advisory is gone: {status}")
if private["affected"]:
    status, _, page = s.json("GET", "/api/v2/advisories/CVE-2099-0001/affected", owner)
    check(status == 200 and any(f["component"]["project"]["uuid"] == uuids[first] for f in page["items"]),
          f"the private advisory affects {first}: {status}")
compare("after changes")

# kill -9 while re-matching: every record changed again (newer modified), the server killed as the
# re-matching starts, restarted; the state converges.
bumped = os.path.join(work, "bumped")
os.makedirs(bumped)
for i, adv in enumerate(sorted(by_advisory)[2:]):
    _, _, rec = s.json("GET", f"/api/v2/advisories/{adv}", owner)
    rec["modified"] = "2099-02-01T00:00:00Z"
    json.dump(rec, open(os.path.join(bumped, f"{i}.json"), "w"))
s.cli("db", "import", "-q", "--database", s.database, bumped)
time.sleep(0.05)
s.stop(signal.SIGKILL)
s.start()
wait_idle()
compare("after kill -9 during re-matching")

# Another team sees nothing.
status, _, page = s.json("GET", f"/api/v2/advisories/{sorted(by_advisory)[3]}/affected", stranger)
check(status == 200 and page["total"] == 0 and page["items"] == [], "another team's affected list is empty")
status, _, _ = s.json("GET", f"/api/v2/projects/{uuids[first]}/findings", stranger)
check(status == 404, f"another team's project findings: 404, got {status}")
status, _, m = s.json("GET", "/api/v2/metrics/portfolio", stranger)
check(status == 200 and m["current"]["findings"] == 0 and m["current"]["projects"] == 0, f"another team's portfolio is empty: {m}")
status, _, m = s.json("GET", "/api/v2/metrics/portfolio", owner)
check(status == 200 and m["current"]["findings"] == sum(len(v) for v in expected_findings().values()),
      f"the owners' portfolio counts every finding: {m['current']}")
s.stop()
finish()
