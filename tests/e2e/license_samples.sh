#!/bin/bash
# License detection against SPDX's own test texts (../shared/data/spdx-license-list/match-samples,
# each file named after the license or exception it holds). Counts a sample right when the one
# license text found in it is the expected id or one whose text is the same words (GPL-2.0-only
# and GPL-2.0-or-later share a text). Licenses that the compiled-in list does not have (newer than
# its registry package) and exceptions (the package carries no exception texts) are counted apart.
source "$(dirname "$0")/lib.sh"
need python3
SAMPLES="$SHARED/data/spdx-license-list/match-samples"
[ -n "$SHARED" ] && [ -d "$SAMPLES" ] || skip "../shared/data/spdx-license-list is absent"
"$KAIYUAN" license "$SAMPLES" -f json -q -o "$WORK/samples.json" || fail "license scan"
python3 - "$WORK/samples.json" "$HERE/../../data/spdx/licenses.txt" "$HERE/../../data/spdx/ids.txt" <<'PY'
import json, os, sys
report = json.load(open(sys.argv[1]))
listed = {l.split("\t")[0][3:] for l in open(sys.argv[2], encoding="utf-8") if l.startswith("@@ ")}
exceptions = {l.split()[1] for l in open(sys.argv[3]) if l.startswith("E ")}
DEPRECATED_WITH = {"GPL-2.0-with-autoconf-exception": "Autoconf-exception-2.0",
    "GPL-3.0-with-autoconf-exception": "Autoconf-exception-3.0",
    "GPL-2.0-with-bison-exception": "Bison-exception-2.2",
    "GPL-2.0-with-classpath-exception": "Classpath-exception-2.0",
    "GPL-2.0-with-font-exception": "Font-exception-2.0",
    "GPL-2.0-with-GCC-exception": "GCC-exception-2.0", "GPL-3.0-with-GCC-exception": "GCC-exception-3.1",
    "eCos-2.0": "eCos-exception-2.0", "wxWindows": "WxWindows-exception-3.1"}
groups = {"listed license": [0, 0, []], "license newer than the list": [0, 0, []],
          "exception": [0, 0, []]}
for f in report["files"]:
    expected = os.path.basename(f["path"])[:-4].removeprefix("depreciate_")
    texts = [m for m in f["licenses"] if m["kind"] in ("text", "notice", "exception")]
    ids = set()
    if len(texts) == 1:
        ids = {texts[0]["expression"], *texts[0].get("sameTextAs", [])}
        # A deprecated license-plus-exception id is found as "<license> WITH <exception>".
        expression = texts[0]["expression"]
        if " WITH " in expression and DEPRECATED_WITH.get(expected) == expression.split(" WITH ")[1]:
            ids.add(expected)
    group = ("exception" if expected in exceptions or "exception" in expected.lower() else
             "listed license" if expected in listed or expected.rstrip("+") in listed
             else "license newer than the list")
    g = groups[group]
    g[1] += 1
    if expected in ids:
        g[0] += 1
    else:
        g[2].append(f"{expected} -> {sorted(m['expression'] for m in texts) or 'nothing'}")
for name, (right, total, misses) in groups.items():
    print(f"{name}: {right}/{total} exact ({100.0 * right / max(total, 1):.2f}%)")
    for m in misses[:40]:
        print("   miss:", m)
right, total = groups["listed license"][:2]
if right < 0.99 * total:
    sys.exit(f"FAIL: {right}/{total} listed licenses exact, under 99%")
PY
