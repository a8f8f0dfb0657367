// `npm run bench:checkout -- [--db postgres|pglite] [--processes 1|2] [--duration 10] [--shoppers 48]`
//
// Complete checkouts per second through the Store API, as a shopper's app does them:
// open a cart → add a product → contact + address → pick the first shipping option → order and
// pay with the test provider's card that succeeds (paid order, stock allocated, invoice numbered,
// confirmation e-mail queued, the provider's webhooks delivered back to the app by the job worker).
// Lakou runs as real `npm start` processes (jobs on) on a fresh demo market whose stock is raised so
// the run never sells out; virtual shoppers run in a worker thread of this process.
// Targets (issue 4): ≥ 300 checkouts/s on PostgreSQL with one process, zero errors, p99 < 200 ms per step.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'
import pg from 'pg'
import { sql } from 'kysely'
import cliProgress from 'cli-progress'
import { PROJECT_ROOT } from '../src/kernel/config.ts'
import { openDatabase } from '../src/kernel/db/client.ts'
import { migrateToLatest } from '../src/kernel/db/migrate.ts'
import { seedDemoMarket } from '../src/seed/seed-demo-market.ts'
import { freePort } from './lib/free-port.ts'

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    processes: { type: 'string', default: '1' },
    duration: { type: 'string', default: '10' },
    shoppers: { type: 'string', default: '48' },
    // write a CPU profile of each Lakou process to bench-results/profiles/
    profile: { type: 'boolean', default: false },
    // 'off': no job worker in the Lakou processes (webhooks and e-mails wait), to see their share of the cost
    jobs: { type: 'string', default: 'on' },
  },
})
const DB = args.db === 'pglite' ? 'pglite' : 'postgres'
const PROCESSES = DB === 'pglite' ? 1 : Math.min(4, Math.max(1, Number(args.processes)))
const DURATION = Math.min(120, Math.max(2, Number(args.duration)))
const SHOPPERS = Math.min(500, Math.max(1, Number(args.shoppers)))
const STEPS = ['cart', 'add line', 'address', 'shipping', 'order + payment'] as const
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function prepare(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakou-bench-checkout-'))
  let env: Record<string, string> = { LAKOU_DATA_DIR: dataDir }
  let dropDb = async () => {}
  let database
  if (DB === 'postgres') {
    const admin = process.env.DATABASE_URL ?? execFileSync('bash', [path.join(PROJECT_ROOT, 'scripts/ci/start-postgres.sh')], { encoding: 'utf8' }).trim()
    const name = `lakou_bench_checkout_${process.pid}`
    const c = new pg.Client({ connectionString: admin })
    await c.connect()
    await c.query(`drop database if exists ${name} with (force)`)
    await c.query(`create database ${name}`)
    await c.end()
    const url = Object.assign(new URL(admin), { pathname: `/${name}` }).toString()
    env = { ...env, DATABASE_URL: url }
    database = await openDatabase({ databaseUrl: url, poolMax: 4 })
    dropDb = async () => {
      const d = new pg.Client({ connectionString: admin })
      await d.connect()
      await d.query(`drop database if exists ${name} with (force)`)
      await d.end()
    }
  } else {
    database = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite') })
  }
  await migrateToLatest(database.db)
  await seedDemoMarket(database, { dataDir, images: false })
  // enough units that a long run never sells out: one receipt per lot, through the ledger
  await sql`INSERT INTO stock_movements (lot_id, quantity, reason, reference) SELECT lot_id, 1000000, 'RECEIPT', 'bench' FROM stock_levels`.execute(database.db)
  const variants = await sql<{ id: string }>`
    SELECT v.id FROM product_variants v JOIN products p ON p.id = v.product_id
      JOIN variant_prices pr ON pr.variant_id = v.id AND pr.price_list = 'RETAIL' AND pr.market = 'FR-MAINLAND'
     WHERE p.shipping_class_code = 'AMBIENT' AND NOT v.b2b_only AND NOT v.made_to_order AND p.status = 'ACTIVE' AND v.components IS NULL`.execute(database.db)
  fs.writeFileSync(path.join(dataDir, 'variants.json'), JSON.stringify(variants.rows.map((r) => r.id)))
  await database.close()
  return { env, cleanup: async () => { await dropDb(); fs.rmSync(dataDir, { recursive: true, force: true }) } }
}

async function startServer(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort()
  const profile = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(PROJECT_ROOT, 'bench-results', 'profiles')}`] : []
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/cli/start.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'warn', LAKOU_SEED: 'never', JOBS: args.jobs === 'off' ? 'off' : 'on', APP_SECRET: 'bench-secret-bench-secret-bench-secret-42' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('Lakou exited during start-up')
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, child }
    } catch {
      /* not up yet */
    }
    await sleep(100)
  }
  throw new Error('Lakou did not start in 60 s')
}

type StepStats = { count: number; p50: number; p99: number; max: number }
type Result = { checkouts: number; errors: number; errorSamples: string[]; seconds: number; steps: Record<string, StepStats> }

async function main() {
  const bar = new cliProgress.SingleBar({ format: 'checkout bench |{bar}| {value}/{total} s', hideCursor: true }, cliProgress.Presets.shades_classic)
  console.log(`preparing a demo market on ${DB}…`)
  const { env, cleanup } = await prepare()
  const servers: { url: string; child: ChildProcess }[] = []
  try {
    for (let i = 0; i < PROCESSES; i++) servers.push(await startServer(env))
    const variants: string[] = JSON.parse(fs.readFileSync(path.join(env.LAKOU_DATA_DIR!, 'variants.json'), 'utf8'))
    console.log(`${PROCESSES} Lakou process(es) up; ${SHOPPERS} shoppers for ${DURATION} s (+2 s warm-up)`)
    bar.start(DURATION + 2, 0)
    const ticker = setInterval(() => bar.increment(), 1000)
    // CPU time spent per checkout, less sensitive than the rate to other load on a shared machine
    const lakouPids = servers.map((s) => s.child.pid!)
    let cpuFrom: { lakou: number; db: Map<number, number> } | null = null
    setTimeout(() => void cpuSample(env, lakouPids).then((c) => (cpuFrom = c)), 2000)
    const result = await new Promise<Result>((resolve, reject) => {
      const w = new Worker(new URL('./bench-checkout-shoppers.mjs', import.meta.url), { workerData: { urls: servers.map((s) => s.url), variants, shoppers: SHOPPERS, seconds: DURATION, warmup: 2 } })
      w.once('message', resolve)
      w.once('error', reject)
    })
    const cpuTo = await cpuSample(env, lakouPids)
    clearInterval(ticker)
    bar.stop()
    const rate = result.checkouts / result.seconds
    const worstP99 = Math.max(...Object.values(result.steps).map((s) => s.p99))
    const cpu = cpuFrom && result.checkouts ? perCheckout(cpuFrom, cpuTo, result.checkouts) : null
    console.log(`\n${DB}, ${PROCESSES} process(es): ${result.checkouts} checkouts in ${result.seconds.toFixed(1)} s = ${rate.toFixed(0)} checkouts/s, ${result.errors} errors`)
    if (cpu) console.log(`CPU per checkout: Lakou ${cpu.lakouMs.toFixed(1)} ms${cpu.dbMs !== null ? `, PostgreSQL backends ${cpu.dbMs.toFixed(1)} ms` : ''} (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs)`)
    console.log('step              p50 ms   p99 ms   max ms')
    for (const s of STEPS) {
      const st = result.steps[s]!
      console.log(`${s.padEnd(16)} ${String(st.p50).padStart(7)} ${String(st.p99).padStart(8)} ${String(st.max).padStart(8)}`)
    }
    if (result.errorSamples.length) console.log('first errors:', result.errorSamples.join(' | '))
    const pass = DB === 'postgres' && PROCESSES === 1 ? rate >= 300 && result.errors === 0 && worstP99 < 200 : null
    if (pass !== null) console.log(`target ≥ 300 checkouts/s, 0 errors, p99 < 200 ms per step: ${pass ? 'PASS' : 'MISS'}`)
    fs.mkdirSync(path.join(PROJECT_ROOT, 'bench-results'), { recursive: true })
    const out = path.join(PROJECT_ROOT, 'bench-results', `checkout-${DB}-${PROCESSES}p-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
    fs.writeFileSync(out, JSON.stringify({ db: DB, processes: PROCESSES, shoppers: SHOPPERS, rate, cpuPerCheckout: cpu, loadAverage: os.loadavg(), ...result, pass }, null, 2))
    console.log(`results: ${path.relative(PROJECT_ROOT, out)}`)
  } finally {
    for (const s of servers) {
      s.child.kill('SIGTERM')
      await new Promise((r) => s.child.once('exit', r))
    }
    await cleanup()
  }
}

// user + system CPU of a process, in ms (Linux /proc; 0 when unreadable)
function cpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return 0
  }
}

// the Lakou processes, and on PostgreSQL the server processes of the bench database
async function cpuSample(env: Record<string, string>, lakouPids: number[]): Promise<{ lakou: number; db: Map<number, number> }> {
  const db = new Map<number, number>()
  if (env.DATABASE_URL) {
    const c = new pg.Client({ connectionString: env.DATABASE_URL })
    await c.connect()
    const r = await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')
    await c.end()
    for (const { pid } of r.rows) db.set(pid, cpuMs(pid))
  }
  return { lakou: lakouPids.reduce((a, pid) => a + cpuMs(pid), 0), db }
}

function perCheckout(from: { lakou: number; db: Map<number, number> }, to: { lakou: number; db: Map<number, number> }, checkouts: number): { lakouMs: number; dbMs: number | null } {
  let db = 0
  for (const [pid, ms] of to.db) db += ms - (from.db.get(pid) ?? 0)
  return { lakouMs: (to.lakou - from.lakou) / checkouts, dbMs: to.db.size ? db / checkouts : null }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
