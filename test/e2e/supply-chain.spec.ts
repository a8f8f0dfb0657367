import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'
import { sql } from 'kysely'
import { isoDay } from '../../src/kernel/dates.ts'
import type { Role } from '../../src/modules/staff/index.ts'
import { paidOrder } from '../builders/paid-order.ts'
import { browserSuite, seriousA11yViolations } from '../helpers/browser.ts'
import { addStaff, STAFF_PASSWORD } from '../helpers/staff.ts'
import { addProducerUser, insertSupplyFixture, producerIdOf } from '../helpers/producer.ts'

// Issue 6's "done when", in Debian's Chromium: a producer applies, is sourced and activated, gets a
// product, a purchase order received in two lots, a shopper's order picked FEFO from the older lot,
// shipped, partly returned and restocked, the supplier invoice recorded, and the producer sees it
// all in the portal (and nothing of another producer's). The tests share state and run in order.
const suite = browserSuite({ before, after })
const db = () => suite.t.database.db
const DAY = 86_400_000
const TRADE = 'Café Bonifieur de Matouba'
const SKU = 'E2E-MATOUBA-250'
const s: { producerId: string; productId: string; variantId: string; poId: string; poNumber: string; orderId: string; orderNumber: string; orderUrl: string; lotB: string; retUrl: string } = {
  producerId: '', productId: '', variantId: '', poId: '', poNumber: '', orderId: '', orderNumber: '', orderUrl: '', lotB: '', retUrl: '',
}

async function staffPage(roles: Role[]): Promise<Page> {
  const member = await addStaff(suite.t.database, roles)
  const page = await (await suite.browser.newContext({ locale: 'fr-FR' })).newPage()
  page.on('dialog', (d) => void d.accept()) // data-confirm buttons
  await page.goto(`${suite.origin}/admin/connexion`)
  await page.getByLabel('Adresse e-mail').fill(member.email)
  await page.getByLabel('Mot de passe').fill(STAFF_PASSWORD)
  await Promise.all([page.waitForURL(`${suite.origin}/admin`), page.getByRole('button', { name: 'Se connecter' }).click()])
  return page
}

async function submit(page: Page, button: ReturnType<Page['locator']>, url?: RegExp): Promise<void> {
  await Promise.all([url ? page.waitForURL(url) : page.waitForNavigation(), button.click()])
}

const mainText = (page: Page) => page.locator('main').innerText()
const lotQty = async (lotCode: string) =>
  Number((await sql<{ n: number }>`SELECT sum(quantity)::int AS n FROM stock_movements m JOIN lots l ON l.id = m.lot_id WHERE l.lot_code = ${lotCode}`.execute(db())).rows[0]?.n ?? 0)

test('1. a producer applies through the public form and lands on the thanks page', async () => {
  const page = await (await suite.browser.newContext({ locale: 'fr-FR' })).newPage()
  await page.goto(`${suite.origin}/fr/producteurs/candidater`)
  assert.deepEqual(await seriousA11yViolations(page), [], 'application form')
  const fields: Record<string, string> = {
    tradeName: TRADE, siren: '732829320', commune: 'Saint-Claude', contactName: 'Maëva Bonifieur', email: 'maeva@matouba.test',
    productsText: 'Café arabica bonifieur torréfié, paquets de 250 g.', capacityText: '2 000 paquets par an, récolte d’octobre à janvier.',
  }
  for (const [name, value] of Object.entries(fields)) await page.fill(`[name="${name}"]`, value)
  await submit(page, page.getByRole('button', { name: 'Envoyer ma candidature' }), /\/fr\/producteurs\/candidater\/merci/)
  assert.match(await mainText(page), new RegExp(`Nous avons bien reçu la candidature de ${TRADE}`))
  s.producerId = (await sql<{ id: string }>`SELECT id FROM producers WHERE trade_name = ${TRADE}`.execute(db())).rows[0]!.id
  await page.context().close()
})

test('2. a project manager scores, adds a 60-days-net agreement and activates the producer', async () => {
  const page = await staffPage(['project_manager'])
  await page.goto(`${suite.origin}/admin/candidatures?statut=APPLICANT`)
  await submit(page, page.getByRole('link', { name: TRADE }))
  const base = page.url().split('?')[0]!
  const scores = page.locator('input[name^="score_"]')
  for (let i = 0; i < (await scores.count()); i++) await scores.nth(i).fill('4')
  await submit(page, page.getByRole('button', { name: 'Enregistrer les notes' }))
  assert.match(await mainText(page), /Grille d’évaluation — 80 \/ 100/, 'every criterion at 4/5 weighs 80/100')
  await page.fill('[name="validFrom"]', isoDay(new Date()))
  await page.selectOption('[name="model"]', 'PURCHASE')
  await page.selectOption('[name="paymentTermsType"]', 'NET_DAYS_FROM_INVOICE')
  await page.fill('[name="paymentTermsDays"]', '60')
  await submit(page, page.getByRole('button', { name: 'Ajouter l’accord' }))
  assert.doesNotMatch(await mainText(page), /contient des erreurs/, 'the agreement is accepted for a coffee producer')
  for (const to of ['EVALUATING', 'SELECTED', 'ACTIVE']) {
    await page.goto(base)
    await page.selectOption('[name="to"]', to)
    await submit(page, page.getByRole('button', { name: 'Changer d’étape' }))
  }
  assert.match(await page.locator('#step-h').innerText(), /Actif/)
  await page.context().close()
})

test('3. an e-merchandiser creates a coffee for the producer with a mainland price and puts it on sale', async () => {
  const page = await staffPage(['e_merchandiser'])
  // same category, VAT and shipping class as the demo coffee: 5.5 %, not perishable, so returnable
  const ref = (await sql<{ category_id: string; vat_category_code: string; shipping_class_code: string }>`
    SELECT p.category_id, p.vat_category_code, p.shipping_class_code FROM products p JOIN product_variants v ON v.product_id = p.id WHERE v.sku = 'CHN-CAF-GR-250'`.execute(db())).rows[0]!
  await page.goto(`${suite.origin}/admin/produits/nouveau`)
  await page.fill('input[name="name_fr"]', 'Café bonifieur de Matouba')
  await page.fill('input[name="name_en"]', 'Matouba bonifieur coffee')
  await page.fill('textarea[name="description_fr"]', 'Arabica bonifieur cultivé sur les pentes de la Soufrière.')
  await page.fill('textarea[name="description_en"]', 'Bonifieur arabica grown on the slopes of La Soufrière.')
  await page.selectOption('select[name="producerId"]', s.producerId)
  await page.selectOption('select[name="categoryId"]', ref.category_id)
  await page.selectOption('select[name="vatCategoryCode"]', ref.vat_category_code)
  await page.selectOption('select[name="shippingClassCode"]', ref.shipping_class_code)
  await submit(page, page.getByRole('button', { name: 'Créer le produit' }), /ok=created/)
  const productUrl = page.url().split('?')[0]!
  await page.goto(`${productUrl}/variantes/nouvelle`)
  await page.fill('input[name="sku"]', SKU)
  for (const [name, value] of [['optionLabel_fr', '250 g'], ['optionLabel_en', '250 g'], ['name_fr', 'Café bonifieur 250 g'], ['name_en', 'Bonifieur coffee 250 g'], ['netQuantity', '250'], ['grossWeightG', '300']] as const) {
    await page.fill(`input[name="${name}"]`, value)
  }
  await page.selectOption('select[name="netQuantityUnit"]', 'g')
  for (const [name, value] of [['dimensionsCm_l', '8'], ['dimensionsCm_w', '5'], ['dimensionsCm_h', '18'], ['minOrderQty', '1'], ['packSize', '1'], ['leadTimeDays', '0']] as const) {
    if (!(await page.inputValue(`input[name="${name}"]`))) await page.fill(`input[name="${name}"]`, value)
  }
  await page.fill('input[name="retail_FR-MAINLAND"]', '12,50')
  await submit(page, page.locator('main form button[type="submit"]').last())
  assert.ok(!page.url().includes('/nouvelle'), `the variant is saved: ${(await mainText(page)).slice(0, 600)}`)
  await page.goto(productUrl)
  await submit(page, page.locator('#statut button[value="ACTIVE"]'))
  assert.match(await page.locator('#status-h').innerText(), /En vente/i)
  const row = (await sql<{ id: string; product_id: string }>`SELECT id, product_id FROM product_variants WHERE sku = ${SKU}`.execute(db())).rows[0]!
  s.variantId = row.id
  s.productId = row.product_id
  await page.context().close()
})

test('4. a purchase order of 10 to FR-HUB is sent, then received in two lots', async () => {
  const pm = await staffPage(['project_manager'])
  await pm.goto(`${suite.origin}/admin/achats/nouveau?producteur=${s.producerId}&entrepot=FR-HUB&couverture=6&delai=2`)
  await pm.getByLabel(`Quantité de ${SKU}`).fill('10')
  await pm.getByLabel(`Coût unitaire de ${SKU} en euros`).fill('5,00')
  await submit(pm, pm.getByRole('button', { name: 'Créer le brouillon' }), /\/admin\/achats\/pur_/)
  s.poId = pm.url().split('?')[0]!.split('/').pop()!
  const head = await mainText(pm)
  s.poNumber = /BC-\d{6}/.exec(head)![0]
  assert.match(head, /50,00\s€/, `total HT = 10 × 5,00 €: ${head.slice(0, 500)}`)
  await submit(pm, pm.getByRole('button', { name: /^Envoyer à / }))
  assert.match(await mainText(pm), /Envoyé/)
  await pm.context().close()

  const wh = await staffPage(['logistics'])
  await wh.goto(`${suite.origin}/admin/achats/${s.poId}/reception`)
  const now = Date.now()
  const rows = [['MAT-A', isoDay(new Date(now + 200 * DAY)), '4'], ['MAT-B', isoDay(new Date(now + 100 * DAY)), '6']] as const
  for (const [i, [lot, bb, qty]] of rows.entries()) {
    await wh.locator('input[name="lotCode"]').nth(i).fill(lot)
    await wh.locator('input[name="bestBefore"]').nth(i).fill(bb)
    await wh.locator('input[name="accepted"]').nth(i).fill(qty)
  }
  await submit(wh, wh.locator('main form button[type="submit"]').last(), /\/admin\/receptions\/grc_/)
  const receipt = await mainText(wh)
  assert.match(receipt, /Réception RC-\d{6}/)
  assert.ok(receipt.includes('MAT-A') && receipt.includes('MAT-B'), 'both lots are listed')
  assert.deepEqual([await lotQty('MAT-A'), await lotQty('MAT-B')], [4, 6], 'the stock ledger holds 4 + 6')
  await wh.context().close()
})

test('5. a shopper buys 2 units through the storefront with a card', async () => {
  const page = await (await suite.browser.newContext({ locale: 'fr-FR' })).newPage()
  const slug = (await sql<{ slug_fr: string }>`SELECT slug_fr FROM products WHERE id = ${s.productId}`.execute(db())).rows[0]!.slug_fr
  await page.goto(`${suite.origin}/fr/p/${slug}`)
  const form = page.locator('form.add-to-cart').first()
  const qty = form.locator('[name="quantity"]')
  assert.equal(await qty.count(), 1, 'the product page offers a quantity choice')
  await qty.selectOption('2')
  await Promise.all([page.waitForResponse((r) => r.url().includes('/fr/panier/ajouter') && r.request().method() === 'POST'), form.locator('button').first().click()])
  await page.goto(`${suite.origin}/fr/panier`)
  await submit(page, page.locator('form.checkout-go button'), /\/fr\/commande\/adresse/)
  await page.fill('input[name="email"]', 'hugo.lacroix@example.com')
  for (const [name, value] of [['name', 'Hugo Lacroix'], ['line1', '8 rue des Martyrs'], ['postalCode', '75009'], ['city', 'Paris']]) await page.fill(`input[name="${name}"]`, value!)
  await page.selectOption('select[name="country"]', 'FR')
  await submit(page, page.locator('main form button[type="submit"]').last(), /\/fr\/commande\/livraison/)
  await page.locator('.shipping-option input[type="radio"]').first().check()
  await submit(page, page.locator('main form button[type="submit"]').last(), /\/fr\/commande\/paiement/)
  await page.check('input[name="method"][value="card"]')
  await page.fill('input[name="cardNumber"]', '4242 4242 4242 4242')
  await page.fill('input[name="cardExpiry"]', '12/30')
  await page.fill('input[name="cardCvc"]', '123')
  await page.fill('input[name="cardHolder"]', 'Hugo Lacroix')
  await page.check('input[name="acceptTerms"]')
  await submit(page, page.getByRole('button', { name: 'Commander avec obligation de paiement' }), /\/confirmation/)
  s.orderNumber = /LK-\d+/.exec(await mainText(page))![0]
  const o = (await sql<{ id: string; status: string }>`SELECT id, status FROM orders WHERE number = ${s.orderNumber}`.execute(db())).rows[0]!
  assert.equal(o.status, 'paid')
  s.orderId = o.id
  // a guest's order page: the confirmation's signed link, at the order's own address
  const confirmation = new URL(page.url())
  s.orderUrl = `${suite.origin}/fr/commandes/${s.orderId}${confirmation.search}`
  // a second shopper through the builder, so the week's sales add up from two orders
  await paidOrder(db(), { lines: [[SKU, 1]] })
  await page.context().close()
})

test('6. logistics picks FEFO from lot B, packs and ships; the shopper sees the tracking', async () => {
  const wh = await staffPage(['logistics'])
  await wh.goto(`${suite.origin}/admin/entrepot?entrepot=FR-HUB`)
  await wh.getByLabel(`Choisir ${s.orderNumber}`).check()
  await submit(wh, wh.getByRole('button', { name: 'Créer la liste de préparation' }))
  const list = await mainText(wh)
  assert.match(list, /La liste de préparation est créée/)
  assert.match(list, new RegExp(`${SKU}[\\s\\S]*MAT-B`), 'the pick list sends the picker to lot B, the earlier best-before')
  assert.doesNotMatch(list, /MAT-A/, 'lot A (later best-before) is not picked')
  assert.deepEqual(await seriousA11yViolations(wh), [], 'pick list')
  await wh.goto(`${suite.origin}/admin/entrepot/commandes/${s.orderId}/colis`)
  await submit(wh, wh.getByRole('button', { name: 'Valider le colis' }), /\/admin\/entrepot\/expeditions\//)
  await wh.selectOption('select[name="carrier"]', 'chronopost')
  await wh.fill('input[name="tracking"]', 'XA123456789FR')
  await submit(wh, wh.getByRole('button', { name: 'Expédier' }))
  await wh.context().close()
  const shopper = await (await suite.browser.newContext({ locale: 'fr-FR' })).newPage()
  await shopper.goto(s.orderUrl)
  assert.match(await mainText(shopper), /XA123456789FR/, 'the order page shows the tracking number')
  await shopper.context().close()
})

test('7. the shopper returns 1 unit; customer service approves; logistics restocks lot B and the refund is issued', async () => {
  const shopper = await (await suite.browser.newContext({ locale: 'fr-FR' })).newPage()
  await shopper.goto(s.orderUrl)
  await submit(shopper, shopper.locator('main a[href*="/retour"]').first())
  await shopper.locator('select[name^="qty_"]').first().selectOption('1')
  await shopper.selectOption('select[name="reason"]', { index: 1 })
  await shopper.fill('textarea[name="details"]', 'Le goût ne me convient pas')
  await submit(shopper, shopper.locator('main form button[type="submit"]').last())
  const retNumber = /R[A-Z]*-\d[\d-]*/.exec(await mainText(shopper))?.[0]
  assert.ok(retNumber, `the return number is shown: ${(await mainText(shopper)).slice(0, 400)}`)

  const cs = await staffPage(['customer_service'])
  await cs.goto(`${suite.origin}/admin/retours`)
  await submit(cs, cs.getByRole('link', { name: retNumber }))
  s.retUrl = cs.url().split('?')[0]!
  await cs.check('input[name="decision"][value="approved"]')
  await submit(cs, cs.getByRole('button', { name: 'Enregistrer la décision' }))
  assert.match(await mainText(cs), /Le retour est accepté/)
  await cs.context().close()

  const before = await lotQty('MAT-B')
  const wh = await staffPage(['logistics'])
  await wh.goto(`${suite.origin}/admin/entrepot/retours`)
  await submit(wh, wh.getByRole('link', { name: retNumber }))
  await submit(wh, wh.getByRole('button', { name: 'Enregistrer la réception et rembourser' }), /ok=received/)
  await wh.context().close()
  assert.equal(await lotQty('MAT-B'), before + 1, 'the returned unit is back on lot B')
  const notes = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id WHERE i.order_id = ${s.orderId}`.execute(db())).rows[0]!.n
  assert.equal(notes, 1, 'a credit note is issued')
  await shopper.goto(s.orderUrl)
  assert.match(await mainText(shopper), /Remboursée/)
  await shopper.context().close()
})

test('8. finance records the supplier invoice for the PO: matched, due 60 days after the invoice date', async () => {
  const fin = await staffPage(['finance'])
  await fin.goto(`${suite.origin}/admin/fournisseurs/factures/nouvelle?producteur=${s.producerId}&commande=${s.poId}`)
  const invoiceDate = new Date() // the agreement is in force from today
  await fin.fill('input[name="invoiceNumber"]', 'MAT-F-001')
  await fin.fill('input[name="invoiceDate"]', isoDay(invoiceDate))
  await submit(fin, fin.getByRole('button', { name: 'Enregistrer la facture' }))
  const page = await mainText(fin)
  assert.match(fin.url(), /\/admin\/fournisseurs\/factures\/sin_/, `the invoice is recorded: ${page.slice(0, 600)}`)
  const due = new Date(invoiceDate.getTime() + 60 * DAY).toLocaleDateString('fr-FR', { timeZone: 'UTC' })
  assert.ok(page.includes(due), `due date ${due} shown: ${page.slice(0, 600)}`)
  assert.match(page, /Rapproch|conforme|Concordan/i, 'the three-way match is shown')
  const row = (await sql<{ match_status: string }>`SELECT match_status FROM supplier_invoices WHERE invoice_number = 'MAT-F-001'`.execute(db())).rows[0]!
  assert.equal(row.match_status, 'matched')
  await fin.context().close()
})

test('9. the producer gets a portal account, sees sales and the invoice, and nothing of another producer', async () => {
  const pm = await staffPage(['project_manager'])
  await pm.goto(`${suite.origin}/admin/producteurs/${s.producerId}/comptes`)
  await pm.fill('input[name="name"]', 'Maëva Bonifieur')
  await pm.fill('input[name="email"]', 'maeva@matouba.test')
  await pm.fill('input[name="password"]', 'café bonifieur 1740')
  await submit(pm, pm.getByRole('button', { name: 'Créer le compte' }))
  assert.match(await mainText(pm), /maeva@matouba\.test/)
  await pm.context().close()

  const chn = await producerIdOf(db(), 'PRD-CHN')
  const other = await insertSupplyFixture(db(), chn, 'ZZ', (await addProducerUser(suite.t.database, chn)).id)
  const page = await (await suite.browser.newContext({ locale: 'fr-FR' })).newPage()
  await page.goto(`${suite.origin}/portail/connexion`)
  await page.fill('input[name="email"]', 'maeva@matouba.test')
  await page.fill('input[name="password"]', 'café bonifieur 1740')
  await submit(page, page.locator('main form button[type="submit"]').last(), /\/portail$/)
  assert.deepEqual(await seriousA11yViolations(page), [], 'portal home')
  assert.match(await mainText(page), new RegExp(TRADE))
  await page.goto(`${suite.origin}/portail/ventes`)
  const monday = new Date(Date.now() - ((new Date().getUTCDay() + 6) % 7) * DAY).toLocaleDateString('fr-FR', { timeZone: 'UTC' })
  const week = (await page.locator('main tr', { hasText: monday }).innerText()).split('\t')
  const sold = (await sql<{ n: number }>`SELECT sum(ol.quantity)::int AS n FROM order_lines ol JOIN orders o ON o.id = ol.order_id
    WHERE ol.variant_id = ${s.variantId} AND o.paid_at IS NOT NULL`.execute(db())).rows[0]!.n
  assert.ok(sold >= 2)
  assert.equal(Number(week[2]), sold, `this week's row shows the units sold: ${week.join(' | ')}`)
  await page.goto(`${suite.origin}/portail/factures`)
  const invoices = await mainText(page)
  assert.match(invoices, /MAT-F-001/)
  const invoiceDate = new Date()
  assert.ok(invoices.includes(new Date(invoiceDate.getTime() + 60 * DAY).toLocaleDateString('fr-FR', { timeZone: 'UTC' })), 'the due date')
  const res = await page.goto(`${suite.origin}/portail/commandes/${other.poId}`)
  assert.equal(res?.status(), 404)
  assert.doesNotMatch(await page.locator('body').innerText(), new RegExp(other.poNumber), 'nothing of the other producer’s order')
  await page.context().close()
})
