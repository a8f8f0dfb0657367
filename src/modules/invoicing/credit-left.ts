import type { Ctx } from '../../kernel/ctx.ts'
import { notFound } from '../../kernel/errors.ts'
import { leftByRate } from './amount-credit.ts'
import type { AlreadyCredited } from './credit-note-amounts.ts'
import type { RatePart } from './invoice-draft.ts'
import { creditNoteFromRow, invoiceFromRow, selectCreditNotes, selectInvoices } from './queries.ts'
import type { CreditNoteView, InvoiceView } from './types.ts'

/** An invoice line and how many of its units are still to credit. */
export type LineLeft = { invoiceLine: number; sku: string; description: string; quantity: number; credited: number; left: number; gross: number; vatRateBp: number }

/** What an invoice has been credited so far and what is left (amounts positive). */
export type CreditLeft = {
  invoice: InvoiceView
  notes: CreditNoteView[]
  lines: LineLeft[]
  /** shipping charged on the invoice (TTC) and whether a note already credited it */
  shipping: { gross: number; credited: boolean } | null
  byRate: RatePart[]
  creditedGross: number
  leftGross: number
  /** notes of an amount (no units): later credits by units must stay within what is left in money */
  amountNotes: number
  /** units and shipping taken by earlier notes, as computeCreditAmounts wants them */
  already: AlreadyCredited
}

/**
 * What is left to credit on an invoice: units per line, shipping, money per VAT rate. With
 * `lock`, the invoice row is locked for the caller's transaction first, so a credit computed
 * from this cannot race another one (two statements: the invoice, then its notes, indexed).
 */
export async function creditLeftOfInvoice(ctx: Ctx, invoiceId: string, opts: { lock?: boolean } = {}): Promise<CreditLeft> {
  let q = selectInvoices(ctx.db).where('id', '=', invoiceId)
  if (opts.lock) q = q.forUpdate()
  const row = await q.executeTakeFirst()
  if (!row) throw notFound('invoice')
  return creditLeftOf(ctx, invoiceFromRow(row))
}

/** The same for an order's invoice; null while the order has none. */
export async function creditLeftOfOrder(ctx: Ctx, orderId: string, opts: { lock?: boolean } = {}): Promise<CreditLeft | null> {
  let q = selectInvoices(ctx.db).where('order_id', '=', orderId)
  if (opts.lock) q = q.forUpdate()
  const row = await q.executeTakeFirst()
  return row ? creditLeftOf(ctx, invoiceFromRow(row)) : null
}

async function creditLeftOf(ctx: Ctx, invoice: InvoiceView): Promise<CreditLeft> {
  const notes = (await selectCreditNotes(ctx.db).where('invoice_id', '=', invoice.id).orderBy('year').orderBy('sequence').execute()).map(creditNoteFromRow)
  const d = invoice.draft
  const already: AlreadyCredited = { quantities: d.lines.map(() => 0), shipping: false }
  for (const n of notes) {
    for (const l of n.content.lines) already.quantities[l.invoiceLine]! += l.quantity
    if (n.content.shipping) already.shipping = true
  }
  const creditedGross = notes.reduce((a, n) => a - n.totalGross, 0)
  return {
    invoice,
    notes,
    lines: d.lines.map((l, i) => ({ invoiceLine: i, sku: l.sku, description: l.description, quantity: l.quantity, credited: already.quantities[i]!, left: l.quantity - already.quantities[i]!, gross: l.gross, vatRateBp: l.vatRateBp })),
    shipping: d.shipping ? { gross: d.shipping.gross, credited: already.shipping } : null,
    byRate: leftByRate(d.vatByRate, notes.map((n) => n.content.vatByRate)),
    creditedGross,
    leftGross: invoice.totalGross - creditedGross,
    amountNotes: notes.filter((n) => n.content.lines.length === 0 && !n.content.shipping).length,
    already,
  }
}
