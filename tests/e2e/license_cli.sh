#!/bin/bash
# `kaiyuan license` end to end on a tree made here: license files, notices, tags, a binary, an
# oversized file, a symlink loop, invalid UTF-8; every output format (SPDX 2.3 checked against the
# official schema when ../shared has it); --policy naming the file and license and exiting 1.
source "$(dirname "$0")/lib.sh"
need python3
T="$WORK/tree"
mkdir -p "$T/src" "$T/vendor/lib" "$T/loop"
# Texts for the tree come from kaiyuan's own compiled-in list, via the notice output of a tag.
printf '// SPDX-License-Identifier: MIT\n' > "$WORK/mit.c"
"$KAIYUAN" license "$WORK/mit.c" -f notice -q -o "$WORK/mit.notice"
# The project's own LICENSE carries its own copyright line, which the notice must ship.
sed -n '/^MIT License$/,$p' "$WORK/mit.notice" | sed 's/<year> <copyright holders>/2024 Example Project Authors/' > "$T/LICENSE"
grep -q "Permission is hereby granted" "$T/LICENSE" || fail "MIT text not in the notice output"
grep -q "2024 Example Project Authors" "$T/LICENSE" || fail "could not make the project's LICENSE"
# Version control metadata is not read (a tag in .git/ is no license of the tree).
mkdir -p "$T/.git/objects"
printf '# SPDX-License-Identifier: GPL-3.0-only\n' > "$T/.git/objects/blob"
cat > "$T/src/main.c" <<'C'
/*
 * Copyright (c) 2024 Example Corp. <legal@example.org>
 *
 * This program is free software; you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation; either version 2 of the License, or
 * (at your option) any later version.
 */
int main(void) { return 0; }
C
printf '# Copyright 2023 Jane Doe\n# SPDX-License-Identifier: Apache-2.0 OR MIT\n' > "$T/vendor/lib/a.py"
printf '# SPDX-License-Identifier: AGPL-3.0-only\n' > "$T/vendor/lib/net.py"
printf '\x7fELF\x02\x01\x01\x00\x00\x00 Copyright (c) 2020 Nobody\n' > "$T/bin.so"
printf 'caf\xe9 \xff\xfe Copyright (c) 2021 Latin One\n' > "$T/latin1.txt"
head -c 3000000 /dev/zero | tr '\0' 'x' > "$T/big.txt"
ln -s .. "$T/loop/up"

"$KAIYUAN" license "$T" -f json -o "$WORK/out.json" --max-file-mb 2 2> "$WORK/err.txt" ||
  fail "license scan: $(cat "$WORK/err.txt")"
grep -q "big.txt" "$WORK/err.txt" || fail "the oversized file is not named on stderr"
python3 - "$WORK/out.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
files = {f["path"]: f for f in d["files"]}
def ids(p): return [m["expression"] for m in files[p]["licenses"]]
assert ids("LICENSE") == ["MIT"], ids("LICENSE")
assert ids("src/main.c") == ["GPL-2.0-or-later"], ids("src/main.c")
m = files["src/main.c"]["licenses"][0]
assert (m["kind"], m["startLine"], m["endLine"]) == ("notice", 4, 7), m
assert files["src/main.c"]["copyrights"][0]["holder"] == "Example Corp.", files["src/main.c"]["copyrights"]
assert ids("vendor/lib/a.py") == ["Apache-2.0 OR MIT"], ids("vendor/lib/a.py")
assert files["bin.so"]["skipped"] == "binary", files["bin.so"]
assert files["latin1.txt"]["copyrights"][0]["holder"] == "Latin One"
assert "big.txt" not in files
assert not any(p.startswith("loop/up/") for p in files), "followed a symlink loop"
print("ok: findings per file (%d files)" % len(files))
PY
"$KAIYUAN" license "$T" -f spdx-json -o "$WORK/out.spdx.json" -q || fail "spdx-json"
if [ -n "$SHARED" ] && [ -d "$SHARED/data/schemas" ]; then
  python3 "$HERE/validate_schema.py" "$SHARED/data/schemas" spdx23 "$WORK/out.spdx.json" ||
    fail "SPDX 2.3 document does not validate"
  echo "ok: spdx-json validates against the SPDX 2.3 schema"
fi
python3 - "$WORK/out.spdx.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
files = {f["fileName"]: f for f in d["files"]}
assert files["./src/main.c"]["licenseInfoInFiles"] == ["GPL-2.0-or-later"]
assert files["./bin.so"]["licenseInfoInFiles"] == ["NOASSERTION"]
assert "AGPL-3.0-only" in d["packages"][0]["licenseInfoFromFiles"]
PY
"$KAIYUAN" license "$T" -f notice -q -o "$WORK/NOTICE" || fail "notice"
grep -q "^  Jane Doe$" "$WORK/NOTICE" || fail "holder missing from the notice"
grep -q "Apache License" "$WORK/NOTICE" || fail "Apache-2.0 text missing from the notice"
grep -q "^(as in LICENSE)$" "$WORK/NOTICE" || fail "the project's own MIT text is not the one shipped"
grep -q "Copyright (c) 2024 Example Project Authors" "$WORK/NOTICE" || fail "the project's copyright line is missing"
grep -q "<copyright holders>" "$WORK/NOTICE" && fail "SPDX's template shipped instead of the project's text"
grep -q "(GPL-3.0-only)" "$WORK/NOTICE" && fail ".git/ was read"
"$KAIYUAN" license "$T" -f json -o /dev/null 2> "$WORK/vcs.err" || true
grep -q "^kaiyuan: info: .git/: not read: version control metadata" "$WORK/vcs.err" || fail "no word of the skipped .git/: $(cat "$WORK/vcs.err")"
"$KAIYUAN" license "$T" -f json -q --skip-dirs '' -o "$WORK/with-git.json"
grep -q "\"GPL-3.0-only\"" "$WORK/with-git.json" || fail "--skip-dirs '' did not read .git/"
echo "ok: notice lists holders and the project's own texts; VCS metadata skipped unless asked"

printf 'allow-categories: [permissive, public-domain]\ndeny: [AGPL-3.0-only]\n' > "$WORK/policy.yaml"
set +e
"$KAIYUAN" license "$T" -f json -o "$WORK/p.json" --policy "$WORK/policy.yaml" 2> "$WORK/perr.txt"
rc=$?
set -e
[ "$rc" = 1 ] || fail "policy violation exit code $rc, want 1"
grep -q "vendor/lib/net.py:1: AGPL-3.0-only: AGPL-3.0-only is denied" "$WORK/perr.txt" ||
  fail "violation not named: $(cat "$WORK/perr.txt")"
grep -q "src/main.c:4: GPL-2.0-or-later" "$WORK/perr.txt" || fail "GPL notice not reported"
if grep -q "vendor/lib/a.py" "$WORK/perr.txt"; then fail "Apache-2.0 OR MIT is acceptable"; fi
echo "ok: --policy names each file and license and exits 1"

# scan --licenses: the bundled Debian root's packages get licenses from the files they own.
"$KAIYUAN" scan "$HERE/../../examples/debian-root" --licenses -f json -o "$WORK/deb.json" -q ||
  fail "scan --licenses"
python3 - "$WORK/deb.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
by = {c["name"]: c for c in d["components"]}
assert by["zlib1g"]["licenseConcluded"] == "Zlib", by["zlib1g"].get("licenseConcluded")
assert by["zlib1g"]["licenseDeclared"] == "Zlib"
n = sum(1 for c in d["components"] if c.get("licenseConcluded"))
assert n >= 5, n
print(f"ok: scan --licenses concludes licenses for {n} packages")
PY

# --license-data: a list in SPDX's machine-readable layout (written here; not the SPDX list) adds
# an exception text, which then joins the GPL notice beside it; a directory that is not a list is
# an error naming the file.
L="$WORK/list/json"
mkdir -p "$L/details" "$L/exceptions"
echo '{"licenseListVersion": "0.1", "licenses": []}' > "$L/licenses.json"
EXC="As a special harbour exception, the holders of this program let you ship it together with kite modules under any terms at all, and doing so does not put those kite modules under the license of this program."
printf '{"licenseListVersion": "0.1", "exceptions": [{"licenseExceptionId": "Harbour-kite-exception", "name": "Harbour"}]}\n' > "$L/exceptions.json"
printf '{"licenseExceptionText": "%s"}\n' "$EXC" > "$L/exceptions/Harbour-kite-exception.json"
set +e
"$KAIYUAN" license "$T" --license-data "$L" -q -f json -o /dev/null 2> "$WORK/lderr.txt"
rc=$?
set -e
[ "$rc" = 2 ] && grep -q "licenses.json: no license with its text" "$WORK/lderr.txt" ||
  fail "an empty list: exit $rc, $(cat "$WORK/lderr.txt")"
echo '{"licenseListVersion": "0.1", "licenses": [{"licenseId": "Harbour-1.0"}]}' > "$L/licenses.json"
echo '{"licenseText": "Harbour License 1.0: the kites may fly wherever the wind takes them, painted or plain."}' > "$L/details/Harbour-1.0.json"
mkdir -p "$WORK/ld"
{ printf '/* This program is free software; you can redistribute it and/or modify it under the\n'
  printf ' * terms of the GNU General Public License as published by the Free Software Foundation;\n'
  printf ' * either version 2 of the License, or (at your option) any later version.\n *\n'
  printf ' * %s\n */\n' "$EXC"; } > "$WORK/ld/kite.c"
KAIYUAN_LICENSE_DATA="$L" "$KAIYUAN" license "$WORK/ld" -f json -o "$WORK/ld.json" 2> "$WORK/lderr.txt" ||
  fail "license with KAIYUAN_LICENSE_DATA"
grep -q "license list 0.1 from $L: 1 licenses, 1 exceptions" "$WORK/lderr.txt" ||
  fail "the list read is not named: $(cat "$WORK/lderr.txt")"
python3 - "$WORK/ld.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
found = [m["expression"] for f in d["files"] for m in f["licenses"]]
assert found == ["GPL-2.0-or-later WITH Harbour-kite-exception"], found
PY
# scan reads the list only with --licenses, and says so when it was named for nothing.
"$KAIYUAN" scan "$WORK/ld" --license-data "$L" -f cyclonedx-json -o /dev/null 2> "$WORK/lderr.txt" ||
  fail "scan with --license-data"
grep -q "warning: --license-data $L not read: it is used only with --licenses" "$WORK/lderr.txt" ||
  fail "scan ignored --license-data silently: $(cat "$WORK/lderr.txt")"
KAIYUAN_LICENSE_DATA="$L" "$KAIYUAN" scan "$WORK/ld" -f cyclonedx-json -o /dev/null 2> "$WORK/lderr.txt" ||
  fail "scan with KAIYUAN_LICENSE_DATA"
! grep -q "license-data" "$WORK/lderr.txt" || fail "a standing KAIYUAN_LICENSE_DATA warns: $(cat "$WORK/lderr.txt")"
echo "ok: --license-data adds an exception text; an empty list is refused; scan says when it is unused"

# References: a license named without its text counts, and every output says it is a reference.
R="$WORK/refs"
mkdir -p "$R"
printf '/**\n * @license MIT\n */\nexport const x = 1;\n' > "$R/index.js"
printf '# Bundled: a (licensed under the MIT license), b (released under the Apache License 2.0),\n# c (distributed under the GNU GPL v2 or later), d (licensed under the ISC license).\n' > "$R/README.md"
"$KAIYUAN" license "$R" -f json -q -o "$WORK/refs.json" || fail "license on references"
python3 - "$WORK/refs.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
by = {f["path"]: f["licenses"] for f in d["files"]}
assert [(m["kind"], m["expression"], m["score"]) for m in by["index.js"]] == [("reference", "MIT", 70)], by
# A list of four licenses in prose is mentions: clues, not the file's license.
assert {m["kind"] for m in by["README.md"]} == {"clue"}, by["README.md"]
PY
"$KAIYUAN" license "$R" -f notice -q -o "$WORK/refs.notice" || fail "notice on references"
grep -q "MIT (MIT License), 1 file (named only by reference, without its text, in all)" "$WORK/refs.notice" ||
  fail "the notice does not say MIT is only named: $(head -8 "$WORK/refs.notice")"
"$KAIYUAN" license "$R" -f spdx-json -q -o "$WORK/refs.spdx.json" || fail "spdx on references"
grep -q 'named by reference, without its text: MIT (line 2' "$WORK/refs.spdx.json" ||
  fail "the SPDX file comment does not name the reference"
echo "ok: references count as the file's license and say so in json, notice and spdx-json; a license list is clues"
