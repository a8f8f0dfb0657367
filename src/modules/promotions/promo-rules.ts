import { divRound } from '../../kernel/money.ts'
import type { PromoKind } from './tables.ts'

/**
 * Whether a promo code applies to a basket and what it takes off, as pure rules. Checks run
 * from the definitive to the fixable: a code that does not exist here, has not started, has
 * ended or is used up says so before "add 12 € to your basket".
 * Amounts are VAT included, in cents, on the goods before any discount.
 */
export type PromoFacts = {
  kind: PromoKind
  value: number
  minGoodsGross: number
  startsAt: Date
  endsAt: Date | null
  usageLimit: number | null
  usedCount: number
  perCustomerLimit: number | null
  /** uses of this code by the shopper (redemptions not released) */
  customerUses: number
  /** empty: every market */
  markets: readonly string[]
  active: boolean
}

export type PromoBasket = { goodsGross: number; shippingGross: number; market: string; now: Date }

export type PromoFailureCode = 'PROMO_UNKNOWN' | 'PROMO_NOT_STARTED' | 'PROMO_EXPIRED' | 'PROMO_MIN_BASKET' | 'PROMO_USED_UP' | 'PROMO_CUSTOMER_LIMIT'
export type PromoFailure = { ok: false; code: PromoFailureCode; params: Record<string, unknown> }
export type PromoAmounts = {
  /** taken off the goods, never more than the goods */
  discountGross: number
  /** taken off the delivery (FREE_SHIPPING: all of it) */
  shippingDiscountGross: number
  freeShipping: boolean
}

export function checkPromo(p: PromoFacts, basket: PromoBasket): ({ ok: true } & PromoAmounts) | PromoFailure {
  if (!p.active || (p.markets.length > 0 && !p.markets.includes(basket.market))) return { ok: false, code: 'PROMO_UNKNOWN', params: {} }
  if (basket.now < p.startsAt) return { ok: false, code: 'PROMO_NOT_STARTED', params: { startsAt: p.startsAt.toISOString() } }
  if (p.endsAt && basket.now >= p.endsAt) return { ok: false, code: 'PROMO_EXPIRED', params: { endedAt: p.endsAt.toISOString() } }
  if (p.usageLimit !== null && p.usedCount >= p.usageLimit) return { ok: false, code: 'PROMO_USED_UP', params: {} }
  if (p.perCustomerLimit !== null && p.customerUses >= p.perCustomerLimit) return { ok: false, code: 'PROMO_CUSTOMER_LIMIT', params: { limit: p.perCustomerLimit } }
  if (basket.goodsGross < p.minGoodsGross) {
    return { ok: false, code: 'PROMO_MIN_BASKET', params: { minGoodsGross: p.minGoodsGross, missingGross: p.minGoodsGross - basket.goodsGross } }
  }
  return { ok: true, ...promoAmounts(p.kind, p.value, basket.goodsGross, basket.shippingGross) }
}

/** PERCENT: goods × bp / 10 000 rounded once with divRound; FIXED: the value, capped at the goods. */
export function promoAmounts(kind: PromoKind, value: number, goodsGross: number, shippingGross: number): PromoAmounts {
  switch (kind) {
    case 'PERCENT':
      return { discountGross: Math.min(goodsGross, divRound(goodsGross * value, 10_000)), shippingDiscountGross: 0, freeShipping: false }
    case 'FIXED':
      return { discountGross: Math.min(goodsGross, value), shippingDiscountGross: 0, freeShipping: false }
    case 'FREE_SHIPPING':
      return { discountGross: 0, shippingDiscountGross: shippingGross, freeShipping: true }
  }
}

/** Who a per-customer limit counts: the customer id, or the guest's e-mail lower-cased. */
export function promoCustomerKey(who: { customerId?: string | null; email?: string | null }): string | null {
  if (who.customerId) return who.customerId
  const email = who.email?.trim().toLowerCase()
  return email ? email : null
}

/** A key as callers pass it: e-mails lower-cased and trimmed, so Marie@X.fr and marie@x.fr count as one shopper. */
export function normalizeCustomerKey(key: string): string {
  const k = key.trim()
  return k.includes('@') ? k.toLowerCase() : k
}

/** Codes are typed by people: trimmed, compared case-insensitively; anything else is unknown. */
export function normalizePromoCode(code: string): string | null {
  const c = code.trim()
  return /^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$/.test(c) ? c : null
}
