import type { FastifyReply, FastifyRequest } from 'fastify'
import { h } from 'preact'
import { z } from 'zod'
import { LOCALES, type Locale } from '../../kernel/ctx.ts'
import { notFound } from '../../kernel/errors.ts'
import { getProductDetail } from '../../modules/catalog/index.ts'
import { MAX_LINE_QUANTITY, changeCartLine, priceCart, saveCheckoutDetails, type Cart } from '../../modules/checkout/index.ts'
import { t, type MessageKey } from '../../web/i18n/index.ts'
import { CartPage } from '../../web/storefront/cart-page.tsx'
import { checkoutPaths } from '../../web/storefront/checkout/checkout-paths.ts'
import { isPromoError } from '../../web/storefront/checkout/problems.ts'
import { paths } from '../../web/storefront/page-context.ts'
import { csrfToken } from '../plugins/csrf.ts'
import type { RouteDeps } from '../routes.ts'
import type { App } from '../types.ts'
import { CART_UNITS_COOKIE, ensureCart, readCart, seeOther, sendPrivatePage, syncCartUnits } from './cart-cookie.ts'
import { viewCtx } from './page-kit.ts'

// Form contracts of the cart. Prices never come from the form: an extra field (price=1) is
// dropped here and every amount is priced again on the server. A quantity that is not a whole
// number from 1 to 99 is a 400 page and changes nothing.
const variantId = z.string().regex(/^var_[0-9A-Z]{26}$/)
const quantity = z.coerce.number().int().min(1).max(MAX_LINE_QUANTITY)
export const AddToCartBody = z.union([z.object({ variantId, quantity: quantity.default(1) }), z.object({ product: z.string().regex(/^prd_[0-9A-Z]{26}$/), quantity: quantity.default(1) })])
export const UpdateCartLineBody = z.object({ variantId, quantity })
export const RemoveCartLineBody = z.object({ variantId })
export const PromoBody = z.object({ action: z.enum(['apply', 'remove']), code: z.string().max(40).default(''), back: z.enum(['cart', 'payment']).default('cart') })
export const CartPageQuery = z.object({
  added: variantId.optional().catch(undefined),
  promo: z.string().max(40).optional().catch(undefined),
  promo_error: z.string().max(40).optional().catch(undefined),
  notice: z.enum(['stock', 'problems']).optional().catch(undefined),
})

/** cart.js posts with `accept: application/json` and updates the header count without a reload. */
const wantsJson = (req: FastifyRequest) => req.headers.accept === 'application/json'

/** The cart page and its forms: add (product pages, tiles), change a quantity, remove, promo code. */
export function registerCartPages(app: App, deps: RouteDeps): void {
  const { config } = deps
  for (const locale of LOCALES) {
    const alternates = { fr: checkoutPaths.cart('fr'), en: checkoutPaths.cart('en') }

    app.get(checkoutPaths.cart(locale), { schema: { hide: true, querystring: CartPageQuery } }, async (req, reply) => {
      const cart = await readCart(req, config)
      const q = req.query
      return renderCart(req, reply, deps, cart, {
        added: q.added ?? null,
        promoFlash: q.promo_error && isPromoError(q.promo_error) ? { code: q.promo ?? '', error: q.promo_error } : null,
        notice: q.notice ? (q.notice === 'stock' ? 'cart.notice.stock' : 'cart.notice.problems') : null,
      }, alternates)
    })

    app.post(checkoutPaths.cartAdd(locale), { schema: { hide: true, body: AddToCartBody }, attachValidation: true }, async (req, reply) => {
      if (req.validationError) return refuse(req, reply, deps, 'cart.error.quantity', 400)
      let id: string
      if ('variantId' in req.body) id = req.body.variantId
      else {
        // a tile posts its product: one size to buy → that one; several → choose on the product page
        const product = await getProductDetail(req.ctx, { id: req.body.product })
        if (!product) throw notFound('Product')
        const buyable = product.variants.filter((v) => v.price !== null && !v.b2bOnly)
        if (buyable.length !== 1) return seeOther(reply, paths.product(locale, locale === 'fr' ? product.slugs.fr : product.slugs.en))
        id = buyable[0]!.id
      }
      const cart = await ensureCart(req, reply, config)
      const quantity = req.body.quantity
      const r = await changeCartLine(req.ctx, { cartId: cart.id, variantId: id, quantity, mode: 'add' })
      if (!r.ok) return refuse(req, reply, deps, r.code === 'CHECKOUT_NOT_SOLD' ? 'cart.error.notSold' : r.code === 'CHECKOUT_CART_CLOSED' ? 'cart.error.closed' : 'cart.error.quantity', r.code === 'CHECKOUT_QUANTITY_INVALID' ? 400 : 409, cart)
      const units = await syncCartUnits(req, reply, config, cart.id)
      if (wantsJson(req)) return reply.header('cache-control', 'no-store').send({ ok: true, units, message: t(req.ctx.locale, 'cart.addedShort') })
      return seeOther(reply, `${checkoutPaths.cart(locale)}?added=${id}`)
    })

    app.post(checkoutPaths.cartUpdate(locale), { schema: { hide: true, body: UpdateCartLineBody }, attachValidation: true }, async (req, reply) => {
      const cart = await readCart(req, config)
      if (req.validationError) return refuse(req, reply, deps, 'cart.error.quantity', 400, cart)
      if (cart?.lines.some((l) => l.variantId === req.body.variantId)) {
        const { variantId: v, quantity } = req.body
        const r = await changeCartLine(req.ctx, { cartId: cart.id, variantId: v, quantity, mode: 'set' })
        if (!r.ok) return refuse(req, reply, deps, r.code === 'CHECKOUT_NOT_SOLD' ? 'cart.error.notSold' : 'cart.error.quantity', 400, cart)
        await syncCartUnits(req, reply, config, cart.id)
      }
      return seeOther(reply, checkoutPaths.cart(locale))
    })

    app.post(checkoutPaths.cartRemove(locale), { schema: { hide: true, body: RemoveCartLineBody } }, async (req, reply) => {
      const cart = await readCart(req, config)
      if (cart?.lines.some((l) => l.variantId === req.body.variantId)) {
        const v = req.body.variantId
        await changeCartLine(req.ctx, { cartId: cart.id, variantId: v, quantity: 0, mode: 'set' })
        await syncCartUnits(req, reply, config, cart.id)
      }
      return seeOther(reply, checkoutPaths.cart(locale))
    })

    app.post(checkoutPaths.cartPromo(locale), { schema: { hide: true, body: PromoBody } }, async (req, reply) => applyPromo(req, req.body, reply, deps))
  }
}

/**
 * Applies or removes the promo code and goes back to the page it came from. A code that does
 * not apply is not kept (the previous one stays): the page shows why, with what was typed.
 */
export async function applyPromo(req: FastifyRequest, body: z.infer<typeof PromoBody>, reply: FastifyReply, deps: RouteDeps): Promise<FastifyReply> {
  const locale = req.ctx.locale
  const backTo = body.back === 'payment' ? checkoutPaths.payment(locale) : checkoutPaths.cart(locale)
  const cart = await readCart(req, deps.config)
  if (!cart) return seeOther(reply, checkoutPaths.cart(locale))
  if (body.action === 'remove') {
    await saveCheckoutDetails(req.ctx, { cartId: cart.id, promoCode: null })
    return seeOther(reply, backTo)
  }
  const code = body.code.trim()
  const flash = (error: string) => seeOther(reply, `${backTo}?${new URLSearchParams({ promo: code, promo_error: error })}`)
  if (!code) return flash('PROMO_UNKNOWN')
  const saved = await saveCheckoutDetails(req.ctx, { cartId: cart.id, promoCode: code })
  const quote = await priceCart(req.ctx, saved)
  if (quote.promoError) {
    await saveCheckoutDetails(req.ctx, { cartId: cart.id, promoCode: cart.promoCode })
    return flash(quote.promoError)
  }
  return seeOther(reply, backTo)
}

/**
 * Changes of one cart run one after the other: the cart row is locked first, so two tabs or
 * a double click never lose a unit (each change reads the line, then writes it). Inside, only
 * the transaction is used (PGlite has one connection).
 */
type Flash = { added: string | null; promoFlash: { code: string; error: string } | null; notice: MessageKey | null }

async function renderCart(req: FastifyRequest, reply: FastifyReply, deps: RouteDeps, cart: Cart | null, flash: Flash, alternates: Partial<Record<Locale, string>>, status = 200): Promise<FastifyReply> {
  const quote = cart && cart.lines.length ? await priceCart(req.ctx, cart) : null
  const units = cart ? await syncCartUnits(req, reply, deps.config, cart.id) : 0
  if (!cart && req.cookies?.[CART_UNITS_COOKIE]) reply.clearCookie(CART_UNITS_COOKIE, { path: '/' })
  const ctx = viewCtx(req, deps, alternates)
  const added = flash.added ? (quote?.lines.find((l) => l.variantId === flash.added)?.name ?? null) : null
  return sendPrivatePage(reply, h(CartPage, { ctx, csrf: csrfToken(req, reply), quote, keptPromoCode: cart?.promoCode ?? null, units, added, promoFlash: flash.promoFlash, notice: flash.notice }), status)
}

/** A refused cart change: the cart page with the reason (400 for a bad quantity), nothing changed. */
async function refuse(req: FastifyRequest, reply: FastifyReply, deps: RouteDeps, notice: MessageKey, status: number, cart?: Cart | null): Promise<FastifyReply> {
  if (wantsJson(req)) return reply.code(status).header('cache-control', 'no-store').send({ ok: false, message: t(req.ctx.locale, notice), code: notice })
  const current = cart === undefined ? await readCart(req, deps.config) : cart
  return renderCart(req, reply, deps, current, { added: null, promoFlash: null, notice }, { fr: checkoutPaths.cart('fr'), en: checkoutPaths.cart('en') }, status)
}
