#!/bin/bash
# Starts a private PostgreSQL 15 server (Debian's postgresql-15) for the tests: its own cluster in
# a temporary directory, listening only on a Unix socket, run as the postgres user when this runs
# as root. Prints the connection URL on stdout; `tools/start-postgres.sh stop` stops it.
# Usage: export KAIYUAN_TEST_POSTGRES=$(tools/start-postgres.sh)
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin
DIR=${KAIYUAN_PG_DIR:-/tmp/kaiyuan-pg}
PORT=${KAIYUAN_PG_PORT:-54329}
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "${1:-}" = stop ]; then
  [ -d "$DIR/data" ] && as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
  exit 0
fi
[ -x "$BIN/initdb" ] || { echo "start-postgres: $BIN/initdb missing (apt-get install postgresql-15)" >&2; exit 77; }
USER_NAME=$( [ "$(id -u)" = 0 ] && echo postgres || id -un )
if ! as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  rm -rf "$DIR"; mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  as_owner "$BIN/initdb" -D "$DIR/data" -U "$USER_NAME" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # Only the socket; fsync off is for a throw-away test cluster, never for a real one.
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -o "-k $DIR -p $PORT -c listen_addresses='' -c fsync=off -c max_connections=200" start >/dev/null
fi
echo "postgresql:///postgres?host=$DIR&port=$PORT&user=$USER_NAME"
