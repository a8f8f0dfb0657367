// `npm run bench:events -- [--db postgres|pglite] [--duration 10] [--connections 50] [--per-request 10]`
//
// The first-party events collector (POST /api/events) on one Lakou process: autocannon in a worker
// thread posts sendBeacon-like batches (page view with referrer and campaign, product view, search,
// add to cart, web vitals…), each from its own address so the per-visitor rate limit never trips.
// Reports requests/s, events/s, latency percentiles, the events written once the queue drained, and
// the time one roll-up run takes over them. Target (issue 7): ≥ 5,000 events/s with p99 < 20 ms on
// PostgreSQL. Database: a fresh `lakou_bench_events` on DATABASE_URL's server, or a throwaway server
// from scripts/ci/start-postgres.sh (stopped at the end). Results: stdout and bench-results/events-<date>.json.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'
import { sql } from 'kysely'
import { buildApp } from '../src/http/app.ts'
import { loadConfig, PROJECT_ROOT } from '../src/kernel/config.ts'
import { systemCtx } from '../src/kernel/ctx.ts'
import { openDatabase } from '../src/kernel/db/client.ts'
import { migrateToLatest } from '../src/kernel/db/migrate.ts'
import { rollUpEvents } from '../src/modules/analytics/index.ts'
import { freePort } from './lib/free-port.ts'
import { benchDatabase } from './lib/bench-database.ts'

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    'per-request': { type: 'string', default: '10' },
  },
})
const DURATION = Math.min(60, Math.max(1, Number(args.duration)))
const CONNECTIONS = Math.min(500, Math.max(1, Number(args.connections)))
const PER_REQUEST = Math.min(20, Math.max(1, Number(args['per-request'])))
const TARGET = { eventsPerSecond: 5000, p99: 20 }

// The load generator: plain JavaScript evaluated in a worker thread (never sharing the server's event
// loop). Every request gets another address (X-Forwarded-For, the app trusts its proxy here) and a body
// of PER_REQUEST mixed events; every response time is kept for exact percentiles.
const LOAD = `
const { parentPort, workerData } = require('node:worker_threads')
const { createRequire } = require('node:module')
const autocannon = createRequire(workerData.root + '/package.json')('autocannon')
const { url, connections, duration, perRequest } = workerData
const kinds = [
  (i) => ({ t: 'page_view', path: '/fr/c/rhums', pt: 'category', ref: 'https://www.google.fr/search?q=rhum', utm: { source: 'newsletter', medium: 'email', campaign: 'noel' } }),
  (i) => ({ t: 'product_view', path: '/fr/p/rhum-' + (i % 500), pt: 'product', product: 'SKU-' + (i % 500), from: 'category' }),
  (i) => ({ t: 'search', path: '/fr/search', pt: 'search', q: 'rhum ' + (i % 50), n: i % 7 }),
  (i) => ({ t: 'add_to_cart', path: '/fr/p/rhum-' + (i % 500), pt: 'product', product: 'var_' + (i % 500) }),
  (i) => ({ t: 'checkout_step', path: '/fr/panier', pt: 'cart', step: 'cart' }),
  (i) => ({ t: 'web_vital', path: '/fr/', pt: 'home', metric: ['LCP', 'INP', 'CLS'][i % 3], value: i % 3 === 2 ? 0.05 : 300 + (i % 2000) }),
]
let n = 0
const latencies = []
const instance = autocannon({
  url, connections, duration,
  requests: [{
    method: 'POST', path: '/api/events',
    setupRequest: (req) => {
      n += 1
      const events = []
      for (let k = 0; k < perRequest; k++) events.push({ ...kinds[(n + k) % kinds.length](n + k), ago: k * 50 })
      const ip = '10.' + ((n >> 16) & 255) + '.' + ((n >> 8) & 255) + '.' + (n & 255)
      return { ...req, headers: { 'content-type': 'text/plain;charset=UTF-8', 'x-forwarded-for': ip,
        'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1' },
        body: JSON.stringify({ sid: 's_bench' + String(n % 20000).padStart(10, '0'), events }) }
    },
  }],
})
instance.on('response', (_c, _s, _b, t) => { if (latencies.length < 5e6) latencies.push(t) })
instance.on('done', (r) => {
  latencies.sort((a, b) => a - b)
  const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : 0)
  parentPort.postMessage({ requests: latencies.length, p50: pct(50), p95: pct(95), p99: pct(99), max: latencies.at(-1) ?? 0, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx })
})
`
type Load = { requests: number; p50: number; p95: number; p99: number; max: number; errors: number; timeouts: number; non2xx: number }

// CPU time of this process's main thread (the server's event loop), from Linux's per-thread counters:
// unlike wall-clock figures it does not grow when other work shares the machine's cores.
function mainThreadCpuMs(): number | null {
  try {
    const fields = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // utime + stime, in ticks of 10 ms
  } catch {
    return null
  }
}

function load(url: string): Promise<Load> {
  return new Promise((resolve, reject) => {
    const w = new Worker(LOAD, { eval: true, workerData: { root: PROJECT_ROOT, url, connections: CONNECTIONS, duration: DURATION, perRequest: PER_REQUEST } })
    w.once('message', (m: Load) => {
      resolve(m)
      void w.terminate()
    })
    w.once('error', reject)
  })
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lakou-bench-events-'))
  const target = args.db === 'pglite'
    ? { database: await openDatabase({}), env: {}, stop: async () => {} }
    : await benchDatabase({ name: 'lakou_bench_events', poolMax: 20 }).then((b) => ({ ...b, env: { DATABASE_URL: b.url } }))
  const { database } = target
  try {
    await migrateToLatest(database.db)
    const config = loadConfig({ LAKOU_DATA_DIR: dataDir, LOG_LEVEL: 'silent', TRUST_PROXY: 'true', JOBS: 'off', ...target.env })
    const app = await buildApp(config, { database })
    const port = await freePort()
    await app.listen({ host: '127.0.0.1', port })
    console.log(`collector on ${database.kind}: ${CONNECTIONS} connections, ${PER_REQUEST} events per request, ${DURATION} s`)
    const cpu0 = mainThreadCpuMs()
    const r = await load(`http://127.0.0.1:${port}`)
    const cpu1 = mainThreadCpuMs()
    const cpuMsPerRequest = cpu0 !== null && cpu1 !== null && r.requests ? Math.round(((cpu1 - cpu0) / r.requests) * 1000) / 1000 : null
    const t0 = performance.now()
    await app.eventQueue.flush()
    const drainMs = Math.round(performance.now() - t0)
    const stats = app.eventQueue.stats()
    await app.close()
    const written = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM events`.execute(database.db)).rows[0]?.n ?? 0)
    const t1 = performance.now()
    const rolled = await rollUpEvents(systemCtx(database.db, 'bench'), { lagSeconds: 0, maxBatches: 1000 })
    const rollupMs = Math.round(performance.now() - t1)
    const result = {
      date: new Date().toISOString(), db: database.kind, connections: CONNECTIONS, perRequest: PER_REQUEST, durationS: DURATION, cpus: os.cpus().length,
      requestsPerSecond: Math.round(r.requests / DURATION), eventsPerSecond: Math.round((r.requests * PER_REQUEST) / DURATION),
      p50: r.p50, p95: r.p95, p99: r.p99, max: r.max, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx,
      serverCpuMsPerRequest: cpuMsPerRequest, loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
      eventsWritten: written, eventsDropped: stats.dropped, drainMs, rollup: { events: rolled.events, ms: rollupMs, eventsPerSecond: Math.round(rolled.events / Math.max(0.001, rollupMs / 1000)) },
    }
    const pass = result.eventsPerSecond >= TARGET.eventsPerSecond && result.p99 < TARGET.p99 && result.non2xx === 0
    console.table([{ requests_s: result.requestsPerSecond, events_s: result.eventsPerSecond, p50: r.p50, p95: r.p95, p99: r.p99, non2xx: r.non2xx, written, dropped: stats.dropped }])
    console.log(`roll-up: ${rolled.events} events in ${rollupMs} ms; queue drained in ${drainMs} ms`)
    console.log(`server main thread: ${cpuMsPerRequest} ms CPU per request (≈ ${cpuMsPerRequest ? Math.round((1000 / cpuMsPerRequest) * PER_REQUEST) : '?'} events/s per free core); load average ${result.loadAverage.join(' ')}`)
    console.log(`target ≥ ${TARGET.eventsPerSecond} events/s with p99 < ${TARGET.p99} ms: ${pass ? 'PASS' : 'FAIL'}`)
    fs.mkdirSync(path.join(PROJECT_ROOT, 'bench-results'), { recursive: true })
    fs.writeFileSync(path.join(PROJECT_ROOT, 'bench-results', `events-${result.date.slice(0, 10)}.json`), JSON.stringify({ ...result, target: TARGET, pass }, null, 2))
  } finally {
    await target.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
