import type { Ctx } from '../../kernel/ctx.ts'
import { creditNoteFromRow, selectCreditNotes } from './queries.ts'
import type { CreditNoteView } from './types.ts'

/** The credit notes of an invoice, oldest first (empty when none). */
export async function listCreditNotes(ctx: Ctx, invoiceId: string): Promise<CreditNoteView[]> {
  const rows = await selectCreditNotes(ctx.db).where('invoice_id', '=', invoiceId).orderBy('year').orderBy('sequence').execute()
  return rows.map(creditNoteFromRow)
}
