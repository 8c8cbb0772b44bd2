#!/bin/bash
# Bad input gets a diagnostic naming the file and the problem; the scan goes on with the other
# inputs, exits 0 and writes only its output file. Unusable targets exit 2 with "kaiyuan: error:".
source "$(dirname "$0")/lib.sh"
need python3 sqlite3

ROOT="$WORK/root"
mkdir -p "$ROOT/etc" "$ROOT/var/lib/dpkg" "$ROOT/chroot-a/var/lib/rpm" "$ROOT/chroot-b/var/lib/rpm" \
         "$ROOT/chroot-c/usr/lib/sysimage/rpm" "$ROOT/loop" "$ROOT/lib/apk/db"
printf 'ID=debian\nVERSION_ID=12\n' > "$ROOT/etc/os-release"
printf 'Package: fine\nStatus: install ok installed\nVersion: 1\nArchitecture: all\n\ngarbage line\n\nStatus: install ok installed\n' > "$ROOT/var/lib/dpkg/status"
head -c 3000 /dev/urandom > "$ROOT/chroot-a/var/lib/rpm/Packages"          # not a Berkeley DB
printf 'SQLite format 3\0' > "$ROOT/chroot-b/var/lib/rpm/rpmdb.sqlite"        # truncated sqlite
sqlite3 "$WORK/x.sqlite" 'CREATE TABLE Other(a);'
cp "$WORK/x.sqlite" "$ROOT/chroot-c/usr/lib/sysimage/rpm/rpmdb.sqlite"      # sqlite without Packages
ln -s ../loop "$ROOT/loop/self"
printf 'P:ok\nV:1\n\n???\n' > "$ROOT/lib/apk/db/installed"
printf 'not an rpm' > "$ROOT/bogus.rpm"
printf '!<arch>\nnot a deb' > "$ROOT/bogus.deb"

cd "$WORK"
before=$(find "$WORK" | LC_ALL=C sort)
"$KAIYUAN" scan "$ROOT" -f json -o "$WORK/out.json" 2> "$WORK/err" || fail "scan exited $?"
after=$(find "$WORK" | LC_ALL=C sort)
[ "$(comm -13 <(echo "$before") <(echo "$after"))" = "$WORK/err
$WORK/out.json" ] || fail "the scan wrote something besides its output: $(comm -13 <(echo "$before") <(echo "$after"))"
cat "$WORK/err"
for expect in "var/lib/dpkg/status:6: expected 'Field: value'" "var/lib/dpkg/status:8: paragraph has no Package" \
              "chroot-a/var/lib/rpm/Packages: cannot read rpmdb" "chroot-b/var/lib/rpm/rpmdb.sqlite: cannot read rpmdb" \
              "chroot-c/usr/lib/sysimage/rpm/rpmdb.sqlite: cannot read rpmdb: cannot read the Packages table" \
              "lib/apk/db/installed:4: expected 'K:value'" "bogus.rpm: not a readable .rpm" "bogus.deb: not a readable .deb"; do
  grep -qF "$expect" "$WORK/err" || fail "no diagnostic '$expect'"
done
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
names = sorted(c["name"] for c in d["components"])
assert names == ["fine", "ok"], names
assert len(d["diagnostics"]) >= 8' "$WORK/out.json" || fail "the good packages were not kept"
echo "ok: every bad input named in a diagnostic, the good packages kept, nothing else written"

set +e
"$KAIYUAN" scan "$WORK/does-not-exist" -f json > /dev/null 2> "$WORK/err2"; rc=$?
set -e
[ $rc = 2 ] && grep -q "^kaiyuan: error: .*does-not-exist" "$WORK/err2" || fail "missing target: exit $rc, $(cat "$WORK/err2")"
set +e
"$KAIYUAN" scan "$ROOT" -f cyclonedx-jsn > /dev/null 2> "$WORK/err3"; rc=$?
set -e
[ $rc = 2 ] && grep -q "did you mean 'cyclonedx-json'" "$WORK/err3" || fail "bad format: exit $rc, $(cat "$WORK/err3")"
printf '{"bomFormat": "CycloneDX", "components": [' > "$WORK/broken.json"
set +e
"$KAIYUAN" sbom convert "$WORK/broken.json" -f spdx-json > /dev/null 2> "$WORK/err4"; rc=$?
set -e
[ $rc = 2 ] && grep -q "broken.json" "$WORK/err4" || fail "broken SBOM: exit $rc, $(cat "$WORK/err4")"
echo "ok: unusable targets, unknown formats and broken SBOMs exit 2 with the reason"

# Output lost on standard output is an error, for every command that writes there.
"$KAIYUAN" scan "$ROOT" -f json -q -o "$WORK/root.json"
if [ -c /dev/full ]; then
  for cmd in "scan $ROOT -f json -q" "license $ROOT -f json -q" "sbom convert $WORK/root.json -f spdx-json -q" \
             "sbom validate $WORK/root.json" "version compare npm 1.0.0 2.0.0"; do
    set +e
    "$KAIYUAN" $cmd > /dev/full 2> "$WORK/err6"; rc=$?
    set -e
    [ $rc = 2 ] && grep -q "^kaiyuan: error: writing standard output" "$WORK/err6" \
      || fail "'$cmd > /dev/full': exit $rc, $(cat "$WORK/err6")"
  done
  echo "ok: a write error on standard output exits 2 and says so"
fi

# Messages that say what is wrong, once.
set +e
"$KAIYUAN" db import "$WORK/nonexist" --db "$WORK/x.db" 2> "$WORK/m1"; r1=$?
"$KAIYUAN" version compare npm 1.0.0 2> "$WORK/m2"; r2=$?
"$KAIYUAN" cvss "AV:N/AC:L/Au:N/C:P/I:P/A:P" > /dev/null 2> "$WORK/m3"; r3=$?
"$KAIYUAN" scan "$ROOT" --catalogers 'dpkg-*,nosuch-*' -q -f json > /dev/null 2> "$WORK/m4"; r4=$?
"$KAIYUAN" scan --no-such-flag "$ROOT" 2> "$WORK/m5"; r5=$?
set -e
[ $r1 = 2 ] && [ "$(grep -o nonexist "$WORK/m1" | wc -l)" = 1 ] || fail "db import of a missing path: $(cat "$WORK/m1")"
[ $r2 = 2 ] && grep -q "second version (B) is missing" "$WORK/m2" || fail "version compare with one version: $(cat "$WORK/m2")"
[ $r3 = 2 ] && grep -q "CVSS v2 vector" "$WORK/m3" || fail "cvss v2: exit $r3, $(cat "$WORK/m3")"
[ $r4 = 2 ] && grep -q "'nosuch-\*' matches no cataloger" "$WORK/m4" || fail "--catalogers: $(cat "$WORK/m4")"
[ $r5 = 2 ] && grep -q "^kaiyuan: error: " "$WORK/m5" || fail "CLI11 error without prefix: $(cat "$WORK/m5")"
echo "ok: messages name what is wrong once"

# JSON that is no SBOM and no file a cataloger reads is an input error, not "0 components".
printf '{"id":"X-1","modified":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"npm","name":"x"}}]}' > "$WORK/x.json"
"$KAIYUAN" db import "$WORK/x.json" --db "$WORK/adv.db" -q >/dev/null
echo '{}' > "$WORK/empty.json"
set +e
"$KAIYUAN" vuln "$WORK/empty.json" --db "$WORK/adv.db" -q > /dev/null 2> "$WORK/err7"; rc=$?
set -e
[ $rc = 2 ] && grep -q "empty.json: not an SBOM" "$WORK/err7" || fail "vuln {}: exit $rc, $(cat "$WORK/err7")"
set +e
"$KAIYUAN" db import "$WORK/empty.json" --db "$WORK/adv2.db" -q > /dev/null 2> "$WORK/err8"; rc=$?
set -e
[ $rc = 2 ] && grep -q "no advisory read from 1 file: expected OSV records" "$WORK/err8" || fail "db import {}: exit $rc, $(cat "$WORK/err8")"
# The same SBOM with its keys sorted (jq -S) is still that SBOM.
python3 -c 'import json,sys; json.dump(json.load(open(sys.argv[1])), open(sys.argv[2],"w"), sort_keys=True, indent=1)' \
  "$WORK/root.json" "$WORK/sorted.json"
"$KAIYUAN" vuln "$WORK/sorted.json" --db "$WORK/adv.db" -f json -q > "$WORK/sorted-vuln.json"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
want = len(json.load(open(sys.argv[2]))["components"])
assert d["summary"]["components"] == want > 0, (d["summary"], want)' "$WORK/sorted-vuln.json" "$WORK/root.json" \
  || fail "sorted kaiyuan JSON not read as an SBOM"
echo "ok: JSON that is no SBOM exits 2; a key-sorted SBOM is read"

# A database without advisories for the target's distribution does not pass it silently.
set +e
"$KAIYUAN" vuln "$ROOT" --db "$WORK/adv.db" -f json -o "$WORK/unchecked.json" --fail-on-unchecked 2> "$WORK/err9"; rc=$?
set -e
[ $rc = 1 ] && grep -q "components were not checked: the database has no advisories for Debian:12" "$WORK/err9" \
  || fail "--fail-on-unchecked: exit $rc, $(cat "$WORK/err9")"
python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
assert s["componentsUnchecked"] >= 1 and "Debian:12" in s["ecosystemsNotCovered"], s' "$WORK/unchecked.json" \
  || fail "unchecked components not in the JSON summary"
echo "ok: components of a distribution the database lacks are unchecked, and can fail the gate"

# -o replaces a file atomically, keeping its mode; a new file gets the umask's; a symbolic link
# is written through and stays a link.
touch "$WORK/private.json" && chmod 600 "$WORK/private.json"
"$KAIYUAN" scan "$ROOT" -f json -o "$WORK/private.json" -q
[ "$(stat -c %a "$WORK/private.json")" = 600 ] || fail "-o widened a 0600 file to $(stat -c %a "$WORK/private.json")"
(umask 027 && "$KAIYUAN" scan "$ROOT" -f json -o "$WORK/fresh.json" -q)
[ "$(stat -c %a "$WORK/fresh.json")" = 640 ] || fail "-o made a new file $(stat -c %a "$WORK/fresh.json") under umask 027"
mkdir -p "$WORK/real" && echo old > "$WORK/real/out.json" && ln -s real/out.json "$WORK/link.json"
"$KAIYUAN" scan "$ROOT" -f json -o "$WORK/link.json" -q
[ -L "$WORK/link.json" ] || fail "-o replaced the symbolic link with a file"
grep -q '"components"' "$WORK/real/out.json" || fail "-o did not write through the symbolic link"
ls "$WORK" | grep -q kaiyuan-tmp && fail "a temporary file was left behind"
echo "ok: -o keeps modes and symbolic links"

"$KAIYUAN" scan "$ROOT" -f json -o /dev/null -q || fail "-o /dev/null"
[ -c /dev/null ] || fail "/dev/null was replaced"
echo "ok: -o to a device writes in place"

# An unreadable file: root reads everything, so run as nobody when we are root.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  chmod 755 "$WORK"; chmod -R a+rX "$ROOT"; chmod 000 "$ROOT/var/lib/dpkg/status"
  cp "$KAIYUAN" "$WORK/kaiyuan-copy"; chmod 755 "$WORK/kaiyuan-copy"
  setpriv --reuid=65534 --regid=65534 --clear-groups "$WORK/kaiyuan-copy" scan "$ROOT" -f json > "$WORK/nobody.json" 2> "$WORK/err5" \
    || fail "scan as nobody exited $?"
  grep -q "var/lib/dpkg/status: cannot read: Permission denied" "$WORK/err5" || fail "no diagnostic for the unreadable file: $(cat "$WORK/err5")"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [c["name"] for c in d["components"]] == ["ok"]' "$WORK/nobody.json" || fail "scan as nobody"
  echo "ok: an unreadable file is a diagnostic and the rest is scanned"
else
  echo "note: not root or no setpriv; the unreadable-file case runs in the unit tests instead"
fi
