#!/usr/bin/env python3
"""License detection measured on files labelled by Debian's maintainers.

Debian's machine-readable `debian/copyright` files (DEP-5,
https://dep-team.pages.debian.net/deps/dep5/) give every file pattern of a source package a
license. Nobody tuned a scanner to them: the maintainers read the files. This script unpacks the
given source packages (`apt-get source --download-only PKG`, the .dsc files), labels every text
file with the license of the last `Files:` paragraph that matches it (DEP-5's rule), maps
Debian's short names to SPDX ids, and compares what each tool finds in each file with its label.

  bench/license_debian_corpus.py KAIYUAN DSC_DIR [--licensecheck] [--misses N] [--work DIR]

A label covers files that state nothing themselves (a pattern such as `*` labels every file of
the package). Only files whose text says something about a license count as labelled: a file
with none of the words a license statement uses ("licen[cs]e", "GPL", "public domain",
"permission is hereby granted", "redistribution and use", "warranty", "free software",
"disclaims copyright", "under the terms of", a <license> element, ...: STATES below) is a file
*without* a license, and a tool that reports one there reports a false positive. Labels with a
name that maps to no SPDX id ("public-domain", "other", a package's own terms) are left out and
counted.

Per file and tool the found ids (license ids only; exceptions, AND/OR left out, since Debian
writes them in free form) are compared with the label's:
  exact      the ids are the label's ids
  precision  ids found that the label has, over all ids found (on labelled files)
  recall     label ids found, over all label ids
  false pos. files without a license where the tool reports one
kaiyuan counts what it states (tags, texts, notices, exceptions, references); its clues do not
count. licensecheck (`-r -m --shortname-scheme=spdx -l 0`) counts what it names, its "GPL-2"
read as GPL-2.0-only.
"""
import argparse
import collections
import fnmatch
import glob
import json
import os
import re
import subprocess
import sys

# Debian's short names (DEP-5 "License specification", and those maintainers use) -> SPDX.
# "+" after a version is "or later". Names not here are left unmapped.
DEBIAN_TO_SPDX = {
    "apache-2.0": "Apache-2.0", "apache-1.1": "Apache-1.1", "apache-1.0": "Apache-1.0",
    "artistic": "Artistic-1.0-Perl", "artistic-1.0": "Artistic-1.0", "artistic-2.0": "Artistic-2.0",
    "bsd-2-clause": "BSD-2-Clause", "bsd-3-clause": "BSD-3-Clause", "bsd-4-clause": "BSD-4-Clause",
    "bsd-2": "BSD-2-Clause", "bsd-3": "BSD-3-Clause", "bsd-4": "BSD-4-Clause",
    "bsl-1.0": "BSL-1.0", "boost-1.0": "BSL-1.0", "bsl": "BSL-1.0",
    "cc0-1.0": "CC0-1.0", "cc0": "CC0-1.0", "cc-by-3.0": "CC-BY-3.0", "cc-by-4.0": "CC-BY-4.0",
    "cc-by-sa-3.0": "CC-BY-SA-3.0", "cc-by-sa-4.0": "CC-BY-SA-4.0",
    "cddl-1.0": "CDDL-1.0", "cpl-1.0": "CPL-1.0", "epl-1.0": "EPL-1.0", "epl-2.0": "EPL-2.0",
    "expat": "MIT", "mit": "MIT", "mit/x11": "MIT", "x11": "X11", "isc": "ISC", "zlib": "Zlib", "libpng": "Libpng",
    "ftl": "FTL", "mpl-1.1": "MPL-1.1", "mpl-2.0": "MPL-2.0", "mpl-1.0": "MPL-1.0",
    "openssl": "OpenSSL", "ssleay": "SSLeay-standalone", "php-3.01": "PHP-3.01", "php-3.0": "PHP-3.0",
    "psf-2.0": "PSF-2.0", "python-2.0": "Python-2.0", "ruby": "Ruby", "tcl": "TCL",
    "unlicense": "Unlicense", "wtfpl": "WTFPL", "ofl-1.1": "OFL-1.1", "sil-ofl-1.1": "OFL-1.1",
    "curl": "curl", "postgresql": "PostgreSQL", "oldap-2.8": "OLDAP-2.8", "openldap-2.8": "OLDAP-2.8",
    "ncsa": "NCSA", "unicode-dfs-2016": "Unicode-DFS-2016", "0bsd": "0BSD",
    "fsfap": "FSFAP", "fsful": "FSFUL", "fsfullr": "FSFULLR", "fsfullrwd": "FSFULLRWD",
    "mit-0": "MIT-0", "bsd-0-clause": "0BSD", "hpnd": "HPND", "x11-distribute-modifications-variant":
    "X11-distribute-modifications-variant", "sgi-b-2.0": "SGI-B-2.0", "zpl-2.1": "ZPL-2.1",
    "mulanpsl-2.0": "MulanPSL-2.0", "isc-like": None, "bsd-like": None,
}
GNU = re.compile(r"(a?l?gpl|gfdl)-?(\d(?:\.\d)?)(\+?)(?:-only|-or-later)?$")


def spdx_id(name):
    """One Debian short name (without exceptions) -> SPDX id, None when it maps to none."""
    n = name.strip().lower()
    n = re.sub(r"^(gnu[- ])", "", n)
    m = GNU.match(n)
    if m:
        family, version, plus = m.groups()
        if "." not in version:
            version += ".0" if not (family == "lgpl" and version == "2.1") else ""
        later = plus or n.endswith("-or-later")
        return f"{family.upper()}-{version}-{'or-later' if later else 'only'}"
    # "BSD-3-clause~Google": Debian's variant marker; the base license is the label.
    n = n.split("~")[0]
    return DEBIAN_TO_SPDX.get(n)


def label_ids(license_line):
    """The SPDX ids of a DEP-5 License: line ("GPL-2+ or MIT", "LGPL-2.1+ with OpenSSL
    exception"); None when one name maps to none."""
    expr = re.sub(r"\bwith\b[^,()]*?exception\b", " ", license_line, flags=re.I)
    ids = set()
    for part in re.split(r"\s*(?:\bor\b|\band\b|,|\||&|\(|\))\s*", expr, flags=re.I):
        if not part.strip():
            continue
        i = spdx_id(part)
        if i is None:
            return None
        ids.add(i)
    return ids or None


def dep5(path):
    """[(patterns, license line)] of the Files paragraphs, in order; None when not DEP-5."""
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if not re.match(r"(?i)format:\s*\S*copyright-format", text.lstrip()):
        return None
    out = []
    for para in re.split(r"\n\s*\n", text):
        fields, key = {}, None
        for line in para.splitlines():
            if line.startswith("#"):
                continue
            if line[:1] in (" ", "\t") and key:
                fields[key] += "\n" + line.strip()
            elif ":" in line:
                key, _, value = line.partition(":")
                key = key.strip().lower()
                fields[key] = value.strip()
        if "files" in fields and "license" in fields:
            patterns = fields["files"].split()
            out.append((patterns, fields["license"].split("\n")[0].strip()))
    return out


# What a file must say to state a license: a license's name, a grant, or the words of a
# license's text. A pointer alone ("please view the LICENSE file that was distributed with this
# source code", Symfony's header) states none: the label is the package's, not the file's.
STATES = re.compile(rb"(?i)\bL?GPL|general public licen|\bMIT\b|\bBSD\b|apache licen|mozilla public|"
                    rb"eclipse public|artistic licen|creative commons|permission is hereby granted|"
                    rb"permission to use|redistribution and use|free software|public domain|"
                    rb"warranty|disclaims copyright|waived all copyright|"
                    rb"permitted in any medium without royalty|permission is granted|"
                    rb"hereby grants|under the terms of|<license|apache[ -]2\.0 licen|"
                    rb"documentation licen|freetype project licen|jquery\.org/licen|"
                    rb"for any reason so long as|redistributed at your own risk|"
                    rb"creativecommons\.org/publicdomain|licen[cs]ed under|released under|"
                    rb"distributed under|@license|same terms as perl|licen[cs]e: *[a-z0-9]|"
                    rb"conditions of distribution|spdx-license-identifier|"
                    rb"licen[cs]e['\"]? *(?::|=>?) *[\"'\[]")


def labelled_files(tree, paragraphs):
    """(relative path, label, states, specific) for the text files of the tree: `specific` when
    the label comes from a paragraph with patterns of its own, not the package's `Files: *`."""
    for root, dirs, files in os.walk(tree):
        rel_root = os.path.relpath(root, tree)
        dirs[:] = [d for d in dirs if d not in (".git", ".pc") and
                   not (rel_root == "." and d == "debian")]
        for name in files:
            path = os.path.join(root, name)
            rel = os.path.normpath(os.path.join(rel_root, name))
            if os.path.islink(path) or os.path.getsize(path) > (1 << 20):
                continue
            with open(path, "rb") as f:
                data = f.read()
            if b"\0" in data[:8192] or not data:
                continue
            label, specific = None, False
            for patterns, lic in paragraphs:
                if any(fnmatch.fnmatchcase(rel, p.lstrip("./")) for p in patterns):
                    label, specific = lic, patterns != ["*"]
            if label is None:
                continue
            yield rel, label, bool(STATES.search(data)), specific


ID = re.compile(r"[A-Za-z0-9.+-]+")
OPERATORS = {"AND", "OR", "WITH", "and", "or", "with"}


def expression_ids(expression, exceptions=frozenset()):
    out = set()
    for token in ID.findall(expression or ""):
        if token in OPERATORS or token in exceptions or "exception" in token.lower() \
                or token in ("Linux-syscall-note",):
            continue
        out.add(token)
    return out


def kaiyuan_found(kaiyuan, tree, license_data):
    cmd = [kaiyuan, "license", tree, "-f", "json", "-q"]
    if license_data:
        cmd += ["--license-data", license_data]
    r = subprocess.run(cmd, capture_output=True, text=True, check=True)
    found = {}
    for f in json.loads(r.stdout)["files"]:
        ids = set()
        for m in f["licenses"]:
            if m["kind"] == "clue" or m.get("detail") and m["kind"] == "tag":
                continue
            ids |= expression_ids(m["expression"])
        found[f["path"]] = ids
    return found


def licensecheck_name(name):
    m = re.fullmatch(r"(A?L?GPL)-(\d)(?:\.(\d))?(\+?)", name)
    if not m:
        return name
    later = "or-later" if m.group(4) else "only"
    return f"{m.group(1)}-{m.group(2)}.{m.group(3) or '0'}-{later}"


def licensecheck_found(tree):
    r = subprocess.run(["licensecheck", "-r", "-m", "--shortname-scheme=spdx", "-l", "0", tree],
                       capture_output=True, text=True)
    found = {}
    for line in r.stdout.splitlines():
        path, _, lic = line.partition("\t")
        lic = lic.strip()
        ids = set()
        if lic and lic != "UNKNOWN":
            for part in re.split(r"\s+and/or\s+|\s+and\s+|\s+or\s+", lic):
                part = re.sub(r"\s+with\s+.*$", "", part.strip())
                ids.add(licensecheck_name(part))
        found[os.path.relpath(path, tree)] = ids
    return found


def unpack(dsc, work):
    name = os.path.basename(dsc)[:-4]
    dest = os.path.join(work, name)
    if not os.path.isdir(dest):
        subprocess.run(["dpkg-source", "--no-check", "--skip-patches", "-x", dsc, dest],
                       capture_output=True, check=True)
    return dest


class Score:
    def __init__(self):
        self.exact = self.labelled = self.none = self.false_pos = 0
        self.found = self.right = self.want = 0
        self.misses = collections.Counter()
        self.example = {}
        self.where = collections.defaultdict(collections.Counter)  # difference -> packages

    def add(self, path, want, got):
        if want is None:  # no license stated in the file
            self.none += 1
            if got:
                self.false_pos += 1
                key = "none -> " + " ".join(sorted(got))
                self.misses[key] += 1
                self.example.setdefault(key, path)
                self.where[key][path.split("/")[0].split("_")[0]] += 1
            return
        self.labelled += 1
        self.want += len(want)
        self.found += len(got)
        self.right += len(want & got)
        if want == got:
            self.exact += 1
        else:
            key = " ".join(sorted(want)) + " -> " + (" ".join(sorted(got)) or "nothing")
            self.misses[key] += 1
            self.example.setdefault(key, path)
            self.where[key][path.split("/")[0].split("_")[0]] += 1

    def line(self, name):
        pct = lambda a, b: 100.0 * a / max(b, 1)
        return (f"{name:<14} exact {self.exact}/{self.labelled} ({pct(self.exact, self.labelled):.1f}%)"
                f"  precision {pct(self.right, self.found):.1f}%  recall {pct(self.right, self.want):.1f}%"
                f"  false positives {self.false_pos}/{self.none} ({pct(self.false_pos, self.none):.1f}%)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kaiyuan")
    ap.add_argument("dsc_dir")
    ap.add_argument("--work", default="/tmp/kaiyuan-dep5")
    ap.add_argument("--licensecheck", action="store_true")
    ap.add_argument("--license-data", default="")
    ap.add_argument("--misses", type=int, default=30)
    ap.add_argument("--all-differences", action="store_true",
                    help="also list the differences on all labelled files")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    names = ["kaiyuan"] + (["licensecheck"] if args.licensecheck else [])
    # Every labelled file, and those labelled by a paragraph of their own: a `Files: *`
    # paragraph gives the package's license to files that say another (gnulib's LGPL sources
    # in GPL packages), so the second set is the maintainers' reading of the files themselves.
    tools = {n: Score() for n in names}
    specific_tools = {n: Score() for n in names}
    unmapped, packages, skipped = collections.Counter(), [], []
    for dsc in sorted(glob.glob(os.path.join(args.dsc_dir, "*.dsc"))):
        try:
            tree = unpack(dsc, args.work)
        except subprocess.CalledProcessError:
            skipped.append(os.path.basename(dsc) + " (does not unpack)")
            continue
        paragraphs = dep5(os.path.join(tree, "debian", "copyright"))
        if not paragraphs:
            skipped.append(os.path.basename(dsc) + " (copyright is not DEP-5)")
            continue
        packages.append(os.path.basename(tree))
        print(f"{os.path.basename(tree)}", file=sys.stderr)
        found = {"kaiyuan": kaiyuan_found(args.kaiyuan, tree, args.license_data)}
        if args.licensecheck:
            # licensecheck takes minutes per package: its answer is kept beside the tree.
            cache = tree + ".licensecheck.json"
            if os.path.exists(cache):
                with open(cache) as f:
                    found["licensecheck"] = {k: set(v) for k, v in json.load(f).items()}
            else:
                found["licensecheck"] = licensecheck_found(tree)
                with open(cache, "w") as f:
                    json.dump({k: sorted(v) for k, v in found["licensecheck"].items()}, f)
        for rel, label, states, specific in labelled_files(tree, paragraphs):
            ids = label_ids(label)
            if states and ids is None:
                unmapped[label] += 1
                continue
            want = ids if states else None
            for name in names:
                got = found[name].get(rel, set())
                tools[name].add(os.path.basename(tree) + "/" + rel, want, got)
                if specific:
                    specific_tools[name].add(os.path.basename(tree) + "/" + rel, want, got)
    print(f"{len(packages)} packages: {' '.join(packages)}")
    if skipped:
        print("left out: " + ", ".join(skipped))
    print(f"files labelled with names that map to no SPDX id (left out): {sum(unmapped.values())}"
          f" ({', '.join(f'{k} {v}' for k, v in unmapped.most_common(8))})")
    print("all labelled files:")
    for name, score in tools.items():
        print(score.line(name))
    print("files labelled by a paragraph of their own (not the package's `Files: *`):")
    for name, score in specific_tools.items():
        print(score.line(name))
    shown = [("files labelled by their own paragraph", specific_tools)]
    if args.all_differences:
        shown.append(("all labelled files", tools))
    for what_files, scores in shown:
        for name, score in scores.items():
            print(f"\n{name}: most common differences on {what_files} (label -> found)")
            for what, n in score.misses.most_common(args.misses):
                top = ", ".join(f"{p} {k}" for p, k in score.where[what].most_common(3))
                print(f"  {n:5d}  {what}   (e.g. {score.example[what]}; in {top})")


if __name__ == "__main__":
    main()
