import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import type { Db } from '../../kernel/db/client.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { normalizeCustomerKey, type PromoFailure } from './promo-rules.ts'
import { promotionsDb } from './tables.ts'

export type RedeemPromoInput = { promoId: string; orderId: string; customerKey: string; now: Date }
export type RedeemPromoResult = { ok: true; redemptionId: string; alreadyRedeemed: boolean } | PromoFailure

/**
 * Takes one use of a code for an order, in the order's transaction (ctx.db = trx; without
 * one, it opens its own). Safe under concurrency: the promo row is locked first (FOR UPDATE),
 * so redemptions of one code queue up and each sees the uses committed before it; the
 * per-customer count is read under that lock, and used_count moves by a guarded UPDATE
 * (used_count < usage_limit) backed by the table's CHECK. Idempotent per order.
 * The basket minimum is evaluatePromo's business: amounts are not known here.
 */
export async function redeemPromo(ctx: Ctx, input: RedeemPromoInput): Promise<RedeemPromoResult> {
  if (ctx.db.isTransaction) return redeemIn(ctx.db, input)
  return ctx.db.transaction().execute((trx) => redeemIn(trx, input))
}

async function redeemIn(trx: Db, raw: RedeemPromoInput): Promise<RedeemPromoResult> {
  const input = { ...raw, customerKey: normalizeCustomerKey(raw.customerKey) }
  if (!input.customerKey) throw new AppError('VALIDATION_FAILED', 'a redemption needs a customer key (customer id or e-mail)')
  const db = promotionsDb(trx)
  const promo = await db.selectFrom('promo_codes').selectAll().where('id', '=', input.promoId).forUpdate().executeTakeFirst()
  if (!promo || !promo.active) return { ok: false, code: 'PROMO_UNKNOWN', params: {} }
  if (input.now < promo.starts_at) return { ok: false, code: 'PROMO_NOT_STARTED', params: { startsAt: promo.starts_at.toISOString() } }
  if (promo.ends_at && input.now >= promo.ends_at) return { ok: false, code: 'PROMO_EXPIRED', params: { endedAt: promo.ends_at.toISOString() } }

  const existing = await db.selectFrom('promo_redemptions').select(['id', 'released_at']).where('promo_id', '=', promo.id).where('order_id', '=', input.orderId).executeTakeFirst()
  if (existing && existing.released_at === null) return { ok: true, redemptionId: existing.id, alreadyRedeemed: true }

  if (promo.per_customer_limit !== null) {
    const r = await db
      .selectFrom('promo_redemptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('promo_id', '=', promo.id)
      .where('customer_key', '=', input.customerKey)
      .where('released_at', 'is', null)
      .executeTakeFirstOrThrow()
    if (Number(r.n) >= promo.per_customer_limit) return { ok: false, code: 'PROMO_CUSTOMER_LIMIT', params: { limit: promo.per_customer_limit } }
  }

  const taken = await db
    .updateTable('promo_codes')
    .set({ used_count: sql<number>`used_count + 1` })
    .where('id', '=', promo.id)
    .where((eb) => eb.or([eb('usage_limit', 'is', null), eb('used_count', '<', eb.ref('usage_limit'))]))
    .returning('used_count')
    .executeTakeFirst()
  if (!taken) return { ok: false, code: 'PROMO_USED_UP', params: {} }

  if (existing) {
    // The order gave the use back earlier (released) and takes it again.
    await db.updateTable('promo_redemptions').set({ released_at: null, redeemed_at: input.now, customer_key: input.customerKey }).where('id', '=', existing.id).execute()
    return { ok: true, redemptionId: existing.id, alreadyRedeemed: false }
  }
  const id = newId('prr')
  await db.insertInto('promo_redemptions').values({ id, promo_id: promo.id, order_id: input.orderId, customer_key: input.customerKey, redeemed_at: input.now }).execute()
  return { ok: true, redemptionId: id, alreadyRedeemed: false }
}
