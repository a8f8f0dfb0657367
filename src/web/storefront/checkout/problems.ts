import type { Quote, QuoteProblem } from '../../../modules/checkout/index.ts'
import type { MessageKey } from '../../i18n/index.ts'
import type { PageContext } from '../page-context.ts'

const ZONES = ['GP', 'MQ', 'RE', 'FR-MAINLAND', 'EU', 'WORLD']

/**
 * Why a line cannot be ordered, in words, where the shopper sees it: on the line itself. The
 * destination is the address's zone, or the delivery area picked in the header before there is one.
 */
export function problemText(ctx: PageContext, p: QuoteProblem, quote: Pick<Quote, 'zone' | 'market'>): string {
  const zone = quote.zone ?? quote.market
  const where = ZONES.includes(zone) ? ctx.t(`zone.${zone}` as MessageKey) : ''
  switch (p.code) {
    case 'CHECKOUT_OUT_OF_STOCK':
      return p.available ? ctx.t('problem.notEnough', { available: p.available }) : ctx.t('problem.outOfStock')
    case 'CHECKOUT_NOT_SOLD':
      return ctx.t('problem.notSold')
    case 'SHIPPING_ZONE_NOT_ALLOWED':
      return ctx.t('problem.zoneNotAllowed', { zone: where })
    case 'SHIPPING_CLASS_NOT_FROM_ORIGIN':
      return ctx.t('problem.classNotFromOrigin', { zone: where })
    case 'SHIPPING_NO_METHOD':
      return ctx.t('problem.noMethod', { zone: where })
    case 'SHIPPING_TOO_HEAVY':
      return ctx.t('problem.tooHeavy')
    case 'CHECKOUT_TAX_ROUTE_UNSUPPORTED':
      return ctx.t('problem.taxRoute', { zone: where })
    case 'SHIPPING_ADDRESS_INVALID':
      return ctx.t('problem.addressInvalid')
    case 'SHIPPING_COUNTRY_UNSUPPORTED':
      return ctx.t('problem.countryUnsupported')
  }
}

/** Problems of one line (by variant), and those of the whole cart (the address). */
export const lineProblems = (quote: Quote, variantId: string): QuoteProblem[] => quote.problems.filter((p) => p.variantId === variantId)
export const cartProblems = (quote: Quote): QuoteProblem[] => quote.problems.filter((p) => p.variantId === null)

/** Variants in the cart that the quote could not price (no longer sold): they have no line. */
export const unsoldVariants = (quote: Quote): string[] => quote.problems.filter((p) => p.code === 'CHECKOUT_NOT_SOLD' && p.variantId).map((p) => p.variantId!)

const PROMO_ERRORS = ['PROMO_UNKNOWN', 'PROMO_NOT_STARTED', 'PROMO_EXPIRED', 'PROMO_MIN_BASKET', 'PROMO_USED_UP', 'PROMO_CUSTOMER_LIMIT'] as const
export type PromoErrorCode = (typeof PROMO_ERRORS)[number]
export const isPromoError = (code: string | null | undefined): code is PromoErrorCode => (PROMO_ERRORS as readonly string[]).includes(code ?? '')

/** Why a promo code does not apply. */
export const promoErrorText = (ctx: PageContext, code: string): string => ctx.t(isPromoError(code) ? (`promo.error.${code}` as MessageKey) : 'promo.error.PROMO_UNKNOWN')
