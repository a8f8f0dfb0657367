import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { payablesDb, type InvoiceStatus, type MatchStatus } from './tables.ts'
import type { LineMatch } from './three-way-match.ts'

export type InvoiceDetail = {
  id: string; producerId: string; producerName: string; invoiceNumber: string; invoiceDate: string; deliveredOn: string | null; receivedOn: string
  purchaseOrder: { id: string; number: string } | null
  totalNet: number; totalVat: number; totalGross: number; amountPaid: number; amountLeft: number
  dueOn: string; termsType: string; termsDays: number; status: InvoiceStatus; matchStatus: MatchStatus
  lines: { position: number; description: string; quantity: number; unitCost: number; net: number; vatRateBp: number; vat: number; match: LineMatch | null }[]
  payments: { id: string; amount: number; paidOn: string; reference: string | null; runId: string | null; runNumber: string | null }[]
}

/** One supplier invoice with its lines, each line's match (PO and receipt numbers it traces to) and its payments; null when unknown. */
export async function getSupplierInvoice(ctx: Ctx, id: string): Promise<InvoiceDetail | null> {
  const db = payablesDb(ctx.db)
  const inv = await db.selectFrom('supplier_invoices as i').innerJoin('producers as p', 'p.id', 'i.producer_id')
    .leftJoin('purchase_orders as po', 'po.id', 'i.purchase_order_id')
    .select(['i.id', 'i.producer_id', 'p.trade_name', 'i.invoice_number', 'i.invoice_date', 'i.delivered_on', 'i.received_on', 'i.purchase_order_id', 'po.number as po_number',
      'i.total_net', 'i.total_vat', 'i.total_gross', 'i.amount_paid', 'i.due_on', 'i.payment_terms_type', 'i.payment_terms_days', 'i.status', 'i.match_status', 'i.match_detail'])
    .where('i.id', '=', id).executeTakeFirst()
  if (!inv) return null
  const [lines, payments] = await Promise.all([
    db.selectFrom('supplier_invoice_lines').selectAll().where('supplier_invoice_id', '=', id).orderBy('position').execute(),
    db.selectFrom('supplier_payments as sp').leftJoin('payment_runs as r', 'r.id', 'sp.payment_run_id')
      .select(['sp.id', 'sp.amount', 'sp.paid_on', 'sp.reference', 'sp.payment_run_id', 'r.number as run_number'])
      .where('sp.supplier_invoice_id', '=', id).orderBy('sp.created_at').execute(),
  ])
  const detail = (Array.isArray(inv.match_detail) ? inv.match_detail : []) as LineMatch[]
  const byPosition = new Map(detail.map((m) => [m.position, m]))
  return {
    id: inv.id, producerId: inv.producer_id, producerName: inv.trade_name, invoiceNumber: inv.invoice_number, invoiceDate: isoDay(inv.invoice_date),
    deliveredOn: inv.delivered_on ? isoDay(inv.delivered_on) : null, receivedOn: isoDay(inv.received_on),
    purchaseOrder: inv.purchase_order_id && inv.po_number ? { id: inv.purchase_order_id, number: inv.po_number } : null,
    totalNet: Number(inv.total_net), totalVat: Number(inv.total_vat), totalGross: Number(inv.total_gross), amountPaid: Number(inv.amount_paid),
    amountLeft: Number(inv.total_gross) - Number(inv.amount_paid), dueOn: isoDay(inv.due_on), termsType: inv.payment_terms_type, termsDays: inv.payment_terms_days,
    status: inv.status, matchStatus: inv.match_status,
    lines: lines.map((l) => ({ position: l.position, description: l.description, quantity: l.quantity, unitCost: Number(l.unit_cost), net: Number(l.net), vatRateBp: l.vat_rate_bp, vat: Number(l.vat), match: byPosition.get(l.position) ?? null })),
    payments: payments.map((p) => ({ id: p.id, amount: Number(p.amount), paidOn: isoDay(p.paid_on), reference: p.reference, runId: p.payment_run_id, runNumber: p.run_number })),
  }
}
