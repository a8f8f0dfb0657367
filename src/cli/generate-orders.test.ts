import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { systemCtx } from '../kernel/ctx.ts'
import type { Database } from '../kernel/db/client.ts'
import { getCreditNote, getInvoice } from '../modules/invoicing/index.ts'
import { getOrderView } from '../modules/orders/index.ts'
import { testDatabase } from '../../test/helpers/test-db.ts'
import { generateOrders } from './generate-orders.ts'

// The bench order generator on the seeded demo market: consistent amounts, a realistic mix,
// invoices whose snapshots the invoicing module reads back, numbers without gaps.

let database: Database
const now = new Date('2026-06-15T12:00:00Z')
let result: Awaited<ReturnType<typeof generateOrders>>
const progress: number[] = []

before(async () => {
  database = await testDatabase()
  result = await generateOrders(database, { orders: 1200, batchSize: 500, now, onProgress: (n) => progress.push(n) })
})
after(async () => database?.close())

const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(database.db)).rows[0]!

test('writes the orders asked for, batch by batch, with 1 to 4 lines each and customers to order them', async () => {
  assert.deepEqual(progress, [500, 1000, 1200])
  const counts = await one(sql<{ orders: number; min: number; max: number; lines: number; customers: number; accounts: number }>`
    select (select count(*)::int from orders) as orders,
           (select min(n)::int from (select count(*) as n from order_lines group by order_id) x) as min,
           (select max(n)::int from (select count(*) as n from order_lines group by order_id) x) as max,
           (select count(*)::int from order_lines) as lines,
           (select count(*)::int from customers) as customers,
           (select count(*)::int from orders where customer_id is not null) as accounts`)
  assert.equal(counts.orders, 1200)
  assert.equal(counts.lines, result.lines)
  assert.ok(counts.min >= 1 && counts.max <= 4, `1–4 lines, got ${counts.min}–${counts.max}`)
  assert.ok(counts.customers >= result.customers)
  assert.ok(counts.accounts > 400 && counts.accounts < 1000, `about 60 % of orders by account holders, got ${counts.accounts}`)
})

test('amounts add up: lines to goods, goods and shipping to the total, net and VAT to gross', async () => {
  const bad = await one(sql<{ n: number }>`
    select count(*)::int as n from orders o
     where o.goods_gross <> (select sum(l.line_gross) from order_lines l where l.order_id = o.id)
        or o.total_net + o.total_vat <> o.total_gross
        or o.goods_gross + o.shipping_gross <> o.total_gross
        or (select sum((p ->> 'net')::bigint + (p ->> 'vat')::bigint) from jsonb_array_elements(o.tax_summary -> 'vatByRate') p) <> o.total_gross`)
  assert.equal(bad.n, 0)
})

test('a mix of statuses by age over two years, newest densest, with French names and e-mails', async () => {
  const r = await one(sql<{ statuses: number; delivered: number; oldest: Date; newest: Date; recent: number; accented: number; emails: number }>`
    select count(distinct status)::int as statuses, count(*) filter (where status = 'delivered')::int as delivered,
           min(placed_at) as oldest, max(placed_at) as newest,
           count(*) filter (where placed_at > ${now}::timestamptz - interval '365 days')::int as recent,
           count(*) filter (where ship_to ->> 'name' ~ '[éèëêïîôçâ]')::int as accented,
           count(*) filter (where email ~ '^[a-z_.]+[0-9]+@[a-z.]+$')::int as emails
      from orders`)
  assert.ok(r.statuses >= 5, `several statuses, got ${r.statuses}`)
  assert.ok(r.delivered > 600, 'most old orders are delivered')
  assert.ok(now.getTime() - r.oldest.getTime() > 700 * 864e5 && r.newest.getTime() <= now.getTime())
  assert.ok(r.recent > 600, `the last year holds more than half the orders, got ${r.recent}`)
  assert.ok(r.accented > 50, 'names keep their accents')
  assert.equal(r.emails, 1200)
  const view = await getOrderView(systemCtx(database.db, 'test'), (await one(sql<{ id: string }>`select id from orders order by placed_at desc limit 1`)).id)
  assert.ok(view && view.lines.length >= 1 && view.shipTo.name.length > 3)
})

test('paid orders have an invoice the invoicing module reads back, numbered without gaps in date order', async () => {
  const r = await one(sql<{ paid: number; invoices: number; refunded: number; notes: number }>`
    select count(*) filter (where status in ('paid', 'picking', 'packed', 'shipped', 'delivered', 'returned', 'refunded'))::int as paid,
           (select count(*)::int from invoices) as invoices, count(*) filter (where status = 'refunded')::int as refunded,
           (select count(*)::int from credit_notes) as notes
      from orders`)
  assert.equal(r.invoices, r.paid)
  assert.equal(result.invoices, r.paid)
  assert.equal(r.notes, r.refunded)
  const gaps = await sql<{ year: number; n: number; max: number; disorder: number }>`
    select year, count(*)::int as n, max(sequence)::int as max,
           count(*) filter (where issued_at < prev)::int as disorder
      from (select year, sequence, issued_at, lag(issued_at) over (partition by year order by sequence) as prev from invoices) x group by year`.execute(database.db)
  for (const g of gaps.rows) {
    assert.equal(g.max, g.n, `no gap in ${g.year}`)
    assert.equal(g.disorder, 0, `date order in ${g.year}`)
  }
  const ctx = systemCtx(database.db, 'test')
  const inv = await one(sql<{ id: string; order_id: string; total_gross: number }>`select id, order_id, total_gross from invoices order by issued_at desc limit 1`)
  const invoice = await getInvoice(ctx, inv.id)
  assert.equal(invoice.totalGross, inv.total_gross)
  assert.equal(invoice.draft.lines.reduce((s, l) => s + l.gross, 0) + (invoice.draft.shipping?.gross ?? 0), inv.total_gross)
  const note = await one(sql<{ id: string }>`select id from credit_notes limit 1`)
  if (note) {
    const cn = await getCreditNote(ctx, note.id)
    assert.ok(cn.totalGross < 0 && cn.content.cancelsInvoice)
  }
})
