import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { PROJECT_ROOT } from '../../src/kernel/config.ts'
import { openDatabase, type Database } from '../../src/kernel/db/client.ts'
import { migrateToLatest } from '../../src/kernel/db/migrate.ts'
import { seedDemoMarket } from '../../src/seed/seed-demo-market.ts'

/**
 * A fresh database per test file, on the engine CI asks for:
 * - default: an in-memory PGlite loaded from a migrated (and seeded) template dump,
 *   built once per code version and shared by all test processes (about 0.5 s a copy);
 * - DATABASE_URL set: a new PostgreSQL database created from a template database.
 * Every test file gets its own copy: no shared state, no order between files.
 */
export type TestDbOptions = { seed?: boolean }

export async function testDatabase(opts: TestDbOptions = {}): Promise<Database> {
  const seed = opts.seed ?? true
  const url = process.env.DATABASE_URL
  return url ? postgresCopy(url, seed) : pgliteCopy(seed)
}

/** Hash of everything a template depends on: migrations, seed data and the code that loads it. */
function templateKey(seed: boolean): string {
  const h = createHash('sha256')
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (!e.name.endsWith('.test.ts')) h.update(p).update(fs.readFileSync(p))
    }
  }
  for (const d of ['migrations', 'data/seed', 'src/seed', 'src/modules', 'src/kernel/db']) walk(path.join(PROJECT_ROOT, d))
  return `${h.digest('hex').slice(0, 16)}-${seed ? 'seeded' : 'empty'}`
}

const TEMPLATE_DIR = path.join(os.tmpdir(), 'lakou-test-templates')
const FIXED_NOW = () => new Date()

async function pgliteCopy(seed: boolean): Promise<Database> {
  const key = templateKey(seed)
  const file = path.join(TEMPLATE_DIR, `${key}.tar`)
  if (!fs.existsSync(file)) await withFileLock(`${file}.lock`, async () => {
    if (fs.existsSync(file)) return
    const db = await openDatabase({})
    try {
      await migrateToLatest(db.db)
      if (seed) await seedDemoMarket(db, { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'lakou-tpl-')), now: FIXED_NOW(), images: false })
      const dump = await db.dump!()
      fs.mkdirSync(TEMPLATE_DIR, { recursive: true })
      fs.writeFileSync(`${file}.tmp`, dump)
      fs.renameSync(`${file}.tmp`, file)
    } finally {
      await db.close()
    }
  })
  return openDatabase({ loadDataDir: new Uint8Array(fs.readFileSync(file)) })
}

/** Builds the migrated (and seeded) template database once per code version; returns its name. */
async function postgresTemplate(adminUrl: string, seed: boolean): Promise<string> {
  const key = templateKey(seed).replace(/-/g, '_')
  const template = `lakou_tpl_${key}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    // One process builds the template; the advisory lock makes the others wait for it.
    await admin.query('select pg_advisory_lock(7350101)')
    const exists = await admin.query('select 1 from pg_database where datname = $1', [template])
    if (!exists.rowCount) {
      await admin.query(`create database "${template}_build"`)
      const db = await openDatabase({ databaseUrl: withDatabase(adminUrl, `${template}_build`), poolMax: 2 })
      try {
        await migrateToLatest(db.db)
        if (seed) await seedDemoMarket(db, { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'lakou-tpl-')), now: FIXED_NOW(), images: false })
      } finally {
        await db.close()
      }
      await admin.query(`alter database "${template}_build" rename to "${template}"`)
    }
    await admin.query('select pg_advisory_unlock(7350101)')
    return template
  } finally {
    await admin.end()
  }
}

async function postgresCopy(adminUrl: string, seed: boolean): Promise<Database> {
  const template = await postgresTemplate(adminUrl, seed)
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    const name = `lakou_t_${randomBytes(6).toString('hex')}`
    await admin.query(`create database "${name}" template "${template}"`)
    const db = await openDatabase({ databaseUrl: withDatabase(adminUrl, name), poolMax: 10 })
    const close = db.close
    return {
      ...db,
      close: async () => {
        await close()
        const c = new pg.Client({ connectionString: adminUrl })
        await c.connect()
        await c.query(`drop database if exists "${name}" with (force)`)
        await c.end()
      },
    }
  } finally {
    await admin.end()
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

/** Cross-process mutual exclusion on a lock file (O_EXCL), for building a shared template once. */
async function withFileLock(lockFile: string, fn: () => Promise<void>): Promise<void> {
  fs.mkdirSync(path.dirname(lockFile), { recursive: true })
  const deadline = Date.now() + 180_000
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' })
      break
    } catch {
      const stale = (() => { try { return Date.now() - fs.statSync(lockFile).mtimeMs > 120_000 } catch { return false } })()
      if (stale) fs.rmSync(lockFile, { force: true })
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockFile}`)
      await new Promise((r) => setTimeout(r, 200))
    }
  }
  try {
    await fn()
  } finally {
    fs.rmSync(lockFile, { force: true })
  }
}

/**
 * A seeded database other processes can open too (multi-process and crash tests):
 * PostgreSQL → a fresh copy and its URL; PGlite → a data folder loaded from the template.
 */
export type SharedTestDatabase = { env: Record<string, string>; open: () => Promise<Database>; dispose: () => Promise<void> }

export async function sharedTestDatabase(): Promise<SharedTestDatabase> {
  const url = process.env.DATABASE_URL
  if (url) {
    const template = await postgresTemplate(url, true)
    const name = `lakou_s_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create database "${name}" template "${template}"`)
    await admin.end()
    const dbUrl = withDatabase(url, name)
    return {
      env: { DATABASE_URL: dbUrl },
      open: () => openDatabase({ databaseUrl: dbUrl, poolMax: 20 }),
      dispose: async () => {
        const c = new pg.Client({ connectionString: url })
        await c.connect()
        await c.query(`drop database if exists "${name}" with (force)`)
        await c.end()
      },
    }
  }
  const memory = await pgliteCopy(true)
  const dump = await memory.dump!()
  await memory.close()
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lakou-shared-'))
  const pgliteDir = path.join(root, 'pglite')
  const first = await openDatabase({ pgliteDir, loadDataDir: dump })
  await first.close()
  return {
    env: { LAKOU_TEST_PGLITE_DIR: pgliteDir },
    open: () => openDatabase({ pgliteDir }),
    dispose: async () => fs.rmSync(root, { recursive: true, force: true }),
  }
}
