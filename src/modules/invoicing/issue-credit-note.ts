import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError, notFound } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { currentSellerProfile } from './company-profile.ts'
import { computeCreditAmounts, type AlreadyCredited, type CreditRefusal } from './credit-note-amounts.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { calendarDateIn, takeNextNumber } from './numbering.ts'
import { creditNoteFromRow, invoiceFromRow, selectCreditNotes, selectInvoices } from './queries.ts'
import { invoicingDb } from './tables.ts'
import type { CreditNoteSnapshot } from './types.ts'

export const IssueCreditNoteInput = z.strictObject({
  invoiceId: z.string().min(1).max(64),
  reason: z.string().trim().min(1).max(500),
  /** what to credit: 'all' (default) = everything not credited yet, shipping included */
  lines: z.union([z.literal('all'), z.array(z.strictObject({ sku: z.string().min(1).max(64), quantity: z.number().int().min(1).max(100_000) })).max(500)]).optional(),
  /** credit the shipping (whole); default: only with 'all' */
  shipping: z.boolean().optional(),
  issuedAt: z.coerce.date(),
})
export type IssueCreditNoteInput = z.input<typeof IssueCreditNoteInput>

export type IssueCreditNoteResult = { ok: true; creditNoteId: string; number: string; totalGross: number; cancelsInvoice: boolean } | CreditRefusal

/**
 * Issues a credit note (avoir, series A) against an invoice, for a refund or a return: an issued
 * invoice is never changed, it is corrected by a credit note (CGI 272, BOI-TVA-DECLA-30-20-20).
 * Amounts come from the invoice snapshot, negative, per VAT rate. The invoice row is locked first,
 * so concurrent notes on one invoice are computed one after the other and can never credit more
 * than it (returned INVOICING_CREDIT_EXCEEDS_INVOICE; a trigger refuses it too).
 */
export async function issueCreditNote(ctx: Ctx, input: IssueCreditNoteInput): Promise<IssueCreditNoteResult> {
  const parsed = IssueCreditNoteInput.safeParse(input)
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', `credit note request invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`)
  const req = parsed.data

  return inTransaction(ctx, async (tx): Promise<IssueCreditNoteResult> => {
    const row = await selectInvoices(tx.db).where('id', '=', req.invoiceId).forUpdate().executeTakeFirst()
    if (!row) throw notFound('invoice')
    const invoice = invoiceFromRow(row)
    const earlier = (await selectCreditNotes(tx.db).where('invoice_id', '=', invoice.id).execute()).map(creditNoteFromRow)
    const before: AlreadyCredited = { quantities: invoice.draft.lines.map(() => 0), shipping: false }
    for (const note of earlier) {
      for (const l of note.content.lines) before.quantities[l.invoiceLine]! += l.quantity
      if (note.content.shipping) before.shipping = true
    }
    const amounts = computeCreditAmounts(invoice.draft, before, { lines: req.lines ?? 'all', shipping: req.shipping })
    if (!amounts.ok) return amounts

    const seller = await currentSellerProfile(tx)
    const year = Number(calendarDateIn(req.issuedAt, seller.timeZone).slice(0, 4))
    const { sequence, number } = await takeNextNumber(tx.db, 'A', year)
    const d = invoice.draft
    const snapshot: CreditNoteSnapshot = {
      version: 1,
      invoice: { id: invoice.id, number: invoice.number, issuedAt: invoice.issuedAt, supplyDate: d.supplyDate, orderNumber: d.orderNumber },
      reason: req.reason,
      cancelsInvoice: amounts.cancelsInvoice,
      locale: d.locale,
      currency: d.currency,
      buyer: d.buyer,
      seller,
      lines: amounts.lines,
      shipping: amounts.shipping,
      vatByRate: amounts.vatByRate,
      totalNet: amounts.totalNet,
      totalVat: amounts.totalVat,
      totalGross: amounts.totalGross,
      // the exemption reference of the invoice applies to its correction as well
      mentions: d.mentions,
    }
    const id = newId('inv', tx.now.getTime())
    await invoicingDb(tx.db).insertInto('credit_notes').values({
      id,
      number,
      year,
      sequence,
      invoice_id: invoice.id,
      reason: req.reason,
      total_net: amounts.totalNet,
      total_vat: amounts.totalVat,
      total_gross: amounts.totalGross,
      issued_at: req.issuedAt,
      snapshot: JSON.stringify(snapshot),
    }).execute()
    return { ok: true, creditNoteId: id, number, totalGross: amounts.totalGross, cancelsInvoice: amounts.cancelsInvoice }
  })
}
