#!/bin/bash
# kaiyuan community on a directory of two clones git builds here: per-person commits and lines
# equal what git shortlog and git log --numstat --no-renames say (after .mailmap), one person
# across both repositories, bots apart, the contributor absence factor, and bad input.
source "$(dirname "$0")/lib.sh"
need git python3
cd "$WORK"
commit() { # repo name email file lines
  (cd "$1" && seq "$5" > "$4" && git add "$4" &&
    GIT_AUTHOR_NAME="$2" GIT_AUTHOR_EMAIL="$3" GIT_COMMITTER_NAME=c GIT_COMMITTER_EMAIL=c@x \
    git commit -qm "$4")
}
mkdir org
for r in one two; do git -c init.defaultBranch=main init -q "org/$r"; done
commit org/one "Jane Doe" jane@example.org a 10
commit org/one "Jane Doe" jane@work.example b 5
commit org/one "jd" JANE@example.org c 3
commit org/one "dependabot[bot]" 49699333+dependabot[bot]@users.noreply.github.com d 1
commit org/two "Joe" joe@old.example e 7
commit org/two "Jane Doe" jane@example.org f 2
printf 'Joe Developer <joe@example.org> <joe@old.example>\n' > org/two/.mailmap
(cd org/two && git add .mailmap && GIT_AUTHOR_NAME=Joe GIT_AUTHOR_EMAIL=joe@old.example \
  GIT_COMMITTER_NAME=c GIT_COMMITTER_EMAIL=c@x git commit -qm mailmap)
"$KAIYUAN" community org -f json -q > out.json || fail "community failed"
python3 - out.json <<'PY' || fail "community: counts"
import json, sys
d = json.load(open(sys.argv[1]))
people = {p["name"]: p for p in d["contributors"]}
jane = people["Jane Doe"]
# jane@example.org, its upper-case spelling and jane@work.example (same two-word name): one person.
assert jane["emails"] == ["jane@example.org", "jane@work.example"], jane
assert jane["commits"] == 4 and jane["linesAdded"] == 20 and len(jane["repositories"]) == 2, jane
joe = people["Joe Developer"]
assert joe["emails"] == ["joe@example.org"] and joe["commits"] == 2 and joe["linesAdded"] == 8, joe
bot = people["dependabot[bot]"]
assert bot["bot"] and d["summary"]["bots"] == 1 and d["summary"]["contributors"] == 2, d["summary"]
assert d["summary"]["commits"] == 7 and d["summary"]["contributorAbsenceFactor"] == 1, d["summary"]
PY
# Per repository, against git itself.
for r in one two; do
  "$KAIYUAN" community "org/$r" -f json -q > "$r.json"
  python3 - "$r.json" "org/$r" <<'PY' || fail "community org/$r disagrees with git"
import json, subprocess, sys, collections
d = json.load(open(sys.argv[1]))
ours = {}
for p in d["contributors"]:
    ours[p["name"]] = (p["commits"], p["linesAdded"], p["linesRemoved"])
git = collections.defaultdict(lambda: [0, 0, 0])
for line in subprocess.run(["git", "-C", sys.argv[2], "shortlog", "-sn", "HEAD"], capture_output=True, text=True).stdout.splitlines():
    n, name = line.strip().split("\t")
    git[name][0] = int(n)
who = None
for line in subprocess.run(["git", "-C", sys.argv[2], "log", "--numstat", "--no-renames", "--format=@@%aN"], capture_output=True, text=True).stdout.splitlines():
    if line.startswith("@@"): who = line[2:]; continue
    if not line or line[0] == "-": continue
    a, r, _ = line.split("\t", 2)
    git[who][1] += int(a); git[who][2] += int(r)
# git keeps "jd" apart (no shared two-word name within one repository): compare by email groups.
total = lambda m: tuple(sum(v[i] for v in m.values()) for i in range(3))
assert total(ours) == total({k: tuple(v) for k, v in git.items()}), (ours, dict(git))
PY
done
echo "ok: community agrees with git shortlog and git log --numstat --no-renames"
"$KAIYUAN" community nowhere -q > /dev/null 2> err.txt && fail "a missing repository must fail"
grep -q "nowhere: not a git repository" err.txt || fail "error: $(cat err.txt)"
"$KAIYUAN" community org --since 2020-13-01 -q > /dev/null 2> err.txt && fail "a bad date must fail"
grep -q "since: '2020-13-01' is not a date" err.txt || fail "error: $(cat err.txt)"
echo "ok: bad repositories and dates are errors"
# An identities file: Joe's work for Example Corp from 2020, the bot list, CSV.
cat > ids.yml <<'YAML'
people:
  - name: Joe Developer
    emails: [joe@example.org]
    organizations:
      - {name: Example Corp, from: 2020-01-01}
bots: [jd]
YAML
"$KAIYUAN" community org --identities ids.yml --period year -f json -q > ids.json || fail "identities"
python3 - ids.json <<'PY' || fail "community with identities"
import json, sys
d = json.load(open(sys.argv[1]))
people = {p["name"]: p for p in d["contributors"]}
assert people["Joe Developer"]["organization"] == "Example Corp", people["Joe Developer"]
# "jd" is listed as a bot, but shares Jane's email: Jane stays a person.
assert not people["Jane Doe"]["bot"] and d["summary"]["bots"] == 1, people["Jane Doe"]
assert d["metrics"]["whole"]["organizationalDiversity"]["Example Corp"] == 2, d["metrics"]["whole"]
assert d["metrics"]["periods"][-1]["period"].isdigit(), d["metrics"]["periods"]
assert len(d["metrics"]["activityDatesAndTimes"]["utc"]) == 7
PY
"$KAIYUAN" community org -f csv -q > out.csv
head -1 out.csv | grep -q '^name,emails,bot,organization,commits' || fail "csv header: $(head -1 out.csv)"
[ "$(wc -l < out.csv)" = 4 ] || fail "csv rows: $(cat out.csv)"
printf 'people: [x]\n' > bad.yml
"$KAIYUAN" community org --identities bad.yml -q > /dev/null 2> err.txt && fail "a bad identities file must fail"
grep -q "bad.yml:1: a person is a mapping" err.txt || fail "identities error: $(cat err.txt)"
echo "ok: identities file, organisations, periods, CSV"
# Forge exports (--events): a pull request merged by Jane's GitHub account (her noreply address
# links it to her commits), a declined one, an issue answered by someone else, a review.
commit org/one "Jane Doe" "1234+janedoe@users.noreply.github.com" g 1
cat > pulls.json <<'JSON'
[{"url": "https://api.github.com/repos/org/one/pulls/1", "number": 1, "state": "closed",
  "user": {"login": "janedoe"}, "created_at": "2024-05-01T00:00:00Z",
  "closed_at": "2024-05-01T06:00:00Z", "merged_at": "2024-05-01T06:00:00Z"},
 {"url": "https://api.github.com/repos/org/one/pulls/2", "number": 2, "state": "closed",
  "user": {"login": "mallory"}, "created_at": "2024-05-02T00:00:00Z",
  "closed_at": "2024-05-03T00:00:00Z", "merged_at": null}]
[{"url": "https://api.github.com/repos/org/one/issues/3", "number": 3, "state": "open",
  "user": {"login": "mallory"}, "created_at": "2024-05-02T00:00:00Z"}]
JSON
cat > responses.json <<'JSON'
[{"pull_request_url": "https://api.github.com/repos/org/one/pulls/1", "user": {"login": "joe"},
  "state": "APPROVED", "submitted_at": "2024-05-01T02:00:00Z"},
 {"issue_url": "https://api.github.com/repos/org/one/issues/3", "user": {"login": "janedoe"},
  "created_at": "2024-05-02T01:00:00Z"},
 {"what": "not an event"}]
JSON
"$KAIYUAN" community org --events pulls.json --events responses.json -f json > ev.json 2> ev.err ||
  fail "community --events"
grep -q "responses.json: item 3: neither an issue" ev.err || fail "events diagnostic: $(cat ev.err)"
python3 - ev.json <<'PY' || fail "community --events metrics"
import json, sys
d = json.load(open(sys.argv[1]))
c = d["changeRequests"]
assert c["changeRequests"] == 2 and c["changeRequestsAccepted"] == 1, c
assert c["changeRequestsDeclined"] == 1 and c["changeRequestAcceptanceRatio"] == 0.5, c
assert c["timeToMergeMedianHours"] == 6 and c["timeToFirstResponseMedianHours"] == 2, c
assert c["changeRequestsUnanswered"] == 1 and c["issuesNew"] == 1, c
assert c["issueTimeToFirstResponseMedianHours"] == 1, c
jane = [p for p in c["participants"] if p["login"] == "janedoe"][0]
assert jane["contributor"] == "Jane Doe" and jane["changeRequestsMerged"] == 1, jane
people = {p["name"]: p for p in d["contributors"]}
assert people["Jane Doe"]["logins"] == ["janedoe"], people["Jane Doe"]
PY
"$KAIYUAN" community org --events pulls.json -f html -q -o ev.html || fail "html with events"
grep -q "Median time to merge</dt><dd>6.0 h" ev.html || fail "html: change requests missing"
printf '[{"number": 1,' > broken.json
"$KAIYUAN" community org --events broken.json -q > /dev/null 2> err.txt && fail "broken events must fail"
grep -q "broken.json: invalid JSON" err.txt || fail "events error: $(cat err.txt)"
echo "ok: forge events: change requests, first responses, logins"
# The HTML report: one self-contained file (no script, nothing loaded from elsewhere).
"$KAIYUAN" community org -f html -q -o report.html || fail "html"
python3 - report.html <<'PY' || fail "html report"
import html.parser, sys
text = open(sys.argv[1]).read()
class Check(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.tags = []
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for k, v in attrs:
            assert not (k in ("src", "href") and v and "://" in v), (tag, k, v)
c = Check(); c.feed(text)
assert "script" not in c.tags and c.tags.count("svg") >= 3, c.tags
assert "Jane Doe" in text and "Contributor absence factor" in text
PY
echo "ok: HTML report"
