import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { placeOrder } from '../../src/flows/place-order.ts'
import { systemCtx } from '../../src/kernel/ctx.ts'
import { getInvoiceForOrder, listCreditNotes } from '../../src/modules/invoicing/index.ts'
import { getOrderView, transitionOrder, type OrderView } from '../../src/modules/orders/index.ts'
import { CARD_OK, PARIS, readyCart, shopperCtx, testCheckoutDeps } from '../builders/checkout.ts'
import { stockInvariantsHold } from '../flows/stock-checks.ts'
import { signedInStaff } from '../helpers/staff.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { textOf, type Browser } from './account-helpers.ts'

// The order desk as customer service uses it: find an order, refund part of it, cancel one,
// send an e-mail again — each with a reason in the history, never more money back than was paid.

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t.close())

const RUM = 'ACS-RHB50-100'
const COFFEE = 'CHN-CAF-GR-250'

async function paidOrder(opts: { email: string; name: string; lines?: [string, number][] }): Promise<OrderView> {
  const ctx = shopperCtx(t.database.db)
  const cart = await readyCart(ctx, { market: 'FR-MAINLAND', lines: opts.lines ?? [[RUM, 1], [COFFEE, 2]], shipTo: { ...PARIS, name: opts.name }, email: opts.email })
  const placed = await placeOrder(ctx, testCheckoutDeps(t.database.db), { cartId: cart.id, idempotencyKey: randomUUID(), paymentMethod: 'card', card: CARD_OK, ageConfirmed: true, birthDate: '1990-04-02', acceptTerms: true })
  assert.ok(placed.ok && placed.status === 'paid', JSON.stringify(placed))
  return (await getOrderView(ctx, placed.orderId))!
}

const payment = async (orderId: string) =>
  (await sql<{ status: string; refunded_amount: number }>`select status, refunded_amount from payments where order_id = ${orderId} and status <> 'FAILED'`.execute(t.database.db)).rows[0]!
const notesOf = async (orderId: string) => listCreditNotes(systemCtx(t.database.db, 'test'), (await getInvoiceForOrder(systemCtx(t.database.db, 'test'), orderId))!.id)
const auditOf = async (orderId: string) =>
  (await sql<{ action: string; reason: string | null; actor_label: string }>`select action, reason, actor_label from audit_log where entity_type = 'order' and entity_id = ${orderId} order by id`.execute(t.database.db)).rows
const requestKeyOf = (html: string) => /name="requestKey" value="([^"]+)"/.exec(html)![1]!

/** Loads the order page, then posts the refund form with its own request key. */
async function refund(b: Browser, orderId: string, fields: Record<string, string>) {
  const page = await b.get(`/admin/commandes/${orderId}`)
  assert.equal(page.statusCode, 200)
  const form = { requestKey: requestKeyOf(page.body), ...fields }
  return { form, res: await b.post(`/admin/commandes/${orderId}/remboursement`, form) }
}

test('an agent finds an order by its number, the e-mail and the customer name; filters say what is wrong', async () => {
  const o = await paidOrder({ email: 'hortense.lagrange@example.com', name: 'Hortense Lagrange' })
  const { browser } = await signedInStaff(t.app, t.database, ['customer_service'])
  for (const q of [o.number, o.number.replace('LK-', ''), 'hortense.lagrange@', 'lagrange hortense', 'HORTENSE']) {
    const res = await browser.get(`/admin/commandes?q=${encodeURIComponent(q)}`)
    assert.equal(res.statusCode, 200)
    assert.match(res.body, new RegExp(`href="/admin/commandes/${o.id}"`), `found by ${q}`)
  }
  const other = await browser.get('/admin/commandes?q=personne-de-ce-nom')
  assert.doesNotMatch(other.body, new RegExp(o.id))
  assert.match(textOf(other.body), /Aucune commande ne correspond/)
  const byStatus = await browser.get(`/admin/commandes?statut=paid&marche=FR-MAINLAND&paiement=card&sort=total&dir=desc&q=${o.number}`)
  assert.match(byStatus.body, new RegExp(o.id))
  assert.doesNotMatch((await browser.get(`/admin/commandes?statut=cancelled&q=${o.number}`)).body, new RegExp(o.id))
  const bad = await browser.get('/admin/commandes?du=2026-13-45')
  assert.equal(bad.statusCode, 400)
  assert.match(textOf(bad.body), /Indiquez une date valide/)
  const page = await browser.get(`/admin/commandes/${o.id}`)
  const text = textOf(page.body)
  assert.match(text, /pas encore expédié/)
  assert.match(text, /Confirmation de commande/)
  assert.match(text, /réf\. tp_/, 'the provider reference of the payment')
  assert.equal((await browser.get('/admin/commandes/ord_00000000000000000000000000')).statusCode, 404)
})

test('a partial refund by amount: a credit note of exactly that amount split by VAT rate, the card refunded, the reason in the history', async () => {
  const o = await paidOrder({ email: 'partiel@example.com', name: 'Marius Partiel' })
  const { browser, member } = await signedInStaff(t.app, t.database, ['customer_service'])
  const { res } = await refund(browser, o.id, { mode: 'amount', amount: '12,34', refundReason: 'Bouteille arrivée ébréchée' })
  assert.equal(res.statusCode, 303, textOf(res.body).slice(0, 400))
  const notes = await notesOf(o.id)
  assert.equal(notes.length, 1)
  assert.equal(notes[0]!.totalGross, -1234)
  assert.equal(notes[0]!.content.vatByRate.length, 2, 'rum at 20 % and coffee at 5.5 % share the refund')
  assert.equal(notes[0]!.content.vatByRate.reduce((a, p) => a + p.net + p.vat, 0), -1234)
  assert.match(notes[0]!.reason, /Bouteille arrivée ébréchée/)
  const p = await payment(o.id)
  assert.deepEqual(p, { status: 'PARTIALLY_REFUNDED', refunded_amount: 1234 })
  const audit = await auditOf(o.id)
  assert.deepEqual(audit.map((a) => [a.action, a.reason, a.actor_label]), [['orders.refunded', 'Bouteille arrivée ébréchée', member.email]])
  const page = textOf((await browser.get(res.headers.location as string)).body)
  assert.match(page, /Le remboursement est effectué/)
  assert.match(page, /Remboursement de 12,34 €/)
  assert.match(page, new RegExp(`Avoir ${notes[0]!.number}`))
  assert.equal((await getOrderView(systemCtx(t.database.db, 'test'), o.id))!.status, 'paid', 'a partial refund leaves the order to prepare')
})

test('a refund over what is left is refused with the amount left, and changes nothing; a blank reason is a field error', async () => {
  const o = await paidOrder({ email: 'trop@example.com', name: 'Trop Demandé', lines: [[COFFEE, 1]] })
  const { browser } = await signedInStaff(t.app, t.database, ['finance'])
  const tooMuch = await refund(browser, o.id, { mode: 'amount', amount: String((o.totals.gross + 1) / 100).replace('.', ','), refundReason: 'Geste commercial' })
  assert.equal(tooMuch.res.statusCode, 409)
  assert.match(textOf(tooMuch.res.body), /plus que ce qui reste à rembourser/)
  const noReason = await refund(browser, o.id, { mode: 'amount', amount: '1,00', refundReason: ' ' })
  assert.equal(noReason.res.statusCode, 400)
  assert.match(textOf(noReason.res.body), /Indiquez le motif du remboursement/)
  assert.match(noReason.res.body, /value="1,00"/, 'the typed amount is kept')
  const notAnAmount = await refund(browser, o.id, { mode: 'amount', amount: 'douze', refundReason: 'Geste' })
  assert.equal(notAnAmount.res.statusCode, 400)
  assert.match(textOf(notAnAmount.res.body), /Indiquez un montant en euros/)
  assert.equal((await notesOf(o.id)).length, 0)
  assert.deepEqual(await payment(o.id), { status: 'CAPTURED', refunded_amount: 0 })
  assert.deepEqual(await auditOf(o.id), [])
})

test('the same refund form submitted twice refunds once; units of a line are refunded at their invoiced price', async () => {
  const o = await paidOrder({ email: 'double@example.com', name: 'Double Clic' })
  const coffee = o.lines.find((l) => l.sku === COFFEE)!
  const { browser } = await signedInStaff(t.app, t.database, ['customer_service'])
  const { form, res } = await refund(browser, o.id, { mode: 'lines', [`qty_${coffee.id}`]: '1', refundReason: 'Un paquet manquant' })
  assert.equal(res.statusCode, 303)
  const again = await browser.post(`/admin/commandes/${o.id}/remboursement`, form)
  assert.equal(again.statusCode, 303)
  assert.match(String(again.headers.location), /ok=duplicate/)
  const notes = await notesOf(o.id)
  assert.equal(notes.length, 1, 'one credit note')
  assert.deepEqual(notes[0]!.content.lines.map((l) => [l.sku, l.quantity]), [[COFFEE, 1]])
  assert.ok(Math.abs(-notes[0]!.totalGross - (coffee.net + coffee.vat) / 2) <= 1, 'half the line, within a cent (net and VAT each rounded)')
  assert.deepEqual(await payment(o.id), { status: 'PARTIALLY_REFUNDED', refunded_amount: -notes[0]!.totalGross })
  assert.equal((await auditOf(o.id)).length, 1)
  const tooMany = await refund(browser, o.id, { mode: 'lines', [`qty_${coffee.id}`]: '2', refundReason: 'Encore' })
  assert.equal(tooMany.res.statusCode, 409)
  assert.match(textOf(tooMany.res.body), /Plus d’unités/)
  assert.equal((await refund(browser, o.id, { mode: 'lines', [`qty_${coffee.id}`]: '1', refundReason: 'Le second aussi' })).res.statusCode, 303)
  assert.equal((await notesOf(o.id)).reduce((a, n) => a - n.totalGross, 0), coffee.net + coffee.vat, 'the two units give back the line exactly')
})

test('two identical refund forms arriving together refund once; refunding all that is left settles the order as refunded and frees its stock', async () => {
  const o = await paidOrder({ email: 'ensemble@example.com', name: 'Inès Ensemble' })
  const { browser } = await signedInStaff(t.app, t.database, ['customer_service'])
  const page = await browser.get(`/admin/commandes/${o.id}`)
  const form = { requestKey: requestKeyOf(page.body), mode: 'amount', amount: '2,00', refundReason: 'Emballage abîmé' }
  const both = await Promise.all([browser.post(`/admin/commandes/${o.id}/remboursement`, form), browser.post(`/admin/commandes/${o.id}/remboursement`, form)])
  assert.deepEqual(both.map((r) => r.statusCode), [303, 303])
  assert.equal((await notesOf(o.id)).length, 1)
  assert.deepEqual(await payment(o.id), { status: 'PARTIALLY_REFUNDED', refunded_amount: 200 })
  const rest = String((o.totals.gross - 200) / 100).replace('.', ',')
  assert.equal((await refund(browser, o.id, { mode: 'amount', amount: rest, refundReason: 'Client mécontent' })).res.statusCode, 303)
  assert.deepEqual(await payment(o.id), { status: 'REFUNDED', refunded_amount: o.totals.gross })
  assert.equal((await getOrderView(systemCtx(t.database.db, 'test'), o.id))!.status, 'refunded')
  const held = await sql<{ n: number }>`select count(*)::int as n from stock_reservations where order_id = ${o.id} and status <> 'RELEASED'`.execute(t.database.db)
  assert.equal(held.rows[0]!.n, 0, 'a refunded order is never shipped: its stock is back on sale')
  assert.match(textOf((await browser.get(`/admin/commandes/${o.id}`)).body), /Tout ce qui a été payé est remboursé/)
})

test('cancel with a reason before packing: stock back, credit note of what is left after a partial refund, the rest refunded; refused once packed', async () => {
  const o = await paidOrder({ email: 'annule@example.com', name: 'Annie Annule' })
  const { browser } = await signedInStaff(t.app, t.database, ['customer_service'])
  assert.equal((await refund(browser, o.id, { mode: 'amount', amount: '3,00', refundReason: 'Retard' })).res.statusCode, 303)
  await browser.get(`/admin/commandes/${o.id}`)
  const blank = await browser.post(`/admin/commandes/${o.id}/annulation`, { cancelReason: '' })
  assert.equal(blank.statusCode, 400)
  assert.match(textOf(blank.body), /Indiquez le motif de l’annulation/)
  const res = await browser.post(`/admin/commandes/${o.id}/annulation`, { cancelReason: 'Rupture chez le producteur' })
  assert.equal(res.statusCode, 303)
  assert.equal((await browser.post(`/admin/commandes/${o.id}/annulation`, { cancelReason: 'Rupture chez le producteur' })).statusCode, 303, 'sent twice: still cancelled')
  const view = (await getOrderView(systemCtx(t.database.db, 'test'), o.id))!
  assert.equal(view.status, 'cancelled')
  assert.equal(view.history.at(-1)!.note, 'Rupture chez le producteur')
  const notes = await notesOf(o.id)
  assert.equal(notes.reduce((a, n) => a + n.totalGross, 0), -o.totals.gross, 'the notes add up to the invoice')
  assert.deepEqual(await payment(o.id), { status: 'REFUNDED', refunded_amount: o.totals.gross })
  const held = await sql<{ n: number }>`select count(*)::int as n from stock_reservations where order_id = ${o.id} and status <> 'RELEASED'`.execute(t.database.db)
  assert.equal(held.rows[0]!.n, 0)
  assert.ok(await stockInvariantsHold(t.database.db))
  assert.deepEqual((await auditOf(o.id)).map((a) => [a.action, a.reason]), [['orders.refunded', 'Retard'], ['orders.cancelled', 'Rupture chez le producteur']])
  const mail = await sql<{ n: number }>`select count(*)::int as n from email_outbox where dedupe_key = ${`order-cancelled:${o.id}`}`.execute(t.database.db)
  assert.equal(mail.rows[0]!.n, 1)

  const packed = await paidOrder({ email: 'emballee@example.com', name: 'Emma Ballée', lines: [[COFFEE, 1]] })
  const sys = systemCtx(t.database.db, 'warehouse')
  await transitionOrder(sys, { orderId: packed.id, to: 'picking' })
  await transitionOrder(sys, { orderId: packed.id, to: 'packed' })
  await browser.get(`/admin/commandes/${packed.id}`)
  const late = await browser.post(`/admin/commandes/${packed.id}/annulation`, { cancelReason: 'Trop tard' })
  assert.equal(late.statusCode, 409)
  assert.match(textOf(late.body), /déjà emballée ou expédiée/)
  assert.equal((await getOrderView(sys, packed.id))!.status, 'packed')
})

test('resend the confirmation with a reason: one new outbox row even when submitted twice, then a second copy on purpose', async () => {
  const o = await paidOrder({ email: 'renvoi@example.com', name: 'René Renvoi', lines: [[COFFEE, 1]] })
  const first = (await sql<{ id: string }>`select id from email_outbox where dedupe_key = ${`order-confirmation:${o.id}`}`.execute(t.database.db)).rows[0]!.id
  const { browser } = await signedInStaff(t.app, t.database, ['customer_service'])
  await browser.get(`/admin/commandes/${o.id}`)
  const blank = await browser.post(`/admin/commandes/${o.id}/emails`, { emailId: first, n: '1', reason: '' })
  assert.equal(blank.statusCode, 400)
  assert.match(textOf(blank.body), /Indiquez pourquoi vous renvoyez cet e-mail/)
  const form = { emailId: first, n: '1', reason: 'Le client ne le trouve pas' }
  assert.equal((await browser.post(`/admin/commandes/${o.id}/emails`, form)).statusCode, 303)
  assert.match(String((await browser.post(`/admin/commandes/${o.id}/emails`, form)).headers.location), /alreadyResent/)
  const copies = async () => (await sql<{ dedupe_key: string; template: string }>`select dedupe_key, template from email_outbox where dedupe_key like ${`resend:${first}:%`} order by dedupe_key`.execute(t.database.db)).rows
  assert.deepEqual(await copies(), [{ dedupe_key: `resend:${first}:1`, template: 'order-confirmation' }])
  const page = await browser.get(`/admin/commandes/${o.id}`)
  assert.match(page.body, /name="n" value="2"/, 'the page offers the second copy')
  assert.match(textOf(page.body), /renvoi n° 1/)
  assert.equal((await browser.post(`/admin/commandes/${o.id}/emails`, { ...form, n: '2' })).statusCode, 303)
  assert.equal((await copies()).length, 2)
  assert.deepEqual((await auditOf(o.id)).map((a) => [a.action, a.reason]), [['orders.email_resent', 'Le client ne le trouve pas'], ['orders.email_resent', 'Le client ne le trouve pas']])
})

test('a customer name with <script> is text on the list and the order page; a read-only role sees no action and may not post one', async () => {
  const o = await paidOrder({ email: 'xss@example.com', name: '<script>alert("x")</script> Lou', lines: [[COFFEE, 1]] })
  const { browser } = await signedInStaff(t.app, t.database, ['logistics'])
  for (const url of [`/admin/commandes?q=xss@example.com`, `/admin/commandes/${o.id}`]) {
    const res = await browser.get(url)
    assert.equal(res.statusCode, 200)
    assert.doesNotMatch(res.body, /<script>alert/)
    assert.match(res.body, /&lt;script>alert/)
  }
  const page = await browser.get(`/admin/commandes/${o.id}`)
  assert.doesNotMatch(page.body, /remboursement"/)
  assert.doesNotMatch(page.body, /annulation"/)
  const denied = await browser.post(`/admin/commandes/${o.id}/remboursement`, { mode: 'amount', amount: '1', refundReason: 'non', requestKey: randomUUID() })
  assert.equal(denied.statusCode, 403)
  assert.deepEqual(await payment(o.id), { status: 'CAPTURED', refunded_amount: 0 })
})
