import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import type { BrowserContext, Page } from 'playwright-core'
import { sql } from 'kysely'
import { readPdfText } from '../../src/modules/invoicing/read-pdf-text.ts'
import { browserSuite, seriousA11yViolations } from '../helpers/browser.ts'

// Issue 4's "done when": a real Chromium buys a rum (age confirmation), a coffee and a flower
// bouquet (delivery date) as a guest shipping to mainland France and as a signed-up customer in
// Guadeloupe, and the invoice PDF carries the right taxes.
const suite = browserSuite({ before, after })
const RUM = 'ACS-RHB50-100'
const COFFEE = 'CHN-CAF-GR-250'
const FLOWERS = 'JFL-ANT-M7'

async function slugOf(sku: string): Promise<string> {
  const r = await sql<{ slug_fr: string }>`SELECT p.slug_fr FROM products p JOIN product_variants v ON v.product_id = p.id WHERE v.sku = ${sku}`.execute(suite.t.database.db)
  return r.rows[0]!.slug_fr
}

async function addToCart(page: Page, sku: string) {
  await page.goto(`${suite.origin}/fr/p/${await slugOf(sku)}`)
  const gate = page.locator('dialog[data-age-gate] [data-age-confirm]')
  if (await gate.isVisible()) await gate.click()
  const form = page.locator('form.add-to-cart').first()
  // with JavaScript the form posts in the background and the header count updates (no reload)
  const [res] = await Promise.all([page.waitForResponse((r) => r.url().includes('/fr/panier/ajouter') && r.request().method() === 'POST'), form.locator('button[type="submit"], button:not([type])').first().click()])
  assert.ok(res.status() < 400, `added ${sku}: ${res.status()}`)
}

async function checkout(page: Page, address: { postalCode: string; city: string; country: string; line1: string }, email: string | null) {
  await page.goto(`${suite.origin}/fr/panier`)
  assert.deepEqual(await seriousA11yViolations(page), [], 'cart page')
  await Promise.all([page.waitForURL(/\/fr\/commande\/adresse/), page.locator('form.checkout-go button').click()])
  if (email) await page.fill('input[name="email"]', email)
  const newAddress = page.locator('input[name="addressId"][value=""]')
  if (await newAddress.count()) await newAddress.check()
  await page.fill('input[name="name"]', 'Camille Martin')
  await page.fill('input[name="line1"]', address.line1)
  await page.fill('input[name="postalCode"]', address.postalCode)
  await page.fill('input[name="city"]', address.city)
  await page.selectOption('select[name="country"]', address.country)
  await Promise.all([page.waitForURL(/\/fr\/commande\/livraison/), page.locator('main form button[type="submit"]').last().click()])
  assert.deepEqual(await seriousA11yViolations(page), [], 'shipping step')
  // flowers need an express method and a delivery date: pick the option that offers dates
  const option = page.locator('.shipping-option').filter({ has: page.locator('select') }).first()
  await option.locator('input[type="radio"]').check()
  const dates = option.locator('select')
  await dates.selectOption({ index: 1 })
  await Promise.all([page.waitForURL(/\/fr\/commande\/paiement/), page.locator('main form button[type="submit"]').last().click()])
  assert.deepEqual(await seriousA11yViolations(page), [], 'payment step')
  assert.match(await page.locator('body').innerText(), /vente d.alcool aux mineurs est interdite/i, 'the minors banner on the payment page')
  await page.fill('input[name="birthDate"]', '1990-04-02')
  await page.check('input[name="ageConfirmed"]')
  await page.check('input[name="method"][value="card"]')
  await page.fill('input[name="cardNumber"]', '4242 4242 4242 4242')
  await page.fill('input[name="cardExpiry"]', '12/30')
  await page.fill('input[name="cardCvc"]', '123')
  await page.fill('input[name="cardHolder"]', 'Camille Martin')
  await page.check('input[name="acceptTerms"]')
  const order = page.getByRole('button', { name: 'Commander avec obligation de paiement' })
  await Promise.all([page.waitForURL(/\/confirmation/), order.click()])
  const body = await page.locator('main').innerText()
  const number = /LK-\d+/.exec(body)?.[0]
  assert.ok(number, `the confirmation shows the order number: ${body.slice(0, 300)}`)
  return number
}

async function invoiceText(context: BrowserContext, page: Page): Promise<string> {
  let link = page.locator('a[href*="facture.pdf"]')
  if ((await link.count()) === 0) {
    await page.locator('main a[href*="/fr/commandes/"]').first().click()
    link = page.locator('a[href*="facture.pdf"]')
  }
  const href = await link.first().getAttribute('href')
  assert.ok(href, 'the order offers its invoice')
  const res = await context.request.get(new URL(href, suite.origin).toString())
  assert.equal(res.status(), 200)
  assert.equal(res.headers()['content-type'], 'application/pdf')
  return (await readPdfText(await res.body())).text
}

test('a guest buys rum, coffee and flowers to Paris: age confirmed, delivery date picked, invoice at 20 / 10 / 5.5 %', async () => {
  const context = await suite.browser.newContext({ locale: 'fr-FR' })
  const page = await context.newPage()
  for (const sku of [RUM, COFFEE, FLOWERS]) await addToCart(page, sku)
  const number = await checkout(page, { line1: '12 rue Oberkampf', postalCode: '75011', city: 'Paris', country: 'FR' }, 'camille.guest@example.com')
  const pdf = await invoiceText(context, page)
  assert.match(pdf, new RegExp(number))
  assert.match(pdf, /20\s?%/, 'rum at 20 %')
  assert.match(pdf, /5,5\s?%/, 'coffee at 5.5 %')
  assert.match(pdf, /10\s?%/, 'flowers at 10 % (import VAT paid for the customer)')
  assert.match(pdf, /262 I/, 'the flowers leave Guadeloupe as an export')
  assert.match(pdf, /accise/i, 'the rum line shows its excise')
  await context.close()
})

test('a customer signs up in Guadeloupe and buys the same: invoice at 8.5 / 2.1 %', async () => {
  const context = await suite.browser.newContext({ locale: 'fr-FR' })
  await context.addCookies([{ name: 'lakou_market', value: 'GP', url: suite.origin }])
  const page = await context.newPage()
  await page.goto(`${suite.origin}/fr/compte/inscription`)
  await page.fill('input[name="firstName"]', 'Léa')
  await page.fill('input[name="lastName"]', 'Jean-Baptiste')
  await page.fill('input[name="email"]', 'lea.gp@example.com')
  await page.fill('input[name="password"]', 'kaz-an-mwen-97122')
  await page.fill('input[name="birthDate"]', '1988-06-21')
  await Promise.all([page.waitForURL(/\/fr\/compte/), page.locator('main form button[type="submit"]').last().click()])
  for (const sku of [RUM, COFFEE, FLOWERS]) await addToCart(page, sku)
  const number = await checkout(page, { line1: '3 rue Hégésippe Légitimus', postalCode: '97122', city: 'Baie-Mahault', country: 'GP' }, null)
  const pdf = await invoiceText(context, page)
  assert.match(pdf, new RegExp(number))
  assert.match(pdf, /8,5\s?%/, 'rum at 8.5 %')
  assert.match(pdf, /2,1\s?%/, 'coffee and flowers at 2.1 %')
  assert.doesNotMatch(pdf, /262 I/, 'a sale inside Guadeloupe is not an export')
  await page.goto(`${suite.origin}/fr/compte/commandes`)
  assert.match(await page.locator('main').innerText(), new RegExp(number), 'the order is in the account')
  await context.close()
})
