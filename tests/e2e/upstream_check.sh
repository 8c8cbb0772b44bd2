#!/bin/bash
# kaiyuan upstream check on a src-openeuler layout: the real zlib.spec of src-openeuler with
# openEuler-Advisor's real zlib.yaml, and a curl package whose upstream-info says git; both
# upstreams are repositories built here holding the projects' real tags
# (tests/upstream/testdata/*-tags.txt), reached through url.<base>.insteadOf as mirrors are.
# With a real openEuler advisory (curl, CVE-2022-43552) imported, the advisory the packaged curl
# has is reported fixed by the upgrade, and --fail-on fixes exits 1. An unreachable upstream is
# said for its package and the run goes on.
source "$(dirname "$0")/lib.sh"
need python3 git
cd "$WORK"
DATA="$HERE/../upstream/testdata"
export GIT_COMMITTER_NAME=c GIT_COMMITTER_EMAIL=c@x GIT_AUTHOR_NAME=a GIT_AUTHOR_EMAIL=a@x

replay_tags "$DATA/zlib-tags.txt" mirror/madler/zlib.git
replay_tags "$DATA/curl-tags.txt" mirror/curl/curl.git
printf '[url "%s/mirror/"]\n\tinsteadOf = https://github.com/\n' "$WORK" > gitconfig

mkdir -p pkgs/curl pkgs/gone
cp -r "$DATA/src-openeuler/zlib" pkgs/
printf 'Name: curl\nVersion: 7.71.1\nRelease: 19\nLicense: MIT\n' > pkgs/curl/curl.spec
cp "$DATA/upstream-info/curl.yaml" pkgs/curl/
printf 'Name: gone\nVersion: 1.0\nRelease: 1\n' > pkgs/gone/gone.spec
printf 'version_control: git\nsrc_repo: %s/nowhere\n' "$WORK" > pkgs/gone/gone.yaml

"$KAIYUAN" upstream check pkgs --upstream-info "$DATA/upstream-info" --git-config gitconfig \
  -f json -o out.json 2> err.txt || fail "check failed: $(cat err.txt)"
grep -q "gone: not checked: .*nowhere: cannot list its refs" err.txt || fail "unreachable: $(cat err.txt)"
python3 - out.json <<'PY' || fail "check output"
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
assert s["packages"] == 3 and s["behind"] == 2 and s["unchecked"] == 1, s
p = {x["name"]: x for x in d["packages"]}
z = p["zlib"]
assert z["standing"] == "behind" and z["newest"] == {"version": "1.3.1", "tag": "v1.3.1"}, z
assert z["newestInSeries"] == "1.2.13" and z["releasesBehind"] == 4, z
assert z["newer"] == ["1.2.12", "1.2.13", "1.3", "1.3.1"], z
c = p["curl"]
assert c["newest"]["tag"] == "curl-8_21_0" and c["newestInSeries"] == "7.71.1", c
assert c["address"] == "https://github.com/curl/curl.git", c
assert "advisories" not in c
assert p["gone"]["standing"] == "unchecked" and "nowhere" in p["gone"]["error"], p["gone"]
PY
echo "ok: behind, newest, newest in the series, unreachable said per package"

CVRF="$SHARED/data/osv/openeuler/cvrf/cvrf-openEuler-SA-2023-1006.xml"
[ -f "$CVRF" ] || skip "$CVRF absent (../shared/data not present)"
"$KAIYUAN" db import "$CVRF" --db adv.db -q > /dev/null
"$KAIYUAN" upstream check pkgs/curl pkgs/zlib --upstream-info "$DATA/upstream-info" \
  --git-config gitconfig --db adv.db --distro-release 20.03-LTS-SP3 --fail-on fixes \
  -f json -o fixes.json -q 2> /dev/null && r=0 || r=$?
[ "$r" = 1 ] || fail "--fail-on fixes must exit 1, not $r"
python3 - fixes.json <<'PY' || fail "advisories"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["summary"]["fixedByUpgrade"] == 1 and d["summary"]["behindWithFixingUpgrade"] == 1, d["summary"]
c = {x["name"]: x for x in d["packages"]}["curl"]
(a,) = c["advisories"]
assert a["fixedBy"] == "upgrade" and a["fixed"] == ["7.71.1-20.oe1"], a
assert "CVE-2022-43552" in a["aliases"] or a["id"] == "CVE-2022-43552", a
PY
"$KAIYUAN" upstream check pkgs/curl --upstream-info "$DATA/upstream-info" --git-config gitconfig \
  --db adv.db --distro-release 20.03-LTS-SP3 -f markdown -q > report.md
grep -q "^| curl | 7.71.1-19 | 8.21.0 | 7.71.1 |" report.md || fail "markdown: $(cat report.md)"
echo "ok: the advisory the upgrade fixes, --fail-on fixes, markdown"
