import type { Ctx } from '../kernel/ctx.ts'
import { newId } from '../kernel/ids.ts'
import { claimCartForOrder, getCart, loadPricingRefs, priceCart, type Quote } from '../modules/checkout/index.ts'
import { reserveStock } from '../modules/inventory/index.ts'
import { createOrder, findOrderById, findOrderByIdempotencyKey, orderAccessToken } from '../modules/orders/index.ts'
import type { CardInput } from '../modules/payments/index.ts'
import { redeemPromo } from '../modules/promotions/index.ts'
import { Rollback, type CheckoutDeps } from './checkout-deps.ts'
import { payOrder, type PaymentOutcome } from './pay-order.ts'

export type PlaceOrderInput = {
  cartId: string
  /** generated when the review page was rendered: a resubmitted form finds the same order */
  idempotencyKey: string
  paymentMethod: 'card' | 'bank_transfer'
  card?: CardInput | undefined
  ageConfirmed: boolean
  birthDate?: string | null | undefined
  acceptTerms: boolean
}

export type PlaceOrderFailure = {
  ok: false
  code:
    | 'CHECKOUT_NOT_READY' | 'CHECKOUT_HAS_PROBLEMS' | 'CHECKOUT_OUT_OF_STOCK' | 'CHECKOUT_AGE_REQUIRED' | 'CHECKOUT_TERMS_REQUIRED'
    | 'CHECKOUT_CART_NOT_FOUND' | 'CHECKOUT_PROMO_INVALID' | 'PAYMENT_DECLINED' | 'PAYMENT_CARD_INVALID' | 'PAYMENT_PROVIDER_UNAVAILABLE'
  message: string
  variantId?: string
  orderId?: string
  accessToken?: string
}
export type PlaceOrderResult = PaymentOutcome | PlaceOrderFailure

/**
 * Cart → order, in two parts (ARCHITECTURE.md §4):
 * 1. One transaction: lock and close the cart, price it again on the server, write the order
 *    and its lines, hold the stock lot by lot (FEFO), redeem the promotion. Any failure rolls
 *    all of it back (the cart reopens): no half-written order, no stray hold.
 * 2. Outside it, the payment call (a provider must never run inside a database
 *    transaction); its outcome moves the order (pay-order.ts). A crash between 1 and 2
 *    leaves a placed order whose hold the expiry sweep releases.
 */
export async function placeOrder(ctx: Ctx, deps: CheckoutDeps, input: PlaceOrderInput): Promise<PlaceOrderResult> {
  if (!input.acceptTerms) {
    // a resubmitted form finds its order whatever it says now
    const existing = await findOrderByIdempotencyKey(ctx, input.idempotencyKey)
    if (existing) return alreadyPlaced(deps, existing.orderId, existing.orderNumber, existing.status)
    return fail('CHECKOUT_TERMS_REQUIRED', 'the terms of sale must be accepted')
  }

  const refs = await loadPricingRefs(ctx)
  let placed: { orderId: string; orderNumber: string; total: number; email: string } | { existing: { orderId: string; orderNumber: string; status: string } }
  try {
    placed = await ctx.db.transaction().execute(async (trx) => {
      const tctx: Ctx = { ...ctx, db: trx }
      // locks the open cart and marks it as this order's in one statement (a rollback reopens it)
      const orderId = newId('ord')
      const cart = await claimCartForOrder(tctx, { cartId: input.cartId, orderId })
      if (!cart) {
        // missing, foreign, or already ordered (a resubmitted form: its order, whatever the key says)
        const other = await getCart(tctx, input.cartId)
        const o = other?.orderId ? await findOrderById(tctx, other.orderId) : null
        if (o) return { existing: o }
        throw new Rollback(fail('CHECKOUT_CART_NOT_FOUND', 'cart not found'))
      }
      const cctx: Ctx = { ...tctx, market: cart.market }
      const quote = await priceCart(cctx, cart, refs)
      const blocked = checkQuote(quote, input, ctx.now)
      if (blocked) throw new Rollback(blocked)
      const expiresAt = new Date(ctx.now.getTime() + deps.reservationMinutes * 60_000)
      const order = await createOrder(cctx, {
        orderId, idempotencyKey: input.idempotencyKey, cartId: cart.id, customerId: cart.customerId, email: cart.email!, market: cart.market,
        shipTo: cart.shipTo!, billTo: cart.shipTo!, zone: quote.zone!, shippingMethodCode: quote.shipping!.methodCode,
        shippingMethodName: quote.shipping!.name[ctx.locale], deliveryDate: quote.deliveryDate, promise: quote.shipping!.promise,
        promo: quote.promo ? { id: quote.promo.id, code: quote.promo.code } : null, totals: quote.totals,
        taxSummary: {
          vatByRate: quote.vatByRate, mentions: quote.mentions, shipping: quote.shippingTax,
          shipments: quote.shipments.map((s) => ({ warehouseCode: s.warehouseCode, originTerritory: s.originTerritory, treatment: s.rule.treatment, rateTerritory: s.rule.rateTerritory, importVat: s.rule.importVat, exciseScope: s.rule.exciseScope, shippingGross: quote.shipping!.perShipment.find((p) => p.warehouseCode === s.warehouseCode)?.priceGross ?? 0 })),
        },
        paymentMethod: input.paymentMethod, birthDate: input.birthDate ?? cart.birthDate, ageConfirmed: quote.needsAge && input.ageConfirmed,
        reservationExpiresAt: expiresAt,
        lines: quote.lines.map((l) => ({ ...l, warehouseCode: l.warehouseCode! })),
      })
      const stockLines = quote.lines.flatMap((l, i) => (l.madeToOrder ? [] : [{ orderLineId: order.lineIds[i]!, variantId: l.variantId, warehouseCode: l.warehouseCode!, quantity: l.quantity }]))
      const held = await reserveStock(cctx, { orderId: order.orderId, lines: stockLines, expiresAt, usableUntil: quote.deliveryDate ?? quote.shipping!.promise.to })
      if (!held.ok) {
        const name = quote.lines.find((l) => l.variantId === held.variantId)?.name ?? held.variantId
        throw new Rollback(fail('CHECKOUT_OUT_OF_STOCK', `${name} is no longer available in that quantity (${held.available} left)`, { variantId: held.variantId }))
      }
      if (quote.promo) {
        const r = await redeemPromo(cctx, { promoId: quote.promo.id, orderId: order.orderId, customerKey: cart.customerId ?? cart.email!, now: ctx.now })
        if (!r.ok) throw new Rollback(fail('CHECKOUT_PROMO_INVALID', `the code ${quote.promo.code} can no longer be used`))
      }
      return { orderId: order.orderId, orderNumber: order.orderNumber, total: quote.totals.gross, email: cart.email! }
    })
  } catch (err) {
    if (err instanceof Rollback) return err.result as PlaceOrderFailure
    if (isUniqueViolation(err)) {
      // the same idempotency key already placed an order (from this cart or another): that order
      const o = await findOrderByIdempotencyKey(ctx, input.idempotencyKey)
      if (o) return alreadyPlaced(deps, o.orderId, o.orderNumber, o.status)
    }
    throw err
  }
  if ('existing' in placed) return alreadyPlaced(deps, placed.existing.orderId, placed.existing.orderNumber, placed.existing.status)
  return payOrder(ctx, deps, { orderId: placed.orderId, orderNumber: placed.orderNumber, amount: placed.total, email: placed.email, method: input.paymentMethod, card: input.card, attemptKey: input.idempotencyKey })
}

function checkQuote(quote: Quote, input: PlaceOrderInput, now: Date): PlaceOrderFailure | null {
  if (quote.problems.length) {
    const p = quote.problems[0]!
    if (p.code === 'CHECKOUT_OUT_OF_STOCK') return fail('CHECKOUT_OUT_OF_STOCK', 'an item is no longer available in that quantity', p.variantId ? { variantId: p.variantId } : {})
    return fail('CHECKOUT_HAS_PROBLEMS', `the cart cannot be ordered as it is (${p.code})`, p.variantId ? { variantId: p.variantId } : {})
  }
  if (quote.missing.length) return fail('CHECKOUT_NOT_READY', `missing: ${quote.missing.join(', ')}`)
  if (quote.promoError) return fail('CHECKOUT_PROMO_INVALID', `the promotion code cannot be used (${quote.promoError})`)
  if (quote.needsAge && !(input.ageConfirmed && isAdult(input.birthDate ?? null, quote.minAge ?? 18, now))) {
    return fail('CHECKOUT_AGE_REQUIRED', `alcohol is sold only to adults: confirm you are ${quote.minAge ?? 18} or older with your date of birth`)
  }
  return null
}

/** L3342-1 Code de la santé publique: the seller must obtain proof of majority. */
export function isAdult(birthDate: string | null, minAge: number, now: Date): boolean {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return false
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number]
  const adultOn = new Date(Date.UTC(y + minAge, m - 1, d))
  return adultOn.getTime() <= now.getTime() && y > 1900
}

function alreadyPlaced(deps: CheckoutDeps, orderId: string, orderNumber: string, status: string): PaymentOutcome {
  return { ok: true, orderId, orderNumber, accessToken: orderAccessToken(deps.appSecret, orderId), status: status as PaymentOutcome['status'] }
}

function fail(code: PlaceOrderFailure['code'], message: string, extra: Partial<PlaceOrderFailure> = {}): PlaceOrderFailure {
  return { ok: false, code, message, ...extra }
}

const isUniqueViolation = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505'
