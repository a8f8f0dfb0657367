import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { WITHDRAWAL_DAYS } from '../orders/index.ts'
import { returnsDb } from './tables.ts'

/** One order line as a return sees it: what left the warehouse, what is already asked back, from which lot. */
export type ReturnableLine = {
  orderLineId: string
  sku: string
  name: string
  ordered: number
  shipped: number
  /** units in returns not rejected */
  requested: number
  /** units the shopper may still ask to return (0 for a line without the right of return) */
  left: number
  eligible: boolean
  /** the lot its units shipped from (the largest share), else the lot allocated at payment */
  lotId: string | null
}

export type ReturnableOrder = { lines: ReturnableLine[]; windowStart: Date | null; windowEnd: Date | null }

const DAY_MS = 86_400_000
const AFTER_SHIPMENT: readonly string[] = ['shipped', 'delivered', 'returned']

/**
 * What an order may still send back. Shipped units come from shipment_lines of parcels that left
 * (an order marked shipped before parcels were recorded counts all its units as shipped).
 * The return window is WITHDRAWAL_DAYS (C. consom. L221-18) counted from the day the goods were
 * received: the carrier's delivery scan when there is one; otherwise the later of the shipment
 * and the promised delivery day, so a parcel still in transit never shortens the shopper's period.
 */
export async function returnableUnits(ctx: Ctx, orderId: string): Promise<ReturnableOrder> {
  const db = returnsDb(ctx.db)
  const [order, lines, shipped, asked, reserved] = await Promise.all([
    db.selectFrom('orders').select(['status', 'promise_to']).where('id', '=', orderId).executeTakeFirst(),
    db.selectFrom('order_lines').select(['id', 'sku', 'name', 'quantity', 'withdrawal_eligible']).where('order_id', '=', orderId).orderBy('position').execute(),
    db.selectFrom('shipment_lines as sl').innerJoin('shipments as s', 's.id', 'sl.shipment_id')
      .select(['sl.order_line_id', 'sl.lot_id', 'sl.quantity', 's.shipped_at', 's.delivered_at'])
      .where('s.order_id', '=', orderId).where('s.status', 'in', ['shipped', 'delivered']).execute(),
    db.selectFrom('return_lines as rl').innerJoin('return_requests as r', 'r.id', 'rl.return_id')
      .select(['rl.order_line_id', sql<number>`sum(rl.quantity)::int`.as('units')])
      .where('r.order_id', '=', orderId).where('r.status', '<>', 'rejected').groupBy('rl.order_line_id').execute(),
    db.selectFrom('stock_reservations').select(['order_line_id', 'lot_id', 'quantity', 'status'])
      .where('order_id', '=', orderId).execute(),
  ])
  if (!order) return { lines: [], windowStart: null, windowEnd: null }
  const legacy = shipped.length === 0 && AFTER_SHIPMENT.includes(order.status)
  const askedBy = new Map(asked.map((a) => [a.order_line_id, a.units]))
  const out = lines.map((l): ReturnableLine => {
    const parts = shipped.filter((s) => s.order_line_id === l.id).sort((a, b) => b.quantity - a.quantity || a.lot_id.localeCompare(b.lot_id))
    const rank = (s: string) => (s === 'SHIPPED' ? 2 : s === 'ALLOCATED' ? 1 : 0)
    const held = reserved.filter((r) => r.order_line_id === l.id).sort((a, b) => rank(b.status) - rank(a.status) || b.quantity - a.quantity)
    const units = legacy ? l.quantity : parts.reduce((n, s) => n + s.quantity, 0)
    const requested = askedBy.get(l.id) ?? 0
    return {
      orderLineId: l.id, sku: l.sku, name: l.name, ordered: l.quantity, shipped: units, requested, eligible: l.withdrawal_eligible,
      left: l.withdrawal_eligible ? Math.max(0, units - requested) : 0, lotId: parts[0]?.lot_id ?? held[0]?.lot_id ?? null,
    }
  })
  const time = (d: Date | null) => (d ? new Date(d).getTime() : Number.NaN)
  const delivered = Math.max(...shipped.map((s) => time(s.delivered_at)).filter((n) => !Number.isNaN(n)))
  const left = Math.max(...shipped.map((s) => time(s.shipped_at)).filter((n) => !Number.isNaN(n)))
  const promised = new Date(`${isoDay(order.promise_to)}T23:59:59Z`).getTime()
  const start = Number.isFinite(delivered) ? delivered : Number.isFinite(left) || legacy ? Math.max(Number.isFinite(left) ? left : 0, promised) : Number.NaN
  if (Number.isNaN(start)) return { lines: out, windowStart: null, windowEnd: null }
  return { lines: out, windowStart: new Date(start), windowEnd: new Date(start + WITHDRAWAL_DAYS * DAY_MS) }
}
