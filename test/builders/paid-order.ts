import { randomUUID } from 'node:crypto'
import type { Db } from '../../src/kernel/db/client.ts'
import type { Address } from '../../src/modules/checkout/index.ts'
import { placeOrder } from '../../src/flows/place-order.ts'
import { CARD_OK, PARIS, readyCart, shopperCtx, testCheckoutDeps } from './checkout.ts'

/**
 * A paid card order through the real checkout (cart, address, shipping, test provider): its
 * stock is allocated FEFO like a shopper's. Default: one coffee to Paris.
 */
export async function paidOrder(
  db: Db,
  input: { market?: string; lines?: [sku: string, qty: number][]; shipTo?: Address; email?: string; now?: Date } = {},
): Promise<{ orderId: string; number: string; accessToken: string }> {
  const market = input.market ?? 'FR-MAINLAND'
  const ctx = shopperCtx(db, { market, ...(input.now ? { now: input.now } : {}) })
  const cart = await readyCart(ctx, { market, lines: input.lines ?? [['CHN-CAF-GR-250', 1]], shipTo: input.shipTo ?? PARIS, email: input.email ?? 'camille@example.com' })
  const placed = await placeOrder(ctx, testCheckoutDeps(db), {
    cartId: cart.id, idempotencyKey: randomUUID(), paymentMethod: 'card', card: CARD_OK, ageConfirmed: true, birthDate: '1990-04-02', acceptTerms: true,
  })
  if (!placed.ok || placed.status !== 'paid') throw new Error(`the order was not paid: ${JSON.stringify(placed)}`)
  return { orderId: placed.orderId, number: placed.orderNumber, accessToken: placed.accessToken }
}
