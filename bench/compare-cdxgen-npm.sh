#!/bin/bash
# kaiyuan beside cdxgen (../shared/peers/README.md) on installed node_modules trees: CycloneDX
# output, hyperfine medians in one run, npm packages found by each and the difference.
# Usage: bench/compare-cdxgen-npm.sh KAIYUAN DIR...   (each DIR holds package.json + node_modules,
# without a lockfile, so that both tools read the installed tree)
set -euo pipefail
K=${1:?usage: compare-cdxgen-npm.sh KAIYUAN DIR...}; shift
CDXGEN=${CDXGEN:-$(command -v cdxgen || echo "$HOME/.cache/kaiyuan-peers/bin/cdxgen")}
[ -x "$CDXGEN" ] || { echo "cdxgen not found: run ../shared/peers/install.sh" >&2; exit 77; }
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
export HOME_CDX="$W/cdxhome"
echo "| tree | files | kaiyuan, every cataloger (ms) | kaiyuan --catalogers 'npm-*' (ms) | cdxgen -t js (ms) | cdxgen / kaiyuan (all, npm) | kaiyuan npm packages | cdxgen npm packages | only kaiyuan | only cdxgen |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for d in "$@"; do
  files=$(find "$d" -type f | wc -l)
  hyperfine -N -w 1 -r 5 --export-json "$W/h.json" \
    "$K scan $d -f cyclonedx-json -o $W/k.json -q" \
    "$K scan $d --catalogers npm-* -f cyclonedx-json -o $W/kn.json -q" \
    "env HOME=$HOME_CDX FETCH_LICENSE=false CDXGEN_FETCH_PKG_METADATA=false $CDXGEN -t js --no-install-deps -o $W/c.json $d" >/dev/null 2>&1
  python3 - "$W/h.json" "$W/k.json" "$W/c.json" "$(basename "$d")" "$files" <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))["results"]
k, kn, c = (r["median"] * 1000 for r in h)
def purls(f):
    return {x["purl"].split("?")[0] for x in json.load(open(f)).get("components", [])
            if x.get("purl", "").startswith("pkg:npm/")}
pk, pc = purls(sys.argv[2]), purls(sys.argv[3])
only_k = sorted(pk - pc)
only_c = sorted(pc - pk)
print(f"| {sys.argv[4]} | {sys.argv[5]} | {k:.1f} | {kn:.1f} | {c:.1f} | {c / k:.1f}x, {c / kn:.1f}x | {len(pk)} | {len(pc)} | "
      f"{len(only_k)} {only_k[:3]} | {len(only_c)} {only_c[:3]} |")
PY
done
