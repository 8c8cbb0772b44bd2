#!/bin/bash
# Installs what kaiyuan needs to build and test on Debian 12, from Debian's packages only.
# Run as root (or with sudo). Nothing is downloaded at configure or build time.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
PKGS=(build-essential cmake ninja-build git
      libsimdjson-dev nlohmann-json3-dev libpugixml-dev libcli11-dev
      libarchive-dev libsqlite3-dev libssl-dev zlib1g-dev libzstd-dev liblzma-dev
      libyaml-cpp-dev libtomlplusplus-dev libcurl4-openssl-dev libgit2-dev pkg-config
      libgtest-dev libgmock-dev libbenchmark-dev
      libpq-dev libcpp-httplib-dev libsodium-dev libre2-dev libp11-kit-dev)
TEST_PKGS=(clang clang-format libclang-rt-14-dev postgresql-15 curl
           python3 python3-jsonschema python3-rpm libxml2-utils rpm dpkg-dev zstd xz-utils sqlite3 db5.3-util file
           golang-go python3-packaging ruby default-jre-headless libmaven3-core-java
           golang-github-knqyf263-go-apk-version-dev php-cli php-composer-semver
           chromium fonts-wqy-microhei
           softhsm2 opensc p11-kit-modules python3-securesystemslib in-toto wrk)
want=("${PKGS[@]}")
[ "${1:-}" = "--test" ] && want+=("${TEST_PKGS[@]}")
missing=()
for p in "${want[@]}"; do dpkg-query -W -f '${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Data from the npm registry (never downloaded at configure or build time): the CycloneDX JSON
# schemas of each release, which the build embeds for `kaiyuan sbom validate`. Node.js and npm
# come from Debian when missing. A machine without them still builds; validate then says it has
# no schemas.
no_schemas() { echo "warning: $1; kaiyuan builds without the CycloneDX schemas (sbom validate says so)" >&2; }
if ! command -v npm >/dev/null; then
  echo "installing: nodejs npm" >&2
  { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null; } ||
    no_schemas "nodejs and npm could not be installed"
fi
HERE=$(cd "$(dirname "$0")/.." && pwd)
if command -v npm >/dev/null &&
   [ ! -f "$HERE/data/cyclonedx-schemas/node_modules/@cyclonedx/cyclonedx-library/res/schema/bom-1.7.SNAPSHOT.schema.json" ]; then
  (cd "$HERE/data/cyclonedx-schemas" && npm ci --ignore-scripts --omit=peer --no-audit --no-fund --loglevel=error) >&2 ||
    no_schemas "npm ci in data/cyclonedx-schemas failed"
fi

# The web UI's front-end packages (web/package-lock.json): TypeScript, Vite, Preact, uPlot, and
# for the browser tests playwright-core and axe-core. The build embeds the UI it makes from them;
# without them, configure with -DKAIYUAN_WEB_UI=OFF.
if command -v npm >/dev/null && [ ! -x "$HERE/web/node_modules/.bin/vite" ]; then
  (cd "$HERE/web" && npm ci --no-audit --no-fund --loglevel=error) >&2 ||
    echo "warning: npm ci in web/ failed; build with -DKAIYUAN_WEB_UI=OFF (no web UI)" >&2
fi

# Test-only: sigstore-js, the Sigstore project's JavaScript verifier, which the end-to-end tests
# run on kaiyuan's bundles (tests/e2e/sigstore/package-lock.json).
if [ "${1:-}" = "--test" ] && command -v npm >/dev/null &&
   [ ! -d "$HERE/tests/e2e/sigstore/node_modules/@sigstore/verify" ]; then
  (cd "$HERE/tests/e2e/sigstore" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >&2 ||
    echo "warning: npm ci in tests/e2e/sigstore failed; the sigstore-js check skips" >&2
fi
