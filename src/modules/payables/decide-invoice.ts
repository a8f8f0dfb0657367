import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { parseInput, recordId } from './input.ts'
import { payablesDb, type InvoiceStatus } from './tables.ts'

export const DecideInvoiceInput = z.object({
  invoiceId: recordId('Cette facture n’existe pas'),
  decision: z.enum(['approve', 'cancel'], { error: 'Choisissez approuver ou annuler' }),
  reason: z.string({ error: 'Indiquez la raison' }).trim().min(3, 'Indiquez la raison (3 caractères au moins)').max(2000, 'La raison : 2000 caractères au plus'),
})
export type DecideInvoiceInput = z.input<typeof DecideInvoiceInput>

const FROM: Record<'approve' | 'cancel', InvoiceStatus[]> = { approve: ['received', 'disputed'], cancel: ['received', 'disputed', 'approved'] }
const LABEL: Record<InvoiceStatus, string> = { received: 'reçue', disputed: 'en litige', approved: 'approuvée', paid: 'payée', cancelled: 'annulée' }

/**
 * A payables.manage member's decision on an invoice, with the reason kept in the audit log:
 * approve (a disputed invoice becomes payable despite its mismatch) or cancel (nothing paid yet).
 * The UPDATE is guarded by the status, so two members deciding at once: one wins, one gets 409.
 */
export async function decideInvoice(ctx: Ctx, raw: DecideInvoiceInput): Promise<{ status: InvoiceStatus }> {
  const input = parseInput(DecideInvoiceInput, raw)
  return inTransaction(ctx, async (tx) => {
    const db = payablesDb(tx.db)
    const before = await db.selectFrom('supplier_invoices').select(['id', 'status', 'amount_paid', 'invoice_number']).where('id', '=', input.invoiceId).forUpdate().executeTakeFirst()
    if (!before) throw new AppError('NOT_FOUND', 'Cette facture fournisseur n’existe pas.')
    const to: InvoiceStatus = input.decision === 'approve' ? 'approved' : 'cancelled'
    if (!FROM[input.decision].includes(before.status)) {
      throw new AppError('CONFLICT', `La facture ${before.invoice_number} est ${LABEL[before.status]} : elle ne peut plus être ${input.decision === 'approve' ? 'approuvée' : 'annulée'}.`)
    }
    if (to === 'cancelled' && Number(before.amount_paid) > 0) throw new AppError('CONFLICT', `La facture ${before.invoice_number} a déjà reçu des paiements : elle ne peut pas être annulée.`)
    await db.updateTable('supplier_invoices').set({ status: to, updated_at: ctx.now }).where('id', '=', before.id).where('status', '=', before.status).execute()
    await recordAudit(tx, { action: input.decision === 'approve' ? 'payables.invoice_approved' : 'payables.invoice_cancelled', entityType: 'supplier_invoice', entityId: before.id, before: { status: before.status }, after: { status: to }, reason: input.reason })
    return { status: to }
  })
}
