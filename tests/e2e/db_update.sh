#!/bin/bash
# `kaiyuan db update` against a local HTTP server started here, serving OSV-style exports
# (<base>/<ecosystem>/all.zip) with ETag and Last-Modified: first a full download, then 304s for
# conditional requests, a changed export downloaded again, a missing ecosystem reported while the
# others go on, and a corrupt export that leaves the database and the kept copy as they were.
source "$(dirname "$0")/lib.sh"
need python3
[ -n "$SHARED" ] && [ -d "$SHARED/data/osv" ] || skip "../shared/data is absent"
mkdir -p "$WORK/www/Go" "$WORK/www/crates.io"
python3 - "$SHARED/data/osv" "$WORK/www" <<'PY'
import glob, os, sys, zipfile
osv, www = sys.argv[1:3]
def export(eco, files):
    with zipfile.ZipFile(os.path.join(www, eco, "all.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        for f in files:
            z.write(f, os.path.basename(f))
export("Go", sorted(glob.glob(os.path.join(osv, "golang-vulndb/**/*.json"), recursive=True))[:200])
export("crates.io", sorted(glob.glob(os.path.join(osv, "rustsec/**/*.json"), recursive=True))[:100])
PY
# A server that answers If-None-Match with 304, and logs each request (etag_server.py).
python3 "$HERE/etag_server.py" "$WORK/www" "$WORK/requests.log" "$WORK/port" & server=$!
trap 'kill $server 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do [ -s "$WORK/port" ] && break; sleep 0.1; done
BASE="http://127.0.0.1:$(cat "$WORK/port")"
DB="$WORK/db/advisories.db"
outcome() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(e["ecosystem"]+"="+e["outcome"] for e in d["ecosystems"]))' "$1"; }
count() { "$KAIYUAN" db status --db "$DB" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["advisories"])'; }

"$KAIYUAN" db update -q --db "$DB" --base "$BASE" --ecosystem Go,crates.io > "$WORK/u1.json"
[ "$(outcome "$WORK/u1.json")" = "Go=downloaded crates.io=downloaded" ] || fail "first update: $(outcome "$WORK/u1.json")"
n1=$(count)
[ "$n1" -ge 290 ] || fail "first update stored $n1 advisories"
[ -f "$WORK/db/osv-Go.zip" ] && [ -f "$WORK/db/osv-crates.io.zip" ] || fail "downloads not kept"
ls "$WORK/db" | grep -q part && fail "a temporary download was left behind"
echo "ok: first update downloaded both exports ($n1 advisories)"

"$KAIYUAN" db update -q --db "$DB" --base "$BASE" --ecosystem Go,crates.io > "$WORK/u2.json"
[ "$(outcome "$WORK/u2.json")" = "Go=not-modified crates.io=not-modified" ] || fail "second update: $(outcome "$WORK/u2.json")"
[ "$(tail -2 "$WORK/requests.log" | awk '{print $2}' | sort -u)" = "304" ] || fail "the server did not answer 304"
echo "ok: unchanged exports are not downloaded again (304)"

# A changed export (one more record) is downloaded again; the other is not.
python3 - "$SHARED/data/osv" "$WORK/www/Go/all.zip" <<'PY'
import glob, os, sys, zipfile
f = sorted(glob.glob(os.path.join(sys.argv[1], "golang-vulndb/**/*.json"), recursive=True))[200]
with zipfile.ZipFile(sys.argv[2], "a") as z:
    z.write(f, os.path.basename(f))
PY
"$KAIYUAN" db update -q --db "$DB" --base "$BASE" > "$WORK/u3.json" # the ecosystems in the database
[ "$(outcome "$WORK/u3.json")" = "Go=downloaded crates.io=not-modified" ] || fail "third update: $(outcome "$WORK/u3.json")"
[ "$(count)" -eq $((n1 + 1)) ] || fail "the changed export did not add its record"
echo "ok: a changed export is downloaded and imported ($(count) advisories)"

# A missing ecosystem fails alone; a corrupt export leaves database and kept copy unchanged.
cp "$WORK/db/osv-Go.zip" "$WORK/kept-before.zip"
head -c 1000 "$WORK/www/Go/all.zip" > "$WORK/cut.zip" && mv "$WORK/cut.zip" "$WORK/www/Go/all.zip"
before=$(count)
rc=0; "$KAIYUAN" db update -q --db "$DB" --base "$BASE" --ecosystem Go,NoSuchEcosystem > "$WORK/u4.json" || rc=$?
[ "$(outcome "$WORK/u4.json")" = "Go=failed NoSuchEcosystem=failed" ] || fail "fourth update: $(outcome "$WORK/u4.json")"
[ $rc -eq 1 ] || fail "an update where nothing could be downloaded should exit 1 (got $rc)"
[ "$(count)" -eq "$before" ] || fail "a corrupt export changed the database"
cmp -s "$WORK/db/osv-Go.zip" "$WORK/kept-before.zip" || fail "a corrupt export replaced the kept copy"
echo "ok: a missing ecosystem and a corrupt export are reported; nothing changed ($before advisories)"
