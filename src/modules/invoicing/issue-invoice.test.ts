import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import type { Db, Database } from '../../kernel/db/client.ts'
import { AppError } from '../../kernel/errors.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { getInvoice, getInvoiceForOrder, issueInvoice, type InvoiceDraft } from './index.ts'
import { exportDraft, guadeloupeDraft, mainlandDraft } from './test-drafts.ts'

// Issuing invoices on the seeded demo market: numbering under concurrency and rollback,
// idempotency per order, refusals that write nothing, and documents that never change.

let database: Database
const ctxOf = (db: Db): Ctx => systemCtx(db, 'test-invoicing', { now: new Date('2026-03-12T15:30:00Z') })
const inTx = <T>(fn: (ctx: Ctx) => Promise<T>) => database.db.transaction().execute((trx) => fn(ctxOf(trx)))
const issued = async (draft: InvoiceDraft) => {
  const r = await inTx((ctx) => issueInvoice(ctx, draft))
  assert.ok(r.ok, JSON.stringify(r))
  return r
}
const numbers = async () =>
  (await sql<{ number: string }>`select number from invoices order by number`.execute(database.db)).rows.map((r) => r.number)
const expected = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `F-2026-${String(from + i).padStart(6, '0')}`)

before(async () => {
  database = await testDatabase()
})
after(async () => {
  await database?.close()
})

test('50 concurrent issues take the numbers 1 to 50 exactly, each once', async () => {
  const results = await Promise.all(Array.from({ length: 50 }, () => issued(mainlandDraft())))
  assert.deepEqual(results.map((r) => r.number).sort(), expected(1, 50))
  assert.deepEqual(await numbers(), expected(1, 50))
})

test('a rolled-back transaction gives its number back: no gap', async () => {
  await assert.rejects(inTx(async (ctx) => {
    const r = await issueInvoice(ctx, guadeloupeDraft())
    assert.ok(r.ok)
    assert.equal(r.number, 'F-2026-000051')
    throw new Error('payment capture failed after the invoice') // the order flow rolls back
  }), /payment capture failed/)
  const next = await issued(guadeloupeDraft())
  assert.equal(next.number, 'F-2026-000051')
})

test('concurrent issues where some transactions fail: the committed numbers stay contiguous', async () => {
  const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => inTx(async (ctx) => {
    const r = await issueInvoice(ctx, mainlandDraft())
    if (i % 3 === 0) throw new Error('rolled back')
    return r
  })))
  const committed = outcomes.filter((o) => o.status === 'fulfilled').length
  assert.equal(committed, 13)
  assert.deepEqual(await numbers(), expected(1, 51 + committed))
})

test('idempotent per order, even for concurrent calls: one invoice, one number', async () => {
  const draft = mainlandDraft()
  const before = (await numbers()).length
  const results = await Promise.all(Array.from({ length: 8 }, () => issued(draft)))
  assert.equal(new Set(results.map((r) => r.invoiceId)).size, 1)
  assert.equal(results.filter((r) => r.ok && r.created).length, 1)
  assert.equal((await numbers()).length, before + 1)
  const again = await issueInvoice(ctxOf(database.db), { ...draft, totalGross: draft.totalGross })
  assert.ok(again.ok && !again.created && again.invoiceId === results[0]!.invoiceId)
})

test('the invoice keeps the draft and the seller of the day; found by id and by order', async () => {
  const draft = exportDraft()
  const r = await issued(draft)
  const inv = await getInvoice(ctxOf(database.db), r.invoiceId)
  assert.equal(inv.number, r.number)
  assert.deepEqual(inv.draft, draft)
  assert.deepEqual([inv.totalNet, inv.totalVat, inv.totalGross], [draft.totalNet, 0, draft.totalGross])
  assert.equal(inv.seller.siren, '999710007')
  assert.equal((await getInvoiceForOrder(ctxOf(database.db), draft.orderId))?.id, r.invoiceId)
  assert.equal(await getInvoiceForOrder(ctxOf(database.db), 'ord_NONE'), null)
  await assert.rejects(getInvoice(ctxOf(database.db), 'inv_NONE'), (e: AppError) => e.code === 'NOT_FOUND')
})

test('drafts that do not add up are refused and take no number', async () => {
  const before = await numbers()
  const bad = mainlandDraft()
  bad.vatByRate[0]!.vat += 1
  bad.totalVat += 1
  bad.totalGross += 1
  const r = await inTx((ctx) => issueInvoice(ctx, bad))
  assert.equal(r.ok, false)
  if (!r.ok) {
    assert.equal(r.code, 'INVOICING_TOTALS_MISMATCH')
    assert.match(r.problems.join('\n'), /vatByRate 20 %/)
  }
  const noMention = await issueInvoice(ctxOf(database.db), exportDraft({ mentions: [] }))
  assert.deepEqual(noMention.ok ? null : noMention.code, 'INVOICING_MENTION_MISSING')
  assert.deepEqual(await numbers(), before)
  assert.equal(await getInvoiceForOrder(ctxOf(database.db), bad.orderId), null)
})

test('a malformed draft is a bug of the caller: thrown, nothing written', async () => {
  const cases: [string, InvoiceDraft][] = [
    ['negative amount', { ...mainlandDraft(), totalNet: -1 }],
    ['no line', { ...mainlandDraft(), lines: [] }],
    ['not a calendar date', { ...mainlandDraft(), supplyDate: '2026-02-30' }],
    ['fractional cents', { ...mainlandDraft(), totalGross: 10.5 }],
  ]
  cases.push(['SIREN of 8 digits', { ...mainlandDraft(), buyer: { ...mainlandDraft().buyer, kind: 'B2B', siren: '51234567' } }])
  for (const [name, draft] of cases) {
    await assert.rejects(issueInvoice(ctxOf(database.db), draft), (e: AppError) => e.code === 'INVOICING_DRAFT_MALFORMED', name)
  }
})

test('a business SIREN and VAT number typed with spaces are kept compact', async () => {
  const draft = mainlandDraft({ buyer: { ...mainlandDraft().buyer, kind: 'B2B', siren: '512 345 678', vatNumber: 'fr 83 512345678' } })
  const r = await issued(draft)
  const inv = await getInvoice(ctxOf(database.db), r.invoiceId)
  assert.deepEqual([inv.draft.buyer.siren, inv.draft.buyer.vatNumber], ['512345678', 'FR83512345678'])
})

test('issued invoices can be neither changed nor deleted, and a counter never goes back', async () => {
  const [first] = await numbers()
  await assert.rejects(sql`update invoices set total_gross = 0 where number = ${first}`.execute(database.db), /append-only/)
  await assert.rejects(sql`delete from invoices where number = ${first}`.execute(database.db), /append-only/)
  await assert.rejects(sql`update invoice_counters set last_value = 1 where series = 'F'`.execute(database.db), /only move forward/)
  await assert.rejects(sql`delete from invoice_counters`.execute(database.db), /only move forward/)
  // and the UNIQUE number is the last defence if a bug skipped the counter
  const row = (await sql<{ id: string; snapshot: unknown }>`select id, snapshot from invoices where number = ${first}`.execute(database.db)).rows[0]!
  await assert.rejects(sql`insert into invoices (id, number, year, sequence, order_id, order_number, buyer_kind, currency, total_net, total_vat, total_gross, issued_at, snapshot)
    values ('inv_DUP', ${first}, 2026, 1, 'ord_DUP', 'X', 'B2C', 'EUR', 0, 0, 0, now(), ${JSON.stringify(row.snapshot)})`.execute(database.db), /duplicate key|unique/i)
})

test('the number carries the year of the issue date in Guadeloupe, and a new year starts at 1', async () => {
  // 1 January 2027 at 2 a.m. UTC is still 31 December 2026 in Baie-Mahault
  const late = await issued(mainlandDraft({ issuedAt: new Date('2027-01-01T02:00:00Z') }))
  assert.match(late.number, /^F-2026-/)
  const next = await issued(mainlandDraft({ issuedAt: new Date('2027-01-01T05:00:00Z') }))
  assert.equal(next.number, 'F-2027-000001')
})
