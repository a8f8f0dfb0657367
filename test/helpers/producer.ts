import assert from 'node:assert/strict'
import { sql } from 'kysely'
import type { App } from '../../src/http/app.ts'
import { systemCtx } from '../../src/kernel/ctx.ts'
import type { Database } from '../../src/kernel/db/client.ts'
import type { Db } from '../../src/kernel/db/client.ts'
import { newId } from '../../src/kernel/ids.ts'
import { createProducerUser } from '../../src/modules/producer-accounts/index.ts'
import { Browser } from '../http/account-helpers.ts'

export const PRODUCER_PASSWORD = 'canne à sucre 1848 bleue'

let counter = 0

/** A producer's id from its code ('PRD-ACS'). */
export async function producerIdOf(db: Db, code: string): Promise<string> {
  const r = await sql<{ id: string }>`SELECT id FROM producers WHERE code = ${code}`.execute(db)
  assert.ok(r.rows[0], `producer ${code} exists`)
  return r.rows[0].id
}

/** A portal account of this producer, by id or code (unique e-mail per call). */
export async function addProducerUser(database: Database, producerId: string, opts: { email?: string; name?: string } = {}) {
  counter++
  const email = opts.email ?? `portail-${producerId.toLowerCase().replace(/[^a-z0-9-]/g, '')}-${counter}-${Date.now()}@producteur.test`
  const { user } = await createProducerUser(systemCtx(database.db, 'test'), { producerId, email, name: opts.name ?? `Compte ${counter}`, password: PRODUCER_PASSWORD })
  return user
}

/** A browser signed in to the portal with this account. */
export async function producerBrowser(app: App, user: { email: string }, ip = '127.0.0.1'): Promise<Browser> {
  const b = new Browser(app, ip)
  const res = await b.submit('/portail/connexion', { email: user.email, password: PRODUCER_PASSWORD })
  assert.equal(res.statusCode, 303, `portal sign-in of ${user.email} answered ${res.statusCode}: ${res.body.slice(0, 200)}`)
  assert.ok(b.cookies.has('lakou_producer'), 'the portal cookie is set')
  return b
}

/** Creates a portal account of the producer and returns it with a signed-in browser. */
export async function signedInProducer(app: App, database: Database, producerId: string) {
  const user = await addProducerUser(database, producerId)
  return { user, browser: await producerBrowser(app, user) }
}

export type SupplyFixture = {
  productId: string; variantId: string; sku: string; poId: string; poNumber: string; draftPoId: string; receiptId: string; receiptNumber: string; lotCode: string
  invoiceId: string; invoiceNumber: string; statementId: string; statementNumber: string; proposalId: string
}

/**
 * Supply records of one producer by direct inserts following migration 0013: a sent purchase
 * order with one line (and a draft), a goods receipt with a new lot (2 damaged units), a supplier
 * invoice, a consignment statement and a pending content proposal. `tag` keeps numbers unique.
 */
export async function insertSupplyFixture(db: Db, producerId: string, tag: string, proposedBy: string): Promise<SupplyFixture> {
  const v = await sql<{ id: string; sku: string; product_id: string }>`
    SELECT v.id, v.sku, v.product_id FROM product_variants v JOIN products p ON p.id = v.product_id
    WHERE p.producer_id = ${producerId} ORDER BY v.sku LIMIT 1`.execute(db)
  const variant = v.rows[0]!
  const f: SupplyFixture = {
    productId: variant.product_id, variantId: variant.id, sku: variant.sku, poId: newId('pur'), poNumber: `BC-${tag}1`, draftPoId: newId('pur'),
    receiptId: newId('grc'), receiptNumber: `RC-${tag}1`, lotCode: `LOT-${tag}`, invoiceId: newId('sin'), invoiceNumber: `FAC-${tag}`,
    statementId: newId('cst'), statementNumber: `RV-2026-10-${tag}`, proposalId: newId('cpr'),
  }
  const lineId = newId('pol')
  const lotId = newId('lot')
  await sql`INSERT INTO purchase_orders (id, number, producer_id, warehouse_code, model, status, expected_on, note, sent_at)
    VALUES (${f.poId}, ${f.poNumber}, ${producerId}, 'GP-JARRY', 'PURCHASE', 'sent', '2026-12-10', ${`Note ${tag}`}, now()),
           (${f.draftPoId}, ${`BC-${tag}2`}, ${producerId}, 'GP-JARRY', 'PURCHASE', 'draft', NULL, NULL, NULL)`.execute(db)
  await sql`INSERT INTO purchase_order_lines (id, purchase_order_id, position, variant_id, quantity_ordered, unit_cost, vat_rate_bp)
    VALUES (${lineId}, ${f.poId}, 1, ${variant.id}, 24, 1234, 850)`.execute(db)
  await sql`INSERT INTO lots (id, variant_id, warehouse_code, lot_code, best_before) VALUES (${lotId}, ${variant.id}, 'GP-JARRY', ${f.lotCode}, '2027-06-30')`.execute(db)
  await sql`INSERT INTO stock_movements (lot_id, quantity, reason, reference) VALUES (${lotId}, 20, 'RECEIPT', ${f.receiptId})`.execute(db)
  await sql`INSERT INTO goods_receipts (id, number, purchase_order_id, producer_id, warehouse_code, received_on, note)
    VALUES (${f.receiptId}, ${f.receiptNumber}, ${f.poId}, ${producerId}, 'GP-JARRY', '2026-11-20', ${`Réception ${tag}`})`.execute(db)
  await sql`INSERT INTO goods_receipt_lines (id, receipt_id, purchase_order_line_id, variant_id, lot_id, lot_code, best_before, quantity_accepted, quantity_damaged, discrepancy_note)
    VALUES (${newId('grl')}, ${f.receiptId}, ${lineId}, ${variant.id}, ${lotId}, ${f.lotCode}, '2027-06-30', 20, 2, ${`Cartons écrasés ${tag}`})`.execute(db)
  await sql`INSERT INTO supplier_invoices (id, producer_id, invoice_number, purchase_order_id, invoice_date, total_net, total_vat, total_gross, due_on,
      payment_terms_type, payment_terms_days, match_status, status, amount_paid)
    VALUES (${f.invoiceId}, ${producerId}, ${f.invoiceNumber}, ${f.poId}, '2026-11-21', 29616, 2517, 32133, '2027-01-20', 'NET_DAYS_FROM_INVOICE', 60, 'matched', 'approved', 10000)`.execute(db)
  await sql`INSERT INTO consignment_statements (id, number, producer_id, period_start, period_end, units, sales_net, commission_bp, commission_net, commission_vat, amount_owed, due_on, status)
    VALUES (${f.statementId}, ${f.statementNumber}, ${producerId}, '2026-10-01', '2026-10-31', 7, 70000, 2500, 17500, 1488, 51012, '2026-12-15', 'issued')`.execute(db)
  await sql`INSERT INTO content_proposals (id, producer_id, product_id, proposed_by, changes, status)
    VALUES (${f.proposalId}, ${producerId}, ${variant.product_id}, ${proposedBy}, ${JSON.stringify({ name_fr: `Nom proposé ${tag}` })}::jsonb, 'pending')`.execute(db)
  return f
}
