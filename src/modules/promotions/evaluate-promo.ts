import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { checkPromo, normalizeCustomerKey, normalizePromoCode, type PromoFailure } from './promo-rules.ts'
import { promotionsDb, type PromoKind } from './tables.ts'

export type EvaluatePromoInput = {
  code: string
  /** promoCustomerKey(…): customer id or guest e-mail; null when not known yet (the limit is checked at redemption) */
  customerKey: string | null
  goodsGross: number
  shippingGross: number
  market: string
  now: Date
}

export type AppliedPromo = {
  id: string
  /** as stored (BIENVENUE10), whatever the shopper typed */
  code: string
  kind: PromoKind
  discountGross: number
  shippingDiscountGross: number
  freeShipping: boolean
  label: { fr: string | null; en: string | null }
}

export type PromoEvaluation = { ok: true; promo: AppliedPromo } | PromoFailure

/**
 * What a code is worth for this basket, or why it does not apply. Reads only: the use is
 * taken by redeemPromo in the order's transaction, which checks the limits again under lock.
 */
export async function evaluatePromo(ctx: Ctx, input: EvaluatePromoInput): Promise<PromoEvaluation> {
  const code = normalizePromoCode(input.code)
  if (!code) return { ok: false, code: 'PROMO_UNKNOWN', params: {} }
  const db = promotionsDb(ctx.db)
  const promo = await db.selectFrom('promo_codes').selectAll().where(sql<string>`lower(code)`, '=', code.toLowerCase()).executeTakeFirst()
  if (!promo) return { ok: false, code: 'PROMO_UNKNOWN', params: {} }
  let customerUses = 0
  if (promo.per_customer_limit !== null && input.customerKey) {
    const r = await db
      .selectFrom('promo_redemptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('promo_id', '=', promo.id)
      .where('customer_key', '=', normalizeCustomerKey(input.customerKey))
      .where('released_at', 'is', null)
      .executeTakeFirstOrThrow()
    customerUses = Number(r.n)
  }
  const result = checkPromo(
    {
      kind: promo.kind,
      value: promo.value,
      minGoodsGross: promo.min_goods_gross,
      startsAt: promo.starts_at,
      endsAt: promo.ends_at,
      usageLimit: promo.usage_limit,
      usedCount: promo.used_count,
      perCustomerLimit: promo.per_customer_limit,
      customerUses,
      markets: promo.markets,
      active: promo.active,
    },
    input,
  )
  if (!result.ok) return result
  const { ok: _ok, ...amounts } = result
  return { ok: true, promo: { id: promo.id, code: promo.code, kind: promo.kind, ...amounts, label: { fr: promo.label_fr, en: promo.label_en } } }
}
