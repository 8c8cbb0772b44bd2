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

status=0
for bin in "$BUILD"/fuzz/*_fuzz; do
  name=$(basename "$bin" _fuzz)
  mkdir -p "$work/$name"
  [ -d "$HERE/fuzz/corpus/$name" ] && cp -r "$HERE/fuzz/corpus/$name/." "$work/$name/"
  [ -d "$seeds/$name" ] && cp -r "$seeds/$name/." "$work/$name/"
  echo "fuzz: $name for ${SECONDS_EACH}s" >&2
  if ! "$bin" -max_total_time="$SECONDS_EACH" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
       -artifact_prefix="$work/$name-" "$work/$name" > "$work/$name.log" 2>&1; then
    echo "fuzz: $name FAILED" >&2
    tail -40 "$work/$name.log" >&2
    mkdir -p "$HERE/build/fuzz-artifacts" && cp "$work/$name-"* "$HERE/build/fuzz-artifacts/" 2>/dev/null || true
    status=1
  else
    grep -E '^#[0-9]+.*(DONE|pulse)' "$work/$name.log" | tail -1 >&2 || true
  fi
done
exit $status
