#!/bin/bash
# `kaiyuan version compare --stdin` agrees with the ecosystems' own comparators on real versions:
# rpm's (rpm.vercmp through rpm's embedded Lua, one process for all pairs) on the versions of
# the AlmaLinux and openEuler advisories in ../shared/data/osv, and dpkg's
# (`dpkg --compare-versions`) on the versions of the bundled Debian root and the make-fixtures
# roots; both also on hand-made edge cases (~, ^, epochs, leading zeros, letters against digits).
source "$(dirname "$0")/lib.sh"
need python3 rpm dpkg
python3 - "$SHARED" "$HERE/../../examples/debian-root" "$WORK" <<'PY'
import glob, json, os, random, sys
shared, debian_root, work = sys.argv[1:4]
random.seed(42)
edge = ["1.0", "1.0.0", "1.0~rc1", "1.0~~", "1.0~", "1.0^git1", "1.0^", "1:1.0", "0:1.0", "2:0.1",
        "1.0-1", "1.0-2", "1.0-1.1", "1.01", "1.001", "1.a", "1.A", "1a", "1.0+dfsg", "1.0+b1",
        "1.0.a", "1.0a", "a", "z", "1.0-0", "1.0-", "1..0", "1.0_1", "10", "9", "010", "1.0-1~bpo1",
        "2.36-9+deb12u4", "2.36-9", "1:2.0~rc1+dfsg-3", "7.88.1-10+deb12u5", "0.0", "0", "00"]
rpm_versions, deb_versions = set(edge), set(edge)
for f in glob.glob(os.path.join(shared, "data/osv/almalinux/advisories/*/*.json")) + \
         glob.glob(os.path.join(shared, "data/osv/openeuler/osv/*.json")):
    try:
        d = json.load(open(f))
    except Exception:
        continue
    for a in d.get("affected", []):
        for r in a.get("ranges", []):
            for e in r.get("events", []):
                for v in e.values():
                    if isinstance(v, str) and v != "0" and "\t" not in v:
                        rpm_versions.add(v)
statuses = [os.path.join(debian_root, "var/lib/dpkg/status")] + \
    glob.glob(os.path.expanduser("~/.cache/kaiyuan-fixtures/rootfs-debian*/var/lib/dpkg/status"))
for s in statuses:
    if os.path.exists(s):
        for line in open(s, errors="replace"):
            if line.startswith("Version: "):
                deb_versions.add(line[9:].strip())
def pairs(vs, n):
    vs = sorted(vs)
    out = [(a, b) for a in edge for b in edge]
    out += [(random.choice(vs), random.choice(vs)) for _ in range(n)]
    # neighbours in sorted order differ in small ways: the interesting cases
    out += list(zip(vs, vs[1:]))
    return out
for name, vs, n in (("rpm", rpm_versions, 20000), ("dpkg", deb_versions, 3000)):
    with open(os.path.join(work, name + ".pairs"), "w") as f:
        for a, b in pairs(vs, n):
            f.write(f"{a}\t{b}\n")
semver_edge = ["1.0.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
               "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0+build.1", "v1.0.0",
               "2.0.0-0", "2.0.0-1", "2.0.0-a", "2.0.0-a.1", "2.0.0-a.b", "1.10.0", "1.9.0",
               "0.0.0-20230101000000-abcdefabcdef", "v2.0.0+incompatible", "1.0", "01.0.0",
               "1.0.0-01", "1.0.0-", "1.0.0-alpha..1", "10.0.0-x-y-z.-"]
semver_versions = set(semver_edge)
for f in glob.glob(os.path.join(shared, "data/manifests/npm/*/package-lock.json")):
    for p in json.load(open(f)).get("packages", {}).values():
        if isinstance(p, dict) and isinstance(p.get("version"), str):
            semver_versions.add(p["version"])
with open(os.path.join(work, "semver.pairs"), "w") as f:
    vs = sorted(semver_versions)
    ps = [(a, b) for a in semver_edge for b in semver_edge]
    ps += [(random.choice(vs), random.choice(vs)) for _ in range(20000)] + list(zip(vs, vs[1:]))
    for a, b in ps:
        f.write(f"{a}\t{b}\n")
print(f"{len(rpm_versions)} rpm versions, {len(deb_versions)} dpkg versions, {len(semver_versions)} semver versions")
PY
# rpm: rpm.vercmp in one process.
rpm --eval "%{lua: for line in io.lines('$WORK/rpm.pairs') do local a, b = line:match('^(.*)\t(.*)$'); local c = rpm.vercmp(a, b); io.write((c < 0 and '<' or (c > 0 and '>' or '=')) .. '\n') end}" | sed '/^$/d' > "$WORK/rpm.want"
"$KAIYUAN" version compare openEuler:24.03-LTS --stdin < "$WORK/rpm.pairs" > "$WORK/rpm.got"
# dpkg: one call per pair (lt, then eq); exit status 2 is dpkg refusing a version.
while IFS=$'\t' read -r a b; do
  rc=0; dpkg --compare-versions "$a" lt "$b" 2>/dev/null || rc=$?
  if [ $rc -eq 2 ]; then echo "error"
  elif [ $rc -eq 0 ]; then echo "<"
  elif dpkg --compare-versions "$a" eq "$b" 2>/dev/null; then echo "="
  else echo ">"; fi
done < "$WORK/dpkg.pairs" > "$WORK/dpkg.want"
"$KAIYUAN" version compare Debian:12 --stdin < "$WORK/dpkg.pairs" | sed 's/^error: .*/error/' > "$WORK/dpkg.got"
# node-semver, when npm can fetch it.
checks="rpm dpkg"
if command -v node >/dev/null && command -v npm >/dev/null &&
   (cd "$WORK" && timeout 120 npm install --silent --no-audit --no-fund semver@7.6.3 >/dev/null 2>&1); then
  (cd "$WORK" && node -e '
const semver = require("semver"); const fs = require("fs");
const out = [];
for (const line of fs.readFileSync("semver.pairs", "utf8").split("\n")) {
  if (!line) continue;
  const [a, b] = line.split("\t");
  try { const c = semver.compare(a, b); out.push(c < 0 ? "<" : c > 0 ? ">" : "="); }
  catch (e) { out.push("error"); }
}
fs.writeFileSync("semver.want", out.join("\n") + "\n");')
  "$KAIYUAN" version compare npm --stdin < "$WORK/semver.pairs" | sed 's/^error: .*/error/' > "$WORK/semver.got"
  checks="$checks semver"
else
  echo "note: node-semver unavailable (no node/npm or no registry); SemVer not checked against it"
fi
for s in $checks; do
  n=$(wc -l < "$WORK/$s.pairs")
  refused=$(grep -c '^error' "$WORK/$s.want" || true)
  if ! cmp -s "$WORK/$s.want" "$WORK/$s.got"; then
    paste "$WORK/$s.pairs" "$WORK/$s.want" "$WORK/$s.got" | awk -F'\t' '$3 != $4' | head -20 >&2
    fail "$s: kaiyuan disagrees with the $s tool"
  fi
  echo "ok: $s agrees on $n pairs ($refused with a version $s refuses)"
done
