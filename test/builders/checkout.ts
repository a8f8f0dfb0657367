import { sql } from 'kysely'
import { systemCtx, type Ctx, type Locale } from '../../src/kernel/ctx.ts'
import type { Db } from '../../src/kernel/db/client.ts'
import { changeCartLine, createCart, getCart, priceCart, saveCheckoutDetails, type Address, type Cart } from '../../src/modules/checkout/index.ts'
import { buildPaymentProviders } from '../../src/modules/payments/index.ts'
import type { CheckoutDeps } from '../../src/flows/checkout-deps.ts'

export const PARIS: Address = { name: 'Camille Martin', line1: '12 rue Oberkampf', postalCode: '75011', city: 'Paris', country: 'FR', phone: '+33612345678' }
export const BAIE_MAHAULT: Address = { name: 'Léa Jean-Baptiste', line1: '3 rue Hégésippe Légitimus', postalCode: '97122', city: 'Baie-Mahault', country: 'GP', phone: '+590690123456' }

export const TEST_SECRET = 'test-app-secret-that-is-long-enough-123456'

/** Order-flow dependencies on the test payment provider (webhooks kept in its queue). */
export function testCheckoutDeps(db: Db, overrides: Partial<CheckoutDeps> = {}): CheckoutDeps {
  const providers = buildPaymentProviders(
    { paymentProvider: 'test', publicUrl: 'http://lakou.test', testPaymentsWebhookSecret: 'whsec_lakou_test_provider_dev', stripeSecretKey: undefined, stripeWebhookSecret: undefined },
    { db, test: { send: async () => ({ status: 200 }) } },
  )
  return { providers, appSecret: TEST_SECRET, reservationMinutes: 15, publicUrl: 'http://lakou.test', ...overrides }
}

export function shopperCtx(db: Db, opts: { locale?: Locale; now?: Date; market?: string } = {}): Ctx {
  return systemCtx(db, 'test-shopper', { actor: { kind: 'anonymous' }, locale: opts.locale ?? 'fr', market: opts.market ?? 'FR-MAINLAND', ...(opts.now ? { now: opts.now } : {}) })
}

export async function variantIdBySku(db: Db, sku: string): Promise<string> {
  const r = await sql<{ id: string }>`SELECT id FROM product_variants WHERE sku = ${sku}`.execute(db)
  if (!r.rows[0]) throw new Error(`no variant ${sku}`)
  return r.rows[0].id
}

/**
 * A cart ready to order: lines added, contact and address saved, the first shipping option
 * able to carry everything chosen (the express one when flowers need a date) and its first
 * delivery date.
 */
export async function readyCart(ctx: Ctx, input: { market: string; lines: [sku: string, qty: number][]; shipTo: Address; email?: string; promoCode?: string; birthDate?: string }): Promise<Cart> {
  const cart = await createCart(ctx, { market: input.market })
  for (const [sku, qty] of input.lines) {
    const r = await changeCartLine(ctx, { cartId: cart.id, variantId: await variantIdBySku(ctx.db, sku), quantity: qty, mode: 'add' })
    if (!r.ok) throw new Error(`cannot add ${sku}: ${r.code}`)
  }
  await saveCheckoutDetails(ctx, { cartId: cart.id, email: input.email ?? 'camille@example.com', shipTo: input.shipTo, promoCode: input.promoCode ?? null, birthDate: input.birthDate ?? null })
  const quote = await priceCart(ctx, (await getCart(ctx, cart.id))!)
  const option = quote.shippingOptions.find((o) => o.deliveryDates?.length) ?? quote.shippingOptions[0]
  if (!option) throw new Error(`no shipping option: ${JSON.stringify(quote.problems)}`)
  await saveCheckoutDetails(ctx, { cartId: cart.id, shippingMethodCode: option.methodCode, deliveryDate: option.deliveryDates?.[0] ?? null })
  return (await getCart(ctx, cart.id))!
}

export const CARD_OK = { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123', holderName: 'Camille Martin' }
export const CARD_DECLINED = { ...CARD_OK, number: '4000000000000002' }
export const CARD_PENDING = { ...CARD_OK, number: '4000000000000077' }
