"""The CLI against the real server: `sbom push` and `scan --upload` print tokens and wait; a
refusal exits 2 with the server's problem text; apikey list/revoke and team grant work."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverlib import *  # noqa: E402,F403

kaiyuan, shared = sys.argv[1], sys.argv[2]
s = Server(kaiyuan).start()
try:
    key = s.key("ci", "upload", "read")
    env = {"KAIYUAN_API_KEY": key}
    docs = make_documents(kaiyuan, shared, s.workdir)
    r = s.cli("sbom", "push", docs["spdx-json"], docs["cyclonedx-xml"], "--server", s.url, "--project", "cli",
              "--project-version", "1", "--wait", env=env)
    tokens = r.stdout.split()
    check(len(tokens) == 2 and all(len(t) == 36 for t in tokens), f"one token per file on stdout: {r.stdout!r}")
    for t in tokens:
        check(s.wait_job(key, t)["status"] == "done", "pushed and stored")
    examples = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "examples", "alpine-root")
    r = s.cli("scan", examples, "-q", "--upload", s.url, "--project", "cli", "--project-version", "1",
              "--source", "image", "--wait", env=env)
    check(len(r.stdout.strip()) == 36, f"scan --upload prints the token: {r.stdout!r}")
    _, _, page = s.json("GET", "/api/v2/projects", key, query={"name": "cli"})
    pid = page["items"][0]["uuid"]
    _, _, sboms = s.json("GET", f"/api/v2/projects/{pid}/sboms", key)
    check(len(sboms["items"]) == 3 and any(x["source"] == "image" for x in sboms["items"]), "three SBOMs, one an image")

    # Refusals: exit 2, the server's reason on stderr.
    bad = os.path.join(s.workdir, "bad.json")
    with open(bad, "w") as f:
        f.write('{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"x"}]}')
    r = s.cli("sbom", "push", bad, "--server", s.url, "--project", "cli", "--project-version", "1", env=env,
              check_rc=False)
    check(r.returncode == 2 and "refused it (400)" in r.stderr and "schema" in r.stderr, f"refused: {r.returncode} {r.stderr}")
    r = s.cli("sbom", "push", docs["spdx-json"], "--server", s.url, "--project", "nope", "--no-auto-create", env=env,
              check_rc=False)
    check(r.returncode == 2 and "(404)" in r.stderr and "autoCreate" in r.stderr, f"missing project: {r.stderr}")
    r = s.cli("sbom", "push", docs["spdx-json"], "--server", s.url, "--project", "cli",
              env={"KAIYUAN_API_KEY": "ky_000000000000_nope"}, check_rc=False)
    check(r.returncode == 2 and "(401)" in r.stderr, f"a bad key: {r.stderr}")
    r = s.cli("sbom", "push", docs["spdx-json"], "--server", s.url, "--project", "cli", env={"KAIYUAN_API_KEY": ""},
              check_rc=False)
    check(r.returncode == 2 and "KAIYUAN_API_KEY" in r.stderr, f"no key: {r.stderr}")

    # Keys and grants from the command line.
    r = s.cli("apikey", "list", "--database", s.database, "-f", "json")
    keys = json.loads(r.stdout)
    check(len(keys) == 1 and keys[0]["team"] == "ci" and key not in r.stdout, "apikey list shows no secret")
    reader = s.key("auditors", "read")
    status, _, _ = s.request("GET", f"/api/v2/projects/{pid}", reader)
    check(status == 404, "not granted yet")
    s.cli("team", "grant", "auditors", "--project", pid, "--database", s.database)
    status, _, _ = s.request("GET", f"/api/v2/projects/{pid}", reader)
    check(status == 200, "granted by the CLI")
    s.cli("apikey", "revoke", reader.split("_")[1], "--database", s.database)
    status, _, _ = s.request("GET", f"/api/v2/projects/{pid}", reader)
    check(status == 401, "revoked by the CLI")
    r = s.cli("apikey", "create", "--database", s.database, "--team", "x", "--permission", "superuser", check_rc=False)
    check(r.returncode == 2 and r.stdout == "", "an unknown permission is refused, nothing on stdout")

    # The default store: $XDG_DATA_HOME/kaiyuan/kaiyuan.db, created on first use.
    xdg = os.path.join(s.workdir, "xdg")
    r = subprocess.run([kaiyuan, "apikey", "create", "--team", "t", "--permission", "read"], capture_output=True,
                       text=True, env={k: v for k, v in dict(os.environ, XDG_DATA_HOME=xdg).items() if k != "KAIYUAN_DATABASE"})
    check(r.returncode == 0 and os.path.exists(os.path.join(xdg, "kaiyuan", "kaiyuan.db")), f"XDG default store: {r.stderr}")

    # HTTPS with a certificate and key.
    cert, pkey = os.path.join(s.workdir, "cert.pem"), os.path.join(s.workdir, "key.pem")
    made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                           "-keyout", pkey, "-out", cert], capture_output=True)
    if made.returncode == 0:
        tls = Server(kaiyuan, s.database, extra=["--tls-cert", cert, "--tls-key", pkey], workdir=s.workdir).start()
        try:
            check(tls.url.startswith("https://"), f"the log names https: {tls.url}")
            r = subprocess.run(["curl", "-sS", "--cacert", cert, "-H", f"X-Api-Key: {key}", tls.url + "/api/v2/projects"],
                               capture_output=True, text=True)
            check(r.returncode == 0 and '"total"' in r.stdout, f"HTTPS answers: {r.stderr}")
            r = subprocess.run(["curl", "-sS", "http" + tls.url[5:] + "/health"], capture_output=True, text=True)
            check(r.returncode != 0 or "ok" not in r.stdout, "plain HTTP is not served on the HTTPS port")
        finally:
            tls.stop()
    bad = subprocess.run([kaiyuan, "serve", "--database", s.database, "--tls-cert", cert], capture_output=True, text=True,
                         timeout=30)
    check(bad.returncode == 2 and "tls-key" in bad.stderr, f"a certificate without its key: {bad.stderr}")
finally:
    s.stop()
finish()
