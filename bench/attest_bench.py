#!/usr/bin/env python3
"""Signing and attestations, measured (docs/benchmarks.md "Signing and attestations"):

1. Signatures and verifications per second per key type: bench/attest_bench (kaiyuan's Key over
   the PAE of a 1 KiB statement) beside `openssl speed` on the same key types (OpenSSL's
   primitive alone: the floor).
2. `kaiyuan attest` of a 10,000-component SBOM end to end (read, hash the subject, minify the
   predicate, statement, PAE, sign, write the envelope), and `verify-attestation`, beside the
   same job done by securesystemslib (Debian's python3-securesystemslib: statement built with
   json, PAE, signed) and by the openssl command line on a PAE prepared beforehand (the floor).
3. The signing service under concurrent clients: `wrk` posting digests to POST /api/v2/sign
   (each signature also appended to the log), beside `openssl speed` for the key.

Usage: attest_bench.py KAIYUAN ATTEST_BENCH [--components 10000] [--wrk-seconds 10]
Prints Markdown tables on stdout; progress on stderr."""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e", "server"))
from serverlib import Server, fresh_postgres_database  # noqa: E402

SYSPY = "/usr/bin/python3"
TYPES = [("ed25519", "ed25519"), ("ecdsa-p256", "ecdsap256"), ("ecdsa-p384", "ecdsap384"), ("rsa-3072", "rsa3072")]


def openssl_speed():
    out = subprocess.run(["openssl", "speed", "-seconds", "3"] + [o for _, o in TYPES],
                         capture_output=True, text=True).stdout
    rates = {}
    m = re.search(r"rsa 3072 bits\s+\S+\s+\S+\s+([\d.]+)\s+([\d.]+)", out)
    rates["rsa-3072"] = (float(m.group(1)), float(m.group(2)))
    for name, label in (("ecdsa-p256", "nistp256"), ("ecdsa-p384", "nistp384"), ("ed25519", "Ed25519")):
        m = re.search(rf"\({label}\)\s+\S+\s+\S+\s+([\d.]+)\s+([\d.]+)", out)
        rates[name] = (float(m.group(1)), float(m.group(2)))
    return rates


def kaiyuan_rates(bench):
    out = subprocess.run([bench, "--benchmark_format=json", "--benchmark_min_time=2"],
                         capture_output=True, text=True, check=True).stdout
    rates = {}
    for b in json.loads(out)["benchmarks"]:
        kind, idx = b["name"].split("/")
        name = TYPES[int(idx)][0]
        rates.setdefault(name, [0, 0])[0 if kind == "BM_Sign" else 1] = b["items_per_second"]
    return rates


def timed(cmd, env=None, **kw):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, capture_output=True, **kw)
    return time.perf_counter() - t


def best(fn, runs=3):
    return min(fn() for _ in range(runs))


def sbom_of(n, path):
    comps = [{"type": "library", "bom-ref": f"pkg:npm/pkg{i}@1.{i % 10}.{i % 7}", "name": f"pkg{i}",
              "version": f"1.{i % 10}.{i % 7}", "purl": f"pkg:npm/pkg{i}@1.{i % 10}.{i % 7}",
              "licenses": [{"license": {"id": "MIT"}}],
              "hashes": [{"alg": "SHA-256", "content": f"{i:064x}"}]} for i in range(n)]
    doc = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
           "metadata": {"timestamp": "2026-12-04T00:00:00Z"}, "components": comps,
           "dependencies": [{"ref": c["bom-ref"], "dependsOn": []} for c in comps]}
    with open(path, "w") as f:
        json.dump(doc, f, indent=2)


SSLIB_ATTEST = r'''
import base64, hashlib, json, sys
from securesystemslib import keys
subject, predicate, key_pem, pub_pem, out = sys.argv[1:]
digest = hashlib.sha256(open(subject, "rb").read()).hexdigest()
statement = {"_type": "https://in-toto.io/Statement/v1",
             "subject": [{"name": subject, "digest": {"sha256": digest}}],
             "predicateType": "https://cyclonedx.org/bom", "predicate": json.load(open(predicate))}
body = json.dumps(statement, separators=(",", ":")).encode()
t = b"application/vnd.in-toto+json"
pae = b"DSSEv1 %d %s %d %s" % (len(t), t, len(body), body)
k = {"keytype": "ecdsa-sha2-nistp256", "scheme": "ecdsa-sha2-nistp256", "keyid": "ab",
     "keyval": {"public": open(pub_pem).read(), "private": open(key_pem).read()}}
sig = keys.create_signature(k, pae)
env = {"payloadType": t.decode(), "payload": base64.b64encode(body).decode(),
       "signatures": [{"keyid": "ab", "sig": base64.b64encode(bytes.fromhex(sig["sig"])).decode()}]}
json.dump(env, open(out, "w"))
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kaiyuan")
    ap.add_argument("attest_bench")
    ap.add_argument("--components", type=int, default=10000)
    ap.add_argument("--wrk-seconds", type=int, default=10)
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="kaiyuan-attest-bench.")

    print("signatures per second (openssl speed, kaiyuan)", file=sys.stderr)
    floor = openssl_speed()
    ours = kaiyuan_rates(a.attest_bench)
    print("| key type | kaiyuan sign/s | openssl speed sign/s | ratio | kaiyuan verify/s | openssl speed verify/s | ratio |")
    print("|---|---|---|---|---|---|---|")
    for name, _ in TYPES:
        ks, kv = ours[name]
        os_, ov = floor[name]
        print(f"| {name} | {ks:,.0f} | {os_:,.0f} | {ks / os_:.2f} | {kv:,.0f} | {ov:,.0f} | {kv / ov:.2f} |")

    print(f"attest of a {a.components}-component SBOM", file=sys.stderr)
    sbom = os.path.join(work, "sbom.cdx.json")
    sbom_of(a.components, sbom)
    artifact = os.path.join(work, "image.tar")
    with open(artifact, "wb") as f:
        f.write(os.urandom(50 << 20))
    key = os.path.join(work, "k")
    subprocess.run([a.kaiyuan, "key", "generate", "--type", "ecdsa-p256", "-o", key, "--unencrypted"],
                   check=True, capture_output=True)
    env_out = os.path.join(work, "out.json")
    k_attest = best(lambda: timed([a.kaiyuan, "attest", artifact, "--predicate", sbom, "--type", "cyclonedx",
                                   "--key", key + ".key", "-o", env_out]))
    k_verify = best(lambda: timed([a.kaiyuan, "verify-attestation", env_out, "--key", key + ".pub",
                                   "--subject", artifact, "--type", "cyclonedx"], stdout=None))
    rows = [("kaiyuan attest", k_attest), ("kaiyuan verify-attestation (with the subject's digest)", k_verify)]
    if subprocess.run([SYSPY, "-c", "import securesystemslib"], capture_output=True).returncode == 0:
        script = os.path.join(work, "sslib_attest.py")
        with open(script, "w") as f:
            f.write(SSLIB_ATTEST)
        s_attest = best(lambda: timed([SYSPY, script, artifact, sbom, key + ".key", key + ".pub",
                                       os.path.join(work, "sslib.json")]))
        subprocess.run([a.kaiyuan, "verify-attestation", os.path.join(work, "sslib.json"), "--key", key + ".pub"],
                       check=True, capture_output=True)
        rows.append(("securesystemslib 0.26 (Python: hash, statement, PAE, sign)", s_attest))
    # The floor: openssl signing a PAE that is already written.
    with open(env_out) as f:
        import base64
        e = json.load(f)
    body = base64.b64decode(e["payload"])
    t = e["payloadType"].encode()
    pae_path = os.path.join(work, "pae.bin")
    with open(pae_path, "wb") as f:
        f.write(b"DSSEv1 %d %s %d %s" % (len(t), t, len(body), body))
    o_sign = best(lambda: timed(["openssl", "dgst", "-sha256", "-sign", key + ".key", "-out",
                                 os.path.join(work, "o.sig"), pae_path]))
    o_hash = best(lambda: timed(["sha256sum", artifact]))
    rows.append(("openssl dgst -sign of the PAE alone (no statement, no subject hash)", o_sign))
    rows.append(("sha256sum of the 50 MiB subject alone", o_hash))
    print()
    print(f"| {a.components:,}-component CycloneDX SBOM ({os.path.getsize(sbom) / 1e6:.1f} MB), 50 MiB subject, ECDSA P-256 | seconds | vs kaiyuan attest |")
    print("|---|---|---|")
    for label, secs in rows:
        print(f"| {label} | {secs:.3f} | {secs / k_attest:.2f} |")

    print("signing service under wrk", file=sys.stderr)
    env = dict(os.environ)
    script = os.path.join(work, "sign.lua")
    print()
    print("| store | clients | signatures/s (signed and logged) | p50 | p99 | non-2xx | openssl speed P-256 sign/s |")
    print("|---|---|---|---|---|---|---|")
    stores = [("SQLite", None)]
    if os.environ.get("KAIYUAN_TEST_POSTGRES"):
        stores.append(("PostgreSQL", fresh_postgres_database(a.kaiyuan)))
    for store_name, database in stores:
        s = Server(a.kaiyuan, database=database, extra=["--signing-key", "bench=" + key + ".key"]).start()
        try:
            admin = s.key("bench", "admin")
            with open(script, "w") as f:
                f.write('wrk.method = "POST"\nwrk.headers["X-Api-Key"] = "%s"\n'
                        'wrk.headers["Content-Type"] = "application/json"\n'
                        'wrk.body = \'{"key":"bench","digest":{"algorithm":"sha256","value":"%s"}}\'\n' % (admin, "ab" * 32))
            for c in (1, 4, 16):
                out = subprocess.run(["wrk", "-t2" if c > 1 else "-t1", f"-c{c}", f"-d{a.wrk_seconds}s", "--latency", "-s",
                                      script, s.url + "/api/v2/sign"], capture_output=True, text=True, env=env).stdout
                rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
                lat = {p: re.search(rf"^\s+{p}%\s+(\S+)", out, re.M).group(1) for p in ("50", "99")}
                non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
                print(f"| {store_name} | {c} | {rps:,.0f} | {lat['50']} | {lat['99']} | "
                      f"{non2xx.group(1) if non2xx else 0} | {floor['ecdsa-p256'][0]:,.0f} |")
            _, _, log = s.json("GET", "/api/v2/signatures", admin, query={"limit": "1"})
            print(f"{store_name} log: {log['treeSize']} entries", file=sys.stderr)
        finally:
            s.stop()


if __name__ == "__main__":
    main()
