#!/bin/bash
# kaiyuan beside trivy (the build shipped in cdxgen's plugins, ../shared/peers/README.md) on the
# make-fixtures roots: CycloneDX output, hyperfine medians in one run, packages found.
# Usage: bench/compare-trivy.sh KAIYUAN [FIXTURES_DIR]
set -euo pipefail
K=${1:?usage: compare-trivy.sh KAIYUAN [FIXTURES_DIR]}
F=${2:-$HOME/.cache/kaiyuan-fixtures}
TRIVY=${TRIVY:-$(command -v trivy-cdxgen || echo "$HOME/.cache/kaiyuan-peers/bin/trivy-cdxgen")}
[ -x "$TRIVY" ] || { echo "trivy-cdxgen not found: run ../shared/peers/install.sh" >&2; exit 77; }
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
echo "| root | kaiyuan median (ms) | trivy median (ms) | trivy / kaiyuan | kaiyuan packages | trivy packages |"
echo "|---|---|---|---|---|---|"
for r in rootfs-debian rootfs-debian-big rootfs-rpm-sqlite rootfs-rpm-bdb; do
  [ -d "$F/$r" ] || continue
  hyperfine -N -w 2 -r 10 --export-json "$W/h.json" \
    "$K scan $F/$r -f cyclonedx-json -o $W/k.json -q" \
    "$TRIVY rootfs -q --format cyclonedx -o $W/t.json $F/$r" >/dev/null 2>&1
  python3 - "$W/h.json" "$W/k.json" "$W/t.json" "$r" <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))["results"]
k, t = (r["median"] * 1000 for r in h)
count = lambda f: sum(1 for c in json.load(open(f)).get("components", []) if c.get("purl", "").startswith("pkg:"))
print(f"| {sys.argv[4]} | {k:.1f} | {t:.1f} | {t / k:.1f}x | {count(sys.argv[2])} | {count(sys.argv[3])} |")
PY
done
