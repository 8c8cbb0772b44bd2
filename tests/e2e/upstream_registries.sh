#!/bin/bash
# kaiyuan upstream check over HTTP: an nvchecker watch list (tests/upstream/testdata/nvchecker)
# whose registries (PyPI, npm, crates.io, RubyGems, MetaCPAN) and regex page are a local server
# answering with the registries' answer formats (tests/upstream/testdata/registry), its github
# sources repositories built here with real tag sets; the packaged versions from its oldver file.
# Then an npm lockfile's components checked against the same npm registry, and a second run
# answered from the ETag cache (304). A missing package is said for it and the run goes on.
source "$(dirname "$0")/lib.sh"
need python3 git
cd "$WORK"
DATA="$HERE/../upstream/testdata"
R="$DATA/registry"
export GIT_COMMITTER_NAME=c GIT_COMMITTER_EMAIL=c@x GIT_AUTHOR_NAME=a GIT_AUTHOR_EMAIL=a@x

mkdir -p www/pypi/requests www/npm/@babel www/crates www/gems www/cpan www/gnu/bc
cp "$R/pypi-requests.json" www/pypi/requests/json
cp "$R/npm-left-pad.json" www/npm/left-pad
sed 's/"left-pad"/"@babel\/core"/g' "$R/npm-left-pad.json" > www/npm/@babel/core
cp "$R/cratesio-serde.json" www/crates/serde
cp "$R/rubygems-rack.json" www/gems/rack.json
cp "$R/metacpan-App-FatPacker.json" www/cpan/App-FatPacker
cp "$R/gnu-bc-listing.html" www/gnu/bc/index.html
python3 "$HERE/etag_server.py" www requests.log port & server=$!
trap 'kill $server 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do [ -s port ] && break; sleep 0.1; done
B="http://127.0.0.1:$(cat port)"

replay_tags "$DATA/zlib-tags.txt" mirror/madler/zlib.git
replay_tags "$DATA/curl-tags.txt" mirror/curl/curl.git
printf '[url "%s/mirror/"]\n\tinsteadOf = https://github.com/\n' "$WORK" > gitconfig

# The watch list as given, but its regex page on the local server and openssl (a github
# upstream not mirrored here) left as the failure to report.
sed "s|https://ftp.gnu.org/gnu/bc/|$B/gnu/bc/index.html|" "$DATA/nvchecker/nvchecker.toml" > nvchecker.toml
cp "$DATA/nvchecker/old_ver.json" .
REG=(--registry "pypi=$B/pypi" --registry "npm=$B/npm" --registry "cratesio=$B/crates"
     --registry "rubygem=$B/gems" --registry "metacpan=$B/cpan")

"$KAIYUAN" upstream check nvchecker.toml "${REG[@]}" --git-config gitconfig --cache cache \
  --timeout 10 -f json -o out.json 2> err.txt || fail "check failed: $(cat err.txt)"
grep -q "\[linux\]: source 'archpkg' is not read by kaiyuan" err.txt || fail "archpkg: $(cat err.txt)"
python3 - out.json <<'PY' || fail "nvchecker output"
import json, sys
d = json.load(open(sys.argv[1]))
p = {x["name"]: x for x in d["packages"]}
r = p["python-requests"]
assert r["standing"] == "behind" and r["newest"]["version"] == "2.32.3", r
assert r["newer"] == ["2.32.2", "2.32.3"] and r["daysBehind"] == 373, r  # 2.32.0 is yanked
assert p["left-pad"]["standing"] == "current", p["left-pad"]
assert p["serde"]["newer"] == ["1.0.215"], p["serde"]
assert p["ruby-rack"]["standing"] == "unknown" and p["ruby-rack"]["newest"]["version"] == "3.1.8"
assert p["perl-app-fatpacker"]["newest"]["version"] == "0.010008", p["perl-app-fatpacker"]
assert p["zlib"]["newest"]["version"] == "1.3.1" and p["zlib"]["releasesBehind"] == 2, p["zlib"]
assert p["curl"]["newest"]["version"] == "8.21.0", p["curl"]
assert p["bc"]["newest"]["version"] == "1.08.1" and p["bc"]["standing"] == "behind", p["bc"]
assert p["linux"]["standing"] == "unchecked", p["linux"]
assert p["openssl"]["standing"] == "unchecked", p["openssl"]
assert d["summary"]["unchecked"] == 2, d["summary"]
PY
echo "ok: nvchecker sources over HTTP and git, oldver, list options"

fresh=$(grep -c ' 200$' requests.log)
"$KAIYUAN" upstream check nvchecker.toml "${REG[@]}" --git-config gitconfig --cache cache \
  -f json -o again.json -q 2> /dev/null || fail "second check failed"
[ "$(grep -c ' 200$' requests.log)" = "$fresh" ] || fail "answers fetched again: $(cat requests.log)"
grep -q ' 304$' requests.log || fail "no conditional request answered 304"
python3 -c 'import json,sys; a,b=(json.load(open(f)) for f in sys.argv[1:]); assert a["packages"]==b["packages"]' \
  out.json again.json || fail "the cached answers read otherwise"
echo "ok: a second run asks with ETags and reads the kept answers"

cat > package-lock.json <<'JSON'
{"name": "app", "version": "1.0.0", "lockfileVersion": 3, "requires": true,
 "packages": {"": {"name": "app", "version": "1.0.0", "dependencies": {"left-pad": "^1.1.0", "@babel/core": "1.2.0", "gone": "1.0.0"}},
  "node_modules/left-pad": {"version": "1.1.3", "resolved": "https://example.org/left-pad-1.1.3.tgz"},
  "node_modules/@babel/core": {"version": "1.2.0", "resolved": "https://example.org/core-1.2.0.tgz"},
  "node_modules/gone": {"version": "1.0.0", "resolved": "https://example.org/gone-1.0.0.tgz"}}}
JSON
"$KAIYUAN" upstream check --components package-lock.json --registry "npm=$B/npm" --no-cache \
  -f json -o npm.json 2> npm.err || fail "components check failed: $(cat npm.err)"
grep -q "gone: not checked: .*HTTP 404" npm.err || fail "missing package: $(cat npm.err)"
python3 - npm.json <<'PY' || fail "components output"
import json, sys
d = json.load(open(sys.argv[1]))
p = {x["name"]: x for x in d["packages"]}
assert p["left-pad"]["standing"] == "behind" and p["left-pad"]["newer"] == ["1.2.0", "1.3.0"], p["left-pad"]
assert p["@babel/core"]["address"].endswith("/npm/@babel%2fcore"), p["@babel/core"]
assert p["gone"]["standing"] == "unchecked", p["gone"]
PY
echo "ok: a lockfile's components checked against their registry"
