"""Starts the real `kaiyuan serve` binary and talks HTTP to it (Python's standard library only).

Each scenario script takes the kaiyuan binary and the ../shared directory as arguments, starts
one or more servers on free ports with their own store, and exits 0 (pass), 1 (fail) or 77 (skip).
"""
import base64
import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

SKIP = 77
FAILURES = []


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print(f"FAIL: {what}", file=sys.stderr)
    return cond


def finish():
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("ok", file=sys.stderr)
    sys.exit(0)


def postgres_admin_url():
    return os.environ.get("KAIYUAN_TEST_POSTGRES", "")


def database_from_args(kaiyuan, args):
    """The store a test runs on: a fresh PostgreSQL database with --postgres in `args` (the test
    skips when there is no server), else None (the Server's own SQLite file)."""
    if "--postgres" not in args:
        return None
    database = fresh_postgres_database(kaiyuan)
    if not database:
        print("KAIYUAN_TEST_POSTGRES is not set", file=sys.stderr)
        sys.exit(SKIP)
    return database


def fresh_postgres_database(kaiyuan):
    """A new empty database on the test server, as a URL; None when there is no server."""
    admin = postgres_admin_url()
    if not admin:
        return None
    name = "ke_" + uuid.uuid4().hex[:10]
    host = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(admin).query))
    env = dict(os.environ, PGHOST=host.get("host", ""), PGPORT=host.get("port", "5432"), PGUSER=host.get("user", "postgres"))
    subprocess.run(["psql", "-q", "-d", "postgres", "-c", f"CREATE DATABASE {name}"], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    # postgresql://[userinfo@host:port]/DB?query: only the database changes.
    scheme_end = admin.index("://") + 3
    path = admin.index("/", scheme_end)
    query = admin.find("?", path)
    return admin[:path + 1] + name + (admin[query:] if query >= 0 else "")


class Server:
    """One `kaiyuan serve` process on a free port."""

    def __init__(self, kaiyuan, database=None, extra=(), workdir=None):
        self.kaiyuan = kaiyuan
        self.workdir = workdir or tempfile.mkdtemp(prefix="kaiyuan-e2e-")
        self.database = database or "sqlite:" + os.path.join(self.workdir, "store.db")
        self.extra = list(extra)
        self.proc = None
        self.url = None
        self.log_path = os.path.join(self.workdir, f"serve-{uuid.uuid4().hex[:6]}.log")

    def start(self):
        self.log = open(self.log_path, "w+")
        self.proc = subprocess.Popen([self.kaiyuan, "serve", "--listen", "127.0.0.1:0", "--database", self.database,
                                      *self.extra], stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.time() + 30
        while time.time() < deadline:
            with open(self.log_path) as f:
                m = re.search(r"listening on (https?://[\d.]+:\d+)", f.read())
            if m:
                self.url = m.group(1)
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        with open(self.log_path) as f:
            raise RuntimeError("kaiyuan serve did not start: " + f.read())

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                return self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                return self.proc.wait()
        return self.proc.returncode if self.proc else None

    def log_text(self):
        with open(self.log_path) as f:
            return f.read()

    def cli(self, *args, env=None, check_rc=True):
        r = subprocess.run([self.kaiyuan, *args], capture_output=True, text=True,
                           env=dict(os.environ, **(env or {})))
        if check_rc and r.returncode != 0:
            raise RuntimeError(f"kaiyuan {' '.join(args)}: exit {r.returncode}: {r.stderr}")
        return r

    def key(self, team, *permissions):
        args = ["apikey", "create", "--database", self.database, "--team", team]
        for p in permissions:
            args += ["--permission", p]
        return self.cli(*args).stdout.strip()

    def request(self, method, path, key=None, body=None, headers=None, query=None):
        """(status, headers, body bytes); never raises on HTTP errors."""
        url = self.url + path
        if query:
            url += "?" + urllib.parse.urlencode(query)
        h = dict(headers or {})
        if key:
            h["X-Api-Key"] = key
        data = body
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            data = body.encode()
        req = urllib.request.Request(url, data=data, method=method, headers=h)
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def json(self, method, path, key=None, body=None, headers=None, query=None):
        status, hdrs, data = self.request(method, path, key, body, headers, query)
        try:
            parsed = json.loads(data) if data else None
        except ValueError:
            parsed = None
        return status, hdrs, parsed

    def wait_job(self, key, token, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            status, _, j = self.json("GET", f"/api/v2/jobs/{token}", key)
            if status == 200 and j["status"] in ("done", "failed"):
                return j
            time.sleep(0.05)
        raise RuntimeError(f"job {token} not finished after {timeout} s")


def make_documents(kaiyuan, shared, workdir):
    """Real SBOMs in every format kaiyuan reads, from the bundled examples: {name: path}."""
    here = os.path.dirname(os.path.abspath(__file__))
    examples = os.path.join(here, "..", "..", "..", "examples")
    out = {}
    for fmt, ext in (("cyclonedx-json", "cdx.json"), ("cyclonedx-xml", "cdx.xml"), ("spdx-json", "spdx.json"),
                     ("spdx-tv", "spdx"), ("spdx3-json", "spdx3.json"), ("json", "kaiyuan.json")):
        path = os.path.join(workdir, f"debian-root.{ext}")
        subprocess.run([kaiyuan, "scan", os.path.join(examples, "debian-root"), "-q", "-f", fmt, "-o", path], check=True)
        out[fmt] = path
    path = os.path.join(workdir, "polyglot.cdx.json")
    subprocess.run([kaiyuan, "scan", os.path.join(examples, "polyglot-app"), "-q", "-f", "cyclonedx-json", "-o", path],
                   check=True)
    out["polyglot"] = path
    return out


def openapi_validator(doc):
    """A function (schema name, instance) -> list of problems, from the server's OpenAPI document."""
    import jsonschema

    def validate(name, instance):
        schema = {"$ref": f"#/components/schemas/{name}", "components": doc["components"]}
        v = jsonschema.Draft202012Validator(schema)
        return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(instance)]

    return validate


def response_schema(doc, method, path, status):
    """The schema name the document gives for a JSON response, or None."""
    op = doc["paths"][path][method.lower()]
    resp = op["responses"].get(str(status))
    if not resp or "content" not in resp:
        return None
    for media, body in resp["content"].items():
        ref = body.get("schema", {}).get("$ref")
        if ref:
            return ref.rsplit("/", 1)[1]
    return None
