import type { Ctx } from '../../kernel/ctx.ts'
import { getCreditNote } from './get-credit-note.ts'
import { layoutInvoicePdf } from './invoice-pdf-layout.ts'
import { printableCreditNote } from './printable.ts'

/** The credit note as a PDF ("Avoir", the invoice it cancels or corrects, the reason), from its snapshot. */
export async function renderCreditNotePdf(ctx: Ctx, creditNoteId: string, locale?: 'fr' | 'en'): Promise<Buffer> {
  const note = await getCreditNote(ctx, creditNoteId)
  return layoutInvoicePdf(printableCreditNote(note), locale ?? note.content.locale)
}
