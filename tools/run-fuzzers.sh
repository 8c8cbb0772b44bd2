#!/bin/bash
# Runs every libFuzzer target of build/fuzz for a bounded time each, starting from the seed corpus
# in fuzz/corpus/<target>/ (copied, so the committed seeds stay as they are).
# Usage: tools/run-fuzzers.sh [SECONDS_PER_TARGET] [BUILD_DIR]
set -euo pipefail
SECONDS_EACH=${1:-30}
BUILD=${2:-build/fuzz}
HERE=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
# Binary formats get seeds made here by the real tools (never committed as blobs).
seeds="$work/seeds"; mkdir -p "$seeds/deb_file" "$seeds/archive" "$seeds/rpm_header"
if command -v dpkg-deb >/dev/null; then
  mkdir -p "$work/deb/DEBIAN" "$work/deb/usr/share/doc/seed"
  printf 'Package: seed\nVersion: 1:1.0-1\nArchitecture: all\nMaintainer: Seed <seed@example.invalid>\nDescription: seed\n' > "$work/deb/DEBIAN/control"
  echo seed > "$work/deb/usr/share/doc/seed/README"
  dpkg-deb --root-owner-group -Zgzip --build "$work/deb" "$seeds/deb_file/seed.deb" >/dev/null 2>&1 || true
  cp "$seeds/deb_file/seed.deb" "$seeds/archive/" 2>/dev/null || true
fi
mkdir -p "$work/tree/etc" && echo 'ID=debian' > "$work/tree/etc/os-release"
tar -C "$work/tree" -cf "$seeds/archive/seed.tar" . && tar -C "$work/tree" -czf "$seeds/archive/seed.tar.gz" .
if command -v rpmbuild >/dev/null; then
  mkdir -p "$work/rpm/SPECS"
  printf 'Name: seed\nVersion: 1.0\nRelease: 1\nSummary: seed\nLicense: MIT\nBuildArch: noarch\n%%description\nseed\n%%files\n' > "$work/rpm/SPECS/seed.spec"
  rpmbuild --quiet --define "_topdir $work/rpm" -bb "$work/rpm/SPECS/seed.spec" >/dev/null 2>&1 &&
    find "$work/rpm/RPMS" -name '*.rpm' -exec cp {} "$seeds/rpm_header/seed.rpm" \; || true
fi

# Real lockfiles from ../shared/data (when present) seed the language catalogers.
M="$HERE/../shared/data/manifests"
seed_from() { # target, files...
  local t=$1; shift; mkdir -p "$seeds/$t"
  for f in "$@"; do [ -f "$f" ] && head -c 65536 "$f" > "$seeds/$t/$(echo "$f" | tr / _)"; done; return 0
}
if [ -d "$M" ]; then
  seed_from python_requirements "$M"/python/flask/examples/celery/requirements.txt "$M"/python/pipenv/docs/requirements.txt
  seed_from python_poetry_lock "$M"/python/poetry/poetry.lock
  seed_from python_uv_lock "$M"/python/flask/uv.lock
  seed_from python_pipfile_lock "$M"/python/pipenv/examples/Pipfile.lock
  seed_from rust_cargo_lock "$M"/cargo/ripgrep/Cargo.lock
  seed_from go_mod "$M"/go/cobra/go.mod "$M"/go/gh-cli/go.mod
  seed_from java_pom "$M"/maven/gson/extras/pom.xml "$M"/maven/spring-petclinic/pom.xml
  seed_from java_gradle_lockfile "$M"/gradle/mercury/gradle.lockfile
  seed_from php_composer_lock "$M"/composer/composer/composer.lock
  seed_from ruby_gemfile_lock "$M"/rubygems/devise/Gemfile.lock
  seed_from cpp_conan_lock "$M"/conan/openstudio/conan.lock
  seed_from cpp_vcpkg_json "$M"/vcpkg/plotjuggler/vcpkg.json "$M"/vcpkg/vcpkg-registry/ports/grpc/vcpkg.json
  seed_from npm_pnpm_lock "$M"/npm/vue-core/pnpm-workspace.yaml
fi
# Real advisories seed the advisory readers: a spread of every source (every n-th file, so that
# large and small, old and new records are in), all of openEuler's CSAF and CVRF.
O="$HERE/../shared/data/osv"
spread() { # n, find arguments...: every n-th file of a sorted listing
  local n=$1; shift; find "$@" -type f | LC_ALL=C sort | awk -v n="$n" 'NR % n == 1'
}
if [ -d "$O" ]; then
  seed_from osv_json $(spread 80 "$O"/golang-vulndb -name '*.json') $(spread 20 "$O"/rustsec -name '*.json') \
    $(spread 20 "$O"/almalinux -name '*.json') $(find "$O"/openeuler/osv -name '*.json')
  seed_from osv_yaml $(spread 60 "$O"/pypa -name '*.yaml') $(spread 40 "$O"/oss-fuzz -name '*.yaml') \
    $(spread 20 "$O"/psf -name '*.yaml' 2>/dev/null)
  seed_from openeuler_csaf $(find "$O"/openeuler/csaf -name '*.json')
  seed_from openeuler_cvrf $(find "$O"/openeuler/cvrf -name '*.xml')
fi
# SBOMs of every format: other tools' (tests/format/testdata) and kaiyuan's own of the bundled
# examples, written by the release build when there is one.
seed_from sbom_read "$HERE"/tests/format/testdata/*.json
K="$HERE/build/release/src/kaiyuan/cli/kaiyuan"
if [ -x "$K" ]; then
  for f in json spdx-json spdx-tv spdx3-json cyclonedx-json cyclonedx-xml; do
    "$K" scan "$HERE/examples/polyglot-app" -f "$f" -q -o "$seeds/sbom_read/polyglot.$f" 2>/dev/null || true
    "$K" scan "$HERE/examples/debian-root" -f "$f" -q -o "$seeds/sbom_read/debian.$f" 2>/dev/null || true
  done
  mkdir -p "$seeds/vex"
  printf '{"id":"X-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"left-pad"},"versions":["1.0.0"]}]}' > "$work/adv.json"
  "$K" db import "$work/adv.json" --db "$work/adv.db" -q >/dev/null 2>&1 &&
  for f in openvex cyclonedx-json; do
    "$K" vuln "$HERE/examples/polyglot-app" --db "$work/adv.db" -f "$f" -q -o "$seeds/vex/polyglot.$f" 2>/dev/null || true
  done
fi
# License texts (SPDX's own list) seed the detector.
L="$HERE/../shared/data/spdx-license-list/text"
[ -d "$L" ] && seed_from license $(spread 25 "$L" -name '*.txt')

# Dictionaries: the grammar of the input's syntax and the names its schema uses.
dict_for() { # target -> dictionary files
  case "$1" in
    osv_json) echo json osv ;;
    osv_yaml) echo yaml osv ;;
    openeuler_csaf) echo json csaf ;;
    openeuler_cvrf) echo xml cvrf ;;
    sbom_read|vex) echo json xml sbom ;;
    server_request) echo http json sbom ;;
    java_pom) echo xml ;;
    npm_pnpm_lock|license_policy|identities|review_policy|upstream_info) echo yaml ;;
    forge_events) echo json ;;
    npm_package_lock|npm_installed|image_manifest|license_data|php_composer_lock|dotnet_*|cpp_vcpkg_json|cpp_conan_lock|python_pipfile_lock) echo json ;;
  esac
}
mkdir -p "$seeds/java_archive"
python3 - "$seeds/java_archive/seed.jar" <<'PY' || true
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nImplementation-Title: a\r\n\r\n")
    z.writestr("META-INF/maven/g/a/pom.properties", "groupId=g\nartifactId=a\nversion=1\n")
PY

# Executables: Go build information laid out by hand, and a real ELF with a cargo-auditable
# section added by objcopy.
mkdir -p "$seeds/go_binary" "$seeds/rust_cargo_auditable"
python3 - "$seeds" <<'PY' || true
import sys, zlib
def vs(b):
    n, out = len(b), b""
    while True:
        byte, n = n & 0x7F, n >> 7
        out += bytes([byte | (0x80 if n else 0)])
        if not n: return out + b
mod = b"S" * 16 + b"path\tx/cmd\nmod\tx\tv1.0.0\th1:a=\ndep\ty/z\tv0.1.0\th1:b=\n=>\tq/z\tv0.2.0\th1:c=\nbuild\tGOOS=linux\n" + b"E" * 16
head = b"\x7fELF" + b"\0" * 60 + b"\xff Go buildinf:" + b"\x08\x02" + b"\0" * 16
open(sys.argv[1] + "/go_binary/seed", "wb").write(head + vs(b"go1.22.1") + vs(mod) + b"\0" * 64)
json = b'{"packages":[{"name":"a","version":"1.0.0","source":"local","dependencies":[1],"root":true},{"name":"b","version":"2.0.0","source":"crates.io","kind":"build"}]}'
open(sys.argv[1] + "/dep-v0", "wb").write(zlib.compress(json))
PY
objcopy --add-section .dep-v0="$seeds/dep-v0" /bin/true "$seeds/rust_cargo_auditable/seed" 2>/dev/null || true

# Two targets at a time (the machine has two cores); each for SECONDS_EACH.
run_one() {
  local bin=$1 name; name=$(basename "$bin" _fuzz)
  mkdir -p "$work/$name"
  [ -d "$HERE/fuzz/corpus/$name" ] && cp -r "$HERE/fuzz/corpus/$name/." "$work/$name/"
  [ -d "$seeds/$name" ] && cp -r "$seeds/$name/." "$work/$name/"
  local dict=()
  for d in $(dict_for "$name"); do cat "$HERE/fuzz/dicts/$d.dict" >> "$work/$name.dict"; done
  [ -f "$work/$name.dict" ] && dict=(-dict="$work/$name.dict")
  if ! "$bin" -max_total_time="$SECONDS_EACH" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
       "${dict[@]}" -artifact_prefix="$work/$name-" "$work/$name" > "$work/$name.log" 2>&1; then
    echo "fuzz: $name FAILED" >&2
    tail -40 "$work/$name.log" >&2
    mkdir -p "$HERE/build/fuzz-artifacts" && cp "$work/$name-"* "$HERE/build/fuzz-artifacts/" 2>/dev/null || true
    return 1
  fi
  echo "fuzz: $name $(grep -E '^#[0-9]+.*(DONE|pulse)' "$work/$name.log" | tail -1)" >&2
  # Where the target ended, for the summary: a target whose coverage falls has stopped reaching
  # its parser.
  local last; last=$(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$work/$name.log" | tail -1)
  local cov ft corp seeds_n
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last"); ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
  seeds_n=$(ls "$work/$name" | wc -l)
  printf '%-28s %8s %8s %8s %8s\n' "$name" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$([ -f "$work/$name.dict" ] && echo yes || echo no)" > "$work/$name.summary"
}
status=0
pids=()
for bin in "$BUILD"/fuzz/*_fuzz; do
  run_one "$bin" & pids+=($!)
  if [ ${#pids[@]} -ge 2 ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p" || status=1; done
{
  echo
  printf '%-28s %8s %8s %8s %8s\n' "fuzz target" "cov" "ft" "corpus" "dict"
  cat "$work"/*.summary 2>/dev/null | LC_ALL=C sort
} >&2
exit $status
