import { sql, type Selectable } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import type { Cart } from './cart.ts'
import type { CartsTable } from './tables.ts'

// How a carts row becomes a Cart, shared by the statements that read or change a cart and return it.

// the lines of `carts` row as JSON, in the order they were added
export const LINES_JSON = sql<CartLine[]>`COALESCE((SELECT json_agg(json_build_object('variantId', l.variant_id, 'quantity', l.quantity) ORDER BY l.added_at, l.variant_id) FROM cart_lines l WHERE l.cart_id = carts.id), '[]'::json)`.as('lines')

export type CartLine = { variantId: string; quantity: number }
export type CartRow = Selectable<CartsTable> & { lines: CartLine[] }

export function toCart(row: CartRow): Cart {
  return {
    id: row.id, customerId: row.customer_id, market: row.market, email: row.email, shipTo: row.ship_to, shippingMethodCode: row.shipping_method_code,
    deliveryDate: row.delivery_date ? isoDay(row.delivery_date) : null, promoCode: row.promo_code,
    birthDate: row.birth_date ? isoDay(row.birth_date) : null, orderId: row.order_id,
    lines: row.lines,
  }
}

// A customer's cart is theirs alone; a guest cart is reachable only through its signed cookie.
export function ownedByActor(ctx: Ctx, row: Pick<CartsTable, 'customer_id'>): boolean {
  return row.customer_id === null || (ctx.actor.kind === 'customer' && ctx.actor.customerId === row.customer_id)
}

// the same rule as a WHERE clause, for statements that change the cart and return it
export const ownerFilter = (ctx: Ctx) => sql<boolean>`(customer_id IS NULL OR customer_id = ${ctx.actor.kind === 'customer' ? ctx.actor.customerId : null})`
