// A throwaway PostgreSQL 15 server for benchmarks: runs start-postgres.sh and takes the folder from
// its stderr line `DIR=…` (never from the shared /tmp/lakou-pg.last, which a parallel run overwrites).
import { execFileSync, spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const HERE = path.dirname(fileURLToPath(import.meta.url))

/** Starts a server; `url` is the admin DATABASE_URL, `dir` what stopThrowawayPostgres needs. */
export function startThrowawayPostgres(): { url: string; dir: string } {
  const r = spawnSync('bash', [path.join(HERE, 'start-postgres.sh')], { encoding: 'utf8' })
  const dir = /^DIR=(.+)$/m.exec(r.stderr ?? '')?.[1]?.trim()
  if (r.status !== 0 || !dir) throw new Error(`start-postgres.sh failed: ${(r.stderr ?? '').trim()}`)
  return { url: r.stdout.trim(), dir }
}

/** Stops the server of that folder and removes it. */
export function stopThrowawayPostgres(dir: string): void {
  execFileSync('bash', [path.join(HERE, 'stop-postgres.sh'), dir], { stdio: 'inherit' })
}
