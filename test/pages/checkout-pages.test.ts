import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { signCartId } from '../../src/http/pages/cart-cookie.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { systemCtx } from '../../src/kernel/ctx.ts'
import { addAddress } from '../../src/modules/customers/index.ts'
import { Browser, signUpAs } from '../http/account-helpers.ts'
import { variantIdBySku } from '../builders/checkout.ts'
import { mainText, productSlugsBySku } from './page-helpers.ts'

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t.close())

const RUM = 'ACS-RHB50-100' // 27,90 € in mainland France
const COFFEE = 'CHN-CAF-GR-250' // 18,90 €
const CASK_RUM = 'MZP-RHV-BDF7-050' // a few dozen bottles in stock
const FLOWERS = 'JFL-ANT-R10'
const PARIS = { name: 'Camille Martin', line1: '12 rue Oberkampf', line2: '', postalCode: '75011', city: 'Paris', country: 'FR', phone: '06 12 34 56 78' }

type Res = Awaited<ReturnType<Browser['get']>>
const text = (res: Res) => mainText(res.body).replace(/&#39;|&rsquo;/g, '’')
const variant = (sku: string) => variantIdBySku(t.database.db, sku)
const cartLines = async (b: Browser) => {
  const id = b.cookies.get('lakou_cart')?.split('.')[0]
  if (!id) return []
  const r = await sql<{ sku: string; quantity: number }>`SELECT v.sku, l.quantity FROM cart_lines l JOIN product_variants v ON v.id = l.variant_id WHERE l.cart_id = ${id} ORDER BY v.sku`.execute(t.database.db)
  return r.rows
}

/** A shopper who has opened the cart page (for the CSRF token) and put these in the cart. */
async function shopper(lines: [sku: string, qty: number][] = []): Promise<Browser> {
  const b = new Browser(t.app)
  await b.get('/fr/panier')
  for (const [sku, qty] of lines) {
    const res = await b.post('/fr/panier/ajouter', { variantId: await variant(sku), quantity: String(qty) })
    assert.equal(res.statusCode, 303, `add ${sku}: ${res.body.slice(0, 200)}`)
  }
  await b.get('/fr/panier')
  return b
}

/** Contact and Paris address, then the first delivery option (and its first date for flowers). */
async function toPayment(b: Browser, address = PARIS): Promise<Res> {
  await b.get('/fr/commande/adresse')
  const a = await b.post('/fr/commande/adresse', { email: 'camille@example.com', ...address })
  assert.equal(a.statusCode, 303, text(a).slice(0, 400))
  const s = await b.get('/fr/commande/livraison')
  const method = /name="method" value="([^"]+)"/.exec(s.body)![1]!
  const date = new RegExp(`name="deliveryDate_${method}"[^>]*><option value(?:="")?>[^<]*</option><option value="([^"]+)"`).exec(s.body)?.[1]
  const r = await b.post('/fr/commande/livraison', { method, ...(date ? { [`deliveryDate_${method}`]: date } : {}) })
  assert.equal(r.statusCode, 303, text(r).slice(0, 400))
  assert.equal(r.headers.location, '/fr/commande/paiement')
  return b.get('/fr/commande/paiement')
}

const form = (page: string, field: string) => new RegExp(`name="${field}" value="([^"]*)"`).exec(page)?.[1] ?? ''

test('without JavaScript: add from the product page, change the quantity, remove; every amount is the server’s', async () => {
  const b = new Browser(t.app)
  const slugs = await productSlugsBySku(t, RUM)
  const product = await b.get(`/fr/p/${slugs.fr}`)
  const id = await variant(RUM)
  assert.match(product.body, new RegExp(`<form method="post" action="/fr/panier/ajouter" class="add-to-cart"[^>]*>.*?name="variantId" value="${id}"`))
  assert.doesNotMatch(product.body, /__lakou_csrf_token__/, 'the cached page’s placeholder is filled with this visitor’s token')

  const added = await b.post('/fr/panier/ajouter', { variantId: id, quantity: '2' })
  assert.equal(added.statusCode, 303)
  assert.equal(added.headers.location, `/fr/panier?added=${id}`)
  assert.match(b.cookies.get('lakou_cart') ?? '', /^crt_[0-9A-Z]{26}\.[\w-]{43}$/, 'the cart id travels signed')
  assert.equal(b.cookies.get('lakou_cart_units'), '2')
  const setCookie = ([] as string[]).concat(added.headers['set-cookie'] ?? []).find((c) => c.startsWith('lakou_cart='))!
  assert.match(setCookie, /HttpOnly/)
  assert.match(setCookie, /SameSite=Lax/)

  const cart = await b.get(added.headers.location as string)
  assert.equal(cart.statusCode, 200)
  assert.equal(cart.headers['cache-control'], 'private, no-store')
  assert.match(cart.body, /<meta name="robots" content="noindex/)
  assert.match(text(cart), /« Rhum blanc agricole 50 % vol\. — 1 L » a été ajouté à votre panier\./)
  assert.match(cart.body, /name="quantity" type="number"[^>]*value="2"/)
  assert.match(text(cart), /Sous-total TTC 55,80\s€/)
  assert.match(text(cart), /calculée à l’étape livraison/)
  assert.match(cart.body, /class="cart-count" aria-hidden="true" data-cart-count>\(2\)</, 'the header counts the units')

  const updated = await b.post('/fr/panier/modifier', { variantId: id, quantity: '3' })
  assert.equal(updated.statusCode, 303)
  const after3 = await b.get('/fr/panier')
  assert.match(text(after3), /Sous-total TTC 83,70\s€/)
  assert.equal(b.cookies.get('lakou_cart_units'), '3')

  const removed = await b.post('/fr/panier/retirer', { variantId: id })
  assert.equal(removed.statusCode, 303)
  const empty = await b.get('/fr/panier')
  assert.match(text(empty), /Votre panier est vide\./)
  assert.deepEqual(await cartLines(b), [])
})

test('a quantity of 0, -1, 1000 or "abc" is a 400 page with the reason and changes nothing', async () => {
  const b = await shopper([[COFFEE, 2]])
  const id = await variant(COFFEE)
  for (const quantity of ['0', '-1', '1000', 'abc', '1.5', '']) {
    for (const url of ['/fr/panier/ajouter', '/fr/panier/modifier']) {
      const res = await b.post(url, { variantId: id, quantity })
      assert.equal(res.statusCode, 400, `${url} quantity=${quantity}`)
      assert.match(text(res), /La quantité doit être un nombre entier entre 1 et 99\. Votre panier n’a pas été modifié\./)
    }
  }
  assert.deepEqual(await cartLines(b), [{ sku: COFFEE, quantity: 2 }])
  const tooMany = await b.post('/fr/panier/ajouter', { variantId: id, quantity: '98' })
  assert.equal(tooMany.statusCode, 400, '2 + 98 is over the 99 a line takes')
  assert.deepEqual(await cartLines(b), [{ sku: COFFEE, quantity: 2 }])
})

test('ten “add” clicks at once (two tabs, a double click) all count; two order submissions at once make one order', async () => {
  const b = await shopper([[COFFEE, 1]])
  const id = await variant(COFFEE)
  const adds = await Promise.all(Array.from({ length: 10 }, () => b.post('/fr/panier/ajouter', { variantId: id, quantity: '1' })))
  assert.deepEqual(adds.map((r) => r.statusCode), Array(10).fill(303))
  assert.deepEqual(await cartLines(b), [{ sku: COFFEE, quantity: 11 }])

  const pay = await toPayment(b)
  const fields = { idempotencyKey: form(pay.body, 'idempotencyKey'), method: 'bank_transfer', acceptTerms: 'on' }
  const submits = await Promise.all(Array.from({ length: 4 }, () => b.post('/fr/commande/paiement', fields)))
  assert.ok(submits.every((r) => r.statusCode === 303), submits.map((r) => r.statusCode).join())
  const orders = await sql<{ n: number }>`SELECT count(*)::int AS n FROM orders WHERE idempotency_key = ${fields.idempotencyKey}`.execute(t.database.db)
  assert.equal(orders.rows[0]!.n, 1)
})

test('a price or total slipped into the form is ignored', async () => {
  const b = await shopper()
  const res = await b.post('/fr/panier/ajouter', { variantId: await variant(RUM), quantity: '1', price: '1', unitGross: '1', total: '0.01' })
  assert.equal(res.statusCode, 303)
  const cart = await b.get('/fr/panier')
  assert.match(text(cart), /Prix unitaire : 27,90\s€ TTC/)
  assert.match(text(cart), /Sous-total TTC 27,90\s€/)
})

test('a tampered, forged or foreign cart cookie is no cart, never an error page; another shopper’s cart is untouched', async () => {
  const victim = await shopper([[COFFEE, 1]])
  const cookie = victim.cookies.get('lakou_cart')!
  const [id] = cookie.split('.')
  for (const forged of [`${id}.AAAA`, `${id}.${'x'.repeat(43)}`, id!, signCartId('another-secret-of-at-least-32-characters!!', id!), 'garbage', `${id}.${cookie.split('.')[1]}x`]) {
    const res = await t.app.inject({ url: '/fr/panier', headers: { cookie: `lakou_cart=${forged}` } })
    assert.equal(res.statusCode, 200, forged)
    assert.match(text(res), /Votre panier est vide\./, `forged cookie ${forged}`)
  }
  const attacker = new Browser(t.app)
  attacker.cookies.set('lakou_cart', `${id}.AAAA`)
  await attacker.get('/fr/panier')
  assert.equal((await attacker.post('/fr/panier/ajouter', { variantId: await variant(RUM), quantity: '5' })).statusCode, 303)
  assert.notEqual(attacker.cookies.get('lakou_cart')!.split('.')[0], id, 'a new cart, not the victim’s')
  assert.deepEqual(await cartLines(victim), [{ sku: COFFEE, quantity: 1 }])
})

test('a category tile adds its only size; a product sold in several sizes sends to its page to choose', async () => {
  const b = new Browser(t.app)
  const page = await b.get('/fr/c/cafes')
  assert.equal(page.statusCode, 200)
  const tiles = [...page.body.matchAll(/name="product" value="(prd_[0-9A-Z]{26})"/g)].map((m) => m[1]!)
  assert.ok(tiles.length > 0, 'tiles carry an add-to-cart form')
  const single = await sql<{ id: string; sku: string }>`SELECT p.id, min(v.sku) AS sku FROM products p JOIN product_variants v ON v.product_id = p.id WHERE p.id = ANY(${tiles}) GROUP BY p.id HAVING count(*) = 1 LIMIT 1`.execute(t.database.db)
  const one = single.rows[0]!
  const res = await b.post('/fr/panier/ajouter', { product: one.id, quantity: '1' })
  assert.equal(res.statusCode, 303)
  assert.match(String(res.headers.location), /^\/fr\/panier\?added=var_/)
  assert.deepEqual(await cartLines(b), [{ sku: one.sku, quantity: 1 }])
  const rum = await sql<{ id: string }>`SELECT p.id FROM products p JOIN product_variants v ON v.product_id = p.id WHERE v.sku = ${RUM}`.execute(t.database.db)
  const sizes = await b.post('/fr/panier/ajouter', { product: rum.rows[0]!.id, quantity: '1' })
  assert.equal(sizes.statusCode, 303)
  assert.match(String(sizes.headers.location), /^\/fr\/p\/rhum-blanc-agricole-50-vol$/, 'the 1 L and the 5 cl: choose on the product page')
})

test('with JavaScript (cart.js): the add answers JSON with the new unit count', async () => {
  const b = await shopper([[COFFEE, 1]])
  const res = await t.app.inject({
    method: 'POST', url: '/fr/panier/ajouter', payload: new URLSearchParams({ variantId: await variant(COFFEE), quantity: '2', _csrf: b.csrf }).toString(),
    headers: { cookie: b.cookieHeader, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
  })
  assert.equal(res.statusCode, 200)
  assert.deepEqual(res.json(), { ok: true, units: 3, message: 'Ajouté au panier' })
  const bad = await t.app.inject({
    method: 'POST', url: '/fr/panier/ajouter', payload: new URLSearchParams({ variantId: await variant(COFFEE), quantity: '0', _csrf: b.csrf }).toString(),
    headers: { cookie: b.cookieHeader, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
  })
  assert.equal(bad.statusCode, 400)
  assert.equal(bad.json().ok, false)
  const js = await t.app.inject({ url: '/fr/' })
  const src = /<script type="module" src="(\/assets\/cart\.js\?v=\w+)"/.exec(js.body)?.[1]
  assert.ok(src, 'every page loads cart.js')
  const asset = await t.app.inject({ url: src })
  assert.equal(asset.statusCode, 200)
  assert.ok(asset.body.length <= 3072, `cart.js is ${asset.body.length} bytes`)
})

test('each problem is written on its line: stock left, and after an address the reason a line cannot travel', async () => {
  const b = await shopper([[CASK_RUM, 1], [COFFEE, 1]])
  const id = await variant(CASK_RUM)
  const r = await b.post('/fr/panier/modifier', { variantId: id, quantity: '99' })
  assert.equal(r.statusCode, 303)
  const cart = await b.get('/fr/panier')
  const line = new RegExp(`<li class="cart-line has-problem" id="line-${id}">([\\s\\S]*?)</li>`).exec(cart.body)?.[1] ?? ''
  assert.match(line, /Plus que \d+ unités disponibles : réduisez la quantité\./)
  assert.doesNotMatch(new RegExp(`id="line-${await variant(COFFEE)}">[\\s\\S]*?</li>`).exec(cart.body)?.[0] ?? '', /line-problem/, 'the coffee line has no problem')
  const pay = await b.get('/fr/commande/paiement')
  assert.equal(pay.statusCode, 303, 'checkout sends the shopper back to the cart')

  const abroad = await shopper([[RUM, 1]])
  await abroad.get('/fr/commande/adresse')
  const a = await abroad.post('/fr/commande/adresse', { email: 'sam@example.com', name: 'Sam Lee', line1: '1 Main Street', line2: '', postalCode: '10001', city: 'New York', country: 'US', phone: '' })
  assert.equal(a.statusCode, 303)
  const ship = await abroad.get('/fr/commande/livraison')
  assert.match(text(ship), /Ces articles ne peuvent pas être livrés à cette adresse/)
  assert.match(text(ship), /Rhum blanc agricole 50 % vol\. — 1 L — Ne peut pas être expédié hors de l’Union européenne depuis nos entrepôts/)
  assert.match(ship.body, /href="\/fr\/panier">Modifier le panier</)
  const again = await abroad.get('/fr/panier')
  assert.match(text(again), /Ne peut pas être expédié hors de l’Union européenne/)
})

test('checkout steps: errors next to fields with the input kept, only the quote’s options with price and promise, flowers need a date', async () => {
  const b = await shopper([[COFFEE, 1], [FLOWERS, 1]])
  const page = await b.get('/fr/commande/adresse')
  assert.equal(page.statusCode, 200)
  assert.match(page.body, /autocomplete="email"/)
  assert.match(page.body, /autocomplete="shipping postal-code"/)
  assert.match(page.body, /<option value="GP">Guadeloupe<\/option>/)
  assert.match(page.body, /<option value="RE">La Réunion<\/option>/)
  const bad = await b.post('/fr/commande/adresse', { email: 'not-an-email', name: 'Camille', line1: '', line2: '', postalCode: '75011', city: 'Paris', country: 'GP', phone: '' })
  assert.equal(bad.statusCode, 422)
  assert.match(bad.body, /<div class="error-summary" role="alert"/)
  assert.match(bad.body, /<a href="#f-email">Saisissez une adresse e-mail valide/)
  assert.match(bad.body, /id="f-email"[^>]*value="not-an-email"/, 'what was typed is kept')
  const territory = await b.post('/fr/commande/adresse', { email: 'camille@example.com', ...PARIS, country: 'GP' })
  assert.equal(territory.statusCode, 422)
  assert.match(text(territory), /Ce code postal n’est pas en Guadeloupe/)

  const ok = await b.post('/fr/commande/adresse', { email: 'camille@example.com', ...PARIS })
  assert.equal(ok.statusCode, 303)
  const ship = await b.get('/fr/commande/livraison')
  assert.equal(ship.statusCode, 200)
  assert.match(text(ship), /Chronopost express — \d+,\d\d\s€/)
  assert.match(text(ship), /livraison estimée (le|entre) /)
  const method = /name="method" value="([^"]+)"/.exec(ship.body)![1]!
  const none = await b.post('/fr/commande/livraison', { method })
  assert.equal(none.statusCode, 422)
  assert.match(text(none), /Choisissez la date de livraison de vos fleurs\./)
  const wrong = await b.post('/fr/commande/livraison', { method, [`deliveryDate_${method}`]: '2001-01-01' })
  assert.equal(wrong.statusCode, 422)
  const unknown = await b.post('/fr/commande/livraison', { method: 'TELEPORT' })
  assert.match(text(unknown), /Choisissez un mode de livraison\./)

  const pay = await toPayment(b)
  assert.equal(pay.statusCode, 200)
  assert.match(pay.body, /<button type="submit" class="place-order">Commander avec obligation de paiement<\/button>/)
  assert.match(form(pay.body, 'idempotencyKey'), /^[\w-]{24}$/)
  assert.match(pay.body, /autocomplete="cc-number"/)
  assert.match(pay.body, /autocomplete="cc-exp"/)
  assert.match(pay.body, /autocomplete="cc-csc"/)
  assert.match(pay.body, /autocomplete="cc-name"/)
  assert.match(text(pay), /4242 4242 4242 4242 — paiement accepté/, 'the test provider’s cards are listed')
  assert.match(text(pay), /Date de livraison choisie :/)
  assert.match(pay.body, /href="\/fr\/legal\/terms"/)
  assert.doesNotMatch(pay.body, /minors-banner/, 'no alcohol, no banner')
})

test('alcohol in the cart: the minors banner across the payment page, date of birth and the 18+ certificate required', async () => {
  const b = await shopper([[RUM, 1]])
  const pay = await toPayment(b)
  assert.match(pay.body, /<p class="minors-banner" role="note">La vente d'alcool aux mineurs est interdite\.<\/p>/)
  assert.match(text(pay), /Je certifie avoir 18 ans ou plus/)
  assert.match(text(pay), /dont droits d’accise et cotisation sécurité sociale/)
  const res = await b.post('/fr/commande/paiement', { idempotencyKey: form(pay.body, 'idempotencyKey'), method: 'card', cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30', cardCvc: '123', cardHolder: 'Camille Martin', birthDate: '2015-01-01', acceptTerms: 'on' })
  assert.equal(res.statusCode, 422)
  assert.match(text(res), /La vente d’alcool est réservée aux personnes de 18 ans ou plus\./)
  assert.match(text(res), /Cochez la case pour certifier que vous avez 18 ans ou plus\./)
  assert.doesNotMatch(res.body, /4242 4242 4242 4242"/, 'the card number is never written back')
  assert.equal((await sql<{ n: number }>`SELECT count(*)::int AS n FROM orders WHERE email = 'camille@example.com' AND total_gross = 0`.execute(t.database.db)).rows[0]!.n, 0)
})

test('promo code: an unknown one says why and is not kept; a valid one shows its discount; it can be removed', async () => {
  const b = await shopper([[COFFEE, 2]])
  const bad = await b.post('/fr/panier/code-promo', { action: 'apply', code: 'NOPE', back: 'cart' })
  assert.equal(bad.statusCode, 303)
  const page = await b.get(bad.headers.location as string)
  assert.match(text(page), /Ce code promo n’existe pas ou n’est pas valable dans votre zone de livraison\./)
  assert.match(page.body, /id="f-code"[^>]*value="NOPE"/)
  const good = await b.post('/fr/panier/code-promo', { action: 'apply', code: 'bienvenue10', back: 'cart' })
  assert.equal(good.headers.location, '/fr/panier')
  const applied = await b.get('/fr/panier')
  assert.match(text(applied), /Code BIENVENUE10 appliqué : 3,78\s€ de remise\./)
  assert.match(text(applied), /Sous-total TTC 34,02\s€/)
  await b.post('/fr/panier/code-promo', { action: 'remove', back: 'cart' })
  assert.match(text(await b.get('/fr/panier')), /Sous-total TTC 37,80\s€/)
})

test('an order page without its link: wrong token, no token, malformed id → the 404 page', async () => {
  const b = await shopper([[COFFEE, 1]])
  const pay = await toPayment(b)
  const placed = await b.post('/fr/commande/paiement', { idempotencyKey: form(pay.body, 'idempotencyKey'), method: 'bank_transfer', acceptTerms: 'on' })
  assert.equal(placed.statusCode, 303)
  const [path] = String(placed.headers.location).split('?')
  const orderId = /\/(ord_[0-9A-Z]{26})\//.exec(path!)![1]!
  for (const url of [`/fr/commandes/${orderId}`, `/fr/commandes/${orderId}?t=forged`, `/en/orders/${orderId}?t=`, `/fr/commandes/ord_nope?t=x`, `/fr/commande/${orderId}/confirmation`, `/fr/commandes/${orderId}/facture.pdf?t=x`]) {
    const res = await t.app.inject({ url })
    assert.equal(res.statusCode, 404, url)
    assert.doesNotMatch(res.body, new RegExp(orderId), 'nothing tells that the order exists')
  }
})

test('a guest buys coffee to mainland France through the forms with 4242…: confirmation, order page, invoice, withdrawal receipt with date and time', async () => {
  const b = await shopper([[COFFEE, 2]])
  const pay = await toPayment(b)
  const key = form(pay.body, 'idempotencyKey')
  const fields = { idempotencyKey: key, method: 'card', cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30', cardCvc: '123', cardHolder: 'Camille Martin', acceptTerms: 'on' }
  const placed = await b.post('/fr/commande/paiement', fields)
  assert.equal(placed.statusCode, 303, text(placed).slice(0, 500))
  const confirmation = String(placed.headers.location)
  assert.match(confirmation, /^\/fr\/commande\/ord_[0-9A-Z]{26}\/confirmation\?t=[\w-]{43}$/)
  assert.equal(b.cookies.get('lakou_cart'), undefined, 'the cart became the order: the next visit starts a new one')
  const again = await b.post('/fr/commande/paiement', fields, form(pay.body, '_csrf'))
  assert.equal(again.statusCode, 303, 'a resubmitted order form goes back to the (new, empty) cart')
  const orders = await sql<{ n: number }>`SELECT count(*)::int AS n FROM orders WHERE idempotency_key = ${key}`.execute(t.database.db)
  assert.equal(orders.rows[0]!.n, 1, 'one order, charged once')

  const page = await b.get(confirmation)
  assert.equal(page.statusCode, 200)
  assert.equal(page.headers['cache-control'], 'private, no-store')
  assert.match(text(page), /Merci ! Votre commande n° \S+ est enregistrée/)
  assert.match(text(page), /État : Payée/)
  assert.match(text(page), /Café de Guadeloupe en grains — 250 g/)
  assert.match(text(page), /dont TVA 5,5 %/)
  assert.match(text(page), /Camille Martin, 12 rue Oberkampf, 75011 Paris, France/)
  assert.match(text(page), /Commande enregistrée/)
  const orderId = /\/(ord_[0-9A-Z]{26})\//.exec(confirmation)![1]!
  const token = confirmation.split('t=')[1]!
  const invoice = /href="(\/fr\/commandes\/ord_[0-9A-Z]{26}\/facture\.pdf\?t=[\w-]+)"/.exec(page.body)?.[1]
  assert.ok(invoice, 'a paid order links its invoice')
  const pdf = await b.get(invoice)
  assert.equal(pdf.statusCode, 200)
  assert.equal(pdf.headers['content-type'], 'application/pdf')
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-')

  const order = await b.get(`/fr/commandes/${orderId}?t=${token}`)
  assert.match(text(order), /Droit de rétractation/)
  assert.match(order.body, /<button type="submit" class="secondary">Renoncer au contrat ici<\/button>/)
  const withdraw = await b.get(`/fr/commandes/${orderId}/retractation?t=${token}`)
  assert.equal(withdraw.statusCode, 200)
  const line = /name="line" value="([^"]+)"/.exec(withdraw.body)![1]!
  const empty = await b.post(`/fr/commandes/${orderId}/retractation`, { t: token, statement: '' })
  assert.equal(empty.statusCode, 422)
  assert.match(text(empty), /Cochez au moins un article/)
  const done = await b.post(`/fr/commandes/${orderId}/retractation`, { t: token, line, [`qty_${line}`]: '1', statement: 'Je me rétracte.' })
  assert.equal(done.statusCode, 303)
  const receipt = await b.get(String(done.headers.location))
  assert.equal(receipt.statusCode, 200)
  assert.match(text(receipt), /Reçue le \d{1,2} \S+ \d{4} (à )?\d{2}:\d{2} \(UTC[+−-]\d+\)/)
  assert.match(text(receipt), /Café de Guadeloupe en grains — 250 g × 1/)
  const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM withdrawal_requests WHERE order_id = ${orderId}`.execute(t.database.db)
  assert.equal(n.rows[0]!.n, 1)

  const en = await b.get(`/en/orders/${orderId}?t=${token}`)
  assert.equal(en.statusCode, 200)
  assert.match(text(en), /Status: Paid/)
})

test('a declined card: the order page offers another card, which pays it', async () => {
  const b = await shopper([[COFFEE, 1]])
  const pay = await toPayment(b)
  const declined = await b.post('/fr/commande/paiement', { idempotencyKey: form(pay.body, 'idempotencyKey'), method: 'card', cardNumber: '4000 0000 0000 0002', cardExpiry: '12/30', cardCvc: '123', cardHolder: 'Camille Martin', acceptTerms: 'on' })
  assert.equal(declined.statusCode, 303)
  assert.match(String(declined.headers.location), /^\/fr\/commandes\/ord_[0-9A-Z]{26}\?t=[\w-]+&flash=declined$/)
  const page = await b.get(String(declined.headers.location))
  assert.match(text(page), /Le paiement a été refusé par votre banque/)
  assert.match(text(page), /Payer avec une autre carte/)
  const orderPath = String(declined.headers.location).split('?')[0]!
  const token = /t=([\w-]+)/.exec(String(declined.headers.location))![1]!
  const malformed = await b.post(`${orderPath}/paiement`, { t: token, attemptKey: form(page.body, 'attemptKey'), cardNumber: '12', cardExpiry: '13/30', cardCvc: '1', cardHolder: '' })
  assert.equal(malformed.statusCode, 422)
  assert.match(text(malformed), /Saisissez la date d’expiration au format MM\/AA\./)
  const paid = await b.post(`${orderPath}/paiement`, { t: token, attemptKey: form(page.body, 'attemptKey'), cardNumber: '4242424242424242', cardExpiry: '12/2030', cardCvc: '123', cardHolder: 'Camille Martin' })
  assert.equal(paid.statusCode, 303)
  assert.match(String(paid.headers.location), /flash=paid$/)
  assert.match(text(await b.get(String(paid.headers.location))), /État : Payée/)
})

test('bank transfer: the instructions with the order number as reference; cancelling asks for confirmation', async () => {
  const b = await shopper([[COFFEE, 1]])
  const pay = await toPayment(b)
  const placed = await b.post('/fr/commande/paiement', { idempotencyKey: form(pay.body, 'idempotencyKey'), method: 'bank_transfer', acceptTerms: 'on' })
  const page = await b.get(String(placed.headers.location))
  assert.match(text(page), /État : En attente de paiement/)
  assert.match(text(page), /Payer par virement/)
  assert.match(text(page), /FR76 3000 6000 0112 3456 7890 189/)
  const number = /Commande n° (\S+)/.exec(text(page))?.[1] ?? /commande n° (\S+) est/.exec(text(page))![1]!
  assert.match(text(page), new RegExp(`Référence à indiquer ${number.replace(/-/g, '-?')}`))
  const orderPath = String(placed.headers.location).split('/confirmation')[0]!.replace('/fr/commande/', '/fr/commandes/')
  const token = /t=([\w-]+)/.exec(String(placed.headers.location))![1]!
  const confirm = await b.get(`${orderPath}/annuler?t=${token}`)
  assert.equal(confirm.statusCode, 200)
  assert.match(confirm.body, /<button type="submit">Oui, annuler la commande<\/button>/)
  const cancelled = await b.post(`${orderPath}/annuler`, { t: token })
  assert.equal(cancelled.statusCode, 303)
  assert.match(text(await b.get(String(cancelled.headers.location))), /Votre commande est annulée\.[\s\S]*État : Annulée/)
  const twice = await b.post(`${orderPath}/annuler`, { t: token })
  assert.match(String(twice.headers.location), /flash=notCancellable/)
})

test('a signed-in customer: cart in their name, saved address offered, e-mail prefilled; their order opens without a link, never for others', async () => {
  const b = new Browser(t.app)
  await signUpAs(b, 'lea.checkout@example.com')
  const customer = await sql<{ id: string }>`SELECT id FROM customers WHERE email = 'lea.checkout@example.com'`.execute(t.database.db)
  const customerId = customer.rows[0]!.id
  const ctx = systemCtx(t.database.db, 'test', { actor: { kind: 'customer', customerId } })
  const saved = await addAddress(ctx, { name: 'Léa Martin', line1: '3 rue Hégésippe Légitimus', postalCode: '97122', city: 'Baie-Mahault', country: 'GP', isDefault: true })
  assert.ok(saved.ok)
  await b.get('/fr/panier')
  await b.post('/fr/panier/ajouter', { variantId: await variant(COFFEE), quantity: '1' })
  const cartId = b.cookies.get('lakou_cart')!.split('.')[0]!
  const owner = await sql<{ customer_id: string | null }>`SELECT customer_id FROM carts WHERE id = ${cartId}`.execute(t.database.db)
  assert.equal(owner.rows[0]!.customer_id, customerId)
  const other = new Browser(t.app)
  other.cookies.set('lakou_cart', b.cookies.get('lakou_cart')!)
  assert.match(text(await other.get('/fr/panier')), /Votre panier est vide\./, 'a customer’s cart is theirs alone, even with its cookie')

  const page = await b.get('/fr/commande/adresse')
  assert.match(page.body, /id="f-email"[^>]*value="lea.checkout@example.com"/)
  const addressId = /name="addressId" value="(adr_[0-9A-Z]{26})" checked/.exec(page.body)?.[1]
  assert.ok(addressId, 'the default saved address is picked')
  assert.match(text(page), /Léa Martin, 3 rue Hégésippe Légitimus, 97122 Baie-Mahault, Guadeloupe/)
  const stranger = new Browser(t.app)
  await signUpAs(stranger, 'stranger.checkout@example.com')
  await stranger.get('/fr/panier')
  await stranger.post('/fr/panier/ajouter', { variantId: await variant(COFFEE), quantity: '1' })
  await stranger.get('/fr/commande/adresse')
  const stolen = await stranger.post('/fr/commande/adresse', { email: 'stranger.checkout@example.com', addressId })
  assert.equal(stolen.statusCode, 404, 'another customer’s address id is not found')
  const strangerCart = await sql<{ ship_to: unknown }>`SELECT ship_to FROM carts WHERE id = ${stranger.cookies.get('lakou_cart')!.split('.')[0]!}`.execute(t.database.db)
  assert.equal(strangerCart.rows[0]!.ship_to, null, 'nothing saved')

  assert.equal((await b.post('/fr/commande/adresse', { email: 'lea.checkout@example.com', addressId: addressId! })).headers.location, '/fr/commande/livraison')
  const s = await b.get('/fr/commande/livraison')
  assert.match(text(s), /97122 Baie-Mahault, Guadeloupe/)
  await b.post('/fr/commande/livraison', { method: /name="method" value="([^"]+)"/.exec(s.body)![1]! })
  const pay = await b.get('/fr/commande/paiement')
  assert.match(text(pay), /dont TVA 2,1 %/, 'coffee sold in Guadeloupe: 2.1 %')
  const placed = await b.post('/fr/commande/paiement', { idempotencyKey: form(pay.body, 'idempotencyKey'), method: 'bank_transfer', acceptTerms: 'on' })
  const orderId = /(ord_[0-9A-Z]{26})/.exec(String(placed.headers.location))![1]!
  const mine = await b.get(`/fr/commandes/${orderId}`)
  assert.equal(mine.statusCode, 200, 'the owner needs no link')
  assert.doesNotMatch(mine.body, /name="t"|\?t=/, 'and the page carries none')
  assert.equal((await stranger.get(`/fr/commandes/${orderId}`)).statusCode, 404)
  assert.equal((await t.app.inject({ url: `/fr/commandes/${orderId}` })).statusCode, 404)
})

test('a cart form without its CSRF token is refused (403) and changes nothing', async () => {
  const b = await shopper([[COFFEE, 1]])
  const res = await b.post('/fr/panier/modifier', { variantId: await variant(COFFEE), quantity: '5' }, null)
  assert.equal(res.statusCode, 403)
  assert.deepEqual(await cartLines(b), [{ sku: COFFEE, quantity: 1 }])
})

test('English pages: /en/cart and /en/checkout/… with the English order button', async () => {
  const b = new Browser(t.app)
  await b.get('/en/cart')
  await b.post('/en/cart/add', { variantId: await variant(COFFEE), quantity: '1' })
  const cart = await b.get('/en/cart')
  assert.match(text(cart), /Your cart/)
  assert.match(cart.body, /hreflang="fr" href="http:\/\/lakou\.test\/fr\/panier"/)
  await b.get('/en/checkout/address')
  assert.equal((await b.post('/en/checkout/address', { email: 'sam@example.com', ...PARIS })).headers.location, '/en/checkout/shipping')
  const s = await b.get('/en/checkout/shipping')
  const method = /name="method" value="([^"]+)"/.exec(s.body)![1]!
  await b.post('/en/checkout/shipping', { method })
  const pay = await b.get('/en/checkout/payment')
  assert.match(pay.body, />Place order with obligation to pay</)
})

test('with the page cache on, cart and order pages are never served to another shopper', async () => {
  const cached = await testApp({ env: { PAGE_CACHE_SECONDS: '30' } })
  try {
    const a = new Browser(cached.app)
    await a.get('/fr/panier')
    await a.post('/fr/panier/ajouter', { variantId: await variantIdBySku(cached.database.db, COFFEE), quantity: '4' })
    const mine = await a.get('/fr/panier')
    assert.match(text(mine), /Café de Guadeloupe/)
    const other = await cached.app.inject({ url: '/fr/panier' })
    assert.match(text(other), /Votre panier est vide\./)
    assert.notEqual(other.headers['x-page-cache'], 'hit')
  } finally {
    await cached.close()
  }
})
