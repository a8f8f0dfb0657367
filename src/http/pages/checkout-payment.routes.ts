import { randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { h } from 'preact'
import { z } from 'zod'
import { LOCALES } from '../../kernel/ctx.ts'
import { isAdult, placeOrder } from '../../flows/place-order.ts'
import { priceCart, saveCheckoutDetails, type Cart, type Quote } from '../../modules/checkout/index.ts'
import { birthDateValid } from '../../modules/customers/index.ts'
import { t, type MessageKey } from '../../web/i18n/index.ts'
import { checkoutPaths, withToken } from '../../web/storefront/checkout/checkout-paths.ts'
import type { FieldError } from '../../web/storefront/checkout/kit.tsx'
import { PaymentStep, type PaymentValues } from '../../web/storefront/checkout/payment-step.tsx'
import { isPromoError } from '../../web/storefront/checkout/problems.ts'
import { csrfToken } from '../plugins/csrf.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { PromoBody, applyPromo } from './cart.routes.ts'
import { forgetCart, readCart, seeOther, sendPrivatePage } from './cart-cookie.ts'
import { CardForm, IsoDate, cardErrors, cardFromForm, invalidFields, missingStep, refineCard, str, testCardHints, units } from './checkout-forms.ts'
import { viewCtx } from './page-kit.ts'

// The review-and-pay step. The order button posts the card (never stored, never echoed), the
// age confirmation and the acceptance of the terms; place-order prices the cart again and
// decides. A resubmitted form carries the same idempotency key and finds the same order.
export const PlaceOrderBody = CardForm.extend({
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  method: z.enum(['card', 'bank_transfer']),
  birthDate: z.union([z.literal(''), IsoDate]).default(''),
  ageConfirmed: z.literal('on').optional(),
  acceptTerms: z.literal('on').optional(),
}).superRefine((b, ctx) => {
  if (b.method === 'card') refineCard(b, ctx)
})
const PromoFlashQuery = z.object({ promo: z.string().max(40).optional().catch(undefined), promo_error: z.string().max(40).optional().catch(undefined) })

const newIdempotencyKey = () => randomBytes(18).toString('base64url')

/** Step 3: the recap, the promo code, age and terms, the payment method and the order button. */
export function registerPaymentStep(app: App, deps: RouteDeps): void {
  const { config } = deps
  const testCards = (locale: 'fr' | 'en') => (config.paymentProvider === 'test' ? testCardHints(locale) : null)
  for (const locale of LOCALES) {
    const alt = (p: (l: 'fr' | 'en') => string) => ({ fr: p('fr'), en: p('en') })
    const renderPayment = (req: FastifyRequest, reply: FastifyReply, cart: Cart, quote: Quote, values: PaymentValues, errors: FieldError[], promo: { code: string; error: string } | null = null) =>
      sendPrivatePage(reply, h(PaymentStep, {
        ctx: viewCtx(req, deps, alt(checkoutPaths.payment)), csrf: csrfToken(req, reply), quote, shipTo: cart.shipTo!, email: cart.email!, idempotencyKey: newIdempotencyKey(),
        values, errors, testCards: testCards(locale), promoFlash: promo, keptPromoCode: cart.promoCode, units: units(cart),
      }), errors.length ? 422 : 200)

    app.get(checkoutPaths.payment(locale), { schema: { hide: true, querystring: PromoFlashQuery } }, async (req, reply) => {
      const cart = await readCart(req, config)
      if (!cart) return seeOther(reply, checkoutPaths.cart(locale))
      const quote = await priceCart(req.ctx, cart)
      if (quote.problems.length) return seeOther(reply, `${checkoutPaths.cart(locale)}?notice=${quote.problems.some((p) => p.code === 'CHECKOUT_OUT_OF_STOCK') ? 'stock' : 'problems'}`)
      const step = missingStep(quote, locale)
      if (step) return seeOther(reply, step)
      const promo = req.query.promo_error && isPromoError(req.query.promo_error) ? { code: req.query.promo ?? '', error: req.query.promo_error } : null
      return renderPayment(req, reply, cart, quote, { method: 'card', holderName: '', expiry: '', birthDate: cart.birthDate ?? '', ageConfirmed: false, acceptTerms: false }, [], promo)
    })

    app.post(checkoutPaths.checkoutPromo(locale), { schema: { hide: true, body: PromoBody } }, async (req, reply) => applyPromo(req, { ...req.body, back: 'payment' }, reply, deps))

    app.post(checkoutPaths.payment(locale), { schema: { hide: true, body: PlaceOrderBody }, attachValidation: true }, async (req, reply) => {
      const cart = await readCart(req, config)
      if (!cart) return seeOther(reply, checkoutPaths.cart(locale))
      const raw = req.body as unknown
      const values: PaymentValues = { method: str(raw, 'method') === 'bank_transfer' ? 'bank_transfer' : 'card', holderName: str(raw, 'cardHolder'), expiry: str(raw, 'cardExpiry'), birthDate: str(raw, 'birthDate'), ageConfirmed: str(raw, 'ageConfirmed') === 'on', acceptTerms: str(raw, 'acceptTerms') === 'on' }
      const quote = await priceCart(req.ctx, cart)
      const age = quote.minAge ?? 18
      const errors: FieldError[] = []
      const say = (field: string, key: MessageKey, v?: Record<string, string | number>) => errors.push({ field, message: t(locale, key, v) })
      if (req.validationError) {
        for (const f of invalidFields(req.validationError)) {
          if (f === 'birthDate') say(f, 'checkout.error.birthDate')
          else if (f === 'method') say(f, 'checkout.error.paymentMethod')
          else if (f.startsWith('card')) errors.push(...cardErrors(locale, [f]))
        }
        if (!errors.length) say('method', 'checkout.error.paymentMethod') // a tampered key: render a fresh form
      }
      if (quote.needsAge) {
        if (!values.birthDate || !birthDateValid(values.birthDate, req.ctx.now)) { if (!errors.some((e) => e.field === 'birthDate')) say('birthDate', 'checkout.error.birthDate') }
        else if (!isAdult(values.birthDate, age, req.ctx.now)) say('birthDate', 'checkout.error.underAge', { age })
        if (!values.ageConfirmed) say('ageConfirmed', 'checkout.error.ageConfirmed', { age })
      }
      if (!values.acceptTerms) say('acceptTerms', 'checkout.error.acceptTerms')
      if (errors.length || req.validationError) return renderPayment(req, reply, cart, quote, values, errors)
      const body = req.body
      if (quote.needsAge) await saveCheckoutDetails(req.ctx, { cartId: cart.id, birthDate: body.birthDate })
      const result = await placeOrder(req.ctx, req.server.checkoutDeps, {
        cartId: cart.id, idempotencyKey: body.idempotencyKey, paymentMethod: body.method, ...(body.method === 'card' ? { card: cardFromForm(body) } : {}),
        ageConfirmed: values.ageConfirmed, birthDate: body.birthDate || null, acceptTerms: true,
      })
      if (result.ok) {
        forgetCart(reply, config)
        return seeOther(reply, withToken(checkoutPaths.confirmation(locale, result.orderId), result.accessToken))
      }
      switch (result.code) {
        case 'PAYMENT_DECLINED':
        case 'PAYMENT_CARD_INVALID':
        case 'PAYMENT_PROVIDER_UNAVAILABLE': {
          // the order exists and holds its stock: its page offers another card
          forgetCart(reply, config)
          const flash = result.code === 'PAYMENT_DECLINED' ? 'declined' : result.code === 'PAYMENT_CARD_INVALID' ? 'cardInvalid' : 'providerUnavailable'
          return seeOther(reply, withToken(checkoutPaths.order(locale, result.orderId!), result.accessToken ?? null, { flash }))
        }
        case 'CHECKOUT_OUT_OF_STOCK':
          return seeOther(reply, `${checkoutPaths.cart(locale)}?notice=stock`)
        case 'CHECKOUT_HAS_PROBLEMS':
          return seeOther(reply, `${checkoutPaths.cart(locale)}?notice=problems`)
        case 'CHECKOUT_NOT_READY':
          return seeOther(reply, missingStep(quote, locale) ?? checkoutPaths.shipping(locale))
        case 'CHECKOUT_CART_NOT_FOUND':
          return seeOther(reply, checkoutPaths.cart(locale))
        case 'CHECKOUT_AGE_REQUIRED':
          say('birthDate', 'checkout.error.underAge', { age })
          break
        case 'CHECKOUT_TERMS_REQUIRED':
          say('acceptTerms', 'checkout.error.acceptTerms')
          break
        case 'CHECKOUT_PROMO_INVALID':
          say('code', 'checkout.error.promo')
          break
      }
      return renderPayment(req, reply, cart, await priceCart(req.ctx, cart), values, errors)
    })
  }
}
