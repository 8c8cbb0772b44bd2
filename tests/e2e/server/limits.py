"""Bad and hostile requests: bodies over the limit (declared, chunked, gzip bombs) get 413 without
the server reading or holding them; malformed, truncated and wrong-format SBOMs get 400 with what
is wrong; deep JSON is refused; a client that stalls is dropped; and the server keeps serving."""
import gzip
import os
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverlib import *  # noqa: E402,F403

kaiyuan, shared = sys.argv[1], sys.argv[2]
s = Server(kaiyuan, extra=["--max-body", "1", "--read-timeout", "2"]).start()
host, port = s.url.split("//")[1].split(":")
port = int(port)


def raw(request_bytes, read_timeout=30):
    """Sends bytes on a fresh connection and returns what comes back until the server closes or
    answers one response."""
    with socket.create_connection((host, port), timeout=read_timeout) as c:
        c.sendall(request_bytes)
        data = b""
        try:
            while b"\r\n\r\n" not in data or len(data) < data.find(b"\r\n\r\n") + 4 + content_length(data):
                chunk = c.recv(65536)
                if not chunk:
                    break
                data += chunk
        except socket.timeout:
            pass
        return data


def content_length(data):
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").lower()
    for line in head.split("\r\n"):
        if line.startswith("content-length:"):
            return int(line.split(":", 1)[1])
    return 0


def status_of(data):
    try:
        return int(data.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return 0


try:
    key = s.key("ci", "upload", "read")
    query = "/api/v2/sboms?projectName=limits&projectVersion=1&autoCreate=true"

    # A declared length over the limit: 413 at once, the body never sent.
    reply = raw(f"POST {query} HTTP/1.1\r\nHost: x\r\nX-Api-Key: {key}\r\nContent-Length: {5 << 20}\r\n\r\n".encode())
    check(status_of(reply) == 413, f"declared 5 MiB over a 1 MiB limit: 413 ({reply[:80]})")
    check(b"limit" in reply, "413 names the limit")

    # Chunked, with no length: stopped when the count passes the limit.
    chunk = b"x" * 65536
    body = b"".join(b"%x\r\n" % len(chunk) + chunk + b"\r\n" for _ in range(40)) + b"0\r\n\r\n"
    reply = raw(f"POST {query} HTTP/1.1\r\nHost: x\r\nX-Api-Key: {key}\r\nTransfer-Encoding: chunked\r\n\r\n".encode() + body)
    check(status_of(reply) == 413, f"2.5 MiB chunked: 413 ({reply[:60]})")

    # A gzip bomb: 100 KiB that inflates to 200 MiB.
    bomb = gzip.compress(b"\0" * (200 << 20), 9)
    status, _, j = s.json("POST", query, key, bomb, headers={"Content-Encoding": "gzip"})
    check(status == 413, f"gzip bomb of {len(bomb)} bytes: 413 (got {status})")

    # Bad SBOMs: 400 with a reason, and where when the reader knows.
    cases = {
        "truncated CycloneDX": b'{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"name":"a"',
        "empty object": b"{}",
        "empty body": b"",
        "binary": bytes(range(256)) * 4,
        "package.json": b'{"name":"x","version":"1.0.0","dependencies":{"a":"^1"}}',
        "broken XML": b'<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component>',
        "schema-invalid CycloneDX": b'{"bomFormat":"CycloneDX","specVersion":"1.6","version":"one","components":[{"type":"nonsense","name":"a"}]}',
        "JSON nested 200,000 deep": b'{"bomFormat":"CycloneDX","specVersion":"1.6","components":' + b"[" * 200000
                                    + b"]" * 200000 + b"}",
        "a property nested 900 deep": b'{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library",'
                                      b'"name":"a","properties":' + b"[" * 900 + b"]" * 900 + b"}]}",
        "XML components nested 12,000 deep": b'<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.6">'
            b"<components>" + b'<component type="library"><name>a</name><components>' * 12000
            + b"</components></component>" * 12000 + b"</components></bom>",
        "SPDX without packages' names": b'{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","packages":[{"SPDXID":"SPDXRef-a"}]}',
    }
    for name, body in cases.items():
        status, _, j = s.json("POST", query, key, body)
        check(status == 400, f"{name}: 400 (got {status} {j})")
        check(j and j.get("detail") and j["status"] == 400, f"{name}: a problem with a detail: {j}")
        print(f"  {name}: {j and j.get('detail', '')[:150]}", file=sys.stderr)
    status, _, j = s.json("POST", query, key, cases["truncated CycloneDX"])
    check("offset" in j["detail"] or "line" in j["detail"] or "byte" in j["detail"] or "position" in j["detail"]
          or "truncat" in j["detail"].lower() or "end" in j["detail"].lower(),
          f"a truncated document says where: {j['detail']}")

    deep = "[" * 10000 + "]" * 10000
    status, _, j = s.json("PUT", "/api/v1/bom", key, deep)
    check(status == 400 and "deeper" in j["detail"], f"JSON nested 10,000 deep: 400 ({j})")

    # A client that sends half a request and stalls is dropped.
    with socket.create_connection((host, port), timeout=60) as c:
        c.sendall(b"POST /api/v2/sboms HTTP/1.1\r\nHost: x\r\n")
        start = time.time()
        try:
            closed = c.recv(100) is not None
        except (socket.timeout, ConnectionResetError):
            closed = True
        check(closed and time.time() - start < 55, "a stalled request is dropped")

    status, _, h = s.json("GET", "/health")
    check(status == 200 and h["status"] == "ok", "still serving after all of it")
    with open(make_documents(kaiyuan, shared, s.workdir)["polyglot"], "rb") as f:
        status, _, j = s.json("POST", query, key, f.read())
    check(status == 202 and s.wait_job(key, j["token"])["status"] == "done", "and still storing")
finally:
    s.stop()
finish()
