import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { listPortalInvoices, listPortalStatements } from './invoices-statements.ts'
import { listPortalPurchaseOrders, type PortalPurchaseOrder } from './purchase-orders.ts'
import { salesThisWeek } from './sales-by-week.ts'
import type { ProducerScope } from './scope.ts'
import { portalDb } from './tables.ts'

/** Lots whose best-before date falls within this many days are flagged on the home page. */
export const EXPIRY_ALERT_DAYS = 45

export type ExpiryAlert = { sku: string; name: string; lotCode: string; warehouseCode: string; bestBefore: string; onHand: number }
export type NextPayment = { kind: 'invoice' | 'statement'; number: string; dueOn: string; amount: number }
export type PortalHome = {
  week: { units: number; net: number; since: string }
  expiring: ExpiryAlert[]
  toConfirm: PortalPurchaseOrder[]
  nextPayment: NextPayment | null
}

/** What the producer sees first: this week's sales, lots near expiry, orders to confirm, the next payment due to them. */
export async function portalHome(ctx: Ctx, scope: ProducerScope): Promise<PortalHome> {
  const until = new Date(ctx.now.getTime() + EXPIRY_ALERT_DAYS * 86_400_000)
  const expiring = await portalDb(ctx.db)
    .selectFrom('stock_levels as s')
    .innerJoin('lots as l', 'l.id', 's.lot_id')
    .innerJoin('product_variants as v', 'v.id', 's.variant_id')
    .innerJoin('products as p', 'p.id', 'v.product_id')
    .select(['v.sku', 'v.name_fr', 'l.lot_code', 's.warehouse_code', 'l.best_before', 's.on_hand'])
    .where('p.producer_id', '=', scope.producerId)
    .where('s.on_hand', '>', 0)
    .where('l.best_before', 'is not', null)
    .where(sql<boolean>`l.best_before <= ${isoDay(until)}::date`)
    .orderBy('l.best_before').orderBy('l.lot_code')
    .limit(20)
    .execute()
  const orders = await listPortalPurchaseOrders(ctx, scope)
  const dues: NextPayment[] = [
    ...(await listPortalInvoices(ctx, scope)).filter((i) => i.left > 0 && i.status !== 'cancelled').map((i) => ({ kind: 'invoice' as const, number: i.number, dueOn: i.dueOn, amount: i.left })),
    ...(await listPortalStatements(ctx, scope)).filter((s) => s.status !== 'paid' && s.amountOwed - s.paid > 0).map((s) => ({ kind: 'statement' as const, number: s.number, dueOn: s.dueOn, amount: s.amountOwed - s.paid })),
  ].sort((a, b) => a.dueOn.localeCompare(b.dueOn))
  return {
    week: await salesThisWeek(ctx, scope),
    expiring: expiring.map((e) => ({ sku: e.sku, name: e.name_fr, lotCode: e.lot_code, warehouseCode: e.warehouse_code, bestBefore: isoDay(e.best_before!), onHand: e.on_hand })),
    toConfirm: orders.filter((o) => o.status === 'sent'),
    nextPayment: dues[0] ?? null,
  }
}
