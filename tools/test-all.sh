#!/bin/bash
# Everything CI checks, in order: release build with warnings as errors and every test (unit and
# end-to-end), the tests again under ASan/UBSan, clang-format, the capability list, every fuzz
# target for a bounded time, `cmake --install` and the .deb package. Two builds in all: release
# (g++) and asan (clang), which holds both the sanitized tests and the libFuzzer targets.
# Usage: tools/test-all.sh   (FUZZ_SECONDS=12 per fuzz target by default; two run at a time)
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_SECONDS=${FUZZ_SECONDS:-12}
JOBS=$(nproc)
step() { echo; echo "==> $*" >&2; }

step "PostgreSQL for the store's tests"
# A private server on a Unix socket (tools/start-postgres.sh); the store's conformance suite and
# the server's end-to-end tests run against it as well as SQLite.
if KAIYUAN_TEST_POSTGRES=$(tools/start-postgres.sh); then
  export KAIYUAN_TEST_POSTGRES
  trap 'tools/start-postgres.sh stop' EXIT
  echo "PostgreSQL at $KAIYUAN_TEST_POSTGRES" >&2
else
  echo "warning: PostgreSQL could not be started: its tests skip" >&2
fi

step "release build"
cmake --preset release >/dev/null
cmake --build --preset release -j "$JOBS"
step "tests (release)"
ctest --preset release -j "$JOBS"

step "ASan/UBSan build (clang: tests and fuzz targets) and tests"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$JOBS"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --preset asan -j "$JOBS"

step "clang-format"
files=$(git ls-files '*.cpp' '*.hpp')
clang-format --dry-run --Werror $files

step "capabilities.md is current"
./build/release/src/kaiyuan/cli/kaiyuan capabilities > /tmp/kaiyuan-capabilities.md
diff -u docs/capabilities.md /tmp/kaiyuan-capabilities.md || { echo "docs/capabilities.md is stale: run 'kaiyuan capabilities > docs/capabilities.md'" >&2; exit 1; }

step "fuzz targets (${FUZZ_SECONDS}s each, from the asan build)"
tools/run-fuzzers.sh "$FUZZ_SECONDS" build/asan

step "install and package"
rm -rf build/stage
cmake --install build/release --prefix build/stage/usr >/dev/null
build/stage/usr/bin/kaiyuan --version
(cd build/release && cpack -G DEB >/dev/null && ls -1 ./*.deb)
echo; echo "all checks passed" >&2
