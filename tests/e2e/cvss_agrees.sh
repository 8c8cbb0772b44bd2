#!/bin/bash
# `kaiyuan cvss --stdin` computes the same base scores as an independent implementation of FIRST's
# formulas (npm ae-cvss-calculator 1.0.13, through tools/cvss-oracle.js) on every CVSS vector of
# the advisories in ../shared/data/osv and on 40,000 random vectors: v3.0 and v3.1 base vectors,
# v4.0 base vectors and v4.0 vectors with threat and environmental metrics.
source "$(dirname "$0")/lib.sh"
need python3 node npm
python3 - "$SHARED" "$WORK/vectors.txt" <<'PY'
import glob, os, random, re, sys
shared, out = sys.argv[1:3]
random.seed(11)
vs = set()
for f in glob.glob(os.path.join(shared, "data/osv/**/*"), recursive=True):
    if os.path.isfile(f) and f.endswith((".json", ".yaml", ".xml")):
        for m in re.findall(r"CVSS:[34]\.[01]/[A-Za-z:/]+", open(f, errors="replace").read()):
            vs.add(m.rstrip("/"))
real = len(vs)
base4 = [("AV", "NALP"), ("AC", "LH"), ("AT", "NP"), ("PR", "NLH"), ("UI", "NPA"), ("VC", "HLN"),
         ("VI", "HLN"), ("VA", "HLN"), ("SC", "HLN"), ("SI", "HLN"), ("SA", "HLN")]
opt4 = [("E", "XAPU"), ("CR", "XHML"), ("IR", "XHML"), ("AR", "XHML"), ("MAV", "XNALP"),
        ("MAC", "XLH"), ("MAT", "XNP"), ("MPR", "XNLH"), ("MUI", "XNPA"), ("MVC", "XHLN"),
        ("MVI", "XHLN"), ("MVA", "XHLN"), ("MSC", "XHLN"), ("MSI", "XSHLN"), ("MSA", "XSHLN")]
for i in range(30000):
    v = "CVSS:4.0/" + "/".join(f"{k}:{random.choice(c)}" for k, c in base4)
    if i % 2:
        v += "".join(f"/{k}:{random.choice(c)}" for k, c in opt4 if random.random() < 0.5)
    vs.add(v)
base3 = [("AV", "NALP"), ("AC", "LH"), ("PR", "NLH"), ("UI", "NR"), ("S", "UC"), ("C", "HLN"),
         ("I", "HLN"), ("A", "HLN")]
for i in range(10000):
    vs.add(random.choice(["CVSS:3.1/", "CVSS:3.0/"]) +
           "/".join(f"{k}:{random.choice(c)}" for k, c in base3))
open(out, "w").write("\n".join(sorted(vs)) + "\n")
print(f"{real} vectors from the advisories, {len(vs)} in all")
PY
(cd "$WORK" && timeout 180 npm install --silent --no-audit --no-fund ae-cvss-calculator@1.0.13 >/dev/null 2>&1) ||
  skip "npm cannot install ae-cvss-calculator (no registry)"
(cd "$WORK" && NODE_PATH="$WORK/node_modules" node "$HERE/../../tools/cvss-oracle.js" < vectors.txt > want.txt)
"$KAIYUAN" cvss --stdin < "$WORK/vectors.txt" | sed 's/ .*//; s/^error:.*/error/' > "$WORK/got.txt"
if ! cmp -s "$WORK/want.txt" "$WORK/got.txt"; then
  paste "$WORK/vectors.txt" "$WORK/want.txt" "$WORK/got.txt" | awk -F'\t' '$2 != $3' | head -20 >&2
  fail "kaiyuan's CVSS scores differ from ae-cvss-calculator's"
fi
echo "ok: CVSS base scores agree on $(wc -l < "$WORK/vectors.txt") vectors"
