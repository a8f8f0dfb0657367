import type { Ctx } from '../../kernel/ctx.ts'
import type { Db } from '../../kernel/db/client.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { checkInvoiceDraft, type DraftProblemCode } from './check-invoice-draft.ts'
import { getCompanyProfile } from './company-profile.ts'
import { InvoiceDraftSchema, type InvoiceDraft } from './invoice-draft.ts'
import { calendarDateIn, inTransaction, lockSeries, takeNextNumber } from './numbering.ts'
import { invoicingDb } from './tables.ts'
import type { InvoiceSnapshot } from './types.ts'

export type IssueInvoiceResult =
  | { ok: true; invoiceId: string; number: string; /** false: the order already had this invoice */ created: boolean }
  | { ok: false; code: DraftProblemCode; problems: string[] }

const findForOrder = (db: Db, orderId: string) =>
  invoicingDb(db).selectFrom('invoices').select(['id', 'number']).where('order_id', '=', orderId).executeTakeFirst()

/**
 * Issues the invoice of an order from the draft the order flow computed, in the caller's
 * transaction (ctx.db), so the invoice and its number commit or roll back with the payment.
 * - A malformed draft is a bug of the caller: thrown INVOICING_DRAFT_MALFORMED.
 * - Amounts that do not add up, a missing legal mention: returned, nothing written.
 * - Idempotent per order: a second call returns the first invoice (created: false), even when
 *   two calls race: both wait on the series lock, and the second then sees the first invoice.
 * The number is F-<year>-<sequence>, the year being the issue date's where the seller is.
 */
export async function issueInvoice(ctx: Ctx, draft: InvoiceDraft): Promise<IssueInvoiceResult> {
  const parsed = InvoiceDraftSchema.safeParse(draft)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(draft)'}: ${i.message}`)
    throw new AppError('INVOICING_DRAFT_MALFORMED', `invoice draft malformed: ${issues.slice(0, 5).join('; ')}`, issues)
  }
  const d = parsed.data
  const problems = checkInvoiceDraft(d)
  if (problems.length > 0) return { ok: false, code: problems[0]!.code, problems: problems.map((p) => p.message) }

  return inTransaction(ctx, async (tx): Promise<IssueInvoiceResult> => {
    const existing = await findForOrder(tx.db, d.orderId)
    if (existing) return { ok: true, invoiceId: existing.id, number: existing.number, created: false }
    const seller = await getCompanyProfile(tx)
    const year = Number(calendarDateIn(d.issuedAt, seller.timeZone).slice(0, 4))
    // Under the series lock, a concurrent issue for the same order has committed or not started.
    await lockSeries(tx.db, 'F', year)
    const raced = await findForOrder(tx.db, d.orderId)
    if (raced) return { ok: true, invoiceId: raced.id, number: raced.number, created: false }

    const { sequence, number } = await takeNextNumber(tx.db, 'F', year)
    const id = newId('inv', tx.now.getTime())
    const snapshot: InvoiceSnapshot = { version: 1, draft: d, seller }
    await invoicingDb(tx.db).insertInto('invoices').values({
      id,
      number,
      year,
      sequence,
      order_id: d.orderId,
      order_number: d.orderNumber,
      buyer_kind: d.buyer.kind,
      currency: d.currency,
      total_net: d.totalNet,
      total_vat: d.totalVat,
      total_gross: d.totalGross,
      issued_at: d.issuedAt,
      snapshot: JSON.stringify(snapshot),
    }).execute()
    return { ok: true, invoiceId: id, number, created: true }
  })
}
