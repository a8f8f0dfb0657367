import type { Ctx } from '../../kernel/ctx.ts'
import { notFound } from '../../kernel/errors.ts'
import { creditNoteFromRow, selectCreditNotes } from './queries.ts'
import type { CreditNoteView } from './types.ts'

/** One credit note by id; thrown NOT_FOUND when there is none. The caller checks access to the order. */
export async function getCreditNote(ctx: Ctx, creditNoteId: string): Promise<CreditNoteView> {
  const row = await selectCreditNotes(ctx.db).where('id', '=', creditNoteId).executeTakeFirst()
  if (!row) throw notFound('credit note')
  return creditNoteFromRow(row)
}
