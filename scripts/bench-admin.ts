// `npm run bench:admin -- [--products 100000] [--orders 1000000] [--runs 200] [--database lakou_bench_admin] [--keep] [--only text]`
//
// The back office's read models on a big data set, on a real PostgreSQL (issue 5's target: the
// product list and the order search answer in under 100 ms at p95 with 100,000 products and
// 1,000,000 orders). The module functions are called directly (no HTTP), one at a time, each
// scenario rotating over many inputs, after a warm-up; p50/p95/p99 per scenario.
// Data: database --database on DATABASE_URL's server (or a throwaway server from
// scripts/ci/start-postgres.sh, stopped at the end unless --keep). It is loaded with
// `src/cli/seed.ts --products N --orders M` and reused when it already holds them (loading takes minutes).
// Results: a table on stdout and bench-results/admin-<date>.json.
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { PROJECT_ROOT } from '../src/kernel/config.ts'
import { systemCtx, type Ctx } from '../src/kernel/ctx.ts'
import { openDatabase } from '../src/kernel/db/client.ts'
import { migrateToLatest } from '../src/kernel/db/migrate.ts'
import { adminScenarios, type Scenario } from './lib/admin-scenarios.ts'
import { startThrowawayPostgres } from './ci/throwaway-postgres.ts'

const { values: args } = parseArgs({
  options: {
    products: { type: 'string', default: '100000' },
    orders: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    database: { type: 'string', default: 'lakou_bench_admin' },
    keep: { type: 'boolean', default: false },
    // run only the scenarios whose name contains this text
    only: { type: 'string', default: '' },
  },
})
const PRODUCTS = Number(args.products)
const ORDERS = Number(args.orders)
const RUNS = Math.max(10, Number(args.runs))
const WARMUP = Math.max(0, Number(args.warmup))
const DB_NAME = args.database!
if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME)) throw new Error('--database: lowercase letters, digits and _ only')
const TARGET_MS = 100

const withDb = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString()
async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return (await c.query<T>(text)).rows
  } finally {
    await c.end()
  }
}

function run(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: PROJECT_ROOT, env: { ...process.env, ...env, LOG_LEVEL: 'warn' }, stdio: 'inherit' })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`))))
  })
}

/** The data set: reused when it holds enough products and orders, completed otherwise. */
async function prepare(adminUrl: string): Promise<{ url: string; loadMs: number | null; products: number; orders: number }> {
  const url = withDb(adminUrl, DB_NAME)
  const t0 = performance.now()
  if (!(await query(adminUrl, `select 1 from pg_database where datname = '${DB_NAME}'`)).length) await query(adminUrl, `create database ${DB_NAME}`)
  const database = await openDatabase({ databaseUrl: url, poolMax: 2 })
  const count = async (table: 'products' | 'orders') => {
    try {
      return (await query<{ n: number }>(url, `select count(*)::int as n from ${table}`))[0]!.n
    } catch {
      return 0 // not migrated yet
    }
  }
  try {
    await migrateToLatest(database.db)
  } finally {
    await database.close()
  }
  let loaded = false
  const products = await count('products')
  if (products < PRODUCTS) {
    await run(['src/cli/seed.ts', '--products', String(PRODUCTS - products), '--no-images'], { DATABASE_URL: url })
    // a back office sees every status: 3 % drafts, 4 % archived (bench data)
    await query(url, `update products set status = case when abs(hashtext(id)) % 100 < 3 then 'DRAFT' else 'ARCHIVED' end
                       where handle like 'syn-%' and abs(hashtext(id)) % 100 < 7`)
    loaded = true
  }
  const orders = await count('orders')
  if (orders < ORDERS) {
    await run(['src/cli/seed.ts', '--orders', String(ORDERS - orders)], { DATABASE_URL: url })
    loaded = true
  }
  if (loaded) await query(url, 'vacuum analyze')
  return { url, loadMs: loaded ? Math.round(performance.now() - t0) : null, products: await count('products'), orders: await count('orders') }
}

type Result = { scenario: string; group: Scenario['group']; runs: number; p50: number; p95: number; p99: number; max: number; rows: number; pass?: boolean }

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
const ms = (n: number) => Math.round(n * 10) / 10

async function measure(ctx: Ctx, s: Scenario): Promise<Result> {
  for (let i = 0; i < WARMUP; i++) await s.run(ctx, i)
  const times: number[] = []
  let rows = 0
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    rows += await s.run(ctx, WARMUP + i)
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  const r: Result = { scenario: s.name, group: s.group, runs: RUNS, p50: ms(pct(times, 50)), p95: ms(pct(times, 95)), p99: ms(pct(times, 99)), max: ms(times[times.length - 1]!), rows: Math.round(rows / RUNS) }
  if (s.group !== 'invoices') r.pass = r.p95 < TARGET_MS
  return r
}

async function main() {
  let serverDir: string | null = null
  let adminUrl = process.env.DATABASE_URL
  if (!adminUrl) {
    const pgServer = startThrowawayPostgres()
    adminUrl = pgServer.url
    serverDir = pgServer.dir
    console.log(`started a throwaway PostgreSQL at ${adminUrl}`)
  }
  try {
    const data = await prepare(adminUrl)
    console.log(`data set ${DB_NAME}: ${data.products} products, ${data.orders} orders${data.loadMs === null ? ' (reused)' : ` (loaded in ${(data.loadMs / 1000).toFixed(0)} s)`}`)
    const database = await openDatabase({ databaseUrl: data.url, poolMax: 4 })
    const results: Result[] = []
    try {
      const ctx = systemCtx(database.db, 'bench-admin', { actor: { kind: 'staff', staffId: 'stf_bench', email: 'bench@lakou.example', roles: ['administrator'] } })
      for (const s of (await adminScenarios(ctx)).filter((x) => x.name.includes(args.only!))) {
        const r = await measure(ctx, s)
        results.push(r)
        console.log(`${r.scenario.padEnd(44)} p50 ${String(r.p50).padStart(6)} ms  p95 ${String(r.p95).padStart(6)} ms  p99 ${String(r.p99).padStart(6)} ms  rows ${r.rows}${r.pass === undefined ? '' : r.pass ? '  ok' : `  OVER ${TARGET_MS} ms`}`)
      }
    } finally {
      await database.close()
    }
    const file = path.join(PROJECT_ROOT, 'bench-results', `admin-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const cpus = (await import('node:os')).cpus()
    fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), machine: { cpus: cpus.length, model: cpus[0]?.model }, runs: RUNS, warmup: WARMUP,
      targetP95Ms: TARGET_MS, data: { products: data.products, orders: data.orders, loadMs: data.loadMs }, results }, null, 2))
    console.log(`\n${results.filter((r) => r.pass === false).length ? 'some scenarios miss' : 'every product-list and order-search scenario meets'} the ${TARGET_MS} ms p95 target — ${path.relative(PROJECT_ROOT, file)}`)
    if (serverDir && args.keep) console.log(`server kept: DATABASE_URL=${adminUrl} npm run bench:admin reuses the data; scripts/ci/stop-postgres.sh ${serverDir} stops it`)
  } finally {
    if (serverDir && !args.keep) execFileSync('bash', [path.join(PROJECT_ROOT, 'scripts/ci/stop-postgres.sh'), serverDir], { stdio: 'inherit' })
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err)
  process.exit(1)
})
