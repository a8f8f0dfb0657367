import { randomBytes } from 'node:crypto'
import type pg from 'pg'
import { systemCtx } from '../kernel/ctx.ts'
import type { Database } from '../kernel/db/client.ts'
import { hashPassword } from '../kernel/password.ts'
import { getCompanyProfile } from '../modules/invoicing/index.ts'
import { EMAIL_DOMAINS, FIRST_NAMES, GUADELOUPE_CITIES, LAST_NAMES, MAINLAND_CITIES, STREETS } from './bench-people.ts'
import { generateCreditNotes, generateInvoices } from './generate-order-documents.ts'
import { createCustomers, insertOrderBatch } from './generate-orders-batch.ts'

/**
 * The order generator for the back-office benchmarks (`npm run seed -- --orders 1000000`).
 *
 * BENCH DATA ONLY: these orders bypass checkout on purpose. They are written straight into the
 * orders tables with set-based SQL (INSERT … SELECT over generate_series, one transaction per
 * batch), so no stock is reserved or taken, no payment row exists and no e-mail is queued. What
 * they keep is what the order desk and the finance lists read: customers with accounts and guests
 * with French names and e-mails, a mix of statuses by age, 1–4 lines priced from the market's list
 * on existing variants, totals that pass the tables' CHECKs (net + VAT = gross, goods + shipping =
 * total), orders spread over two years, the recent months denser. Paid orders get their invoice (a
 * schema-valid snapshot, gap-free numbers per year in date order), refunded ones a credit note.
 */
export type GenerateOrdersOptions = {
  orders: number
  /** orders per transaction (default 50,000) */
  batchSize?: number
  /** random seed: the same seed on the same catalogue gives the same orders */
  seed?: number
  now?: Date
  /** how far back the oldest order goes (default 730 days) */
  days?: number
  /** issue invoices and credit notes for paid and refunded orders (default true) */
  documents?: boolean
  onProgress?: (done: number) => void
}

export type GenerateOrdersResult = { orders: number; lines: number; customers: number; invoices: number; creditNotes: number; ms: number }

export type Query = (text: string, values?: unknown[]) => Promise<pg.QueryResult>

export async function generateOrders(database: Database, opts: GenerateOrdersOptions): Promise<GenerateOrdersResult> {
  const t0 = performance.now()
  const now = opts.now ?? new Date()
  const batchSize = opts.batchSize ?? 50_000
  const days = opts.days ?? 730
  const documents = opts.documents ?? true
  const tag = now.getTime().toString(36)
  // read before pinning the session: PGlite's pool has a single connection
  const seller = documents ? await getCompanyProfile(systemCtx(database.db, 'generate-orders')) : null
  const passwordHash = await hashPassword(randomBytes(24).toString('base64url')) // nobody knows it: accounts cannot sign in
  const client = await database.pool.connect() // one session: the temp tables live across batches
  try {
    const q: Query = (text, values = []) => client.query(text, values)
    // bench data: big sorts and hashes in memory, commits without waiting for the disk (reset below)
    await q(`SET work_mem = '128MB'`)
    await q('SET synchronous_commit = off')
    await q('SELECT setseed($1)', [((opts.seed ?? 42) % 997) / 997])
    await prepareSession(q)
    const counts = (await q(`SELECT count(*) FILTER (WHERE market = 'FR-MAINLAND')::int AS fr, count(*) FILTER (WHERE market = 'GP')::int AS gp FROM gen_variants`)).rows[0] as { fr: number; gp: number }
    if (!counts.fr || !counts.gp) throw new Error('no priced variants in FR-MAINLAND and GP: seed the demo market first')
    const customers = Math.max(1, Math.round(opts.orders * 0.15))
    await q('BEGIN')
    await createCustomers(q, { count: customers, tag, now, days, passwordHash })
    await q('COMMIT')
    const totals = { orders: 0, lines: 0, invoices: 0 }
    const start = new Date(now.getTime() - days * 86_400_000)
    for (let from = 1; from <= opts.orders; from += batchSize) {
      const to = Math.min(opts.orders, from + batchSize - 1)
      await q('BEGIN')
      try {
        const r = await insertOrderBatch(q, { from, to, total: opts.orders, tag, start, now, days, customers, variants: counts })
        totals.orders += r.orders
        totals.lines += r.lines
        if (seller) totals.invoices += await generateInvoices(q, { tag, seller })
        await q('COMMIT')
      } catch (err) {
        await q('ROLLBACK')
        throw err
      }
      opts.onProgress?.(totals.orders)
    }
    const creditNotes = seller ? await generateCreditNotes(q, { tag, seller, now }) : 0
    await q('DROP TABLE IF EXISTS gen_lists, gen_variants, gen_customers, gen_orders, gen_lines, gen_totals')
    await q('ANALYZE')
    return { ...totals, customers, creditNotes, ms: Math.round(performance.now() - t0) }
  } finally {
    await client.query('RESET work_mem; RESET synchronous_commit').catch(() => {})
    client.release()
  }
}

/** Word lists and the priced consumer variants of each market (lower numbers sell more). */
async function prepareSession(q: Query): Promise<void> {
  const places = (xs: readonly (readonly [string, string])[]) => xs.map(([postal, name]) => `${postal}|${name}`)
  await q('DROP TABLE IF EXISTS gen_lists, gen_variants, gen_customers')
  // names also folded once here ('Hélène' → 'helene', 'Jean-Baptiste' → 'jeanbaptiste') for the e-mail addresses
  const key = (list: string) => `ARRAY(SELECT regexp_replace(lakou_fold(x), '[^a-z]', '', 'g') FROM unnest(${list}) WITH ORDINALITY AS t(x, i) ORDER BY i)`
  await q(`CREATE TEMP TABLE gen_lists AS SELECT $1::text[] AS first_names, $2::text[] AS last_names, ${key('$1::text[]')} AS first_keys,
             ${key('$2::text[]')} AS last_keys, $3::text[] AS domains, $4::text[] AS streets, $5::text[] AS fr_cities, $6::text[] AS gp_cities`,
  [FIRST_NAMES, LAST_NAMES, EMAIL_DOMAINS, STREETS, places(MAINLAND_CITIES), places(GUADELOUPE_CITIES)])
  await q(`CREATE TEMP TABLE gen_variants AS
    SELECT row_number() OVER (PARTITION BY vp.market ORDER BY v.id)::int AS idx, vp.market, v.id AS variant_id, v.sku, v.name_fr AS name,
           vp.amount::bigint AS unit_gross, p.vat_category_code AS tax_category, r.rate_bp, v.made_to_order, p.age_restricted,
           NOT p.perishable AS withdrawal_eligible
      FROM product_variants v
      JOIN products p ON p.id = v.product_id AND p.status = 'ACTIVE'
      JOIN variant_prices vp ON vp.variant_id = v.id AND vp.price_list = 'RETAIL' AND vp.market IN ('FR-MAINLAND', 'GP') AND vp.amount > 0
      JOIN vat_rates r ON r.vat_category_code = p.vat_category_code AND r.territory_code = vp.market AND r.valid_to IS NULL
     WHERE v.status = 'ACTIVE' AND NOT v.b2b_only`)
  await q('CREATE INDEX ON gen_variants (market, idx)')
  await q('ANALYZE gen_variants')
}
