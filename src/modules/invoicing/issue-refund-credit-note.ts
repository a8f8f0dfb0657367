import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { splitCreditByRate } from './amount-credit.ts'
import { currentSellerProfile } from './company-profile.ts'
import { computeCreditAmounts, type CreditRefusal } from './credit-note-amounts.ts'
import { creditLeftOfInvoice, type CreditLeft } from './credit-left.ts'
import type { RatePart } from './invoice-draft.ts'
import { issueCreditNote } from './issue-credit-note.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { calendarDateIn, takeNextNumber } from './numbering.ts'
import { invoicingDb } from './tables.ts'
import type { CreditNoteSnapshot } from './types.ts'

export const IssueRefundCreditNoteInput = z.strictObject({
  invoiceId: z.string().min(1).max(64),
  reason: z.string().trim().min(1).max(500),
  issuedAt: z.coerce.date(),
  credit: z.discriminatedUnion('kind', [
    /** an amount TTC, split over the VAT rates left */
    z.strictObject({ kind: z.literal('amount'), amount: z.number().int().min(1) }),
    /** units of invoice lines (by SKU as invoiced), and the shipping if asked */
    z.strictObject({ kind: z.literal('lines'), lines: z.array(z.strictObject({ sku: z.string().min(1).max(64), quantity: z.number().int().min(1).max(100_000) })).max(500), shipping: z.boolean() }),
    /** whatever is left on the invoice (a cancellation after partial refunds) */
    z.strictObject({ kind: z.literal('rest') }),
  ]),
  /** never credit more than this (what is left to refund on the payment) */
  maxGross: z.number().int().min(0).optional(),
})
export type IssueRefundCreditNoteInput = z.input<typeof IssueRefundCreditNoteInput>

export type IssueRefundCreditNoteResult = { ok: true; creditNoteId: string; number: string; totalGross: number; cancelsInvoice: boolean } | CreditRefusal

/**
 * The credit note of a refund, for exactly what is given back: units (computed from the invoice
 * as issued, like issueCreditNote), an amount (split over the VAT rates left), or the rest. The
 * invoice row is locked first and the credit checked against what is left, in money and per VAT
 * rate, and against `maxGross`: a refusal writes nothing (INVOICING_CREDIT_EXCEEDS_INVOICE with
 * what remains), so the database trigger is never the one to say no.
 */
export async function issueRefundCreditNote(ctx: Ctx, input: IssueRefundCreditNoteInput): Promise<IssueRefundCreditNoteResult> {
  const parsed = IssueRefundCreditNoteInput.safeParse(input)
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', `refund credit note invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`)
  const req = parsed.data
  return inTransaction(ctx, async (tx): Promise<IssueRefundCreditNoteResult> => {
    const left = await creditLeftOfInvoice(tx, req.invoiceId, { lock: true })
    const limit = Math.min(left.leftGross, req.maxGross ?? Infinity)
    const exceeds = { ok: false as const, code: 'INVOICING_CREDIT_EXCEEDS_INVOICE' as const, sku: null, remaining: Math.max(limit, 0) }
    if (req.credit.kind === 'rest' && left.leftGross <= 0) return { ok: false, code: 'INVOICING_CREDIT_EMPTY' }
    const credit = req.credit.kind === 'rest' && left.amountNotes > 0 ? { kind: 'amount' as const, amount: left.leftGross } : req.credit
    if (credit.kind === 'amount') {
      if (credit.amount > limit) return exceeds
      return insertAmountNote(tx, left, credit.amount, req.reason, req.issuedAt)
    }
    const lines = credit.kind === 'rest' ? ('all' as const) : credit.lines
    const amounts = computeCreditAmounts(left.invoice.draft, left.already, { lines, shipping: credit.kind === 'rest' ? undefined : credit.shipping })
    if (!amounts.ok) return amounts
    if (-amounts.totalGross > limit || !withinRates(amounts.vatByRate, left.byRate)) return exceeds
    return issueCreditNote(tx, { invoiceId: left.invoice.id, reason: req.reason, lines, ...(credit.kind === 'lines' ? { shipping: credit.shipping } : {}), issuedAt: req.issuedAt })
  })
}

/** Every rate's credit (negative) stays within what is left at that rate. */
function withinRates(credit: readonly RatePart[], left: readonly RatePart[]): boolean {
  return credit.every((c) => {
    const l = left.find((p) => p.rateBp === c.rateBp)
    return !!l && -c.net <= l.net && -c.vat <= l.vat
  })
}

async function insertAmountNote(tx: Ctx, left: CreditLeft, amount: number, reason: string, issuedAt: Date): Promise<IssueRefundCreditNoteResult> {
  const parts = splitCreditByRate(amount, left.byRate)
  const totalNet = parts.reduce((a, p) => a + p.net, 0)
  const totalVat = parts.reduce((a, p) => a + p.vat, 0)
  const invoice = left.invoice
  const d = invoice.draft
  const seller = await currentSellerProfile(tx)
  const year = Number(calendarDateIn(issuedAt, seller.timeZone).slice(0, 4))
  const { sequence, number } = await takeNextNumber(tx.db, 'A', year)
  const cancelsInvoice = amount === left.leftGross
  const snapshot: CreditNoteSnapshot = {
    version: 1,
    invoice: { id: invoice.id, number: invoice.number, issuedAt: invoice.issuedAt, supplyDate: d.supplyDate, orderNumber: d.orderNumber },
    reason,
    cancelsInvoice,
    locale: d.locale,
    currency: d.currency,
    buyer: d.buyer,
    seller,
    lines: [],
    shipping: null,
    vatByRate: parts,
    totalNet,
    totalVat,
    totalGross: totalNet + totalVat,
    mentions: d.mentions,
  }
  const id = newId('inv', tx.now.getTime())
  await invoicingDb(tx.db).insertInto('credit_notes').values({
    id, number, year, sequence, invoice_id: invoice.id, reason, total_net: totalNet, total_vat: totalVat, total_gross: totalNet + totalVat, issued_at: issuedAt, snapshot: JSON.stringify(snapshot),
  }).execute()
  return { ok: true, creditNoteId: id, number, totalGross: totalNet + totalVat, cancelsInvoice }
}
