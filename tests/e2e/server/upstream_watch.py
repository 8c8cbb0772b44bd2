"""Upstream monitoring in the real `kaiyuan serve`: a project's package watched; the server asks a
local registry (PyPI's JSON answer form, the test's own HTTP server, given with
--upstream-registry) at once and then on its schedule; every release seen is kept; releases newer
than the packaged version are announced to a webhook (upstream.release, signed) when first seen,
and only then; an upstream that fails is said on the watch and the next check goes on; team
visibility, permissions and input validation per route; addresses of their own refused unless
the server allows them.
Usage: upstream_watch.py KAIYUAN SHARED [--postgres]"""
import copy
import hashlib
import hmac
import http.server
import json
import os
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverlib import *  # noqa: E402,F403

kaiyuan = sys.argv[1]
database = None
if "--postgres" in sys.argv[2:]:
    database = fresh_postgres_database(kaiyuan)
    if not database:
        print("KAIYUAN_TEST_POSTGRES is not set", file=sys.stderr)
        sys.exit(SKIP)

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "..", "upstream", "testdata", "registry", "pypi-requests.json")) as f:
    pypi = json.load(f)
state = {"answer": pypi, "fail": False, "asked": 0}
received = []
lock = threading.Lock()


class Registry(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with lock:
            state["asked"] += 1
            body = json.dumps(state["answer"]).encode()
            failing = state["fail"]
        if failing or self.path != "/pypi/requests/json":
            self.send_response(500 if failing else 404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):  # the webhook receiver
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with lock:
            received.append((dict(self.headers), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *a):
        pass


httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Registry)
threading.Thread(target=httpd.serve_forever, daemon=True).start()
base = f"http://127.0.0.1:{httpd.server_address[1]}"

s = Server(kaiyuan, database=database,
           extra=["--upstream-poll-interval", "1", "--upstream-registry", f"pypi={base}/pypi",
                  "--webhook-allow-internal"]).start()
try:
    _, _, api_doc = s.json("GET", "/api/openapi.json")
    validate = openapi_validator(api_doc)

    def conforms(method, path, status_code, body):
        name = response_schema(api_doc, method, path, status_code)
        check(name is not None, f"{method} {path} documents a {status_code} JSON answer")
        if name:
            problems = validate(name, body)
            check(not problems, f"{method} {path} {status_code} matches {name}: {problems[:3]}")

    admin = s.key("sec", "admin")
    owner = s.key("pkg", "read", "upload")
    reader = s.key("pkg", "read")
    stranger = s.key("others", "read", "upload")
    secret = "a-secret-of-the-test-0123456789"
    status, _, hook = s.json("POST", "/api/v2/webhooks", admin,
                             {"url": base + "/hook", "secret": secret,
                              "events": ["upstream.release", "upstream.fixing-upgrade"]})
    check(status == 201, f"a webhook for upstream releases: {status} {hook}")
    status, _, project = s.json("POST", "/api/v2/projects", admin, {"name": "distro", "version": "24.03", "tags": ["pkg"]})
    check(status == 201, f"project: {project}")
    status, _, _ = s.request("POST", "/api/v2/teams/pkg/grants", admin, {"tag": "pkg"})
    check(status == 204, "team pkg sees the project")
    # The project ships requests 2.31.0, which an advisory fixed in 2.32.0 hits.
    advisory = {"id": "KAIYUAN-TEST-UP-1", "modified": "2026-01-01T00:00:00Z", "aliases": ["CVE-2099-0101"],
                "summary": "requests leaks", "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}],
                "affected": [{"package": {"ecosystem": "PyPI", "name": "requests"},
                              "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.32.0"}]}]}]}
    status, _, _ = s.json("POST", "/api/v2/advisories", admin, advisory)
    check(status == 200, f"advisory added: {status}")
    sbom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
            "metadata": {"component": {"type": "application", "name": "distro", "bom-ref": "distro"}},
            "components": [{"type": "library", "name": "requests", "version": "2.31.0",
                            "purl": "pkg:pypi/requests@2.31.0", "bom-ref": "requests"}]}
    status, _, up = s.json("POST", f"/api/v2/projects/{project['uuid']}/sboms", admin, sbom)
    check(status == 202, f"SBOM uploaded: {status} {up}")
    check(s.wait_job(admin, up["token"])["status"] == "done", "SBOM processed")
    status, _, findings = s.json("GET", f"/api/v2/projects/{project['uuid']}/findings", admin)
    check(status == 200 and any(f["advisory"]["id"] == "KAIYUAN-TEST-UP-1" if isinstance(f.get("advisory"), dict)
                                else f.get("advisory") == "KAIYUAN-TEST-UP-1" for f in findings["items"]),
          f"the project has the finding: {findings}")
    watches = f"/api/v2/projects/{project['uuid']}/upstream"
    watch_body = {"name": "python-requests", "packaged": "2.31.0", "ecosystem": "PyPI", "intervalSeconds": 60,
                  "upstream": {"versionControl": "pypi", "srcRepo": "requests"}}

    # Validation and permissions.
    for body, why in [({**watch_body, "name": ""}, "no name"), ({**watch_body, "intervalSeconds": 5}, "a 5 s interval"),
                      ({**watch_body, "ecosystem": "Nowhere"}, "an unknown ecosystem... "),
                      ({**watch_body, "upstream": {"versionControl": "svn", "srcRepo": "x"}}, "svn"),
                      ({**watch_body, "upstream": {"versionControl": "pypi"}}, "no srcRepo"),
                      ({**watch_body, "upstream": {"versionControl": "pypi", "srcRepo": "x", "tagPattern": "(["}}, "a bad pattern"),
                      ({**watch_body, "upstream": {"versionControl": "pypi", "srcRepo": "x", "nonsense": "1"}}, "an unknown setting"),
                      ({**watch_body, "upstream": {"versionControl": "regex", "url": "http://10.0.0.1/", "regex": "(.*)"}},
                       "an address of its own"),
                      ({**watch_body, "upstream": {"versionControl": "git", "srcRepo": "http://127.0.0.1:1/x.git"}},
                       "a git address of its own")]:
        status, _, answer = s.json("POST", watches, owner, body)
        if why == "an unknown ecosystem... ":
            check(status in (201, 400), f"{why}: {status}")  # every name has the generic order
            if status == 201:
                s.request("DELETE", f"/api/v2/upstream/{answer['uuid']}", owner)
            continue
        check(status == 400, f"{why}: 400, got {status} {answer}")
    status, _, _ = s.json("POST", watches, reader, watch_body)
    check(status == 403, f"read alone cannot watch: {status}")
    status, _, _ = s.json("POST", watches, stranger, watch_body)
    check(status == 404, f"another team does not see the project: {status}")

    status, _, watch = s.json("POST", watches, owner, watch_body)
    check(status == 201 and watch["packaged"] == "2.31.0", f"watched: {status} {watch}")
    conforms("POST", "/api/v2/projects/{uuid}/upstream", 201, watch)
    status, _, _ = s.json("POST", watches, owner, watch_body)
    check(status == 409, f"the same package twice: {status}")
    wpath = f"/api/v2/upstream/{watch['uuid']}"

    def wait(cond, what, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            status, _, w = s.json("GET", wpath, owner)
            if status == 200 and cond(w):
                return w
            time.sleep(0.2)
        raise RuntimeError(f"{what}: not after {timeout} s: {w}")

    w = wait(lambda w: w["lastCheckedAt"], "the first check")
    check(w["newest"] == "2.32.3" and w["standing"] == "behind" and w["lastError"] is None, f"first check: {w}")
    check(sorted(r["version"] for r in w["releases"]) == ["2.31.0", "2.32.2", "2.32.3"],
          f"every stable release kept (yanked 2.32.0 and the pre-releases not): {w['releases']}")
    check(all(r["released"] for r in w["releases"]), "release dates from the registry")
    conforms("GET", "/api/v2/upstream/{uuid}", 200, w)

    def events(kind="upstream.release"):
        with lock:
            return [(h, b) for h, b in received if h.get("X-Kaiyuan-Event") == kind]

    deadline = time.time() + 30
    while time.time() < deadline and not (events() and events("upstream.fixing-upgrade")):
        time.sleep(0.2)
    got = events()
    check(len(got) == 1, f"one release notification: {len(got)}")
    fixing = events("upstream.fixing-upgrade")
    check(len(fixing) == 1, f"one fixing-upgrade notification: {len(fixing)}")
    if fixing:
        f = json.loads(fixing[0][1])
        check(f.get("upgrade") == "2.32.3" and [a["advisory"] for a in f.get("advisories", [])] == ["KAIYUAN-TEST-UP-1"]
              and f["advisories"][0]["fixedVersions"] == ["2.32.0"] and f.get("package") == "python-requests", f"the upgrade and the advisory it fixes: {f}")
    headers, body = got[0]
    event = json.loads(body)
    check(headers.get("X-Kaiyuan-Event") == "upstream.release", f"event header: {headers}")
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    check(headers.get("X-Kaiyuan-Signature-256") == expected, "signed")
    check(event.get("package") == "python-requests" and event.get("newReleases") == ["2.32.2", "2.32.3"]
          and event.get("newest") == "2.32.3" and event.get("project", {}).get("uuid") == project["uuid"],
          f"the event names the package, its new releases and the project: {event}")

    # Checked again: nothing new, nothing announced.
    checked_at = w["lastCheckedAt"]
    status, _, due = s.json("POST", wpath + "/check", owner)
    check(status == 202, f"check now: {status}")
    conforms("POST", "/api/v2/upstream/{uuid}/check", 202, due)
    w = wait(lambda w: w["lastCheckedAt"] != checked_at, "the second check")
    time.sleep(1.5)
    check(len(events()) == 1 and len(events("upstream.fixing-upgrade")) == 1,
          f"nothing is announced twice: {len(events())} {len(events('upstream.fixing-upgrade'))}")

    # The upstream fails: said on the watch, what was known stays.
    with lock:
        state["fail"] = True
    checked_at = w["lastCheckedAt"]
    s.json("POST", wpath + "/check", owner)
    w = wait(lambda w: w["lastCheckedAt"] != checked_at, "the failing check")
    check(w["lastError"] and "HTTP 500" in w["lastError"] and w["newest"] == "2.32.3", f"failure said: {w}")

    # A new release appears: announced alone.
    answer = copy.deepcopy(pypi)
    answer["releases"]["2.33.0"] = [{"filename": "requests-2.33.0.tar.gz", "upload_time_iso_8601": "2026-11-30T10:00:00Z", "yanked": False}]
    with lock:
        state["answer"] = answer
        state["fail"] = False
    checked_at = w["lastCheckedAt"]
    s.json("POST", wpath + "/check", owner)
    w = wait(lambda w: w["lastCheckedAt"] != checked_at and w["newest"] == "2.33.0", "the new release")
    check(w["lastError"] is None and w["releases"][0]["version"] == "2.33.0", f"the latest seen first: {w['releases'][:2]}")
    deadline = time.time() + 30
    while time.time() < deadline and len(events()) < 2:
        time.sleep(0.2)
    check(len(events()) == 2 and json.loads(events()[1][1]).get("newReleases") == ["2.33.0"],
          f"only the new release announced: {[json.loads(b).get('newReleases') for _, b in events()]}")
    deadline = time.time() + 10
    while time.time() < deadline and len(events("upstream.fixing-upgrade")) < 2:
        time.sleep(0.2)
    check(len(events("upstream.fixing-upgrade")) == 2 and
          json.loads(events("upstream.fixing-upgrade")[1][1]).get("upgrade") == "2.33.0",
          "the fixing upgrade announced again for the new newest release")

    # Visibility and deletion.
    status, _, listed = s.json("GET", watches, reader)
    check(status == 200 and [x["uuid"] for x in listed["items"]] == [watch["uuid"]], f"the team lists it: {listed}")
    conforms("GET", "/api/v2/projects/{uuid}/upstream", 200, listed)
    status, _, _ = s.json("GET", wpath, stranger)
    check(status == 404, f"another team does not see the watch: {status}")
    status, _, _ = s.request("DELETE", wpath, reader)
    check(status == 403, f"read alone cannot delete: {status}")
    status, _, _ = s.request("DELETE", wpath, stranger)
    check(status == 404, f"another team cannot delete: {status}")
    status, _, _ = s.request("DELETE", wpath, owner)
    check(status == 204, f"deleted: {status}")
    status, _, _ = s.json("GET", wpath, owner)
    check(status == 404, "gone")
finally:
    s.stop()
    httpd.shutdown()
finish()
