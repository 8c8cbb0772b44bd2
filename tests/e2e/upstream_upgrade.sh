#!/bin/bash
# kaiyuan upstream upgrade on a package repository in the src-openeuler layout: the real
# zlib.spec of src-openeuler (1.2.11, Release 19) with its old archive and three of its patches,
# a new release served by a local HTTP server, built here so that one patch is already in it,
# one still applies and one no longer does. Checked: the spec's Version, Release and %changelog,
# the archive replaced, the patches' fates, the commit on a new branch; a failed download and
# uncommitted changes leave everything as it was; Fedora's `sources` file gets the checksum;
# without --to the version is the newest release of the upstream zlib.yaml describes.
source "$(dirname "$0")/lib.sh"
need python3 git patch tar xz
cd "$WORK"
DATA="$HERE/../upstream/testdata"

# The releases: 1.2.11 as the repository holds it, 1.3.1 with the minizip fix taken upstream.
mkdir -p old/zlib-1.2.11/contrib/minizip
printf 'int crypt_check(void) {\n    return 0;\n}\n' > old/zlib-1.2.11/contrib/minizip/unzip.c
printf 'static int window_size = 15;\nstatic int level = 6;\n' > old/zlib-1.2.11/deflate.c
printf 'int inflate_fast(void) {\n    return 1;\n}\n' > old/zlib-1.2.11/inffast.c
cp -r old/zlib-1.2.11 new-zlib-1.3.1 && mv new-zlib-1.3.1 zlib-1.3.1
printf 'int crypt_check(void) {\n    return 1;\n}\n' > zlib-1.3.1/contrib/minizip/unzip.c
printf 'int inflate_fast(void) {\n    int x = 2;\n    return x;\n}\n' > zlib-1.3.1/inffast.c
mkdir -p www && tar -cJf www/zlib-1.3.1.tar.xz zlib-1.3.1
(cd old && tar -cJf ../zlib-1.2.11.tar.xz zlib-1.2.11)

mkpatch() { # mkpatch FILE PATH OLD_TEXT NEW_TEXT: a -p1 patch of PATH in 1.2.11
  mkdir -p a/$(dirname "$2") b/$(dirname "$2")
  printf "$3" > "a/$2"; printf "$4" > "b/$2"
  diff -u "a/$2" "b/$2" > "$1" || true
  rm -rf a b
}
package() { # package DIR: the package repository, committed
  mkdir -p "$1"
  cp "$DATA/src-openeuler/zlib/zlib.spec" zlib-1.2.11.tar.xz "$1/"
  mkpatch "$1/zlib-1.2.5-minizip-fixuncrypt.patch" contrib/minizip/unzip.c \
    'int crypt_check(void) {\n    return 0;\n}\n' 'int crypt_check(void) {\n    return 1;\n}\n'
  mkpatch "$1/fix-undefined-buffer-detected-by-oss-fuzz.patch" deflate.c \
    'static int window_size = 15;\nstatic int level = 6;\n' 'static int window_size = 15;\nstatic int level = 9;\n'
  mkpatch "$1/0001-Neon-Optimized-hash-chain-rebase.patch" inffast.c \
    'int inflate_fast(void) {\n    return 1;\n}\n' 'int inflate_fast(void) {\n    return 3;\n}\n'
  git -c init.defaultBranch=master init -q "$1"
  git -C "$1" config user.name "Li Lei"
  git -C "$1" config user.email "lilei@example.org"
  git -C "$1" add -A && git -C "$1" commit -q -m "zlib 1.2.11"
}
package zlib
python3 "$HERE/etag_server.py" www requests.log port & server=$!
trap 'kill $server 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do [ -s port ] && break; sleep 0.1; done
B="http://127.0.0.1:$(cat port)"
before=$(git -C zlib rev-parse HEAD)

# A release that cannot be downloaded: nothing changes.
"$KAIYUAN" upstream upgrade zlib --to 1.3.1 --source-url "$B/gone-%{version}.tar.xz" -f json \
  -o failed.json 2> failed.err && fail "a failed download must fail"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert not d["ok"] and d["failedStep"]=="download" and "404" in d["error"], d' failed.json || fail "failed report: $(cat failed.json)"
[ -z "$(git -C zlib status --porcelain)" ] || fail "files changed by a failed upgrade: $(git -C zlib status --porcelain)"
[ "$(git -C zlib rev-parse HEAD)" = "$before" ] && ! git -C zlib rev-parse -q --verify upgrade/zlib-1.3.1 >/dev/null || fail "a branch was left behind"
echo "ok: a failed download changes nothing"

# Uncommitted changes to the spec: refused before anything is fetched.
echo "# local edit" >> zlib/zlib.spec
"$KAIYUAN" upstream upgrade zlib --to 1.3.1 --source-url "$B/zlib-%{version}.tar.xz" -q -f json -o dirty.json 2>/dev/null && fail "uncommitted changes must refuse"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["failedStep"]=="git" and "uncommitted" in d["error"]' dirty.json || fail "dirty: $(cat dirty.json)"
git -C zlib checkout -q zlib.spec
echo "ok: uncommitted changes refused"

"$KAIYUAN" upstream upgrade zlib --to 1.3.1 --source-url "$B/zlib-%{version}.tar.xz" -f json \
  -o up.json 2> up.err || fail "upgrade failed: $(cat up.err) $(cat up.json)"
python3 - up.json <<'PY' || fail "upgrade report: $(cat up.json)"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["ok"] and d["from"] == "1.2.11" and d["to"] == "1.3.1", d
assert d["sourceFile"] == "zlib-1.3.1.tar.xz" and d["removedSource"] == "zlib-1.2.11.tar.xz", d
assert d["branch"] == "upgrade/zlib-1.3.1" and len(d["commit"]) == 40, d
fate = {p["file"]: p["fate"] for p in d["patches"]}
assert fate["zlib-1.2.5-minizip-fixuncrypt.patch"] == "already-upstream", fate
assert fate["fix-undefined-buffer-detected-by-oss-fuzz.patch"] == "applies", fate
assert fate["0001-Neon-Optimized-hash-chain-rebase.patch"] == "does-not-apply", fate
assert fate["0002-Porting-optimized-longest_match.patch"] == "missing", fate
PY
[ "$(git -C zlib rev-parse --abbrev-ref HEAD)" = "upgrade/zlib-1.3.1" ] || fail "HEAD is not on the new branch"
[ -z "$(git -C zlib status --porcelain)" ] || fail "not all committed: $(git -C zlib status --porcelain)"
git -C zlib show --stat HEAD | grep -q "zlib-1.2.11.tar.xz" || fail "old archive not removed in the commit"
cmp -s zlib/zlib-1.3.1.tar.xz www/zlib-1.3.1.tar.xz || fail "the archive committed is not the release"
grep -q '^Version:          1.3.1$' zlib/zlib.spec || fail "Version: $(grep ^Version zlib/zlib.spec)"
grep -q '^Release:          1$' zlib/zlib.spec || fail "Release: $(grep ^Release zlib/zlib.spec)"
today=$(LC_ALL=C date -u '+%a %b %d %Y')
sed -n '/^%changelog/,+4p' zlib/zlib.spec > changelog.txt
[ "$(sed -n 2p changelog.txt)" = "* $today Li Lei <lilei@example.org> - 1.3.1-1" ] || fail "changelog: $(cat changelog.txt)"
[ "$(sed -n 3p changelog.txt)" = "- update to 1.3.1" ] && [ -z "$(sed -n 4p changelog.txt)" ] || fail "changelog: $(cat changelog.txt)"
[ "$(sed -n 5p changelog.txt)" = "* Thu Sep 2 2021 liqiang <liqiang64@huawei.com> - 1.2.11-19" ] || fail "older entries: $(cat changelog.txt)"
[ "$(git -C zlib diff --numstat HEAD~1 -- zlib.spec | cut -f1,2)" = "$(printf '5\t2')" ] || fail "more of the spec changed: $(git -C zlib diff HEAD~1 -- zlib.spec)"
echo "ok: Version, Release, %changelog, archive replaced, patches tried, committed on upgrade/zlib-1.3.1"

# Fedora's layout: the archive stays out of git, `sources` holds its checksum.
package fedora && git -C fedora rm -q --cached zlib-1.2.11.tar.xz && rm fedora/zlib-1.2.11.tar.xz
printf 'SHA512 (zlib-1.2.11.tar.xz) = %s\n' "$(sha512sum zlib-1.2.11.tar.xz | cut -d' ' -f1)" > fedora/sources
git -C fedora add sources && git -C fedora commit -q -m sources
"$KAIYUAN" upstream upgrade fedora --to 1.3.1 --source-url "$B/zlib-%{version}.tar.xz" \
  --packager "Robot <robot@example.org>" --branch update-1.3.1 -q -f json -o fedora.json || fail "fedora: $(cat fedora.json)"
[ "$(cat fedora/sources)" = "SHA512 (zlib-1.3.1.tar.xz) = $(sha512sum www/zlib-1.3.1.tar.xz | cut -d' ' -f1)" ] || fail "sources: $(cat fedora/sources)"
[ ! -e fedora/zlib-1.3.1.tar.xz ] || fail "the archive was written into a layout that keeps checksums"
git -C fedora log -1 --format='%an <%ae> %s' | grep -q '^Robot <robot@example.org> Update zlib to 1.3.1$' || fail "commit: $(git -C fedora log -1 --format='%an <%ae> %s')"
echo "ok: Fedora's sources file, --packager, --branch"

# Without --to: the newest release of the upstream that zlib.yaml describes (openEuler-Advisor's
# real file), read through a mirror holding zlib's real tags.
package newest && cp "$DATA/upstream-info/zlib.yaml" newest/ && git -C newest add zlib.yaml && git -C newest commit -q -m yaml
replay_tags "$DATA/zlib-tags.txt" mirror/madler/zlib.git
printf '[url "%s/mirror/"]\n\tinsteadOf = https://github.com/\n' "$WORK" > gitconfig
"$KAIYUAN" upstream upgrade newest --git-config gitconfig --source-url "$B/zlib-%{version}.tar.xz" \
  -q -f json -o newest.json || fail "upgrade to the newest: $(cat newest.json)"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["ok"] and d["to"] == "1.3.1", d' newest.json || fail "newest: $(cat newest.json)"
echo "ok: without --to, the newest upstream release"
