#!/bin/bash
# kaiyuan review judged: vulnerabilities introduced, fixed and still present (an advisory
# database built here from OSV records written for the test), a policy in
# dependency-review-action's own configuration format plus kaiyuan's keys, exit codes, the
# Markdown, SARIF and GitHub outputs; and a packaging change of an openEuler package repository
# (zlib's spec at two real revisions).
source "$(dirname "$0")/lib.sh"
need git python3 gzip
DATA="$HERE/../review/testdata"
cd "$WORK"
for c in dra-fast-xml-parser zlib-cve zlib-upgrade; do
  mkdir -p "$c/base" && cp -r "$DATA/$c/base/." "$c/base/" && find "$c/base" -name '*.gz' -exec gunzip {} +
  cp -r "$c/base" "$c/head" && (cd "$c/head" && git apply "$DATA/$c/change.diff") || fail "$c: patch"
done

# Advisories: one the change fixes (fast-xml-parser before 5.3.4), one it introduces (a package
# it adds), one that stays (a package it does not touch), and zlib's CVE-2018-25032 as an
# openEuler advisory fixed in 1.2.11-20.
osv() { # id package ecosystem fixed [introduced] [severity-vector]
  cat > "adv/$1.json" <<JSON
{"id": "$1", "modified": "2026-01-01T00:00:00Z", "aliases": ["CVE-$1"], "summary": "test advisory $1",
 "severity": [{"type": "CVSS_V3", "score": "${6:-CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N}"}],
 "affected": [{"package": {"ecosystem": "$3", "name": "$2"},
   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "${5:-0}"}, {"fixed": "$4"}]}]}]}
JSON
}
mkdir adv
osv TEST-FIXED fast-xml-parser npm 5.3.4
osv TEST-NEW @esbuild/linux-x64 npm 0.25.1
osv TEST-STAYS yaml npm 9.0.0 0 "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N"
cat > adv/OESA-TEST.json <<'JSON'
{"id": "OESA-TEST", "modified": "2026-01-01T00:00:00Z", "aliases": ["CVE-2018-25032"],
 "summary": "zlib: memory corruption when compressing if the input has many distant matches",
 "affected": [{"package": {"ecosystem": "openEuler:22.03-LTS", "name": "zlib"},
   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.2.11-20"}]}]}]}
JSON
# The same CVE as an advisory with upstream's range (fixed in 1.2.12): zlib 1.2.11-20 is affected by
# version, but its spec applies backport-0001-CVE-2018-25032.patch.
cat > adv/UPSTREAM-TEST.json <<'JSON'
{"id": "UPSTREAM-TEST", "modified": "2026-01-01T00:00:00Z", "aliases": ["CVE-2018-25032"],
 "summary": "zlib before 1.2.12 allows memory corruption when deflating",
 "affected": [{"package": {"ecosystem": "openEuler", "name": "zlib"},
   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.2.12-1"}]}]}]}
JSON
"$KAIYUAN" db import --db db.sqlite adv >/dev/null 2>import.err || fail "db import: $(cat import.err)"

review() { # expected-exit args... ; output in out.*
  local want=$1
  shift
  set +e
  "$KAIYUAN" review "$@" --db db.sqlite -q > out.txt 2> err.txt
  local rc=$?
  set -e
  [ "$rc" = "$want" ] || { cat err.txt >&2; fail "review $*: exit $rc, expected $want"; }
}
check() { # python assertion over the JSON in out.txt
  python3 -c "
import json, sys
d = json.load(open('out.txt'))
ids = lambda k: sorted(v['id'] for v in d['vulnerabilities'][k])
rules = sorted(v['rule'] + ':' + v['level'] for v in d['violations'])
assert $1, (sys.argv[1], d['vulnerabilities'] if 'vulnerabilities' in d else d, d.get('violations'))" "$1" ||
    fail "$1"
}

c=dra-fast-xml-parser
# With no policy: dependency-review-action's defaults, which fail on vulnerabilities the change
# brings into runtime dependencies; the new package here (esbuild's) is a development one.
review 0 $c/base $c/head -f json
check "ids('introduced') == ['TEST-NEW'] and ids('fixed') == ['TEST-FIXED'] and ids('present') == ['TEST-STAYS']"
check "d['vulnerabilities']['introduced'][0]['fixed'] == ['0.25.1'] and d['vulnerabilities']['introduced'][0]['severity'] == 'high'"
check "d['vulnerabilities']['introduced'][0]['component']['scope'] == 'development' and rules == []"
printf 'fail-on-scopes: [runtime, development]\n' > scopes.yml
review 1 $c/base $c/head -f json --policy scopes.yml
check "rules == ['vulnerability:error'] and d['summary']['result'] == 'fail'"
echo "ok: introduced, fixed and still present; fail-on-scopes decides which fail"

# dependency-review-action's configuration file, unchanged.
cat > dra.yml <<'YAML'
fail-on-severity: critical
fail-on-scopes: runtime, development
allow-licenses:
  - MIT
  - Apache-2.0
  - ISC
  - BSD-2-Clause
  - BSD-3-Clause
comment-summary-in-pr: always
YAML
review 0 $c/base $c/head -f json --policy dra.yml
check "rules == []"
echo "ok: dependency-review-action's config: a high finding passes fail-on-severity: critical"

cat > allow.yml <<'YAML'
fail-on-scopes: [runtime, development]
allow-advisories:
  - id: CVE-TEST-NEW
    reason: esbuild runs at build time only
    expires: 2999-01-01
YAML
review 0 $c/base $c/head -f json --policy allow.yml
check "d['vulnerabilities']['introduced'][0]['allowed'] == 'esbuild runs at build time only'"
sed -i 's/2999-01-01/2001-01-01/' allow.yml
review 1 $c/base $c/head -f json --policy allow.yml
check "'expired' in d['violations'][0]['message']"
echo "ok: allow-advisories by alias, with a reason; an expired allowance fails"

cat > deny.yml <<'YAML'
vulnerability-check: false
fail-on-scopes: [runtime, development]
deny-packages: ["pkg:npm/fast-xml-parser@vers:npm/>=5.3.5|<6.0.0"]
deny-groups: [pkg:npm/@esbuild]
deny-licenses: [MIT]
YAML
review 1 $c/base $c/head -f json --policy deny.yml
check "'denied-package:error' in rules and 'license:error' in rules and not any(r.startswith('vulnerability') for r in rules)"
check "any(v['rule'] == 'denied-package' and 'fast-xml-parser' in v['message'] for v in d['violations'])"
check "sum(v['rule'] == 'denied-package' and '@esbuild' in v['message'] for v in d['violations']) == 24"
printf 'warn-only: true\nfail-on-scopes: [development]\ndeny-licenses: [MIT]\n' > warn.yml
review 0 $c/base $c/head -f json --policy warn.yml
check "rules and all(r.endswith(':warning') for r in rules)"
echo "ok: deny-packages with a vers range, deny-groups, deny-licenses, warn-only"

# Bad policies: exit 2, naming file and line.
printf 'fail-on-severity: high\nallow-licenses: [MIT, Nonsense-License-9]\n' > bad.yml
review 2 $c/base $c/head --policy bad.yml
grep -q 'bad.yml:2:.*Nonsense-License-9' err.txt || fail "bad license: $(cat err.txt)"
printf 'fail-on-severity: urgent\n' > bad.yml
review 2 $c/base $c/head --policy bad.yml
grep -q 'bad.yml:1:.*fail-on-severity' err.txt || fail "bad severity: $(cat err.txt)"
printf 'allow-advisories:\n  - id: X\n    expires: tomorrow\n' > bad.yml
review 2 $c/base $c/head --policy bad.yml
grep -q 'bad.yml:3:.*YYYY-MM-DD' err.txt || fail "bad date: $(cat err.txt)"
printf 'fail-on-sevrity: high\n' > bad.yml
review 2 $c/base $c/head --policy bad.yml
grep -q "bad.yml:1:.*unknown key 'fail-on-sevrity'" err.txt || fail "unknown key: $(cat err.txt)"
echo "ok: malformed policies are exit 2 with file and line"

# The other outputs.
review 1 $c/base $c/head -f sarif --policy scopes.yml
python3 -c '
import json
d = json.load(open("out.txt"))
r = d["runs"][0]["results"]
assert d["version"] == "2.1.0" and len(r) == 1 and r[0]["ruleId"] == "TEST-NEW", r
loc = r[0]["locations"][0]["physicalLocation"]
assert loc["artifactLocation"]["uri"] == "package-lock.json" and loc["region"]["startLine"] > 1, loc
line = open("'$c'/head/package-lock.json").read().split("\n")[loc["region"]["startLine"] - 1]
assert "node_modules/@esbuild/linux-x64" in line, line' || fail "sarif does not point at the lockfile line"
review 1 $c/base $c/head -f github --policy scopes.yml
grep -q '^::error file=package-lock.json,line=[0-9]*,title=kaiyuan review%3A vulnerability::introduces TEST-NEW' out.txt ||
  fail "github annotation: $(cat out.txt)"
grep -q '^::notice title=kaiyuan review::fail' out.txt || fail "github notice"
review 1 $c/base $c/head -f markdown --policy scopes.yml
head -1 out.txt | grep -q '^### kaiyuan review: fail: 1 violation' || fail "markdown verdict: $(head -1 out.txt)"
grep -q '<details><summary>Added packages (24)</summary>' out.txt || fail "markdown: added packages folded"
echo "ok: SARIF at the lockfile line, GitHub annotations, a Markdown comment"

# A packaging change of an openEuler package repository: zlib's spec, backporting the fix.
review 0 zlib-cve/base zlib-cve/head -f json
check "ids('fixed') == ['OESA-TEST'] and ids('introduced') == [] and ids('present') == ['UPSTREAM-TEST']"
check "d['vulnerabilities']['present'][0]['patched_by'] == 'backport-0001-CVE-2018-25032.patch'"
python3 -c '
import json
d = json.load(open("out.txt"))
src = [c for c in d["changed"] if c["to"].get("arch") == "src"][0]
assert src["name"] == "zlib" and src["from"]["version"] == "1.2.11-19" and src["to"]["version"] == "1.2.11-20", src
assert src["to"]["cves"] == ["CVE-2018-25032"], src["to"]
patches = sorted(e["name"] for e in d["added"] if e["ecosystem"] == "rpm-patch")
assert patches == ["backport-0001-CVE-2018-25032.patch", "backport-0002-CVE-2018-25032.patch"], patches
assert all(e["cves"] == ["CVE-2018-25032"] for e in d["added"]), d["added"]' || fail "zlib-cve"
review 0 zlib-upgrade/base zlib-upgrade/head -f json
python3 -c '
import json
d = json.load(open("out.txt"))
src = [c for c in d["changed"] if c["to"].get("arch") == "src"][0]
assert src["kinds"] == ["upgraded"] and src["to"]["version"] == "1.2.12-1", src
tar = [c for c in d["changed"] if c["ecosystem"] == "rpm-source"][0]
assert tar["from"]["name"] == "zlib-1.2.11.tar.xz" and tar["to"]["name"] == "zlib-1.2.12.tar.gz", tar
assert "source-changed" in tar["kinds"], tar
assert sorted(e["name"] for e in d["removed"]) == ["backport-0001-CVE-2018-25032.patch", "backport-0002-CVE-2018-25032.patch"]
assert not d["added"], d["added"]
assert [v["id"] for v in d["vulnerabilities"]["fixed"]] == ["UPSTREAM-TEST"], d["vulnerabilities"]' || fail "zlib-upgrade"
echo "ok: zlib spec changes: release bump with backported CVE patches (the upstream advisory marked patched), then an upgrade that fixes it and drops them"
