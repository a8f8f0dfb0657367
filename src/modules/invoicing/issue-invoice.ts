import type { Ctx } from '../../kernel/ctx.ts'
import { sql } from 'kysely'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { checkInvoiceDraft, type DraftProblemCode } from './check-invoice-draft.ts'
import { currentSellerProfile } from './company-profile.ts'
import { InvoiceDraftSchema, type InvoiceDraft } from './invoice-draft.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { calendarDateIn, lockSeries } from './numbering.ts'
import type { InvoiceSnapshot } from './types.ts'

export type IssueInvoiceResult =
  | { ok: true; invoiceId: string; number: string; /** false: the order already had this invoice */ created: boolean }
  | { ok: false; code: DraftProblemCode; problems: string[] }

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
    const seller = await currentSellerProfile(tx)
    const year = Number(calendarDateIn(d.issuedAt, seller.timeZone).slice(0, 4))
    // Under the series lock, a concurrent issue for the same order has committed or not started:
    // the next statement (a new snapshot) sees its invoice and takes no number.
    await lockSeries(tx.db, 'F', year)
    const id = newId('inv', tx.now.getTime())
    const snapshot: InvoiceSnapshot = { version: 1, draft: d, seller }
    // one statement: the order's invoice when it has one, else the next number and the new invoice
    const r = await sql<{ id: string; number: string; created: boolean }>`
      WITH existing AS (SELECT id, number FROM invoices WHERE order_id = ${d.orderId}),
      next AS (
        UPDATE invoice_counters SET last_value = last_value + 1
         WHERE series = 'F' AND year = ${year}::int AND NOT EXISTS (SELECT 1 FROM existing)
        RETURNING last_value),
      issued AS (
        INSERT INTO invoices (id, number, year, sequence, order_id, order_number, buyer_kind, currency, total_net, total_vat, total_gross, issued_at, snapshot)
        SELECT ${id}::text, 'F-' || ${String(year)}::text || '-' || lpad(last_value::text, 6, '0'), ${year}::int, last_value, ${d.orderId}::text, ${d.orderNumber}::text,
               ${d.buyer.kind}::text, ${d.currency}::text, ${d.totalNet}::bigint, ${d.totalVat}::bigint, ${d.totalGross}::bigint, ${d.issuedAt}::timestamptz, ${JSON.stringify(snapshot)}::jsonb
          FROM next
        RETURNING id, number)
      SELECT id, number, true AS created FROM issued
      UNION ALL SELECT id, number, false AS created FROM existing`.execute(tx.db)
    const row = r.rows[0]!
    return { ok: true, invoiceId: row.id, number: row.number, created: row.created }
  })
}
