import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { recordAudit } from '../audit/index.ts'
import { transitionOrders } from '../orders/index.ts'
import { planFefoSwaps, type FreeLot, type HeldUnit } from './fefo-swap.ts'
import { listPreparationQueue } from './preparation-queue.ts'
import { staffIdOf } from './tables.ts'
import { walkingOrder } from './walking-order.ts'

export type CreatePickListInput = { warehouse: string; orderIds?: readonly string[]; oldest?: number }
export type CreatePickListResult = { pickListId: string; number: string; lines: number; orders: number; swapped: number; blocked: string[] }

type Candidate = { reservation_id: string; order_id: string; order_line_id: string; variant_id: string; lot_id: string; quantity: number; best_before: Date | null; delivery_date: Date | null; sku: string; number: string }
type LotRow = { lot_id: string; variant_id: string; best_before: Date; created_at: Date; free: number; location: string | null; lot_code: string }

/**
 * One pick list for the chosen paid orders of a warehouse (or its N oldest in the queue). Every
 * allocated unit not yet listed becomes a line; FEFO is applied again (an earlier-expiring lot
 * with enough free units takes the allocation, through the ledger); lines are sorted in walking
 * order; the orders move to picking. A fixed number of set-based statements whatever the
 * number of orders. Call it inside a transaction.
 */
export async function createPickList(ctx: Ctx, input: CreatePickListInput): Promise<CreatePickListResult> {
  const orderIds = input.orderIds?.length ? [...input.orderIds] : input.oldest ? (await listPreparationQueue(ctx, { warehouse: input.warehouse, limit: input.oldest })).map((o) => o.orderId) : []
  if (!orderIds.length) throw new AppError('VALIDATION_FAILED', 'Choisissez au moins une commande à préparer.')
  const today = isoDay(ctx.now)
  // two lists built at once for the same orders: the second waits here, then sees the first's lines
  await sql`SELECT id FROM orders WHERE id = ANY(${orderIds}::text[]) ORDER BY id FOR UPDATE`.execute(ctx.db)
  const cands = (await sql<Candidate>`
    SELECT r.id AS reservation_id, r.order_id, r.order_line_id, r.variant_id, r.lot_id, r.quantity, l.best_before, o.delivery_date, ol.sku, o.number
      FROM stock_reservations r
      JOIN order_lines ol ON ol.id = r.order_line_id
      JOIN orders o ON o.id = r.order_id
      JOIN lots l ON l.id = r.lot_id
     WHERE r.order_id = ANY(${orderIds}::text[]) AND r.status = 'ALLOCATED' AND ol.warehouse_code = ${input.warehouse} AND o.status IN ('paid', 'picking')
       AND NOT EXISTS (SELECT 1 FROM pick_list_lines pl JOIN pick_lists pk ON pk.id = pl.pick_list_id WHERE pl.reservation_id = r.id AND pk.status <> 'cancelled')
     FOR UPDATE OF r`.execute(ctx.db)).rows
  if (!cands.length) throw new AppError('CONFLICT', 'Ces commandes n’ont plus rien à préparer dans cet entrepôt : elles sont déjà sur une liste ou ne sont plus payées.')

  const variants = [...new Set(cands.map((c) => c.variant_id))]
  const lots = (await sql<LotRow>`
    SELECT l.id AS lot_id, l.variant_id, l.best_before, l.created_at, s.on_hand - s.reserved - s.allocated AS free, l.location, l.lot_code
      FROM lots l JOIN stock_levels s ON s.lot_id = l.id
     WHERE l.warehouse_code = ${input.warehouse} AND l.variant_id = ANY(${variants}::text[])`.execute(ctx.db)).rows
  const units: HeldUnit[] = cands.map((c) => {
    const until = c.delivery_date && isoDay(c.delivery_date) > today ? isoDay(c.delivery_date) : today
    return { reservationId: c.reservation_id, variantId: c.variant_id, lotId: c.lot_id, bestBefore: c.best_before ? isoDay(c.best_before) : null, quantity: c.quantity, usableUntil: until }
  })
  const freeLots: FreeLot[] = lots.filter((l) => l.best_before !== null && l.free > 0).map((l) => ({ lotId: l.lot_id, variantId: l.variant_id, bestBefore: isoDay(l.best_before), createdAt: l.created_at.toISOString(), free: l.free }))
  const { swaps, blocked } = planFefoSwaps(units, freeLots)
  const staffId = staffIdOf(ctx.actor)
  if (swaps.length) {
    // de-allocations first, so a lot that gives and takes never dips below zero in between
    const orderOf = new Map(cands.map((c) => [c.reservation_id, c.order_id]))
    const json = JSON.stringify(swaps.map((s) => ({ ...s, orderId: orderOf.get(s.reservationId) })))
    await sql`
      WITH s AS (SELECT * FROM json_to_recordset(${json}::json) AS x("reservationId" text, "fromLot" text, "toLot" text, quantity int, "orderId" text)),
      moved AS (UPDATE stock_reservations r SET lot_id = s."toLot", updated_at = ${ctx.now} FROM s WHERE r.id = s."reservationId" AND r.lot_id = s."fromLot" AND r.status = 'ALLOCATED' RETURNING r.id)
      INSERT INTO stock_movements (lot_id, quantity, allocated_delta, reason, reference, note, staff_id)
      SELECT lot, 0, delta, reason, "orderId", 'FEFO à la préparation', ${staffId}::text FROM (
        SELECT "fromLot" AS lot, -quantity AS delta, 'DEALLOCATE' AS reason, "orderId", 0 AS k FROM s
        UNION ALL SELECT "toLot", quantity, 'ALLOCATE', "orderId", 1 FROM s) m ORDER BY k`.execute(ctx.db)
  }

  const lotInfo = new Map(lots.map((l) => [l.lot_id, l]))
  const swapOf = new Map(swaps.map((s) => [s.reservationId, s.toLot]))
  const isBlocked = new Set(blocked)
  const kept = cands.filter((c) => !isBlocked.has(c.reservation_id)).map((c) => {
    const lotId = swapOf.get(c.reservation_id) ?? c.lot_id
    const lot = lotInfo.get(lotId)
    return { c, lotId, location: lot?.location ?? null, sku: c.sku, lotCode: lot?.lot_code ?? '' }
  })
  if (!kept.length) throw new AppError('CONFLICT', `Tous les lots alloués à ces commandes sont périmés et aucun autre lot ne peut les remplacer (${[...new Set(cands.map((c) => c.number))].join(', ')}).`)
  const pickListId = newId('pkl', ctx.now.getTime())
  const head = await sql<{ number: string }>`
    INSERT INTO pick_lists (id, number, warehouse_code, status, created_by, created_at)
    VALUES (${pickListId}, 'PK-' || lpad(nextval('pick_list_number_seq')::text, 6, '0'), ${input.warehouse}, 'open', ${staffId}, ${ctx.now}) RETURNING number`.execute(ctx.db)
  const rows = walkingOrder(kept).map((k, i) => ({ id: newId('pkn'), sequence: i + 1, orderId: k.c.order_id, orderLineId: k.c.order_line_id, reservationId: k.c.reservation_id, lotId: k.lotId, location: k.location, quantity: k.c.quantity }))
  await sql`
    INSERT INTO pick_list_lines (id, pick_list_id, sequence, order_id, order_line_id, reservation_id, lot_id, location, quantity)
    SELECT id, ${pickListId}, sequence, "orderId", "orderLineId", "reservationId", "lotId", location, quantity
      FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(id text, sequence int, "orderId" text, "orderLineId" text, "reservationId" text, "lotId" text, location text, quantity int)`.execute(ctx.db)
  const orders = [...new Set(rows.map((r) => r.orderId))]
  // orders already in picking (another warehouse's list) stay as they are
  await transitionOrders(ctx, { orderIds: orders, to: 'picking', from: ['paid'], note: `liste de préparation ${head.rows[0]!.number}` })
  await recordAudit(ctx, { action: 'warehouse.pick_list_created', entityType: 'pick_list', entityId: pickListId, after: { number: head.rows[0]!.number, warehouse: input.warehouse, orders: orders.length, lines: rows.length, swapped: swaps.length, blocked } })
  const blockedNumbers = [...new Set(cands.filter((c) => isBlocked.has(c.reservation_id)).map((c) => c.number))]
  return { pickListId, number: head.rows[0]!.number, lines: rows.length, orders: orders.length, swapped: swaps.length, blocked: blockedNumbers }
}
