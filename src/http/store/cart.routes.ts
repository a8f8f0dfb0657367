import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Ctx } from '../../kernel/ctx.ts'
import { ERROR_CODES, type ErrorCode } from '../../kernel/errors.ts'
import { changeCartLine, createCart, getCart, priceCart, saveCheckoutDetailsIfOpen, type Cart, type CartChange, type Quote } from '../../modules/checkout/index.ts'
import { placeOrder } from '../../flows/place-order.ts'
import { signCartId, verifyCartCookie } from '../pages/cart-cookie.ts'
import type { App } from '../types.ts'
import { AddCartLine, CreateCart, GetCart, PlaceOrder, SaveCheckoutDetails, SetCartLine } from './cart.contract.ts'

/**
 * The cart and checkout as JSON (/api/store/carts): the same use cases as the pages, for
 * apps and for the checkout benchmark. Every amount in the answers comes from priceCart;
 * bodies carry no price. Expected refusals answer with their catalogued status and code.
 */
export function registerCartRoutes(app: App): void {
  const secret = app.checkoutDeps.appSecret

  app.post('/api/store/carts', { schema: CreateCart }, async (req, reply) => {
    const ctx = apiCtx(req, req.body.market)
    const cart = await createCart(ctx, { market: ctx.market, customerId: req.ctx.actor.kind === 'customer' ? req.ctx.actor.customerId : null })
    return reply.code(201).send(await answer(ctx, secret, cart))
  })

  app.get('/api/store/carts/:cartId', { schema: GetCart }, async (req, reply) => {
    const { ctx, cart } = await openCart(req, secret, req.params.cartId, req.headers['x-cart-token'])
    if (!cart) return notFound(reply)
    return answer(ctx, secret, cart)
  })

  app.post('/api/store/carts/:cartId/lines', { schema: AddCartLine }, async (req, reply) => {
    const ctx = apiCtx(req)
    if (!tokenFits(secret, req.params.cartId, req.headers['x-cart-token'])) return notFound(reply)
    const r = await changeCartLine(ctx, { cartId: req.params.cartId, variantId: req.body.variantId, quantity: req.body.quantity, mode: 'add' })
    if (!r.ok) return refuse(reply, r.code, r.message)
    return answer({ ...ctx, market: r.cart.market }, secret, r.cart, r.sellable)
  })

  app.put('/api/store/carts/:cartId/lines/:variantId', { schema: SetCartLine }, async (req, reply) => {
    const ctx = apiCtx(req)
    if (!tokenFits(secret, req.params.cartId, req.headers['x-cart-token'])) return notFound(reply)
    const r = await changeCartLine(ctx, { cartId: req.params.cartId, variantId: req.params.variantId, quantity: req.body.quantity, mode: 'set' })
    if (!r.ok) return refuse(reply, r.code, r.message)
    return answer({ ...ctx, market: r.cart.market }, secret, r.cart, r.sellable)
  })

  app.patch('/api/store/carts/:cartId/checkout', { schema: SaveCheckoutDetails }, async (req, reply) => {
    const ctx = apiCtx(req)
    if (!tokenFits(secret, req.params.cartId, req.headers['x-cart-token'])) return notFound(reply)
    // saved and read back in one statement; a missing or ordered cart is told apart only then
    const cart = await saveCheckoutDetailsIfOpen(ctx, { cartId: req.params.cartId, ...req.body })
    if (cart === 'not_found') return notFound(reply)
    if (cart === 'closed') return refuse(reply, 'CHECKOUT_CART_CLOSED', 'this cart has already become an order')
    return answer({ ...ctx, market: cart.market }, secret, cart)
  })

  app.post('/api/store/carts/:cartId/order', { schema: PlaceOrder }, async (req, reply) => {
    // placeOrder reads (and locks) the cart itself: a missing or foreign cart is CHECKOUT_CART_NOT_FOUND (404)
    const ctx = apiCtx(req)
    if (!tokenFits(secret, req.params.cartId, req.headers['x-cart-token'])) return notFound(reply)
    const b = req.body
    const r = await placeOrder(ctx, app.checkoutDeps, { cartId: req.params.cartId, idempotencyKey: b.idempotencyKey, paymentMethod: b.paymentMethod, card: b.card, ageConfirmed: b.ageConfirmed, birthDate: b.birthDate ?? null, acceptTerms: b.acceptTerms })
    if (!r.ok) return refuse(reply, r.code, r.message, { ...(r.variantId ? { variantId: r.variantId } : {}), ...(r.orderId ? { orderId: r.orderId, accessToken: r.accessToken } : {}) })
    return reply.code(201).send({ orderId: r.orderId, orderNumber: r.orderNumber, status: r.status, accessToken: r.accessToken })
  })
}

function apiCtx(req: FastifyRequest, market?: string): Ctx {
  return { ...req.ctx, market: market ?? req.ctx.market }
}

const tokenFits = (secret: string, cartId: string, token: string | undefined) => verifyCartCookie(secret, token) === cartId
// (changeCartLine still checks the owner of a customer's cart: a missing or foreign one is a 404)

// The token is the signed cart id: without it (or with another cart's) the cart does not exist.
async function openCart(req: FastifyRequest, secret: string, cartId: string, token: string | undefined): Promise<{ ctx: Ctx; cart: Cart | null }> {
  const ctx = apiCtx(req)
  if (verifyCartCookie(secret, token) !== cartId) return { ctx, cart: null }
  const cart = await getCart(ctx, cartId)
  return { ctx: cart ? { ...ctx, market: cart.market } : ctx, cart }
}

async function answer(ctx: Ctx, secret: string, cart: Cart, sellable?: Extract<CartChange, { ok: true }>['sellable']) {
  return { token: signCartId(secret, cart.id), quote: quoteDto(await priceCart(ctx, cart, undefined, { sellable })) }
}

function quoteDto(q: Quote) {
  return {
    cartId: q.cartId, market: q.market, zone: q.zone, currency: 'EUR' as const,
    lines: q.lines.map((l) => ({ variantId: l.variantId, sku: l.sku, name: l.name, quantity: l.quantity, unitGross: l.unitGross, lineGross: l.lineGross, discountGross: l.discountGross, chargedGross: l.chargedGross, net: l.net, vat: l.vat, excise: l.excise, css: l.css, warehouseCode: l.warehouseCode, withdrawalEligible: l.withdrawalEligible, ageRestricted: l.ageRestricted })),
    problems: q.problems.map((p) => ({ variantId: p.variantId, code: p.code, ...(p.available !== undefined ? { available: p.available } : {}) })),
    shippingOptions: q.shippingOptions.map((o) => ({ methodCode: o.methodCode, name: o.name, express: o.express, priceGross: o.priceGross, promise: o.promise, deliveryDates: o.deliveryDates })),
    shipping: q.shipping ? { methodCode: q.shipping.methodCode, priceGross: q.shipping.priceGross } : null,
    deliveryDate: q.deliveryDate,
    promo: q.promo ? { code: q.promo.code, discountGross: q.promo.discountGross, freeShipping: q.promo.freeShipping } : null,
    promoError: q.promoError, totals: q.totals, vatByRate: q.vatByRate, mentions: q.mentions, needsAge: q.needsAge, missing: q.missing,
  }
}

const notFound = (reply: FastifyReply) => reply.code(404).send({ error: { code: 'CHECKOUT_CART_NOT_FOUND', message: 'No such cart for this token.' } })

function refuse(reply: FastifyReply, code: string, message: string, details?: Record<string, unknown>) {
  const status = (ERROR_CODES as Record<string, number>)[code] ?? 409
  return reply.code(status).send({ error: { code: code as ErrorCode, message, ...(details && Object.keys(details).length ? { details } : {}) } })
}
