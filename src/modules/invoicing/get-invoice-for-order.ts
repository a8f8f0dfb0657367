import type { Ctx } from '../../kernel/ctx.ts'
import { invoiceFromRow, selectInvoices } from './queries.ts'
import type { InvoiceView } from './types.ts'

/** The invoice of an order, or null while it has none (not paid yet). The caller checks access to the order. */
export async function getInvoiceForOrder(ctx: Ctx, orderId: string): Promise<InvoiceView | null> {
  const row = await selectInvoices(ctx.db).where('order_id', '=', orderId).executeTakeFirst()
  return row ? invoiceFromRow(row) : null
}
