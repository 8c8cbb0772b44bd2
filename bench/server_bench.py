#!/usr/bin/env python3
"""The service under load (docs/benchmarks.md "Service"): ingest throughput, the 18,477-component
document, and query latency under `wrk` with 1,000 and 10,000 stored SBOMs, for SQLite and
PostgreSQL. Never run in CI.

Usage: bench/server_bench.py KAIYUAN [--backend sqlite|postgres] [--sboms 10000] [--out DIR]
PostgreSQL: KAIYUAN_TEST_POSTGRES (tools/start-postgres.sh). wrk: apt-get install wrk.
"""
import argparse
import glob
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e", "server"))
from serverlib import Server, fresh_postgres_database  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")

# Names of real npm, PyPI and Maven packages for synthetic documents (popular ones, so that
# searches hit many projects as they would in a real portfolio).
POPULAR = ["lodash", "react", "express", "debug", "chalk", "commander", "axios", "moment", "uuid", "semver",
           "minimist", "yargs", "glob", "rimraf", "mkdirp", "async", "bluebird", "underscore", "request", "qs"]


def synthetic(n, seed):
    """A CycloneDX 1.6 document with n npm components: the popular ones, then generated names."""
    rnd = random.Random(seed)
    comps, deps = [], {}
    for i in range(n):
        name = POPULAR[i] if i < len(POPULAR) else f"pkg-{seed % 997}-{i}"
        version = f"{rnd.randint(0, 9)}.{rnd.randint(0, 30)}.{rnd.randint(0, 40)}"
        ref = f"pkg:npm/{name}@{version}"
        comps.append({"type": "library", "bom-ref": ref, "name": name, "version": version, "purl": ref,
                      "licenses": [{"license": {"id": rnd.choice(["MIT", "Apache-2.0", "ISC", "BSD-3-Clause"])}}],
                      "hashes": [{"alg": "SHA-256", "content": "%064x" % rnd.getrandbits(256)}]})
        if i:
            deps.setdefault(comps[rnd.randrange(i)]["bom-ref"], []).append(ref)
    return json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
                       "metadata": {"component": {"type": "application", "name": f"app-{seed}"}},
                       "components": comps,
                       "dependencies": [{"ref": r, "dependsOn": d} for r, d in deps.items()]}).encode()


def real_documents(kaiyuan, workdir):
    """CycloneDX documents kaiyuan makes from the real lockfiles and root filesystems."""
    targets = sorted(glob.glob(os.path.join(ROOT, "..", "shared", "data", "manifests", "*", "*")))
    fixtures = os.path.expanduser("~/.cache/kaiyuan-fixtures")
    targets += [os.path.join(fixtures, d) for d in ("rootfs-debian", "rootfs-debian-big", "rootfs-rpm-sqlite")
                if os.path.isdir(os.path.join(fixtures, d))]
    docs = []
    for i, t in enumerate(targets):
        out = os.path.join(workdir, f"real-{i}.json")
        if subprocess.run([kaiyuan, "scan", t, "-q", "-f", "cyclonedx-json", "-o", out]).returncode == 0:
            with open(out, "rb") as f:
                data = f.read()
            n = len(json.loads(data).get("components", []))
            if n:
                docs.append((os.path.relpath(t, ROOT), n, data))
    return docs


def upload_all(server, key, docs, clients=4, project_of=lambda i: (f"p{i}", "1")):
    """Uploads docs (a list of bytes) with `clients` threads; returns (seconds until every job is
    done, components)."""
    tokens, lock = [], threading.Lock()
    queue = list(enumerate(docs))
    start = time.time()

    def work():
        while True:
            with lock:
                if not queue:
                    return
                i, body = queue.pop()
            name, version = project_of(i)
            status, _, j = server.json("POST", "/api/v2/sboms", key, body,
                                       query={"projectName": name, "projectVersion": version, "autoCreate": "true"})
            if status != 202:
                raise RuntimeError(f"upload {i}: {status} {j}")
            with lock:
                tokens.append(j["token"])

    threads = [threading.Thread(target=work) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    while True:
        _, _, h = server.json("GET", "/health")
        if h["pendingJobs"] == 0:
            break
        time.sleep(0.02)
    return time.time() - start, tokens


def rss_kib(pid):
    """(resident, anonymous) KiB: SQLite maps the database file, whose pages count as resident
    but are the kernel's page cache; the anonymous part is the server's own memory."""
    with open(f"/proc/{pid}/status") as f:
        text = f.read()
    return int(re.search(r"VmRSS:\s+(\d+)", text).group(1)), int(re.search(r"RssAnon:\s+(\d+)", text).group(1))


def db_size(server):
    if server.database.startswith("sqlite:"):
        path = server.database[len("sqlite:"):]
        return sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))
    parts = urllib.parse.urlsplit(server.database)
    q = dict(urllib.parse.parse_qsl(parts.query))
    env = dict(os.environ, PGHOST=q.get("host", ""), PGPORT=q.get("port", "5432"), PGUSER=q.get("user", "postgres"))
    out = subprocess.run(["psql", "-At", "-d", parts.path.lstrip("/"), "-c", "SELECT pg_database_size(current_database())"],
                         capture_output=True, text=True, env=env, check=True)
    return int(out.stdout.strip())


def wrk(server, key, path, seconds=10, connections=16):
    script = os.path.join(tempfile.gettempdir(), "kaiyuan-wrk.lua")
    with open(script, "w") as f:
        f.write('wrk.headers["X-Api-Key"] = "%s"\n' % key)
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script, server.url + path],
                         capture_output=True, text=True).stdout
    def ms(label):
        m = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", out, re.M)
        if not m:
            return None
        v = float(m.group(1))
        return v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"p50_ms": ms("50"), "p99_ms": ms("99"), "rps": float(rps.group(1)) if rps else None,
            "non2xx": int(errors.group(1)) if errors else 0}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kaiyuan")
    ap.add_argument("--backend", default="sqlite", choices=["sqlite", "postgres"])
    ap.add_argument("--sboms", type=int, default=10000)
    ap.add_argument("--wrk-seconds", type=int, default=10)
    args = ap.parse_args()
    database = fresh_postgres_database(args.kaiyuan) if args.backend == "postgres" else None
    if args.backend == "postgres" and not database:
        sys.exit("KAIYUAN_TEST_POSTGRES is not set")
    server = Server(args.kaiyuan, database, extra=["--workers", "2"]).start()
    key = server.key("bench", "admin")
    results = {"backend": args.backend}
    try:
        # 1. Ingest: synthetic documents of 100, 1,000 and 10,000 components.
        for n, count in ((100, 200), (1000, 100), (10000, 10)):
            docs = [synthetic(n, 1000 * n + i) for i in range(count)]
            secs, _ = upload_all(server, key, docs, project_of=lambda i, n=n: (f"synthetic-{n}-{i}", "1"))
            results[f"ingest_{n}"] = {"sboms": count, "seconds": round(secs, 2),
                                      "sboms_per_min": round(count / secs * 60), "components_per_s": round(count * n / secs)}
            print(f"ingest {count} x {n}: {secs:.2f} s, {count / secs * 60:.0f} SBOMs/min, {count * n / secs:.0f} components/s",
                  file=sys.stderr)
        # 2. One 18,477-component CycloneDX document (the size of DT#1759), upload to stored.
        big = synthetic(18477, 18477)
        secs, _ = upload_all(server, key, [big], clients=1, project_of=lambda i: ("big", "1"))
        results["one_18477"] = {"seconds": round(secs, 2), "bytes": len(big)}
        print(f"one 18,477-component document: {secs:.2f} s", file=sys.stderr)
        # 3. Real documents from lockfiles and root filesystems.
        reals = real_documents(args.kaiyuan, server.workdir)
        secs, _ = upload_all(server, key, [d for _, _, d in reals] * 5, project_of=lambda i: (f"real-{i}", "1"))
        comps = sum(n for _, n, _ in reals) * 5
        results["ingest_real"] = {"sboms": len(reals) * 5, "components": comps, "seconds": round(secs, 2),
                                  "sboms_per_min": round(len(reals) * 5 / secs * 60), "components_per_s": round(comps / secs)}
        print(f"real: {len(reals) * 5} SBOMs ({comps} components) in {secs:.2f} s", file=sys.stderr)
        # 4. Query latency at 1,000 and then args.sboms stored SBOMs (realistic mix: the real
        #    documents and synthetic ones of 100 components, one project version each).
        stored = sum(v.get("sboms", 1) for k, v in results.items() if k.startswith("ingest") or k == "one_18477")
        for target in (1000, args.sboms):
            missing = max(0, target - stored)
            mix = [d for _, _, d in reals] + [synthetic(100, 7000 + i) for i in range(40)]
            docs = [mix[i % len(mix)] for i in range(missing)]
            secs, _ = upload_all(server, key, docs, project_of=lambda i, t=target: (f"fleet-{t}-{i // 3}", str(i % 3)))
            stored += missing
            lat = {}
            for name, path in (("project_list", "/api/v2/projects?limit=100"),
                               ("search_purl", "/api/v2/components?purl=pkg:npm/lodash&limit=100"),
                               ("search_vers", "/api/v2/components?purl=pkg:npm/lodash&vers=" +
                                urllib.parse.quote("vers:npm/>=1.0.0|<4.17.21") + "&limit=100")):
                lat[name] = wrk(server, key, path, args.wrk_seconds)
            results[f"at_{target}"] = {"sboms": stored, "fill_seconds": round(secs, 1), "latency": lat,
                                       "rss_mib": round(rss_kib(server.proc.pid)[0] / 1024),
                                       "anon_rss_mib": round(rss_kib(server.proc.pid)[1] / 1024), "db_mib": round(db_size(server) / 2**20)}
            print(f"at {stored} SBOMs: {json.dumps(results[f'at_{target}'])}", file=sys.stderr)
    finally:
        server.stop()
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
