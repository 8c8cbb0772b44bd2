#!/usr/bin/env python3
"""License detection on real files labelled by their own authors.

Source trees that carry both an `SPDX-License-Identifier:` tag and a license notice or text in
the same file are a labelled corpus nobody wrote for kaiyuan: the tag is the label. This script
copies every file of the given trees that has exactly one tag expression, with the tag lines
removed, runs `kaiyuan license` (and, with --licensecheck, `licensecheck`) on the copies, and
compares what each finds in the remaining text with the label.

  bench/license_tag_corpus.py KAIYUAN TREE... [--licensecheck] [--misses N]

Per tool it prints: files whose text states a license to it (the others carry only the tag;
for kaiyuan once with texts and notices only, once with its weaker clues too),
how many of those agree with the tag exactly, how many name only part of it (the tag says more
than the text: "GPL-2.0 OR MIT" over an MIT text), and the contradictions, most common first. Trees used in
docs/benchmarks.md: Debian 12 source packages glib2.0, qemu, mesa, util-linux, libvirt, curl
(`apt-get source --download-only`, orig tarballs unpacked).
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

# The expression runs to the end of the line or a comment's close ("*/", "-->").
TAG = re.compile(rb"SPDX-License-Identifier:[ \t]*(.*?)[ \t]*(?:\*/|-->|$)", re.M)


def labelled_files(trees):
    """(tree, relative path, tag expression) for files with one tag expression."""
    for tree in trees:
        for root, dirs, files in os.walk(tree):
            dirs[:] = [d for d in dirs if d not in (".git",)]
            for name in files:
                path = os.path.join(root, name)
                if os.path.islink(path) or os.path.getsize(path) > (4 << 20):
                    continue
                with open(path, "rb") as f:
                    data = f.read()
                if b"\0" in data[:8192]:
                    continue
                tags = {m.group(1).strip().decode("utf-8", "replace")
                        for m in TAG.finditer(data)}
                tags.discard("")
                if len(tags) == 1:
                    yield tree, os.path.relpath(path, tree), tags.pop(), data


def normalise(kaiyuan, expressions):
    """Each expression as `kaiyuan expression` simplifies it, and its license ids (exceptions
    left out); None when it is not valid."""
    out, ids = {}, {}
    exprs = sorted(expressions)
    for i in range(0, len(exprs), 200):
        chunk = exprs[i:i + 200]
        r = subprocess.run([kaiyuan, "expression", "--json", "--lenient", *chunk],
                           capture_output=True, text=True)
        for item in json.loads(r.stdout or "[]"):
            out[item["input"]] = item.get("simplified")
            ids[item["input"]] = set(item.get("licenses", []))
    return out, ids


def kaiyuan_findings(kaiyuan, work):
    """What kaiyuan states (texts, notices, exceptions, references); and the same with the clues
    that name a license (what kaiyuan reports as weaker evidence) for files without those."""
    r = subprocess.run([kaiyuan, "license", work, "-f", "json", "-q"], capture_output=True,
                       text=True, check=True)
    stated, with_clues = {}, {}
    for f in json.loads(r.stdout)["files"]:
        found = [m for m in f["licenses"]
                 if m["kind"] in ("text", "notice", "exception", "reference")]
        if found:
            stated[f["path"]] = [[m["expression"], *m.get("sameTextAs", [])] for m in found]
            with_clues[f["path"]] = stated[f["path"]]
            continue
        clues = [m for m in f["licenses"] if m["kind"] == "clue" and m["expression"]]
        if clues:
            with_clues[f["path"]] = [[m["expression"]] for m in clues]
    return stated, with_clues


def licensecheck_name(name):
    """licensecheck's own short names where SPDX has others: "GPL-2" is GPL-2.0-only, "LGPL-2.1"
    LGPL-2.1-only ("GPL" with no version stays: it names no SPDX id)."""
    m = re.fullmatch(r"(A?L?GPL)-(\d)(?:\.(\d))?", name)
    if not m:
        return name
    return f"{m.group(1)}-{m.group(2)}.{m.group(3) or '0'}-only"


def licensecheck_findings(work):
    r = subprocess.run(["licensecheck", "-r", "-m", "--shortname-scheme=spdx", "-l", "0", work],
                       capture_output=True, text=True)
    found = {}
    for line in r.stdout.splitlines():
        path, _, lic = line.partition("\t")
        lic = lic.strip()
        if lic and lic != "UNKNOWN":
            found[os.path.relpath(path, work)] = [[licensecheck_name(part.strip())] for part in
                                                  re.split(r"\s+and/or\s+|\s+and\s+", lic)]
    return found


def agrees(norm, label, found):
    """One statement whose id (or an id of the same text) is the label; or several whose AND
    is the label."""
    want = norm.get(label) or label
    if len(found) == 1:
        return any((norm.get(i) or i) == want for i in found[0])
    joined = " AND ".join(f"({alts[0]})" for alts in found)
    return (norm.get(joined) or joined) == want


def consistent(norm, ids, label, found):
    """Every license found is one the tag names: the text says part of what the tag says (a
    tag "GPL-2.0 OR MIT" over an MIT text; "WITH Linux-syscall-note" over a bare GPL notice)."""
    allowed = ids.get(label) or set()
    return all(any(ids.get(i) and ids[i] <= allowed for i in alts) for alts in found)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kaiyuan")
    ap.add_argument("trees", nargs="+")
    ap.add_argument("--licensecheck", action="store_true")
    ap.add_argument("--misses", type=int, default=25)
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="kaiyuan-tags.")
    try:
        labels = {}
        for tree, rel, tag, data in labelled_files(args.trees):
            dest = os.path.join(os.path.basename(os.path.normpath(tree)), rel)
            os.makedirs(os.path.join(work, os.path.dirname(dest)), exist_ok=True)
            with open(os.path.join(work, dest), "wb") as f:
                f.write(b"\n".join(line for line in data.split(b"\n")
                                   if b"SPDX-License-Identifier" not in line))
            labels[dest] = tag
        print(f"{len(labels)} files with one SPDX-License-Identifier expression, tags removed",
              file=sys.stderr)
        stated, with_clues = kaiyuan_findings(args.kaiyuan, work)
        tools = {"kaiyuan": stated, "kaiyuan, clues included": with_clues}
        if args.licensecheck:
            tools["licensecheck"] = licensecheck_findings(work)
        exprs = set(labels.values())
        for found in tools.values():
            for alts_list in found.values():
                exprs.update(a for alts in alts_list for a in alts)
                exprs.add(" AND ".join(f"({alts[0]})" for alts in alts_list))
        norm, ids = normalise(args.kaiyuan, exprs)
        for name, found in tools.items():
            right, part, wrong, example = 0, 0, collections.Counter(), {}
            for path, label in labels.items():
                if path not in found:
                    continue
                if agrees(norm, label, found[path]):
                    right += 1
                elif consistent(norm, ids, label, found[path]):
                    part += 1
                else:
                    got = " + ".join(alts[0] for alts in found[path])
                    wrong[f"tag {label} -> {got}"] += 1
                    example.setdefault(f"tag {label} -> {got}", path)
            stated = right + part + sum(wrong.values())
            print(f"{name}: {stated} of {len(labels)} files state a license in their text; "
                  f"{right} agree with the tag ({100.0 * right / max(stated, 1):.1f}%), "
                  f"{part} name part of it, {stated - right - part} contradict it "
                  f"({100.0 * (stated - right - part) / max(stated, 1):.1f}%):")
            for what, n in wrong.most_common(args.misses):
                print(f"   {n:5d}  {what}   (e.g. {example[what]})")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
