#!/bin/bash
# `kaiyuan version compare --stdin` agrees with the language ecosystems' own comparators on real
# versions: PyPA's packaging (PyPI) on the versions of the PyPA and PSF advisories and the Python
# lockfiles, maven-artifact's ComparableVersion (Maven) on the versions of the Gradle lockfiles and
# POMs, RubyGems' Gem::Version on the Gemfile.lock versions, composer/semver on the
# composer.lock versions, apk-tools' order (through its Go port
# go-apk-version) on the installed Alpine packages; each also on hand-made edge cases.
# The oracles are tools/version-oracles/*; an ecosystem whose oracle is not installed is skipped
# with a note, the test as a whole is skipped when none is.
source "$(dirname "$0")/lib.sh"
ORACLES="$HERE/../../tools/version-oracles"
PY=python3
python3 -c 'import packaging' 2>/dev/null || PY=/usr/bin/python3
[ -n "$SHARED" ] && [ -d "$SHARED/data/osv" ] || skip "../shared/data is absent: no real versions"
python3 - "$SHARED" "$WORK" "$HERE/../../examples" <<'PY'
import glob, os, random, re, sys
shared, work, examples = sys.argv[1:4]
random.seed(7)
def write(name, edge, versions, n):
    vs = sorted(set(versions) | set(edge))
    ps = [(a, b) for a in edge for b in edge]
    ps += [(random.choice(vs), random.choice(vs)) for _ in range(n)] + list(zip(vs, vs[1:]))
    with open(os.path.join(work, name + ".pairs"), "w") as f:
        for a, b in ps:
            if "\t" not in a + b and "\n" not in a + b:
                f.write(f"{a}\t{b}\n")
    print(f"{name}: {len(vs)} versions, {len(ps)} pairs")
# PyPI: every quoted or bare version in the advisories' versions/events, and the lockfiles' pins.
pypi = set()
ver = re.compile(r"^\s*(?:- |introduced: |fixed: |last_affected: )['\"]?([0-9A-Za-z.!+_-]+)['\"]?\s*$")
for f in glob.glob(os.path.join(shared, "data/osv/pypa/vulns/*/*.yaml")):
    for line in open(f, errors="replace"):
        m = ver.match(line)
        if m and m.group(1)[0].isdigit(): pypi.add(m.group(1))
for f in glob.glob(os.path.join(shared, "data/osv/psf/**/*.json"), recursive=True):
    pypi.update(re.findall(r'"(?:introduced|fixed|last_affected)": "([^"]+)"', open(f).read()))
for f in glob.glob(os.path.join(shared, "data/manifests/python/**/*"), recursive=True):
    if os.path.isfile(f):
        pypi.update(re.findall(r'(?:==|version = ")([0-9][0-9A-Za-z.!+_-]*)', open(f, errors="replace").read()))
write("pypi", ["1.0", "1.0.0", "1.0a1", "1.0a", "1.0alpha1", "1.0b2", "1.0c1", "1.0rc1",
               "1.0.dev0", "1.0.dev1", "1.0a1.dev1", "1.0.post1", "1.0-1", "1.0.post1.dev1",
               "1.0rev2", "1.0r", "1!0.1", "1.0+local", "1.0+local.1", "1.0+local.a",
               "1.0+1", "1.0+abc.5", "v1.0", "1.0.0.0.0", "01.0", "1.0-pre1", "1.0preview2",
               "1.0_a_1", "1.0.", "1.0+", "not a version", "1.0-dev", "1.0.RC1", " 1.0 "],
      pypi, 30000)
# Maven: gradle lockfile and POM versions.
maven = set()
for f in glob.glob(os.path.join(shared, "data/manifests/gradle/**/*.lockfile"), recursive=True):
    for line in open(f, errors="replace"):
        m = re.match(r"^[^#:]+:[^:]+:([^=]+)=", line)
        if m: maven.add(m.group(1))
for f in glob.glob(os.path.join(shared, "data/manifests/maven/**/pom.xml"), recursive=True):
    maven.update(v for v in re.findall(r"<version>([^<$]+)</version>", open(f, errors="replace").read()))
write("maven", ["1", "1.0", "1.0.0", "1-0", "1.0-SNAPSHOT", "1.0-alpha-1", "1.0a1", "1.0-beta",
                "1.0-b1", "1.0-milestone", "1.0-m2", "1.0-rc1", "1.0-cr1", "1.0-ga", "1.0-final",
                "1.0-sp", "1.0-sp1", "1.0-xyz", "1.0.RELEASE", "1.0.Final", "1.0-1", "1.0.1",
                "1..0", "1-", "1.0-0.1", "2.0.0-M1", "5.3.20", "1.0.0.Beta1", "1.0.jre",
                "31.1-jre", "31.1-android", "1.0-20230101.123456-1", "1.0.123456789012345678901",
                "X", "1.0-A", "1.0-a1-foo", "1.0.0.0-1.1"], maven, 20000)
# RubyGems: Gemfile.lock specs.
gems = set()
for f in glob.glob(os.path.join(shared, "data/manifests/rubygems/**/Gemfile.lock"), recursive=True):
    for line in open(f, errors="replace"):
        m = re.match(r"^\s{4}[^ ]+ \(([^)-]+)(?:-[a-z0-9_-]+)?\)$", line)
        if m: gems.add(m.group(1))
write("rubygems", ["1", "1.0", "1.0.0", "1.0.a", "1.0.a1", "1.0.b", "1.0.pre", "1.0.rc1",
                   "1.0-rc1", "1.0-1", "1.a", "1.A", "1.0.0.1", "0", "", " 1.0 ", "1a", "1.0.",
                   "1..0", "1.0-", "2.0.0.beta.2", "2.0.0.beta.10", "1.0.0.0.a", "01.0",
                   "1.0.0-x-y"], gems, 10000)
# apk: the installed database of the bundled Alpine root and the make-fixtures roots, and edge
# cases from apk-tools' own test list (leading zeros, letters, suffixes, revisions). Versions with
# "-" not followed by "r" are left out: there the Go port accepts what apk-tools refuses.
apk = set()
for f in [os.path.join(examples, "alpine-root/lib/apk/db/installed")] + \
         glob.glob(os.path.expanduser("~/.cache/kaiyuan-fixtures/*/lib/apk/db/installed")):
    if os.path.exists(f):
        for line in open(f, errors="replace"):
            if line.startswith("V:"): apk.add(line[2:].strip())
write("apk", ["1.0", "1.0-r0", "1.0-r1", "1.0-r10", "1.0_alpha", "1.0_alpha1", "1.0_beta2",
              "1.0_pre3", "1.0_rc1", "1.0_rc1-r2", "1.0_p1", "1.0_p2-r0", "1.0_git20230101",
              "1.0_cvs", "1.0_svn", "1.0_hg", "1.0a", "1.0b", "1.0.0", "1.00", "1.01", "1.1",
              "1.001", "01.0", "0.0", "2.36-r9", "3.0.11-r0", "1.2.3_rc1_p2", "1.0_foo", "1.0A",
              "1..0", "1.0-", "", "a", "20230101", "1.0_alpha_beta"], apk, 5000)
# Composer: the composer.lock versions and composer/semver's own edge cases (stabilities, v
# prefixes, branches, dates, build metadata, aliases).
composer = set()
for f in glob.glob(os.path.join(shared, "data/manifests/composer/**/composer.lock"), recursive=True):
    composer.update(re.findall(r'"version": "([^"]+)"', open(f, errors="replace").read()))
write("composer", ["1.0", "1.0.0", "1.0.0.0", "v1.0.0", "V1.0", "1.0-dev", "1.0.x-dev", "1.x-dev",
                   "dev-master", "dev-main", "master", "1.0-alpha1", "1.0-a1", "1.0alpha2",
                   "1.0-beta", "1.0-b3", "1.0-RC1", "1.0-rc.2", "1.0-patch1", "1.0-pl2",
                   "1.0-p3", "1.0-stable", "1.0+build.5", "1.0.0.1", "2023-01-02",
                   "20230102", "2023.01.02-dev", "1.0 as 2.0", "1.0@beta", "1.2.3.4.5",
                   "not a version", "123456.0", "1.0-foo", "0.0.1"], composer, 10000)
PY
checks=""
if $PY -c 'import packaging' 2>/dev/null; then
  $PY "$ORACLES/pep440.py" < "$WORK/pypi.pairs" > "$WORK/pypi.want"; checks+=" pypi:PyPI"
else echo "note: python3-packaging is not installed; PyPI not checked"; fi
if command -v java >/dev/null && [ -f "${MAVEN_ARTIFACT_JAR:-/usr/share/java/maven-artifact-3.x.jar}" ]; then
  bash "$ORACLES/maven.sh" < "$WORK/maven.pairs" > "$WORK/maven.want"; checks+=" maven:Maven"
else echo "note: java or maven-artifact is not installed; Maven not checked"; fi
if command -v ruby >/dev/null; then
  ruby "$ORACLES/rubygems.rb" < "$WORK/rubygems.pairs" > "$WORK/rubygems.want"; checks+=" rubygems:RubyGems"
else echo "note: ruby is not installed; RubyGems not checked"; fi
if command -v php >/dev/null && [ -f /usr/share/php/Composer/Semver/autoload.php ]; then
  php "$ORACLES/composer.php" < "$WORK/composer.pairs" > "$WORK/composer.want"; checks+=" composer:Packagist"
else echo "note: php-cli or php-composer-semver is not installed; Packagist not checked"; fi
if command -v go >/dev/null && [ -d /usr/share/gocode/src/github.com/knqyf263/go-apk-version ]; then
  (cd "$ORACLES" && GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$WORK/gocache" \
     go run apk.go) < "$WORK/apk.pairs" > "$WORK/apk.want"; checks+=" apk:Alpine:v3.19"
else echo "note: go or golang-github-knqyf263-go-apk-version-dev is not installed; apk not checked"; fi
[ -n "$checks" ] || skip "no oracle installed (python3-packaging, java with libmaven3-core-java, ruby)"
for check in $checks; do
  s=${check%%:*}; eco=${check#*:}
  "$KAIYUAN" version compare "$eco" --stdin < "$WORK/$s.pairs" | sed 's/^error: .*/error/' > "$WORK/$s.got"
  n=$(wc -l < "$WORK/$s.pairs")
  refused=$(grep -c '^error' "$WORK/$s.want" || true)
  if ! cmp -s "$WORK/$s.want" "$WORK/$s.got"; then
    paste "$WORK/$s.pairs" "$WORK/$s.want" "$WORK/$s.got" | awk -F'\t' '$3 != $4' | head -20 >&2
    fail "$eco: kaiyuan disagrees with the ecosystem's comparator"
  fi
  echo "ok: $eco agrees on $n pairs ($refused with a version the ecosystem refuses)"
done
