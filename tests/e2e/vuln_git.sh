#!/bin/bash
# GIT ranges end to end: a project made by git with a submodule, an OSV record whose GIT range
# names the submodule's commits (as OSS-Fuzz records do), then `kaiyuan vuln DIR` while the
# submodule is checked out at an affected commit, at the fix, and as an SBOM without history.
source "$(dirname "$0")/lib.sh"
need git python3
g() { git -c user.name=t -c user.email=t@example.org -c init.defaultBranch=main \
        -c protocol.file.allow=always "$@"; }
cd "$WORK"
g init -q lib && (cd lib && for i in 0 1 2 3 4; do echo $i > f$i; g add f$i; g commit -qm c$i; done)
c() { git -C "$WORK/lib" rev-parse "main~$1"; }
introduced=$(c 3) before=$(c 4) between=$(c 2) fixed=$(c 1) after=$(c 0)
g init -q app && (cd app && echo app > README && g add README && g commit -qm app &&
  g submodule -q add "$WORK/lib" deps/lib && g commit -qm lib)
# The submodule's remote is the local path; the advisory names it as OSS-Fuzz names GitHub.
git -C app/deps/lib remote set-url origin https://github.com/Example/lib.git
cat > osv.json <<JSON
{"id": "OSV-TEST-1", "modified": "2026-01-01T00:00:00Z", "summary": "heap overflow in lib",
 "affected": [{"package": {"ecosystem": "OSS-Fuzz", "name": "lib"},
   "ranges": [{"type": "GIT", "repo": "https://github.com/example/lib",
               "events": [{"introduced": "$introduced"}, {"fixed": "$fixed"}]}]}]}
JSON
"$KAIYUAN" db import --db db.sqlite osv.json >/dev/null 2>&1 || fail "import"

found() { # commit -> the advisories reported for the submodule checked out there
  git -C app/deps/lib checkout -q "$1"
  "$KAIYUAN" vuln app --db db.sqlite -f json -q | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(" ".join(sorted(f["id"] for f in d["findings"])))'
}
[ "$(found "$between")" = "OSV-TEST-1" ] || fail "a commit inside the range is not reported"
[ "$(found "$introduced")" = "OSV-TEST-1" ] || fail "the introducing commit is not reported"
[ -z "$(found "$before")" ] || fail "a commit before the bug is reported"
[ -z "$(found "$fixed")" ] || fail "the fixing commit is reported"
[ -z "$(found "$after")" ] || fail "a commit after the fix is reported"
echo "ok: GIT range decided by the submodule's history (5 checkouts)"

# An SBOM carries the commit but no history: the commit inside the range is undecided, and said.
git -C app/deps/lib checkout -q "$between"
"$KAIYUAN" scan app -f cyclonedx-json -o app.cdx.json 2>/dev/null
"$KAIYUAN" vuln app.cdx.json --db db.sqlite -f json -o out.json 2> err.txt || fail "vuln on SBOM"
grep -q "OSV-TEST-1 not decided" err.txt || fail "undecided GIT range not reported: $(cat err.txt)"
echo "ok: without history the GIT range is reported undecided"
