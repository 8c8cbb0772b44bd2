#!/bin/bash
# The rpm package set kaiyuan reports equals `rpm -qa` on databases built here: RPMs made by
# rpmbuild, installed with `rpm -i --justdb` into a sqlite rpmdb, and the same headers loaded into
# a Berkeley DB `Packages` (db5.3_load), which rpm reads with its bdb_ro backend.
source "$(dirname "$0")/lib.sh"
need rpm rpmbuild python3

TOP="$WORK/rpmbuild"
mkdir -p "$TOP/SPECS"
spec() { # name epoch version release license arch requires provides
  cat > "$TOP/SPECS/$1.spec" <<SPEC
Name: $1
${2:+Epoch: $2}
Version: $3
Release: $4
Summary: kaiyuan test fixture $1
License: $5
BuildArch: $6
Vendor: openEuler
URL: https://example.invalid/$1
${7:+Requires: $7}
${8:+Provides: $8}
%description
Fixture package $1 for the kaiyuan test suite.
%install
mkdir -p %{buildroot}/usr/share/$1 %{buildroot}/usr/bin
echo $1 > %{buildroot}/usr/share/$1/README
echo '#!/bin/sh' > %{buildroot}/usr/bin/$1
%files
/usr/share/$1/README
/usr/bin/$1
SPEC
  rpmbuild --quiet --define "_topdir $TOP" --define "_build_id_links none" --define "__os_install_post %{nil}" \
    -bb "$TOP/SPECS/$1.spec" >/dev/null 2>&1 || fail "rpmbuild $1"
}
spec fx-openssl 1 3.0.12 5.oe2403 "OpenSSL and ASL 2.0" noarch "" "libssl-fixture"
spec fx-curl "" 8.4.0~rc1 2.oe2403 "MIT" noarch "libssl-fixture, /usr/bin/fx-openssl" ""
spec fx-snapshot "" 1.0^git20240101 1 "MulanPSL-2.0" noarch "fx-curl >= 8" ""
spec fx-native "" 2.1 1 "GPLv2+ and LGPLv2+" x86_64 "" ""
RPMS=$(find "$TOP/RPMS" -name '*.rpm')

DB="$WORK/db"
rpm --dbpath "$DB" --initdb
rpm --dbpath "$DB" -i --justdb --nodeps --ignorearch $RPMS >/dev/null 2>&1 || fail "rpm -i --justdb"
expected() {
  rpm --dbpath "$1" -qa --qf '%{NAME}\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\t%{ARCH}\n' 2>/dev/null | LC_ALL=C sort
}
expected "$DB" > "$WORK/want"
[ "$(wc -l < "$WORK/want")" = 4 ] || fail "fixture: rpm -qa lists $(wc -l < "$WORK/want") packages"

ROOT="$WORK/oe"
mkdir -p "$ROOT/etc" "$ROOT/usr/lib/sysimage/rpm"
printf 'NAME="openEuler"\nVERSION="24.03 (LTS)"\nID="openEuler"\nVERSION_ID="24.03"\nPRETTY_NAME="openEuler 24.03 (LTS)"\n' > "$ROOT/etc/os-release"
cp "$DB/rpmdb.sqlite" "$ROOT/usr/lib/sysimage/rpm/"
"$KAIYUAN" scan "$ROOT" -f json -o "$WORK/sqlite.json" -q
packages_of "$WORK/sqlite.json" > "$WORK/got"
same_packages "$WORK/want" "$WORK/got" "sqlite rpmdb"
rpm --dbpath "$DB" -qa --qf '%{NAME}\t%{SIGMD5}\n' 2>/dev/null | LC_ALL=C sort > "$WORK/sigmd5"
python3 - "$WORK/sqlite.json" "$WORK/sigmd5" <<'PY' || fail "component details"
import json, sys
d = json.load(open(sys.argv[1]))
c = {x["name"]: x for x in d["components"]}
# The package hash is rpm's SIGMD5 (header and payload), as rpm itself prints it.
for line in open(sys.argv[2]):
    name, sig = line.split()
    assert c[name]["hashes"] == [{"algorithm": "MD5", "value": sig}], (name, c[name]["hashes"], sig)
# The epoch is part of the version, as rpm (%{EVR}) and trivy print it, and a purl qualifier.
assert c["fx-openssl"]["version"] == "1:3.0.12-5.oe2403", c["fx-openssl"]["version"]
assert c["fx-curl"]["version"] == "8.4.0~rc1-2.oe2403", c["fx-curl"]["version"]
assert c["fx-openssl"]["purl"] == "pkg:rpm/openeuler/fx-openssl@3.0.12-5.oe2403?arch=noarch&distro=openeuler-24.03&epoch=1&upstream=fx-openssl-3.0.12-5.oe2403.src.rpm", c["fx-openssl"]["purl"]
assert c["fx-openssl"]["licenseDeclared"] == "OpenSSL AND Apache-2.0"
assert c["fx-native"]["licenseDeclared"] == "GPL-2.0-or-later AND LGPL-2.0-or-later"
assert c["fx-snapshot"]["licenseDeclared"] == "MulanPSL-2.0"
assert c["fx-curl"]["supplier"] == "openEuler"
assert c["fx-curl"]["sourceName"] == "fx-curl"
assert "/usr/bin/fx-curl" in c["fx-curl"]["files"]
assert c["fx-curl"]["locations"][0]["path"] == "usr/lib/sysimage/rpm/rpmdb.sqlite"
ids = {x["id"]: x["name"] for x in d["components"]}
edges = {(ids[r["from"]], ids[r["to"]]) for r in d["relationships"]}
assert edges == {("fx-curl", "fx-openssl"), ("fx-snapshot", "fx-curl")}, edges
assert d["metadata"]["distro"]["id"] == "openeuler"
PY
echo "ok: purls (distro=openeuler-24.03, epoch), licenses, files, vendor and depends-on edges"

# Berkeley DB: the same headers under their instance numbers; key 0 holds the next instance,
# as rpm's BDB backend kept it (lib/backend/db3.c and rpmdb.c).
python3 - "$DB/rpmdb.sqlite" "$WORK/load.txt" <<'PY'
import sqlite3, struct, sys
rows = sqlite3.connect(sys.argv[1]).execute("SELECT hnum, blob FROM Packages ORDER BY hnum").fetchall()
hexed = lambda b: "".join("\\%02x" % x for x in b)
with open(sys.argv[2], "w") as out:
    entries = [(0, struct.pack("<I", max(h for h, _ in rows) + 1))] + [(h, bytes(b)) for h, b in rows]
    for key, value in entries:
        out.write(hexed(struct.pack("<I", key)) + "\n" + hexed(value) + "\n")
PY
if command -v db5.3_load >/dev/null; then
  mkdir -p "$WORK/centos/var/lib/rpm" "$WORK/centos/etc"
  printf 'ID="centos"\nVERSION_ID="7"\n' > "$WORK/centos/etc/os-release"
  db5.3_load -T -t hash -c db_pagesize=4096 -f "$WORK/load.txt" "$WORK/centos/var/lib/rpm/Packages"
  expected "$WORK/centos/var/lib/rpm" > "$WORK/want-bdb"
  same_packages "$WORK/want" "$WORK/want-bdb" "rpm reads the Berkeley DB copy"
  "$KAIYUAN" scan "$WORK/centos" -f json -o "$WORK/bdb.json" -q
  packages_of "$WORK/bdb.json" > "$WORK/got"
  same_packages "$WORK/want-bdb" "$WORK/got" "Berkeley DB rpmdb"
  # A small page size forces every header onto overflow pages chained across many pages.
  db5.3_load -T -t hash -c db_pagesize=512 -f "$WORK/load.txt" "$WORK/centos/var/lib/rpm/Packages.small"
  mv "$WORK/centos/var/lib/rpm/Packages.small" "$WORK/centos/var/lib/rpm/Packages"
  "$KAIYUAN" scan "$WORK/centos" -f json -o "$WORK/bdb512.json" -q
  packages_of "$WORK/bdb512.json" > "$WORK/got"
  same_packages "$WORK/want" "$WORK/got" "Berkeley DB rpmdb with 512-byte pages"
else
  echo "note: db5.3_load is not installed; the Berkeley DB comparison was not run"
fi

for f in $RPMS; do
  "$KAIYUAN" scan "$f" -f json -o "$WORK/one.json" -q
  [ "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["components"]), len(d["components"][0]["hashes"]))' "$WORK/one.json")" = "1 1" ] || fail "scan $f"
done
echo "ok: each .rpm file gives its one package with a SHA256"
