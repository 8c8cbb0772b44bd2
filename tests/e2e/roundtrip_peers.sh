#!/bin/bash
# Other tools' SBOMs (trivy and cdxgen CycloneDX, cdxgen SPDX 3; tests/format/testdata) converted
# by kaiyuan into every format and back keep what they said: bom-refs, groups, versions, purls,
# scopes, hashes, licenses, every property (repeats too), external references, evidence, the
# operating-system component and the dependency graph, metadata.component's reference.
source "$(dirname "$0")/lib.sh"
need python3
DATA="$HERE/../format/testdata"
compare() { python3 "$HERE/cdx_compare.py" "$@"; }
for doc in trivy-0.74-rootfs-rpm.cdx.json cdxgen-12.8-axios.cdx.json; do
  for f in cyclonedx-json cyclonedx-xml spdx-json spdx-tv spdx3-json json; do
    "$KAIYUAN" sbom convert "$DATA/$doc" -f "$f" -o "$WORK/rt.$f" -q
    "$KAIYUAN" sbom convert "$WORK/rt.$f" -f cyclonedx-json -o "$WORK/back.json" -q
    # CycloneDX XML carries no evidence (its XML shape is not modelled): convert says so.
    extra=(); [ "$f" = cyclonedx-xml ] && extra=(--no-evidence)
    compare "$DATA/$doc" "$WORK/back.json" "${extra[@]}" || fail "$doc through $f"
  done
  echo "ok: $doc survives every format"
done
# cdxgen's SPDX 3 says what its CycloneDX says (in its CycloneDX properties extension): read
# either, kaiyuan gives the same components.
"$KAIYUAN" sbom convert "$DATA/cdxgen-12.8-axios.spdx3.json" -f cyclonedx-json -o "$WORK/from-spdx3.json" -q
python3 - "$DATA/cdxgen-12.8-axios.cdx.json" "$WORK/from-spdx3.json" <<'PY' || fail "cdxgen SPDX 3 and CycloneDX disagree"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
ca = {c["bom-ref"]: c for c in a["components"]}
cb = {c["bom-ref"]: c for c in b["components"]}
assert set(ca) <= set(cb), set(ca) - set(cb)
for ref, x in ca.items():
    y = cb[ref]
    for f in ("name", "group", "version", "purl", "scope", "evidence"):
        assert (x.get(f) or "") == (y.get(f) or ""), (ref, f, x.get(f), y.get(f))
    px = [(p["name"], p["value"]) for p in x.get("properties", [])]
    py = [(p["name"], p["value"]) for p in y.get("properties", []) if not p["name"].startswith("kaiyuan:")]
    assert px == py, (ref, px, py)
PY
echo "ok: cdxgen's SPDX 3 reads as its CycloneDX does"
