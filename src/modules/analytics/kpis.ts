import { sql, type RawBuilder } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { addSums, emptySums, kpisOf, NO_VITALS, SUMS_SELECT, type Kpis, type KpiSums, type PaidOrders, type Vitals } from './kpi-definitions.ts'
import { addDays, Day, periodsBetween, shiftPeriod, type Grain } from './periods.ts'
import { valueOfBucket, valueOfGrowingBucket, type Vital } from './vitals.ts'

export { kpisOf, type Kpis, type KpiSums } from './kpi-definitions.ts'

export const KpiQuery = z.object({
  from: Day,
  to: Day,
  grain: z.enum(['day', 'week', 'month']).default('day'),
  /** breakdown: channel = last touch (the session's), first_channel = the visitor's first (consented visitors) */
  by: z.enum(['none', 'channel', 'first_channel', 'device', 'market']).default('none'),
  /** p75 of the Core Web Vitals (never by channel: a web vital carries no channel) */
  vitals: z.boolean().default(true),
  /** the repeat purchase rate, from paid orders (only with by none or market: orders carry no device nor channel) */
  repeat: z.boolean().default(true),
}).refine((q) => q.from <= q.to, { message: 'la date de début doit précéder la date de fin', path: ['to'] })
export type KpiQuery = z.input<typeof KpiQuery>

export type KpiPoint = { period: string; key: string | null; current: Kpis }
export type KpiRow = KpiPoint & { previous: Kpis }
export type KpiReport = {
  from: string
  to: string
  grain: Grain
  by: string
  /** each period of the range (and key), with the period just before it */
  rows: KpiRow[]
  /** the range of as many periods just before, period by period (aligned with rows when by is none) */
  previousFrom: string
  previousRows: KpiPoint[]
  /** the whole range against the previous range */
  total: { current: Kpis; previous: Kpis }
}

const PERIOD = { day: 'day', week: "date_trunc('week', day)::date", month: "date_trunc('month', day)::date" } as const
const KEY = { none: "''", channel: 'channel', first_channel: 'channel', device: 'device', market: 'market' } as const
const sums = sql.raw(SUMS_SELECT)

type Bucket = { sums: KpiSums; vitals: Vitals; paid: PaidOrders | null }
type Grouped = { period: Date | string | null; key: string | null; part: string | null }

/**
 * The KPIs per period (day, ISO week, month) and breakdown key, each with the same key's previous
 * period, the range of as many periods just before, and both ranges' totals. Reads the daily
 * roll-up tables (and paid orders for the repeat purchase rate); sums, totals and the web-vitals
 * percentiles are computed by the database, so a call moves a few hundred rows whatever the traffic.
 */
export async function computeKpis(ctx: Ctx, input: KpiQuery): Promise<KpiReport> {
  const q = KpiQuery.parse(input)
  const periods = periodsBetween(q.from, q.to, q.grain)
  const from = periods[0]!
  const previousFrom = shiftPeriod(from, q.grain, -periods.length)
  const scope: Scope = {
    grain: q.grain,
    partFrom: from,
    period: sql.raw(PERIOD[q.grain]),
    key: sql.raw(KEY[q.by]),
    part: sql`CASE WHEN day >= ${from}::date THEN 'cur' ELSE 'prev' END`,
    start: previousFrom, to: q.to,
  }
  const withVitals = q.vitals && q.by !== 'channel' && q.by !== 'first_channel'
  const withRepeat = q.repeat && (q.by === 'none' || q.by === 'market')
  const [daily, vitals, paid] = await Promise.all([
    readSums(ctx, scope, q.by === 'first_channel' ? 'first' : 'last'),
    !withVitals ? Promise.resolve([]) : q.by === 'none' ? readShopVitalsP75(ctx, scope, periods.at(-1)!) : readVitalsP75(ctx, scope),
    withRepeat ? readPaidOrders(ctx, scope) : Promise.resolve([]),
  ])

  const buckets = new Map<string, Bucket>()
  const at = (r: Grouped) => {
    const k = r.period === null ? `${r.part}|*` : `${isoDay(r.period)}|${r.key ?? ''}`
    return buckets.get(k) ?? (buckets.set(k, { sums: emptySums(), vitals: { ...NO_VITALS }, paid: null }), buckets.get(k)!)
  }
  for (const r of daily) addSums(at(r).sums, r)
  const valueOf = q.by === 'none' ? valueOfGrowingBucket : valueOfBucket
  for (const r of vitals) at(r).vitals[`${r.metric.toLowerCase() as 'lcp' | 'inp' | 'cls'}P75`] = valueOf(r.metric, Number(r.bucket))
  for (const r of paid) at(r).paid = { orders: Number(r.orders), repeatOrders: Number(r.repeat_orders) }

  const kpisAt = (k: string): Kpis => {
    const b = buckets.get(k)
    return kpisOf(b?.sums ?? emptySums(), withRepeat ? (b?.paid ?? { orders: 0, repeatOrders: 0 }) : null, b?.vitals ?? NO_VITALS)
  }
  const keys = [...new Set([...daily, ...vitals, ...paid].filter((r) => r.period !== null).map((r) => String(r.key ?? '')))].sort()
  const pointsOf = (starts: string[]) => starts.flatMap((p) => (keys.length ? keys : ['']).flatMap((key) =>
    q.by !== 'none' && !buckets.has(`${p}|${key}`) ? [] : [{ period: p, key: q.by === 'none' ? null : key, current: kpisAt(`${p}|${key}`) }]))
  const rows = pointsOf(periods).map((r) => ({ ...r, previous: kpisAt(`${shiftPeriod(r.period, q.grain, -1)}|${r.key ?? ''}`) }))
  const previousRows = pointsOf(periods.map((p) => shiftPeriod(p, q.grain, -periods.length)))
  return { from, to: q.to, grain: q.grain, by: q.by, rows, previousFrom, previousRows, total: { current: kpisAt('cur|*'), previous: kpisAt('prev|*') } }
}

type Scope = { grain: Grain; partFrom: string; period: RawBuilder<unknown>; key: RawBuilder<unknown>; part: RawBuilder<unknown>; start: string; to: string }

/** Sums per period and key, and per part of the range ('cur', 'prev'), in one pass of the daily table. */
async function readSums(ctx: Ctx, s: Scope, touch: 'first' | 'last') {
  return (await sql<Grouped & Record<string, unknown>>`
    SELECT period, key, part, ${sums} FROM (
      SELECT ${s.period} AS period, ${s.key} AS key, ${s.part} AS part, * FROM analytics_daily
       WHERE day BETWEEN ${s.start}::date AND ${s.to}::date AND touch = ${touch}
    ) d GROUP BY GROUPING SETS ((period, key), (part))`.execute(ctx.db)).rows
}

/**
 * The shop's p75 per period and per part of the range, from the per-period histograms: whole
 * periods read their own row set; a last period cut short by `to` is read from its days.
 */
async function readShopVitalsP75(ctx: Ctx, s: Scope, lastPeriod: string) {
  const lastIsWhole = s.grain === 'day' || shiftPeriod(lastPeriod, s.grain, 1) <= addDays(s.to, 1)
  const wholeUntil = lastIsWhole ? lastPeriod : shiftPeriod(lastPeriod, s.grain, -1)
  return p75Of(ctx, sql`
    SELECT period, '' AS key, CASE WHEN period >= ${s.partFrom}::date THEN 'cur' ELSE 'prev' END AS part, metric, bucket, samples FROM analytics_vitals
     WHERE grain = ${s.grain} AND period BETWEEN ${s.start}::date AND ${wholeUntil}::date
    UNION ALL
    SELECT ${lastPeriod}::date, '', 'cur', metric, bucket, samples FROM analytics_vitals
     WHERE ${!lastIsWhole} AND grain = 'day' AND period BETWEEN ${lastPeriod}::date AND ${s.to}::date`)
}

/** The p75 bucket per period and key (device or market), and per part of the range, from the fine daily histograms. */
async function readVitalsP75(ctx: Ctx, s: Scope) {
  return p75Of(ctx, sql`
    SELECT ${s.period} AS period, ${s.key} AS key, ${s.part} AS part, metric, bucket, samples FROM analytics_vitals_daily
     WHERE day BETWEEN ${s.start}::date AND ${s.to}::date`)
}

/**
 * Cumulative counts over each histogram in the database: the first bucket whose running count
 * reaches ceil(0.75 × samples), as percentileOf reads it.
 */
async function p75Of(ctx: Ctx, histogramRows: RawBuilder<unknown>) {
  return (await sql<Grouped & { metric: Vital; bucket: number }>`
    WITH h AS (
      SELECT period, key, part, metric, bucket, sum(samples) AS n FROM (${histogramRows}) d
       GROUP BY GROUPING SETS ((period, key, metric, bucket), (part, metric, bucket))
    ), c AS (
      SELECT period, key, part, metric, bucket,
             sum(n) OVER (PARTITION BY period, key, part, metric ORDER BY bucket) AS seen,
             sum(n) OVER (PARTITION BY period, key, part, metric) AS total
        FROM h
    )
    SELECT DISTINCT ON (period, key, part, metric) period, key, part, metric, bucket FROM c
     WHERE seen >= ceil(0.75 * total) ORDER BY period, key, part, metric, bucket`.execute(ctx.db)).rows
}

/** Paid orders and repeat orders per period and key (market), and per part of the range. */
async function readPaidOrders(ctx: Ctx, s: Scope) {
  return (await sql<Grouped & { orders: string; repeat_orders: string }>`
    SELECT period, key, part, sum(orders) AS orders, sum(repeat_orders) AS repeat_orders FROM (
      SELECT ${s.period} AS period, ${s.key} AS key, ${s.part} AS part, orders, repeat_orders FROM analytics_orders_daily
       WHERE day BETWEEN ${s.start}::date AND ${s.to}::date
    ) d GROUP BY GROUPING SETS ((period, key), (part))`.execute(ctx.db)).rows
}
