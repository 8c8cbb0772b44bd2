#!/usr/bin/env python3
"""People signing in to the web UI, against a real `kaiyuan serve`:
- `kaiyuan user create` reads the password from standard input; the store keeps Argon2id, never it;
- sign-in sets an HttpOnly, SameSite=Strict cookie (Secure and __Host- over TLS is in tls section);
  a wrong password and an unknown user get the same 401;
- session fixation: a session id the browser brought is never kept; signing in gives a new one and
  ends the old; sign-out ends the session for good;
- CSRF: with the cookie alone, every change is refused (403) until X-CSRF-Token is sent; GETs need
  no token; a token of another session does not do;
- a user gets the union of their teams' permissions and sees what any of their teams sees; each
  permission is checked per route as for keys; disabling a user or changing the password ends
  their sessions; admins manage users and teams through the API;
- the web UI is served at / with a Content-Security-Policy without 'unsafe-inline' scripts, its
  deep links answer index.html, and nothing under /api is answered by it.
Usage: sessions.py KAIYUAN SHARED [--postgres]"""
import http.cookies
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverlib import *  # noqa: E402,F403

kaiyuan = sys.argv[1]
postgres = "--postgres" in sys.argv[3:]
database = None
if postgres:
    database = fresh_postgres_database(kaiyuan)
    if not database:
        print("KAIYUAN_TEST_POSTGRES is not set", file=sys.stderr)
        sys.exit(SKIP)

s = Server(kaiyuan, database=database).start()


def user(name, password, *teams, permissions=()):
    args = ["user", "create", "--database", s.database, "--name", name]
    for t in teams:
        args += ["--team", t]
    for p in permissions:
        args += ["--permission", p]
    r = subprocess.run([kaiyuan, *args], input=password + "\n", capture_output=True, text=True)
    return r


def cookie_of(headers):
    raw = headers.get_all("Set-Cookie") or []
    check(len(raw) == 1, f"one Set-Cookie: {raw}")
    return raw[0] if raw else ""


def sign_in(name, password, cookie=None):
    h = {"Cookie": cookie} if cookie else {}
    status, hdrs, body = s.json("POST", "/api/v2/session", body={"name": name, "password": password}, headers=h)
    if status != 200:
        return status, None, body
    c = http.cookies.SimpleCookie()
    c.load(cookie_of(hdrs))
    return status, "kaiyuan_session=" + c["kaiyuan_session"].value, body


# The first admin, from the CLI; the password is read from standard input.
r = user("root", "a long admin secret", "admins", permissions=["admin"])
check(r.returncode == 0, f"user create: {r.stderr}")
r = user("root", "another secret", "admins")
check(r.returncode != 0 and "exists" in r.stderr, f"a second 'root' is refused: {r.stderr}")
r = user("shorty", "short", "admins")
check(r.returncode != 0 and "8 to 1024" in r.stderr, f"a short password is refused: {r.stderr}")
r = user("nobody", "a fine password", "no-such-team")
check(r.returncode != 0 and "--permission" in r.stderr, f"an unknown team without --permission is refused: {r.stderr}")
if not postgres:
    db = sqlite3.connect(s.database[len("sqlite:"):])
    stored = db.execute("SELECT password_hash FROM users WHERE name = 'root'").fetchone()[0]
    check(stored.startswith("$argon2id$") and "a long admin secret" not in stored, f"Argon2id kept: {stored[:20]}")
    db.close()

# Signing in: cookie attributes; the same answer for a wrong password and an unknown user.
status, hdrs, body = s.json("POST", "/api/v2/session", body={"name": "root", "password": "a long admin secret"})
check(status == 200, f"sign in: {status} {body}")
set_cookie = cookie_of(hdrs)
for attr in ("HttpOnly", "SameSite=Strict", "Path=/"):
    check(attr in set_cookie, f"cookie has {attr}: {set_cookie}")
check("Secure" not in set_cookie, "no Secure flag over plain HTTP (the browser would drop it)")
check(body["user"]["name"] == "root" and body["user"]["permissions"] == ["admin"] and body["csrfToken"], f"session body: {body}")
wrong = s.json("POST", "/api/v2/session", body={"name": "root", "password": "not it at all"})
unknown = s.json("POST", "/api/v2/session", body={"name": "ghost", "password": "not it at all"})
check(wrong[0] == unknown[0] == 401 and wrong[2]["detail"] == unknown[2]["detail"], f"same refusal: {wrong[2]} {unknown[2]}")
status, _, _ = s.json("POST", "/api/v2/session", body="name=root&password=a+long+admin+secret",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
check(status == 415, f"a form-encoded sign-in (cross-site form) is refused: {status}")

# Session fixation: the cookie the browser came with is ended, and a new one is issued.
_, first, first_body = sign_in("root", "a long admin secret")
_, second, second_body = sign_in("root", "a long admin secret", cookie=first)
check(first != second, "a new session id at each sign-in")
status, _, me = s.json("GET", "/api/v2/session", headers={"Cookie": first})
check(status == 200 and me["user"] is None, f"the session brought to sign-in is ended: {me}")
status, _, me = s.json("GET", "/api/v2/session", headers={"Cookie": second})
check(status == 200 and me["user"]["name"] == "root" and me["csrfToken"] == second_body["csrfToken"], f"current session: {me}")
status, _, _ = s.json("GET", "/api/v2/projects", headers={"Cookie": "kaiyuan_session=kys_planted-by-an-attacker"})
check(status == 401, f"a made-up session id is refused: {status}")

# CSRF: a change with the cookie alone is refused; with the token it goes through.
admin_cookie, admin_csrf = second, second_body["csrfToken"]
status, _, body = s.json("PUT", "/api/v2/teams/readers", body={"permissions": ["read"]}, headers={"Cookie": admin_cookie})
check(status == 403 and "X-CSRF-Token" in body["detail"], f"no CSRF token: 403 {body}")
status, _, body = s.json("PUT", "/api/v2/teams/readers", body={"permissions": ["read"]},
                         headers={"Cookie": admin_cookie, "X-CSRF-Token": first_body["csrfToken"]})
check(status == 403, f"another session's CSRF token: 403 ({status})")
status, _, team = s.json("PUT", "/api/v2/teams/readers", body={"permissions": ["read"]},
                         headers={"Cookie": admin_cookie, "X-CSRF-Token": admin_csrf})
check(status == 200 and team["permissions"] == ["read"], f"with the token: {status} {team}")
status, _, _ = s.json("GET", "/api/v2/teams", headers={"Cookie": admin_cookie})
check(status == 200, "a GET needs no token")
A = {"Cookie": admin_cookie, "X-CSRF-Token": admin_csrf}

# Teams and users through the API; a user gets the union of their teams' permissions.
for name, perms in (("uploaders", ["upload"]), ("triagers", ["triage", "read"])):
    status, _, _ = s.json("PUT", f"/api/v2/teams/{name}", body={"permissions": perms}, headers=A)
    check(status == 200, f"team {name}: {status}")
status, _, made = s.json("POST", "/api/v2/users", body={"name": "ann", "password": "ann's password", "teams": ["readers", "uploaders"]}, headers=A)
check(status == 201 and sorted(made["permissions"]) == ["read", "upload"], f"user ann: {status} {made}")
status, _, made = s.json("POST", "/api/v2/users", body={"name": "ann", "password": "ann's password"}, headers=A)
check(status == 409, f"a second ann: 409 ({status})")
status, _, made = s.json("POST", "/api/v2/users", body={"name": "bob", "password": "bob's password", "teams": ["triagers"]}, headers=A)
check(status == 201, f"user bob: {status}")
status, _, users = s.json("GET", "/api/v2/users", headers=A)
check(status == 200 and [u["name"] for u in users["items"]] == ["ann", "bob", "root"], f"users: {users}")

_, ann, ann_body = sign_in("ann", "ann's password")
ANN = {"Cookie": ann, "X-CSRF-Token": ann_body["csrfToken"]}
_, bob, bob_body = sign_in("bob", "bob's password")
BOB = {"Cookie": bob, "X-CSRF-Token": bob_body["csrfToken"]}
docs = make_documents(kaiyuan, None, s.workdir)
with open(docs["polyglot"], "rb") as f:
    sbom = f.read()
status, _, up = s.json("POST", "/api/v2/sboms", body=sbom, headers=ANN,
                       query={"projectName": "ann-app", "projectVersion": "1", "autoCreate": "true"})
check(status == 202, f"ann uploads with upload from one team: {status} {up}")
deadline = time.time() + 60
while time.time() < deadline and s.json("GET", f"/api/v2/jobs/{up['token']}", headers={"Cookie": ann})[2]["status"] not in ("done", "failed"):
    time.sleep(0.05)
status, _, _ = s.json("POST", "/api/v2/users", body={"name": "eve", "password": "eve's password"}, headers=ANN)
check(status == 403, f"ann cannot make users (no admin): {status}")
status, _, page = s.json("GET", "/api/v2/projects", headers={"Cookie": ann})
check(status == 200 and [p["name"] for p in page["items"]] == ["ann-app"], f"ann sees her team's project: {page}")
status, _, page = s.json("GET", "/api/v2/projects", headers={"Cookie": bob})
check(status == 200 and page["items"] == [], f"bob (other teams) does not see it: {page}")
status, _, _ = s.json("GET", f"/api/v2/projects/{up['project']}", headers={"Cookie": bob})
check(status == 404, f"bob gets 404 for ann's project: {status}")
# Granting bob's team the project lets him see it.
status, _, _ = s.json("POST", "/api/v2/teams/triagers/grants", body={"project": up["project"]}, headers=A)
check(status == 204, f"grant: {status}")
status, _, page = s.json("GET", "/api/v2/projects", headers={"Cookie": bob})
check(status == 200 and [p["name"] for p in page["items"]] == ["ann-app"], f"bob sees the granted project: {page}")
status, _, _ = s.json("POST", "/api/v2/sboms", body=sbom, headers=BOB, query={"projectName": "ann-app", "projectVersion": "1"})
check(status == 403, f"bob cannot upload (no upload permission): {status}")

# The audit trail names the user.
status, _, st = s.json("GET", f"/api/v2/projects/{up['project']}/components", headers={"Cookie": bob}, query={"q": "pkg:pypi/django"})
check(status == 200 and st["total"] == 1, f"django, found by q, visible to bob: {st}")
comp = st["items"][0]
status, _, _ = s.json("POST", "/api/v2/advisories", body={"id": "KAIYUAN-TEST-1", "modified": "2026-01-01T00:00:00Z", "summary": "test",
                      "affected": [{"package": {"ecosystem": "PyPI", "name": "django"}, "versions": [comp["version"]]}]}, headers=A)
check(status == 200, f"advisory posted: {status}")
deadline = time.time() + 60
finding = None
while time.time() < deadline and not finding:
    _, _, fs = s.json("GET", f"/api/v2/projects/{up['project']}/findings", headers={"Cookie": bob})
    finding = next((f for f in fs["items"] if f["advisory"] == "KAIYUAN-TEST-1"), None)
    time.sleep(0.1)
check(finding is not None, "the posted advisory matches")
if finding:
    body = {"project": up["project"], "componentKey": finding["componentKey"], "advisory": "KAIYUAN-TEST-1",
            "state": "in_triage", "comment": "looking"}
    status, _, _ = s.json("POST", "/api/v2/triage", body=body, headers={"Cookie": bob})
    check(status == 403, f"triage without the CSRF token: 403 ({status})")
    status, _, _ = s.json("POST", "/api/v2/triage", body=body, headers=BOB)
    check(status == 200, f"bob triages: {status}")
    status, _, hist = s.json("GET", "/api/v2/triage", headers={"Cookie": bob},
                             query={"project": up["project"], "componentKey": finding["componentKey"], "advisory": "KAIYUAN-TEST-1"})
    check(status == 200 and hist["items"] and hist["items"][-1]["actor"] == "bob", f"the audit trail names bob: {hist}")
    status, _, _ = s.json("POST", "/api/v2/triage", body=body, headers=ANN)
    check(status == 403, f"ann lacks triage: {status}")

# Disabling a user, or a new password, ends their sessions; a disabled user cannot sign in.
status, _, u = s.json("PATCH", "/api/v2/users/ann", body={"disabled": True}, headers=A)
check(status == 200 and u["disabled"], f"ann disabled: {u}")
status, _, _ = s.json("GET", "/api/v2/projects", headers={"Cookie": ann})
check(status == 401, f"ann's session ended: {status}")
status, _, _ = sign_in("ann", "ann's password")
check(status == 401, f"a disabled user cannot sign in: {status}")
status, _, u = s.json("PATCH", "/api/v2/users/bob", body={"password": "bob's new password"}, headers=A)
check(status == 200, f"bob's password changed: {status}")
status, _, _ = s.json("GET", "/api/v2/projects", headers={"Cookie": bob})
check(status == 401, f"bob's session ended by the new password: {status}")
check(sign_in("bob", "bob's password")[0] == 401 and sign_in("bob", "bob's new password")[0] == 200, "the new password is the one")

# Repeated failures throttle that user's sign-in (429, Retry-After), the right password included.
s.json("POST", "/api/v2/users", body={"name": "max", "password": "max's password"}, headers=A)
for i in range(5):
    s.json("POST", "/api/v2/session", body={"name": "max", "password": f"guess {i}"})
status, hdrs, body = s.json("POST", "/api/v2/session", body={"name": "max", "password": "max's password"})
check(status == 429 and hdrs.get("Retry-After") and "failed sign-ins" in body["detail"], f"throttled: {status} {body}")

# Sign-out needs the token, ends the session and clears the cookie.
status, hdrs, _ = s.json("DELETE", "/api/v2/session", headers={"Cookie": admin_cookie})
check(status == 403, f"sign-out without the token: 403 ({status})")
status, hdrs, _ = s.json("DELETE", "/api/v2/session", headers=A)
check(status == 204 and "Max-Age=0" in cookie_of(hdrs), f"sign-out: {status}")
status, _, _ = s.json("GET", "/api/v2/teams", headers={"Cookie": admin_cookie})
check(status == 401, f"the signed-out session is refused: {status}")

# The UI: served at / and at deep links, under a strict CSP; /api stays the API's.
status, hdrs, page = s.request("GET", "/")
csp = hdrs.get("Content-Security-Policy", "")
check(status == 200 and (b'<div id="app">' in page or b"built without its web UI" in page), f"/ answers the UI: {status}")
check("script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp, f"CSP: {csp}")
check("frame-ancestors 'none'" in csp and hdrs.get("X-Content-Type-Options") == "nosniff", "no framing, no sniffing")
status, _, deep = s.request("GET", "/projects/0b4e0d3c-0000-4000-8000-000000000000", query={"tab": "findings"})
check(status == 200 and deep == page, f"a deep link answers the UI's page: {status}")
status, _, _ = s.request("GET", "/assets/no-such-file.js")
check(status == 404, f"a missing asset is 404: {status}")
status, _, raw = s.request("GET", "/api/v2/nothing-here")
check(status == 404 and b"no such route" in raw, f"/api stays the API's: {status}")

s.stop()

# Over TLS: the cookie is __Host-kaiyuan_session and Secure; the plain name is not read there.
cert, pkey = os.path.join(s.workdir, "cert.pem"), os.path.join(s.workdir, "key.pem")
made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                       "-keyout", pkey, "-out", cert], capture_output=True)
if check(made.returncode == 0, "a certificate for the TLS check"):
    tls = Server(kaiyuan, s.database, extra=["--tls-cert", cert, "--tls-key", pkey], workdir=s.workdir).start()
    try:
        r = subprocess.run(["curl", "-sS", "-i", "--cacert", cert, "-H", "Content-Type: application/json",
                            "-d", json.dumps({"name": "bob", "password": "bob's new password"}), tls.url + "/api/v2/session"],
                           capture_output=True, text=True)
        line = next((x for x in r.stdout.splitlines() if x.lower().startswith("set-cookie:")), "")
        check(line.startswith("Set-Cookie: __Host-kaiyuan_session=kys_") and "; Secure" in line and "HttpOnly" in line,
              f"over TLS, a __Host- Secure cookie: {line!r}")
        token = line.split("=", 1)[1].split(";", 1)[0] if "=" in line else ""
        for name, want in (("__Host-kaiyuan_session", 200), ("kaiyuan_session", 401)):
            r = subprocess.run(["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", cert,
                                "-H", f"Cookie: {name}={token}", tls.url + "/api/v2/projects"], capture_output=True, text=True)
            check(r.stdout == str(want), f"over TLS, cookie {name}: {want} ({r.stdout})")
    finally:
        tls.stop()
finish()
