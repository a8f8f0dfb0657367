#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 server for the test suite, as the `postgres` user
# (PostgreSQL refuses to run as root), in a temporary folder, on a free local port.
# Prints the DATABASE_URL to use on stdout, and `DIR=<dir>` on stderr. Stop it with
# scripts/ci/stop-postgres.sh <dir>.
# The folder is also written to $LAKOU_PG_DIR_FILE when set (a file of the caller's own), and to
# /tmp/lakou-pg.last for older callers: that shared file is overwritten by anyone starting a server,
# so parallel users take the folder from stderr or their own file instead.
set -euo pipefail
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "PostgreSQL server binaries not found (apt-get install -y postgresql)" >&2
  exit 1
fi
DIR=$(mktemp -d /tmp/lakou-pg.XXXXXX)
chown postgres:postgres "$DIR"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
runuser -u postgres -- "$PGBIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB" start >/dev/null
echo "$DIR" > /tmp/lakou-pg.last
if [ -n "${LAKOU_PG_DIR_FILE:-}" ]; then echo "$DIR" > "$LAKOU_PG_DIR_FILE"; fi
echo "DIR=$DIR" >&2
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
