import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { isoDay } from '../../src/kernel/dates.ts'
import { readPdfText } from '../../src/modules/invoicing/read-pdf-text.ts'
import { insertPurchaseOrder, producerIdByCode } from '../../src/modules/payables/test-fixtures.ts'
import { paidOrder } from '../builders/paid-order.ts'
import { signedInStaff } from '../helpers/staff.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { type Browser, textOf } from './account-helpers.ts'

// The finance team's supplier side in the back office: typing an invoice from its purchase order,
// the three-way match shown line by line, disputes, payments, the schedule, a payment run paid
// once with its bank file, and the consignment statements with their PDF.

let t: TestApp
let finance: Browser
const today = isoDay(new Date())
const location = (res: { headers: Record<string, unknown> }) => String(res.headers.location)

before(async () => {
  t = await testApp()
  finance = (await signedInStaff(t.app, t.database, ['finance'])).browser
})
after(async () => t.close())

/** Posts a form whose fields may repeat (tick boxes), with the CSRF token of the last page. */
async function postMany(b: Browser, url: string, fields: [string, string][]) {
  const params = new URLSearchParams([...fields, ['_csrf', b.csrf]])
  return b.app.inject({ method: 'POST', url, payload: params.toString(), headers: { cookie: b.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' } })
}

/** The invoice form's fields as the page posts them (hidden ones included), with some changed. */
function formFields(html: string, change: Record<string, string>): Record<string, string> {
  const form = html.slice(html.indexOf('action="/admin/fournisseurs/factures"'))
  const fields: Record<string, string> = {}
  for (const m of form.matchAll(/<input[^>]*name="([^"]+)"[^>]*>/g)) fields[m[1]!] = /value="([^"]*)"/.exec(m[0])?.[1]?.replace(/&#x27;/g, "'").replace(/&amp;/g, '&') ?? ''
  delete fields._csrf
  return { ...fields, ...change }
}

test('an invoice typed from its purchase order: lines prefilled with what was received, matched, due date, traced to order and receipts', async () => {
  const po = await insertPurchaseOrder(t.database.db, { producerCode: 'PRD-ACS', lines: [{ sku: 'ACS-RHB50-100', quantity: 24, unitCost: 1450, vatRateBp: 850 }], receipts: [{ receivedOn: today, accepted: [[0, 18]] }] })
  const producerId = await producerIdByCode(t.database.db, 'PRD-ACS')
  const page = await finance.get(`/admin/fournisseurs/factures/nouvelle?producteur=${producerId}&commande=${po.id}`)
  assert.equal(page.statusCode, 200)
  const fields = formFields(page.body, { invoiceNumber: 'ACS-F-001' })
  assert.equal(fields.l0_quantity, '18', 'quantity = accepted at receipt, not billed yet')
  assert.equal(fields.l0_unitCost, '14,50')
  assert.equal(fields.l0_vatRate, '8,50')
  const res = await finance.post('/admin/fournisseurs/factures', fields)
  assert.equal(res.statusCode, 303, textOf(res.body).slice(0, 400))
  const detail = await finance.get(location(res))
  const text = textOf(detail.body)
  assert.ok(text.includes('La facture est enregistrée.'))
  assert.ok(text.includes(po.number) && text.includes(po.receiptNumbers[0]!), 'the line traces to its order and receipt')
  assert.ok(text.includes('Conforme') && text.includes('Rapprochée'))
  const net = 18 * 1450
  assert.ok(text.includes((net / 100).toFixed(2).replace('.', ',')), 'total net shown')
  assert.ok(text.includes('30 jours fin de mois de livraison'))
  // the same number again (other case) is refused on its field, nothing added
  const again = await finance.post('/admin/fournisseurs/factures', { ...fields, invoiceNumber: 'acs-f-001' })
  assert.equal(again.statusCode, 409)
  assert.ok(textOf(again.body).includes('est déjà enregistrée'))
  const n = await sql<{ n: number }>`select count(*) as n from supplier_invoices where producer_id = ${producerId}`.execute(t.database.db)
  assert.equal(Number(n.rows[0]!.n), 1)
})

test('bad input is refused with field errors and nothing written: future date, zero quantity, no line', async () => {
  const producerId = await producerIdByCode(t.database.db, 'PRD-CHN')
  await finance.get(`/admin/fournisseurs/factures/nouvelle?producteur=${producerId}`)
  const base = { producerId, purchaseOrderId: '', invoiceNumber: 'CHN-X', invoiceDate: today, lineCount: '2', l0_description: 'Café', l0_quantity: '2', l0_unitCost: '6', l0_vatRate: '2,1' }
  const future = await finance.post('/admin/fournisseurs/factures', { ...base, invoiceDate: '2099-01-01' })
  assert.equal(future.statusCode, 400)
  assert.ok(textOf(future.body).includes('ne peut pas être dans le futur'))
  const zero = await finance.post('/admin/fournisseurs/factures', { ...base, l0_quantity: '0' })
  assert.equal(zero.statusCode, 400)
  assert.match(zero.body, /id="f-l0_quantity-error"[^>]*>La quantité doit être supérieure à zéro/)
  const cost = await finance.post('/admin/fournisseurs/factures', { ...base, l0_unitCost: '6,555' })
  assert.equal(cost.statusCode, 400)
  assert.ok(textOf(cost.body).includes('2 décimales au plus'))
  const none = await finance.post('/admin/fournisseurs/factures', { ...base, l0_description: '', l0_quantity: '', l0_unitCost: '', l0_vatRate: '' })
  assert.equal(none.statusCode, 400)
  assert.ok(textOf(none.body).includes('Saisissez au moins une ligne'))
  const n = await sql<{ n: number }>`select count(*) as n from supplier_invoices where producer_id = ${producerId}`.execute(t.database.db)
  assert.equal(Number(n.rows[0]!.n), 0)
})

let disputedId = ''
test('a mismatch is disputed until approved with a reason; payments by hand, never more than owed', async () => {
  const po = await insertPurchaseOrder(t.database.db, { producerCode: 'PRD-CHN', lines: [{ sku: 'CHN-CAF-GR-250', quantity: 10, unitCost: 600, vatRateBp: 210 }], receipts: [{ receivedOn: today, accepted: [[0, 8]] }] })
  const producerId = await producerIdByCode(t.database.db, 'PRD-CHN')
  const page = await finance.get(`/admin/fournisseurs/factures/nouvelle?producteur=${producerId}&commande=${po.id}`)
  const res = await finance.post('/admin/fournisseurs/factures', formFields(page.body, { invoiceNumber: 'CHN-77', l0_quantity: '10' }))
  assert.equal(res.statusCode, 303)
  disputedId = location(res).split('/').pop()!.split('?')[0]!
  const detail = textOf((await finance.get(location(res))).body)
  assert.ok(detail.includes('en litige') && detail.includes('Quantité facturée 10 > reçue non encore facturée 8'), detail.slice(0, 1500))
  const url = `/admin/fournisseurs/factures/${disputedId}`
  const noReason = await finance.post(`${url}/approbation`, { approveReason: '' })
  assert.equal(noReason.statusCode, 400)
  assert.ok(textOf(noReason.body).includes('Indiquez la raison'))
  await finance.get(url)
  assert.equal((await finance.post(`${url}/approbation`, { approveReason: 'Deux sacs livrés hors réception, vu avec le producteur' })).statusCode, 303)
  assert.ok(textOf((await finance.get(url)).body).includes('Approuvée'))
  const gross = Number((await sql<{ g: number }>`select total_gross as g from supplier_invoices where id = ${disputedId}`.execute(t.database.db)).rows[0]!.g)
  const tooMuch = await finance.post(`${url}/paiement`, { amount: ((gross + 1) / 100).toFixed(2).replace('.', ','), paidOn: today })
  assert.equal(tooMuch.statusCode, 400)
  assert.ok(textOf(tooMuch.body).includes('dépasse ce qui reste dû'))
  await finance.get(url)
  assert.equal((await finance.post(`${url}/paiement`, { amount: '10,00', paidOn: today, reference: 'VIR-1' })).statusCode, 303)
  const after = textOf((await finance.get(url)).body)
  assert.ok(after.includes('VIR-1') && after.includes(((gross - 1000) / 100).toFixed(2).replace('.', ',')), 'the amount left is gross − paid')
})

test('the schedule: overdue invoices first in red with days late, per producer subtotals; the list filters overdue ones', async () => {
  const producerId = await producerIdByCode(t.database.db, 'PRD-MTE')
  await sql`insert into producer_agreements (producer_id, valid_from, model, payment_terms_type, payment_terms_days) values (${producerId}, '2020-01-01', 'PURCHASE', 'NET_DAYS_FROM_INVOICE', 60)`.execute(t.database.db)
  await finance.get(`/admin/fournisseurs/factures/nouvelle?producteur=${producerId}`)
  const res = await finance.post('/admin/fournisseurs/factures', { producerId, purchaseOrderId: '', invoiceNumber: 'MTE-OLD', invoiceDate: '2025-01-10', lineCount: '1', l0_description: 'Épices', l0_quantity: '3', l0_unitCost: '10', l0_vatRate: '0' })
  assert.equal(res.statusCode, 303, textOf(res.body).slice(0, 500))
  const late = Math.round((Date.parse(today) - Date.parse('2025-03-11')) / 86_400_000)
  const page = await finance.get('/admin/fournisseurs/echeancier')
  assert.equal(page.statusCode, 200)
  const text = textOf(page.body)
  assert.ok(text.indexOf('En retard') < text.indexOf('Semaine du'), 'overdue first')
  assert.ok(text.includes(`MTE-OLD — Épices Man Ténia — échue le 11/03/2025, ${late} j de retard`), text.slice(0, 1500))
  assert.match(page.body, /badge status-cancelled/)
  const filtered = textOf((await finance.get(`/admin/fournisseurs/factures?retard=1`)).body)
  assert.ok(filtered.includes('MTE-OLD') && !filtered.includes('ACS-F-001'))
  assert.equal((await finance.get('/admin/fournisseurs/echeancier?horizon=abc')).statusCode, 400)
})

test('a payment run: proposed, one unticked, executed twice pays once, and its bank file', async () => {
  const proposal = await finance.get(`/admin/fournisseurs/virements?date=${today}&jours=90`)
  assert.equal(proposal.statusCode, 200)
  const ids = [...proposal.body.matchAll(/name="invoiceIds" value="([^"]+)"/g)].map((m) => m[1]!)
  assert.ok(ids.length >= 2, 'the matched and the approved invoices are offered')
  assert.ok(ids.includes(disputedId), 'the approved one is offered')
  const res = await postMany(finance, '/admin/fournisseurs/virements', [['payOn', today], ...ids.slice(0, -1).map((id) => ['invoiceIds', id] as [string, string])])
  assert.equal(res.statusCode, 303, textOf(res.body).slice(0, 500))
  const runUrl = location(res).split('?')[0]!
  await finance.get(runUrl)
  const first = await finance.post(`${runUrl}/execution`, {})
  const second = await finance.post(`${runUrl}/execution`, {})
  assert.ok(location(first).endsWith('ok=executed') && location(second).endsWith('ok=already'))
  const runId = runUrl.split('/').pop()!
  const payments = await sql<{ n: number; total: number }>`select count(*) as n, sum(amount) as total from supplier_payments where payment_run_id = ${runId}`.execute(t.database.db)
  assert.equal(Number(payments.rows[0]!.n), ids.length - 1)
  const csv = await finance.get(`${runUrl}/virements.csv`)
  assert.equal(csv.statusCode, 200)
  assert.match(String(csv.headers['content-type']), /text\/csv/)
  assert.ok(csv.body.includes('Nom du bénéficiaire;IBAN;BIC;Montant;Devise'))
  const total = csv.body.split('\r\n').slice(1).filter(Boolean).reduce((s, l) => s + Math.round(Number(l.split(';')[3]) * 100), 0)
  assert.equal(total, Number(payments.rows[0]!.total))
  const bad = await postMany(finance, '/admin/fournisseurs/virements', [['payOn', today]])
  assert.equal(bad.statusCode, 400)
})

test('consignment statements of last month: issued once, listed, printed; an unfinished month is refused', async () => {
  const order = await paidOrder(t.database.db, { lines: [['BWK-MIE-TF-250', 2]] })
  const now = new Date()
  const lastMonthDay = new Date(now.getFullYear(), now.getMonth() - 1, 15, 12)
  await sql`update orders set paid_at = ${lastMonthDay} where id = ${order.orderId}`.execute(t.database.db)
  const bwk = await producerIdByCode(t.database.db, 'PRD-BWK')
  await sql`insert into producer_agreements (producer_id, valid_from, model, payment_terms_type, payment_terms_days, commission_bp) values (${bwk}, '2020-01-01', 'CONSIGNMENT', 'NET_DAYS_FROM_INVOICE', 60, 2500)`.execute(t.database.db)
  const month = isoDay(lastMonthDay).slice(0, 7)
  const page = await finance.get('/admin/fournisseurs/releves')
  assert.ok(page.body.includes(`value="${month}"`), 'last month is proposed')
  const res = await finance.post('/admin/fournisseurs/releves', { month })
  assert.equal(res.statusCode, 303, textOf(res.body).slice(0, 600))
  const list = await finance.get('/admin/fournisseurs/releves?ok=issued')
  assert.ok(textOf(list.body).includes(`RV-${month}-PRD-BWK`))
  const pdfUrl = /href="(\/admin\/fournisseurs\/releves\/cst_[0-9A-Z]+\.pdf)"/.exec(list.body)![1]!
  const pdf = await finance.get(pdfUrl)
  assert.equal(pdf.statusCode, 200)
  assert.equal(pdf.headers['content-type'], 'application/pdf')
  const text = (await readPdfText(pdf.rawPayload)).text
  assert.ok(text.includes(order.number) && text.includes('Montant dû au déposant'))
  const twice = await finance.post('/admin/fournisseurs/releves', { month })
  assert.equal(twice.statusCode, 409)
  assert.ok(textOf(twice.body).includes('déjà établis'))
  await finance.get('/admin/fournisseurs/releves')
  assert.equal((await finance.post('/admin/fournisseurs/releves', { month: today.slice(0, 7) })).statusCode, 400)
  assert.equal((await finance.get('/admin/fournisseurs/releves/cst_00000000000000000000000000.pdf')).statusCode, 404)
})

test('who may do what: the director reads without writing, logistics sees nothing, unknown ids are 404', async () => {
  const { browser: director } = await signedInStaff(t.app, t.database, ['director'])
  const list = await director.get('/admin/fournisseurs/factures')
  assert.equal(list.statusCode, 200)
  assert.ok(!list.body.includes('Saisir une facture'))
  assert.equal((await director.post('/admin/fournisseurs/releves', { month: '2020-01' })).statusCode, 403)
  assert.equal((await director.get('/admin/fournisseurs/factures/nouvelle')).statusCode, 403)
  const { browser: logistics } = await signedInStaff(t.app, t.database, ['logistics'])
  assert.equal((await logistics.get('/admin/fournisseurs/echeancier')).statusCode, 403)
  assert.equal((await finance.get('/admin/fournisseurs/factures/sin_00000000000000000000000000')).statusCode, 404)
  assert.equal((await finance.get('/admin/fournisseurs/virements/prn_00000000000000000000000000')).statusCode, 404)
})

test('every payables route answers a finance member without a server error, even with an empty form or an unknown id', async () => {
  const routes = t.app.adminRoutes.filter((r) => r.url.startsWith('/admin/fournisseurs/') && /factures|echeancier|virements|releves/.test(r.url))
  assert.ok(routes.length >= 14, `${routes.length} routes`)
  await finance.get('/admin/fournisseurs/factures')
  const csrf = finance.csrf
  for (const r of routes) {
    const url = r.url.replace(/:(\w+)/g, 'zzz_00000000000000000000000000')
    const res = r.method === 'GET' ? await finance.get(url) : await finance.post(url, {}, csrf)
    assert.ok(res.statusCode < 500, `${r.method} ${r.url} answered ${res.statusCode}`)
  }
})
