import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import type { MatchPoLine } from './three-way-match.ts'

export type PoContextLine = MatchPoLine & { position: number; variantId: string; description: string; quantityOrdered: number; vatRateBp: number }

export type PurchaseOrderContext = {
  id: string
  number: string
  producerId: string
  /** the last receipt's date: payment terms after delivery run from it */
  lastReceivedOn: string | null
  lines: PoContextLine[]
}

/**
 * A purchase order as an invoice is matched against it: per line the ordered cost, the units
 * accepted at receipt (goods_receipt_lines, summed) with the receipt numbers, and what earlier
 * invoices not cancelled already billed (optionally leaving one invoice out). One query per part,
 * each grouped by line. Null when the order does not exist.
 */
export async function purchaseOrderContext(ctx: Ctx, purchaseOrderId: string, excludeInvoiceId: string | null = null): Promise<PurchaseOrderContext | null> {
  const head = await sql<{ id: string; number: string; producer_id: string; last_received_on: Date | null }>`
    select po.id, po.number, po.producer_id, (select max(r.received_on) from goods_receipts r where r.purchase_order_id = po.id) as last_received_on
      from purchase_orders po where po.id = ${purchaseOrderId}`.execute(ctx.db)
  const po = head.rows[0]
  if (!po) return null
  const lines = await sql<{
    id: string; position: number; variant_id: string; sku: string | null; name: string | null; quantity_ordered: number; unit_cost: number; vat_rate_bp: number
    received: number; receipts: string[] | null; invoiced: number
  }>`
    select l.id, l.position, l.variant_id, v.sku, v.name_fr as name, l.quantity_ordered, l.unit_cost, l.vat_rate_bp,
           coalesce(rc.received, 0)::int as received, rc.receipts, coalesce(iv.invoiced, 0)::int as invoiced
      from purchase_order_lines l
      left join product_variants v on v.id = l.variant_id
      left join lateral (
        select sum(rl.quantity_accepted) as received, array_agg(distinct r.number order by r.number) as receipts
          from goods_receipt_lines rl join goods_receipts r on r.id = rl.receipt_id
         where rl.purchase_order_line_id = l.id) rc on true
      left join lateral (
        select sum(il.quantity) as invoiced
          from supplier_invoice_lines il join supplier_invoices i on i.id = il.supplier_invoice_id
         where il.purchase_order_line_id = l.id and i.status <> 'cancelled'
           and (${excludeInvoiceId}::text is null or i.id <> ${excludeInvoiceId})) iv on true
     where l.purchase_order_id = ${po.id}
     order by l.position`.execute(ctx.db)
  return {
    id: po.id,
    number: po.number,
    producerId: po.producer_id,
    lastReceivedOn: po.last_received_on ? isoDay(po.last_received_on) : null,
    lines: lines.rows.map((l) => ({
      id: l.id, poNumber: po.number, position: l.position, variantId: l.variant_id, sku: l.sku, description: l.name ?? l.sku ?? l.variant_id,
      quantityOrdered: l.quantity_ordered, unitCost: Number(l.unit_cost), vatRateBp: l.vat_rate_bp, receivedAccepted: Number(l.received),
      alreadyInvoiced: Number(l.invoiced), receiptNumbers: l.receipts ?? [],
    })),
  }
}

export type PurchaseOrderOption = { id: string; number: string; status: string; createdAt: Date }

/** A producer's purchase orders an invoice may refer to (not draft nor cancelled), newest first. */
export async function listInvoiceablePurchaseOrders(ctx: Ctx, producerId: string): Promise<PurchaseOrderOption[]> {
  const r = await sql<{ id: string; number: string; status: string; created_at: Date }>`
    select id, number, status, created_at from purchase_orders
     where producer_id = ${producerId} and status not in ('draft', 'cancelled') order by created_at desc limit 200`.execute(ctx.db)
  return r.rows.map((x) => ({ id: x.id, number: x.number, status: x.status, createdAt: x.created_at }))
}
