"""The signing service in the real `kaiyuan serve`: keys held by the server (a PEM file with its
passphrase from the environment, and optionally a key inside a SoftHSM2 token) sign a digest and
an in-toto statement for keys with the sign permission whose team the key allows; what they sign
verifies with `kaiyuan verify`, `kaiyuan verify-attestation` and openssl; every signature is in
the log, whose RFC 6962 root and inclusion proofs are checked here by an independent
implementation of the RFC's algorithms (written from RFC 6962 2.1 and RFC 9162 2.1.3.2, not from
kaiyuan's code); a second server on the same store extends the same log.
Usage: signing.py KAIYUAN SHARED [--postgres]"""
import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serverlib import *  # noqa: E402,F403

kaiyuan = sys.argv[1]
database = database_from_args(kaiyuan, sys.argv[2:])


# --- RFC 6962, independently -----------------------------------------------------------------
def leaf_hash(data):
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def mth(leaves):
    """RFC 6962 2.1: MTH of a list of leaf inputs (already hashed leaves here)."""
    n = len(leaves)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return leaves[0]
    k = 1
    while k * 2 < n:
        k *= 2
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


def verify_inclusion(index, size, leaf, proof, root):
    """RFC 9162 2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


work = tempfile.mkdtemp(prefix="kaiyuan-signing-")
env = dict(os.environ, KAIYUAN_KEY_PASSPHRASE="server-secret")
subprocess.run([kaiyuan, "key", "generate", "--type", "ecdsa-p256", "-o", os.path.join(work, "release")],
               env=env, check=True, capture_output=True)
subprocess.run([kaiyuan, "key", "generate", "--type", "ed25519", "-o", os.path.join(work, "attest")],
               env=env, check=True, capture_output=True)
release_pub = os.path.join(work, "release.pub")
attest_pub = os.path.join(work, "attest.pub")
extra = ["--signing-key", "release=" + os.path.join(work, "release.key"),
         "--signing-key", "attest=" + os.path.join(work, "attest.key"),
         "--signing-key-team", "release=packagers", "--signing-key-team", "attest=packagers",
         "--signing-key-team", "attest=auditors"]
hsm = shutil.which("softhsm2-util") and shutil.which("pkcs11-tool") and os.path.exists("/usr/lib/softhsm/libsofthsm2.so")
if hsm:
    module = "/usr/lib/softhsm/libsofthsm2.so"
    os.makedirs(os.path.join(work, "tokens"))
    with open(os.path.join(work, "softhsm2.conf"), "w") as f:
        f.write(f"directories.tokendir = {work}/tokens\nobjectstore.backend = file\n")
    env["SOFTHSM2_CONF"] = os.path.join(work, "softhsm2.conf")
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", "signing", "--so-pin", "87654321",
                    "--pin", "123456"], env=env, check=True, capture_output=True)
    subprocess.run(["pkcs11-tool", "--module", module, "--token-label", "signing", "--login", "--pin", "123456",
                    "--keypairgen", "--key-type", "EC:secp384r1", "--label", "hsm-key", "--id", "01"],
                   env=env, check=True, capture_output=True)
    extra += ["--signing-key", f"hsm=pkcs11:token=signing;object=hsm-key?module-path={module}&pin-value=123456",
              "--signing-key-team", "hsm=packagers"]

s = Server(kaiyuan, database=database, extra=extra)
# The server opens its keys with the passphrase (and the token's configuration) from its
# environment.
os.environ.update({k: v for k, v in env.items() if k in ("KAIYUAN_KEY_PASSPHRASE", "SOFTHSM2_CONF")})
s.start()
try:
    packager = s.key("packagers", "sign")
    auditor = s.key("auditors", "sign", "read")
    reader = s.key("readers", "read")
    admin = s.key("admins", "admin")

    # Which keys each may use.
    _, _, mine = s.json("GET", "/api/v2/signing-keys", packager)
    names = sorted(k["name"] for k in mine["items"])
    check(names == (["attest", "hsm", "release"] if hsm else ["attest", "release"]), f"packagers' keys: {names}")
    _, _, theirs = s.json("GET", "/api/v2/signing-keys", auditor)
    check([k["name"] for k in theirs["items"]] == ["attest"], f"auditors' keys: {theirs}")
    release = next(k for k in mine["items"] if k["name"] == "release")
    with open(release_pub) as f:
        check(release["publicKey"] == f.read(), "the key's public PEM is the file's")
    check(release["digestAlgorithm"] == "sha256" and release["type"] == "ecdsa-p256", str(release))

    # A digest signed: the detached signature of the file whose digest it is.
    artifact = os.path.join(work, "artifact.tar.gz")
    with open(artifact, "wb") as f:
        f.write(os.urandom(100000))
    digest = hashlib.sha256(open(artifact, "rb").read()).hexdigest()
    status, _, signed = s.json("POST", "/api/v2/sign", packager,
                               {"key": "release", "digest": {"algorithm": "sha256", "value": digest}})
    check(status == 201, f"sign a digest: {status} {signed}")
    sig_path = os.path.join(work, "artifact.sig")
    with open(sig_path, "w") as f:
        f.write(signed["signature"] + "\n")
    r = subprocess.run([kaiyuan, "verify", artifact, "--signature", sig_path, "--key", release_pub],
                       capture_output=True, text=True)
    check(r.returncode == 0, f"kaiyuan verify of the service's digest signature: {r.stderr}")
    with open(sig_path + ".bin", "wb") as f:
        f.write(base64.b64decode(signed["signature"]))
    r = subprocess.run(["openssl", "dgst", "-sha256", "-verify", release_pub, "-signature", sig_path + ".bin", artifact],
                       capture_output=True, text=True)
    check(r.returncode == 0, f"openssl verifies the service's signature: {r.stdout}{r.stderr}")

    # A statement signed: a DSSE envelope that verify-attestation accepts.
    statement = {"_type": "https://in-toto.io/Statement/v1",
                 "subject": [{"name": "artifact.tar.gz", "digest": {"sha256": digest}}],
                 "predicateType": "https://slsa.dev/provenance/v1",
                 "predicate": {"buildDefinition": {"buildType": "https://example.org/build/v1"}, "runDetails": {}}}
    status, _, signed2 = s.json("POST", "/api/v2/sign", auditor, {"key": "attest", "statement": statement})
    check(status == 201, f"sign a statement: {status} {signed2}")
    env_path = os.path.join(work, "artifact.intoto.json")
    with open(env_path, "w") as f:
        json.dump(signed2["envelope"], f)
    r = subprocess.run([kaiyuan, "verify-attestation", env_path, "--key", attest_pub, "--subject", artifact,
                        "--type", "slsa-provenance"], capture_output=True, text=True)
    check(r.returncode == 0, f"verify-attestation of the service's envelope: {r.stderr}")
    check(json.loads(r.stdout)["predicate"] == statement["predicate"], "the statement signed is the one sent")

    if hsm:
        digest384 = hashlib.sha384(open(artifact, "rb").read()).hexdigest()
        status, _, hs = s.json("POST", "/api/v2/sign", packager,
                               {"key": "hsm", "digest": {"algorithm": "sha384", "value": digest384}})
        check(status == 201, f"the token signs a digest: {status} {hs}")
        _, _, keys_now = s.json("GET", "/api/v2/signing-keys", packager)
        hsm_pub = os.path.join(work, "hsm.pub")
        with open(hsm_pub, "w") as f:
            f.write(next(k for k in keys_now["items"] if k["name"] == "hsm")["publicKey"])
        with open(sig_path, "w") as f:
            f.write(hs["signature"])
        r = subprocess.run([kaiyuan, "verify", artifact, "--signature", sig_path, "--key", hsm_pub],
                           capture_output=True, text=True)
        check(r.returncode == 0, f"the token's signature verifies: {r.stderr}")
        print("ok: a key in a SoftHSM2 token signs for the service", file=sys.stderr)

    # Refusals: a key another team holds is not there; no sign permission; bad requests.
    status, _, body = s.json("POST", "/api/v2/sign", auditor,
                             {"key": "release", "digest": {"algorithm": "sha256", "value": digest}})
    check(status == 404 and "release" in body["detail"], f"another team's key: {status} {body}")
    status, _, body = s.json("POST", "/api/v2/sign", reader,
                             {"key": "release", "digest": {"algorithm": "sha256", "value": digest}})
    check(status == 403 and "sign" in body["detail"], f"no sign permission: {status}")
    status, _, body = s.json("POST", "/api/v2/sign", None, {"key": "release"})
    check(status == 401, f"no key: {status}")
    for bad, says in (({"key": "release", "digest": {"algorithm": "sha384", "value": digest}}, "sha256"),
                      ({"key": "release", "digest": {"algorithm": "sha256", "value": "zz"}}, "hex"),
                      ({"key": "release", "digest": {"algorithm": "sha256", "value": digest[:-2]}}, "bytes"),
                      ({"key": "attest", "digest": {"algorithm": "sha256", "value": digest}}, "Ed25519"),
                      ({"key": "attest", "statement": {"x": 1}}, "statement"),
                      ({"key": "attest"}, "either"),
                      ({"key": "release", "digest": {"algorithm": "sha256", "value": digest}, "statement": statement}, "either")):
        status, _, body = s.json("POST", "/api/v2/sign", packager, bad)
        check(status == 400 and says in body["detail"], f"{bad}: 400 saying {says}: {status} {body}")
    # An administrator may use every key.
    status, _, _ = s.json("POST", "/api/v2/sign", admin,
                          {"key": "release", "digest": {"algorithm": "sha256", "value": "00" * 32}})
    check(status == 201, f"admin signs: {status}")
    print("ok: digests and statements signed; teams, permissions and malformed requests refused", file=sys.stderr)

    # The log: every signature, in order, with a root and proofs an independent verifier accepts.
    status, _, log = s.json("GET", "/api/v2/signatures", reader)
    check(status == 200, f"the log: {status}")
    items = log["items"]
    expected = 4 if hsm else 3
    check(len(items) == expected and log["treeSize"] == expected, f"{len(items)} entries, tree {log['treeSize']}")
    check([e["index"] for e in items] == list(range(expected)), "dense indexes")
    check(items[0]["kind"] == "digest" and items[0]["signedDigest"] == "sha256:" + digest, str(items[0]))
    check(items[0]["actor"].startswith("packagers/") and items[0]["key"] == "release", str(items[0]))
    check(items[1]["kind"] == "statement" and items[1]["signature"] == signed2["envelope"]["signatures"][0]["sig"], "statement entry")
    leaves = []
    for e in items:
        lh = leaf_hash(e["leaf"].encode())
        check(lh.hex() == e["leafHash"], f"leaf hash of entry {e['index']}")
        leaf = json.loads(e["leaf"])
        check(leaf["index"] == e["index"] and leaf["signature"] == e["signature"] and leaf["keyid"] == e["keyid"],
              "the leaf holds the entry")
        leaves.append(lh)
    check(mth(leaves).hex() == log["rootHash"], "the root is RFC 6962's MTH of the leaves")
    # The PAE of the statement's envelope is what the log says was signed.
    env_json = signed2["envelope"]
    body = base64.b64decode(env_json["payload"])
    pae = b"DSSEv1 %d %s %d %s" % (len(env_json["payloadType"]), env_json["payloadType"].encode(), len(body), body)
    check(items[1]["signedDigest"] == "sha256:" + hashlib.sha256(pae).hexdigest(), "signedDigest of a statement")
    # Each entry's proof, in the whole tree and in every smaller tree that holds it.
    for i in range(expected):
        for size in range(i + 1, expected + 1):
            status, _, one = s.json("GET", f"/api/v2/signatures/{i}", reader, query={"treeSize": str(size)})
            check(status == 200, f"entry {i} in tree {size}: {status}")
            p = one["proof"]
            check(p["treeSize"] == size and p["rootHash"] == mth(leaves[:size]).hex(), f"root of tree {size}")
            proof = [bytes.fromhex(h) for h in p["inclusionProof"]]
            check(verify_inclusion(i, size, leaves[i], proof, bytes.fromhex(p["rootHash"])),
                  f"RFC 9162 verifies entry {i} in tree {size}")
            check(not verify_inclusion(i, size, leaf_hash(b"forged"), proof, bytes.fromhex(p["rootHash"])),
                  "a forged leaf does not verify")
    # The proof returned at signing time verifies against the tree that ended with it.
    p = signed2["log"]["proof"]
    check(verify_inclusion(1, p["treeSize"], leaves[1], [bytes.fromhex(h) for h in p["inclusionProof"]],
                           bytes.fromhex(p["rootHash"])), "the proof given at signing time")
    for path, want in (("/api/v2/signatures/99", 404), ("/api/v2/signatures/x", 400)):
        status, _, _ = s.json("GET", path, reader)
        check(status == want, f"{path}: {want}, got {status}")
    status, _, _ = s.json("GET", "/api/v2/signatures/0", reader, query={"treeSize": "0"})
    check(status == 400, "tree size 0")
    # kaiyuan verify-log-entry checks the same offline: the answer of POST /api/v2/sign with the
    # envelope, an entry from the log with the detached signature and its file, against the
    # current root.
    answer_path = os.path.join(work, "answer.json")
    with open(answer_path, "w") as f:
        json.dump(signed2, f)
    r = subprocess.run([kaiyuan, "verify-log-entry", answer_path, "--envelope", env_path], capture_output=True, text=True)
    check(r.returncode == 0 and r.stdout.startswith("logged 1 of 2 root "), f"verify-log-entry of the answer: {r.stdout}{r.stderr}")
    _, _, first = s.json("GET", "/api/v2/signatures/0", reader)
    entry_path = os.path.join(work, "entry0.json")
    with open(entry_path, "w") as f:
        json.dump(first, f)
    with open(sig_path, "w") as f:
        f.write(signed["signature"] + "\n")
    r = subprocess.run([kaiyuan, "verify-log-entry", entry_path, "--root", log["rootHash"], "--tree-size", str(expected),
                        "--file", artifact, "--signature", sig_path], capture_output=True, text=True)
    check(r.returncode == 0, f"verify-log-entry against the trusted root: {r.stdout}{r.stderr}")
    for args, says in ((["--root", "00" * 32, "--tree-size", str(expected)], "trusted root"),
                       (["--envelope", env_path], "not one of the envelope's"),
                       (["--file", env_path, "--signature", sig_path], "is not")):
        r = subprocess.run([kaiyuan, "verify-log-entry", entry_path, *args], capture_output=True, text=True)
        check(r.returncode == 1 and says in r.stderr, f"verify-log-entry {args}: exit 1 saying {says}: {r.returncode} {r.stderr}")
    forged = dict(first, leaf=first["leaf"].replace('"actor":"', '"actor":"x'))
    with open(entry_path, "w") as f:
        json.dump(forged, f)
    r = subprocess.run([kaiyuan, "verify-log-entry", entry_path], capture_output=True, text=True)
    check(r.returncode == 1, f"a changed leaf is refused: {r.returncode} {r.stderr}")
    print("ok: kaiyuan verify-log-entry checks entries, proofs and roots offline", file=sys.stderr)
    status, _, _ = s.json("GET", "/api/v2/signatures", s.key("uploaders", "upload"))
    check(status == 403, "the log needs read or sign")
    print(f"ok: {expected} log entries; root and every inclusion proof verified independently", file=sys.stderr)

    # A second server on the same store (its own keys) appends to the same log.
    s2 = Server(kaiyuan, database=s.database, workdir=s.workdir,
                extra=["--signing-key", "release=" + os.path.join(work, "release.key"),
                       "--signing-key-team", "release=packagers"]).start()
    try:
        status, _, third = s2.json("POST", "/api/v2/sign", packager,
                                   {"key": "release", "digest": {"algorithm": "sha256", "value": "11" * 32}})
        check(status == 201 and third["log"]["index"] == expected,
              f"second server appends: {third.get('log', {}).get('index')}")
        _, _, log2 = s.json("GET", "/api/v2/signatures", reader)
        check(log2["treeSize"] == expected + 1, "the first server sees the second's entry")
        leaves.append(leaf_hash(log2["items"][-1]["leaf"].encode()))
        check(log2["rootHash"] == mth(leaves).hex(), "one log, one root")
    finally:
        s2.stop()
    print("ok: two servers on one store extend one log", file=sys.stderr)
finally:
    s.stop()
finish()
