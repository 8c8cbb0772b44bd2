"""Two `kaiyuan serve` processes on one PostgreSQL: an upload to one is visible from the other,
both take jobs from the one queue (FOR UPDATE SKIP LOCKED), and every job runs once."""
import os
import subprocess
import sys
import threading
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverlib import *  # noqa: E402,F403

kaiyuan, shared = sys.argv[1], sys.argv[2]
database = fresh_postgres_database(kaiyuan)
if not database:
    print("skip: KAIYUAN_TEST_POSTGRES is not set (tools/start-postgres.sh starts a server)", file=sys.stderr)
    sys.exit(SKIP)

a = Server(kaiyuan, database, extra=["--workers", "2"]).start()
b = Server(kaiyuan, database, extra=["--workers", "2"], workdir=a.workdir).start()
try:
    key = a.key("ci", "upload", "read")
    docs = make_documents(kaiyuan, shared, a.workdir)
    with open(docs["cyclonedx-json"], "rb") as f:
        doc = f.read()
    # Upload to one, read from the other.
    status, _, j = a.json("POST", "/api/v2/sboms", key, doc,
                          query={"projectName": "shared", "projectVersion": "1", "autoCreate": "true"})
    check(status == 202, "upload to server A")
    job = b.wait_job(key, j["token"])
    check(job["status"] == "done", f"B sees A's job done: {job}")
    status, _, p = b.json("GET", f"/api/v2/projects/{j['project']}", key)
    check(status == 200 and p["name"] == "shared", "B sees A's project")
    status, _, comps = b.json("GET", f"/api/v2/projects/{j['project']}/components", key)
    check(status == 200 and comps["total"] > 0, "B lists the components A stored")

    # Many uploads, to both at once: each job once.
    tokens, lock = [], threading.Lock()

    def push(server, n):
        for i in range(15):
            status, _, r = server.json("POST", "/api/v2/sboms", key, doc,
                                       query={"projectName": "many", "projectVersion": "1", "autoCreate": "true",
                                              "source": f"{n}-{i}"})
            if check(status == 202, f"upload {n}-{i}: {status} {r}"):
                with lock:
                    tokens.append(r["token"])

    threads = [threading.Thread(target=push, args=(srv, n)) for n, srv in enumerate((a, b, a, b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for token in tokens:
        job = a.wait_job(key, token)
        check(job["status"] == "done" and job["attempts"] == 1, f"job {token}: done on the first attempt: {job}")
    parts = urllib.parse.urlsplit(database)
    q = dict(urllib.parse.parse_qsl(parts.query))
    env = dict(os.environ, PGHOST=q.get("host", ""), PGPORT=q.get("port", "5432"), PGUSER=q.get("user", "postgres"))
    out = subprocess.run(["psql", "-At", "-d", parts.path.lstrip("/"), "-c",
                          "SELECT count(*), count(DISTINCT sbom_id), count(DISTINCT split_part(lease_owner, '-', 1)) "
                          "FROM jobs WHERE status = 'done'"], capture_output=True, text=True, check=True, env=env)
    done, distinct, owners = map(int, out.stdout.strip().split("|"))
    check(done == len(tokens) + 1 and distinct == done, f"{done} jobs done, {distinct} SBOMs, for {len(tokens) + 1} uploads")
    check(owners == 2, f"both servers' workers took jobs: {owners}")
finally:
    a.stop()
    b.stop()
finish()
