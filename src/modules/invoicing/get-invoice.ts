import type { Ctx } from '../../kernel/ctx.ts'
import { notFound } from '../../kernel/errors.ts'
import { invoiceFromRow, selectInvoices } from './queries.ts'
import type { InvoiceView } from './types.ts'

/**
 * One issued invoice by id; thrown NOT_FOUND when there is none. Invoicing does not know who
 * owns an order: the caller checks that the actor may see the order before showing its invoice.
 */
export async function getInvoice(ctx: Ctx, invoiceId: string): Promise<InvoiceView> {
  const row = await selectInvoices(ctx.db).where('id', '=', invoiceId).executeTakeFirst()
  if (!row) throw notFound('invoice')
  return invoiceFromRow(row)
}
