import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { AppError } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { recordAudit } from '../audit/index.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { euroCents, invalid, isoDate, parseInput, recordId } from './input.ts'
import { payablesDb } from './tables.ts'

export const RecordPaymentInput = z.object({
  invoiceId: recordId('Cette facture n’existe pas'),
  amount: euroCents('Le montant', { min: 1 }),
  paidOn: isoDate('La date du paiement'),
  reference: z.string().trim().max(140, 'La référence : 140 caractères au plus').nullish().transform((s) => (s ? s : null)),
})
export type RecordPaymentInput = z.input<typeof RecordPaymentInput>

// A disputed invoice is paid only once a member approved it (or its dispute is settled by a credit).
const PAYABLE = new Set(['received', 'approved'])

/**
 * One payment of (part of) an invoice, outside a payment run (a transfer made by hand). More than
 * what is left is refused with a clear message; the CHECK amount_paid <= total_gross stays the
 * last word if two payments race. Fully paid → status paid.
 */
export async function recordSupplierPayment(ctx: Ctx, raw: RecordPaymentInput): Promise<{ paymentId: string; amountLeft: number }> {
  const input = parseInput(RecordPaymentInput, raw)
  if (input.paidOn > isoDay(ctx.now)) invalid([{ path: 'paidOn', message: 'La date du paiement ne peut pas être dans le futur' }])
  return inTransaction(ctx, async (tx) => {
    const db = payablesDb(tx.db)
    const inv = await db.selectFrom('supplier_invoices').select(['id', 'status', 'total_gross', 'amount_paid', 'invoice_number']).where('id', '=', input.invoiceId).forUpdate().executeTakeFirst()
    if (!inv) throw new AppError('NOT_FOUND', 'Cette facture fournisseur n’existe pas.')
    if (inv.status === 'disputed') throw new AppError('CONFLICT', `La facture ${inv.invoice_number} est en litige : approuvez-la (avec la raison) avant de la payer.`)
    if (!PAYABLE.has(inv.status)) throw new AppError('CONFLICT', `La facture ${inv.invoice_number} est ${inv.status === 'paid' ? 'déjà payée' : 'annulée'} : aucun paiement à enregistrer.`)
    const left = Number(inv.total_gross) - Number(inv.amount_paid)
    if (input.amount > left) invalid([{ path: 'amount', message: `Le montant dépasse ce qui reste dû sur la facture (${(left / 100).toFixed(2).replace('.', ',')} €)` }])
    const paymentId = newId('spy')
    await db.insertInto('supplier_payments').values({
      id: paymentId, supplier_invoice_id: inv.id, payment_run_id: null, amount: input.amount, paid_on: input.paidOn, reference: input.reference,
      created_by: ctx.actor.kind === 'staff' ? ctx.actor.staffId : null, created_at: ctx.now,
    }).execute()
    const paid = Number(inv.amount_paid) + input.amount
    const full = paid === Number(inv.total_gross)
    await db.updateTable('supplier_invoices').set({ amount_paid: paid, ...(full ? { status: 'paid' as const, paid_at: ctx.now } : {}), updated_at: ctx.now }).where('id', '=', inv.id).execute()
    await recordAudit(tx, { action: 'payables.payment_recorded', entityType: 'supplier_invoice', entityId: inv.id, before: { amount_paid: Number(inv.amount_paid), status: inv.status }, after: { amount_paid: paid, status: full ? 'paid' : inv.status, payment: paymentId, amount: input.amount } })
    return { paymentId, amountLeft: left - input.amount }
  })
}
