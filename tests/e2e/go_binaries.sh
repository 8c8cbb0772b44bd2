#!/bin/bash
# The modules kaiyuan reads from Go binaries equal what `go version -m` prints for them: a
# program built here with a replaced local dependency, and every tool of the Go toolchain.
source "$(dirname "$0")/lib.sh"
need go python3

export GOFLAGS=-mod=mod GOPROXY=off GOCACHE="$WORK/gocache" GOPATH="$WORK/gopath" HOME="$WORK"
mkdir -p "$WORK/src/app" "$WORK/src/dep" "$WORK/bin"
cat > "$WORK/src/dep/go.mod" <<'MOD'
module example.invalid/dep

go 1.19
MOD
printf 'package dep\n\nfunc Hello() string { return "hi" }\n' > "$WORK/src/dep/dep.go"
cat > "$WORK/src/app/go.mod" <<'MOD'
module example.invalid/app

go 1.19

require example.invalid/dep v1.2.3

replace example.invalid/dep v1.2.3 => ../dep
MOD
printf 'package main\n\nimport (\n\t"fmt"\n\t"example.invalid/dep"\n)\n\nfunc main() { fmt.Println(dep.Hello()) }\n' > "$WORK/src/app/main.go"
(cd "$WORK/src/app" && go build -o "$WORK/bin/app" .) || fail "go build"
# The toolchain's own programs carry build information too (no extension: found by magic).
for t in "$(go env GOTOOLDIR)"/*; do cp "$t" "$WORK/bin/" 2>/dev/null || true; done

"$KAIYUAN" scan "$WORK/bin" -f json -o "$WORK/got.json" -q
python3 - "$WORK/got.json" "$WORK/bin" <<'PY' || fail "modules differ from go version -m"
import json, os, subprocess, sys
got = {}
for c in json.load(open(sys.argv[1]))["components"]:
    for loc in c["locations"]:
        got.setdefault(loc["path"], set()).add((c["name"], c["version"]))
bad = 0
checked = 0
for f in sorted(os.listdir(sys.argv[2])):
    out = subprocess.run(["go", "version", "-m", os.path.join(sys.argv[2], f)],
                         capture_output=True, text=True)
    if out.returncode != 0:
        continue
    want = set()
    lines = out.stdout.splitlines()
    go_version = lines[0].split(": ", 1)[1].strip()
    want.add(("stdlib", go_version.removeprefix("go").split(" ")[0]))
    # Without a main module (the toolchain's commands) the main package names the program.
    if not any(l.strip().startswith("mod\t") for l in lines):
        want.update((l.strip().split("\t")[1], "") for l in lines if l.strip().startswith("path\t"))
    for i, line in enumerate(lines[1:], 1):
        f_ = line.strip().split("\t")
        if f_[0] == "mod":
            want.add((f_[1], "" if f_[2] == "(devel)" else f_[2]))
        elif f_[0] == "dep":
            nxt = lines[i + 1].strip().split("\t") if i + 1 < len(lines) else []
            if nxt and nxt[0] == "=>":
                want.add((nxt[1], "" if nxt[2] == "(devel)" else nxt[2]))
            else:
                want.add((f_[1], f_[2]))
    checked += 1
    if got.get(f, set()) != want:
        bad += 1
        print(f, "want", sorted(want), "got", sorted(got.get(f, set())), file=sys.stderr)
print(f"checked {checked} Go binaries")
sys.exit(1 if bad or checked < 2 else 0)
PY
grep -q '"kaiyuan:go:replaces": "example.invalid/dep@v1.2.3"' "$WORK/got.json" || fail "replacement not recorded"
echo "PASS"
