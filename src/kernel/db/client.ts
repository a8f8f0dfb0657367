import path from 'node:path'
import { Worker } from 'node:worker_threads'
import pg from 'pg'
import { Kysely, PostgresDialect } from 'kysely'
import { acquireDirLock } from './lock-file.ts'
import { preparedStatementsPool } from './prepared-pool.ts'

// Kysely typed by each module through `db.withTables<ModuleTables>()`: the kernel
// knows no table, each module declares its own in tables.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type Db = Kysely<{}>

export type DatabaseKind = 'pglite' | 'postgres'

export type Database = {
  kind: DatabaseKind
  db: Db
  pool: pg.Pool
  /** where it lives, for logs (never the password) */
  describe: string
  /** copy of an embedded database's files (test templates); postgres: undefined */
  dump?: () => Promise<Uint8Array>
  close: () => Promise<void>
}

export type OpenOptions = {
  databaseUrl?: string | undefined
  /** embedded: folder of the database files; absent → in memory */
  pgliteDir?: string | undefined
  /** embedded, in memory: start from this dump (a migrated template) */
  loadDataDir?: Uint8Array | undefined
  poolMax?: number
}

// int8 (counts, sums of cents) as JS numbers: our values stay far below 2^53.
// numeric (ABV, rates) as numbers too; money is never numeric in Lakou.
const INT8 = 20
const NUMERIC = 1700
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (v: string) => Number(v)
    if (oid === NUMERIC) return (v: string) => Number(v)
    return pg.types.getTypeParser(oid, format as 'text')
  },
} as pg.CustomTypesConfig

/** Opens PostgreSQL when a URL is given, otherwise an embedded PGlite in a worker thread. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolMax ?? 20, types: typeParsers, connectionTimeoutMillis: 10_000 })
    pool.on('error', () => {}) // idle client errors surface on the next query
    const url = new URL(opts.databaseUrl)
    return {
      kind: 'postgres',
      pool,
      db: new Kysely({ dialect: new PostgresDialect({ pool: preparedStatementsPool(pool) }) }),
      describe: `postgres://${url.host}${url.pathname}`,
      close: () => pool.end(),
    }
  }
  const release = opts.pgliteDir ? acquireDirLock(path.dirname(opts.pgliteDir)) : () => {}
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
    workerData: { dataDir: opts.pgliteDir, loadDataDir: opts.loadDataDir },
  })
  let ready: { port: number }
  try {
    ready = await new Promise((resolve, reject) => {
      worker.once('error', reject)
      worker.once('message', (m) => (m.type === 'ready' ? resolve(m) : reject(new Error(m.message))))
    })
  } catch (err) {
    release()
    await worker.terminate()
    throw err
  }
  // PGlite is a single session: one connection, queued requests (never nest the pool in a transaction).
  const pool = new pg.Pool({ host: '127.0.0.1', port: ready.port, user: 'postgres', database: 'postgres', max: 1, types: typeParsers, connectionTimeoutMillis: 30_000 })
  pool.on('error', () => {})
  const request = <T>(type: string, reply: string): Promise<T> =>
    new Promise((resolve) => {
      const onMsg = (m: { type: string; data?: T }) => {
        if (m.type === reply) {
          worker.off('message', onMsg)
          resolve(m.data as T)
        }
      }
      worker.on('message', onMsg)
      worker.postMessage({ type })
    })
  let closed = false
  return {
    kind: 'pglite',
    pool,
    // No named prepared statements here: PGlite is one session shared by every socket
    // connection, so a statement prepared by a closed connection would collide with a new one.
    db: new Kysely({ dialect: new PostgresDialect({ pool }) }),
    describe: opts.pgliteDir ? `pglite:${opts.pgliteDir}` : 'pglite:memory',
    dump: () => request<Uint8Array>('dump', 'dump'),
    close: async () => {
      if (closed) return
      closed = true
      await pool.end()
      await request('stop', 'stopped')
      await worker.terminate()
      release()
    },
  }
}
