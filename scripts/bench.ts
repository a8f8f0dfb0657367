// `npm run bench -- [--db pglite|postgres] [--products 10000] [--search-products 100000] [--duration 10]
//                   [--connections 50] [--skip-startup]`
//
// HTTP benchmarks of the storefront, side by side in one run:
//  1. start-up: first start on an empty data folder (demo market seeded, pictures drawn) and a
//     restart on the existing folder, each timed to the first page served, as `npm start` does;
//  2. one Lakou (buildApp + listen on 127.0.0.1, this process) on a catalogue of --products synthetic
//     products, driven by autocannon from a worker thread: product page, category page, search page,
//     search API, each rotating over many URLs, after a short warm-up;
//  3. the search scenarios again on --search-products products, for the p95 target.
// Datasets are built once with `src/cli/seed.ts` and kept in bench-results/data/ (PGlite) or in databases
// lakou_bench_<n> (PostgreSQL: DATABASE_URL, or a throwaway server from scripts/ci/start-postgres.sh).
// Results: a table on stdout and JSON in bench-results/.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'
import pg from 'pg'
import { sql } from 'kysely'
import { buildApp } from '../src/http/app.ts'
import { loadConfig, PROJECT_ROOT } from '../src/kernel/config.ts'
import type { Database } from '../src/kernel/db/client.ts'
import { openConfiguredDatabase } from '../src/kernel/db/open-from-config.ts'
import { freePort } from './lib/free-port.ts'
import { startThrowawayPostgres } from './ci/throwaway-postgres.ts'

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    products: { type: 'string', default: '10000' },
    'search-products': { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    'skip-startup': { type: 'boolean', default: false },
    // seconds a rendered page is served from memory (PAGE_CACHE_SECONDS); 0 measures every page rendered
    'page-cache': { type: 'string', default: '10' },
  },
})
const DB = args.db === 'postgres' ? 'postgres' : 'pglite'
const PRODUCTS = Number(args.products)
const SEARCH_PRODUCTS = Number(args['search-products'])
const DURATION = Math.min(120, Math.max(1, Number(args.duration)))
const CONNECTIONS = Math.min(500, Math.max(1, Number(args.connections)))
const WARMUP_S = 2
const PAGE_CACHE = String(Math.max(0, Number(args['page-cache'])))
const BENCH_DIR = path.join(PROJECT_ROOT, 'bench-results', 'data') // git-ignored with the results
const RESULTS_DIR = path.join(PROJECT_ROOT, 'bench-results')
const TSX = ['--import', 'tsx']

const QUERIES = ['rhum', 'rhum vieux', 'rhim', 'cafe', 'caffé', 'vanille', 'vanile', 'confiture goyave', 'confitur', 'bouquet tropical',
  'anthurium', 'piment', 'miel', 'coffret', 'punch coco', 'colombo', 'sirop de canne', 'heliconia', 'gingembre', 'mangue', 'soufriere', 'karukera']

type Load = { requests: number; rps: number; p50: number; p95: number; p99: number; max: number; errors: number; timeouts: number; non2xx: number }
type Row = { scenario: string; products: number; urls: number; skipped?: string; load?: Load; target?: string; pass?: boolean }

// ── helpers ──────────────────────────────────────────────────────────────
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))


async function status(url: string, timeoutMs = 30_000): Promise<number> {
  try {
    const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) })
    await res.arrayBuffer()
    return res.status
  } catch {
    return 0
  }
}

/** Polls until the URL answers 200; bounded by `timeoutMs`. Returns ms waited, or null. */
async function waitFor200(url: string, timeoutMs: number, child?: ChildProcess): Promise<number | null> {
  const t0 = performance.now()
  while (performance.now() - t0 < timeoutMs) {
    if (child && child.exitCode !== null) return null
    if ((await status(url)) === 200) return Math.round(performance.now() - t0)
    await sleep(25)
  }
  return null
}

function run(cmd: string, argv: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: 'inherit' })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${argv.join(' ')} exited with ${code}`))))
  })
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  if ((await Promise.race([exited.then(() => 'ok'), sleep(15_000).then(() => 'timeout')])) === 'timeout') child.kill('SIGKILL')
}

// ── PostgreSQL targets ─────────────────────────────────────────────────────
let pgServerDir: string | null = null
async function postgresAdminUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL
  const pgServer = startThrowawayPostgres()
  const url = pgServer.url
  pgServerDir = pgServer.dir
  console.log(`started a throwaway PostgreSQL at ${url}`)
  return url
}
const withDb = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString()
async function adminQuery<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return (await c.query<T>(text)).rows
  } finally {
    await c.end()
  }
}

/** Env of a dataset: a PGlite folder or a PostgreSQL database. */
type Dataset = { env: Record<string, string>; products: number }

/** A catalogue of `n` synthetic products (plus the demo market), built once and reused. */
async function prepareDataset(n: number, adminUrl: string | null): Promise<Dataset & { seedMs: number | null }> {
  const t0 = performance.now()
  if (adminUrl) {
    const name = `lakou_bench_${n}`
    const dataDir = path.join(BENCH_DIR, `postgres-${n}`)
    const env = { DATABASE_URL: withDb(adminUrl, name), LAKOU_DATA_DIR: dataDir }
    const exists = await adminQuery(adminUrl, `select 1 from pg_database where datname = '${name}'`)
    if (exists.length) {
      const [row] = await adminQuery<{ n: number }>(env.DATABASE_URL, 'select count(*)::int as n from products')
      if ((row?.n ?? 0) >= n) return { env, products: row!.n, seedMs: null }
      await adminQuery(adminUrl, `drop database "${name}" with (force)`)
    }
    await adminQuery(adminUrl, `create database "${name}"`)
    await run(process.execPath, [...TSX, 'src/cli/seed.ts', '--products', String(n), '--no-images'], { ...env, LOG_LEVEL: 'warn' })
    return { env, products: n, seedMs: Math.round(performance.now() - t0) }
  }
  const dataDir = path.join(BENCH_DIR, `pglite-${n}`)
  const marker = path.join(dataDir, 'bench-ready.json')
  const env = { LAKOU_DATA_DIR: dataDir }
  if (fs.existsSync(marker)) return { env, products: n, seedMs: null }
  fs.rmSync(dataDir, { recursive: true, force: true })
  await run(process.execPath, [...TSX, 'src/cli/seed.ts', '--products', String(n), '--no-images'], { ...env, LOG_LEVEL: 'warn' })
  fs.writeFileSync(marker, JSON.stringify({ products: n, seedMs: Math.round(performance.now() - t0) }))
  return { env, products: n, seedMs: Math.round(performance.now() - t0) }
}

// ── start-up times, measured on `npm start` itself ──────────────────────────
async function measureStartup(adminUrl: string | null): Promise<Record<string, number | string | null>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakou-bench-start-'))
  const env: Record<string, string> = { LAKOU_DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'info' }
  if (adminUrl) {
    await adminQuery(adminUrl, 'drop database if exists lakou_bench_startup with (force)')
    await adminQuery(adminUrl, 'create database lakou_bench_startup')
    env.DATABASE_URL = withDb(adminUrl, 'lakou_bench_startup')
  }
  const once = async (label: string) => {
    const port = await freePort()
    const t0 = performance.now()
    const child = spawn(process.execPath, [...TSX, 'src/cli/start.ts'], { cwd: PROJECT_ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] })
    let log = ''
    child.stdout!.on('data', (d: Buffer) => void (log += d.toString()))
    try {
      const home = await waitFor200(`http://127.0.0.1:${port}/fr/`, 120_000, child)
      const ms = home === null ? null : Math.round(performance.now() - t0)
      const seeded = /"ms":(\d+),"msg":"demo market ready"/.exec(log)
      console.log(`${label}: first page after ${ms ?? 'never (no 200 on /fr/)'} ms${seeded ? `, demo market seeded in ${seeded[1]} ms` : ''}`)
      return { ms, seedMs: seeded ? Number(seeded[1]) : null }
    } finally {
      await stopChild(child)
    }
  }
  try {
    const first = await once('first start (empty data folder)')
    const again = await once('restart (existing data folder)')
    return { firstStartToFirstPageMs: first.ms, firstRunSeedingMs: first.seedMs, restartToFirstPageMs: again.ms }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
    if (adminUrl) await adminQuery(adminUrl, 'drop database if exists lakou_bench_startup with (force)')
  }
}

// ── load ───────────────────────────────────────────────────────────────────
function load(url: string, paths: string[], connections: number, duration: number): Promise<Load> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./bench-load.mjs', import.meta.url), { workerData: { url, paths, connections, duration } })
    w.once('message', (m: Load) => {
      resolve(m)
      void w.terminate()
    })
    w.once('error', reject)
  })
}

async function scenario(base: string, name: string, products: number, paths: string[], target: { rps?: number; p99?: number; p95?: number }): Promise<Row> {
  const row: Row = { scenario: name, products, urls: paths.length }
  if (!paths.length) return { ...row, skipped: 'no URL to request' }
  const first = await status(base + paths[0])
  if (first !== 200) {
    console.log(`skip ${name}: ${paths[0]} answered ${first}`)
    return { ...row, skipped: `first request answered ${first}` }
  }
  await load(base, paths, CONNECTIONS, WARMUP_S)
  const l = await load(base, paths, CONNECTIONS, DURATION)
  // a saturated server still works through its backlog: let it drain before the next scenario
  await waitFor200(`${base}/health`, 120_000)
  const parts = [target.rps && `≥ ${target.rps} req/s`, target.p99 && `p99 < ${target.p99} ms`, target.p95 && `p95 < ${target.p95} ms`].filter(Boolean)
  const pass = (!target.rps || l.rps >= target.rps) && (!target.p99 || l.p99 < target.p99) && (!target.p95 || l.p95 < target.p95) && l.errors === 0 && l.non2xx === 0
  console.log(`${name}: ${Math.round(l.rps)} req/s, p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms`)
  return { ...row, load: l, target: parts.join(', '), pass }
}

async function serve(ds: Dataset): Promise<{ base: string; database: Database; close: () => Promise<void> }> {
  const config = loadConfig({ ...ds.env, LOG_LEVEL: 'silent', LAKOU_SEED: 'never', HOST: '127.0.0.1', PORT: '0', PAGE_CACHE_SECONDS: PAGE_CACHE })
  const database = await openConfiguredDatabase(config)
  const app = await buildApp(config, { database })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  return { base: address, database, close: async () => { await app.close(); await database.close() } }
}

/** Rotating URL sets, read from the catalogue: spread-out products, every leaf category, queries with typos. */
async function targets(database: Database) {
  const products = await sql<{ slug_fr: string }>`select p.slug_fr from products p join producers pr on pr.id = p.producer_id and pr.status = 'ACTIVE' where p.status = 'ACTIVE' order by md5(p.id) limit 1000`.execute(database.db)
  const cats = await sql<{ path: string }>`select parent.slug_fr || '/' || c.slug_fr as path from categories c join categories parent on parent.id = c.parent_id order by c.code`.execute(database.db)
  return {
    product: products.rows.map((p) => `/fr/p/${p.slug_fr}`),
    category: cats.rows.map((c) => `/fr/c/${c.path}`),
    searchPage: QUERIES.map((q) => `/fr/search?q=${encodeURIComponent(q)}`),
    searchApi: QUERIES.map((q) => `/api/store/search?q=${encodeURIComponent(q)}&locale=fr`),
  }
}

function table(rows: Row[]): string {
  const head = ['scenario', 'products', 'urls', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'non-2xx', 'target', 'ok']
  const body = rows.map((r) => r.load
    ? [r.scenario, r.products, r.urls, Math.round(r.load.rps), r.load.p50, r.load.p95, r.load.p99, r.load.errors + r.load.timeouts, r.load.non2xx, r.target ?? '', r.pass ? 'yes' : 'NO']
    : [r.scenario, r.products, r.urls, '–', '–', '–', '–', '–', '–', `skipped: ${r.skipped}`, ''])
  const cells = [head, ...body].map((line) => line.map(String))
  const widths = head.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)))
  return cells.map((c, j) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ') + (j === 0 ? `\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : '')).join('\n')
}

async function main() {
  fs.mkdirSync(RESULTS_DIR, { recursive: true })
  const adminUrl = DB === 'postgres' ? await postgresAdminUrl() : null
  const report: Record<string, unknown> = { db: DB, products: PRODUCTS, searchProducts: SEARCH_PRODUCTS, durationS: DURATION, connections: CONNECTIONS, pageCacheSeconds: Number(PAGE_CACHE), cpus: os.cpus().length, node: process.version, at: new Date().toISOString() }
  try {
    if (!args['skip-startup']) report.startup = await measureStartup(adminUrl)
    const rows: Row[] = []
    const ds = await prepareDataset(PRODUCTS, adminUrl)
    report.datasetSeedMs = { [PRODUCTS]: ds.seedMs }
    let server = await serve(ds)
    try {
      const t = await targets(server.database)
      rows.push(await scenario(server.base, 'product page', ds.products, t.product, { rps: 2000, p99: 50 }))
      rows.push(await scenario(server.base, 'category page', ds.products, t.category, { rps: 2000, p99: 50 }))
      rows.push(await scenario(server.base, 'search page', ds.products, t.searchPage, { rps: 1000 }))
      rows.push(await scenario(server.base, 'search API', ds.products, t.searchApi, { rps: 1000 }))
    } finally {
      await server.close()
    }
    if (SEARCH_PRODUCTS > 0) {
      const big = await prepareDataset(SEARCH_PRODUCTS, adminUrl)
      ;(report.datasetSeedMs as Record<number, number | null>)[SEARCH_PRODUCTS] = big.seedMs
      server = await serve(big)
      try {
        const t = await targets(server.database)
        rows.push(await scenario(server.base, 'search page', big.products, t.searchPage, { rps: 1000, p95: 30 }))
        rows.push(await scenario(server.base, 'search API', big.products, t.searchApi, { rps: 1000, p95: 30 }))
      } finally {
        await server.close()
      }
    }
    report.scenarios = rows
    console.log(`\nLakou bench — ${DB}, ${CONNECTIONS} connections, ${DURATION} s per scenario, page cache ${PAGE_CACHE} s, ${os.cpus().length} CPUs, server and load generator on this machine\n`)
    console.log(table(rows))
    if (report.startup) console.log('\nstart-up:', JSON.stringify(report.startup))
    const file = path.join(RESULTS_DIR, `bench-${DB}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
    fs.writeFileSync(file, JSON.stringify(report, null, 2))
    console.log(`\nwritten ${path.relative(PROJECT_ROOT, file)}`)
  } finally {
    if (pgServerDir) execFileSync('bash', [path.join(PROJECT_ROOT, 'scripts/ci/stop-postgres.sh'), pgServerDir], { stdio: 'inherit' })
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err)
  process.exit(1)
})
