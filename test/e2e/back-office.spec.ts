import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import type { Page } from 'playwright-core'
import { sql } from 'kysely'
import { placeOrder } from '../../src/flows/place-order.ts'
import type { Role } from '../../src/modules/staff/index.ts'
import { CARD_OK, PARIS, readyCart, shopperCtx, testCheckoutDeps } from '../builders/checkout.ts'
import { browserSuite, seriousA11yViolations } from '../helpers/browser.ts'
import { addStaff, STAFF_PASSWORD } from '../helpers/staff.ts'
import { png } from '../helpers/image-fixtures.ts'

// Issue 5's "done when", in Debian's Chromium: the team at work in the back office — a warehouse
// operator refused the catalogue, a merchandising rule changing what shoppers find, an agent
// refunding part of an order, an e-merchandiser creating a product with a picture — with accessibility checks on every screen they see.
const suite = browserSuite({ before, after })

async function signIn(page: Page, roles: Role[]): Promise<void> {
  const member = await addStaff(suite.t.database, roles)
  await page.goto(`${suite.origin}/admin`)
  assert.match(page.url(), /\/admin\/connexion/, 'the back office asks to sign in first')
  await page.getByLabel('Adresse e-mail').fill(member.email)
  await page.getByLabel('Mot de passe').fill(STAFF_PASSWORD)
  await Promise.all([page.waitForURL(`${suite.origin}/admin`), page.getByRole('button', { name: 'Se connecter' }).click()])
}

test('a warehouse operator lands on their home page and is refused the catalogue', async () => {
  const context = await suite.browser.newContext()
  const page = await context.newPage()
  await signIn(page, ['logistics'])
  assert.deepEqual(await seriousA11yViolations(page), [], 'home page')
  const menu = await page.locator('nav.admin-nav').innerText()
  assert.doesNotMatch(menu, /Produits/, 'no catalogue in the menu')
  assert.match(menu, /Commandes/)
  const res = await page.goto(`${suite.origin}/admin/produits`)
  assert.equal(res?.status(), 403)
  assert.match(await page.locator('main').innerText(), /Vos rôles ne donnent pas accès/)
  await context.close()
})

test('an e-merchandiser pins a product for "rhum" and shoppers see it first', async () => {
  const context = await suite.browser.newContext()
  const shopper = await context.newPage()
  const firstResult = async () => {
    await shopper.goto(`${suite.origin}/fr/search?q=rhum`)
    return (await shopper.locator('main a[href*="/fr/p/"]').first().getAttribute('href')) ?? ''
  }
  const before = await firstResult()
  const hrefs = await shopper.locator('main a[href*="/fr/p/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))
  const target = [...new Set(hrefs)].filter((h) => h !== before).at(-1)!
  const handle = (await sql<{ handle: string }>`select handle from products where slug_fr = ${target.split('/').pop()!}`.execute(suite.t.database.db)).rows[0]!.handle

  const staff = await (await suite.browser.newContext()).newPage()
  await signIn(staff, ['e_merchandiser'])
  await staff.goto(`${suite.origin}/admin/recherche`)
  assert.deepEqual(await seriousA11yViolations(staff), [], 'merchandising page')
  await staff.getByLabel('Action').selectOption('PIN')
  await staff.getByLabel('Requête', { exact: true }).last().fill('rhum')
  await staff.getByLabel('Produit (handle, SKU ou identifiant)').fill(handle)
  await staff.getByLabel('Position (épingler)').fill('1')
  await Promise.all([staff.waitForURL(/ok=rule/), staff.getByRole('button', { name: 'Ajouter la règle' }).click()])
  assert.match(await staff.locator('.flash').innerText(), /La règle est ajoutée/)
  assert.match(await staff.locator('ol.preview').first().innerText(), /épinglé/, 'the preview marks the pinned product')

  assert.equal(await firstResult(), target, 'the pinned rum is now the first result for shoppers')
  await context.close()
})

test('an agent finds a paid order by the customer name and refunds part of it', async () => {
  const ctx = shopperCtx(suite.t.database.db)
  const cart = await readyCart(ctx, { market: 'FR-MAINLAND', lines: [['CHN-CAF-GR-250', 2]], shipTo: { ...PARIS, name: 'Gisèle Bellerive' }, email: 'gisele.bellerive@example.com' })
  const placed = await placeOrder(ctx, testCheckoutDeps(suite.t.database.db), { cartId: cart.id, idempotencyKey: randomUUID(), paymentMethod: 'card', card: CARD_OK, ageConfirmed: false, acceptTerms: true })
  assert.ok(placed.ok && placed.status === 'paid')

  const context = await suite.browser.newContext()
  const page = await context.newPage()
  await signIn(page, ['customer_service'])
  await page.goto(`${suite.origin}/admin/commandes`)
  await page.getByLabel(/Numéro, e-mail ou nom/).fill('bellerive')
  await page.keyboard.press('Enter')
  await page.waitForURL(/q=bellerive/)
  assert.deepEqual(await seriousA11yViolations(page), [], 'order search')
  await Promise.all([page.waitForURL(/\/admin\/commandes\/ord_/), page.locator('main table a[href^="/admin/commandes/ord_"]').first().click()])
  assert.deepEqual(await seriousA11yViolations(page), [], 'order page')
  page.once('dialog', (d) => void d.accept())
  const refundForm = page.locator('form[action$="/remboursement"]')
  await refundForm.locator('input[name="mode"][value="amount"]').check()
  await refundForm.getByLabel('Montant TTC à rembourser (€)').fill('5,00')
  await refundForm.getByLabel('Motif du remboursement').fill('Paquet de café abîmé')
  await Promise.all([page.waitForLoadState('load'), refundForm.getByRole('button', { name: 'Rembourser' }).click()])
  await page.waitForURL(/ok=/)
  const body = await page.locator('main').innerText()
  assert.match(body, /A-\d{4}-\d{6}/, 'the credit note is listed')
  assert.match(body, /Paquet de café abîmé/, 'the reason is in the history')
  const paid = (await sql<{ refunded_amount: number }>`select refunded_amount from payments where order_id = ${placed.orderId} and status <> 'FAILED'`.execute(suite.t.database.db)).rows[0]!
  const notes = (await sql<{ total_gross: string }>`select c.total_gross from credit_notes c join invoices i on i.id = c.invoice_id where i.order_id = ${placed.orderId}`.execute(suite.t.database.db)).rows
  assert.deepEqual(notes.map((n) => Number(n.total_gross)), [-500], 'a credit note of exactly 5,00 €')
  // the provider refund runs right after commit (or by its job a minute later)
  assert.ok([0, 500].includes(Number(paid.refunded_amount)))
  await context.close()
})

test('an e-merchandiser creates a product in French and English with a picture, and shoppers see it in both languages', async () => {
  const context = await suite.browser.newContext()
  const page = await context.newPage()
  await signIn(page, ['e_merchandiser'])
  await page.goto(`${suite.origin}/admin/produits`)
  assert.deepEqual(await seriousA11yViolations(page), [], 'product list')
  await Promise.all([page.waitForURL(/\/admin\/produits\/nouveau/), page.getByRole('link', { name: 'Nouveau produit' }).click()])
  assert.deepEqual(await seriousA11yViolations(page), [], 'new product form')
  await page.fill('input[name="name_fr"]', 'Sirop de batterie de Marie-Galante')
  await page.fill('input[name="name_en"]', 'Marie-Galante cane syrup')
  await page.fill('textarea[name="description_fr"]', 'Sirop de canne cuit au chaudron.')
  await page.fill('textarea[name="description_en"]', 'Cane syrup cooked in a copper pot.')
  const producer = (await sql<{ id: string }>`select id from producers where status = 'ACTIVE' and kind = 'producer' order by id limit 1`.execute(suite.t.database.db)).rows[0]!.id
  await page.selectOption('select[name="producerId"]', producer)
  for (const name of ['categoryId', 'vatCategoryCode', 'shippingClassCode']) await page.selectOption(`select[name="${name}"]`, { index: 1 })
  await Promise.all([page.waitForURL(/ok=created/), page.getByRole('button', { name: 'Créer le produit' }).click()])
  const productUrl = page.url().split('?')[0]!

  await page.goto(`${productUrl}/variantes/nouvelle`)
  await page.fill('input[name="sku"]', 'E2E-SIROP-25')
  await page.fill('input[name="optionLabel_fr"]', '25 cl')
  await page.fill('input[name="optionLabel_en"]', '25 cl')
  await page.fill('input[name="name_fr"]', 'Sirop de batterie 25 cl')
  await page.fill('input[name="name_en"]', 'Cane syrup 25 cl')
  await page.fill('input[name="netQuantity"]', '250')
  await page.selectOption('select[name="netQuantityUnit"]', 'ml')
  await page.fill('input[name="grossWeightG"]', '450')
  for (const [name, value] of [['dimensionsCm_l', '6'], ['dimensionsCm_w', '6'], ['dimensionsCm_h', '18'], ['minOrderQty', '1'], ['packSize', '1'], ['leadTimeDays', '0']] as const) {
    if (!(await page.inputValue(`input[name="${name}"]`))) await page.fill(`input[name="${name}"]`, value)
  }
  await page.fill('input[name="retail_FR-MAINLAND"]', '9,80')
  await Promise.all([page.waitForNavigation(), page.locator('main form button[type="submit"]').last().click()])
  assert.ok(!page.url().includes('/nouvelle'), `the variant is saved: ${await page.locator('main').innerText().catch(() => '')}`.slice(0, 800))

  await page.goto(productUrl)
  const picture = `${suite.t.config.dataDir}/e2e-sirop.png`
  await import('node:fs').then((fs) => png(900, 700).then((b) => fs.writeFileSync(picture, b)))
  await page.setInputFiles('input[name="file"]', picture)
  await page.fill('input[name="alt_fr"]', 'Une bouteille de sirop')
  await page.fill('input[name="alt_en"]', 'A bottle of syrup')
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Envoyer la photo' }).click()])
  assert.ok(await page.locator('img[src^="/media/uploads/"]').count(), 'the picture shows on the product page')
  await Promise.all([page.waitForNavigation(), page.locator('#statut button[value="ACTIVE"]').click()])
  assert.match(await page.locator('#status-h').innerText(), /En vente/i, 'the product is on sale')
  assert.deepEqual(await seriousA11yViolations(page), [], 'product page')

  const slugs = (await sql<{ slug_fr: string; slug_en: string; status: string }>`select slug_fr, slug_en, status from products where name_fr = 'Sirop de batterie de Marie-Galante'`.execute(suite.t.database.db)).rows[0]!
  assert.deepEqual(slugs, { slug_fr: 'sirop-de-batterie-de-marie-galante', slug_en: 'marie-galante-cane-syrup', status: 'ACTIVE' }, 'slugs made from the names')
  const shop = await context.newPage()
  await shop.goto(`${suite.origin}/fr/p/sirop-de-batterie-de-marie-galante`)
  assert.match(await shop.locator('h1').innerText(), /Sirop de batterie de Marie-Galante/)
  assert.match(await shop.locator('main').innerText(), /9,80/)
  assert.ok(await shop.locator('main img[src^="/media/uploads/"], main source[srcset*="/media/uploads/"]').count(), 'the uploaded picture is in the shop')
  await shop.goto(`${suite.origin}/en/p/marie-galante-cane-syrup`)
  assert.match(await shop.locator('h1').innerText(), /Marie-Galante cane syrup/)
  await context.close()
})
