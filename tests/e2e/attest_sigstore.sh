#!/bin/bash
# kaiyuan's Sigstore bundles read and verified by sigstore-js (@sigstore/bundle validates the
# bundle's shape as the protobuf-specs define it, @sigstore/verify checks the DSSE signature over
# the PAE with the public key the hint names), and a tampered bundle refused by it.
source "$(dirname "$0")/lib.sh"
need node
JS="$HERE/sigstore"
[ -d "$JS/node_modules/@sigstore/verify" ] || skip "tests/e2e/sigstore/node_modules is missing (tools/install-deps.sh --test)"
cd "$WORK"
printf '{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[]}' > sbom.json
printf 'artifact\n' > artifact.bin
# sigstore-js 3.1 verifies with Node's default digest (SHA-256) and RSA PKCS#1 v1.5, so it
# checks kaiyuan's Ed25519 and P-256 bundles; P-384 (SHA-384) and RSA-PSS are verified by
# openssl and securesystemslib in attest_interop.sh.
for type in ed25519 ecdsa-p256; do
  "$KAIYUAN" key generate --type $type -o $type --unencrypted > /dev/null 2>&1
  "$KAIYUAN" attest artifact.bin --predicate sbom.json --type cyclonedx --key $type.key --bundle -o $type.bundle.json
  node "$JS/verify.mjs" $type.bundle.json $type.pub || fail "sigstore-js does not verify kaiyuan's $type bundle"
  python3 - $type.bundle.json <<'PY'
import base64, json, sys
b = json.load(open(sys.argv[1]))
body = base64.b64decode(b["dsseEnvelope"]["payload"]).replace(b"CycloneDX", b"CycloneDx")
b["dsseEnvelope"]["payload"] = base64.b64encode(body).decode()
json.dump(b, open("tampered.json", "w"))
PY
  node "$JS/verify.mjs" tampered.json $type.pub 2> err.txt && fail "sigstore-js accepted a tampered bundle"
  grep -q "SIGNATURE_ERROR" err.txt || fail "sigstore-js refused for another reason: $(cat err.txt)"
  echo "ok: sigstore-js verifies kaiyuan's $type bundle and refuses it tampered"
done
