#!/usr/bin/env bash
# Stops the server started by start-postgres.sh and removes its folder: pass the folder (the
# shared /tmp/lakou-pg.last is only a fallback, another process may have overwritten it).
set -euo pipefail
DIR=${1:-$(cat /tmp/lakou-pg.last 2>/dev/null || true)}
[ -n "$DIR" ] && [ -d "$DIR" ] || exit 0
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
rm -rf "$DIR"
