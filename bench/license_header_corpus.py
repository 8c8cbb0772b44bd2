#!/usr/bin/env python3
"""License detection on SPDX's standard license headers, as files carry them.

SPDX's license list gives, for the licenses that have one, the header a file carries instead of
the license's text (`standardLicenseHeader` in json/details/<id>.json: "Licensed under the
Academic Free License version 3.0", the GPL's "This program is free software ...", the CDDL's,
the W3C's). This script writes each header of a license that is not deprecated as a C comment,
its paragraphs wrapped at 72 columns, and asks which license each file states:

  bench/license_header_corpus.py KAIYUAN SPDX_JSON_DIR [--licensecheck] [--work DIR]

For kaiyuan it runs twice: with the compiled-in list, and with `--license-data SPDX_JSON_DIR`
(which reads the headers and matches them as notices). A file is right when every license found
is the header's id, one whose text is the same words (kaiyuan's `sameTextAs`), or one whose
standard header is the same words (SPDX's plain GFDL headers are its "invariants" ones with the
placeholders unfilled: no tool can tell them apart); clues do not count. licensecheck (`--shortname-scheme=spdx`) is right when it names the id (its "GPL-2" read
as GPL-2.0-only, "GPL-2+" as GPL-2.0-or-later).
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import textwrap


# id -> the words of its standard header, for headers that are the same words as another's.
HEADERS = {}


def words(text):
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def write_corpus(spdx_json, work):
    os.makedirs(work, exist_ok=True)
    ids = []
    for path in sorted(glob.glob(os.path.join(spdx_json, "details", "*.json"))):
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        header = (d.get("standardLicenseHeader") or "").strip()
        if not header or d.get("isDeprecatedLicenseId"):
            continue
        HEADERS[d["licenseId"]] = words(header)
        lines = []
        for para in header.split("\n"):
            lines += textwrap.wrap(para, 72) or [""]
        with open(os.path.join(work, d["licenseId"] + ".c"), "w", encoding="utf-8") as f:
            f.write("/*\n" + "".join(" * " + l + "\n" for l in lines) + " */\nint x;\n")
        ids.append(d["licenseId"])
    return ids


def kaiyuan_right(kaiyuan, work, extra):
    r = subprocess.run([kaiyuan, "license", work, "-f", "json", "-q"] + extra,
                       capture_output=True, text=True, check=True)
    right, wrong = 0, []
    for f in json.loads(r.stdout)["files"]:
        want = f["path"][:-2]
        found = [m for m in f["licenses"] if m["kind"] != "clue"]
        same = {i for i, h in HEADERS.items() if h == HEADERS.get(want)} | {want}
        for m in found:
            if want in m.get("sameTextAs", []) or want in m.get("equivalents", []):
                same.add(m["expression"])
        if found and all(m["expression"] in same for m in found):
            right += 1
        else:
            wrong.append((want, [m["expression"] for m in found]))
    return right, wrong


def licensecheck_right(work):
    r = subprocess.run(["licensecheck", "-m", "--shortname-scheme=spdx", "-l", "0", work],
                       capture_output=True, text=True)
    right, wrong = 0, []
    for line in r.stdout.splitlines():
        path, _, names = line.partition("\t")
        want = os.path.basename(path)[:-2]
        got = set()
        for name in re.split(r"\s+(?:and|or|AND|OR)\s+|/", names):
            m = re.fullmatch(r"(A?L?GPL|GFDL)-(\d(?:\.\d)?)(\+?)", name.strip())
            if m:
                v = m.group(2) if "." in m.group(2) else m.group(2) + ".0"
                got.add(f"{m.group(1)}-{v}-{'or-later' if m.group(3) else 'only'}")
            elif name.strip() and name.strip() != "UNKNOWN":
                got.add(name.strip())
        if any(g == want or (g in HEADERS and HEADERS[g] == HEADERS.get(want)) for g in got):
            right += 1
        else:
            wrong.append((want, sorted(got)))
    return right, wrong


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kaiyuan")
    ap.add_argument("spdx_json")
    ap.add_argument("--licensecheck", action="store_true")
    ap.add_argument("--work", default="/tmp/kaiyuan-license-headers")
    args = ap.parse_args()
    ids = write_corpus(args.spdx_json, args.work)
    print(f"{len(ids)} standard headers of licenses that are not deprecated")
    runs = [("kaiyuan (compiled-in list)", lambda: kaiyuan_right(args.kaiyuan, args.work, [])),
            ("kaiyuan --license-data", lambda: kaiyuan_right(
                args.kaiyuan, args.work, ["--license-data", args.spdx_json]))]
    if args.licensecheck:
        runs.append(("licensecheck", lambda: licensecheck_right(args.work)))
    for name, run in runs:
        right, wrong = run()
        print(f"{name:<28} {right}/{len(ids)} ({100.0 * right / max(len(ids), 1):.1f}%)")
        for want, got in wrong:
            print(f"    {want} -> {' '.join(got) or 'nothing'}")


if __name__ == "__main__":
    sys.exit(main())
