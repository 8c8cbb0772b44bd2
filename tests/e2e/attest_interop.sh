#!/bin/bash
# Signing and attestations against independent implementations: keys that openssl reads, DSSE
# signatures over the PAE checked both ways with the openssl command line and with Debian's
# securesystemslib (its Ed25519, ECDSA and RSA-PSS verification), detached signatures both ways,
# exit codes of every refusal (1 verification failed, 2 bad input), X.509 code-signing chains,
# and a key that never leaves a SoftHSM2 token (PKCS#11).
source "$(dirname "$0")/lib.sh"
need openssl
SYSPY=/usr/bin/python3
cd "$WORK"
printf '{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"demo","packages":[]}' > sbom.json
printf 'release tarball bytes\n' > release.tar.gz

# expect_exit CODE MESSAGE_PART command...: the command fails with CODE and says MESSAGE_PART.
expect_exit() {
  local want=$1 says=$2; shift 2
  set +e; "$@" > out.txt 2> err.txt; local rc=$?; set -e
  [ "$rc" = "$want" ] || fail "$* exited $rc, not $want: $(cat err.txt)"
  grep -q -- "$says" err.txt || fail "$*: no \"$says\" in: $(cat err.txt)"
}

for type in ed25519 ecdsa-p256 ecdsa-p384 rsa-3072; do
  # Generated keys: 0600, encrypted PKCS#8 that openssl opens with the same passphrase.
  KAIYUAN_KEY_PASSPHRASE=s3cret "$KAIYUAN" key generate --type "$type" -o "$type" > id.txt 2> err.txt ||
    fail "generate $type: $(cat err.txt)"
  [ "$(stat -c %a "$type.key")" = 600 ] || fail "$type.key mode $(stat -c %a "$type.key")"
  grep -q "BEGIN ENCRYPTED PRIVATE KEY" "$type.key" || fail "$type.key is not encrypted PKCS#8"
  openssl pkey -in "$type.key" -passin pass:s3cret -pubout -out "$type.openssl.pub" 2>/dev/null ||
    fail "openssl cannot open $type.key"
  cmp -s "$type.pub" "$type.openssl.pub" || fail "$type.pub differs from openssl's public key"
  # The key id is the SHA-256 of the DER public key.
  want_id=$(openssl pkey -pubin -in "$type.pub" -outform DER | sha256sum | cut -d' ' -f1)
  [ "$(cat id.txt)" = "$want_id" ] || fail "$type key id $(cat id.txt) is not $want_id"
  "$KAIYUAN" key show "$type.pub" -f json | grep -q "\"keyid\": \"$want_id\"" || fail "key show $type"

  # attest, then verify-attestation prints exactly the signed payload.
  KAIYUAN_KEY_PASSPHRASE=s3cret "$KAIYUAN" attest release.tar.gz --predicate sbom.json --type spdx \
    --key "$type.key" -o "$type.dsse.json" 2> err.txt || fail "attest $type: $(cat err.txt)"
  "$KAIYUAN" verify-attestation "$type.dsse.json" --key "$type.pub" --subject release.tar.gz --type spdx \
    > payload.json 2> err.txt || fail "verify $type: $(cat err.txt)"
  # Independent checks on the same bytes: the PAE rebuilt here, the signature checked by openssl
  # and by securesystemslib.
  python3 - "$type.dsse.json" payload.json <<'PY' || fail "$type: envelope or statement"
import base64, json, sys, hashlib
env = json.load(open(sys.argv[1]))
assert env["payloadType"] == "application/vnd.in-toto+json", env["payloadType"]
body = base64.b64decode(env["payload"])
assert open(sys.argv[2], "rb").read().rstrip(b"\n") == body
st = json.loads(body)
assert st["_type"] == "https://in-toto.io/Statement/v1" and st["predicateType"] == "https://spdx.dev/Document"
assert st["subject"] == [{"name": "release.tar.gz", "digest": {"sha256": hashlib.sha256(open("release.tar.gz", "rb").read()).hexdigest()}}], st["subject"]
assert st["predicate"]["spdxVersion"] == "SPDX-2.3"
t = env["payloadType"].encode()
open("pae.bin", "wb").write(b"DSSEv1 %d %s %d %s" % (len(t), t, len(body), body))
open("sig.bin", "wb").write(base64.b64decode(env["signatures"][0]["sig"]))
PY
  case $type in
    ed25519) openssl pkeyutl -verify -pubin -inkey "$type.pub" -rawin -in pae.bin -sigfile sig.bin > /dev/null ;;
    ecdsa-p384) openssl dgst -sha384 -verify "$type.pub" -signature sig.bin pae.bin > /dev/null ;;
    ecdsa-p256) openssl dgst -sha256 -verify "$type.pub" -signature sig.bin pae.bin > /dev/null ;;
    rsa-3072) openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-2 \
                -verify "$type.pub" -signature sig.bin pae.bin > /dev/null ;;
  esac || fail "openssl does not verify kaiyuan's $type signature over the PAE"
  # ... and openssl's own signature over the PAE, in an envelope, verifies with kaiyuan.
  openssl pkey -in "$type.key" -passin pass:s3cret -out plain.key
  case $type in
    ed25519) openssl pkeyutl -sign -inkey plain.key -rawin -in pae.bin -out osig.bin ;;
    ecdsa-p384) openssl dgst -sha384 -sign plain.key -out osig.bin pae.bin ;;
    ecdsa-p256) openssl dgst -sha256 -sign plain.key -out osig.bin pae.bin ;;
    rsa-3072) openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 -sign plain.key -out osig.bin pae.bin ;;
  esac
  python3 - "$type.dsse.json" osig.bin openssl.dsse.json <<'PY'
import base64, json, sys
env = json.load(open(sys.argv[1]))
env["signatures"] = [{"keyid": "", "sig": base64.b64encode(open(sys.argv[2], "rb").read()).decode()}]
json.dump(env, open(sys.argv[3], "w"))
PY
  "$KAIYUAN" verify-attestation openssl.dsse.json --key "$type.pub" > /dev/null 2> err.txt ||
    fail "kaiyuan does not verify openssl's $type signature: $(cat err.txt)"
  # Detached signatures both ways.
  KAIYUAN_KEY_PASSPHRASE=s3cret "$KAIYUAN" sign release.tar.gz --key "$type.key" -o release.sig 2> err.txt ||
    fail "sign $type: $(cat err.txt)"
  "$KAIYUAN" verify release.tar.gz --signature release.sig --key "$type.pub" > /dev/null || fail "verify $type"
  base64 -d release.sig > release.sig.bin
  case $type in
    ed25519) openssl pkeyutl -verify -pubin -inkey "$type.pub" -rawin -in release.tar.gz -sigfile release.sig.bin > /dev/null ;;
    ecdsa-p384) openssl dgst -sha384 -verify "$type.pub" -signature release.sig.bin release.tar.gz > /dev/null ;;
    ecdsa-p256) openssl dgst -sha256 -verify "$type.pub" -signature release.sig.bin release.tar.gz > /dev/null ;;
    rsa-3072) openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:-2 \
                -verify "$type.pub" -signature release.sig.bin release.tar.gz > /dev/null ;;
  esac || fail "openssl does not verify kaiyuan's detached $type signature"
  case $type in
    ed25519) openssl pkeyutl -sign -inkey plain.key -rawin -in release.tar.gz -out o.sig ;;
    ecdsa-p384) openssl dgst -sha384 -sign plain.key -out o.sig release.tar.gz ;;
    *) openssl dgst -sha256 -sign plain.key -out o.sig release.tar.gz ;;  # RSA: PKCS#1 v1.5, as cosign
  esac
  "$KAIYUAN" verify release.tar.gz --signature o.sig --key "$type.pub" > /dev/null ||
    fail "kaiyuan does not verify openssl's detached $type signature"
  echo "ok: $type: key, attestation and detached signature agree with openssl"
done

# securesystemslib (Debian's python3-securesystemslib) verifies kaiyuan's signatures over the
# PAE with its own key formats, and signs a PAE that kaiyuan verifies.
if $SYSPY -c "import securesystemslib" 2>/dev/null; then
  for type in ed25519 ecdsa-p256 ecdsa-p384 rsa-3072; do
    openssl pkey -in "$type.key" -passin pass:s3cret -out "$type.plain.key"
    $SYSPY - "$type" "$type.dsse.json" "$type.pub" "$type.plain.key" <<'PY' || fail "securesystemslib and $type"
import base64, json, sys
from securesystemslib import keys as sslib_keys
from securesystemslib.signer import SSlibKey, Signature
from cryptography.hazmat.primitives import serialization
kind, env_path, pub_path, priv_path = sys.argv[1:]
env = json.load(open(env_path))
body = base64.b64decode(env["payload"])
t = env["payloadType"].encode()
pae = b"DSSEv1 %d %s %d %s" % (len(t), t, len(body), body)
pub_pem = open(pub_path).read()
if kind == "ed25519":
    raw = serialization.load_pem_public_key(pub_pem.encode()).public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    keytype, scheme, public = "ed25519", "ed25519", raw.hex()
elif kind.startswith("ecdsa"):
    keytype = scheme = "ecdsa-sha2-nistp256" if kind == "ecdsa-p256" else "ecdsa-sha2-nistp384"
    public = pub_pem
else:
    keytype, scheme, public = "rsa", "rsassa-pss-sha256", pub_pem
key = SSlibKey("ab", keytype, scheme, {"public": public})
sig = env["signatures"][0]["sig"]
key.verify_signature(Signature("ab", base64.b64decode(sig).hex()), pae)
try:
    key.verify_signature(Signature("ab", base64.b64decode(sig).hex()), pae + b"x")
    raise SystemExit("securesystemslib accepted a changed PAE")
except Exception as e:
    if isinstance(e, SystemExit): raise
# securesystemslib signs the PAE; the envelope goes back to kaiyuan. (Its 0.26 signs ECDSA
# with P-256 only; it verifies P-384 above.)
if kind == "ecdsa-p384":
    json.dump(env, open("sslib.dsse.json", "w"))
    raise SystemExit(0)
priv_pem = open(priv_path).read()
if kind == "ed25519":
    from cryptography.hazmat.primitives.asymmetric import ed25519
    k = serialization.load_pem_private_key(priv_pem.encode(), None)
    seed = k.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    kd = {"keytype": "ed25519", "scheme": "ed25519", "keyid": "ab", "keyval": {"public": public, "private": seed.hex()}}
else:
    kd = {"keytype": keytype, "scheme": scheme, "keyid": "ab", "keyval": {"public": public, "private": priv_pem}}
s = sslib_keys.create_signature(kd, pae)
env["signatures"] = [{"keyid": "sslib", "sig": base64.b64encode(bytes.fromhex(s["sig"])).decode()}]
json.dump(env, open("sslib.dsse.json", "w"))
PY
    "$KAIYUAN" verify-attestation sslib.dsse.json --key "$type.pub" > /dev/null 2> err.txt ||
      fail "kaiyuan does not verify securesystemslib's $type signature: $(cat err.txt)"
  done
  echo "ok: securesystemslib verifies kaiyuan's DSSE signatures (4 key types); kaiyuan verifies securesystemslib's (Ed25519, P-256, RSA-PSS: it signs no P-384)"
else
  echo "skip: python3-securesystemslib is not installed"
fi

# The passphrase from the terminal (a pseudo-terminal from script(1)): asked twice with echo off,
# never from the command line; the key opens with it, and a mismatch is refused.
if command -v script > /dev/null; then
  (sleep 1; printf 'tty-secret\n'; sleep 0.5; printf 'tty-secret\n') |
    env -u KAIYUAN_KEY_PASSPHRASE script -qec "$KAIYUAN key generate --type ecdsa-p256 -o tty" /dev/null > tty.out ||
    fail "key generate with the passphrase typed: $(cat tty.out)"
  grep -q "Passphrase for tty.key" tty.out || fail "no prompt: $(cat tty.out)"
  ! grep -q "tty-secret" tty.out || fail "the passphrase was echoed"
  openssl pkey -in tty.key -passin pass:tty-secret -noout || fail "the typed passphrase does not open the key"
  (sleep 1; printf 'one\n'; sleep 0.5; printf 'two\n') |
    env -u KAIYUAN_KEY_PASSPHRASE script -qec "$KAIYUAN key generate -o tty2" /dev/null > tty.out && fail "differing passphrases"
  grep -q "the passphrases differ" tty.out || fail "mismatch not said: $(cat tty.out)"
  [ ! -e tty2.key ] || fail "a key was written despite differing passphrases"
  echo "ok: passphrase typed at the terminal, not echoed, asked twice"
fi

# Refusals: 1 when the evidence does not hold, 2 when the input is not evidence.
T=ecdsa-p256
expect_exit 1 "no signature of the envelope verifies" "$KAIYUAN" verify-attestation "$T.dsse.json" --key ed25519.pub
python3 - "$T.dsse.json" <<'PY'
import base64, json, sys
env = json.load(open(sys.argv[1]))
body = base64.b64decode(env["payload"]).replace(b"SPDX-2.3", b"SPDX-2.4")
tampered = dict(env, payload=base64.b64encode(body).decode())
json.dump(tampered, open("tampered.json", "w"))
json.dump(dict(env, payloadType="application/json"), open("retyped.json", "w"))
open("truncated.json", "w").write(json.dumps(env)[:200])
bad = dict(env, signatures=[{"sig": "***not base64***"}])
json.dump(bad, open("nonbase64.json", "w"))
PY
expect_exit 1 "no signature" "$KAIYUAN" verify-attestation tampered.json --key "$T.pub"
expect_exit 1 "no signature" "$KAIYUAN" verify-attestation retyped.json --key "$T.pub"
expect_exit 2 "invalid JSON" "$KAIYUAN" verify-attestation truncated.json --key "$T.pub"
expect_exit 2 "not base64" "$KAIYUAN" verify-attestation nonbase64.json --key "$T.pub"
expect_exit 1 "predicate type" "$KAIYUAN" verify-attestation "$T.dsse.json" --key "$T.pub" --type cyclonedx
cp release.tar.gz changed.tar.gz && echo more >> changed.tar.gz
expect_exit 1 "not a subject" "$KAIYUAN" verify-attestation "$T.dsse.json" --key "$T.pub" --subject changed.tar.gz
expect_exit 2 "private key" "$KAIYUAN" verify-attestation "$T.dsse.json" --key "$T.key"
expect_exit 1 "does not verify" "$KAIYUAN" verify changed.tar.gz --signature release.sig --key rsa-3072.pub
expect_exit 2 "passphrase" env KAIYUAN_KEY_PASSPHRASE=wrong "$KAIYUAN" sign release.tar.gz --key "$T.key"
[ -z "$(cat out.txt)" ] || fail "an unverified payload was printed"
echo "ok: wrong key, tampered payload and subject, wrong type, truncated and non-base64 envelopes refused"

# Threshold: two distinct signers of one envelope; the same key given twice counts once.
KAIYUAN_KEY_PASSPHRASE=s3cret "$KAIYUAN" attest release.tar.gz --predicate sbom.json --type spdx \
  --key ed25519.key --key ecdsa-p384.key -o two.json 2> err.txt || fail "attest with two keys: $(cat err.txt)"
"$KAIYUAN" verify-attestation two.json --key ed25519.pub --key ecdsa-p384.pub --threshold 2 > /dev/null 2>&1 ||
  fail "threshold 2 of 2"
cp ed25519.pub again.pub
expect_exit 1 "1 of 2 distinct keys" "$KAIYUAN" verify-attestation two.json --key ed25519.pub --key again.pub \
  --key rsa-3072.pub --threshold 2
echo "ok: threshold counts distinct keys"

# X.509: a local CA issues a code-signing certificate; the bundle carries it; --ca checks it.
"$KAIYUAN" key generate --type ecdsa-p256 -o ca --unencrypted > /dev/null 2>&1
"$KAIYUAN" key certify --ca-key ca.key --self-signed --subject "CN=Test Root,O=kaiyuan" -o ca.pem
"$KAIYUAN" key generate --type ecdsa-p256 -o signer --unencrypted > /dev/null 2>&1
"$KAIYUAN" key certify signer.pub --ca-key ca.key --ca-cert ca.pem --subject "CN=release signer" -o signer.pem
openssl verify -CAfile ca.pem signer.pem > /dev/null || fail "openssl does not accept the certificate"
openssl x509 -in signer.pem -noout -ext extendedKeyUsage | grep -q "Code Signing" || fail "no code-signing EKU"
"$KAIYUAN" attest release.tar.gz --predicate sbom.json --type spdx --key signer.key --cert signer.pem --bundle \
  -o signed.bundle.json 2> err.txt || fail "attest --cert: $(cat err.txt)"
"$KAIYUAN" verify-attestation signed.bundle.json --ca ca.pem --subject release.tar.gz > /dev/null 2> err.txt ||
  fail "verify --ca: $(cat err.txt)"
grep -q "certified as CN=release signer" err.txt || fail "the signer's certificate is not named: $(cat err.txt)"
"$KAIYUAN" key generate --type ecdsa-p256 -o other-ca --unencrypted > /dev/null 2>&1
"$KAIYUAN" key certify --ca-key other-ca.key --self-signed --subject "CN=Other Root" -o other-ca.pem
expect_exit 1 "unable to get local issuer" "$KAIYUAN" verify-attestation signed.bundle.json --ca other-ca.pem
# A CA certificate (no code-signing usage) used to sign.
"$KAIYUAN" attest release.tar.gz --predicate sbom.json --type spdx --key ca.key --cert ca.pem --bundle -o ca.bundle.json
expect_exit 1 "not for code signing" "$KAIYUAN" verify-attestation ca.bundle.json --ca ca.pem
echo "ok: X.509 code-signing chain checked (openssl agrees), wrong root and wrong usage refused"

# PKCS#11: a key generated inside a SoftHSM2 token signs; the private key never leaves it.
if command -v softhsm2-util > /dev/null && command -v pkcs11-tool > /dev/null; then
  MODULE=/usr/lib/softhsm/libsofthsm2.so
  # Under ASan: SoftHSM2's own EdDSA leak is suppressed (tests/lsan.supp), which needs the slow
  # unwinder to see through libcrypto into libsofthsm2 (no effect on other builds).
  SAVED_ASAN_OPTIONS=${ASAN_OPTIONS:-}
  export ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}fast_unwind_on_malloc=0"
  export LSAN_OPTIONS="suppressions=$HERE/../lsan.supp"
  mkdir tokens
  printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\n' "$PWD" > softhsm2.conf
  export SOFTHSM2_CONF=$PWD/softhsm2.conf
  softhsm2-util --init-token --free --label kaiyuan-test --so-pin 87654321 --pin 123456 > /dev/null
  for spec in "EC:prime256v1 p256" "EC:secp384r1 p384" "rsa:3072 rsa" "EC:edwards25519 ed"; do
    set -- $spec
    pkcs11-tool --module $MODULE --token-label kaiyuan-test --login --pin 123456 --keypairgen \
      --key-type "$1" --label "$2" --id "$(printf '%02x' ${#2})$(echo -n "$2" | od -An -tx1 | tr -d ' \n')" > /dev/null 2>&1 ||
      { echo "skip: SoftHSM2 cannot make $1 keys"; continue; }
    URI="pkcs11:token=kaiyuan-test;object=$2?module-path=$MODULE&pin-value=123456"
    "$KAIYUAN" key show "$URI" > hsm.txt 2> err.txt || fail "key show $2: $(cat err.txt)"
    sed -n '/BEGIN PUBLIC KEY/,/END PUBLIC KEY/p' hsm.txt > "hsm-$2.pub"
    "$KAIYUAN" attest release.tar.gz --predicate sbom.json --type spdx --key "$URI" -o hsm.json 2> err.txt ||
      fail "attest with the token key $2: $(cat err.txt)"
    "$KAIYUAN" verify-attestation hsm.json --key "hsm-$2.pub" --subject release.tar.gz > /dev/null 2> err.txt ||
      fail "verify the token's $2 signature: $(cat err.txt)"
    echo "ok: PKCS#11 $2 key in SoftHSM2 signs an attestation that verifies"
  done
  KAIYUAN_PKCS11_PIN=000000 expect_exit 2 "incorrect PIN" "$KAIYUAN" sign release.tar.gz \
    --key "pkcs11:token=kaiyuan-test;object=p256?module-path=$MODULE"
  expect_exit 2 "no private key object" "$KAIYUAN" sign release.tar.gz \
    --key "pkcs11:token=kaiyuan-test;object=nothing?module-path=$MODULE&pin-value=123456"
  echo "ok: wrong PIN and missing object refused"
  unset LSAN_OPTIONS
  export ASAN_OPTIONS=$SAVED_ASAN_OPTIONS
else
  echo "skip: softhsm2 or opensc (pkcs11-tool) is not installed"
fi

# scan --attest and vuln --attest: the output signed in the same run, about the file scanned.
printf 'requests==2.19.0\n' > requirements.txt
cat > osv.json <<'JSON'
{"id":"TEST-2018-0001","modified":"2024-01-01T00:00:00Z","summary":"test advisory",
 "affected":[{"package":{"ecosystem":"PyPI","name":"requests"},
   "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"2.20.0"}]}]}]}
JSON
"$KAIYUAN" db import osv.json --db adv.db > /dev/null 2>&1 || fail "db import"
"$KAIYUAN" scan requirements.txt -f spdx-json -o sbom.spdx.json --attest ed25519.key -q < /dev/null 2> err.txt &&
  fail "an encrypted key without its passphrase must be refused"
KAIYUAN_KEY_PASSPHRASE=s3cret "$KAIYUAN" scan requirements.txt -f spdx-json -o sbom.spdx.json --attest ed25519.key -q ||
  fail "scan --attest"
"$KAIYUAN" verify-attestation sbom.spdx.json.intoto.json --key ed25519.pub --subject requirements.txt --type spdx \
  > st.json 2> err.txt || fail "verify scan attestation: $(cat err.txt)"
python3 -c "
import json; st = json.load(open('st.json')); sb = json.load(open('sbom.spdx.json'))
assert st['predicate'] == sb, 'the predicate is not the SBOM written'" || fail "scan predicate"
expect_exit 2 "give -f spdx-json" "$KAIYUAN" scan requirements.txt -f table --attest ed25519.key
for f in json openvex cyclonedx-json; do
  KAIYUAN_KEY_PASSPHRASE=s3cret "$KAIYUAN" vuln requirements.txt --db adv.db -f $f -o report.$f \
    --attest ecdsa-p256.key --attest-bundle -q || fail "vuln -f $f --attest"
  "$KAIYUAN" verify-attestation report.$f.intoto.json --key ecdsa-p256.pub --subject requirements.txt \
    > st.json 2> err.txt || fail "verify vuln $f attestation: $(cat err.txt)"
  python3 - $f <<'PY' || fail "vuln $f predicate"
import json, sys
f = sys.argv[1]
st = json.load(open("st.json")); report = json.load(open("report." + f))
want = {"json": "https://cosign.sigstore.dev/attestation/vuln/v1", "openvex": "https://openvex.dev/ns",
        "cyclonedx-json": "https://cyclonedx.org/bom"}[f]
assert st["predicateType"] == want, st["predicateType"]
p = st["predicate"]
if f == "json":
    assert p["scanner"]["result"] == report and p["scanner"]["db"]["uri"].endswith("adv.db"), p["scanner"].keys()
    assert "TEST-2018-0001" in json.dumps(p)
else:
    assert p == report
PY
done
echo "ok: scan --attest and vuln --attest sign their own output (SPDX, kaiyuan JSON in cosign's vuln predicate, OpenVEX, CycloneDX)"

# review --attest: the verdict signed as in-toto's test result predicate, about the head side.
printf 'requests==2.19.0\nflask==2.0.0\n' > head-requirements.txt
printf 'deny-packages: [pkg:pypi/flask]\n' > policy.yml
set +e
KAIYUAN_KEY_PASSPHRASE=s3cret "$KAIYUAN" review requirements.txt head-requirements.txt --no-db --policy policy.yml \
  -f json -o review.json --attest ed25519.key -q
rc=$?
set -e
[ $rc = 1 ] || fail "a denied package must fail the review (exit $rc)"
"$KAIYUAN" verify-attestation review.json.intoto.json --key ed25519.pub --type test-result \
  --subject head-requirements.txt > st.json 2> err.txt || fail "verify the review's attestation: $(cat err.txt)"
python3 - <<'PY' || fail "review predicate"
import json, hashlib
st = json.load(open("st.json")); p = st["predicate"]
assert st["predicateType"] == "https://in-toto.io/attestation/test-result/v0.1"
assert p["result"] == "fail", p["result"]
assert p["configuration"] == [{"name": "policy.yml", "digest": {"sha256": hashlib.sha256(open("policy.yml", "rb").read()).hexdigest()}}]
assert any(t.startswith("denied-package: ") and "flask" in t for t in p["failedTests"]), p["failedTests"]
assert "denied-package" not in p["passedTests"] and "vulnerability" in p["passedTests"]
assert p["review"] == json.load(open("review.json"))
PY
echo "ok: review --attest signs the verdict (in-toto test result) even when the review fails"
