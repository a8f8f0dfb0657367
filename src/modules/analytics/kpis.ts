import { sql, type RawBuilder } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { emptySums, kpisOf, SUM_COLUMNS, type Buyers, type Kpis, type KpiSums, type Vitals } from './kpi-definitions.ts'
import { percentileOf, VITALS, type Vital } from './vitals.ts'

export { kpisOf, type Kpis, type KpiSums } from './kpi-definitions.ts'

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'date invalide')
export const KpiQuery = z.object({
  from: day,
  to: day,
  grain: z.enum(['day', 'week', 'month']).default('day'),
  /** breakdown: channel = last touch (the session's), first_channel = the visitor's first (consented visitors) */
  by: z.enum(['none', 'channel', 'first_channel', 'device', 'market']).default('none'),
}).refine((q) => q.from <= q.to, { message: 'la date de début doit précéder la date de fin', path: ['to'] })
export type KpiQuery = z.input<typeof KpiQuery>

export type KpiRow = { period: string; key: string | null; current: Kpis; previous: Kpis }
export type KpiReport = { from: string; to: string; grain: 'day' | 'week' | 'month'; by: string; rows: KpiRow[]; total: { current: Kpis; previous: Kpis } }

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
/** First day of the week (Monday) or month holding `d`. */
function periodStart(d: string, grain: 'day' | 'week' | 'month'): string {
  if (grain === 'day') return d
  if (grain === 'month') return `${d.slice(0, 7)}-01`
  const wd = (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7
  return addDays(d, -wd)
}
function previousPeriod(start: string, grain: 'day' | 'week' | 'month'): string {
  if (grain === 'day') return addDays(start, -1)
  if (grain === 'week') return addDays(start, -7)
  const [y, m] = start.split('-').map(Number) as [number, number]
  return m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`
}

const PERIOD = { day: 'day', week: "date_trunc('week', day)::date", month: "date_trunc('month', day)::date" } as const
const KEY = { none: "''", channel: 'channel', first_channel: 'channel', device: 'device', market: 'market' } as const
const sums = sql.raw(Object.values(SUM_COLUMNS).map((c) => `sum(${c})::bigint AS ${c}`).join(', '))

type Bucket = { sums: KpiSums; hist: Map<Vital, Map<number, number>>; buyers: Buyers | null }
const newBucket = (): Bucket => ({ sums: emptySums(), hist: new Map(), buyers: null })

/**
 * The KPIs per period (day, ISO week, month) and breakdown key, each with the same key's previous
 * period, plus the range's total against the range just before. Reads the roll-up tables only
 * (and paid orders for the repeat purchase rate). `from` is moved back to its week's or month's start.
 */
export async function computeKpis(ctx: Ctx, input: KpiQuery): Promise<KpiReport> {
  const q = KpiQuery.parse(input)
  const from = periodStart(q.from, q.grain)
  const readFrom = previousPeriod(from, q.grain)
  const span = Math.round((Date.parse(q.to) - Date.parse(from)) / 86_400_000) + 1
  const prevFrom = addDays(from, -span)
  const start = readFrom < prevFrom ? readFrom : prevFrom
  const touch = q.by === 'first_channel' ? 'first' : 'last'
  const keyOf = sql.raw(KEY[q.by])
  const periodOf = sql.raw(PERIOD[q.grain])

  // rows per period and key; the range totals are added up from the same days, marked by `part`
  const part = sql`CASE WHEN day >= ${from}::date THEN 'cur' WHEN day >= ${prevFrom}::date THEN 'prev' ELSE 'none' END`
  const read = async (table: string, cols: RawBuilder<unknown>, extra: RawBuilder<unknown>, where: RawBuilder<unknown>) =>
    (await sql<Record<string, unknown>>`
      SELECT ${periodOf} AS period, ${part} AS part, ${keyOf} AS key, ${extra} ${cols} FROM ${sql.table(table)}
       WHERE day BETWEEN ${start}::date AND ${q.to}::date AND ${where}
       GROUP BY 1, 2, 3 ${table === 'analytics_vitals_daily' ? sql`, metric, bucket` : sql``}`.execute(ctx.db)).rows
  const daily = await read('analytics_daily', sums, sql``, sql`touch = ${touch}`)
  const vitals = q.by === 'channel' || q.by === 'first_channel' ? [] : await read('analytics_vitals_daily', sql`sum(samples)::bigint AS samples`, sql`metric, bucket,`, sql`true`)
  const buyers = q.by === 'none' || q.by === 'market' ? await readBuyers(ctx, q.by, periodOf, part, start, q.to) : null

  const buckets = new Map<string, Bucket>()
  const at = (k: string) => buckets.get(k) ?? (buckets.set(k, newBucket()), buckets.get(k)!)
  const keysOf = (r: Record<string, unknown>) => {
    const period = isoDay(r.period as Date | string)
    const key = String(r.key)
    return [`${period}|${key}`, r.part === 'cur' || r.part === 'prev' ? `${r.part}|*` : null].filter((k): k is string => k !== null)
  }
  for (const r of daily) for (const k of keysOf(r)) {
    const b = at(k)
    for (const [name, col] of Object.entries(SUM_COLUMNS)) b.sums[name as keyof KpiSums] += Number(r[col] ?? 0)
  }
  for (const r of vitals) for (const k of keysOf(r)) {
    const h = at(k).hist
    const m = h.get(r.metric as Vital) ?? (h.set(r.metric as Vital, new Map()), h.get(r.metric as Vital)!)
    m.set(Number(r.bucket), (m.get(Number(r.bucket)) ?? 0) + Number(r.samples))
  }
  // buyers are distinct people: counted per period, and again per whole range (never added up across periods)
  for (const r of buyers ?? []) {
    const b = at(r.period === null ? `${String(r.part)}|*` : `${isoDay(r.period as Date | string)}|${String(r.key)}`)
    b.buyers = { buyers: (b.buyers?.buyers ?? 0) + Number(r.buyers), repeaters: (b.buyers?.repeaters ?? 0) + Number(r.repeaters) }
  }
  const kpisAt = (k: string): Kpis => {
    const b = buckets.get(k) ?? newBucket()
    const v = Object.fromEntries(VITALS.map((m) => [`${m.toLowerCase()}P75`, percentileOf(m, b.hist.get(m) ?? new Map())])) as Vitals
    return kpisOf(b.sums, buyers ? (b.buyers ?? { buyers: 0, repeaters: 0 }) : null, v)
  }

  const keys = [...new Set(daily.concat(vitals).map((r) => String(r.key)))].sort()
  const rows: KpiRow[] = []
  for (let p = from; p <= q.to; p = nextPeriod(p, q.grain)) {
    for (const key of keys.length ? keys : ['']) {
      if (q.by !== 'none' && !buckets.has(`${p}|${key}`)) continue
      rows.push({ period: p, key: q.by === 'none' ? null : key, current: kpisAt(`${p}|${key}`), previous: kpisAt(`${previousPeriod(p, q.grain)}|${key}`) })
    }
  }
  return { from, to: q.to, grain: q.grain, by: q.by, rows, total: { current: kpisAt('cur|*'), previous: kpisAt('prev|*') } }
}

function nextPeriod(p: string, grain: 'day' | 'week' | 'month'): string {
  if (grain === 'day') return addDays(p, 1)
  if (grain === 'week') return addDays(p, 7)
  const [y, m] = p.split('-').map(Number) as [number, number]
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
}

/** Buyers (customer, else e-mail) of paid orders and those with two or more: per period and key, then per part of the range. */
async function readBuyers(ctx: Ctx, by: 'none' | 'market', periodOf: RawBuilder<unknown>, part: RawBuilder<unknown>, start: string, to: string) {
  const key = sql.raw(by === 'market' ? 'market' : "''")
  const count = async (group: RawBuilder<unknown>, keyOf: RawBuilder<unknown>) => (await sql<Record<string, unknown>>`
    SELECT period, part, key, count(*) AS buyers, count(*) FILTER (WHERE n >= 2) AS repeaters FROM (
      SELECT ${group}, ${keyOf} AS key, who, count(*) AS n FROM (
        SELECT (paid_at AT TIME ZONE 'UTC')::date AS day, market, coalesce(customer_id, lower(email)) AS who FROM orders
         WHERE paid_at >= ${start}::date AND paid_at < ${to}::date + 1
      ) o GROUP BY 1, 2, 3, 4
    ) b WHERE part <> 'none' GROUP BY 1, 2, 3`.execute(ctx.db)).rows
  return [
    ...(await count(sql`${periodOf} AS period, 'row' AS part`, key)),
    ...(await count(sql`NULL::date AS period, ${part} AS part`, sql.raw("''"))),
  ]
}
