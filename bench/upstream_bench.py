#!/usr/bin/env python3
"""Upstream check of many packages against a local registry, kaiyuan beside openEuler-Advisor.

N packages described as openEuler-Advisor describes them (upstream-info YAML, version_control
pypi), a local PyPI-JSON server answering each with V releases (two files each), optionally
after a delay standing for the network's round trip. Timed, in one run:

- kaiyuan upstream check on the directory of YAML files (every request in flight at once);
- openEuler-Advisor's own check_pypi (advisors/check_upstream.py, run from a checkout given on
  the command line, with the address of its yaml2url pointed at the local server), one package
  after another as its oa_upgradable and simple-update-robot run it. nvchecker, the other peer,
  is packaged neither by Debian 12 nor on npm, so it cannot be installed here.

Usage: upstream_bench.py KAIYUAN ADVISOR_CHECKOUT [--packages 1000] [--versions 40]
       [--latency-ms 0,50]
Prints a Markdown table (wall seconds; kaiyuan's CPU seconds and peak memory) on stdout; progress
on stderr. The local server is Python's: at no delay it, not kaiyuan, sets the pace.
"""
import argparse
import http.server
import json
import os
import socketserver
import subprocess
import sys
import tempfile
import threading
import time


def pypi_answer(name, versions):
    releases = {}
    for i in range(versions):
        v = f"{1 + i // 10}.{i % 10}.0"
        day = f"20{10 + i // 12:02d}-{1 + i % 12:02d}-15"
        files = [{"filename": f"{name}-{v}.tar.gz", "packagetype": "sdist",
                  "upload_time": f"{day}T10:00:00", "upload_time_iso_8601": f"{day}T10:00:00.000000Z",
                  "yanked": False, "size": 123456, "digests": {"sha256": "0" * 64}},
                 {"filename": f"{name}-{v}-py3-none-any.whl", "packagetype": "bdist_wheel",
                  "upload_time": f"{day}T10:01:00", "upload_time_iso_8601": f"{day}T10:01:00.000000Z",
                  "yanked": False, "size": 65432, "digests": {"sha256": "1" * 64}}]
        releases[v] = files
    return json.dumps({"info": {"name": name, "version": v, "summary": "x" * 200},
                       "releases": releases, "urls": []}).encode()


class Registry(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    request_queue_size = 1024
    latency = 0.0
    answers = {}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        if self.server.latency:
            time.sleep(self.server.latency)
        parts = self.path.strip("/").split("/")  # pypi/NAME/json
        body = self.server.answers.get(parts[1]) if len(parts) == 3 else None
        if body is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


ADVISOR_DRIVER = r'''
import sys, time, yaml, glob
sys.path.insert(0, sys.argv[1])
from advisors import check_upstream, yaml2url
base = sys.argv[3]
# Only the address changes: yaml2url.py builds https://pypi.org/pypi/NAME/json.
yaml2url.__dict__["__get_pypi_url"] = lambda info: base + "/pypi/" + info["src_repo"] + "/json"
check_upstream.eprint = lambda *a, **k: None
found = 0
for f in sorted(glob.glob(sys.argv[2] + "/*.yaml")):
    info = yaml.safe_load(open(f))
    tags = check_upstream.check_pypi(info)
    found += len(tags)
print(found)
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kaiyuan")
    ap.add_argument("advisor", help="a checkout of openEuler-Advisor (holding advisors/)")
    ap.add_argument("--packages", type=int, default=1000)
    ap.add_argument("--versions", type=int, default=40)
    ap.add_argument("--latency-ms", default="0,50")
    a = ap.parse_args()

    work = tempfile.mkdtemp(prefix="kaiyuan-upstream-bench.")
    info = os.path.join(work, "upstream-info")
    os.makedirs(info)
    names = [f"pkg{i:05d}" for i in range(a.packages)]
    for n in names:
        with open(os.path.join(info, n + ".yaml"), "w") as f:
            f.write(f"version_control: pypi\nsrc_repo: {n}\nseparator: \".\"\n")
    server = Registry(("127.0.0.1", 0), Handler)
    server.answers = {n: pypi_answer(n, a.versions) for n in names}
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    size = sum(len(b) for b in server.answers.values())
    print(f"{a.packages} packages, {a.versions} releases each, {size / 1e6:.1f} MB of answers",
          file=sys.stderr)
    driver = os.path.join(work, "advisor_driver.py")
    with open(driver, "w") as f:
        f.write(ADVISOR_DRIVER)

    print("| round trip | kaiyuan upstream check | openEuler-Advisor check_pypi (sequential) | ratio | kaiyuan CPU | kaiyuan peak RSS |")
    print("|---|---|---|---|---|---|")
    for latency in [float(x) for x in a.latency_ms.split(",")]:
        server.latency = latency / 1000
        rss_file = os.path.join(work, "rss")
        t = time.perf_counter()
        out = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", rss_file, a.kaiyuan, "upstream",
                              "check", info, "--registry", f"pypi={base}/pypi", "--no-cache", "-q",
                              "-f", "json"], capture_output=True, check=False)
        k = time.perf_counter() - t
        rss_kib, user, system = open(rss_file).read().split()[-3:]
        rss, cpu = int(rss_kib), float(user) + float(system)
        if not out.stdout:
            sys.exit(f"kaiyuan failed ({out.returncode}): {out.stderr.decode()[-2000:]}")
        summary = json.loads(out.stdout)["summary"]
        assert summary["unchecked"] == 0 and summary["packagedVersionUnknown"] == a.packages, summary
        print(f"kaiyuan, {latency:g} ms: {k:.2f} s", file=sys.stderr)
        t = time.perf_counter()
        adv = subprocess.run([sys.executable, driver, a.advisor, info, base], capture_output=True,
                             text=True, check=True)
        o = time.perf_counter() - t
        assert int(adv.stdout.strip()) == a.packages * a.versions, adv.stdout
        print(f"openEuler-Advisor, {latency:g} ms: {o:.2f} s", file=sys.stderr)
        print(f"| {latency:g} ms | {k:.2f} s | {o:.2f} s | {o / k:.1f}× | "
              f"{cpu:.2f} s | {rss / 1024:.0f} MiB |")
    server.shutdown()


if __name__ == "__main__":
    main()
