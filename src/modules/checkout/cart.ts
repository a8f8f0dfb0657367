import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { getSellableVariants, type SellableVariant } from '../catalog/index.ts'
import { LINES_JSON, ownedByActor, ownerFilter, toCart } from './cart-rows.ts'
import { checkoutDb, type Address } from './tables.ts'

/** Most units of one variant a consumer cart takes (stock and parcel rules apply on top). */
export const MAX_LINE_QUANTITY = 99

export type Cart = {
  id: string
  customerId: string | null
  market: string
  email: string | null
  shipTo: Address | null
  shippingMethodCode: string | null
  deliveryDate: string | null
  promoCode: string | null
  birthDate: string | null
  orderId: string | null
  lines: { variantId: string; quantity: number }[]
}

/** `sellable`: the catalogue rows read for the change, for priceCart to reuse in the same request */
export type CartChange = { ok: true; cart: Cart; sellable?: ReadonlyMap<string, SellableVariant> } | { ok: false; code: 'CHECKOUT_NOT_SOLD' | 'CHECKOUT_QUANTITY_INVALID' | 'CHECKOUT_CART_CLOSED'; message: string }

export async function createCart(ctx: Ctx, input: { market: string; customerId?: string | null }): Promise<Cart> {
  const id = newId('crt')
  await checkoutDb(ctx.db).insertInto('carts').values({ id, market: input.market, customer_id: input.customerId ?? null, email: null, shipping_method_code: null, promo_code: null, order_id: null }).execute()
  return { id, customerId: input.customerId ?? null, market: input.market, email: null, shipTo: null, shippingMethodCode: null, deliveryDate: null, promoCode: null, birthDate: null, orderId: null, lines: [] }
}

/** The cart, or null when it does not exist or belongs to another customer. */
export async function getCart(ctx: Ctx, cartId: string, opts: { forUpdate?: boolean } = {}): Promise<Cart | null> {
  // the cart and its lines in one round trip (every checkout step reads them)
  let q = checkoutDb(ctx.db).selectFrom('carts').selectAll().select(LINES_JSON).where('id', '=', cartId)
  if (opts.forUpdate) q = q.forUpdate()
  const row = await q.executeTakeFirst()
  if (!row || !ownedByActor(ctx, row)) return null
  return toCart(row)
}

/**
 * Locks an open cart and marks it as the source of `orderId`, in one statement of the
 * place-order transaction (a rollback reopens it). Null when the cart is missing, foreign
 * or already ordered: `getCart` then tells which.
 */
export async function claimCartForOrder(ctx: Ctx, input: { cartId: string; orderId: string }): Promise<Cart | null> {
  const row = await checkoutDb(ctx.db)
    .updateTable('carts')
    .set({ order_id: input.orderId, updated_at: ctx.now })
    .where('id', '=', input.cartId)
    .where('order_id', 'is', null)
    .where(ownerFilter(ctx))
    .returningAll()
    .returning(LINES_JSON)
    .executeTakeFirst()
  return row ? { ...toCart(row), orderId: null } : null
}

async function openCart(ctx: Ctx, cartId: string): Promise<Cart> {
  const cart = await getCart(ctx, cartId)
  if (!cart) throw new AppError('NOT_FOUND', 'cart not found')
  return cart
}

/** Adds units of a variant (or sets the quantity with `mode: 'set'`); 0 with 'set' removes the line. */
export async function changeCartLine(ctx: Ctx, input: { cartId: string; variantId: string; quantity: number; mode: 'add' | 'set' }): Promise<CartChange> {
  const cart = await openCart(ctx, input.cartId)
  if (cart.orderId) return { ok: false, code: 'CHECKOUT_CART_CLOSED', message: 'this cart has already become an order' }
  const current = cart.lines.find((l) => l.variantId === input.variantId)?.quantity ?? 0
  const invalid: CartChange = { ok: false, code: 'CHECKOUT_QUANTITY_INVALID', message: `quantity must be between 1 and ${MAX_LINE_QUANTITY}` }
  if (!Number.isSafeInteger(input.quantity) || input.quantity < (input.mode === 'add' ? 1 : 0) || input.quantity > MAX_LINE_QUANTITY) return invalid
  let quantity = 0
  let sellable: ReadonlyMap<string, SellableVariant> | undefined
  if (input.mode === 'set' && input.quantity === 0) {
    // the line goes and the cart is touched, in one statement
    await sql`WITH gone AS (DELETE FROM cart_lines WHERE cart_id = ${cart.id} AND variant_id = ${input.variantId})
              UPDATE carts SET updated_at = ${ctx.now} WHERE id = ${cart.id}`.execute(ctx.db)
  } else {
    sellable = await getSellableVariants(ctx, { variantIds: [input.variantId], market: cart.market, locale: ctx.locale })
    const v = sellable.get(input.variantId)
    if (!v || v.b2bOnly) return { ok: false, code: 'CHECKOUT_NOT_SOLD', message: 'this product is not sold in this market' }
    // one atomic statement: concurrent "add" clicks each count; an add that would pass 99 updates
    // nothing; the cart is touched only when the line changed
    const next = input.mode === 'add' ? sql`cart_lines.quantity + excluded.quantity` : sql`excluded.quantity`
    const r = await sql<{ quantity: number }>`
      WITH line AS (
        INSERT INTO cart_lines (cart_id, variant_id, quantity, added_at) VALUES (${cart.id}, ${input.variantId}, ${input.quantity}, ${ctx.now})
        ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = ${next} WHERE ${next} <= ${MAX_LINE_QUANTITY}
        RETURNING quantity),
      touched AS (UPDATE carts SET updated_at = ${ctx.now} WHERE id = ${cart.id} AND EXISTS (SELECT 1 FROM line))
      SELECT quantity FROM line`.execute(ctx.db)
    if (!r.rows[0]) return invalid
    quantity = r.rows[0].quantity
  }
  // the new state without reading it back: lines keep their order, a new one goes last
  const lines = current === 0 && quantity > 0 ? [...cart.lines, { variantId: input.variantId, quantity }] : cart.lines.map((l) => (l.variantId === input.variantId ? { ...l, quantity } : l))
  return { ok: true, cart: { ...cart, lines: lines.filter((l) => l.quantity > 0) }, ...(sellable ? { sellable } : {}) }
}

export type CheckoutDetails = {
  email?: string | null
  shipTo?: Address | null
  shippingMethodCode?: string | null
  deliveryDate?: string | null
  promoCode?: string | null
  birthDate?: string | null
}

/** Saves what the shopper entered at a checkout step; prices are never taken from the shopper. */
export async function saveCheckoutDetails(ctx: Ctx, input: { cartId: string } & CheckoutDetails): Promise<Cart> {
  const r = await saveCheckoutDetailsIfOpen(ctx, input)
  if (r === 'not_found') throw new AppError('NOT_FOUND', 'cart not found')
  if (r === 'closed') throw new AppError('CONFLICT', 'this cart has already become an order')
  return r
}

/** saveCheckoutDetails answering 'not_found' / 'closed' instead of throwing (Store API). One round trip when the cart is open. */
export async function saveCheckoutDetailsIfOpen(ctx: Ctx, input: { cartId: string } & CheckoutDetails): Promise<Cart | 'not_found' | 'closed'> {
  const set: Record<string, unknown> = {}
  if (input.email !== undefined) set.email = input.email?.trim().toLowerCase() ?? null
  if (input.shipTo !== undefined) set.ship_to = input.shipTo ? JSON.stringify(input.shipTo) : null
  if (input.shippingMethodCode !== undefined) set.shipping_method_code = input.shippingMethodCode
  if (input.deliveryDate !== undefined) set.delivery_date = input.deliveryDate
  if (input.promoCode !== undefined) set.promo_code = input.promoCode ? input.promoCode.trim().toUpperCase() : null
  if (input.birthDate !== undefined) set.birth_date = input.birthDate
  if (Object.keys(set).length) {
    // the update returns the saved cart; only an open cart of this shopper is changed
    const row = await checkoutDb(ctx.db)
      .updateTable('carts')
      .set({ ...set, updated_at: ctx.now })
      .where('id', '=', input.cartId)
      .where('order_id', 'is', null)
      .where(ownerFilter(ctx))
      .returningAll()
      .returning(LINES_JSON)
      .executeTakeFirst()
    if (row) return toCart(row)
  }
  const cart = await getCart(ctx, input.cartId)
  if (!cart) return 'not_found'
  return cart.orderId ? 'closed' : cart
}

/** Marks the cart as the source of an order (inside the place-order transaction). */
export async function closeCart(ctx: Ctx, input: { cartId: string; orderId: string }): Promise<void> {
  await checkoutDb(ctx.db).updateTable('carts').set({ order_id: input.orderId, updated_at: ctx.now }).where('id', '=', input.cartId).where('order_id', 'is', null).execute()
}

/** Number of units in the cart (header badge). */
export async function countCartUnits(ctx: Ctx, cartId: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT COALESCE(SUM(quantity), 0)::int AS n FROM cart_lines WHERE cart_id = ${cartId}`.execute(ctx.db)
  return r.rows[0]?.n ?? 0
}

/**
 * A guest who signs in (or signs up) keeps the cart they filled: an open guest cart becomes
 * the customer's. A cart already owned by someone, or already ordered, is left alone.
 */
export async function attachCartToCustomer(ctx: Ctx, input: { cartId: string; customerId: string }): Promise<boolean> {
  const r = await checkoutDb(ctx.db)
    .updateTable('carts')
    .set({ customer_id: input.customerId, updated_at: ctx.now })
    .where('id', '=', input.cartId)
    .where('customer_id', 'is', null)
    .where('order_id', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/**
 * The shopper changed their delivery area: the open cart is priced in the new market's list
 * from now on (lines not sold there show as problems on the cart page). Returns whether it moved.
 */
export async function moveCartToMarket(ctx: Ctx, input: { cartId: string; market: string }): Promise<boolean> {
  const cart = await getCart(ctx, input.cartId)
  if (!cart || cart.orderId || cart.market === input.market) return false
  await checkoutDb(ctx.db).updateTable('carts').set({ market: input.market, updated_at: ctx.now }).where('id', '=', cart.id).where('order_id', 'is', null).execute()
  return true
}
