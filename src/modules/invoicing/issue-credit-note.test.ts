import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import type { Db, Database } from '../../kernel/db/client.ts'
import { AppError } from '../../kernel/errors.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { getCreditNote, issueCreditNote, issueInvoice, listCreditNotes, type InvoiceDraft } from './index.ts'
import { b2bDraft, mainlandDraft, RUM } from './test-drafts.ts'

// Credit notes (avoirs) on issued invoices: amounts from the snapshot, never more than the
// invoice even under concurrency, gap-free A- numbers.

let database: Database
const ctxOf = (db: Db): Ctx => systemCtx(db, 'test-credit-notes', { now: new Date('2026-03-20T14:00:00Z') })
const inTx = <T>(fn: (ctx: Ctx) => Promise<T>) => database.db.transaction().execute((trx) => fn(ctxOf(trx)))
const ISSUED = new Date('2026-03-20T14:00:00Z')

async function invoiceOf(draft: InvoiceDraft): Promise<string> {
  const r = await inTx((ctx) => issueInvoice(ctx, draft))
  assert.ok(r.ok)
  return r.invoiceId
}

before(async () => {
  database = await testDatabase()
})
after(async () => {
  await database?.close()
})

test('a full credit note gives back every amount of the invoice and cancels it', async () => {
  const draft = mainlandDraft()
  const invoiceId = await invoiceOf(draft)
  const r = await inTx((ctx) => issueCreditNote(ctx, { invoiceId, reason: 'Commande annulée avant expédition', issuedAt: ISSUED }))
  assert.ok(r.ok, JSON.stringify(r))
  assert.equal(r.number, 'A-2026-000001')
  assert.equal(r.totalGross, -draft.totalGross)
  assert.equal(r.cancelsInvoice, true)
  const note = await getCreditNote(ctxOf(database.db), r.creditNoteId)
  assert.deepEqual(note.content.vatByRate, draft.vatByRate.map((p) => ({ rateBp: p.rateBp, net: -p.net, vat: -p.vat })))
  assert.equal(note.content.invoice.orderNumber, draft.orderNumber)
  const again = await inTx((ctx) => issueCreditNote(ctx, { invoiceId, reason: 'encore', issuedAt: ISSUED }))
  assert.deepEqual(again, { ok: false, code: 'INVOICING_CREDIT_EMPTY' })
})

test('partial credit notes: proportional, and together exactly the invoice', async () => {
  const draft = b2bDraft() // 6 bottles of rum
  const invoiceId = await invoiceOf(draft)
  const totals: number[] = []
  for (const quantity of [1, 2, 3]) {
    const r = await inTx((ctx) => issueCreditNote(ctx, { invoiceId, reason: 'Bouteilles cassées', lines: [{ sku: RUM.sku, quantity }], issuedAt: ISSUED }))
    assert.ok(r.ok, JSON.stringify(r))
    totals.push(r.totalGross)
  }
  assert.equal(totals.reduce((a, b) => a + b, 0), -draft.totalGross)
  const notes = await listCreditNotes(ctxOf(database.db), invoiceId)
  assert.deepEqual(notes.map((n) => n.content.cancelsInvoice), [false, false, true])
  assert.deepEqual(notes.map((n) => n.content.lines[0]!.quantity), [1, 2, 3])
  const over = await inTx((ctx) => issueCreditNote(ctx, { invoiceId, reason: 'trop', lines: [{ sku: RUM.sku, quantity: 1 }], issuedAt: ISSUED }))
  assert.deepEqual(over, { ok: false, code: 'INVOICING_CREDIT_EXCEEDS_INVOICE', sku: RUM.sku, remaining: 0 })
})

test('concurrent credit notes on one invoice never credit more than it; numbers stay gap-free', async () => {
  const draft = b2bDraft()
  const invoiceId = await invoiceOf(draft)
  const before = (await sql<{ n: number }>`select count(*)::int as n from credit_notes`.execute(database.db)).rows[0]!.n
  const results = await Promise.all(Array.from({ length: 10 }, () =>
    inTx((ctx) => issueCreditNote(ctx, { invoiceId, reason: 'Retour', lines: [{ sku: RUM.sku, quantity: 1 }], issuedAt: ISSUED }))))
  assert.equal(results.filter((r) => r.ok).length, 6)
  assert.ok(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'INVOICING_CREDIT_EXCEEDS_INVOICE'))
  const credited = results.reduce((a, r) => a + (r.ok ? r.totalGross : 0), 0)
  assert.equal(credited, -draft.totalGross)
  const all = (await sql<{ number: string }>`select number from credit_notes order by number`.execute(database.db)).rows.map((r) => r.number)
  assert.deepEqual(all, Array.from({ length: before + 6 }, (_, i) => `A-2026-${String(i + 1).padStart(6, '0')}`))
})

test('refusals: unknown product, shipping twice, unknown invoice, bad request', async () => {
  const invoiceId = await invoiceOf(mainlandDraft())
  const unknown = await inTx((ctx) => issueCreditNote(ctx, { invoiceId, reason: 'x', lines: [{ sku: 'NOPE', quantity: 1 }], issuedAt: ISSUED }))
  assert.deepEqual(unknown, { ok: false, code: 'INVOICING_CREDIT_UNKNOWN_LINE', sku: 'NOPE' })
  const ship = await inTx((ctx) => issueCreditNote(ctx, { invoiceId, reason: 'Livraison en retard', lines: [], shipping: true, issuedAt: ISSUED }))
  assert.ok(ship.ok && ship.totalGross === -590)
  const twice = await inTx((ctx) => issueCreditNote(ctx, { invoiceId, reason: 'x', lines: [], shipping: true, issuedAt: ISSUED }))
  assert.equal(twice.ok ? null : twice.code, 'INVOICING_CREDIT_EXCEEDS_INVOICE')
  await assert.rejects(inTx((ctx) => issueCreditNote(ctx, { invoiceId: 'inv_NONE', reason: 'x', issuedAt: ISSUED })), (e: AppError) => e.code === 'NOT_FOUND')
  await assert.rejects(inTx((ctx) => issueCreditNote(ctx, { invoiceId, reason: ' ', issuedAt: ISSUED })), (e: AppError) => e.code === 'VALIDATION_FAILED')
  await assert.rejects(inTx((ctx) => issueCreditNote(ctx, { invoiceId, reason: 'x', lines: [{ sku: RUM.sku, quantity: 0 }], issuedAt: ISSUED })), (e: AppError) => e.code === 'VALIDATION_FAILED')
})

test('the database refuses credit notes beyond the invoice and any change to an issued note', async () => {
  const draft = mainlandDraft()
  const invoiceId = await invoiceOf(draft)
  const insert = (id: string, number: string, seq: number, gross: number) => sql`insert into credit_notes (id, number, year, sequence, invoice_id, reason, total_net, total_vat, total_gross, issued_at, snapshot)
    values (${id}, ${number}, 2099, ${seq}, ${invoiceId}, 'test', ${gross}, 0, ${gross}, now(), '{}')`.execute(database.db)
  await assert.rejects(insert('inv_X1', 'A-2099-000001', 1, -(draft.totalGross + 1)), /exceed invoice/)
  await insert('inv_X2', 'A-2099-000002', 2, -draft.totalGross)
  await assert.rejects(insert('inv_X3', 'A-2099-000003', 3, -1), /exceed invoice/)
  await assert.rejects(sql`update credit_notes set reason = 'changed' where id = 'inv_X2'`.execute(database.db), /append-only/)
  await assert.rejects(sql`delete from credit_notes where id = 'inv_X2'`.execute(database.db), /append-only/)
})
