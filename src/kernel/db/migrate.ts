import fs from 'node:fs/promises'
import path from 'node:path'
import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely'
import { PROJECT_ROOT } from '../config.ts'
import type { Db } from './client.ts'

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'migrations')

/** Plain SQL files `NNNN_what.sql`, one ordered stream for PGlite and PostgreSQL 15 alike. */
class SqlFileProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort()
    const out: Record<string, Migration> = {}
    for (const file of files) {
      const text = await fs.readFile(path.join(MIGRATIONS_DIR, file), 'utf8')
      out[file.replace(/\.sql$/, '')] = { up: async (db) => void (await sql.raw(text).execute(db)) }
    }
    return out
  }
}

const migrator = (db: Db) =>
  new Migrator({ db, provider: new SqlFileProvider(), migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' })

/**
 * Applies pending migrations in one transaction under Kysely's advisory lock, so two
 * processes starting together on one PostgreSQL do not collide. Idempotent.
 */
export async function migrateToLatest(db: Db): Promise<{ applied: string[]; version: string | null }> {
  const { error, results } = await migrator(db).migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
  return { applied, version: await currentVersion(db) }
}

/** Name of the last applied migration, or null on an empty database. */
export async function currentVersion(db: Db): Promise<string | null> {
  const all = await migrator(db).getMigrations()
  const done = all.filter((m) => m.executedAt)
  return done.length ? done[done.length - 1]!.name : null
}
