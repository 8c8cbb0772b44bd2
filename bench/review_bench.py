#!/usr/bin/env python3
"""kaiyuan review (docs/benchmarks.md "Review of a change"). Never run in CI.

1. Two SBOMs of 5,000 components (CycloneDX 1.6 JSON, the head a shuffled copy of the base with
   100 packages upgraded, 50 added, 50 removed, 25 relicensed): `kaiyuan sbom diff`, `kaiyuan
   review --no-db`, and `kaiyuan review` against an advisory database of the real PyPI advisories
   in ../shared/data/osv/pypa (the components are PyPI packages those advisories name, at old
   versions, so that matching does real work). Goal: under 100 ms.
2. Two revisions of real repositories (the mirrors `fetch` brings to /work/.mirror):
   `kaiyuan review --git REPO A B` straight from the object database, against the way without it:
   check out each revision (git worktree add) and scan it, then diff the two SBOMs.

Usage: bench/review_bench.py KAIYUAN [--runs 5] [--repo DIR:BASE:HEAD ...]
Times are medians of --runs runs after one warm-up.
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
OSV = os.path.join(HERE, "..", "..", "shared", "data", "osv", "pypa")


def median_time(cmd, runs, setup=None, **kw):
    times = []
    for i in range(runs + 1):
        if setup:
            setup()
        t = time.perf_counter()
        subprocess.run(cmd, check=kw.get("check", True), stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, shell=isinstance(cmd, str))
        if i:
            times.append(time.perf_counter() - t)
    return statistics.median(times)


def pypi_names():
    """The packages PyPA's advisory database has advisories for: its vulns/<name>/ folders."""
    return sorted(n.lower() for n in os.listdir(os.path.join(OSV, "vulns")))


def component(name, version, license_id):
    purl = f"pkg:pypi/{name}@{version}"
    return {"type": "library", "bom-ref": purl, "name": name, "version": version, "purl": purl,
            "licenses": [{"license": {"id": license_id}}]}


def sbom(components, edges):
    return {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
            "metadata": {"component": {"type": "application", "bom-ref": "app", "name": "app"}},
            "components": components,
            "dependencies": [{"ref": "app", "dependsOn": [c["bom-ref"] for c in components[:200]]}] +
                            [{"ref": a, "dependsOn": bs} for a, bs in edges.items()]}


def synthetic(work, n=5000):
    rnd = random.Random(17)
    real = pypi_names()
    names = (real + [f"pkg-{i}" for i in range(n)])[:n]
    licenses = ["MIT", "Apache-2.0", "BSD-3-Clause", "ISC", "GPL-2.0-only"]
    base = [component(name, f"{rnd.randint(0, 2)}.{rnd.randint(0, 9)}.{rnd.randint(0, 9)}",
                      rnd.choice(licenses)) for name in names]
    edges = {}
    for i in range(200, n):
        parent = base[rnd.randrange(0, i)]["bom-ref"]
        edges.setdefault(parent, []).append(base[i]["bom-ref"])
    head = [dict(c) for c in base]
    for c in rnd.sample(head[:-100], 100):
        v = c["version"].split(".")
        c["version"] = f"{v[0]}.{int(v[1]) + 1}.0"
        c["purl"] = f"pkg:pypi/{c['name']}@{c['version']}"
    for c in rnd.sample(head[:-100], 25):
        c["licenses"] = [{"license": {"id": "AGPL-3.0-only"}}]
    removed = {c["bom-ref"] for c in head[-50:]}
    head = head[:-50] + [component(f"new-pkg-{i}", "1.0.0", "MIT") for i in range(50)]
    # bom-refs stay as they were so that the edges hold; the purls carry the versions.
    head_edges = {a: [b for b in bs if b not in removed] for a, bs in edges.items() if a not in removed}
    rnd.shuffle(head)
    json.dump(sbom(base, edges), open(os.path.join(work, "base.cdx.json"), "w"))
    json.dump(sbom(head, head_edges), open(os.path.join(work, "head.cdx.json"), "w"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kaiyuan")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--repo", action="append", default=[],
                    help="DIR:BASE:HEAD, a repository and two revisions")
    a = ap.parse_args()
    k = os.path.abspath(a.kaiyuan)
    work = tempfile.mkdtemp(prefix="kaiyuan-review-bench-")
    try:
        synthetic(work)
        db = os.path.join(work, "pypa.sqlite")
        subprocess.run([k, "db", "import", "--db", db, OSV], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        b, h = os.path.join(work, "base.cdx.json"), os.path.join(work, "head.cdx.json")
        out = subprocess.run([k, "review", b, h, "--db", db, "-q", "-f", "json"],
                             capture_output=True, text=True)
        s = json.loads(out.stdout)["summary"]
        print(f"5,000-component SBOMs: {s}")
        for label, cmd in [("sbom diff", [k, "sbom", "diff", b, h, "-q", "-f", "json"]),
                           ("review --no-db", [k, "review", b, h, "--no-db", "-q", "-f", "json"]),
                           ("review --db (PyPI advisories)", [k, "review", b, h, "--db", db, "-q", "-f", "json"]),
                           ("review --db, markdown", [k, "review", b, h, "--db", db, "-q", "-f", "markdown"])]:
            t = median_time(cmd, a.runs, check=False)
            print(f"  {label}: {t * 1000:.0f} ms")

        for spec in a.repo:
            repo, base, head = spec.split(":")
            files = subprocess.run(["git", "--git-dir", repo, "ls-tree", "-r", "--name-only", head],
                                   capture_output=True, text=True).stdout.count("\n")
            print(f"{os.path.basename(os.path.dirname(repo.rstrip('/')))} {base}..{head} ({files} files)")
            direct = median_time([k, "review", "--git", repo, base, head, "--no-db", "-q", "-f", "json"],
                                 a.runs, check=False)
            trees = [os.path.join(work, "wt-base"), os.path.join(work, "wt-head")]

            def clean():
                for t in trees:
                    if os.path.exists(t):
                        subprocess.run(["git", "--git-dir", repo, "worktree", "remove", "--force", t],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                        shutil.rmtree(t, ignore_errors=True)
                subprocess.run(["git", "--git-dir", repo, "worktree", "prune"])

            checkout_scan = (
                f"git --git-dir {repo} worktree add -q --detach {trees[0]} {base} && "
                f"{k} scan {trees[0]} -q -f cyclonedx-json -o {work}/b.json && "
                f"git --git-dir {repo} worktree add -q --detach {trees[1]} {head} && "
                f"{k} scan {trees[1]} -q -f cyclonedx-json -o {work}/h.json && "
                f"{k} sbom diff {work}/b.json {work}/h.json -q -f json")
            twice = median_time(checkout_scan, a.runs, setup=clean)
            clean()
            print(f"  review --git: {direct * 1000:.0f} ms; check out and scan twice: "
                  f"{twice * 1000:.0f} ms ({twice / direct:.1f}x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
