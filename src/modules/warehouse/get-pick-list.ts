import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'

export type PickListLine = { sequence: number; location: string | null; sku: string; name: string; lotCode: string; bestBefore: string | null; quantity: number; orderId: string; orderNumber: string }
export type PickListView = { id: string; number: string; warehouseCode: string; status: string; createdAt: Date; lines: PickListLine[] }
export type PickListSummary = { id: string; number: string; warehouseCode: string; status: string; createdAt: Date; lines: number; orders: number }

/** A pick list with its lines in walking order, or null. */
export async function getPickList(ctx: Ctx, id: string): Promise<PickListView | null> {
  const head = (await sql<{ id: string; number: string; warehouse_code: string; status: string; created_at: Date }>`SELECT id, number, warehouse_code, status, created_at FROM pick_lists WHERE id = ${id}`.execute(ctx.db)).rows[0]
  if (!head) return null
  const lines = await sql<{ sequence: number; location: string | null; sku: string; name: string; lot_code: string; best_before: Date | null; quantity: number; order_id: string; number: string }>`
    SELECT pl.sequence, pl.location, ol.sku, ol.name, l.lot_code, l.best_before, pl.quantity, pl.order_id, o.number
      FROM pick_list_lines pl JOIN order_lines ol ON ol.id = pl.order_line_id JOIN lots l ON l.id = pl.lot_id JOIN orders o ON o.id = pl.order_id
     WHERE pl.pick_list_id = ${id} ORDER BY pl.sequence`.execute(ctx.db)
  return {
    id: head.id, number: head.number, warehouseCode: head.warehouse_code, status: head.status, createdAt: head.created_at,
    lines: lines.rows.map((l) => ({ sequence: l.sequence, location: l.location, sku: l.sku, name: l.name, lotCode: l.lot_code, bestBefore: l.best_before ? isoDay(l.best_before) : null, quantity: l.quantity, orderId: l.order_id, orderNumber: l.number })),
  }
}

/** The latest pick lists of a warehouse. */
export async function listPickLists(ctx: Ctx, input: { warehouse: string; limit?: number }): Promise<PickListSummary[]> {
  const r = await sql<{ id: string; number: string; warehouse_code: string; status: string; created_at: Date; lines: number; orders: number }>`
    SELECT p.id, p.number, p.warehouse_code, p.status, p.created_at,
           (SELECT count(*)::int FROM pick_list_lines x WHERE x.pick_list_id = p.id) AS lines,
           (SELECT count(DISTINCT order_id)::int FROM pick_list_lines x WHERE x.pick_list_id = p.id) AS orders
      FROM pick_lists p WHERE p.warehouse_code = ${input.warehouse} ORDER BY p.created_at DESC, p.id DESC LIMIT ${input.limit ?? 20}`.execute(ctx.db)
  return r.rows.map((p) => ({ id: p.id, number: p.number, warehouseCode: p.warehouse_code, status: p.status, createdAt: p.created_at, lines: p.lines, orders: p.orders }))
}
