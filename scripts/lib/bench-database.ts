// The PostgreSQL database of a benchmark: `name` on DATABASE_URL's server, or on a throwaway
// server (scripts/ci/start-postgres.sh) stopped by `stop`. Fresh unless `reuse` (with
// DATABASE_URL: time again on the data an earlier run generated).
import pg from 'pg'
import { openDatabase, type Database } from '../../src/kernel/db/client.ts'
import { startThrowawayPostgres, stopThrowawayPostgres } from '../ci/throwaway-postgres.ts'

export type BenchDatabase = { database: Database; url: string; stop: () => Promise<void> }

export async function benchDatabase(opts: { name: string; reuse?: boolean; poolMax: number }): Promise<BenchDatabase> {
  const server = process.env.DATABASE_URL ? null : startThrowawayPostgres()
  const adminUrl = process.env.DATABASE_URL ?? server!.url
  if (!opts.reuse) {
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    try {
      await admin.query(`drop database if exists ${opts.name} with (force)`)
      await admin.query(`create database ${opts.name}`)
    } finally {
      await admin.end()
    }
  }
  const url = Object.assign(new URL(adminUrl), { pathname: `/${opts.name}` }).toString()
  const database = await openDatabase({ databaseUrl: url, poolMax: opts.poolMax })
  return {
    database,
    url,
    stop: async () => {
      await database.close()
      if (server) stopThrowawayPostgres(server.dir)
    },
  }
}
