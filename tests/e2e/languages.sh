#!/bin/bash
# The language catalogers through the CLI: the bundled polyglot example gives each ecosystem's
# packages with purls, scopes and direct marks; --catalogers narrows a scan; a broken lockfile
# is reported with its file and the rest of the scan goes on.
source "$(dirname "$0")/lib.sh"
need python3
POLY="$HERE/../../examples/polyglot-app"
cp -r "$POLY" "$WORK/app"
printf '{"lockfileVersion": 3, "packages": {"": {"name": "x"' > "$WORK/app/web/package-lock.json" # cut short
"$KAIYUAN" scan "$WORK/app" -f json -o "$WORK/all.json" 2> "$WORK/stderr" || fail "scan exited $?"
python3 - "$WORK/all.json" <<'PY' || fail "polyglot scan"
import json, sys
d = json.load(open(sys.argv[1]))
by = {}
for c in d["components"]:
    by.setdefault(c["packageType"], set()).add(c["purl"])
want = {"npm": 8, "pypi": 5, "cargo": 2, "golang": 3, "vcpkg": 4}
got = {k: len(v) for k, v in by.items()}
assert got == want, (got, want)
comps = {c["purl"]: c for c in d["components"]}
assert comps["pkg:pypi/django@4.2.11"]["properties"]["kaiyuan:python:pinned-by"] == "constraints"
assert comps["pkg:npm/typescript@5.4.5"]["properties"]["kaiyuan:scope"] == "dev"
assert comps["pkg:golang/github.com/spf13/cobra@v1.8.0"]["properties"]["kaiyuan:direct"] == "true"
assert "kaiyuan:direct" not in comps["pkg:golang/github.com/spf13/pflag@v1.0.5"]["properties"]
diags = [x for x in d["diagnostics"] if x["path"] == "web/package-lock.json"]
assert diags and "JSON" in diags[0]["message"], d["diagnostics"]
print("ok:", got)
PY
grep -q "web/package-lock.json" "$WORK/stderr" || fail "the broken lockfile is not named on stderr"
"$KAIYUAN" scan "$WORK/app" --catalogers 'python-*,rust-cargo-lock' -f json -o "$WORK/some.json" -q
python3 -c 'import json,sys; t={c["packageType"] for c in json.load(open(sys.argv[1]))["components"]}; sys.exit(t != {"pypi","cargo"})' "$WORK/some.json" || fail "--catalogers"
# A lockfile named on its own is scanned as that one file.
"$KAIYUAN" scan "$WORK/app/tools/Cargo.lock" -f json -o "$WORK/one.json" -q
python3 -c 'import json,sys; sys.exit(len(json.load(open(sys.argv[1]))["components"]) != 2)' "$WORK/one.json" || fail "a single Cargo.lock"
set +e
"$KAIYUAN" scan "$WORK/app" --catalogers nothing-like-this -q > /dev/null 2>&1
[ $? -eq 2 ] || fail "an unknown cataloger is a usage error (exit 2)"
echo PASS
