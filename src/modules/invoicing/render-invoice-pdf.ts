import type { Ctx } from '../../kernel/ctx.ts'
import { getInvoice } from './get-invoice.ts'
import { layoutInvoicePdf } from './invoice-pdf-layout.ts'
import { printableInvoice } from './printable.ts'

/**
 * The invoice as a PDF, printed from its snapshot (the same bytes of content every time), in
 * the draft's language unless `locale` says otherwise. Thrown NOT_FOUND for an unknown id; the
 * caller checks that the actor may see the order first.
 */
export async function renderInvoicePdf(ctx: Ctx, invoiceId: string, locale?: 'fr' | 'en'): Promise<Buffer> {
  const invoice = await getInvoice(ctx, invoiceId)
  return layoutInvoicePdf(printableInvoice(invoice), locale ?? invoice.draft.locale)
}
