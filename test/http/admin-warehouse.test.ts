import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { newId } from '../../src/kernel/ids.ts'
import { checkStockLedger } from '../../src/modules/inventory/index.ts'
import { readPdfText } from '../../src/modules/invoicing/read-pdf-text.ts'
import { variantIdBySku } from '../builders/checkout.ts'
import { paidOrder } from '../builders/paid-order.ts'
import { signedInStaff } from '../helpers/staff.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { textOf, type Browser } from './account-helpers.ts'

let t: TestApp
let logistics: Browser
before(async () => {
  t = await testApp()
  logistics = (await signedInStaff(t.app, t.database, ['logistics'])).browser
})
after(async () => t.close())

const RUM = 'ACS-RHB50-100'
const COFFEE = 'CHN-CAF-GR-250'
const db = () => t.database.db
const warehouseOfOrder = async (orderId: string) => (await sql<{ w: string }>`SELECT warehouse_code AS w FROM order_lines WHERE order_id = ${orderId} LIMIT 1`.execute(db())).rows[0]!.w
const statusOf = async (orderId: string) => (await sql<{ status: string }>`SELECT status FROM orders WHERE id = ${orderId}`.execute(db())).rows[0]!.status
const locationOf = (res: { headers: Record<string, unknown> }) => String(res.headers.location)

async function listed(lines: [string, number][]) {
  const order = await paidOrder(db(), { lines })
  const warehouse = await warehouseOfOrder(order.orderId)
  const queue = await logistics.get(`/admin/entrepot?entrepot=${warehouse}`)
  assert.equal(queue.statusCode, 200)
  assert.match(textOf(queue.body), new RegExp(order.number))
  const res = await logistics.post('/admin/entrepot/listes', { entrepot: warehouse, orders: order.orderId })
  assert.equal(res.statusCode, 303, res.body.slice(0, 500))
  return { ...order, warehouse, listUrl: locationOf(res).split('?')[0]! }
}

test('a logistician builds a pick list from the queue, prints it (page and PDF), and the order is in picking', async () => {
  const o = await listed([[COFFEE, 2]])
  const page = await logistics.get(o.listUrl)
  assert.equal(page.statusCode, 200)
  const text = textOf(page.body)
  assert.match(text, new RegExp(`${COFFEE}.*${o.number}`))
  assert.equal(await statusOf(o.orderId), 'picking')
  const pdf = await logistics.get(`${o.listUrl}.pdf`)
  assert.equal(pdf.statusCode, 200)
  assert.equal(pdf.headers['content-type'], 'application/pdf')
  const pdfText = (await readPdfText(pdf.rawPayload)).text
  assert.match(pdfText, new RegExp(COFFEE))
  assert.match(pdfText, new RegExp(o.number))
})

test('"the N oldest" lists the oldest paid orders of the warehouse first', async () => {
  const first = await paidOrder(db(), { lines: [[COFFEE, 1]] })
  const second = await paidOrder(db(), { lines: [[COFFEE, 1]] })
  const warehouse = await warehouseOfOrder(first.orderId)
  await sql`UPDATE orders SET paid_at = now() - interval '400 days' WHERE id = ${first.orderId}`.execute(db())
  await logistics.get(`/admin/entrepot?entrepot=${warehouse}`)
  const res = await logistics.post('/admin/entrepot/listes', { entrepot: warehouse, oldest: '1' })
  assert.equal(res.statusCode, 303)
  const page = textOf((await logistics.get(locationOf(res))).body)
  assert.match(page, new RegExp(first.number))
  assert.doesNotMatch(page, new RegExp(second.number))
  assert.match(page, /La liste de préparation est créée/)
})

test('an empty choice or a bad count is refused with a message, nothing is created', async () => {
  const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pick_lists`.execute(db())).rows[0]!.n
  await logistics.get('/admin/entrepot?entrepot=FR-HUB')
  const none = await logistics.post('/admin/entrepot/listes', { entrepot: 'FR-HUB' })
  assert.equal(none.statusCode, 400)
  assert.match(textOf(none.body), /Cochez des commandes/)
  const bad = await logistics.post('/admin/entrepot/listes', { entrepot: 'FR-HUB', oldest: '-3' })
  assert.equal(bad.statusCode, 400)
  assert.match(textOf(bad.body), /entre 1 et 2000/)
  assert.equal((await sql<{ n: number }>`SELECT count(*)::int AS n FROM pick_lists`.execute(db())).rows[0]!.n, before)
  assert.equal((await logistics.get('/admin/entrepot?entrepot=NOWHERE')).statusCode, 404)
})

test('packing bottles needs protective packing; the slip PDF has lots, no prices and the health message; shipping sends the tracking e-mail', async () => {
  const o = await listed([[RUM, 1]])
  const packUrl = `/admin/entrepot/commandes/${o.orderId}/colis`
  const page = await logistics.get(packUrl)
  assert.equal(page.statusCode, 200)
  const field = /name="(qty:[^"]+)"/.exec(page.body)![1]!
  const refused = await logistics.post(packUrl, { [field]: '1', parcels: '1' })
  assert.equal(refused.statusCode, 400)
  assert.match(textOf(refused.body), /emballage de protection/)
  assert.equal((await sql<{ n: number }>`SELECT count(*)::int AS n FROM shipments WHERE order_id = ${o.orderId}`.execute(db())).rows[0]!.n, 0)
  const packed = await logistics.post(packUrl, { [field]: '1', parcels: '1', protective: 'on' })
  assert.equal(packed.statusCode, 303, packed.body.slice(0, 400))
  const shipmentUrl = locationOf(packed).split('?')[0]!
  assert.equal(await statusOf(o.orderId), 'packed')
  const slip = await logistics.get(`${shipmentUrl}/bordereau.pdf`)
  assert.equal(slip.statusCode, 200)
  const slipText = (await readPdfText(slip.rawPayload)).text.replace(/\s+/g, ' ')
  assert.match(slipText, new RegExp(o.number))
  assert.match(slipText, /consommer avec modération/)
  assert.doesNotMatch(slipText, /€/)
  assert.match(slipText, /Étiquette colis/)

  await logistics.get(shipmentUrl)
  const badTracking = await logistics.post(`${shipmentUrl}/expedier`, { carrier: 'chronopost', tracking: '12' })
  assert.equal(badTracking.statusCode, 400)
  assert.match(textOf(badTracking.body), /numéro de suivi Chronopost valide/)
  assert.equal(await statusOf(o.orderId), 'packed')
  const shipped = await logistics.post(`${shipmentUrl}/expedier`, { carrier: 'chronopost', tracking: 'XA123456789FR' })
  assert.equal(shipped.statusCode, 303)
  assert.equal(await statusOf(o.orderId), 'shipped')
  const mail = await sql<{ template: string; locale: string }>`SELECT template, locale FROM email_outbox WHERE dedupe_key LIKE 'order-shipped:%' AND data->>'orderNumber' = ${o.number}`.execute(db())
  assert.equal(mail.rows.length, 1)
  const list = await logistics.get('/admin/entrepot/expeditions?statut=shipped')
  assert.match(textOf(list.body), new RegExp(`${o.number}.*XA123456789FR`))
  const after = await logistics.get(packUrl)
  assert.match(after.body, /href="https:\/\/www\.chronopost\.fr\/tracking-no-cms\/suivi-page\?listeNumerosLT=XA123456789FR"/, 'the order shows its parcel with the tracking link')
  assert.deepEqual(await checkStockLedger(db()), [])
})

test('a packer short of units cancels the rest of a line: allocation released, refund made, shopper told', async () => {
  const { browser } = await signedInStaff(t.app, t.database, ['logistics', 'customer_service'])
  const o = await listed([[COFFEE, 3]])
  const packUrl = `/admin/entrepot/commandes/${o.orderId}/colis`
  const page = await browser.get(packUrl)
  const field = /name="(qty:[^"]+)"/.exec(page.body)![1]!
  const lineId = field.slice(4).split(':')[0]!
  const packed = await browser.post(packUrl, { [field]: '2', parcels: '1' })
  assert.equal(packed.statusCode, 303)
  assert.equal(await statusOf(o.orderId), 'picking', 'one unit still waits')
  await browser.get(packUrl)
  const tooMany = await browser.post(`${packUrl.replace('/colis', '')}/annuler-reste`, { line: lineId, rest_quantity: '2', reason: 'introuvable' })
  assert.equal(tooMany.statusCode, 400)
  assert.match(textOf(tooMany.body), /1 unité\(s\) de cette ligne restent/)
  const done = await browser.post(`${packUrl.replace('/colis', '')}/annuler-reste`, { line: lineId, rest_quantity: '1', reason: 'sachet déchiré' })
  assert.equal(done.statusCode, 303, done.body.slice(0, 500))
  assert.equal(await statusOf(o.orderId), 'packed', 'the rest is cancelled: the order is complete in its parcel')
  const mail = await sql<{ n: number }>`SELECT count(*)::int AS n FROM email_outbox WHERE template = 'order-line-cancelled' AND data->>'orderNumber' = ${o.number}`.execute(db())
  assert.equal(mail.rows[0]!.n, 1)
  const notes = await sql<{ gross: number }>`SELECT c.total_gross::int AS gross FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id WHERE i.order_id = ${o.orderId}`.execute(db())
  assert.equal(notes.rows.length, 1, 'a credit note is issued')
  const unit = (await sql<{ unit_gross: number }>`SELECT unit_gross::int FROM order_lines WHERE id = ${lineId}`.execute(db())).rows[0]!.unit_gross
  assert.equal(-notes.rows[0]!.gross, unit, 'for the one cancelled unit')
  const released = await sql<{ n: number }>`SELECT COALESCE(SUM(quantity), 0)::int AS n FROM stock_reservations WHERE order_line_id = ${lineId} AND status = 'RELEASED'`.execute(db())
  assert.equal(released.rows[0]!.n, 1)
  assert.deepEqual(await checkStockLedger(db()), [])
})

test('counts refused below what orders hold, write-offs above free stock refused; near-expiry page and CSV', async () => {
  const order = await paidOrder(db(), { lines: [[COFFEE, 1]] })
  const warehouse = await warehouseOfOrder(order.orderId)
  const lotId = newId('lot')
  const soon = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10)
  await sql`INSERT INTO lots (id, variant_id, warehouse_code, lot_code, best_before, location) VALUES (${lotId}, ${await variantIdBySku(db(), COFFEE)}, ${warehouse}, 'HTTP-LOT', ${soon}, 'Q-07-1')`.execute(db())
  await sql`INSERT INTO stock_movements (lot_id, quantity, reason, reference) VALUES (${lotId}, 3, 'RECEIPT', 'test')`.execute(db())
  await sql`INSERT INTO stock_movements (lot_id, quantity, allocated_delta, reason, reference) VALUES (${lotId}, 0, 2, 'ALLOCATE', ${order.orderId})`.execute(db())
  await sql`INSERT INTO stock_reservations (id, order_id, order_line_id, variant_id, lot_id, quantity, status) SELECT ${newId('res')}, ${order.orderId}, id, variant_id, ${lotId}, 2, 'ALLOCATED' FROM order_lines WHERE order_id = ${order.orderId}`.execute(db())

  await logistics.get('/admin/entrepot/inventaires')
  const opened = await logistics.post('/admin/entrepot/inventaires', { warehouse, prefix: 'Q-07', sku: '' })
  assert.equal(opened.statusCode, 303, opened.body.slice(0, 300))
  const countUrl = locationOf(opened).split('?')[0]!
  await logistics.get(countUrl)
  const refused = await logistics.post(countUrl, { [`counted:${lotId}`]: '1' })
  assert.equal(refused.statusCode, 409)
  assert.match(textOf(refused.body), /HTTP-LOT \(compté 1, 2 promis\)/)
  const posted = await logistics.post(countUrl, { [`counted:${lotId}`]: '2' })
  assert.equal(posted.statusCode, 303)
  const level = async () => (await sql<{ on_hand: number }>`SELECT on_hand FROM stock_levels WHERE lot_id = ${lotId}`.execute(db())).rows[0]!.on_hand
  assert.equal(await level(), 2)

  await logistics.get('/admin/entrepot/inventaires')
  const tooMuch = await logistics.post('/admin/entrepot/sorties', { lotId, quantity: '1', cause: 'broken', note: '' })
  assert.equal(tooMuch.statusCode, 409)
  assert.match(textOf(tooMuch.body), /0 seulement sont libres/)
  const badCause = await logistics.post('/admin/entrepot/sorties', { lotId, quantity: 'deux', cause: 'meteor', note: '' })
  assert.equal(badCause.statusCode, 400)
  assert.equal(await level(), 2, 'nothing written off')

  const expiry = await logistics.get(`/admin/entrepot/peremptions?jours=10&entrepot=${warehouse}`)
  assert.equal(expiry.statusCode, 200)
  assert.match(textOf(expiry.body), /HTTP-LOT/)
  const csv = await logistics.get(`/admin/entrepot/peremptions.csv?jours=10&entrepot=${warehouse}`)
  assert.match(String(csv.headers['content-type']), /text\/csv/)
  assert.match(csv.body, new RegExp(`${soon};4;${COFFEE};.*;HTTP-LOT;${lotId};${warehouse};Q-07-1;2;0`))
  assert.deepEqual(await checkStockLedger(db()), [])
})

test('a member without warehouse.operate is refused; unknown ids answer 404', async () => {
  const { browser } = await signedInStaff(t.app, t.database, ['customer_service'])
  for (const url of ['/admin/entrepot', '/admin/entrepot/expeditions', '/admin/entrepot/inventaires', '/admin/entrepot/peremptions']) {
    assert.equal((await browser.get(url)).statusCode, 403, url)
  }
  for (const url of ['/admin/entrepot/listes/zzz_1', '/admin/entrepot/listes/zzz_1.pdf', '/admin/entrepot/expeditions/zzz_1', '/admin/entrepot/expeditions/zzz_1/bordereau.pdf', '/admin/entrepot/commandes/zzz_1/colis', '/admin/entrepot/inventaires/zzz_1']) {
    assert.equal((await logistics.get(url)).statusCode, 404, url)
  }
})
