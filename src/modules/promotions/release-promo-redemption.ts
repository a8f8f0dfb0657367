import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import type { Db } from '../../kernel/db/client.ts'
import { promotionsDb } from './tables.ts'

/**
 * Gives back the code uses of an order cancelled or expired before payment. Idempotent and
 * safe when two releases race: the guarded UPDATE (released_at IS NULL) marks each redemption
 * once, and only the statement that marked it gives the use back.
 */
export async function releasePromoRedemption(ctx: Ctx, input: { orderId: string }): Promise<{ released: number }> {
  if (ctx.db.isTransaction) return releaseIn(ctx.db, input.orderId, ctx.now)
  return ctx.db.transaction().execute((trx) => releaseIn(trx, input.orderId, ctx.now))
}

async function releaseIn(trx: Db, orderId: string, now: Date): Promise<{ released: number }> {
  const db = promotionsDb(trx)
  const rows = await db
    .updateTable('promo_redemptions')
    .set({ released_at: now })
    .where('order_id', '=', orderId)
    .where('released_at', 'is', null)
    .returning('promo_id')
    .execute()
  for (const r of rows) {
    await db.updateTable('promo_codes').set({ used_count: sql<number>`used_count - 1` }).where('id', '=', r.promo_id).execute()
  }
  return { released: rows.length }
}
