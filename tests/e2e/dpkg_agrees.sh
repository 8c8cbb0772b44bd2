#!/bin/bash
# The dpkg package set kaiyuan reports equals dpkg-query's, on a root built here with dpkg from
# .deb files made by dpkg-deb; the same root as a tar.zst archive and as a docker-archive image
# (a later layer purges a package) agrees too.
source "$(dirname "$0")/lib.sh"
need dpkg-deb dpkg dpkg-query python3 tar zstd

mkdeb() { # name version arch depends provides
  local d="$WORK/src/$1"
  mkdir -p "$d/DEBIAN" "$d/usr/share/doc/$1"
  { echo "Package: $1"; echo "Version: $2"; echo "Architecture: $3"; echo "Maintainer: Test Team <team@example.invalid>"
    [ -n "$4" ] && echo "Depends: $4"; [ -n "$5" ] && echo "Provides: $5"
    [ "$1" = libfoo1 ] && echo "Source: foo (1.2-3)"
    echo "Description: fixture $1"; echo " made by the kaiyuan test suite"; } > "$d/DEBIAN/control"
  printf 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nLicense: GPL-2+\n' > "$d/usr/share/doc/$1/copyright"
  echo "$1" > "$d/usr/share/doc/$1/README"
  if [ "$1" = to-remove ]; then # a conffile keeps it in the database as config-files after removal
    mkdir -p "$d/etc"; echo "setting=1" > "$d/etc/to-remove.conf"; echo /etc/to-remove.conf > "$d/DEBIAN/conffiles"
  fi
  dpkg-deb --root-owner-group -Zgzip --build "$d" "$WORK/debs/$1_$2_$3.deb" >/dev/null
}
mkdir -p "$WORK/debs"
mkdeb libfoo1 1:1.2-3+deb12u1 amd64 "" ""
mkdeb foo-utils 1.2-3 amd64 "libfoo1 (>= 1:1.0), missing-pkg | mawk-like" ""
mkdeb mawk-like 1.3.4~rc1-1 amd64 "" "mawk-like-virtual"
mkdeb docs-only 0.1 all "" ""
mkdeb to-remove 2.0-1 all "" ""

ROOT="$WORK/root"
mkdir -p "$ROOT/var/lib/dpkg/updates" "$ROOT/var/lib/dpkg/info" "$ROOT/etc"
touch "$ROOT/var/lib/dpkg/status"
printf 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n' > "$ROOT/etc/os-release"
DPKG=(dpkg --root="$ROOT" --force-not-root --force-bad-path --force-script-chrootless --log=/dev/null)
"${DPKG[@]}" --force-depends --force-architecture -i "$WORK"/debs/*.deb >/dev/null 2>&1 || fail "dpkg -i"
"${DPKG[@]}" --remove to-remove >/dev/null 2>&1 || fail "dpkg --remove"

expected() {
  dpkg-query --admindir="$1/var/lib/dpkg" -W -f '${db:Status-Status}\t${Package}\t${Version}\t${Architecture}\n' \
    | awk -F'\t' '$1 == "installed" {print $2 "\t" $3 "\t" $4}' | LC_ALL=C sort
}
expected "$ROOT" > "$WORK/want"
grep -q to-remove "$WORK/want" && fail "fixture: to-remove is still installed"

"$KAIYUAN" scan "$ROOT" -f json -o "$WORK/dir.json" -q
packages_of "$WORK/dir.json" > "$WORK/got"
same_packages "$WORK/want" "$WORK/got" "directory"
python3 - "$WORK/dir.json" <<'PY' || fail "component details"
import json, sys
d = json.load(open(sys.argv[1]))
c = {x["name"]: x for x in d["components"]}
assert c["libfoo1"]["purl"] == "pkg:deb/debian/libfoo1@1:1.2-3%2Bdeb12u1?arch=amd64&distro=debian-12&upstream=foo%401.2-3", c["libfoo1"]["purl"]
assert c["libfoo1"]["licenseDeclared"] == "GPL-2.0-or-later"
assert c["libfoo1"]["sourceName"] == "foo"
assert "/usr/share/doc/libfoo1/README" in c["libfoo1"]["files"]
assert c["foo-utils"]["supplier"] == "Test Team <team@example.invalid>"
ids = {x["id"]: x["name"] for x in d["components"]}
edges = {(ids[r["from"]], ids[r["to"]]) for r in d["relationships"]}
assert edges == {("foo-utils", "libfoo1"), ("foo-utils", "mawk-like")}, edges
assert any("not installed" in x["message"] for x in d["diagnostics"]), d["diagnostics"]
PY
echo "ok: purls, licenses, files, suppliers and depends-on edges"

tar -C "$ROOT" --zstd -cf "$WORK/root.tar.zst" .
"$KAIYUAN" scan "$WORK/root.tar.zst" -f json -o "$WORK/tar.json" -q
packages_of "$WORK/tar.json" > "$WORK/got"
same_packages "$WORK/want" "$WORK/got" "tar.zst archive"

# Two-layer docker-archive: layer 2 purges libfoo1's docs and rewrites the status without docs-only.
cp -a "$ROOT" "$WORK/root2"
"${DPKG[@]/$ROOT/$WORK/root2}" --purge docs-only >/dev/null 2>&1 || fail "dpkg --purge"
expected "$WORK/root2" > "$WORK/want2"
mkdir -p "$WORK/img/l1" "$WORK/img/l2" "$WORK/l2root/var/lib/dpkg" "$WORK/l2root/usr/share/doc"
tar -C "$ROOT" -cf "$WORK/img/l1/layer.tar" .
cp "$WORK/root2/var/lib/dpkg/status" "$WORK/l2root/var/lib/dpkg/status"
touch "$WORK/l2root/usr/share/doc/.wh.docs-only"
tar -C "$WORK/l2root" -cf "$WORK/img/l2/layer.tar" .
echo '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:aa","sha256:bb"]}}' > "$WORK/img/config.json"
echo '[{"Config":"config.json","RepoTags":["fixture:1"],"Layers":["l1/layer.tar","l2/layer.tar"]}]' > "$WORK/img/manifest.json"
tar -C "$WORK/img" -cf "$WORK/image.tar" manifest.json config.json l1 l2
"$KAIYUAN" scan "$WORK/image.tar" -f json -o "$WORK/img.json" -q
packages_of "$WORK/img.json" > "$WORK/got"
same_packages "$WORK/want2" "$WORK/got" "docker-archive with a purge in layer 2"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["metadata"]["targetKind"] == "docker-archive"
assert d["metadata"]["properties"]["image:architecture"] == "amd64"
assert all(l.get("layer") == "sha256:bb" for c in d["components"] for l in c["locations"])' "$WORK/img.json" || fail "image metadata"

# A single .deb file.
"$KAIYUAN" scan "$WORK/debs/libfoo1_1:1.2-3+deb12u1_amd64.deb" -f json -o "$WORK/deb.json" -q
[ "$(packages_of "$WORK/deb.json")" = "$(printf 'libfoo1\t1:1.2-3+deb12u1\tamd64')" ] || fail ".deb file"
echo "ok: .deb file"
