import type { CompanyProfile } from '../modules/invoicing/index.ts'
import { PAID_STATUSES } from './generate-orders-batch.ts'
import type { Query } from './generate-orders.ts'

// Invoices and credit notes of the generated bench orders (see generate-orders.ts), set-based.
// Snapshots follow the invoicing module's schemas (InvoiceSnapshot, CreditNoteSnapshot), so the
// finance pages and PDFs read them like issued ones. Numbers are gap-free per series and year,
// in date order, continuing the counters (bench data assumes nothing later was issued before).

const BUYER = (o: string) => `jsonb_build_object('name', ${o}.bill_to ->> 'name', 'email', ${o}.email, 'kind', 'B2C',
  'address', jsonb_build_object('line1', ${o}.bill_to ->> 'line1', 'postalCode', ${o}.bill_to ->> 'postalCode', 'city', ${o}.bill_to ->> 'city', 'country', 'FR'))`

/** Invoices of the batch's paid orders (gen_orders, gen_totals), in the caller's transaction. */
export async function generateInvoices(q: Query, o: { tag: string; seller: CompanyProfile }): Promise<number> {
  await q('DROP TABLE IF EXISTS gen_invoices')
  await q(`CREATE TEMP TABLE gen_invoices AS
    SELECT n, placed_at + interval '2 minutes' AS issued_at,
           extract(year FROM (placed_at + interval '2 minutes') AT TIME ZONE $1)::int AS year,
           to_char((placed_at + interval '2 minutes') AT TIME ZONE $1, 'YYYY-MM-DD') AS supply_date
      FROM gen_orders WHERE status IN ${PAID_STATUSES}`, [o.seller.timeZone])
  return takeNumbers(q, 'F', 'gen_invoices', async () => (await q(`INSERT INTO invoices (id, number, year, sequence, order_id, order_number, buyer_kind, currency,
      total_net, total_vat, total_gross, issued_at, snapshot)
    SELECT 'inv_' || $1::text || '_' || i.n, 'F-' || i.year || '-' || lpad(i.sequence::text, 6, '0'), i.year, i.sequence, o.id, o.number, 'B2C', 'EUR',
           t.net + t.ship_net, t.vat + t.ship_vat, t.goods + t.ship, i.issued_at,
           jsonb_build_object('version', 1, 'seller', $2::jsonb, 'draft', jsonb_build_object(
             'orderId', o.id, 'orderNumber', o.number, 'issuedAt', i.issued_at, 'supplyDate', i.supply_date, 'currency', 'EUR', 'locale', o.locale,
             'buyer', ${BUYER('o')}, 'deliveryAddress', NULL, 'lines', t.lines_json,
             'shipping', CASE WHEN t.ship > 0 THEN jsonb_build_object('description', o.method_name, 'net', t.ship_net, 'vat', t.ship_vat, 'gross', t.ship,
               'parts', jsonb_build_array(jsonb_build_object('rateBp', t.ship_rate, 'net', t.ship_net, 'vat', t.ship_vat))) END,
             'discount', NULL, 'vatByRate', t.vat_by_rate, 'totalNet', t.net + t.ship_net, 'totalVat', t.vat + t.ship_vat, 'totalGross', t.goods + t.ship,
             'mentions', '[]'::jsonb, 'nature', 'goods',
             'payment', jsonb_build_object('method', o.payment_method, 'status', 'paid', 'paidAt', o.paid_at, 'dueDate', i.supply_date)))
      FROM gen_invoices i JOIN gen_orders o USING (n) JOIN gen_totals t USING (n)`, [o.tag, JSON.stringify(o.seller)])).rowCount ?? 0)
}

const CREDIT_SLICE = 2000

/** One full credit note per refunded generated order, twelve days after its invoice (all batches at once: date order). */
export async function generateCreditNotes(q: Query, o: { tag: string; seller: CompanyProfile; now: Date }): Promise<number> {
  await q('BEGIN')
  try {
    await q('DROP TABLE IF EXISTS gen_credits')
    await q(`CREATE TEMP TABLE gen_credits AS
      SELECT row_number() OVER (ORDER BY i.issued_at, i.id) AS n, i.id AS invoice_id, i.number AS invoice_number, i.issued_at AS invoice_issued_at,
             i.total_net, i.total_vat, i.total_gross, i.snapshot -> 'draft' AS draft,
             least(i.issued_at + interval '12 days', $3::timestamptz) AS issued_at,
             extract(year FROM least(i.issued_at + interval '12 days', $3::timestamptz) AT TIME ZONE $2)::int AS year
        FROM orders ord JOIN invoices i ON i.order_id = ord.id
       WHERE ord.status = 'refunded' AND ord.id LIKE 'ord\\_' || $1::text || '\\_%'
         AND NOT EXISTS (SELECT 1 FROM credit_notes c WHERE c.invoice_id = i.id)`, [o.tag, o.seller.timeZone, o.now.toISOString()])
    const neg = (v: string) => `-(${v})::bigint`
    const total = (await q('SELECT count(*)::int AS n FROM gen_credits')).rows[0].n as number
    const n = await takeNumbers(q, 'A', 'gen_credits', async () => {
      let inserted = 0
      // in slices, statistics refreshed between them: the credit-note trigger sums the invoice's earlier
      // notes, and a plan made on the empty table would scan them all for every row (quadratic)
      for (let from = 0; from < total; from += CREDIT_SLICE) {
        inserted += (await q(`INSERT INTO credit_notes (id, number, year, sequence, invoice_id, reason,
        total_net, total_vat, total_gross, issued_at, snapshot)
      SELECT 'inv_' || $1::text || '_a' || c.n, 'A-' || c.year || '-' || lpad(c.sequence::text, 6, '0'), c.year, c.sequence, c.invoice_id, 'Remboursement',
             -c.total_net, -c.total_vat, -c.total_gross, c.issued_at,
             jsonb_build_object('version', 1, 'reason', 'Remboursement', 'cancelsInvoice', true, 'locale', c.draft ->> 'locale', 'currency', 'EUR',
               'invoice', jsonb_build_object('id', c.invoice_id, 'number', c.invoice_number, 'issuedAt', c.invoice_issued_at,
                 'supplyDate', c.draft ->> 'supplyDate', 'orderNumber', c.draft ->> 'orderNumber'),
               'buyer', c.draft -> 'buyer', 'seller', $2::jsonb,
               'lines', (SELECT jsonb_agg(jsonb_build_object('invoiceLine', e.ord - 1, 'sku', e.l ->> 'sku', 'description', e.l ->> 'description',
                           'quantity', (e.l ->> 'quantity')::int, 'unitNet', ${neg(`e.l ->> 'unitNet'`)}, 'net', ${neg(`e.l ->> 'net'`)},
                           'vatRateBp', (e.l ->> 'vatRateBp')::int, 'vat', ${neg(`e.l ->> 'vat'`)}, 'gross', ${neg(`e.l ->> 'gross'`)}, 'excise', NULL, 'css', NULL)
                           ORDER BY e.ord)
                           FROM jsonb_array_elements(c.draft -> 'lines') WITH ORDINALITY AS e(l, ord)),
               'shipping', CASE WHEN jsonb_typeof(c.draft -> 'shipping') = 'object' THEN jsonb_build_object(
                 'description', c.draft -> 'shipping' ->> 'description', 'net', ${neg(`c.draft -> 'shipping' ->> 'net'`)},
                 'vat', ${neg(`c.draft -> 'shipping' ->> 'vat'`)}, 'gross', ${neg(`c.draft -> 'shipping' ->> 'gross'`)},
                 'parts', (SELECT jsonb_agg(jsonb_build_object('rateBp', (p ->> 'rateBp')::int, 'net', ${neg(`p ->> 'net'`)}, 'vat', ${neg(`p ->> 'vat'`)}))
                             FROM jsonb_array_elements(c.draft -> 'shipping' -> 'parts') p)) END,
               'vatByRate', (SELECT jsonb_agg(jsonb_build_object('rateBp', (p ->> 'rateBp')::int, 'net', ${neg(`p ->> 'net'`)}, 'vat', ${neg(`p ->> 'vat'`)}))
                               FROM jsonb_array_elements(c.draft -> 'vatByRate') p),
               'totalNet', -c.total_net, 'totalVat', -c.total_vat, 'totalGross', -c.total_gross, 'mentions', '[]'::jsonb)
        FROM gen_credits c WHERE c.n > $3 AND c.n <= $3 + $4`, [o.tag, JSON.stringify(o.seller), from, CREDIT_SLICE])).rowCount ?? 0
        await q('ANALYZE credit_notes')
      }
      return inserted
    })
    await q('DROP TABLE gen_credits')
    await q('COMMIT')
    return n
  } catch (err) {
    await q('ROLLBACK')
    throw err
  }
}

/**
 * Gives each row of `table` (n, issued_at, year) a `sequence` after its year's counter, in date
 * order, moves the counters past them under their row locks, then runs the insert.
 */
async function takeNumbers(q: Query, series: 'F' | 'A', table: string, insert: () => Promise<number>): Promise<number> {
  await q(`INSERT INTO invoice_counters (series, year) SELECT DISTINCT $1, year FROM ${table} ON CONFLICT (series, year) DO NOTHING`, [series])
  await q(`SELECT 1 FROM invoice_counters WHERE series = $1 AND year IN (SELECT year FROM ${table}) FOR UPDATE`, [series])
  await q(`ALTER TABLE ${table} ADD COLUMN sequence integer`)
  await q(`ANALYZE ${table}`)
  await q(`UPDATE ${table} t SET sequence = s.sequence FROM (
             SELECT g.n, c.last_value + row_number() OVER (PARTITION BY g.year ORDER BY g.issued_at, g.n) AS sequence
               FROM ${table} g JOIN invoice_counters c ON c.series = $1 AND c.year = g.year) s
            WHERE s.n = t.n`, [series])
  await q(`UPDATE invoice_counters c SET last_value = m.last FROM (SELECT year, max(sequence) AS last FROM ${table} GROUP BY year) m
            WHERE c.series = $1 AND c.year = m.year`, [series])
  return insert()
}
