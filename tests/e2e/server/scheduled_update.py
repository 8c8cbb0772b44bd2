"""`kaiyuan serve --advisory-update-interval`: the server downloads OSV's per-ecosystem exports
itself (from a local HTTP server standing in for OSV's bucket), imports them into its store and
re-matches the stored SBOMs; an export that changes is picked up at the next interval.
Usage: scheduled_update.py KAIYUAN SHARED"""
import glob
import http.server
import json
import os
import sys
import threading
import time
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverlib import *  # noqa: E402,F403

kaiyuan, shared = sys.argv[1], sys.argv[2]
osv = os.path.join(shared, "data", "osv")
if not os.path.isdir(osv):
    print("../shared/data is absent", file=sys.stderr)
    sys.exit(SKIP)
www = tempfile.mkdtemp(prefix="kaiyuan-osv-")
os.makedirs(os.path.join(www, "Go"))
records = sorted(glob.glob(os.path.join(osv, "golang-vulndb/**/*.json"), recursive=True))


def export(files):
    path = os.path.join(www, "Go", "all.zip")
    with zipfile.ZipFile(path + ".tmp", "w", zipfile.ZIP_DEFLATED) as z:
        for f in files:
            z.write(f, os.path.basename(f))
    os.replace(path + ".tmp", path)
    # Python's file server answers If-Modified-Since at one-second resolution: move each new export's
    # time on, as a real bucket's Last-Modified moves, so a change within the same second is seen.
    export.stamp = getattr(export, "stamp", time.time()) + 10
    os.utime(path, (export.stamp, export.stamp))


# First an export without the advisory the SBOM below is affected by.
target = next(f for f in records if f.endswith("GO-2024-3295.json"))
export([f for f in records if f != target][:300])


class Quiet(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *a, **k):
        super().__init__(*a, directory=www, **k)

    def log_message(self, *a):
        pass


httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
threading.Thread(target=httpd.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{httpd.server_address[1]}"

s = Server(kaiyuan, extra=["--advisory-update-interval", "1", "--osv-base", base,
                           "--advisory-ecosystem", "Go"]).start()
try:
    key = s.key("sec", "admin")
    sbom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [
        {"type": "library", "bom-ref": "gh", "name": "github.com/cli/go-gh/v2", "version": "v2.11.0",
         "purl": "pkg:golang/github.com/cli/go-gh/v2@v2.11.0"}]}
    status, _, up = s.json("POST", "/api/v2/sboms", key, sbom,
                           query={"projectName": "cli", "projectVersion": "1", "autoCreate": "true"})
    check(status == 202 and s.wait_job(key, up["token"])["status"] == "done", "the SBOM is stored")

    def affected():
        status, _, page = s.json("GET", "/api/v2/advisories/GO-2024-3295/affected", key)
        return status, page

    deadline = time.time() + 30
    while time.time() < deadline and "advisory update" not in s.log_text():
        time.sleep(0.1)
    check("advisory update: 1 exports downloaded" in s.log_text(), "the first update is logged: " + s.log_text())
    check(affected()[0] == 404, "the advisory is not in the first export")
    export(records[:300] + [target])  # the next export has it
    start = time.time()
    while time.time() < start + 30 and affected()[0] != 200:
        time.sleep(0.1)
    status, page = affected()
    deadline = time.time() + 30
    while time.time() < deadline and (status != 200 or page["total"] == 0):
        time.sleep(0.1)
        status, page = affected()
    check(status == 200 and page["total"] == 1 and page["items"][0]["component"]["bomRef"] == "gh",
          f"the changed export is downloaded and the stored SBOM re-matched: {status} {page}")
    print(f"new advisory found in the store's SBOMs {time.time() - start:.1f} s after the export changed",
          file=sys.stderr)

    # The same emergency questions from the command line: JSON on a pipe, exit 1 when affected.
    env = {"KAIYUAN_API_KEY": key}
    r = s.cli("query", "advisory", "GO-2024-3295", "--server", s.url, env=env, check_rc=False)
    check(r.returncode == 1 and json.loads(r.stdout)["items"][0]["component"]["bomRef"] == "gh",
          f"kaiyuan query advisory finds the project and exits 1: {r.returncode} {r.stderr}")
    r = s.cli("query", "component", "pkg:golang/github.com/cli/go-gh/v2", "--range",
              "vers:golang/>=v2.0.0|<v2.11.1", "--server", s.url, env=env, check_rc=False)
    check(r.returncode == 1 and json.loads(r.stdout)["total"] == 1,
          f"kaiyuan query component finds the version in range: {r.returncode} {r.stdout} {r.stderr}")
    r = s.cli("query", "component", "pkg:golang/github.com/cli/go-gh/v2", "--range",
              "vers:golang/>=v2.11.1", "--server", s.url, env=env, check_rc=False)
    check(r.returncode == 0 and json.loads(r.stdout)["total"] == 0,
          f"a range the version is outside of finds nothing, exit 0: {r.returncode} {r.stderr}")
    r = s.cli("query", "advisory", "GO-2024-3295", "--server", s.url, check_rc=False)
    check(r.returncode not in (0, 1) and ("401" in r.stderr or "key" in r.stderr),
          f"without a key the server refuses and the query says so: {r.returncode} {r.stderr}")

    # Without --webhook-allow-internal, a webhook on the server's own network is refused at
    # delivery, and says why.
    status, _, hook = s.json("POST", "/api/v2/webhooks", key, {"url": base + "/hook"})
    check(status == 201, f"a webhook to a loopback address can be created: {status}")
    status, _, up = s.json("POST", "/api/v2/sboms", key, sbom,
                           query={"projectName": "cli", "projectVersion": "2", "autoCreate": "true"})
    s.wait_job(key, up["token"])
    deadline = time.time() + 30
    while time.time() < deadline:
        _, _, d = s.json("GET", f"/api/v2/webhooks/{hook['uuid']}/deliveries", key)
        if d["items"] and all(x["lastError"] for x in d["items"]):
            break
        time.sleep(0.1)
    check(d["items"] and all("internal network" in (x["lastError"] or "") and x["status"] == "pending"
                             for x in d["items"]),
          f"delivery to loopback is refused with the reason, and kept for retry: {d}")
finally:
    s.stop()
    httpd.shutdown()
finish()
