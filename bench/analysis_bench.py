#!/usr/bin/env python3
"""Portfolio analysis and emergency response (docs/benchmarks.md "Portfolio analysis"): the full
OSV import into the server's store, 10,000 stored SBOMs matched on ingest, the emergency queries
(by advisory, by purl range) one request at a time and under `wrk`, a new advisory that hits 1,000
project versions until its findings and notifications are recorded and delivered, and the naive
way beside it: `kaiyuan vuln` over every SBOM. Never run in CI.

Documents: the SBOMs kaiyuan makes of the real lockfiles in ../shared/data/manifests, and
synthetic CycloneDX 1.6 documents of about 1,000 components each: 300 drawn from the real
documents' language packages (so real advisories hit them as they would a real portfolio) and
700 generated npm names; every tenth carries the package the new advisory will name.

Usage: bench/analysis_bench.py KAIYUAN [--backend sqlite|postgres] [--sboms 10000] [--naive 200]
PostgreSQL: KAIYUAN_TEST_POSTGRES (tools/start-postgres.sh). wrk: apt-get install wrk.
"""
import argparse
import http.server
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_bench import real_documents, upload_all, wrk, db_size  # noqa: E402
from serverlib import Server, fresh_postgres_database  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OSV = os.path.join(HERE, "..", "..", "shared", "data", "osv")
LANGUAGE_TYPES = {"pypi", "golang", "cargo", "npm", "maven", "gem", "composer", "nuget", "pub", "hex", "swift"}
TARGET = "kaiyuan-bench-target"


def pool_of(reals):
    """The language packages of the real documents, unique by purl."""
    seen = {}
    for _, _, data in reals:
        for c in json.loads(data).get("components", []):
            purl = c.get("purl", "")
            if purl.startswith("pkg:") and purl[4:].split("/")[0] in LANGUAGE_TYPES and purl not in seen:
                seen[purl] = {k: c[k] for k in ("type", "name", "version", "purl", "group") if k in c}
    return list(seen.values())


def synthetic(i, pool, size=1000, drawn=300):
    rnd = random.Random(i)
    comps = []
    for c in rnd.sample(pool, min(drawn, len(pool))):
        comps.append(dict(c, **{"bom-ref": c["purl"]}))
    for j in range(size - len(comps)):
        version = f"{rnd.randint(0, 9)}.{rnd.randint(0, 30)}.{rnd.randint(0, 40)}"
        purl = f"pkg:npm/gen-{i % 1500}-{j}@{version}"
        comps.append({"type": "library", "bom-ref": purl, "name": f"gen-{i % 1500}-{j}", "version": version,
                      "purl": purl, "licenses": [{"license": {"id": rnd.choice(["MIT", "Apache-2.0", "ISC"])}}]})
    if i % 10 == 0:
        purl = f"pkg:pypi/{TARGET}@1.{i % 7}.0"
        comps.append({"type": "library", "bom-ref": purl, "name": TARGET, "version": f"1.{i % 7}.0", "purl": purl})
    deps = {}
    for k in range(1, len(comps)):
        deps.setdefault(comps[rnd.randrange(k)]["bom-ref"], []).append(comps[k]["bom-ref"])
    return json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
                       "metadata": {"component": {"type": "application", "name": f"svc-{i}", "bom-ref": "root"}},
                       "components": comps,
                       "dependencies": [{"ref": "root", "dependsOn": [c["bom-ref"] for c in comps[:20]]}] +
                                       [{"ref": r, "dependsOn": d} for r, d in deps.items()]}).encode()


def latencies(server, key, paths, n):
    """p50/p99 (ms) of `n` requests, one at a time, cycling through `paths`."""
    times = []
    for k in range(n):
        start = time.perf_counter()
        status, _, body = server.request("GET", paths[k % len(paths)], key)
        times.append((time.perf_counter() - start) * 1000)
        if status != 200:
            raise RuntimeError(f"{paths[k % len(paths)]}: {status} {body[:200]}")
    times.sort()
    return {"p50_ms": round(statistics.median(times), 2), "p99_ms": round(times[int(len(times) * 0.99) - 1], 2),
            "max_ms": round(times[-1], 2)}


class Receiver(http.server.BaseHTTPRequestHandler):
    count = 0
    lock = threading.Lock()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with Receiver.lock:
            Receiver.count += 1
        self.send_response(204)
        self.end_headers()

    def log_message(self, *a):
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kaiyuan")
    ap.add_argument("--backend", default="sqlite", choices=["sqlite", "postgres"])
    ap.add_argument("--sboms", type=int, default=10000)
    ap.add_argument("--naive", type=int, default=200, help="SBOMs `kaiyuan vuln` runs over (then scaled)")
    ap.add_argument("--requests", type=int, default=400)
    args = ap.parse_args()
    database = fresh_postgres_database(args.kaiyuan) if args.backend == "postgres" else None
    if args.backend == "postgres" and not database:
        sys.exit("KAIYUAN_TEST_POSTGRES is not set")
    server = Server(args.kaiyuan, database, extra=["--workers", "2", "--webhook-allow-internal"]).start()
    key = server.key("bench", "admin")
    work = server.workdir
    results = {"backend": args.backend}
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        # 1. The full OSV import (every record under ../shared/data/osv) into the store, and into
        #    a `kaiyuan vuln` database file for the naive way.
        start = time.time()
        subprocess.run([args.kaiyuan, "db", "import", "-q", "--database", server.database, OSV], check=True,
                       stdout=subprocess.DEVNULL)
        results["osv_import_store_s"] = round(time.time() - start, 1)
        vulndb = os.path.join(work, "vuln.db")
        start = time.time()
        subprocess.run([args.kaiyuan, "db", "import", "-q", "--db", vulndb, OSV], check=True, stdout=subprocess.DEVNULL)
        results["osv_import_file_s"] = round(time.time() - start, 1)
        _, _, h = server.json("GET", "/health")
        print(f"OSV import: store {results['osv_import_store_s']} s, file {results['osv_import_file_s']} s", file=sys.stderr)

        # 2. The portfolio: the real documents, then synthetic ones, each its own project version.
        reals = real_documents(args.kaiyuan, work)
        pool = pool_of(reals)
        docs = [d for _, _, d in reals]
        count = args.sboms - len(docs)
        components = sum(n for _, n, _ in reals)
        start = time.time()
        done = 0
        batch = 500
        for first in range(0, count, batch):
            chunk = [synthetic(i, pool) for i in range(first, min(count, first + batch))]
            components += sum(len(json.loads(d)["components"]) for d in chunk)
            upload_all(server, key, chunk, project_of=lambda k, f=first: (f"svc-{(f + k) // 2}", str((f + k) % 2)))
            done += len(chunk)
            print(f"\r{done}/{count} synthetic SBOMs stored, {time.time() - start:.0f} s", end="", file=sys.stderr)
        upload_all(server, key, docs, project_of=lambda k: (f"real-{k}", "1"))
        fill = time.time() - start
        print(file=sys.stderr)
        _, _, m = server.json("GET", "/api/v2/metrics/portfolio", key)
        cur = m["current"]
        results["portfolio"] = {"sboms": args.sboms, "components": components, "fill_s": round(fill),
                                "components_per_s": round(components / fill), "findings": cur["findings"],
                                "vulnerable_components": cur["vulnerableComponents"], "db_mib": round(db_size(server) / 2**20)}
        print(f"portfolio: {json.dumps(results['portfolio'])}", file=sys.stderr)

        # 3. Emergency queries: the advisories that hit the most, by id and alias; purl ranges.
        hits = {}
        for name in [f"svc-{k}" for k in range(0, 60, 3)] + [f"real-{k}" for k in range(len(reals))]:
            _, _, page = server.json("GET", "/api/v2/projects", key, query={"limit": 5, "name": name})
            if not page["items"]:
                continue
            p = page["items"][0]
            _, _, f = server.json("GET", f"/api/v2/projects/{p['uuid']}/findings", key, query={"limit": 1000})
            for x in f["items"]:
                hits[x["advisory"]] = x
        sizes = {}
        for adv in list(hits)[:200]:
            _, _, a = server.json("GET", f"/api/v2/advisories/{adv}/affected", key, query={"limit": 1})
            sizes[adv] = a["total"]
        top = sorted(sizes, key=lambda a: -sizes[a])[:10]
        by_advisory = [f"/api/v2/advisories/{a}/affected?limit=100" for a in top]
        by_range = []
        for a in top:
            f = hits[a]
            purl = f["component"]["purl"].split("@")[0]
            fixed = f["fixedVersions"]
            vers = f"vers:{purl[4:].split('/')[0]}/<{fixed[0]}" if fixed else f"vers:{purl[4:].split('/')[0]}/*"
            by_range.append("/api/v2/components?limit=100&purl=" + urllib.parse.quote(purl) + "&range=" + urllib.parse.quote(vers))
        results["emergency"] = {
            "advisories": {a: sizes[a] for a in top},
            "by_advisory": latencies(server, key, by_advisory, args.requests),
            "by_range": latencies(server, key, by_range, args.requests),
            "by_advisory_wrk16": wrk(server, key, by_advisory[0], 10),
            "by_range_wrk16": wrk(server, key, by_range[0], 10),
        }
        print(f"emergency: {json.dumps(results['emergency'])}", file=sys.stderr)

        # 4. A new advisory that hits 1,000 project versions: time until its findings are stored
        #    (and their notifications with them, in the same transaction), and until delivered.
        status, _, hook = server.json("POST", "/api/v2/webhooks", key,
                                      {"url": f"http://127.0.0.1:{httpd.server_address[1]}/", "events": ["finding.new", "advisory.affecting"]})
        assert status == 201, hook
        expected = sum(1 for i in range(count) if i % 10 == 0)
        advisory = {"id": "BENCH-2026-0001", "modified": "2026-12-03T00:00:00Z", "aliases": ["CVE-2099-9999"],
                    "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
                    "affected": [{"package": {"ecosystem": "PyPI", "name": TARGET},
                                  "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}]}]}
        start = time.time()
        status, _, _ = server.json("POST", "/api/v2/advisories", key, advisory)
        assert status == 200
        recorded = delivered = None
        while delivered is None and time.time() < start + 600:
            if recorded is None:
                _, _, a = server.json("GET", "/api/v2/advisories/BENCH-2026-0001/affected", key, query={"limit": 1})
                if a["total"] >= expected:
                    recorded = time.time() - start
            if recorded is not None and Receiver.count >= expected + 1:
                delivered = time.time() - start
            time.sleep(0.01)
        _, _, hooks = server.json("GET", "/api/v2/webhooks", key)
        results["new_advisory"] = {"projects": expected, "findings_and_notifications_recorded_s": round(recorded, 2),
                                   "notifications": Receiver.count, "all_delivered_s": round(delivered, 2) if delivered else None,
                                   "outbox": hooks["items"][0]["delivered"] + hooks["items"][0]["pending"]}
        print(f"new advisory: {json.dumps(results['new_advisory'])}", file=sys.stderr)

        # 5. The naive way: `kaiyuan vuln` over every SBOM (a sample, two at a time, scaled).
        sample = [synthetic(i, pool) for i in range(args.naive)]
        paths = []
        for k, d in enumerate(sample):
            p = os.path.join(work, f"naive-{k}.cdx.json")
            with open(p, "wb") as f:
                f.write(d)
            paths.append(p)
        start = time.time()
        procs = []
        for p in paths:
            procs.append(subprocess.Popen([args.kaiyuan, "vuln", "-q", "--db", vulndb, "-f", "json", "-o", os.devnull, p]))
            if len(procs) == 2:
                procs.pop(0).wait()
        for pr in procs:
            pr.wait()
        per = (time.time() - start) / len(paths)
        results["naive"] = {"per_sbom_s": round(per, 3), "all_sboms_s": round(per * args.sboms),
                            "vs_new_advisory": round(per * args.sboms / recorded) if recorded else None,
                            "vs_query_p50": round(per * args.sboms * 1000 / results["emergency"]["by_advisory"]["p50_ms"])}
        print(f"naive: {json.dumps(results['naive'])}", file=sys.stderr)
    finally:
        server.stop()
        httpd.shutdown()
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
