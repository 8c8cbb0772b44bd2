"""Nothing lost: `kill -9` of the server during a stream of uploads, then a restart on the same
store: every upload whose token was returned is stored and processed, none twice, and no SBOM is
half-written (its component count matches its rows). SQLite by default; --postgres for PostgreSQL."""
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverlib import *  # noqa: E402,F403

kaiyuan, shared = sys.argv[1], sys.argv[2]
database = None
if "--postgres" in sys.argv:
    database = fresh_postgres_database(kaiyuan)
    if not database:
        print("skip: KAIYUAN_TEST_POSTGRES is not set (tools/start-postgres.sh starts a server)", file=sys.stderr)
        sys.exit(SKIP)


def sql(database, query):
    if database.startswith("sqlite:"):
        r = subprocess.run(["sqlite3", database[len("sqlite:"):], query], capture_output=True, text=True, check=True)
    else:
        parts = urllib.parse.urlsplit(database)
        q = dict(urllib.parse.parse_qsl(parts.query))
        env = dict(os.environ, PGHOST=q.get("host", ""), PGPORT=q.get("port", "5432"), PGUSER=q.get("user", "postgres"))
        r = subprocess.run(["psql", "-At", "-F", "|", "-d", parts.path.lstrip("/"), "-c", query], capture_output=True,
                           text=True, check=True, env=env)
    return [line.split("|") for line in r.stdout.strip().splitlines() if line]


s = Server(kaiyuan, database, extra=["--workers", "2", "--job-lease", "3"]).start()
try:
    key = s.key("ci", "upload", "read")
    docs = make_documents(kaiyuan, shared, s.workdir)
    with open(docs["cyclonedx-json"], "rb") as f:
        big = f.read()
    tokens, lock, stop = [], threading.Lock(), threading.Event()

    def uploader(n):
        i = 0
        while not stop.is_set():
            i += 1
            try:
                status, _, j = s.json("POST", "/api/v2/sboms", key, big,
                                      query={"projectName": "crash", "projectVersion": "1", "autoCreate": "true",
                                             "source": f"u{n}-{i}"})
            except OSError:
                return  # the server is gone
            if status == 202:
                with lock:
                    tokens.append(j["token"])

    threads = [threading.Thread(target=uploader, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    deadline = time.time() + 60
    while time.time() < deadline:
        with lock:
            if len(tokens) >= 30:
                break
        time.sleep(0.01)
    s.proc.send_signal(signal.SIGKILL)  # mid-stream: uploads in flight, jobs queued and running
    s.proc.wait()
    stop.set()
    for t in threads:
        t.join()
    accepted = list(tokens)
    pending = sql(s.database, "SELECT count(*) FROM jobs WHERE status IN ('queued','running')")[0][0]
    print(f"killed with {len(accepted)} uploads accepted, {pending} not yet processed", file=sys.stderr)
    check(len(accepted) >= 30, "the stream was under way when killed")

    s.start()  # the same store
    for token in accepted:
        job = s.wait_job(key, token, timeout=300)
        check(job["status"] == "done", f"job {token} done after the restart: {job['status']} {job['error']}")
    sboms = sql(s.database, "SELECT count(*), count(DISTINCT sha256) FROM sboms")[0]
    jobs_done = sql(s.database, "SELECT count(*), count(DISTINCT sbom_id) FROM jobs WHERE status = 'done'")[0]
    # An upload committed just before the kill, whose 202 never reached the client, is stored too
    # (its client saw an error and would retry): at least the accepted ones, one SBOM per job.
    check(int(sboms[0]) >= len(accepted), f"every accepted upload stored: {sboms[0]} SBOMs for {len(accepted)}")
    check(int(jobs_done[0]) == int(sboms[0]) and int(jobs_done[1]) == int(sboms[0]),
          f"each job done once, one SBOM each: {jobs_done} jobs for {sboms[0]} SBOMs")
    unfinished = sql(s.database, "SELECT count(*) FROM jobs WHERE status <> 'done'")[0][0]
    check(int(unfinished) == 0, f"no job left behind: {unfinished}")
    half = sql(s.database, "SELECT s.id, s.component_count, (SELECT count(*) FROM components c WHERE c.sbom_id = s.id) "
                           "FROM sboms s")
    check(all(int(r[1]) == int(r[2]) for r in half), f"no half-written SBOM: {[r for r in half if r[1] != r[2]][:3]}")
    orphans = sql(s.database, "SELECT count(*) FROM components WHERE sbom_id NOT IN (SELECT id FROM sboms)")[0][0]
    check(int(orphans) == 0, "no component without its SBOM")
finally:
    s.stop()
finish()
