#!/usr/bin/env python3
"""kaiyuan community against git itself and gitinspector (docs/benchmarks.md "Communities").
Never run in CI.

For each repository (a bare mirror or a clone): `kaiyuan community REPO -f json`, `git log
--numstat --no-renames HEAD` (what kaiyuan's counts must equal, and the practical limit: git
reading its own objects), and `gitinspector -F xml -f '**'` (all file types) on a work tree.
Also checks that kaiyuan's per-person commits and lines equal git's totals.

Usage: bench/community_bench.py KAIYUAN REPO... [--runs 3] [--no-gitinspector]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def timed(cmd, runs, cwd=None, timeout=1800):
    times, peak = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        r = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True, timeout=timeout)
        times.append(time.perf_counter() - t)
        try:
            peak = max(peak, int(r.stderr.strip().splitlines()[-1]))
        except (ValueError, IndexError):
            pass
    return statistics.median(times), peak // 1024


def git_totals(repo):
    out = subprocess.run(["git", "--git-dir", repo, "log", "--numstat", "--no-renames",
                          "--format=@@%H", "HEAD"], capture_output=True, text=True, errors="replace").stdout
    commits = added = removed = 0
    for line in out.splitlines():
        if line.startswith("@@"):
            commits += 1
        elif line and line[0] != "-" and "\t" in line:
            a, r, _ = line.split("\t", 2)
            added += int(a)
            removed += int(r)
    return commits, added, removed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kaiyuan")
    ap.add_argument("repos", nargs="+")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-gitinspector", action="store_true")
    ap.add_argument("--gitinspector-timeout", type=int, default=3600)
    a = ap.parse_args()
    k = os.path.abspath(a.kaiyuan)
    work = tempfile.mkdtemp(prefix="kaiyuan-community-bench-")
    try:
        for repo in a.repos:
            name = os.path.basename(os.path.dirname(repo.rstrip("/"))) if repo.rstrip("/").endswith("repo") else os.path.basename(repo.rstrip("/"))
            out = os.path.join(work, "out.json")
            subprocess.run([k, "community", repo, "-f", "json", "-q", "-o", out], check=True)
            d = json.load(open(out))
            s = d["summary"]
            ours = (s["commits"], s["linesAdded"], s["linesRemoved"])
            gits = git_totals(repo)
            agree = "agree" if ours == gits else f"DIFFER: kaiyuan {ours}, git {gits}"
            t_k, m_k = timed([k, "community", repo, "-f", "json", "-q", "-o", out], a.runs)
            t_g, m_g = timed(["git", "--git-dir", repo, "log", "--numstat", "--no-renames", "HEAD"], a.runs)
            line = (f"{name}: {s['commits']} commits, {s['contributors']} people; counts {agree}\n"
                    f"  kaiyuan community {t_k:.2f} s ({m_k} MB); git log --numstat {t_g:.2f} s ({m_g} MB); "
                    f"ratio {t_g / t_k:.2f}")
            if not a.no_gitinspector and shutil.which("gitinspector"):
                tree = os.path.join(work, "tree")
                shutil.rmtree(tree, ignore_errors=True)
                subprocess.run(["git", "clone", "-q", "--shared", repo, tree], check=True)
                try:
                    t_i, m_i = timed(["gitinspector", "-F", "xml", "-f", "**", tree], 1,
                                     timeout=a.gitinspector_timeout)
                    line += f"; gitinspector {t_i:.1f} s ({m_i} MB), {t_i / t_k:.0f}x kaiyuan"
                except subprocess.TimeoutExpired:
                    line += f"; gitinspector over {a.gitinspector_timeout} s (stopped), over {a.gitinspector_timeout / t_k:.0f}x kaiyuan"
            print(line, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
