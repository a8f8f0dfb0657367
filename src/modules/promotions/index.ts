// Public API of the promotions module: promo codes (percentage, fixed amount, free shipping),
// their validity, minimum basket and usage limits that hold under concurrency.
// Amounts are VAT included, in cents.

/** What a code is worth for a basket, or why it does not apply (read only). */
export { evaluatePromo, type EvaluatePromoInput, type AppliedPromo, type PromoEvaluation } from './evaluate-promo.ts'
/** Takes one use of a code for an order, in the order's transaction; concurrency-safe, idempotent per order. */
export { redeemPromo, type RedeemPromoInput, type RedeemPromoResult } from './redeem-promo.ts'
/** Gives back the uses of an order cancelled or expired before payment; idempotent. */
export { releasePromoRedemption } from './release-promo-redemption.ts'
/** Adds a promo code (seed, back office). */
export { createPromoCode, type CreatePromoCodeInput, type CreatePromoCodeResult } from './create-promo-code.ts'
/** Pure rules: eligibility, amounts, the key a per-customer limit counts by. */
export { checkPromo, promoAmounts, promoCustomerKey, normalizeCustomerKey, normalizePromoCode, type PromoFailureCode, type PromoFailure, type PromoAmounts } from './promo-rules.ts'
export type { PromoKind } from './tables.ts'
