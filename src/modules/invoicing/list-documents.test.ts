import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { AppError } from '../../kernel/errors.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { exportDocumentRows, issueCreditNote, issueInvoice, listDocuments, type DocumentExportRow, type DocumentListInput, type DocumentRow, type InvoiceDraft } from './index.ts'
import { b2bDraft, guadeloupeDraft, mainlandDraft } from './test-drafts.ts'

// Finance lists on invoices issued through issueInvoice: filters, sorts, pages, the CSV export's
// rows with VAT per rate from the snapshots, credit notes, and input refused by the schemas.

let database: Database
let finance: Ctx
type Issued = { id: string; number: string; draft: InvoiceDraft }
const invoices: Issued[] = []
const credits: { id: string; invoice: Issued }[] = []

/** Issued at this instant (the seller is in Guadeloupe, UTC-4: 02:00Z is the day before). */
async function issue(make: (o: Partial<InvoiceDraft>) => InvoiceDraft, at: string): Promise<Issued> {
  const day = new Date(new Date(at).getTime() - 4 * 3600_000).toISOString().slice(0, 10)
  const base = make({})
  const draft = make({ issuedAt: new Date(at), supplyDate: day, payment: { ...base.payment, ...(base.payment.paidAt ? { paidAt: new Date(at) } : {}), dueDate: day } })
  const r = await database.db.transaction().execute((trx) => issueInvoice({ ...finance, db: trx }, draft))
  assert.ok(r.ok, JSON.stringify(r))
  const issued = { id: r.invoiceId, number: r.number, draft }
  invoices.push(issued)
  return issued
}

before(async () => {
  database = await testDatabase()
  finance = systemCtx(database.db, 'test', { actor: { kind: 'staff', staffId: 'stf_fin', email: 'finance@lakou.example', roles: ['finance'] } })
  await issue(mainlandDraft, '2026-01-15T15:00:00Z')
  await issue(guadeloupeDraft, '2026-02-03T10:00:00Z')
  await issue(b2bDraft, '2026-02-20T18:00:00Z')
  await issue(mainlandDraft, '2026-03-13T02:00:00Z') // 12 March where the seller is
  await issue(guadeloupeDraft, '2026-03-14T12:00:00Z')
  for (const invoice of [invoices[1]!, invoices[3]!]) {
    const r = await issueCreditNote({ ...finance, now: new Date('2026-03-20T12:00:00Z') }, { invoiceId: invoice.id, reason: 'Remboursement', issuedAt: new Date('2026-03-20T12:00:00Z') })
    assert.ok(r.ok)
    credits.push({ id: r.creditNoteId, invoice })
  }
})
after(async () => database?.close())

const list = (input: DocumentListInput) => listDocuments(finance, input)
const numbers = (rows: DocumentRow[]) => rows.map((r) => r.number)

test('invoices, newest first, with what finance reads on each row', async () => {
  const r = await list({})
  assert.equal(r.total, invoices.length)
  assert.equal(r.totalCapped, false)
  assert.deepEqual(numbers(r.rows), [...invoices].sort((a, b) => b.draft.issuedAt.getTime() - a.draft.issuedAt.getTime()).map((i) => i.number))
  for (const row of r.rows) {
    const i = invoices.find((x) => x.number === row.number)!
    assert.equal(row.kind, 'invoice')
    assert.equal(row.orderNumber, i.draft.orderNumber)
    assert.equal(row.buyerName, i.draft.buyer.name)
    assert.equal(row.buyerKind, i.draft.buyer.kind)
    assert.equal(row.date, i.draft.supplyDate, 'the seller\'s calendar day')
    assert.deepEqual([row.totalNet, row.totalVat, row.totalGross], [i.draft.totalNet, i.draft.totalVat, i.draft.totalGross])
  }
})

test('filters: number and order number by their start, issue days where the seller is', async () => {
  const one = invoices[2]!
  assert.deepEqual(numbers((await list({ number: one.number.toLowerCase() })).rows), [one.number])
  assert.equal((await list({ number: one.number.slice(0, 7) })).total, invoices.length)
  assert.deepEqual(numbers((await list({ orderNumber: one.draft.orderNumber })).rows), [one.number])
  assert.deepEqual(numbers((await list({ from: '2026-03-12', to: '2026-03-12' })).rows), [invoices[3]!.number])
  assert.deepEqual(numbers((await list({ from: '2026-02-01', to: '2026-02-28', sort: 'issued_at', dir: 'asc' })).rows), [invoices[1]!.number, invoices[2]!.number])
})

test('sorts by number and amount; pages cover every invoice once', async () => {
  assert.deepEqual(numbers((await list({ sort: 'number', dir: 'asc' })).rows), invoices.map((i) => i.number).sort())
  const byTotal = (await list({ sort: 'total' })).rows.map((r) => r.totalGross)
  assert.deepEqual(byTotal, invoices.map((i) => i.draft.totalGross).sort((a, b) => b - a))
  const seen: string[] = []
  for (let page = 1; page <= 3; page++) seen.push(...numbers((await list({ page, pageSize: 2 })).rows))
  assert.deepEqual(seen.sort(), invoices.map((i) => i.number).sort())
})

test('credit notes: negative amounts, the invoice they correct and its order', async () => {
  const r = await list({ kind: 'credit_note' })
  assert.equal(r.total, credits.length)
  for (const row of r.rows) {
    const c = credits.find((x) => x.id === row.id)!
    assert.equal(row.kind, 'credit_note')
    assert.equal(row.invoiceNumber, c.invoice.number)
    assert.equal(row.orderNumber, c.invoice.draft.orderNumber)
    assert.equal(row.totalGross, -c.invoice.draft.totalGross)
    assert.equal(row.buyerName, c.invoice.draft.buyer.name)
  }
  assert.deepEqual((await list({ kind: 'credit_note', orderNumber: credits[0]!.invoice.draft.orderNumber })).rows.map((row) => row.id), [credits[0]!.id])
})

test('the CSV export reads every document once, oldest first, in batches, with VAT per rate', async () => {
  const batches: DocumentExportRow[][] = []
  for await (const batch of exportDocumentRows(finance, {}, 2)) batches.push(batch)
  assert.deepEqual(batches.map((b) => b.length), [2, 2, 1])
  const rows = batches.flat()
  assert.deepEqual(numbers(rows), [...invoices].sort((a, b) => a.draft.issuedAt.getTime() - b.draft.issuedAt.getTime()).map((i) => i.number))
  for (const row of rows) {
    const i = invoices.find((x) => x.number === row.number)!
    assert.deepEqual(row.vatByRate, i.draft.vatByRate.map((p) => ({ rateBp: p.rateBp, net: p.net, vat: p.vat })))
    assert.equal(row.vatByRate.reduce((s, p) => s + p.net + p.vat, 0), row.totalGross)
  }
  const march: DocumentExportRow[] = []
  for await (const batch of exportDocumentRows(finance, { kind: 'credit_note', from: '2026-03-01', to: '2026-03-31' })) march.push(...batch)
  assert.equal(march.length, credits.length)
  for (const row of march) assert.equal(row.vatByRate.reduce((s, p) => s + p.net + p.vat, 0), row.totalGross)
})

test('bad input is refused by the schemas; finance lists are for staff', async () => {
  const bad: unknown[] = [{ kind: 'quote' }, { number: 'F-2026%' }, { from: '2026-03-02', to: '2026-03-01' }, { pageSize: 500 }, { sort: 'buyer' }, { to: '31/03/2026' }, { year: 2026 }]
  for (const input of bad) {
    await assert.rejects(list(input as DocumentListInput), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED' && e.status === 400, JSON.stringify(input))
  }
  await assert.rejects(exportDocumentRows(finance, { kind: 'quote' } as never).next(), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED')
  const shopper = systemCtx(database.db, 'test', { actor: { kind: 'anonymous' } })
  await assert.rejects(listDocuments(shopper, {}), (e: unknown) => e instanceof AppError && e.code === 'FORBIDDEN')
  await assert.rejects(exportDocumentRows(shopper, {}).next(), (e: unknown) => e instanceof AppError && e.code === 'FORBIDDEN')
})
