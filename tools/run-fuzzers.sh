#!/bin/bash
# Runs every libFuzzer target of build/fuzz for a bounded time each, starting from the seed corpus
# in fuzz/corpus/<target>/ (copied, so the committed seeds stay as they are).
# Usage: tools/run-fuzzers.sh [SECONDS_PER_TARGET] [BUILD_DIR]
set -euo pipefail
SECONDS_EACH=${1:-30}
BUILD=${2:-build/fuzz}
HERE=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
status=0
for bin in "$BUILD"/fuzz/*_fuzz; do
  name=$(basename "$bin" _fuzz)
  mkdir -p "$work/$name"
  [ -d "$HERE/fuzz/corpus/$name" ] && cp -r "$HERE/fuzz/corpus/$name/." "$work/$name/"
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
