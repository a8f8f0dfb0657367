import { createHmac, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { JSX } from 'preact'
import type { Config } from '../../kernel/config.ts'
import { countCartUnits, createCart, getCart, type Cart } from '../../modules/checkout/index.ts'
import { renderDocument } from '../../web/storefront/render.ts'

/**
 * The shopper's cart travels in the `lakou_cart` cookie as `<cart id>.<HMAC-SHA256(appSecret)>`:
 * a guest cart is reachable only through it, so a forged, truncated or foreign value is
 * simply "no cart" (never an error page). `lakou_cart_units` is a readable copy of the unit
 * count for the header badge of pages served from the page cache (cart.js shows it); it is
 * a display hint, never trusted.
 */
export const CART_COOKIE = 'lakou_cart'
export const CART_UNITS_COOKIE = 'lakou_cart_units'
const MAX_AGE_SECONDS = 60 * 86_400
const CART_ID = /^crt_[0-9A-Z]{26}$/

const mac = (secret: string, cartId: string) => createHmac('sha256', secret).update(`cart:${cartId}`).digest('base64url')

export function signCartId(secret: string, cartId: string): string {
  return `${cartId}.${mac(secret, cartId)}`
}

/** The cart id of a cookie value, or null when it is not one we signed. */
export function verifyCartCookie(secret: string, value: string | undefined): string | null {
  if (!value || value.length > 200) return null
  const dot = value.indexOf('.')
  const id = value.slice(0, dot)
  if (dot < 0 || !CART_ID.test(id)) return null
  const want = Buffer.from(mac(secret, id))
  const got = Buffer.from(value.slice(dot + 1))
  return got.length === want.length && timingSafeEqual(got, want) ? id : null
}

const cookieOptions = (config: Config, httpOnly: boolean) => ({ path: '/', sameSite: 'lax' as const, httpOnly, secure: config.publicUrl.startsWith('https://'), maxAge: MAX_AGE_SECONDS })

/** The open cart of this request, or null (no cookie, bad signature, another customer's, already ordered). */
export async function readCart(req: FastifyRequest, config: Config): Promise<Cart | null> {
  const id = verifyCartCookie(config.appSecret, req.cookies?.[CART_COOKIE])
  if (!id) return null
  const cart = await getCart(req.ctx, id)
  return cart && !cart.orderId ? cart : null
}

/** The open cart, created on first use; a signed-in customer's new cart carries their id. */
export async function ensureCart(req: FastifyRequest, reply: FastifyReply, config: Config): Promise<Cart> {
  const existing = await readCart(req, config)
  if (existing) return existing
  const actor = req.ctx.actor
  const cart = await createCart(req.ctx, { market: req.ctx.market, customerId: actor.kind === 'customer' ? actor.customerId : null })
  reply.setCookie(CART_COOKIE, signCartId(config.appSecret, cart.id), cookieOptions(config, true))
  return cart
}

/** Refreshes the readable unit count after a change of the cart. */
export async function syncCartUnits(req: FastifyRequest, reply: FastifyReply, config: Config, cartId: string): Promise<number> {
  const units = await countCartUnits(req.ctx, cartId)
  reply.setCookie(CART_UNITS_COOKIE, String(units), cookieOptions(config, false))
  return units
}

/** The cart became an order: the next visit starts a new one. */
export function forgetCart(reply: FastifyReply, config: Config): void {
  const { maxAge: _maxAge, ...opts } = cookieOptions(config, true)
  reply.clearCookie(CART_COOKIE, opts)
  reply.clearCookie(CART_UNITS_COOKIE, { ...opts, httpOnly: false })
}

/**
 * Sends a page that belongs to one shopper (cart, checkout, order): never stored by a shared
 * cache or by the browser, never indexed. `no-store` also keeps it out of the page
 * micro-cache (page-cache.ts), whatever cookies the request carried: an order page opened by
 * its link alone must never be served to anyone else from memory.
 */
export function sendPrivatePage(reply: FastifyReply, vnode: JSX.Element, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex').send(renderDocument(vnode))
}

/** A POST answered with a redirect to a GET page (no resubmission on reload). */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.header('cache-control', 'no-store').redirect(location, 303)
}
