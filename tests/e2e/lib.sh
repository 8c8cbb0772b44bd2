# Shared helpers for the end-to-end tests. Each test: bash <test>.sh KAIYUAN_BINARY SHARED_DIR
set -euo pipefail
KAIYUAN=${1:?usage: $0 KAIYUAN_BINARY [SHARED_DIR]}
SHARED=${2:-}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kaiyuan-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }
need() { for c in "$@"; do command -v "$c" >/dev/null || skip "$c is not installed"; done; }

# "name<TAB>version<TAB>arch" per component of a kaiyuan JSON document, sorted.
packages_of() {
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for c in d["components"]:
    if c["packageType"] not in ("deb", "rpm", "apk"): continue  # language packages in the root
    v = c["version"]
    e = c["properties"].get("kaiyuan:rpm:epoch")
    # kaiyuan writes a set epoch in the version, as rpm prints %{EVR}; rpm -qa here prints
    # %{EPOCHNUM} always.
    if c["packageType"] == "rpm" and ":" not in v: v = (e or "0") + ":" + v
    print(c["name"], v, c["arch"], sep="\t")' "$1" | LC_ALL=C sort
}

# Compares two sorted package lists and prints the difference.
same_packages() {
  if ! diff -u "$1" "$2"; then fail "$3: package sets differ (- package manager, + kaiyuan)"; fi
  echo "ok: $3 ($(wc -l < "$1") packages agree)"
}

# replay_tags TAGS_FILE DIR: a git repository at DIR holding the tag names of TAGS_FILE (lines of
# "DATE TAG", as tests/upstream/testdata/*-tags.txt keep real projects' tags), all on one
# empty commit: an upstream for `kaiyuan upstream` to list without the network.
replay_tags() {
  git -c init.defaultBranch=main init -q "$2"
  git -C "$2" -c user.name=u -c user.email=u@x commit -q --allow-empty -m upstream
  while read -r _ tag; do git -C "$2" tag "$tag"; done < "$1"
}
