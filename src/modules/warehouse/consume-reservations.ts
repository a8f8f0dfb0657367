import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { newId } from '../../kernel/ids.ts'

/**
 * Marks `quantity` allocated units of an order line on one lot with a final status (SHIPPED when
 * they leave, RELEASED when they are cancelled): whole reservation rows first, and the last one
 * split when only part of it goes, so every row stays true to its units. The caller writes the
 * matching ledger movement. Returns the units marked (less than asked when fewer are allocated).
 */
export async function consumeReservations(ctx: Ctx, input: { orderLineId: string; lotId: string; quantity: number; status: 'SHIPPED' | 'RELEASED' }): Promise<number> {
  const rows = (await sql<{ id: string; order_id: string; variant_id: string; quantity: number }>`
    SELECT id, order_id, variant_id, quantity FROM stock_reservations
     WHERE order_line_id = ${input.orderLineId} AND lot_id = ${input.lotId} AND status = 'ALLOCATED'
     ORDER BY quantity DESC, id FOR UPDATE`.execute(ctx.db)).rows
  let left = input.quantity
  for (const r of rows) {
    if (left === 0) break
    if (r.quantity <= left) {
      await sql`UPDATE stock_reservations SET status = ${input.status}, updated_at = ${ctx.now} WHERE id = ${r.id}`.execute(ctx.db)
      left -= r.quantity
    } else {
      await sql`UPDATE stock_reservations SET quantity = quantity - ${left}, updated_at = ${ctx.now} WHERE id = ${r.id}`.execute(ctx.db)
      await sql`INSERT INTO stock_reservations (id, order_id, order_line_id, variant_id, lot_id, quantity, status, created_at, updated_at)
        VALUES (${newId('res')}, ${r.order_id}, ${input.orderLineId}, ${r.variant_id}, ${input.lotId}, ${left}, ${input.status}, ${ctx.now}, ${ctx.now})`.execute(ctx.db)
      left = 0
    }
  }
  return input.quantity - left
}
