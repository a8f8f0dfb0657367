// `DATABASE_URL=postgres://… npm run bench:payables -- [--producers 200] [--invoices 20000] [--runs 200] [--keep]`
//
// The payables schedule on a real PostgreSQL (issue 6's target: < 200 ms at p95 with 200 producers
// and 20,000 supplier invoices). A fresh database is created on DATABASE_URL's server, migrated,
// and filled through SQL generate_series (producers, then invoices with due dates from 90 days ago
// to 180 days ahead, 80 % of them still open); the schedule (one aggregate query) is then run
// `--runs` times after a warm-up, alternating all producers / one producer and three horizons.
// Prints p50/p95/max and the plan of the query; drops the database unless --keep.
import { parseArgs } from 'node:util'
import pg from 'pg'
import { systemCtx } from '../src/kernel/ctx.ts'
import { openDatabase } from '../src/kernel/db/client.ts'
import { migrateToLatest } from '../src/kernel/db/migrate.ts'
import { payablesSchedule } from '../src/modules/payables/index.ts'

const { values: args } = parseArgs({
  options: {
    producers: { type: 'string', default: '200' },
    invoices: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '200' },
    keep: { type: 'boolean', default: false },
  },
})
const PRODUCERS = Number(args.producers)
const INVOICES = Number(args.invoices)
const RUNS = Math.max(10, Number(args.runs))
const adminUrl = process.env.DATABASE_URL
if (!adminUrl) throw new Error('DATABASE_URL is required (a PostgreSQL server: bash scripts/ci/start-postgres.sh)')
const DB_NAME = `lakou_bench_payables_${Date.now()}`
const withDb = (url: string, name: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString()

async function admin(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl })
  await c.connect()
  try {
    await c.query(text)
  } finally {
    await c.end()
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!

await admin(`create database ${DB_NAME}`)
const database = await openDatabase({ databaseUrl: withDb(adminUrl, DB_NAME), poolMax: 2 })
try {
  await migrateToLatest(database.db)
  const t0 = performance.now()
  await database.pool.query(`
    insert into producers (id, code, slug, trade_name, status)
    select 'prf_BENCH' || lpad(g::text, 21, '0'), 'PRD-B' || g, 'bench-producer-' || g, 'Producteur ' || lpad(g::text, 3, '0'), 'ACTIVE'
      from generate_series(1, $1::int) g`, [PRODUCERS])
  await database.pool.query(`
    insert into supplier_invoices (id, producer_id, invoice_number, invoice_date, delivered_on, total_net, total_vat, total_gross, due_on,
                                   payment_terms_type, payment_terms_days, match_status, status, amount_paid)
    select id, producer_id, invoice_number, due_on - 60, due_on - 60, net, vat, net + vat, due_on, 'NET_DAYS_FROM_INVOICE', 60, match_status, status,
           -- paid ones fully (CHECK status <> 'paid' OR amount_paid = total_gross), one open in five half paid
           case when status = 'paid' then net + vat when g % 5 = 0 then (net + vat) / 2 else 0 end
      from (select g, 'sin_BENCH' || lpad(g::text, 21, '0') as id, 'prf_BENCH' || lpad((1 + g % $2::int)::text, 21, '0') as producer_id, 'F-' || g as invoice_number,
                   current_date - 90 + (g % 270) as due_on, 10000 + (g * 37) % 90000 as net, ((10000 + (g * 37) % 90000) * 85) / 1000 as vat,
                   case when g % 3 = 0 then 'unmatched' when g % 11 = 0 then 'mismatch' else 'matched' end as match_status,
                   case when g % 10 < 2 then 'paid' when g % 11 = 0 then 'disputed' when g % 7 = 0 then 'approved' else 'received' end as status
              from generate_series(1, $1::int) g) x`, [INVOICES, PRODUCERS])
  await database.pool.query('analyze')
  const loadMs = performance.now() - t0
  const ctx = systemCtx(database.db, 'bench')
  const inputs = [{ horizonDays: 30 }, { horizonDays: 90 }, { horizonDays: 180 }]
  const run = (i: number) => payablesSchedule(ctx, { ...inputs[i % 3]!, ...(i % 2 ? { producerId: `prf_BENCH${String(1 + (i % PRODUCERS)).padStart(21, '0')}` } : {}) })
  for (let i = 0; i < 20; i++) await run(i)
  const times: number[] = []
  let rows = 0
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now()
    const r = await run(i)
    times.push(performance.now() - s)
    if (i === 0) rows = r.weeks.reduce((n, w) => n + w.producers.length, 0)
  }
  times.sort((a, b) => a - b)
  const explain = async (producerFilter: string) => (await database.pool.query(`explain (analyze, buffers off, costs off, timing off, summary on)
    select case when due_on < current_date then null else due_on - (extract(isodow from due_on)::int - 1) end as week, producer_id, count(*), sum(total_gross - amount_paid)
      from supplier_invoices where status in ('received', 'disputed', 'approved') and due_on <= current_date + 90 ${producerFilter} group by 1, 2`)).rows
  const plan = [...(await explain('')), { 'QUERY PLAN': '— one producer:' }, ...(await explain(`and producer_id = 'prf_BENCH${'0'.repeat(20)}7'`))]
  console.log(`payables schedule: ${PRODUCERS} producers, ${INVOICES} invoices (loaded in ${Math.round(loadMs)} ms); ${rows} week×producer rows for all producers, 30 days`)
  console.log(`${RUNS} runs: p50 ${percentile(times, 50).toFixed(1)} ms · p95 ${percentile(times, 95).toFixed(1)} ms · max ${times.at(-1)!.toFixed(1)} ms (target p95 < 200 ms)`)
  console.log(plan.map((r: { 'QUERY PLAN': string }) => `  ${r['QUERY PLAN']}`).join('\n'))
} finally {
  await database.close()
  if (!args.keep) await admin(`drop database ${DB_NAME}`)
}
