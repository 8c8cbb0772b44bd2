#!/bin/bash
# kaiyuan review on real changes from real projects' histories (tests/review/testdata: each case
# is the files before the change, the change as its git diff, and where it comes from). Each case
# is replayed as a git repository built here, then reviewed three ways: straight from git
# (--git, no checkout), as two directories, and as two SBOMs; all three must agree, and agree
# with what review_expected.py works out from the lockfiles alone. Then what must report
# nothing (a reordered lockfile) and what must fail (a lockfile unreadable at HEAD).
source "$(dirname "$0")/lib.sh"
need git python3 gzip
DATA="$HERE/../review/testdata"
g() { git -c user.name=t -c user.email=t@example.org -c init.defaultBranch=main "$@"; }

# JSON review -> sorted "type/name@version" of what left and what came (removed + changed.from,
# added + changed.to, for changes of version), from each entry's purl.
sides() {
  python3 -c '
import json, sys, urllib.parse
d = json.load(open(sys.argv[1]))
def key(e):
    p = e["purl"].split("?")[0][4:]
    return urllib.parse.unquote(p)
versions = [c for c in d["changed"] if c["from"]["version"] != c["to"]["version"]]
gone = sorted([key(e) for e in d["removed"] if "purl" in e] + [key(c["from"]) for c in versions])
new = sorted([key(e) for e in d["added"] if "purl" in e] + [key(c["to"]) for c in versions])
print(json.dumps({"gone": gone, "new": new}))' "$1"
}

replay() { # case -> $WORK/<case>/repo with two commits, base and head
  local c=$1 repo="$WORK/$1/repo"
  mkdir -p "$repo" && cp -r "$DATA/$c/base/." "$repo/"
  find "$repo" -name '*.gz' -exec gunzip {} +
  (cd "$repo" && g init -q . && g add -A && g commit -qm base &&
    g apply "$DATA/$c/change.diff" && g add -A && g commit -qm head) || fail "$c: replay"
  mkdir -p "$WORK/$c/base" "$WORK/$c/head"
  git -C "$repo" archive HEAD~1 | tar -x -C "$WORK/$c/base"
  git -C "$repo" archive HEAD | tar -x -C "$WORK/$c/head"
}

for c in ripgrep-jemalloc fzf-isatty dra-fast-xml-parser dra-spdx-group; do
  replay "$c"
  repo="$WORK/$c/repo"
  lock=
  for f in package-lock.json Cargo.lock go.mod; do [ -f "$WORK/$c/head/$f" ] && lock=$f && break; done
  "$KAIYUAN" review --git "$repo" HEAD~1 HEAD --no-db -q -f json > "$WORK/$c/git.json" ||
    fail "$c: review --git failed"
  "$KAIYUAN" review "$WORK/$c/base" "$WORK/$c/head" --no-db -q -f json > "$WORK/$c/dirs.json" ||
    fail "$c: review of directories failed"
  "$KAIYUAN" scan "$WORK/$c/base" -f cyclonedx-json -q -o "$WORK/$c/base.cdx.json"
  "$KAIYUAN" scan "$WORK/$c/head" -f spdx-json -q -o "$WORK/$c/head.spdx.json"
  "$KAIYUAN" sbom diff "$WORK/$c/base.cdx.json" "$WORK/$c/head.spdx.json" -q -f json \
    > "$WORK/$c/sboms.json" || fail "$c: sbom diff failed"
  python3 "$HERE/review_expected.py" "$WORK/$c/base/$lock" "$WORK/$c/head/$lock" > "$WORK/$c/expected"
  for way in git dirs sboms; do
    sides "$WORK/$c/$way.json" > "$WORK/$c/$way.sides"
    diff <(python3 -m json.tool "$WORK/$c/expected") <(python3 -m json.tool "$WORK/$c/$way.sides") ||
      fail "$c: review ($way) does not account for exactly what the lockfiles changed"
  done
  echo "ok: $c ($(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["gone"]), "gone,", len(d["new"]), "new")' "$WORK/$c/expected"))"
done

# Pairing and kinds, as each change's diff shows them.
expect() { # case jq-like python expression that must hold
  python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
changed = {c['name']: c for c in d['changed']}
added = {e['name']: e for e in d['added']}
removed = {e['name']: e for e in d['removed']}
assert $2, sys.argv[2]" "$WORK/$1/git.json" "$2" || fail "$1: $2"
}
expect ripgrep-jemalloc "changed['tikv-jemallocator']['kinds'] == ['upgraded'] and changed['tikv-jemallocator']['to']['version'] == '0.7.0' and not added and not removed"
expect ripgrep-jemalloc "changed['tikv-jemalloc-sys']['from']['version'].startswith('0.6.1') and changed['tikv-jemalloc-sys']['to']['version'].startswith('0.7.1')"
expect fzf-isatty "list(changed) == ['github.com/mattn/go-isatty'] and changed['github.com/mattn/go-isatty']['to']['version'] == 'v0.0.24'"
expect dra-fast-xml-parser "changed['fast-xml-parser']['kinds'] == ['upgraded'] and changed['fast-xml-parser']['from']['version'] == '5.3.3' and changed['fast-xml-parser']['to']['version'] == '5.3.5'"
# A second major version beside the first (3.0.1 stays nested) is an addition, not an upgrade.
expect dra-spdx-group "'spdx-expression-parse' in added and added['spdx-expression-parse']['version'] == '4.0.0'"
# ... and 3.0.1, kept nested, now declares its license (the lockfile added "license": "MIT").
expect dra-spdx-group "changed['spdx-expression-parse']['kinds'] == ['license-changed'] and changed['spdx-expression-parse']['to']['license'] == 'MIT'"
echo "ok: pairing and kinds"

# Reordering or reformatting a lockfile reports nothing.
c=dra-spdx-group
mkdir -p "$WORK/reordered"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
d["packages"] = dict(reversed(list(d["packages"].items())))
json.dump(d, open(sys.argv[2], "w"), indent=4)' "$WORK/$c/head/package-lock.json" "$WORK/reordered/package-lock.json"
cp "$WORK/$c/head/package.json" "$WORK/reordered/"
"$KAIYUAN" review "$WORK/$c/head" "$WORK/reordered" --no-db -q -f json > "$WORK/reordered.json" ||
  fail "reordered lockfile: review failed"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert not d["added"] and not d["removed"] and not d["changed"] and not d["violations"], d["summary"]' \
  "$WORK/reordered.json" || fail "a reordered lockfile reported changes"
echo "ok: a reordered, reindented lockfile reports nothing"

# A lockfile unreadable at HEAD is a violation naming the file, never "nothing changed".
mkdir -p "$WORK/broken"
head -c 2000 "$WORK/$c/head/package-lock.json" > "$WORK/broken/package-lock.json"
cp "$WORK/$c/head/package.json" "$WORK/broken/"
set +e
"$KAIYUAN" review "$WORK/$c/head" "$WORK/broken" --no-db -q -f json > "$WORK/broken.json"
rc=$?
set -e
[ "$rc" = 1 ] || fail "unreadable lockfile at HEAD: exit $rc, not 1"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
v = [x for x in d["violations"] if x["rule"] == "unreadable"]
assert v and v[0]["location"].startswith("package-lock.json"), d["violations"]' "$WORK/broken.json" ||
  fail "unreadable lockfile: no violation naming it"
echo "ok: a lockfile unreadable at HEAD fails the review with the parser's diagnostic"
