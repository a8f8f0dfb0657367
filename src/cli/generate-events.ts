import { parseArgs } from 'node:util'
import cliProgress from 'cli-progress'
import { ConfigError, loadConfig } from '../kernel/config.ts'
import { systemCtx } from '../kernel/ctx.ts'
import type { Db } from '../kernel/db/client.ts'
import { migrateToLatest } from '../kernel/db/migrate.ts'
import { openConfiguredDatabase } from '../kernel/db/open-from-config.ts'
import { seededRandom } from '../kernel/random.ts'
import { insertEvents, rollUpEvents, type EventRow } from '../modules/analytics/index.ts'

const USAGE = `npm run events:generate -- [--days 60] [--sessions 2000] [--seed 7] [--batch 5000]
  Inserts synthetic audience events (sessions over channels, devices and markets, funnels with
  drop-offs, searches with some zero results, web vitals, orders 'ord_demo_…') for the last N days
  up to today into the configured database, then rolls them up for the dashboards.`

function weighted<T extends string>(rand: () => number, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((a, [, w]) => a + w, 0)
  let x = rand() * total
  for (const [v, w] of table) if ((x -= w) < 0) return v
  return table[table.length - 1]![0]
}
/** Log-normal around a median (web vitals are skewed to the right). */
const lognormal = (rand: () => number, median: number, sigma: number) => median * Math.exp(sigma * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()))

const CHANNELS = [['seo', 30], ['direct', 22], ['social', 12], ['sea', 10], ['email', 9], ['paid_social', 6], ['referral', 5], ['influencer', 3], ['affiliate', 2], ['display', 1]] as const
// channels convert differently (e-mail and direct visitors know the shop)
const CHANNEL_LIFT: Record<string, number> = { email: 1.6, direct: 1.3, seo: 1, sea: 1.1, referral: 0.9, social: 0.6, paid_social: 0.7, influencer: 0.8, affiliate: 1, display: 0.4 }
const DEVICES = [['mobile', 58], ['desktop', 36], ['tablet', 6]] as const
const DEVICE_LIFT: Record<string, number> = { mobile: 0.75, desktop: 1.35, tablet: 1 }
const MARKETS = [['FR-MAINLAND', 72], ['GP', 28]] as const
const PRODUCTS = ['ACS-RHB50-100', 'CHN-CAF-GR-250', 'JFL-ANT-M7']
const QUERIES = ['rhum', 'café', 'vanille', 'anthurium', 'épices', 'rhum vieux', 'colombo', 'confiture']

export type StreamOptions = { days: number; sessionsPerDay: number; endDay: string; seed: number }

/**
 * Synthetic events, one array per UTC day (oldest first): each session lands on a page from a
 * channel, may bounce, browse listings and products, search, add to cart, walk the checkout steps
 * and order, with web vitals measured on most sessions.
 */
export function* generateEventStream(o: StreamOptions): Generator<{ day: string; rows: EventRow[] }> {
  const rand = seededRandom(o.seed) // the same seed gives the same stream, so tests can recount it
  const returning: { id: string; consent: boolean }[] = []
  for (let d = o.days - 1; d >= 0; d--) {
    const dayStart = Date.parse(`${o.endDay}T00:00:00Z`) - d * 86_400_000
    const day = new Date(dayStart).toISOString().slice(0, 10)
    const rows: EventRow[] = []
    // weekends and the end of the range are a bit busier
    const volume = Math.round(o.sessionsPerDay * ([0, 6].includes(new Date(dayStart).getUTCDay()) ? 1.15 : 1) * (0.9 + 0.2 * rand()))
    for (let s = 0; s < volume; s++) rows.push(...sessionEvents(rand, day, dayStart, s, returning))
    yield { day, rows }
  }
}

function sessionEvents(rand: () => number, day: string, dayStart: number, n: number, returning: { id: string; consent: boolean }[]): EventRow[] {
  const visitor = returning.length > 50 && rand() < 0.2 ? returning[Math.floor(rand() * returning.length)]! : { id: `v_demo_${day}_${n}`, consent: rand() < 0.6 }
  if (visitor.consent && returning.length < 5000 && rand() < 0.3) returning.push(visitor)
  const channel = weighted(rand, CHANNELS)
  const device = weighted(rand, DEVICES)
  const market = weighted(rand, MARKETS)
  let at = dayStart + Math.floor(rand() * 82_000) * 1000
  const base = { session_id: `s_demo_${day}_${n}`, visitor_id: visitor.id, consent: visitor.consent, device, market, locale: market === 'GP' || rand() < 0.9 ? 'fr' : 'en' }
  const rows: EventRow[] = []
  const add = (e: Partial<EventRow> & Pick<EventRow, 'type'>) => {
    at += 5_000 + Math.floor(rand() * 55_000)
    rows.push({ occurred_at: new Date(at), received_at: new Date(at), path: null, page_type: null, from_page_type: null, referrer_host: null, utm_source: null, utm_medium: null,
      utm_campaign: null, utm_content: null, utm_term: null, channel: 'direct', product_id: null, query: null, result_count: null, order_id: null, value_cents: null,
      step: null, metric: null, metric_value: null, experiment_key: null, variant_key: null, ...base, ...e })
  }
  const landing = weighted(rand, [['home', 35], ['category', 30], ['product', 25], ['search', 10]] as const)
  add({ type: 'page_view', page_type: landing, path: `/fr/${landing}`, channel })
  if (landing === 'product') add({ type: 'product_view', page_type: 'product', product_id: PRODUCTS[n % 3]!, path: '/fr/product' })
  const vitals = rand() < 0.7
  const slow = device === 'mobile' ? 1.35 : 1
  if (vitals) add({ type: 'web_vital', metric: 'LCP', metric_value: Math.round(lognormal(rand, 1900 * slow, 0.45)) })
  if (rand() < 0.42) return rows // bounce: one page, nothing else
  const lift = CHANNEL_LIFT[channel]! * DEVICE_LIFT[device]!
  let viewed = landing === 'product'
  let last = landing as string
  for (let p = 0, pages = 1 + Math.floor(rand() * 4); p < pages; p++) {
    if (rand() < 0.3) {
      const results = rand() < 0.09 ? 0 : 1 + Math.floor(rand() * 40)
      add({ type: 'page_view', page_type: 'search', path: '/fr/search' })
      add({ type: 'search', page_type: 'search', query: QUERIES[Math.floor(rand() * QUERIES.length)]!, result_count: results, path: '/fr/search' })
      last = 'search'
      if (results === 0 || rand() < 0.3) continue
    } else {
      add({ type: 'page_view', page_type: 'category', path: '/fr/category' })
      last = 'category'
      if (rand() < 0.45) continue
    }
    add({ type: 'page_view', page_type: 'product', path: '/fr/product' })
    add({ type: 'product_view', page_type: 'product', product_id: PRODUCTS[Math.floor(rand() * 3)]!, from_page_type: last, path: '/fr/product' })
    viewed = true
    last = 'product'
  }
  if (vitals) add({ type: 'web_vital', metric: 'INP', metric_value: Math.round(lognormal(rand, 130 * slow, 0.5)) })
  if (vitals) add({ type: 'web_vital', metric: 'CLS', metric_value: Math.round(lognormal(rand, 0.05, 0.8) * 1000) / 1000 })
  if (!viewed || rand() > 0.3 * lift) return rows
  add({ type: 'add_to_cart', product_id: PRODUCTS[n % 3]!, path: '/fr/product' })
  if (rand() > 0.55) return rows
  for (const step of ['cart', 'address', 'shipping', 'payment'] as const) {
    add({ type: 'checkout_step', step, path: `/fr/checkout/${step}` })
    if (rand() > 0.85) return rows
  }
  if (rand() > 0.55 * Math.min(1.4, lift)) return rows
  add({ type: 'order', order_id: `ord_demo_${day}_${n}`, value_cents: 2500 + Math.floor(rand() * 120) * 100 + Math.floor(rand() * 100), page_type: 'confirmation', path: '/fr/checkout/confirmation' })
  return rows
}

/** Inserts the stream in batches (the analytics module's insertEvents), reporting events written. */
export async function insertEventStream(db: Db, o: StreamOptions & { batch?: number; onDay?: (day: string, events: number) => void }): Promise<number> {
  let written = 0
  for (const { day, rows } of generateEventStream(o)) {
    for (let i = 0; i < rows.length; i += o.batch ?? 5000) written += await insertEvents(db, rows.slice(i, i + (o.batch ?? 5000)))
    o.onDay?.(day, rows.length)
  }
  return written
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { days: { type: 'string', default: '60' }, sessions: { type: 'string', default: '2000' }, seed: { type: 'string', default: '7' }, batch: { type: 'string', default: '5000' }, help: { type: 'boolean', default: false } } })
  if (values.help) return void console.log(USAGE)
  const days = Number(values.days), sessionsPerDay = Number(values.sessions), seed = Number(values.seed), batch = Number(values.batch)
  if (!Number.isInteger(days) || days < 1 || days > 800) throw new UsageError('--days must be an integer between 1 and 800')
  if (!Number.isInteger(sessionsPerDay) || sessionsPerDay < 1 || sessionsPerDay > 200_000) throw new UsageError('--sessions must be an integer between 1 and 200,000')
  if (!Number.isInteger(batch) || batch < 100 || batch > 50_000) throw new UsageError('--batch must be an integer between 100 and 50,000')
  const database = await openConfiguredDatabase(loadConfig())
  try {
    await migrateToLatest(database.db)
    const t0 = performance.now()
    const bar = new cliProgress.SingleBar({ format: 'events |{bar}| {value}/{total} days · {events} events · {rate}/s', hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 }, cliProgress.Presets.shades_classic)
    bar.start(days, 0, { events: 0, rate: 0 })
    let events = 0
    const written = await insertEventStream(database.db, { days, sessionsPerDay, seed, batch, endDay: new Date().toISOString().slice(0, 10),
      onDay: (_day, n) => { events += n; bar.increment(1, { events, rate: Math.round(events / ((performance.now() - t0) / 1000)) }) } })
    bar.stop()
    console.log(`inserted ${written} events in ${((performance.now() - t0) / 1000).toFixed(1)} s (orders already present are skipped)`)
    const t1 = performance.now()
    const r = await rollUpEvents(systemCtx(database.db, 'events-generate'), { lagSeconds: 0, maxBatches: 1_000_000, batchSize: 50_000 })
    console.log(`rolled up ${r.events} events in ${r.batches} batches (${((performance.now() - t1) / 1000).toFixed(1)} s) — ${database.describe}`)
  } finally {
    await database.close()
  }
}

class UsageError extends Error {}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    if (err instanceof ConfigError || err instanceof UsageError) {
      console.error(`${err.message}\n\n${USAGE}`)
      process.exit(2)
    }
    console.error(err instanceof Error ? err.stack ?? err.message : err)
    process.exit(1)
  })
}
