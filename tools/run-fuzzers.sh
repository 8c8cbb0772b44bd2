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
mkdir -p "$seeds/java_archive"
python3 - "$seeds/java_archive/seed.jar" <<'PY' || true
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nImplementation-Title: a\r\n\r\n")
    z.writestr("META-INF/maven/g/a/pom.properties", "groupId=g\nartifactId=a\nversion=1\n")
PY

# Two targets at a time (the machine has two cores); each for SECONDS_EACH.
run_one() {
  local bin=$1 name; name=$(basename "$bin" _fuzz)
  mkdir -p "$work/$name"
  [ -d "$HERE/fuzz/corpus/$name" ] && cp -r "$HERE/fuzz/corpus/$name/." "$work/$name/"
  [ -d "$seeds/$name" ] && cp -r "$seeds/$name/." "$work/$name/"
  if ! "$bin" -max_total_time="$SECONDS_EACH" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
       -artifact_prefix="$work/$name-" "$work/$name" > "$work/$name.log" 2>&1; then
    echo "fuzz: $name FAILED" >&2
    tail -40 "$work/$name.log" >&2
    mkdir -p "$HERE/build/fuzz-artifacts" && cp "$work/$name-"* "$HERE/build/fuzz-artifacts/" 2>/dev/null || true
    return 1
  fi
  echo "fuzz: $name $(grep -E '^#[0-9]+.*(DONE|pulse)' "$work/$name.log" | tail -1)" >&2
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
exit $status
