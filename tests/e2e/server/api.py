"""/api/v2 end to end on the real binary (SQLite, or PostgreSQL with --postgres): every format
kaiyuan reads is accepted and stored, the store converts, search finds by purl, prefix, name,
hash and vers range, and every JSON answer validates against the server's own OpenAPI document."""
import gzip
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverlib import *  # noqa: E402,F403

kaiyuan, shared = sys.argv[1], sys.argv[2]
postgres = "--postgres" in sys.argv
database = None
if postgres:
    database = fresh_postgres_database(kaiyuan)
    if not database:
        print("skip: KAIYUAN_TEST_POSTGRES is not set (tools/start-postgres.sh starts a server)", file=sys.stderr)
        sys.exit(SKIP)

s = Server(kaiyuan, database).start()
try:
    import jsonschema  # noqa: F401
except ImportError:
    print("skip: python3-jsonschema is missing", file=sys.stderr)
    sys.exit(SKIP)
try:
    status, _, doc = s.json("GET", "/api/openapi.json")
    check(status == 200 and doc["openapi"] == "3.1.0", "the OpenAPI document is served")
    validate = openapi_validator(doc)

    def conforms(method, path, status_code, body, concrete=""):
        name = response_schema(doc, method, path, status_code)
        check(name is not None, f"{method} {path} documents a {status_code} JSON answer")
        if name:
            problems = validate(name, body)
            check(not problems, f"{method} {concrete or path} {status_code} matches {name}: {problems[:3]}")

    admin = s.key("admins", "admin")
    ci = s.key("ci", "upload", "read")
    docs = make_documents(kaiyuan, shared, s.workdir)

    # Every format, uploaded by name and version (auto-created), each as its own source.
    tokens = {}
    for fmt, path in docs.items():
        if fmt == "polyglot":
            continue
        with open(path, "rb") as f:
            body = f.read()
        status, hdrs, j = s.json("POST", "/api/v2/sboms", ci, body,
                                 query={"projectName": "debian-root", "projectVersion": "12", "autoCreate": "true",
                                        "source": fmt})
        check(status == 202, f"upload {fmt}: 202 (got {status}: {j})")
        if status == 202:
            conforms("POST", "/api/v2/sboms", 202, j)
            tokens[fmt] = j["token"]
    for fmt, token in tokens.items():
        job = s.wait_job(ci, token)
        check(job["status"] == "done", f"{fmt} job done: {job}")
        conforms("GET", "/api/v2/jobs/{token}", 200, job)

    status, _, page = s.json("GET", "/api/v2/projects", ci, query={"name": "debian-root"})
    check(status == 200 and page["total"] == 1, f"one project debian-root: {page}")
    conforms("GET", "/api/v2/projects", 200, page)
    project = page["items"][0]
    pid = project["uuid"]
    conforms("GET", "/api/v2/projects/{uuid}", 200, s.json("GET", f"/api/v2/projects/{pid}", ci)[2])
    status, _, sboms = s.json("GET", f"/api/v2/projects/{pid}/sboms", ci)
    check(status == 200 and len(sboms["items"]) == len(tokens), f"{len(tokens)} SBOMs kept: {sboms}")
    conforms("GET", "/api/v2/projects/{uuid}/sboms", 200, sboms)
    formats = {x["format"] for x in sboms["items"]}
    check(formats == set(tokens), f"stored formats {formats}")
    counts = {x["format"]: x["componentCount"] for x in sboms["items"]}
    check(len(set(counts.values())) == 1, f"every format gives the same component count: {counts}")

    # The original bytes come back; any SBOM converts to any format kaiyuan writes.
    cdx = next(x for x in sboms["items"] if x["format"] == "cyclonedx-json")
    status, _, original = s.request("GET", f"/api/v2/sboms/{cdx['uuid']}/content", ci)
    with open(docs["cyclonedx-json"], "rb") as f:
        check(status == 200 and original == f.read(), "the original bytes are returned unchanged")
    conforms("GET", "/api/v2/sboms/{uuid}", 200, s.json("GET", f"/api/v2/sboms/{cdx['uuid']}", ci)[2])
    tv = next(x for x in sboms["items"] if x["format"] == "spdx-tv")
    for fmt in ("cyclonedx-json", "cyclonedx-xml", "spdx-json", "spdx-tv", "spdx3-json", "json"):
        status, hdrs, converted = s.request("GET", f"/api/v2/sboms/{tv['uuid']}/content", ci, query={"format": fmt})
        check(status == 200 and len(converted) > 100, f"SPDX tag-value converted to {fmt}: {status}")
    status, _, j = s.json("GET", f"/api/v2/sboms/{tv['uuid']}/content", ci, query={"format": "pdf"})
    check(status == 400 and "pdf" in j["detail"], f"an unknown format is refused: {j}")

    # Other tools' documents (trivy, cdxgen: CycloneDX 1.6 and SPDX 3), as they wrote them.
    testdata = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "format", "testdata")
    for name in sorted(os.listdir(testdata)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(testdata, name), "rb") as f:
            body = f.read()
        status, _, j = s.json("POST", "/api/v2/sboms", ci, body,
                              query={"projectName": "peers", "projectVersion": "1", "autoCreate": "true", "source": name})
        check(status == 202, f"{name} accepted: {status} {j}")
        if status == 202:
            job = s.wait_job(ci, j["token"])
            check(job["status"] == "done", f"{name} stored: {job}")

    # gzip request bodies.
    with open(docs["polyglot"], "rb") as f:
        poly = f.read()
    status, _, j = s.json("POST", "/api/v2/sboms", ci, gzip.compress(poly),
                          headers={"Content-Encoding": "gzip"},
                          query={"projectName": "polyglot", "projectVersion": "1.0", "autoCreate": "true"})
    check(status == 202, f"gzip upload accepted: {status} {j}")
    check(s.wait_job(ci, j["token"])["status"] == "done", "gzip upload stored")
    poly_id = j["project"]

    # Components, graph, search, licenses.
    status, _, comps = s.json("GET", f"/api/v2/projects/{poly_id}/components", ci, query={"limit": 5})
    check(status == 200 and comps["total"] > 5 and len(comps["items"]) == 5, f"paged components: {comps and comps['total']}")
    conforms("GET", "/api/v2/projects/{uuid}/components", 200, comps)
    status, _, graph = s.json("GET", f"/api/v2/projects/{poly_id}/dependencies", ci)
    check(status == 200 and graph["edges"], "the dependency graph has edges")
    conforms("GET", "/api/v2/projects/{uuid}/dependencies", 200, graph)
    ids = {n["id"] for n in graph["nodes"]}
    check(all(e["from"] in ids and e["to"] in ids for e in graph["edges"]), "every edge joins two nodes")
    status, _, found = s.json("GET", "/api/v2/components", ci, query={"purl": "pkg:deb/debian/libc6"})
    check(status == 200 and found["total"] == len(tokens), f"libc6 found once per SBOM source: {found['total']}")
    conforms("GET", "/api/v2/components", 200, found)
    libc_version = found["items"][0]["version"]
    status, _, inrange = s.json("GET", "/api/v2/components", ci,
                                query={"purl": "pkg:deb/debian/libc6", "vers": f"vers:deb/>=2.0|<={libc_version}"})
    check(inrange["total"] == len(tokens), f"vers range containing {libc_version}: {inrange['total']}")
    status, _, outrange = s.json("GET", "/api/v2/components", ci,
                                 query={"purl": "pkg:deb/debian/libc6", "vers": f"vers:deb/>{libc_version}"})
    check(outrange["total"] == 0, f"vers range above {libc_version}: {outrange['total']}")
    status, _, pre = s.json("GET", "/api/v2/components", ci, query={"purlPrefix": "pkg:npm/"})
    check(status == 200 and pre["total"] > 0 and all(c["purl"].startswith("pkg:npm/") for c in pre["items"]),
          "purl prefix search")
    hashed = next((c for c in comps["items"] if c["hashes"]), None)
    if check(hashed is not None, "some polyglot component has a hash"):
        status, _, byhash = s.json("GET", "/api/v2/components", ci, query={"hash": hashed["hashes"][0]["value"].upper()})
        check(any(c["name"] == hashed["name"] for c in byhash["items"]), "search by hash, any case")
    status, _, j = s.json("GET", "/api/v2/components", ci, query={"purl": "pkg:npm/x", "vers": "vers:npm/>=x|"})
    check(status == 400 and j["detail"], f"a bad vers range is a 400 with a reason: {j}")
    status, _, lic = s.json("GET", "/api/v2/licenses", ci)
    check(status == 200 and lic["items"], "licenses in use")
    conforms("GET", "/api/v2/licenses", 200, lic)

    # Projects: create, change, children, diff, delete (admin).
    status, hdrs, child = s.json("POST", "/api/v2/projects", admin,
                                 {"name": "polyglot", "version": "2.0", "parent": pid, "tags": ["Prod"], "isLatest": True})
    check(status == 201 and child["parent"] == pid and child["tags"] == ["prod"], f"create a child project: {child}")
    conforms("POST", "/api/v2/projects", 201, child)
    status, _, j = s.json("POST", "/api/v2/projects", admin, {"name": "polyglot", "version": "2.0"})
    check(status == 409, f"the same name and version twice: 409 ({status})")
    # Made by an admin, the child is not the ci team's until a grant says so (here by its tag).
    status, _, kids = s.json("GET", f"/api/v2/projects/{pid}/children", ci)
    check(status == 200 and kids["items"] == [], f"a project not granted is not listed: {kids}")
    status, _, _ = s.request("POST", "/api/v2/teams/ci/grants", admin, {"tag": "prod"})
    check(status == 204, f"grant a tag: {status}")
    status, _, kids = s.json("GET", f"/api/v2/projects/{pid}/children", ci)
    check(status == 200 and [k["uuid"] for k in kids["items"]] == [child["uuid"]], f"children: {kids}")
    conforms("GET", "/api/v2/projects/{uuid}/children", 200, kids)
    status, _, changed = s.json("PATCH", f"/api/v2/projects/{child['uuid']}", admin, {"description": "v2", "active": False})
    check(status == 200 and changed["description"] == "v2" and not changed["active"], f"PATCH: {changed}")
    conforms("PATCH", "/api/v2/projects/{uuid}", 200, changed)
    status, _, j = s.json("PATCH", f"/api/v2/projects/{child['uuid']}", admin, {"active": "yes"})
    check(status == 400 and "active" in j["detail"], f"a wrongly typed field is named: {j}")
    with open(docs["polyglot"]) as f:
        trimmed = json.load(f)
    trimmed["components"] = trimmed["components"][1:]
    status, _, j = s.json("POST", f"/api/v2/projects/{child['uuid']}/sboms", ci, json.dumps(trimmed))
    check(status == 202, f"upload to a project by uuid: {status} {j}")
    s.wait_job(ci, j["token"])
    status, _, d = s.json("GET", "/api/v2/diff", ci, query={"from": poly_id, "to": child["uuid"]})
    check(status == 200 and len(d["removed"]) + len(d["changed"]) >= 1 and not d["added"], f"diff: {d and d['removed']}")
    conforms("GET", "/api/v2/diff", 200, d)
    status, _, _ = s.request("DELETE", f"/api/v2/projects/{child['uuid']}", admin)
    check(status == 204, "delete")
    status, _, j = s.json("GET", f"/api/v2/projects/{child['uuid']}", admin)
    check(status == 404 and j["status"] == 404 and j["title"], "deleted project: 404 problem")
    conforms("GET", "/api/v2/projects/{uuid}", 404, j)

    # Cursor pagination over many projects.
    for i in range(12):
        s.json("POST", "/api/v2/projects", admin, {"name": f"page-{i:02d}", "version": "1"})
    names, cursor = [], None
    while True:
        q = {"namePrefix": "page-", "limit": 5}
        if cursor:
            q["cursor"] = cursor
        status, _, page = s.json("GET", "/api/v2/projects", admin, query=q)
        names += [p["name"] for p in page["items"]]
        cursor = page["nextCursor"]
        if not cursor:
            break
    check(names == [f"page-{i:02d}" for i in range(12)], f"cursor pages: {names}")
    status, _, j = s.json("GET", "/api/v2/projects", admin, query={"limit": "many"})
    check(status == 400 and "limit" in j["detail"], "a bad limit is named")

    # Keys over the API.
    status, _, k = s.json("POST", "/api/v2/keys", admin, {"team": "readers", "permissions": ["read"], "comment": "dash"})
    check(status == 201 and k["key"].startswith("ky_"), f"create a key: {k}")
    conforms("POST", "/api/v2/keys", 201, k)
    status, _, keys = s.json("GET", "/api/v2/keys", admin)
    check(status == 200 and all("key" not in x for x in keys["items"]), "key lists hold no secrets")
    conforms("GET", "/api/v2/keys", 200, keys)
    status, _, _ = s.request("DELETE", f"/api/v2/keys/{k['id']}", admin)
    check(status == 204, "revoke a key")
    status, _, _ = s.request("GET", "/api/v2/projects", k["key"])
    check(status == 401, "a revoked key is refused")

    status, _, h = s.json("GET", "/health")
    conforms("GET", "/health", 200, h)
    status, _, v = s.json("GET", "/api/version")
    conforms("GET", "/api/version", 200, v)
    check(s.stop() == 0, "SIGTERM: exit 0")
    check("stopped" in s.log_text(), "the server says it stopped")
finally:
    s.stop()
finish()
