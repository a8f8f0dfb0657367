import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { systemCtx, type Ctx } from '../../src/kernel/ctx.ts'
import type { Database } from '../../src/kernel/db/client.ts'
import { AppError } from '../../src/kernel/errors.ts'
import { divRound } from '../../src/kernel/money.ts'
import { readPdfText } from '../../src/modules/invoicing/read-pdf-text.ts'
import {
  createRun, decideInvoice, executeRun, getRun, getStatement, getSupplierInvoice, issueStatements, payablesSchedule, proposeRun, recordInvoice,
  paymentRunCsv, recordSupplierPayment, renderStatementPdf, runTransfers, sendOverdueAlert,
} from '../../src/modules/payables/index.ts'
import { isValidIban, saveProducerBank } from '../../src/modules/producers/index.ts'
import { insertPurchaseOrder, producerIdByCode } from '../../src/modules/payables/test-fixtures.ts'
import { refundOrderByStaff } from '../../src/flows/refund-order.ts'
import { testCheckoutDeps } from '../builders/checkout.ts'
import { paidOrder } from '../builders/paid-order.ts'
import { addStaff } from '../helpers/staff.ts'
import { testDatabase } from '../helpers/test-db.ts'

// Finance's month with supplier invoices: typed, matched against orders and receipts, due per the
// agreement, paid by hand or in a run (once, even when clicked twice), alerted when late, and the
// consignment producers' monthly statements.

let database: Database
// A fixed day after the seeded agreements took effect: 25 March 2027.
const NOW = new Date('2027-03-25T15:00:00Z')
let ctx: Ctx
const RUM = 'ACS-RHB50-100'
const COFFEE = 'CHN-CAF-GR-250'

before(async () => {
  database = await testDatabase()
  ctx = systemCtx(database.db, 'test', { now: NOW })
})
after(async () => database.close())

const refused = (code: string, field?: string) => (err: unknown) => {
  assert.ok(err instanceof AppError, String(err))
  assert.equal(err.code, code, err.message)
  if (field) assert.ok((err.details as { path: string }[]).some((d) => d.path === field), JSON.stringify(err.details))
  return true
}
const count = async (table: string) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(database.db)).rows[0]!.n)

test('a rum invoice matching its order and receipts: totals, 30 days after the end of the delivery month, traceable lines', async () => {
  const po = await insertPurchaseOrder(database.db, { producerCode: 'PRD-ACS', lines: [{ sku: RUM, quantity: 24, unitCost: 1450, vatRateBp: 850 }], receipts: [{ receivedOn: '2027-02-26', accepted: [[0, 12]] }, { receivedOn: '2027-03-04', accepted: [[0, 12]] }] })
  const r = await recordInvoice(ctx, { producerId: await producerIdByCode(database.db, 'PRD-ACS'), invoiceNumber: 'ACS-2027-031', invoiceDate: '2027-03-10', purchaseOrderId: po.id,
    lines: [{ purchaseOrderLineId: po.lineIds[0], description: 'Rhum blanc 50°', quantity: 24, unitCost: '14,50', vatRateBp: '8,5' }] })
  assert.equal(r.matchStatus, 'matched')
  assert.equal(r.status, 'received')
  // delivered 4 March (last receipt) → end of March + 30 days
  assert.equal(r.dueOn, '2027-04-30')
  const inv = (await getSupplierInvoice(ctx, r.invoiceId))!
  assert.equal(inv.totalNet, 24 * 1450)
  assert.equal(inv.totalVat, divRound(24 * 1450 * 850, 10000))
  assert.equal(inv.totalGross, inv.totalNet + inv.totalVat)
  assert.equal(inv.deliveredOn, '2027-03-04')
  assert.equal(inv.termsType, 'DAYS_AFTER_END_OF_DELIVERY_MONTH')
  assert.deepEqual(inv.lines[0]!.match!.receiptNumbers, po.receiptNumbers)
  assert.equal(inv.lines[0]!.match!.poNumber, po.number)
  assert.equal(inv.lines[0]!.match!.receivedQuantity, 24)
})

test('over-billed or over-priced lines put the invoice in dispute until someone approves it with a reason (audited)', async () => {
  const po = await insertPurchaseOrder(database.db, { producerCode: 'PRD-CHN', lines: [{ sku: COFFEE, quantity: 50, unitCost: 600, vatRateBp: 210 }], receipts: [{ receivedOn: '2027-03-01', accepted: [[0, 40]] }] })
  const producerId = await producerIdByCode(database.db, 'PRD-CHN')
  const first = await recordInvoice(ctx, { producerId, invoiceNumber: 'CHN-100', invoiceDate: '2027-03-02', purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: po.lineIds[0], description: 'Café vert', quantity: 30, unitCost: 600, vatRateBp: 210 }] })
  assert.equal(first.matchStatus, 'matched')
  assert.equal(first.dueOn, '2027-05-01') // net 60 from the invoice date
  // 40 accepted, 30 billed already: 15 more is too many, and the price moved
  const second = await recordInvoice(ctx, { producerId, invoiceNumber: 'CHN-101', invoiceDate: '2027-03-05', purchaseOrderId: po.id, lines: [{ purchaseOrderLineId: po.lineIds[0], description: 'Café vert', quantity: 15, unitCost: 650, vatRateBp: 210 }] })
  assert.equal(second.matchStatus, 'mismatch')
  assert.equal(second.status, 'disputed')
  const inv = (await getSupplierInvoice(ctx, second.invoiceId))!
  assert.equal(inv.lines[0]!.match!.billableQuantity, 10)
  assert.equal(inv.lines[0]!.match!.problems.length, 2)
  await assert.rejects(recordSupplierPayment(ctx, { invoiceId: second.invoiceId, amount: 100, paidOn: '2027-03-20' }), (err: unknown) => refused('CONFLICT')(err) && /en litige/.test((err as Error).message))
  await assert.rejects(decideInvoice(ctx, { invoiceId: second.invoiceId, decision: 'approve', reason: '' }), refused('VALIDATION_FAILED', 'reason'))
  assert.equal((await decideInvoice(ctx, { invoiceId: second.invoiceId, decision: 'approve', reason: 'Hausse de prix acceptée par mail du 3 mars' })).status, 'approved')
  const audit = await sql<{ reason: string }>`select reason from audit_log where entity_id = ${second.invoiceId} and action = 'payables.invoice_approved'`.execute(database.db)
  assert.equal(audit.rows[0]?.reason, 'Hausse de prix acceptée par mail du 3 mars')
  await assert.rejects(decideInvoice(ctx, { invoiceId: second.invoiceId, decision: 'approve', reason: 'encore' }), refused('CONFLICT'))
})

test('refused with nothing written: a number used twice (any case), a future date, no quantity, no agreement yet, another producer’s order', async () => {
  const producerId = await producerIdByCode(database.db, 'PRD-MTE')
  const line = { description: 'Épices', quantity: 2, unitCost: 500, vatRateBp: 210 }
  await recordInvoice(ctx, { producerId, invoiceNumber: 'MTE-7', invoiceDate: '2027-03-01', lines: [line] })
  const before = await count('supplier_invoices')
  await assert.rejects(recordInvoice(ctx, { producerId, invoiceNumber: ' mte-7 ', invoiceDate: '2027-03-01', lines: [line] }), refused('CONFLICT', 'invoiceNumber'))
  await assert.rejects(recordInvoice(ctx, { producerId, invoiceNumber: 'MTE-8', invoiceDate: '2027-03-26', lines: [line] }), refused('VALIDATION_FAILED', 'invoiceDate'))
  await assert.rejects(recordInvoice(ctx, { producerId, invoiceNumber: 'MTE-9', invoiceDate: '2027-03-01', lines: [{ ...line, quantity: 0 }] }), refused('VALIDATION_FAILED', 'lines.0.quantity'))
  await assert.rejects(recordInvoice(ctx, { producerId, invoiceNumber: 'MTE-10', invoiceDate: '2019-01-15', lines: [line] }), (err: unknown) => refused('VALIDATION_FAILED', 'invoiceDate')(err) && /Aucun accord/.test((err as Error).message))
  const other = await insertPurchaseOrder(database.db, { producerCode: 'PRD-FVV', lines: [{ sku: 'FVV-VAN-G2', quantity: 1, unitCost: 100, vatRateBp: 0 }], receipts: [] })
  await assert.rejects(recordInvoice(ctx, { producerId, invoiceNumber: 'MTE-11', invoiceDate: '2027-03-01', purchaseOrderId: other.id, lines: [line] }), refused('VALIDATION_FAILED', 'purchaseOrderId'))
  assert.equal(await count('supplier_invoices'), before)
})

test('payments by hand: partial, more than owed refused, the last one settles the invoice', async () => {
  const producerId = await producerIdByCode(database.db, 'PRD-DKR')
  const r = await recordInvoice(ctx, { producerId, invoiceNumber: 'DKR-1', invoiceDate: '2027-03-01', lines: [{ description: 'Confitures', quantity: 10, unitCost: 300, vatRateBp: 210 }] })
  const gross = r.totalGross
  const p1 = await recordSupplierPayment(ctx, { invoiceId: r.invoiceId, amount: 1000, paidOn: '2027-03-20' })
  assert.equal(p1.amountLeft, gross - 1000)
  await assert.rejects(recordSupplierPayment(ctx, { invoiceId: r.invoiceId, amount: gross - 1000 + 1, paidOn: '2027-03-20' }), refused('VALIDATION_FAILED', 'amount'))
  await recordSupplierPayment(ctx, { invoiceId: r.invoiceId, amount: gross - 1000, paidOn: '2027-03-21', reference: 'VIR 123' })
  const inv = (await getSupplierInvoice(ctx, r.invoiceId))!
  assert.equal(inv.status, 'paid')
  assert.equal(inv.amountLeft, 0)
  assert.deepEqual(inv.payments.map((p) => p.amount), [1000, gross - 1000])
  await assert.rejects(recordSupplierPayment(ctx, { invoiceId: r.invoiceId, amount: 1, paidOn: '2027-03-21' }), refused('CONFLICT'))
})

test('the schedule: overdue first with days late, per producer subtotals of what is left to pay', async () => {
  const producerId = await producerIdByCode(database.db, 'PRD-LMD')
  // net 60: dated 2027-01-10 → due 2027-03-11, 14 days late on 25 March
  const late = await recordInvoice(ctx, { producerId, invoiceNumber: 'LMD-1', invoiceDate: '2027-01-10', lines: [{ description: 'Sucre', quantity: 4, unitCost: 1000, vatRateBp: 0 }] })
  await recordSupplierPayment(ctx, { invoiceId: late.invoiceId, amount: 1500, paidOn: '2027-03-01' })
  await recordInvoice(ctx, { producerId, invoiceNumber: 'LMD-2', invoiceDate: '2027-03-20', lines: [{ description: 'Sucre', quantity: 1, unitCost: 700, vatRateBp: 0 }] })
  const s = await payablesSchedule(ctx, { producerId, horizonDays: '90' })
  assert.equal(s.weeks[0]!.overdue, true)
  assert.equal(s.weeks[0]!.producers[0]!.maxDaysLate, 14)
  assert.equal(s.weeks[0]!.left, 4000 - 1500)
  assert.equal(s.overdueCount, 1)
  // due 2027-05-19, a Wednesday: in the week of Monday 17 May
  assert.deepEqual(s.weeks.slice(1).map((w) => [w.weekStart, w.left]), [['2027-05-17', 700]])
  assert.equal((await payablesSchedule(ctx, { producerId, horizonDays: '30' })).weeks.length, 1, 'beyond the horizon: only the overdue group')
})

test('a payment run pays matched and approved invoices once, even executed twice at the same moment; its transfer list', async () => {
  const proposal = await proposeRun(ctx, { payOn: '2027-05-31', withinDays: '0' })
  const ids = proposal.candidates.map((c) => c.invoiceId)
  assert.ok(ids.length >= 3, JSON.stringify(proposal.candidates))
  assert.ok(proposal.candidates.every((c) => c.status === 'approved' || c.matchStatus === 'matched'), 'only approved or matched invoices')
  assert.ok(!proposal.candidates.some((c) => c.status === 'disputed'))
  assert.ok(!proposal.candidates.some((c) => c.invoiceNumber === 'MTE-7'), 'an invoice without order must be approved first')
  const unticked = ids.at(-1)!
  const chosen = ids.filter((id) => id !== unticked)
  const run = await createRun(ctx, { payOn: '2027-03-31', invoiceIds: chosen })
  assert.equal(run.total, proposal.candidates.filter((c) => chosen.includes(c.invoiceId)).reduce((s, c) => s + c.left, 0))
  const paymentsBefore = await count('supplier_payments')
  const [a, b] = await Promise.all([executeRun(ctx, run.runId), executeRun(ctx, run.runId)])
  assert.deepEqual([a.alreadyExecuted, b.alreadyExecuted].sort(), [false, true])
  assert.equal(await count('supplier_payments'), paymentsBefore + chosen.length)
  const detail = (await getRun(ctx, run.runId))!
  assert.equal(detail.status, 'executed')
  assert.ok(detail.lines.every((l) => l.paid === l.proposed))
  for (const id of chosen) assert.equal((await getSupplierInvoice(ctx, id))!.status, 'paid')
  const transfers = runTransfers(detail)
  assert.equal(transfers.reduce((s, t) => s + t.amount, 0), run.total)
  // the demo producers' accounts fill the bank file (valid ISO 13616 IBANs, stored without spaces)
  assert.ok(transfers.every((t) => isValidIban(t.iban) && t.bic === 'DEMOFRPPXXX' && t.holder !== '' && t.invoiceNumbers.length >= 1), JSON.stringify(transfers))
  // paid invoices are not offered again, the unticked one still is
  const next = (await proposeRun(ctx, { payOn: '2027-05-31', withinDays: '0' })).candidates.map((c) => c.invoiceId)
  assert.ok(!next.some((id) => chosen.includes(id)))
  assert.ok(next.includes(unticked))
  await assert.rejects(createRun(ctx, { payOn: '2027-03-31', invoiceIds: chosen.slice(0, 1) }), refused('CONFLICT', 'invoiceIds'))
})

test('the daily overdue alert: one e-mail per finance member per day, listing the late invoices', async () => {
  const member = await addStaff(database, ['finance'])
  await addStaff(database, ['logistics'])
  const first = await sendOverdueAlert(ctx, 'https://lakou.test')
  assert.ok(first.overdue >= 1)
  assert.ok(first.queued >= 1)
  const mail = await sql<{ data: { invoices: { invoiceNumber: string; daysLate: number }[] } }>`select data from email_outbox where template = 'payables-overdue' and to_address = ${member.email}`.execute(database.db)
  assert.equal(mail.rows.length, 1)
  assert.ok(mail.rows[0]!.data.invoices.some((i) => i.invoiceNumber === 'LMD-1' && i.daysLate === 14))
  const again = await sendOverdueAlert(ctx, 'https://lakou.test')
  assert.equal(again.queued, 0, 'the same day: nothing more')
  const logistics = await sql<{ n: number }>`select count(*) as n from email_outbox where template = 'payables-overdue' and to_address like 'logistics%'`.execute(database.db)
  assert.equal(Number(logistics.rows[0]!.n), 0)
})

test('consignment statement of a month: units and sales net of VAT, commission and its VAT, owed, once only, with its PDF', async () => {
  const real = systemCtx(database.db, 'test')
  const order = await paidOrder(database.db, { lines: [['BWK-MIE-TF-250', 3]] })
  // one jar given back: its credit note comes off the statement as a negative line
  const orderLine = (await sql<{ id: string }>`select id from order_lines where order_id = ${order.orderId}`.execute(database.db)).rows[0]!
  const refund = await refundOrderByStaff(real, testCheckoutDeps(database.db), { orderId: order.orderId, requestKey: 'refund-one-jar-0001', reason: 'Pot cassé', mode: 'lines', lines: [{ orderLineId: orderLine.id, quantity: 1 }] })
  assert.ok(refund.ok, JSON.stringify(refund))
  const credited = Number((await sql<{ n: number }>`select cn.total_net as n from credit_notes cn join invoices i on i.id = cn.invoice_id where i.order_id = ${order.orderId}`.execute(database.db)).rows[0]!.n)
  const month = new Date().toISOString().slice(0, 7)
  const nextMonth = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 5))
  const later = { ...real, now: nextMonth }
  await assert.rejects(issueStatements(real, { month }), refused('VALIDATION_FAILED', 'month'))
  const r = await issueStatements(later, { month })
  const bwk = r.issued.find((s) => s.producerName.includes('Bwa Kanèl'))
  assert.ok(bwk, JSON.stringify(r))
  const s = (await getStatement(later, bwk.statementId))!
  const line = await sql<{ net: number; quantity: number }>`select ol.net, ol.quantity from order_lines ol join orders o on o.id = ol.order_id where o.id = ${order.orderId}`.execute(database.db)
  assert.equal(s.units, 3)
  assert.ok(credited < 0)
  assert.equal(s.salesNet, Number(line.rows[0]!.net) + credited, 'sales net of VAT, after the refund')
  assert.equal(s.commissionBp, 2500)
  assert.equal(s.commissionNet, divRound(s.salesNet * 2500, 10000))
  assert.equal(s.commissionVat, divRound(s.commissionNet * 850, 10000))
  assert.equal(s.amountOwed, s.salesNet - s.commissionNet - s.commissionVat)
  assert.deepEqual(s.lines.map((l) => [l.orderNumber, l.quantity, l.net]), [[order.number, 3, Number(line.rows[0]!.net)], [order.number, -1, credited]])
  assert.ok(r.nothingSold.some((n) => n.includes('Kalbas')), 'a consignment producer with no sale gets no statement')
  await assert.rejects(issueStatements(later, { month }), refused('CONFLICT'))
  const pdf = await readPdfText((await renderStatementPdf(later, s.id))!)
  assert.ok(pdf.text.includes(s.number), pdf.text)
  assert.ok(pdf.text.includes(order.number))
  assert.ok(pdf.text.includes('Montant dû au déposant'))
  assert.equal(await renderStatementPdf(later, 'cst_00000000000000000000000000'), null)
})

test('a run paying a producer without IBAN is refused, naming it, and pays nothing; once the account is typed the bank file carries it', async () => {
  const candidate = (await proposeRun(ctx, { payOn: '2027-06-30', withinDays: '0' })).candidates[0]
  assert.ok(candidate, 'an invoice is left to pay')
  await saveProducerBank(ctx, { producerId: candidate.producerId, iban: '', bic: '', holder: '' })
  const run = await createRun(ctx, { payOn: '2027-06-30', invoiceIds: [candidate.invoiceId] })
  const paymentsBefore = await count('supplier_payments')
  const missing = (err: unknown) => refused('CONFLICT')(err) && (err as Error).message.includes(candidate.producerName) && /IBAN/.test((err as Error).message)
  await assert.rejects(executeRun(ctx, run.runId), missing)
  assert.equal(await count('supplier_payments'), paymentsBefore)
  assert.equal((await getRun(ctx, run.runId))!.status, 'draft')
  const draft = (await getRun(ctx, run.runId))!
  assert.throws(() => paymentRunCsv(draft), missing)

  await saveProducerBank(ctx, { producerId: candidate.producerId, iban: 'fr76 3000 6000 0112 3456 7890 189', bic: 'agri frpp 882', holder: 'SARL Exemple' })
  const csv = paymentRunCsv((await getRun(ctx, run.runId))!)
  const [head, line] = csv.replace(/^\uFEFF/, '').split('\r\n')
  assert.equal(head, 'Nom du bénéficiaire;IBAN;BIC;Montant;Devise;Date d’exécution;Référence de bout en bout;Motif;Producteur')
  const cells = line!.split(';')
  assert.deepEqual(cells.slice(0, 3), ['SARL Exemple', 'FR7630006000011234567890189', 'AGRIFRPP882'])
  assert.equal(cells[3], (candidate.left / 100).toFixed(2))
  assert.match(cells[7]!, new RegExp(candidate.invoiceNumber))
  const done = await executeRun(ctx, run.runId)
  assert.equal(done.paid, 1)
})
