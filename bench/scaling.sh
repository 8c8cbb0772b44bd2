#!/bin/bash
# Time and peak memory of `kaiyuan scan -f cyclonedx-json` on synthetic rpmdb and dpkg roots of
# growing size (bench/make_synthetic.py); prints a markdown table. Usage: bench/scaling.sh KAIYUAN [SIZES...]
set -euo pipefail
K=${1:?usage: scaling.sh KAIYUAN [SIZES...]}; shift
SIZES=${*:-1000 2500 5000 10000 20000}
HERE=$(cd "$(dirname "$0")" && pwd)
W=${BENCH_WORK:-/tmp/kaiyuan-bench}
mkdir -p "$W"
echo "| root | packages | median wall (s) | peak RSS (MB) |"
echo "|---|---|---|---|"
for n in $SIZES; do
  [ -d "$W/rpm-$n" ] || python3 "$HERE/make_synthetic.py" "$W" "$n" >/dev/null
  for kind in rpm deb; do
    times=()
    for run in 1 2 3 4 5; do
      /usr/bin/time -f "%e %M" -o "$W/time" "$K" scan "$W/$kind-$n" -f cyclonedx-json -o "$W/out.json" -q
      times+=("$(cat "$W/time")")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v k="$kind" -v n="$n" 'NR==3 {printf "| %s | %d | %.3f | %.1f |\n", k, n, $1, $2/1024}'
  done
done
