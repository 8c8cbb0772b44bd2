#!/bin/bash
# A scan converted through every format and back keeps components, purls, versions, licenses,
# hashes, suppliers, arch, source packages, relationships and the distribution: on the bundled
# examples/debian-root and, when present, the 150-package make-fixtures root.
source "$(dirname "$0")/lib.sh"
need python3
REPO=$(cd "$HERE/../.." && pwd)
ROOTS=("$REPO/examples/debian-root" "$REPO/examples/alpine-root")
BIG="${KAIYUAN_FIXTURES:-$HOME/.cache/kaiyuan-fixtures}/rootfs-debian-big"
[ -d "$BIG/var/lib/dpkg" ] && ROOTS+=("$BIG")
for root in "${ROOTS[@]}"; do
  "$KAIYUAN" scan "$root" -f json -o "$WORK/a.json" -q
  for f in spdx-json spdx-tv spdx3-json cyclonedx-json cyclonedx-xml; do
    "$KAIYUAN" sbom convert "$WORK/a.json" -f "$f" -o "$WORK/rt.$f"
    "$KAIYUAN" sbom convert "$WORK/rt.$f" -f json -o "$WORK/back.json"
    python3 - "$WORK/a.json" "$WORK/back.json" <<'PY' || fail "$(basename "$root") through $f"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
fa = {c["purl"]: c for c in a["components"]}
fb = {c["purl"]: c for c in b["components"]}
assert fa.keys() == fb.keys(), (len(fa), len(fb))
for k, x in fa.items():
    for field in ("id", "name", "version", "licenseDeclared", "licenseConcluded", "supplier", "hashes", "arch",
                  "sourceName", "sourceVersion", "locations"):
        assert x[field] == fb[k][field], (k, field, x[field], fb[k][field])
rel = lambda d: {(r["from"], r["to"], r["type"]) for r in d["relationships"]}
assert rel(a) == rel(b)
assert a["metadata"]["distro"]["id"] == b["metadata"]["distro"]["id"]
assert a["metadata"]["distro"]["versionId"] == b["metadata"]["distro"]["versionId"]
PY
  done
  echo "ok: $(basename "$root") ($(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["components"]))' "$WORK/a.json") components) survives every format"
done
