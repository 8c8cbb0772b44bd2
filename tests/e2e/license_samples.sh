#!/bin/bash
# License detection against SPDX's own test texts (../shared/data/spdx-license-list/match-samples,
# each file named after the license or exception it holds). Counts a sample right when the one
# license text found in it is the expected id or one whose text is the same words (GPL-2.0-only
# and GPL-2.0-or-later share a text).
#  1. With the compiled-in list: licenses it lists must be 99% exact; licenses newer than its
#     registry package and exceptions (the package carries no exception texts) are counted apart.
#  2. With --license-data on SPDX's machine-readable list (../shared/data/spdx-license-list/json,
#     release 3.28): the licenses and exceptions it lists, 99% exact. Samples of ids newer than
#     the list in use are counted apart in both.
source "$(dirname "$0")/lib.sh"
need python3
SAMPLES="$SHARED/data/spdx-license-list/match-samples"
LIST_DATA="$SHARED/data/spdx-license-list/json"
[ -n "$SHARED" ] && [ -d "$SAMPLES" ] || skip "../shared/data/spdx-license-list is absent"
"$KAIYUAN" license "$SAMPLES" -f json -q -o "$WORK/samples.json" || fail "license scan"
"$KAIYUAN" license "$SAMPLES" -f json -q --license-data "$LIST_DATA" -o "$WORK/samples-data.json" ||
  fail "license scan with --license-data"
evaluate() { # REPORT MODE(compiled|loaded)
python3 - "$1" "$2" "$HERE/../../data/spdx/licenses.txt" "$HERE/../../data/spdx/ids.txt" "$LIST_DATA" <<'PY'
import json, os, sys
report = json.load(open(sys.argv[1]))
loaded = sys.argv[2] == "loaded"
if loaded:
    listed = {l["licenseId"] for l in json.load(open(sys.argv[5] + "/licenses.json"))["licenses"]}
    exceptions = {e["licenseExceptionId"]
                  for e in json.load(open(sys.argv[5] + "/exceptions.json"))["exceptions"]}
else:
    listed = {l.split("\t")[0][3:] for l in open(sys.argv[3], encoding="utf-8") if l.startswith("@@ ")}
    exceptions = {l.split()[1] for l in open(sys.argv[4]) if l.startswith("E ")}
# SPDX ids match case-insensitively (SPDX 2.3 Annex D): "depreciate_WXwindows.txt" is wxWindows.
listed = {i.lower() for i in listed}
exceptions = {i.lower() for i in exceptions}
DEPRECATED_WITH = {"GPL-2.0-with-autoconf-exception": "Autoconf-exception-2.0",
    "GPL-3.0-with-autoconf-exception": "Autoconf-exception-3.0",
    "GPL-2.0-with-bison-exception": "Bison-exception-2.2",
    "GPL-2.0-with-classpath-exception": "Classpath-exception-2.0",
    "GPL-2.0-with-font-exception": "Font-exception-2.0",
    "GPL-2.0-with-GCC-exception": "GCC-exception-2.0", "GPL-3.0-with-GCC-exception": "GCC-exception-3.1",
    "eCos-2.0": "eCos-exception-2.0", "wxWindows": "WxWindows-exception-3.1"}
DEPRECATED_WITH = {k.lower(): v.lower() for k, v in DEPRECATED_WITH.items()}
# Deprecated ids whose text SPDX says is another license's (the list's "deprecated" notes): kaiyuan
# reports the current id, as SPDX asks.
DEPRECATED_AS = {"bsd-2-clause-netbsd": "bsd-2-clause", "bsd-2-clause-freebsd": "bsd-2-clause-views",
                 "nunit": "zlib-acknowledgement", "bzip2-1.0.5": "bzip2-1.0.6",
                 "standardml-nj": "smlnj"}
groups = {"listed license": [0, 0, []], "listed exception": [0, 0, []],
          "not on the list (newer than it)": [0, 0, []]}
for f in report["files"]:
    expected = os.path.basename(f["path"])[:-4].removeprefix("depreciate_").lower()
    texts = [m for m in f["licenses"] if m["kind"] in ("text", "notice", "exception")]
    ids = set()
    if len(texts) == 1:
        expression = texts[0]["expression"].lower()
        ids = {expression, *(i.lower() for i in texts[0].get("sameTextAs", []))}
        # An exception found with the license grant beside it ("GPL-2.0-only WITH
        # 389-exception") names it; so does a deprecated license-plus-exception id.
        if " with " in expression:
            exception = expression.split(" with ")[1]
            if exception == expected or DEPRECATED_WITH.get(expected) == exception:
                ids.add(expected)
        if DEPRECATED_AS.get(expected) in ids:
            ids.add(expected)
        # "GPL-1.0+" is deprecated for "GPL-1.0-or-later" (SPDX 3.0 list notes).
        if expected.endswith("+") and expected[:-1] + "-or-later" in ids:
            ids.add(expected)
    group = ("listed license" if expected in listed or expected.rstrip("+") in listed else
             "listed exception" if expected in exceptions else "not on the list (newer than it)")
    g = groups[group]
    g[1] += 1
    if expected in ids:
        g[0] += 1
    else:
        g[2].append(f"{expected} -> {sorted(m['expression'] for m in texts) or 'nothing'}")
print("with the license list read from --license-data" if loaded else
      "with the compiled-in list (no exception texts: no registry package carries them)")
for name, (right, total, misses) in groups.items():
    print(f"  {name}: {right}/{total} exact ({100.0 * right / max(total, 1):.2f}%)")
    for m in misses[:40]:
        print("     miss:", m)
everything = sum(g[0] for g in groups.values()), sum(g[1] for g in groups.values())
print(f"  all samples: {everything[0]}/{everything[1]} exact "
      f"({100.0 * everything[0] / everything[1]:.2f}%)")
gated = ["listed license", "listed exception"] if loaded else ["listed license"]
right = sum(groups[g][0] for g in gated)
total = sum(groups[g][1] for g in gated)
print(f"  {' + '.join(gated)}: {right}/{total} exact ({100.0 * right / total:.2f}%)")
if right < 0.99 * total:
    sys.exit(f"FAIL: {right}/{total} exact, under 99%")
PY
}
evaluate "$WORK/samples.json" compiled
evaluate "$WORK/samples-data.json" loaded
