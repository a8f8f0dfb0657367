import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { CARD_OK, PARIS, variantIdBySku } from '../builders/checkout.ts'

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t.close())

type CartAnswer = { token: string; quote: { cartId: string; lines: { sku: string; quantity: number; unitGross: number }[]; totals: { gross: number; goods: number }; shippingOptions: { methodCode: string; deliveryDates: string[] | null }[]; missing: string[]; problems: { code: string }[] } }

async function newCart(): Promise<CartAnswer> {
  const r = await t.app.inject({ method: 'POST', url: '/api/store/carts', payload: { market: 'FR-MAINLAND' } })
  assert.equal(r.statusCode, 201, r.body)
  return r.json()
}
const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, token: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { 'x-cart-token': token }, ...(payload === undefined ? {} : { payload: payload as object }) })

test('a shopper builds a cart, gives an address, picks shipping and orders through the API; prices come from the server', async () => {
  const coffee = await variantIdBySku(t.database.db, 'CHN-CAF-GR-250')
  const cart = await newCart()
  const added = await call('POST', `/api/store/carts/${cart.quote.cartId}/lines`, cart.token, { variantId: coffee, quantity: 2 })
  assert.equal(added.statusCode, 200, added.body)
  const a: CartAnswer = added.json()
  assert.equal(a.quote.lines[0]!.quantity, 2)
  assert.equal(a.quote.totals.goods, a.quote.lines[0]!.unitGross * 2)
  const withAddress: CartAnswer = (await call('PATCH', `/api/store/carts/${cart.quote.cartId}/checkout`, cart.token, { email: 'api@example.com', shipTo: PARIS })).json()
  const option = withAddress.quote.shippingOptions[0]!
  const ready: CartAnswer = (await call('PATCH', `/api/store/carts/${cart.quote.cartId}/checkout`, cart.token, { shippingMethodCode: option.methodCode })).json()
  assert.deepEqual(ready.quote.missing, [])
  const order = await call('POST', `/api/store/carts/${cart.quote.cartId}/order`, cart.token, { idempotencyKey: randomUUID(), paymentMethod: 'card', card: CARD_OK, acceptTerms: true })
  assert.equal(order.statusCode, 201, order.body)
  const o = order.json()
  assert.equal(o.status, 'paid')
  const total = await sql<{ total_gross: number }>`SELECT total_gross FROM orders WHERE id = ${o.orderId}`.execute(t.database.db)
  assert.equal(total.rows[0]!.total_gross, ready.quote.totals.gross)
  const closed = await call('POST', `/api/store/carts/${cart.quote.cartId}/lines`, cart.token, { variantId: coffee, quantity: 1 })
  assert.equal(closed.statusCode, 409)
})

test('tampered bodies and foreign carts are refused with a clear error and change nothing', async () => {
  const coffee = await variantIdBySku(t.database.db, 'CHN-CAF-GR-250')
  const mine = await newCart()
  const theirs = await newCart()
  await call('POST', `/api/store/carts/${theirs.quote.cartId}/lines`, theirs.token, { variantId: coffee, quantity: 1 })
  for (const quantity of [0, -1, 1000, 1.5, 'abc', null]) {
    const r = await call('POST', `/api/store/carts/${mine.quote.cartId}/lines`, mine.token, { variantId: coffee, quantity })
    assert.equal(r.statusCode, 400, `quantity ${JSON.stringify(quantity)}`)
    assert.equal(r.json().error.code, 'VALIDATION_FAILED')
  }
  const priced = await call('POST', `/api/store/carts/${mine.quote.cartId}/lines`, mine.token, { variantId: coffee, quantity: 1, unitGross: 1 })
  assert.equal(priced.statusCode, 400, 'a price in the body is not a field')
  const foreign = await call('GET', `/api/store/carts/${theirs.quote.cartId}`, mine.token)
  assert.equal(foreign.statusCode, 404, "another shopper's cart with my token")
  const forged = await call('GET', `/api/store/carts/${theirs.quote.cartId}`, `${theirs.quote.cartId}.forged-signature-value`)
  assert.equal(forged.statusCode, 404)
  const unknownVariant = await call('POST', `/api/store/carts/${mine.quote.cartId}/lines`, mine.token, { variantId: 'var_00000000000000000000000000', quantity: 1 })
  assert.equal(unknownVariant.statusCode, 409)
  assert.equal(unknownVariant.json().error.code, 'CHECKOUT_NOT_SOLD')
  const state: CartAnswer = (await call('GET', `/api/store/carts/${mine.quote.cartId}`, mine.token)).json()
  assert.deepEqual(state.quote.lines, [], 'nothing was added by the refused calls')
  const notReady = await call('POST', `/api/store/carts/${mine.quote.cartId}/order`, mine.token, { idempotencyKey: randomUUID(), paymentMethod: 'card', card: CARD_OK, acceptTerms: true })
  assert.equal(notReady.statusCode, 409)
  assert.equal(notReady.json().error.code, 'CHECKOUT_NOT_READY')
})

test('ten simultaneous "add one" calls on one cart give ten units; the 100th unit is refused', async () => {
  const coffee = await variantIdBySku(t.database.db, 'CHN-CAF-GR-250')
  const cart = await newCart()
  const answers = await Promise.all(Array.from({ length: 10 }, () => call('POST', `/api/store/carts/${cart.quote.cartId}/lines`, cart.token, { variantId: coffee, quantity: 1 })))
  assert.ok(answers.every((a) => a.statusCode === 200))
  const state: CartAnswer = (await call('GET', `/api/store/carts/${cart.quote.cartId}`, cart.token)).json()
  assert.equal(state.quote.lines[0]!.quantity, 10)
  const over = await call('POST', `/api/store/carts/${cart.quote.cartId}/lines`, cart.token, { variantId: coffee, quantity: 90 })
  assert.equal(over.statusCode, 400)
  assert.equal(over.json().error.code, 'CHECKOUT_QUANTITY_INVALID')
  const after: CartAnswer = (await call('GET', `/api/store/carts/${cart.quote.cartId}`, cart.token)).json()
  assert.equal(after.quote.lines[0]!.quantity, 10)
})
