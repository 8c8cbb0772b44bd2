// Verifies a Sigstore bundle with sigstore-js (@sigstore/bundle parses and validates its shape,
// @sigstore/verify checks the DSSE signature over the PAE) against a public key, with no
// transparency log or timestamp required (kaiyuan signs offline). Exit 0 when verified, 1 when
// refused (the reason on stderr).
// Usage: node verify.mjs BUNDLE.json PUBLIC_KEY.pem
import { readFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { bundleFromJSON } from '@sigstore/bundle';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';

const [bundlePath, keyPath] = process.argv.slice(2);
try {
  const bundle = bundleFromJSON(JSON.parse(readFileSync(bundlePath, 'utf8')));
  const hint = bundle.verificationMaterial.content.publicKey.hint;
  const der = createPublicKey(readFileSync(keyPath)).export({ type: 'spki', format: 'der' });
  const root = { tlogs: [], ctlogs: [], certificateAuthorities: [], timestampAuthorities: [] };
  const trust = toTrustMaterial(root, { [hint]: { rawBytes: der } });
  const verifier = new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
  verifier.verify(toSignedEntity(bundle));
  console.log(`verified by sigstore-js: ${bundle.mediaType}, key hint ${hint}`);
} catch (e) {
  console.error(`sigstore-js refused ${bundlePath}: ${e.code ?? ''} ${e.message}`);
  process.exit(1);
}
