import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { placeOrder } from '../../src/flows/place-order.ts'
import { refundOrderByStaff } from '../../src/flows/refund-order.ts'
import { systemCtx } from '../../src/kernel/ctx.ts'
import { getInvoiceForOrder, listCreditNotes } from '../../src/modules/invoicing/index.ts'
import { getOrderView, type OrderView } from '../../src/modules/orders/index.ts'
import { CARD_OK, PARIS, readyCart, shopperCtx, testCheckoutDeps } from '../builders/checkout.ts'
import { signedInStaff } from '../helpers/staff.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { textOf } from './account-helpers.ts'

// Finance's month end: invoices and credit notes listed and filtered, their PDFs, the CSV export
// for the accountant (Excel-ready), and nobody else downloading it.

let t: TestApp
let plain: OrderView
let hostile: OrderView
before(async () => {
  t = await testApp()
  plain = await paidOrder('compta-1@example.com', 'Gaston Compta', 1)
  hostile = await paidOrder('compta-2@example.com', '=HYPERLINK("http://evil") <script>alert(1)</script>', 3)
  const r = await refundOrderByStaff(systemCtx(t.database.db, 'test'), t.app.checkoutDeps, { orderId: plain.id, requestKey: randomUUID(), reason: 'Geste commercial', mode: 'amount', amount: 250 })
  assert.ok(r.ok)
})
after(async () => t.close())

async function paidOrder(email: string, name: string, coffees: number): Promise<OrderView> {
  const ctx = shopperCtx(t.database.db)
  const cart = await readyCart(ctx, { market: 'FR-MAINLAND', lines: [['CHN-CAF-GR-250', coffees]], shipTo: { ...PARIS, name }, email })
  const placed = await placeOrder(ctx, testCheckoutDeps(t.database.db), { cartId: cart.id, idempotencyKey: randomUUID(), paymentMethod: 'card', card: CARD_OK, ageConfirmed: false, acceptTerms: true })
  assert.ok(placed.ok && placed.status === 'paid')
  return (await getOrderView(ctx, placed.orderId))!
}

const sys = () => systemCtx(t.database.db, 'test')
const commaEuros = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`

test('finance lists invoices and credit notes, filters by order, sorts by amount on the server, and opens their PDFs', async () => {
  const { browser } = await signedInStaff(t.app, t.database, ['finance'])
  const invoice = (await getInvoiceForOrder(sys(), plain.id))!
  const note = (await listCreditNotes(sys(), invoice.id))[0]!
  const all = await browser.get('/admin/factures')
  assert.equal(all.statusCode, 200)
  assert.match(all.body, new RegExp(invoice.number))
  const one = await browser.get(`/admin/factures?commande=${plain.number}`)
  assert.match(one.body, new RegExp(invoice.number))
  assert.doesNotMatch(one.body, new RegExp(hostile.number), 'filtered by order number')
  const notes = await browser.get('/admin/factures?type=avoir')
  assert.match(notes.body, new RegExp(note.number))
  assert.match(textOf(notes.body), new RegExp(`${commaEuros(note.totalGross).replace('-', '')} €`))
  const asc = (await browser.get('/admin/factures?sort=total&dir=asc')).body
  const desc = (await browser.get('/admin/factures?sort=total&dir=desc')).body
  const [cheap, dear] = await Promise.all([plain, hostile].map(async (o) => (await getInvoiceForOrder(sys(), o.id))!.number))
  assert.ok(asc.indexOf(cheap!) < asc.indexOf(dear!), 'cheapest first')
  assert.ok(desc.indexOf(dear!) < desc.indexOf(cheap!), 'dearest first')
  const bad = await browser.get('/admin/factures?du=hier')
  assert.equal(bad.statusCode, 400)
  assert.match(textOf(bad.body), /Indiquez une date valide/)

  for (const id of [invoice.id, note.id]) {
    const pdf = await browser.get(`/admin/factures/${id}/pdf`)
    assert.equal(pdf.statusCode, 200)
    assert.equal(pdf.headers['content-type'], 'application/pdf')
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-')
  }
  assert.equal((await browser.get('/admin/factures/inv_00000000000000000000000000/pdf')).statusCode, 404)
})

test('the CSV export has a BOM, semicolons, comma decimals and every row of the filter; a formula-looking name stays text', async () => {
  const { browser } = await signedInStaff(t.app, t.database, ['finance'])
  const res = await browser.get('/admin/factures/export.csv')
  assert.equal(res.statusCode, 200)
  assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/)
  assert.match(String(res.headers['content-disposition']), /attachment; filename="factures-\d{4}-\d{2}-\d{2}\.csv"/)
  const body = res.rawPayload.toString('utf8')
  assert.ok(body.startsWith('\uFEFF'), 'Excel reads UTF-8 with a BOM')
  const lines = body.slice(1).trim().split('\r\n')
  assert.match(lines[0]!, /^Type;Numéro;Date;Commande;/)
  for (const o of [plain, hostile]) {
    const invoice = (await getInvoiceForOrder(sys(), o.id))!
    const row = lines.find((l) => l.includes(`;${invoice.number};`))
    assert.ok(row, `${invoice.number} is exported`)
    assert.ok(row.includes(`;${commaEuros(invoice.totalGross)};EUR;`), row)
  }
  const hostileRow = lines.find((l) => l.includes(hostile.number))!
  assert.match(hostileRow, /;"?'=HYPERLINK/, 'the name cannot run as a formula')
  const notes = (await browser.get(`/admin/factures/export.csv?type=avoir&commande=${plain.number}`)).rawPayload.toString('utf8').slice(1).trim().split('\r\n')
  assert.equal(notes.length, 2, 'header and the one credit note')
  assert.ok(notes[1]!.startsWith('Avoir;A-'))
  assert.ok(notes[1]!.includes(';-2,50;EUR;'))
})

test('a role without finance.export gets 403 on the CSV; customer service does not see the finance pages; names are escaped', async () => {
  const { browser: director } = await signedInStaff(t.app, t.database, ['director'])
  assert.equal((await director.get('/admin/factures/export.csv')).statusCode, 403)
  const list = await director.get('/admin/factures')
  assert.equal(list.statusCode, 200)
  assert.doesNotMatch(list.body, /export\.csv/, 'no export link for a role that may not export')
  assert.doesNotMatch(list.body, /<script>alert/)
  assert.match(list.body, /&lt;script>alert/)
  const { browser: agent } = await signedInStaff(t.app, t.database, ['customer_service'])
  assert.equal((await agent.get('/admin/factures')).statusCode, 403)
  assert.equal((await agent.get(`/admin/factures/${(await getInvoiceForOrder(sys(), plain.id))!.id}/pdf`)).statusCode, 403)
})
