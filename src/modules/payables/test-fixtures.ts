import { sql } from 'kysely'
import type { Db } from '../../kernel/db/client.ts'
import { newId } from '../../kernel/ids.ts'

// Test support only: purchase orders and goods receipts written straight in SQL (as migration
// 0013 defines them), since payables reads them and the purchasing screens are built elsewhere.

export async function producerIdByCode(db: Db, code: string): Promise<string> {
  const r = await sql<{ id: string }>`select id from producers where code = ${code}`.execute(db)
  if (!r.rows[0]) throw new Error(`no producer ${code}`)
  return r.rows[0].id
}

export type TestPo = { id: string; number: string; lineIds: string[]; receiptNumbers: string[] }

/** A sent purchase order with its lines, and receipts accepting units on them (by line index). */
export async function insertPurchaseOrder(db: Db, input: {
  producerCode: string
  lines: { sku: string; quantity: number; unitCost: number; vatRateBp: number }[]
  receipts: { receivedOn: string; accepted: [lineIndex: number, quantity: number][] }[]
}): Promise<TestPo> {
  const producerId = await producerIdByCode(db, input.producerCode)
  const id = newId('pur')
  const seq = await sql<{ n: number }>`select nextval('purchase_order_number_seq') as n`.execute(db)
  const number = `BC-${String(seq.rows[0]!.n).padStart(6, '0')}`
  await sql`insert into purchase_orders (id, number, producer_id, warehouse_code, model, status) values (${id}, ${number}, ${producerId}, 'GP-JARRY', 'PURCHASE', 'sent')`.execute(db)
  const lineIds: string[] = []
  const variants: string[] = []
  for (const [i, l] of input.lines.entries()) {
    const v = await sql<{ id: string }>`select id from product_variants where sku = ${l.sku}`.execute(db)
    if (!v.rows[0]) throw new Error(`no variant ${l.sku}`)
    const lineId = newId('pol')
    await sql`insert into purchase_order_lines (id, purchase_order_id, position, variant_id, quantity_ordered, unit_cost, vat_rate_bp)
              values (${lineId}, ${id}, ${i + 1}, ${v.rows[0].id}, ${l.quantity}, ${l.unitCost}, ${l.vatRateBp})`.execute(db)
    lineIds.push(lineId)
    variants.push(v.rows[0].id)
  }
  const receiptNumbers: string[] = []
  for (const r of input.receipts) {
    const rid = newId('grc')
    const rseq = await sql<{ n: number }>`select nextval('goods_receipt_number_seq') as n`.execute(db)
    const rnumber = `RC-${String(rseq.rows[0]!.n).padStart(6, '0')}`
    await sql`insert into goods_receipts (id, number, purchase_order_id, producer_id, warehouse_code, received_on) values (${rid}, ${rnumber}, ${id}, ${producerId}, 'GP-JARRY', ${r.receivedOn})`.execute(db)
    for (const [index, qty] of r.accepted) {
      const lot = await sql<{ id: string; lot_code: string }>`select id, lot_code from lots where variant_id = ${variants[index]!} order by id limit 1`.execute(db)
      await sql`insert into goods_receipt_lines (id, receipt_id, purchase_order_line_id, variant_id, lot_id, lot_code, quantity_accepted)
                values (${newId('grl')}, ${rid}, ${lineIds[index]!}, ${variants[index]!}, ${lot.rows[0]!.id}, ${lot.rows[0]!.lot_code}, ${qty})`.execute(db)
    }
    receiptNumbers.push(rnumber)
  }
  return { id, number, lineIds, receiptNumbers }
}
