"""Walks every operation of the server's OpenAPI document with no key, a revoked key, a key of
each permission and a key of another team: 401 without a valid key, 403 without the permission,
never 401/403 with it, and 404 (not 403) for a project of another team, even by UUID."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverlib import *  # noqa: E402,F403

kaiyuan, shared = sys.argv[1], sys.argv[2]
s = Server(kaiyuan).start()
try:
    _, _, doc = s.json("GET", "/api/openapi.json")
    keys = {p: s.key("team-" + p, p) for p in ("read", "upload", "triage", "admin", "sign")}
    owner = s.key("owners", "read", "upload")
    stranger = s.key("strangers", "read", "upload", "triage")
    revoked = s.key("gone", "admin")
    s.cli("apikey", "revoke", "--database", s.database, revoked.split("_")[1])

    # A project with an SBOM, owned by the "owners" team.
    docs = make_documents(kaiyuan, shared, s.workdir)
    with open(docs["polyglot"], "rb") as f:
        sbom = f.read()
    _, _, up = s.json("POST", "/api/v2/sboms", owner, sbom,
                      query={"projectName": "secret", "projectVersion": "1", "autoCreate": "true"})
    job = s.wait_job(owner, up["token"])
    check(job["status"] == "done", "the owners' SBOM is stored")
    _, _, sboms = s.json("GET", f"/api/v2/projects/{up['project']}/sboms", owner)
    values = {"uuid": up["project"], "token": up["token"], "id": "000000000000", "team": "owners", "index": "0"}
    sbom_uuid = sboms["items"][0]["uuid"]

    def concrete(path):
        p = path
        for name, v in values.items():
            p = p.replace("{" + name + "}", sbom_uuid if (name == "uuid" and "/sboms/" in path) else v)
        return p

    walked = 0
    for path, item in doc["paths"].items():
        for method, op in item.items():
            method = method.upper()
            allowed = op["x-kaiyuan-permissions"]
            target = concrete(path)
            if "/bom/token/" in path or "/event/token/" in path:
                target = path.replace("{uuid}", up["token"])
            if method == "DELETE" and "{uuid}" in path:
                # Deletes go to a project made for the purpose, so the walk keeps the owners' one.
                _, _, victim = s.json("POST", "/api/v2/projects", keys["admin"], {"name": "victim-" + str(walked), "version": "1"})
                target = path.replace("{uuid}", victim["uuid"])
            walked += 1
            if method == "DELETE" and path == "/api/v2/teams/{team}":
                # A team made for the purpose: deleting the owners' team would take their key.
                s.json("PUT", "/api/v2/teams/victim-" + str(walked), keys["admin"], {"permissions": ["read"]})
                target = "/api/v2/teams/victim-" + str(walked)
            if not allowed:
                status, _, _ = s.request(method, target)
                check(status not in (401, 403), f"{method} {path} is public: {status}")
                continue
            # No key, a revoked key, a malformed key.
            for name, key in (("no key", None), ("revoked key", revoked), ("malformed key", "Bearer nonsense")):
                status, hdrs, body = s.json(method, target, key, body={} if method in ("POST", "PUT", "PATCH") else None)
                check(status == 401, f"{method} {path} with {name}: 401, got {status}")
                check(body and body.get("status") == 401 and body.get("detail"), f"{method} {path} {name}: a problem document")
            # Each permission alone.
            for perm, key in keys.items():
                status, _, body = s.json(method, target, key, body={} if method in ("POST", "PUT", "PATCH") else None)
                permitted = perm in allowed or perm == "admin"
                if permitted:
                    check(status not in (401, 403), f"{method} {path} with {perm}: permitted, got {status} {body}")
                else:
                    check(status == 403, f"{method} {path} with {perm}: 403, got {status}")
                    if status == 403:
                        check("lacks the" in body["detail"], f"403 says what is lacking: {body['detail']}")
            # Another team, with every permission but admin, never sees the owners' project.
            if "{uuid}" in path and method != "DELETE" and "token" not in target:
                status, _, body = s.json(method, target, stranger, body={} if method in ("POST", "PUT", "PATCH") else None)
                if any(p in allowed for p in ("read", "upload", "triage")):
                    check(status == 404, f"{method} {path} of another team's project: 404, got {status}")
    check(walked == sum(len(v) for v in doc["paths"].values()), "every operation walked")
    # The stranger's searches and lists come back empty, not forbidden.
    status, _, found = s.json("GET", "/api/v2/components", stranger, query={"purlPrefix": "pkg:"})
    check(status == 200 and found["total"] == 0, f"another team's components are not found: {found['total']}")
    status, _, page = s.json("GET", "/api/v1/project", stranger, query={"name": "secret"})
    check(status == 200 and page == [], "DT project list hides other teams' projects")
    status, _, j = s.json("GET", "/api/v1/bom/token/" + up["token"], stranger)
    check(status == 200 and j == {"processing": False}, "a token of another team says nothing")
    # The project still exists for its owners after the walk (deletes needed admin).
    status, _, _ = s.json("GET", f"/api/v2/projects/{up['project']}", owner)
    check(status == 200, "the owners' project survived the walk")
    print(f"{walked} operations walked with {len(keys) + 3} keys each", file=sys.stderr)
finally:
    s.stop()
finish()
