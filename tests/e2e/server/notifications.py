"""Notifications, license policy violations and VEX, against the real `kaiyuan serve`:
webhooks hear of new findings, advisories newly affecting the portfolio, policy violations and
processed uploads, signed with HMAC-SHA256; a receiver that is down gets them later; kill -9 of the
server while it delivers loses none (ids let the receiver de-duplicate); a team's webhook hears
only of its team's projects. Violations and license categories are stored and counted; VEX goes in
(triage) and out (OpenVEX, CycloneDX).
Usage: notifications.py KAIYUAN SHARED [--postgres]"""
import hashlib
import hmac
import http.server
import json
import signal
import socket
import sys
import threading
import time

import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverlib import *  # noqa: E402,F403

kaiyuan = sys.argv[1]
database = None
if "--postgres" in sys.argv[2:]:
    database = fresh_postgres_database(kaiyuan)
    if not database:
        print("KAIYUAN_TEST_POSTGRES is not set", file=sys.stderr)
        sys.exit(SKIP)

# The receivers: one port reserved now, listened on later (a receiver that is down at first).
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
received = []  # (path, headers, body bytes)
lock = threading.Lock()
slow = threading.Event()


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with lock:
            received.append((self.path, dict(self.headers), body))
        if slow.is_set():
            time.sleep(1.0)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *a):
        pass


def start_receiver():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), Receiver)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


work = tempfile.mkdtemp(prefix="kaiyuan-notify-")
policy = os.path.join(work, "policy.yaml")
with open(policy, "w") as f:
    f.write("deny-categories: [strong-copyleft, network-copyleft]\n")
s = Server(kaiyuan, database=database,
           extra=["--license-policy", policy, "--job-lease", "2", "--webhook-allow-internal"]).start()
_, _, api_doc = s.json("GET", "/api/openapi.json")
validate = openapi_validator(api_doc)


def conforms(method, path, status_code, body):
    name = response_schema(api_doc, method, path, status_code)
    check(name is not None, f"{method} {path} documents a {status_code} JSON answer")
    if name:
        problems = validate(name, body)
        check(not problems, f"{method} {path} {status_code} matches {name}: {problems[:3]}")


admin = s.key("sec", "admin")
team_a = s.key("a", "read", "triage")
team_b = s.key("b", "read", "triage")
reader_a = s.key("a", "read")
base = f"http://127.0.0.1:{port}"

# Webhooks: the admin's hears of everything, team b's only of b's projects (none here).
secret = "s3cret-for-the-test-0123456789"
status, _, hook = s.json("POST", "/api/v2/webhooks", admin, {"url": base + "/admin", "secret": secret})
check(status == 201 and hook["secret"] == secret and hook["events"] == [], f"admin webhook created: {status} {hook}")
conforms("POST", "/api/v2/webhooks", 201, hook)
status, _, hook_b = s.json("POST", "/api/v2/webhooks", team_b, {"url": base + "/team-b"})
check(status == 201 and len(hook_b.get("secret", "")) >= 16, f"team b's webhook, with a secret made for it: {hook_b}")
status, _, hook_high = s.json("POST", "/api/v2/webhooks", admin,
                              {"url": base + "/critical", "events": ["finding.new"], "minSeverity": "critical"})
check(status == 201, f"a webhook for critical findings only: {status} {hook_high}")
for body, why in [({"url": "ftp://x"}, "a non-HTTP URL"), ({"url": base, "events": ["nope"]}, "an unknown event"),
                  ({"url": base, "minSeverity": "severe"}, "an unknown severity"), ({"url": base, "secret": "short"}, "a short secret"),
                  ({"events": []}, "no URL")]:
    status, _, _ = s.json("POST", "/api/v2/webhooks", admin, body)
    check(status == 400, f"{why}: 400, got {status}")
status, _, _ = s.json("POST", "/api/v2/webhooks", reader_a, {"url": base})
check(status == 403, f"a read-only key cannot create webhooks: {status}")
status, _, hooks = s.json("GET", "/api/v2/webhooks", team_b)
check(status == 200 and [h["uuid"] for h in hooks["items"]] == [hook_b["uuid"]] and "secret" not in hooks["items"][0],
      f"team b lists only its webhook, without its secret: {hooks}")
conforms("GET", "/api/v2/webhooks", 200, hooks)
status, _, _ = s.request("DELETE", f"/api/v2/webhooks/{hook['uuid']}", team_b)
check(status == 404, f"team b cannot delete the admin's webhook: {status}")

# The license policy the server was started with, readable; a bad one refused; admin only.
status, _, text = s.request("GET", "/api/v2/license-policy", reader_a)
check(status == 200 and b"strong-copyleft" in text, f"the policy is readable: {status} {text}")
status, _, _ = s.request("PUT", "/api/v2/license-policy", admin, b"deny: [Not-A-License]\n")
check(status == 400, f"a policy naming an unknown license is refused: {status}")
status, _, _ = s.request("PUT", "/api/v2/license-policy", team_a, b"deny: [MIT]\n")
check(status == 403, f"only admin sets the policy: {status}")

# An advisory, then a project whose SBOM it hits and whose GPL component the policy denies.
advisory = {"id": "KAIYUAN-TEST-1", "modified": "2026-01-01T00:00:00Z", "summary": "left-pad pads wrongly",
            "aliases": ["CVE-2099-0001"],
            "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
            "affected": [{"package": {"ecosystem": "npm", "name": "left-pad"},
                          "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.3.0"}]}]}]}
status, _, _ = s.json("POST", "/api/v2/advisories", admin, advisory)
check(status == 200, f"advisory added: {status}")
status, _, project = s.json("POST", "/api/v2/projects", admin, {"name": "shop", "version": "1", "tags": ["team-a"]})
check(status == 201, f"project created: {project}")
status, _, _ = s.request("POST", "/api/v2/teams/a/grants", admin, {"tag": "team-a"})
check(status == 204, f"team a granted the project's tag: {status}")
sbom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
        "metadata": {"component": {"type": "application", "name": "shop", "bom-ref": "shop"}},
        "components": [
            {"type": "library", "bom-ref": "lp", "name": "left-pad", "version": "1.1.0",
             "purl": "pkg:npm/left-pad@1.1.0", "licenses": [{"license": {"id": "MIT"}}]},
            {"type": "library", "bom-ref": "rl", "name": "readline-gpl", "version": "2.0.0",
             "purl": "pkg:npm/readline-gpl@2.0.0", "licenses": [{"expression": "GPL-3.0-only"}]},
            {"type": "library", "bom-ref": "nl", "name": "no-license", "version": "1.0.0",
             "purl": "pkg:npm/no-license@1.0.0"}],
        "dependencies": [{"ref": "shop", "dependsOn": ["lp", "rl", "nl"]}]}
status, _, up = s.json("POST", f"/api/v2/projects/{project['uuid']}/sboms", admin, sbom)
check(status == 202 and s.wait_job(admin, up["token"])["status"] == "done", "the SBOM is stored")

status, _, v = s.json("GET", f"/api/v2/projects/{project['uuid']}/violations", team_a)
check(status == 200 and v["total"] == 1 and v["items"][0]["component"]["name"] == "readline-gpl"
      and v["items"][0]["license"] == "GPL-3.0-only" and "strong-copyleft" in v["items"][0]["reasons"][0],
      f"the GPL component violates the policy, with why: {v}")
conforms("GET", "/api/v2/projects/{uuid}/violations", 200, v)
status, _, v = s.json("GET", f"/api/v2/projects/{project['uuid']}/violations", team_b)
check(status == 404, f"another team does not see the violations: {status}")
status, _, m = s.json("GET", f"/api/v2/metrics/projects/{project['uuid']}", team_a)
cur = m["current"]
check(cur["violations"] == 1 and cur["licenses"] == {"permissive": 1, "strong-copyleft": 1, "none": 1}
      and cur["critical"] == 1, f"metrics count violations, license categories and the finding: {cur}")

# A second advisory for the same package: it newly affects the portfolio.
advisory2 = dict(advisory, id="KAIYUAN-TEST-2", aliases=["CVE-2099-0002"], summary="left-pad again",
                 severity=[{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:L/I:N/A:N"}])
status, _, _ = s.json("POST", "/api/v2/advisories", admin, advisory2)
deadline = time.time() + 30
while time.time() < deadline:
    _, _, page = s.json("GET", "/api/v2/advisories/KAIYUAN-TEST-2/affected", team_a)
    if page["total"] == 1:
        break
    time.sleep(0.1)
check(page["total"] == 1, "the second advisory's finding is recorded")

# Nothing was delivered yet (the receiver is down); attempts are failing.
time.sleep(1.5)
status, _, d = s.json("GET", f"/api/v2/webhooks/{hook['uuid']}/deliveries", admin)
events = sorted(x["event"] for x in d["items"])
check(events == ["advisory.affecting", "finding.new", "finding.new", "policy.violation", "upload.processed"],
      f"the admin's webhook has every event queued: {events}")
conforms("GET", "/api/v2/webhooks/{uuid}/deliveries", 200, d)
check(all(x["status"] == "pending" for x in d["items"]) and any(x["attempts"] >= 1 and x["lastError"] for x in d["items"]),
      f"pending, with failed attempts: {d['items']}")
status, _, d_high = s.json("GET", f"/api/v2/webhooks/{hook_high['uuid']}/deliveries", admin)
check([x["event"] for x in d_high["items"]] == ["finding.new"],
      f"the critical-only webhook heard of the critical finding only: {d_high['items']}")
status, _, d_b = s.json("GET", f"/api/v2/webhooks/{hook_b['uuid']}/deliveries", team_b)
check(status == 200 and d_b["items"] == [], f"team b's webhook heard nothing of team a's project: {d_b['items']}")

# The receiver comes up, slow: the server is killed while it delivers, and restarted.
slow.set()
receiver = start_receiver()
deadline = time.time() + 60
while time.time() < deadline and not received:
    time.sleep(0.02)
check(bool(received), "a notification reached the receiver")
s.stop(signal.SIGKILL)
slow.clear()
s.start()
expected = {x["id"] for x in d["items"]} | {x["id"] for x in d_high["items"]}
deadline = time.time() + 90
while time.time() < deadline:
    with lock:
        got = {r[1].get("X-Kaiyuan-Delivery") for r in received}
    if expected <= got:
        break
    time.sleep(0.1)
check(expected <= got, f"every notification arrived at least once after kill -9: missing {expected - got}")
for path, headers, body in received:
    if path == "/admin":
        sig = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        check(headers.get("X-Kaiyuan-Signature-256") == sig, "the signature is HMAC-SHA256 of the body")
    doc = json.loads(body)
    check(doc["id"] == headers.get("X-Kaiyuan-Delivery") and doc["event"] == headers.get("X-Kaiyuan-Event"),
          "the body's id and event match the headers")
check(not any(p == "/team-b" for p, _, _ in received), "team b's receiver got nothing")
bodies = {}
for path, headers, body in received:
    if path == "/admin":
        bodies.setdefault(json.loads(body)["event"], []).append(json.loads(body))
aff = bodies["advisory.affecting"][0]
check(aff["advisory"]["id"] == "KAIYUAN-TEST-2" and aff["advisory"]["aliases"] == ["CVE-2099-0002"]
      and aff["projects"][0]["project"]["uuid"] == project["uuid"]
      and aff["projects"][0]["findings"][0]["component"]["purl"] == "pkg:npm/left-pad@1.1.0",
      f"advisory.affecting names the advisory, the project and the component: {aff}")
viol = bodies["policy.violation"][0]
check(viol["project"]["uuid"] == project["uuid"] and viol["violations"][0]["license"] == "GPL-3.0-only",
      f"policy.violation names the component's license: {viol}")
new = sorted(f["advisory"] for b in bodies["finding.new"] for f in b["findings"])
check(new == ["KAIYUAN-TEST-1", "KAIYUAN-TEST-2"], f"finding.new for each new finding: {new}")
done = bodies["upload.processed"][0]
check(done["components"] == 3 and done["findings"] == 1 and done["violations"] == 1, f"upload.processed counts: {done}")
deadline = time.time() + 30
while time.time() < deadline:
    _, _, d = s.json("GET", f"/api/v2/webhooks/{hook['uuid']}/deliveries", admin)
    if all(x["status"] == "delivered" for x in d["items"]):
        break
    time.sleep(0.1)
check(all(x["status"] == "delivered" and x["deliveredAt"] for x in d["items"]), f"all marked delivered: {d['items']}")
dups = len(received) - len({r[1].get("X-Kaiyuan-Delivery") for r in received})
print(f"{len(received)} posts, {dups} repeated after kill -9 (same id)", file=sys.stderr)

# An upload that replaces the SBOM with the same components announces nothing new.
before = len(received)
status, _, up = s.json("POST", f"/api/v2/projects/{project['uuid']}/sboms", admin, sbom)
check(s.wait_job(admin, up["token"])["status"] == "done", "the same SBOM again")
deadline = time.time() + 10
while time.time() < deadline and len(received) < before + 1:
    time.sleep(0.05)
time.sleep(0.5)
later = [json.loads(b)["event"] for p, _, b in received[before:] if p == "/admin"]
check(later == ["upload.processed"], f"only upload.processed for an unchanged inventory: {later}")

# VEX out: both findings, as OpenVEX and CycloneDX.
status, _, vex = s.json("GET", f"/api/v2/projects/{project['uuid']}/vex", team_a)
names = sorted(st["vulnerability"]["name"] for st in vex["statements"])
check(status == 200 and names == ["KAIYUAN-TEST-1", "KAIYUAN-TEST-2"]
      and all(st["status"] == "affected" for st in vex["statements"]), f"OpenVEX out: {vex}")
status, _, _ = s.json("GET", f"/api/v2/projects/{project['uuid']}/vex", team_b)
check(status == 404, f"another team gets no VEX: {status}")

# VEX in: an OpenVEX statement by alias and purl without version; the triage follows, audited.
openvex = {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/1", "author": "a",
           "timestamp": "2026-12-01T00:00:00Z", "version": 1,
           "statements": [{"vulnerability": {"name": "CVE-2099-0001"}, "products": [{"@id": "pkg:npm/left-pad"}],
                           "status": "not_affected", "justification": "vulnerable_code_not_present",
                           "impact_statement": "the padding is never called"}]}
status, _, _ = s.json("POST", f"/api/v2/projects/{project['uuid']}/vex", reader_a, openvex)
check(status == 403, f"VEX in needs triage: {status}")
status, _, _ = s.json("POST", f"/api/v2/projects/{project['uuid']}/vex", team_a, {"statements": 1})
check(status == 400, f"not a VEX document: {status}")
status, _, applied = s.json("POST", f"/api/v2/projects/{project['uuid']}/vex", team_a, openvex)
check(status == 200 and applied["statements"] == 1 and [a["advisory"] for a in applied["applied"]] == ["KAIYUAN-TEST-1"]
      and applied["applied"][0]["state"] == "not_affected", f"VEX applied to the one finding: {applied}")
conforms("POST", "/api/v2/projects/{uuid}/vex", 200, applied)
_, _, findings = s.json("GET", f"/api/v2/projects/{project['uuid']}/findings", team_a)
t = {f["advisory"]: f["triage"] for f in findings["items"]}
check(t["KAIYUAN-TEST-1"]["state"] == "not_affected" and t["KAIYUAN-TEST-1"]["justification"] == "code_not_present"
      and t["KAIYUAN-TEST-1"]["details"] == "the padding is never called" and t["KAIYUAN-TEST-2"]["state"] == "not_set",
      f"triage follows the statement: {t}")
_, _, m = s.json("GET", f"/api/v2/metrics/projects/{project['uuid']}", team_a)
check(m["current"]["states"] == {"not_affected": 1, "not_set": 1} and m["current"]["audited"] == 1,
      f"metrics count findings per triage state: {m['current']}")
conforms("GET", "/api/v2/metrics/projects/{uuid}", 200, m)
key = findings["items"][0]["componentKey"]
_, _, log = s.json("GET", "/api/v2/triage", team_a,
                   query={"project": project["uuid"], "componentKey": key, "advisory": "KAIYUAN-TEST-1"})
check(len(log["items"]) == 1 and "VEX" in log["items"][0]["comment"], f"the audit trail keeps it: {log}")
status, _, vex = s.json("GET", f"/api/v2/projects/{project['uuid']}/vex", team_a)
st = {x["vulnerability"]["name"]: x for x in vex["statements"]}
check(st["KAIYUAN-TEST-1"]["status"] == "not_affected" and st["KAIYUAN-TEST-1"]["justification"] == "vulnerable_code_not_present",
      f"OpenVEX out carries the triage: {st['KAIYUAN-TEST-1']}")
status, _, cdx = s.json("GET", f"/api/v2/projects/{project['uuid']}/vex", team_a, query={"format": "cyclonedx"})
an = {x["id"]: x.get("analysis") for x in cdx["vulnerabilities"]}
check(status == 200 and an["KAIYUAN-TEST-1"]["state"] == "not_affected" and an["KAIYUAN-TEST-1"]["justification"] == "code_not_present",
      f"CycloneDX VEX out carries the triage: {an}")
# The CycloneDX VEX read back in changes nothing.
status, _, applied = s.json("POST", f"/api/v2/projects/{project['uuid']}/vex", team_a, cdx)
check(status == 200 and not any(a["changed"] for a in applied["applied"]), f"our own CycloneDX VEX round-trips: {applied}")

# A changed policy judges the stored SBOMs again: GPL allowed now, the violation goes.
status, _, _ = s.request("PUT", "/api/v2/license-policy", admin, b"deny-categories: [network-copyleft]\n")
check(status == 204, f"the admin changes the policy: {status}")
deadline = time.time() + 30
while time.time() < deadline:
    _, _, v = s.json("GET", f"/api/v2/projects/{project['uuid']}/violations", team_a)
    if v["total"] == 0:
        break
    time.sleep(0.1)
_, _, m = s.json("GET", f"/api/v2/metrics/projects/{project['uuid']}", team_a)
check(v["total"] == 0 and m["current"]["violations"] == 0, f"the stored SBOM is judged by the new policy: {v} {m['current']}")

status, _, _ = s.request("DELETE", f"/api/v2/webhooks/{hook['uuid']}", admin)
check(status == 204, "the admin deletes its webhook")
s.stop()
receiver.shutdown()
finish()
