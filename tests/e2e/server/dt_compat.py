"""Dependency-Track v4 clients pointed at kaiyuan work unchanged: the upload calls as DT's docs
show them with curl (PUT JSON with base64, POST multipart), the token poll, project lookup and the
paged component list; and cdxgen's own DT submission (--server-url), a real client, when the peer
tools are installed (../shared/peers/install.sh)."""
import base64
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverlib import *  # noqa: E402,F403

kaiyuan, shared = sys.argv[1], sys.argv[2]
s = Server(kaiyuan).start()


def curl(*args):
    r = subprocess.run(["curl", "-sS", "-w", "\n%{http_code}", *args], capture_output=True, text=True)
    body, _, code = r.stdout.rpartition("\n")
    return int(code or 0), body


def poll(key, token):
    deadline = time.time() + 60
    while time.time() < deadline:
        status, _, j = s.json("GET", f"/api/v1/bom/token/{token}", key)
        check(status == 200 and set(j) == {"processing"}, f"token poll answers {{processing}}: {j}")
        if not j["processing"]:
            return
        time.sleep(0.05)
    check(False, "the upload finished processing")


try:
    key = s.key("ci", "upload", "read")
    admin = s.key("admins", "admin")
    docs = make_documents(kaiyuan, shared, s.workdir)

    # PUT /api/v1/bom, JSON with the BOM in base64 (DT's documented CI call).
    with open(docs["cyclonedx-json"], "rb") as f:
        payload = {"projectName": "dt-app", "projectVersion": "1.0", "autoCreate": True,
                   "bom": base64.b64encode(f.read()).decode(), "projectTags": [{"name": "ci"}], "isLatest": True}
    status, _, j = s.json("PUT", "/api/v1/bom", key, payload)
    check(status == 200 and set(j) == {"token"}, f"PUT /api/v1/bom: 200 {{token}}: {status} {j}")
    poll(key, j["token"])
    status, _, j2 = s.json("GET", f"/api/v1/event/token/{j['token']}", key)
    check(status == 200 and j2 == {"processing": False}, "event token answers too")

    # POST /api/v1/bom multipart, as `curl -F bom=@file` sends it; an SPDX document (DT refuses SPDX).
    code, body = curl("-X", "POST", f"{s.url}/api/v1/bom", "-H", f"X-Api-Key: {key}", "-F", "autoCreate=true",
                      "-F", "projectName=dt-app", "-F", "projectVersion=1.0", "-F", f"bom=@{docs['spdx-json']}")
    check(code == 200 and '"token"' in body, f"POST multipart: {code} {body}")
    poll(key, json.loads(body)["token"])

    # Project lookup and list, as DT shapes them.
    status, _, p = s.json("GET", "/api/v1/project/lookup", key, query={"name": "dt-app", "version": "1.0"})
    check(status == 200 and p["name"] == "dt-app" and p["tags"] == [{"name": "ci"}] and p["isLatest"],
          f"lookup, with the tags and isLatest of the upload: {p}")
    check(isinstance(p.get("lastBomImport"), int), "lastBomImport in epoch milliseconds")
    status, hdrs, plist = s.json("GET", "/api/v1/project", key, query={"name": "dt-app"})
    check(status == 200 and len(plist) == 1 and hdrs["X-Total-Count"] == "1", f"project list: {plist}")
    status, _, got = s.json("GET", f"/api/v1/project/{p['uuid']}", key)
    check(status == 200 and got["uuid"] == p["uuid"], "project by uuid")
    status, _, j = s.json("GET", "/api/v1/project/lookup", key, query={"name": "dt-app", "version": "9"})
    check(status == 404, "lookup of a missing version: 404")

    # Components, paged DT-style, X-Total-Count; two SBOMs of one source: the latest counts.
    status, hdrs, page1 = s.json("GET", f"/api/v1/component/project/{p['uuid']}", key,
                                 query={"pageNumber": 1, "pageSize": 5})
    total = int(hdrs["X-Total-Count"])
    check(status == 200 and len(page1) == 5 and total > 5, f"page 1 of {total}")
    status, hdrs, page2 = s.json("GET", f"/api/v1/component/project/{p['uuid']}", key,
                                 query={"pageNumber": 2, "pageSize": 5})
    check({c["uuid"] for c in page1}.isdisjoint({c["uuid"] for c in page2}), "pages do not overlap")
    check(all(c["project"]["uuid"] == p["uuid"] and c["name"] for c in page1), "components name their project")
    status, _, again = s.json("GET", f"/api/v1/component/project/{p['uuid']}", key, query={"pageNumber": 1, "pageSize": 5})
    check([c["uuid"] for c in again] == [c["uuid"] for c in page1], "component UUIDs are stable")

    # autoCreate false for a missing project: 404; a bad envelope: 400 naming the field.
    with open(docs["cyclonedx-json"], "rb") as f:
        b64 = base64.b64encode(f.read()).decode()
    status, _, j = s.json("PUT", "/api/v1/bom", key, {"projectName": "nope", "projectVersion": "1", "bom": b64})
    check(status == 404 and "autoCreate" in j["detail"], f"no autoCreate: 404 saying so: {j}")
    status, _, j = s.json("PUT", "/api/v1/bom", key, {"projectName": "x", "bom": "%%%"})
    check(status == 400 and "base64" in j["detail"], f"bad base64: {j}")
    status, _, j = s.json("PUT", "/api/v1/bom", key, {"projectName": "x", "autoCreate": True,
                                                      "bom": base64.b64encode(b'{"bomFormat":"CycloneDX"}').decode()})
    check(status == 400 and "specVersion" in j["detail"], f"an invalid CycloneDX document: 400 naming what: {j}")

    # By project UUID, then delete (admin) as DT does.
    status, _, j = s.json("PUT", "/api/v1/bom", key, {"project": p["uuid"], "bom": b64})
    check(status == 200, f"upload by project uuid: {status}")
    poll(key, j["token"])
    status, _, _ = s.request("DELETE", f"/api/v1/project/{p['uuid']}", key)
    check(status == 403, "delete needs admin")
    status, _, _ = s.request("DELETE", f"/api/v1/project/{p['uuid']}", admin)
    check(status == 204, "delete with admin")

    # cdxgen, a real DT client, submitting its own BOM.
    cdxgen = shutil.which("cdxgen") or os.path.expanduser("~/.cache/kaiyuan-peers/bin/cdxgen")
    if os.path.exists(cdxgen):
        examples = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "examples", "polyglot-app")
        r = subprocess.run([cdxgen, "-t", "js", "--no-recurse", "-o", os.path.join(s.workdir, "cdxgen.json"),
                            "--server-url", s.url, "--api-key", key, "--project-name", "cdxgen-app",
                            "--project-version", "3.1", examples],
                           capture_output=True, text=True, timeout=300, env=dict(os.environ, CDXGEN_DEBUG_MODE="debug"))
        check(r.returncode == 0, f"cdxgen ran: {r.returncode} {r.stderr[-500:]}")
        deadline = time.time() + 60
        found = None
        while time.time() < deadline and not found:
            status, _, found = s.json("GET", "/api/v1/project/lookup", key, query={"name": "cdxgen-app", "version": "3.1"})
            found = found if status == 200 and found.get("lastBomImport") else None
            time.sleep(0.2)
        check(found is not None, f"cdxgen's upload created and filled the project: {r.stdout[-300:]} {r.stderr[-300:]}")
        if found:
            _, hdrs, comps = s.json("GET", f"/api/v1/component/project/{found['uuid']}", key)
            check(int(hdrs["X-Total-Count"]) > 0, "cdxgen's components are stored")
    else:
        print("note: cdxgen not installed (../shared/peers/install.sh): the real-client part is skipped", file=sys.stderr)
finally:
    s.stop()
finish()
