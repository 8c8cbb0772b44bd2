#!/bin/bash
# Every output format validates against its official schema: CycloneDX 1.6 JSON and SPDX 2.3 JSON
# (python3-jsonschema), SPDX 3.0.1 JSON-LD (on a small document: Debian's jsonschema needs about
# a minute per 20 packages for that schema), CycloneDX 1.6 XML (xmllint with the XSD that the npm
# package @cyclonedx/cyclonedx-library ships). `kaiyuan sbom validate` accepts them all.
source "$(dirname "$0")/lib.sh"
need python3
SCHEMAS="$SHARED/data/schemas"
[ -f "$SCHEMAS/bom-1.6.schema.json" ] || skip "../shared/data/schemas is absent"
python3 -c 'import jsonschema' 2>/dev/null || skip "python3-jsonschema is not installed"

# A root whose metadata exercises the writers: epochs, '+' and '~' in versions, UTF-8 and
# control characters in descriptions, licenses that become LicenseRefs, a WITH exception.
ROOT="$WORK/root"
mkdir -p "$ROOT/etc" "$ROOT/var/lib/dpkg/info" "$ROOT/usr/share/doc/libcafé1" "$ROOT/usr/share/doc/tool"
printf 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n' > "$ROOT/etc/os-release"
cat > "$ROOT/var/lib/dpkg/status" <<'STATUS'
Package: libcafé1
Status: install ok installed
Version: 1:2.0~rc1+dfsg-3
Architecture: amd64
Maintainer: Zoë Müller <zoe@example.invalid>
Source: café (1:2.0~rc1+dfsg-3)
Description: a library with a non-ASCII name 开源
Homepage: https://example.invalid/café

Package: tool
Status: install ok installed
Version: 5
Architecture: amd64
Maintainer: Tool Team
Depends: libcafé1 (>= 1:2.0)
Description: a tool	with a tab and a "quote" <and> &amp;
STATUS
printf 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nLicense: GPL-2+ with OpenSSL exception\n\nFiles: x/*\nLicense: Expat or public-domain\n' > "$ROOT/usr/share/doc/libcafé1/copyright"
printf 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nLicense: GPL-2+ with Autoconf exception\n' > "$ROOT/usr/share/doc/tool/copyright"

validate_json() { # kind file
  python3 "$HERE/validate_schema.py" "$SCHEMAS" "$1" "$2" || fail "$2 does not validate against the $1 schema"
  echo "ok: $(basename "$2") validates ($1)"
}
for f in cyclonedx-json spdx-json spdx3-json cyclonedx-xml spdx-tv json; do
  "$KAIYUAN" scan "$ROOT" -f "$f" -o "$WORK/small.$f" -q
done
validate_json cyclonedx "$WORK/small.cyclonedx-json"
validate_json spdx23 "$WORK/small.spdx-json"
validate_json spdx3 "$WORK/small.spdx3-json"
"$KAIYUAN" sbom validate "$WORK"/small.* || fail "kaiyuan sbom validate"

# The XSD comes from the npm registry (Apache-2.0 data); without it the XML check is reported, not faked.
XSD_DIR="${KAIYUAN_CDX_XSD_DIR:-$WORK/xsd}"
if [ ! -f "$XSD_DIR/bom-1.6.SNAPSHOT.xsd" ] && command -v npm >/dev/null; then
  mkdir -p "$WORK/npm" && (cd "$WORK/npm" && timeout 120 npm pack --silent @cyclonedx/cyclonedx-library@10.3.0 >/dev/null 2>&1 &&
    tar xzf cyclonedx-cyclonedx-library-10.3.0.tgz && mkdir -p "$XSD_DIR" && cp package/res/schema/*.xsd "$XSD_DIR/") || true
fi
validate_xml() {
  if [ -f "$XSD_DIR/bom-1.6.SNAPSHOT.xsd" ] && command -v xmllint >/dev/null; then
    xmllint --noout --schema "$XSD_DIR/bom-1.6.SNAPSHOT.xsd" "$1" 2>&1 | tail -3
    xmllint --noout --schema "$XSD_DIR/bom-1.6.SNAPSHOT.xsd" "$1" 2>/dev/null || fail "$1 does not validate against the CycloneDX 1.6 XSD"
  else
    echo "note: CycloneDX XSD unavailable (npm or xmllint missing); $1 not checked against it"
  fi
}
validate_xml "$WORK/small.cyclonedx-xml"

# Language ecosystems: the bundled polyglot example (scopes, graphs, hashes of many purl types),
# and the real lockfiles of ../shared/data/manifests in one scan.
POLY="$HERE/../../examples/polyglot-app"
"$KAIYUAN" scan "$POLY" -f cyclonedx-json -o "$WORK/poly.cdx.json" -q
"$KAIYUAN" scan "$POLY" -f spdx-json -o "$WORK/poly.spdx.json" -q
"$KAIYUAN" scan "$POLY" -f cyclonedx-xml -o "$WORK/poly.cdx.xml" -q
validate_json cyclonedx "$WORK/poly.cdx.json"
validate_json spdx23 "$WORK/poly.spdx.json"
validate_xml "$WORK/poly.cdx.xml"
if [ -d "$SHARED/data/manifests" ]; then
  "$KAIYUAN" scan "$SHARED/data/manifests/npm" -f cyclonedx-json -o "$WORK/npm.cdx.json" -q
  "$KAIYUAN" scan "$SHARED/data/manifests/python" -f spdx-json -o "$WORK/python.spdx.json" -q
  validate_json cyclonedx "$WORK/npm.cdx.json"
  validate_json spdx23 "$WORK/python.spdx.json"
fi

# The real 150-package Debian root from ../shared/peers/make-fixtures.sh, when it was built.
BIG="${KAIYUAN_FIXTURES:-$HOME/.cache/kaiyuan-fixtures}/rootfs-debian-big"
if [ -d "$BIG/var/lib/dpkg" ]; then
  "$KAIYUAN" scan "$BIG" -f cyclonedx-json -o "$WORK/big.cdx.json" -q
  "$KAIYUAN" scan "$BIG" -f spdx-json -o "$WORK/big.spdx.json" -q
  "$KAIYUAN" scan "$BIG" -f cyclonedx-xml -o "$WORK/big.cdx.xml" -q
  validate_json cyclonedx "$WORK/big.cdx.json"
  validate_json spdx23 "$WORK/big.spdx.json"
  validate_xml "$WORK/big.cdx.xml"
else
  echo "note: $BIG absent (../shared/peers/make-fixtures.sh builds it); only the small root was validated"
fi
