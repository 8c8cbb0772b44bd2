#!/bin/bash
# kaiyuan upstream describe on real openEuler-Advisor upstream-info files
# (tests/upstream/testdata): kinds, misspellings and uncheckable kinds reported with file and
# line, the newest recorded release by kaiyuan's rule beside openEuler-Advisor's, and a file that
# is no description (exit 2, the rest still described).
source "$(dirname "$0")/lib.sh"
need python3
cd "$WORK"
DATA="$HERE/../upstream/testdata/upstream-info"
"$KAIYUAN" upstream describe "$DATA" -f json -o out.json 2> err.txt || fail "describe failed: $(cat err.txt)"
grep -q "leptonica.yaml:5: 'seperator' is misspelt" err.txt || fail "misspelling: $(cat err.txt)"
grep -q "sqlite.yaml:2: version_control 'fossil' cannot be checked" err.txt || fail "fossil: $(cat err.txt)"
python3 - out.json <<'PY' || fail "describe output"
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
assert s["files"] == 11 and s["unreadable"] == 0 and s["notCheckable"] == 4, s
p = {x["package"]: x for x in d["packages"]}
assert p["zlib"]["versionControl"] == "github" and p["zlib"]["newestRecordedRelease"] == "1.2.11", p["zlib"]
assert p["curl"]["newestRecordedRelease"] == "7.71.1", p["curl"]
assert p["acpica-tools"]["newestRecordedRelease"] == "20200717", p["acpica-tools"]
assert p["sqlite"]["versionControl"] == "" and p["sqlite"]["versionControlAsWritten"] == "fossil"
PY
echo "ok: upstream-info files described"
cp "$DATA"/zlib.yaml .
printf -- '- not\n- a mapping\n' > broken.yaml
"$KAIYUAN" upstream describe zlib.yaml broken.yaml -f json -o two.json 2> err.txt && fail "a broken file must fail"
grep -q "broken.yaml: not a mapping" err.txt || fail "error: $(cat err.txt)"
python3 -c "import json,sys; d=json.load(open('two.json')); assert d['summary']['unreadable']==1 and len(d['packages'])==1, d" ||
  fail "the readable file must still be described"
echo "ok: a broken file is named and the rest described"
