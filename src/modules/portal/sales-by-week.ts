import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { divRound } from '../../kernel/money.ts'
import { cents, type ProducerScope } from './scope.ts'
import { portalDb } from './tables.ts'

export type WeekSales = { weekStart: string; label: string; units: number; net: number }
export type ProductSellThrough = { productId: string; name: string; sold: number; onHand: number; sellThroughBp: number | null }
export type PortalSales = { weeks: WeekSales[]; products: ProductSellThrough[]; totalUnits: number; totalNet: number }

/** Orders that count as sales: paid, and neither cancelled nor refunded since. */
const SOLD = sql<boolean>`o.paid_at IS NOT NULL AND o.status NOT IN ('cancelled', 'refunded')`

const DAY = 86_400_000
/** The Monday (UTC) of the ISO week holding `d`. */
export function weekStartOf(d: Date): Date {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY)
}

/** 'S48 2026' for the ISO week starting on this Monday (UTC). */
export function isoWeekLabel(monday: Date): string {
  const thursday = new Date(monday.getTime() + 3 * DAY)
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1)
  const week = Math.floor((thursday.getTime() - yearStart) / DAY / 7) + 1
  return `S${String(week).padStart(2, '0')} ${thursday.getUTCFullYear()}`
}

const utcDay = (d: Date) => d.toISOString().slice(0, 10)

/**
 * Units and net sales (excl. VAT, after discounts) of the producer's products per ISO week
 * (weeks start Monday, UTC) for the last `weeks` weeks including the current one, every week
 * shown even when empty; and sell-through per product over the same span:
 * sold ÷ (sold + on hand now), in basis points (null when both are zero).
 */
export async function salesByWeek(ctx: Ctx, scope: ProducerScope, opts: { weeks?: number } = {}): Promise<PortalSales> {
  const count = opts.weeks ?? 12
  const current = weekStartOf(ctx.now)
  const from = new Date(current.getTime() - (count - 1) * 7 * DAY)
  const db = portalDb(ctx.db)
  const sold = db
    .selectFrom('order_lines as ol')
    .innerJoin('orders as o', 'o.id', 'ol.order_id')
    .innerJoin('product_variants as v', 'v.id', 'ol.variant_id')
    .innerJoin('products as p', 'p.id', 'v.product_id')
    .where('p.producer_id', '=', scope.producerId)
    .where(SOLD)
    .where('o.paid_at', '>=', from)
    .where('o.paid_at', '<=', ctx.now)
  const weekly = await sold
    .select([sql<string>`to_char(date_trunc('week', o.paid_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`.as('week'), sql<string>`sum(ol.quantity)`.as('units'), sql<string>`sum(ol.net)`.as('net')])
    .groupBy(sql`1`)
    .execute()
  const soldPerProduct = await sold.select(['p.id', sql<string>`sum(ol.quantity)`.as('units')]).groupBy('p.id').execute()
  const onHandPerProduct = await db
    .selectFrom('stock_levels as s')
    .innerJoin('product_variants as v', 'v.id', 's.variant_id')
    .innerJoin('products as p', 'p.id', 'v.product_id')
    .select(['p.id', sql<string>`sum(s.on_hand)`.as('units')])
    .where('p.producer_id', '=', scope.producerId)
    .groupBy('p.id')
    .execute()
  const perProduct = await db.selectFrom('products as p').select(['p.id', 'p.name_fr']).where('p.producer_id', '=', scope.producerId).orderBy('p.name_fr').orderBy('p.id').execute()
  const soldOf = new Map(soldPerProduct.map((r) => [r.id, Number(r.units)]))
  const onHandOf = new Map(onHandPerProduct.map((r) => [r.id, Number(r.units)]))
  const byWeek = new Map(weekly.map((w) => [w.week, w]))
  const weeks: WeekSales[] = []
  for (let i = 0; i < count; i++) {
    const monday = new Date(from.getTime() + i * 7 * DAY)
    const row = byWeek.get(utcDay(monday))
    weeks.push({ weekStart: utcDay(monday), label: isoWeekLabel(monday), units: Number(row?.units ?? 0), net: cents(row?.net) })
  }
  const products = perProduct.map((p) => {
    const soldUnits = soldOf.get(p.id) ?? 0
    const onHand = onHandOf.get(p.id) ?? 0
    return { productId: p.id, name: p.name_fr, sold: soldUnits, onHand, sellThroughBp: soldUnits + onHand > 0 ? divRound(soldUnits * 10_000, soldUnits + onHand) : null }
  })
  return { weeks, products, totalUnits: weeks.reduce((s, w) => s + w.units, 0), totalNet: weeks.reduce((s, w) => s + w.net, 0) }
}

/** Units and net sales since Monday (the home page's "this week"). */
export async function salesThisWeek(ctx: Ctx, scope: ProducerScope): Promise<{ units: number; net: number; since: string }> {
  const sales = await salesByWeek(ctx, scope, { weeks: 1 })
  const week = sales.weeks[0]!
  return { units: week.units, net: week.net, since: isoDay(week.weekStart) }
}
