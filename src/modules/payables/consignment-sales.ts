import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'

/** Sales are counted on the seller's calendar day (Guadeloupe), like invoices. */
const SELLER_TIME_ZONE = 'America/Guadeloupe'

export type SettledLine = { producerId: string; orderLineId: string; orderNumber: string; variantId: string; sku: string; soldOn: string; quantity: number; net: number }

type Row = { producer_id: string; order_line_id: string; order_number: string; variant_id: string; sku: string; sold_on: Date; quantity: number; net: number }
const lineOf = (l: Row): SettledLine => ({ producerId: l.producer_id, orderLineId: l.order_line_id, orderNumber: l.order_number, variantId: l.variant_id, sku: l.sku, soldOn: isoDay(l.sold_on), quantity: Number(l.quantity), net: Number(l.net) })

/** The producers' order lines on orders paid in [start, end] and not cancelled, not settled yet (one query for all). */
export async function consignmentSales(ctx: Ctx, producerIds: readonly string[], start: string, end: string): Promise<SettledLine[]> {
  if (!producerIds.length) return []
  const r = await sql<Row>`
    select pr.producer_id, ol.id as order_line_id, o.number as order_number, ol.variant_id, ol.sku, (o.paid_at at time zone ${SELLER_TIME_ZONE})::date as sold_on, ol.quantity, ol.net
      from orders o
      join order_lines ol on ol.order_id = o.id
      join product_variants v on v.id = ol.variant_id
      join products pr on pr.id = v.product_id
     where pr.producer_id = any(${[...producerIds]}::text[]) and o.status <> 'cancelled' and o.paid_at is not null
       and (o.paid_at at time zone ${SELLER_TIME_ZONE})::date between ${start}::date and ${end}::date
       and not exists (select 1 from consignment_statement_lines sl where sl.order_line_id = ol.id and sl.quantity > 0)
     order by pr.producer_id, o.paid_at, ol.position`.execute(ctx.db)
  return r.rows.map(lineOf)
}

/**
 * Units given back by credit notes issued in [start, end], as negative lines: the note's lines name
 * the SKU of the order's invoice, which points back to the order line. Only lines settled as a sale
 * (earlier, or in `saleLineIds` of this statement) are deducted, once per order line (the unique
 * index allows one refund row per line: a second partial refund of the same line in a later month
 * is not deducted again — rare, and said on the statement).
 */
export async function consignmentRefunds(ctx: Ctx, producerIds: readonly string[], start: string, end: string, saleLineIds: ReadonlySet<string>): Promise<SettledLine[]> {
  if (!producerIds.length) return []
  const r = await sql<Row & { settled: boolean }>`
    select pr.producer_id, ol.id as order_line_id, o.number as order_number, ol.variant_id, ol.sku, max((cn.issued_at at time zone ${SELLER_TIME_ZONE})::date) as sold_on,
           -sum(abs((l->>'quantity')::int)) as quantity, -sum(abs((l->>'net')::bigint)) as net,
           bool_or(exists (select 1 from consignment_statement_lines sl where sl.order_line_id = ol.id and sl.quantity > 0)) as settled
      from credit_notes cn
      join invoices inv on inv.id = cn.invoice_id
      join orders o on o.id = inv.order_id
      cross join lateral jsonb_array_elements(cn.snapshot->'lines') l
      join order_lines ol on ol.order_id = o.id and ol.sku = l->>'sku'
      join product_variants v on v.id = ol.variant_id
      join products pr on pr.id = v.product_id
     where pr.producer_id = any(${[...producerIds]}::text[])
       and (cn.issued_at at time zone ${SELLER_TIME_ZONE})::date between ${start}::date and ${end}::date
       and not exists (select 1 from consignment_statement_lines sl where sl.order_line_id = ol.id and sl.quantity < 0)
     group by pr.producer_id, ol.id, o.number, ol.variant_id, ol.sku
     order by pr.producer_id, 6, o.number`.execute(ctx.db)
  return r.rows.filter((x) => (x.settled || saleLineIds.has(x.order_line_id)) && Number(x.quantity) !== 0).map(lineOf)
}
