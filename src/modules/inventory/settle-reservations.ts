import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { inventoryDb } from './tables.ts'

/**
 * Payment received: the order's held units become allocated (promised to it, no expiry).
 * Guarded by status, so a second call (a duplicated webhook) changes nothing.
 * Returns how many units moved.
 */
export async function allocateReservations(ctx: Ctx, input: { orderId: string }): Promise<number> {
  // one statement: the holds move and their ledger movements are written from what moved
  const r = await sql<{ units: number }>`
    WITH moved AS (
      UPDATE stock_reservations SET status = 'ALLOCATED', expires_at = NULL, updated_at = ${ctx.now}
       WHERE order_id = ${input.orderId} AND status = 'HELD'
      RETURNING lot_id, quantity),
    ledger AS (
      INSERT INTO stock_movements (lot_id, quantity, reserved_delta, allocated_delta, reason, reference, note)
      SELECT lot_id, 0, -quantity, quantity, 'ALLOCATE', ${input.orderId}::text, NULL FROM moved)
    SELECT COALESCE(SUM(quantity), 0)::int AS units FROM moved`.execute(ctx.db)
  return r.rows[0]?.units ?? 0
}

/**
 * Gives an order's stock back (cancellation, failed payment, expired hold): held units are
 * released, allocated ones de-allocated. Idempotent; returns how many units came back.
 */
export async function releaseReservations(ctx: Ctx, input: { orderId: string; note?: string }): Promise<number> {
  const db = inventoryDb(ctx.db)
  const released = await db
    .updateTable('stock_reservations as r')
    .set({ status: 'RELEASED', expires_at: null, updated_at: ctx.now })
    .from((eb) => eb.selectFrom('stock_reservations').select(['id', 'status as previous']).where('order_id', '=', input.orderId).where('status', 'in', ['HELD', 'ALLOCATED']).forUpdate().as('p'))
    .whereRef('r.id', '=', 'p.id')
    .returning(['r.lot_id', 'r.quantity', 'p.previous'])
    .execute()
  if (released.length === 0) return 0
  await db
    .insertInto('stock_movements')
    .values(
      released.map((r) =>
        r.previous === 'HELD'
          ? { lot_id: r.lot_id, quantity: 0, reserved_delta: -r.quantity, reason: 'RELEASE' as const, reference: input.orderId, note: input.note ?? null }
          : { lot_id: r.lot_id, quantity: 0, allocated_delta: -r.quantity, reason: 'DEALLOCATE' as const, reference: input.orderId, note: input.note ?? null },
      ),
    )
    .execute()
  return released.reduce((a, r) => a + r.quantity, 0)
}

/** Moves the hold's deadline (a card payment still pending at the provider keeps its stock longer). */
export async function extendHold(ctx: Ctx, input: { orderId: string; expiresAt: Date }): Promise<void> {
  await inventoryDb(ctx.db).updateTable('stock_reservations').set({ expires_at: input.expiresAt, updated_at: ctx.now }).where('order_id', '=', input.orderId).where('status', '=', 'HELD').execute()
}
