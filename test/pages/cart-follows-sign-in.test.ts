import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { Browser, PASSWORD, textOf } from '../http/account-helpers.ts'
import { variantIdBySku } from '../builders/checkout.ts'

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t.close())

test('a guest fills a cart, signs up: the cart is theirs, and another customer never reaches it', async () => {
  const b = new Browser(t.app)
  await b.get('/fr/panier')
  const added = await b.post('/fr/panier/ajouter', { variantId: await variantIdBySku(t.database.db, 'CHN-CAF-GR-250'), quantity: '2' })
  assert.equal(added.statusCode, 303)
  const cartId = b.cookies.get('lakou_cart')!.split('.')[0]!
  await b.get('/fr/compte/inscription')
  const signedUp = await b.post('/fr/compte/inscription', { firstName: 'Léa', lastName: 'Jean', email: 'lea.cart@example.com', password: PASSWORD, birthDate: '' })
  assert.equal(signedUp.statusCode, 303, signedUp.body.slice(0, 300))
  const owner = await sql<{ customer_id: string | null }>`SELECT customer_id FROM carts WHERE id = ${cartId}`.execute(t.database.db)
  assert.ok(owner.rows[0]!.customer_id, 'the cart now belongs to the new customer')
  const cart = await b.get('/fr/panier')
  assert.match(cart.body, /name="quantity" type="number"[^>]*value="2"/, 'the two coffees are still in the cart')

  // someone else who copied the cart cookie, signed in as another customer, does not see it
  const other = new Browser(t.app)
  await other.get('/fr/compte/inscription')
  await other.post('/fr/compte/inscription', { firstName: 'Max', lastName: 'Autre', email: 'max.other@example.com', password: PASSWORD, birthDate: '' })
  other.cookies.set('lakou_cart', b.cookies.get('lakou_cart')!)
  const stolen = await other.get('/fr/panier')
  assert.doesNotMatch(stolen.body, /name="quantity" type="number"[^>]*value="2"/)
})

test('switching the delivery area to Guadeloupe re-prices the open cart in the Guadeloupe list', async () => {
  const b = new Browser(t.app)
  await b.get('/fr/panier')
  await b.post('/fr/panier/ajouter', { variantId: await variantIdBySku(t.database.db, 'ACS-RHB50-100'), quantity: '1' })
  const mainland = await b.get('/fr/panier')
  assert.match(textOf(mainland.body), /27,90\s€/, 'mainland list price of the rum')
  const switched = await b.post('/market', { market: 'GP', back: '/fr/panier' })
  assert.equal(switched.statusCode, 303)
  const gp = await b.get('/fr/panier')
  assert.match(textOf(gp.body), /18,50\s€/, 'Guadeloupe list price of the same rum')
  assert.doesNotMatch(textOf(gp.body), /27,90\s€/)
})
