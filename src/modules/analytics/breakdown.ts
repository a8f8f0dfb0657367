import { sql } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { addSums, emptySums, kpisOf, NO_VITALS, SUMS_SELECT, type Kpis, type KpiSums } from './kpi-definitions.ts'
import { addDays, Day } from './periods.ts'

export const BreakdownQuery = z.object({
  from: Day,
  to: Day,
  /** channel = last touch (the session's), first_channel = the visitor's first (consented visitors) */
  by: z.enum(['channel', 'first_channel', 'device', 'market']),
}).refine((q) => q.from <= q.to, { message: 'la date de début doit précéder la date de fin', path: ['to'] })
export type BreakdownQuery = z.input<typeof BreakdownQuery>

/** One key's counts and KPIs over the range, and over the range of the same length just before. */
export type BreakdownRow = { key: string; current: KpiSums; previous: KpiSums; kpis: Kpis; previousKpis: Kpis }

const KEY = { channel: 'channel', first_channel: 'channel', device: 'device', market: 'market' } as const

/**
 * Range totals per channel, device or market (the breakdown charts), most sessions first: one
 * grouped read of the daily roll-up. Rates come from the summed counts, never from averaged rates.
 */
export async function computeBreakdown(ctx: Ctx, input: BreakdownQuery): Promise<BreakdownRow[]> {
  const q = BreakdownQuery.parse(input)
  const days = Math.round((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000) + 1
  const previousFrom = addDays(q.from, -days)
  const key = sql.raw(KEY[q.by])
  const columns = sql.raw(SUMS_SELECT)
  const r = await sql<{ key: string; part: 'cur' | 'prev' } & Record<string, unknown>>`
    SELECT ${key} AS key, CASE WHEN day >= ${q.from}::date THEN 'cur' ELSE 'prev' END AS part, ${columns}
      FROM analytics_daily WHERE day BETWEEN ${previousFrom}::date AND ${q.to}::date AND touch = ${q.by === 'first_channel' ? 'first' : 'last'}
     GROUP BY 1, 2`.execute(ctx.db)
  const byKey = new Map<string, { current: KpiSums; previous: KpiSums }>()
  for (const row of r.rows) {
    const entry = byKey.get(row.key) ?? (byKey.set(row.key, { current: emptySums(), previous: emptySums() }), byKey.get(row.key)!)
    addSums(row.part === 'cur' ? entry.current : entry.previous, row)
  }
  return [...byKey.entries()]
    .filter(([, e]) => e.current.sessions > 0 || e.current.orders > 0)
    .map(([k, e]) => ({ key: k, ...e, kpis: kpisOf(e.current, null, NO_VITALS), previousKpis: kpisOf(e.previous, null, NO_VITALS) }))
    .sort((a, b) => b.current.sessions - a.current.sessions || a.key.localeCompare(b.key))
}
