#!/usr/bin/env python3
"""The web UI on a large portfolio (docs/benchmarks.md "Web UI"): a store of 10,000 SBOMs (the
documents of bench/analysis_bench.py: real lockfiles' SBOMs and synthetic ones of about 1,000
components), one project of 10,000 components, and an advisory that hits 1,000 project versions;
then bench/ui_timings.mjs times the dashboard, that project's pages and the emergency query in
Debian's headless Chromium, and the JavaScript the UI ships is weighed gzipped. Never run in CI.

Usage: bench/ui_bench.py KAIYUAN [--sboms 10000] [--store DIR]   (DIR: keep or reuse the filled store)
"""
import argparse
import gzip
import glob
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from analysis_bench import OSV, TARGET, pool_of, synthetic  # noqa: E402
from server_bench import real_documents, upload_all  # noqa: E402
from serverlib import Server  # noqa: E402


def fill(server, key, kaiyuan, count):
    subprocess.run([kaiyuan, "db", "import", "-q", "--database", server.database, OSV], check=True, stdout=subprocess.DEVNULL)
    reals = real_documents(kaiyuan, server.workdir)
    pool = pool_of(reals)
    start = time.time()
    synthetic_count = count - len(reals) - 1
    for first in range(0, synthetic_count, 500):
        chunk = [synthetic(i, pool) for i in range(first, min(synthetic_count, first + 500))]
        upload_all(server, key, chunk, project_of=lambda k, f=first: (f"svc-{(f + k) // 2}", str((f + k) % 2)))
        print(f"\r{first + len(chunk)}/{synthetic_count} SBOMs stored, {time.time() - start:.0f} s", end="", file=sys.stderr)
    print(file=sys.stderr)
    upload_all(server, key, [d for _, _, d in reals], project_of=lambda k: (f"real-{k}", "1"))
    # The big one: 10,000 components in one project version.
    upload_all(server, key, [synthetic(999999, pool, size=10000, drawn=1000)], project_of=lambda k: ("big-app", "1"))
    advisory = {"id": "BENCH-2026-0001", "modified": "2026-12-03T00:00:00Z", "aliases": ["CVE-2099-9999"],
                "summary": "A benchmark advisory that hits every tenth project version",
                "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
                "affected": [{"package": {"ecosystem": "PyPI", "name": TARGET},
                              "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}]}]}
    status, _, body = server.json("POST", "/api/v2/advisories", key, advisory)
    assert status == 200, body
    deadline = time.time() + 600
    while time.time() < deadline:
        _, _, h = server.json("GET", "/health")
        if h["pendingJobs"] == 0:
            break
        time.sleep(0.2)
    print(f"filled in {time.time() - start:.0f} s", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kaiyuan")
    ap.add_argument("--sboms", type=int, default=10000)
    ap.add_argument("--store", help="a folder for the store: filled when empty, reused otherwise")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    workdir = args.store
    if workdir:
        os.makedirs(workdir, exist_ok=True)
    filled = bool(workdir) and os.path.exists(os.path.join(workdir, "store.db"))
    server = Server(args.kaiyuan, extra=["--workers", "2"], workdir=workdir).start()
    try:
        if not filled:
            key = server.key("bench", "admin")
            fill(server, key, args.kaiyuan, args.sboms)
            r = subprocess.run([args.kaiyuan, "user", "create", "--database", server.database, "--name", "bench",
                                "--team", "bench-users", "--permission", "admin"], input="bench password\n", text=True)
            assert r.returncode == 0
        key = server.key("bench-read", "admin")
        _, _, page = server.json("GET", "/api/v2/projects", key, query={"name": "big-app"})
        big = page["items"][0]["uuid"]
        _, _, m = server.json("GET", "/api/v2/metrics/portfolio", key)
        _, _, comps = server.json("GET", f"/api/v2/projects/{big}/components", key, query={"limit": 1})
        _, _, affected = server.json("GET", "/api/v2/advisories/BENCH-2026-0001/affected", key, query={"limit": 1})
        out = subprocess.run(["node", os.path.join(HERE, "ui_timings.mjs"), server.url, big, str(args.runs)],
                             capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"ui_timings.mjs failed: {out.stderr}")
        timings = json.loads(out.stdout)
        dist = glob.glob(os.path.join(HERE, "..", "build", "release", "src", "kaiyuan", "server", "web-dist", "assets", "*"))
        weight = {os.path.splitext(p)[1]: 0 for p in dist}
        for p in dist:
            with open(p, "rb") as f:
                weight[os.path.splitext(p)[1]] += len(gzip.compress(f.read(), 9))
        results = {"portfolio": {"projects": m["current"]["projects"], "components": m["current"]["components"],
                                 "findings": m["current"]["findings"], "big_app_components": comps["total"],
                                 "advisory_affects_project_versions": affected["projects"]},
                   "gzipped_bytes": weight, "timings_ms": timings}
        print(json.dumps(results, indent=1))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
