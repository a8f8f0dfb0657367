import { z } from 'zod'
import type { Locale } from '../../kernel/ctx.ts'
import type { Cart, Quote } from '../../modules/checkout/index.ts'
import { TEST_CARDS, type CardInput } from '../../modules/payments/index.ts'
import { t } from '../../web/i18n/index.ts'
import type { TestCardHint } from '../../web/storefront/checkout/card-fields.tsx'
import { checkoutPaths } from '../../web/storefront/checkout/checkout-paths.ts'
import type { FieldError } from '../../web/storefront/checkout/kit.tsx'

// Form helpers shared by the checkout and order pages: the card fields, typed values kept for
// a form that comes back, and where a quote still sends the shopper.

/**
 * The card fields of the checkout and of the "pay with another card" form. Their shape is
 * checked here (digits, MM/YY, 3–4 digit code, a holder); whether the card is valid (Luhn,
 * expiry) and accepted is the provider's answer. The number is never kept or echoed.
 */
export const CardForm = z.object({
  cardNumber: z.string().max(30).default(''),
  cardExpiry: z.string().max(10).default(''),
  cardCvc: z.string().max(6).default(''),
  cardHolder: z.string().max(100).default(''),
})
export type CardFormValues = z.infer<typeof CardForm>

const EXPIRY = /^(0[1-9]|1[0-2])\s*\/\s*(\d{2}|\d{4})$/

/** Adds an issue per malformed card field (use in a superRefine when the card is the method). */
export function refineCard(b: CardFormValues, ctx: z.RefinementCtx): void {
  const digits = b.cardNumber.replace(/[\s-]/g, '')
  if (!/^\d{12,19}$/.test(digits)) ctx.addIssue({ code: 'custom', path: ['cardNumber'], message: 'card number' })
  if (!EXPIRY.test(b.cardExpiry.trim())) ctx.addIssue({ code: 'custom', path: ['cardExpiry'], message: 'expiry MM/YY' })
  if (!/^\d{3,4}$/.test(b.cardCvc.trim())) ctx.addIssue({ code: 'custom', path: ['cardCvc'], message: 'security code' })
  if (!b.cardHolder.trim()) ctx.addIssue({ code: 'custom', path: ['cardHolder'], message: 'holder' })
}

/** The card as the payment flow takes it (the form passed refineCard). */
export function cardFromForm(b: CardFormValues): CardInput {
  const [, month, year] = EXPIRY.exec(b.cardExpiry.trim())!
  return { number: b.cardNumber.replace(/[\s-]/g, ''), expMonth: Number(month), expYear: Number(year), cvc: b.cardCvc.trim(), holderName: b.cardHolder.trim() }
}

const MESSAGES = { cardNumber: 'checkout.error.cardNumber', cardExpiry: 'checkout.error.cardExpiry', cardCvc: 'checkout.error.cardCvc', cardHolder: 'checkout.error.cardHolder' } as const

/** Field errors, in words, for malformed card fields. */
export function cardErrors(locale: Locale, fields: readonly string[]): FieldError[] {
  return fields.filter((f): f is keyof typeof MESSAGES => f in MESSAGES).map((f) => ({ field: f, message: t(locale, MESSAGES[f]) }))
}

/** The form fields a failed schema validation names (attachValidation routes), in form order. */
export function invalidFields(err: { validation?: readonly { instancePath?: string }[] }): string[] {
  const fields = (err.validation ?? []).map((v) => (v.instancePath ?? '').split('/')[1] ?? '').filter(Boolean)
  return [...new Set(fields)]
}

/** The test provider's card numbers with what each does, in words (shown only with the test provider). */
export function testCardHints(locale: Locale): TestCardHint[] {
  return Object.entries(TEST_CARDS).map(([number, c]) => ({
    number,
    label:
      c.status === 'succeeded' ? t(locale, 'payCard.test.succeeded')
      : c.status === 'failed' ? t(locale, 'payCard.test.declined', { code: c.declineCode })
      : t(locale, c.settlesTo === 'succeeded' ? 'payCard.test.pendingSucceeded' : 'payCard.test.pendingFailed'),
  }))
}

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

/** A form field as typed (a string, cut short), for pages that come back with errors. */
export const str = (body: unknown, key: string): string => {
  const v = (body as Record<string, unknown> | null | undefined)?.[key]
  return typeof v === 'string' ? v.slice(0, 300) : ''
}

/** The step a quote still lacks, or null when the order can be placed. */
export function missingStep(quote: Quote, locale: 'fr' | 'en'): string | null {
  if (quote.lines.length === 0) return checkoutPaths.cart(locale)
  if (quote.missing.includes('email') || quote.missing.includes('address')) return checkoutPaths.address(locale)
  if (quote.missing.includes('shipping') || quote.missing.includes('delivery_date')) return checkoutPaths.shipping(locale)
  return null
}

/** Units in a cart (header count on its pages). */
export const units = (cart: Cart): number => cart.lines.reduce((a, l) => a + l.quantity, 0)
