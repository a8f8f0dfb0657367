import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { producerIdOf, signedInProducer } from '../helpers/producer.ts'
import { paidOrder } from '../builders/paid-order.ts'
import { textOf, type Browser } from './account-helpers.ts'
import { isoWeekLabel, weekStartOf } from '../../src/modules/portal/index.ts'
import { BarChart } from '../../src/web/portal/bar-chart.tsx'
import { render } from 'preact-render-to-string'
import { h } from 'preact'

// Sales in the portal: paid orders of the producer's products only, by ISO week, with the
// sell-through per product, an SVG chart and a CSV download; the home page's "this week".

let t: TestApp
let coffee: Browser
let expectedNet: number
let expectedUnits: number
const COFFEE = 'CHN-CAF-GR-250'

before(async () => {
  t = await testApp()
  const producerId = await producerIdOf(t.database.db, 'PRD-CHN')
  coffee = (await signedInProducer(t.app, t.database, producerId)).browser
  await paidOrder(t.database.db, { lines: [[COFFEE, 2], ['ACS-RHB50-100', 1]] })
  const cancelled = await paidOrder(t.database.db, { lines: [[COFFEE, 3]] })
  await sql`UPDATE orders SET status = 'cancelled', cancelled_at = now() WHERE id = ${cancelled.orderId}`.execute(t.database.db)
  const sold = await sql<{ units: string; net: string }>`
    SELECT sum(ol.quantity) AS units, sum(ol.net) AS net FROM order_lines ol JOIN orders o ON o.id = ol.order_id
    JOIN product_variants v ON v.id = ol.variant_id JOIN products p ON p.id = v.product_id
    WHERE p.producer_id = ${producerId} AND o.status <> 'cancelled'`.execute(t.database.db)
  expectedUnits = Number(sold.rows[0]!.units)
  expectedNet = Number(sold.rows[0]!.net)
})
after(() => t.close())

const euros = (cents: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100)
const normal = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ')

test('the sales page counts the paid, not cancelled, orders of the producer’s products in the current ISO week', async () => {
  assert.equal(expectedUnits, 2, 'the fixture: two bags of coffee sold, three cancelled')
  const res = await coffee.get('/portail/ventes')
  assert.equal(res.statusCode, 200)
  const week = isoWeekLabel(weekStartOf(new Date()))
  const text = normal(textOf(res.body))
  assert.ok(text.includes(`${week} `), 'the current week is listed')
  assert.ok(text.includes(`Total ${expectedUnits} ${normal(euros(expectedNet))}`), `the total is ${expectedUnits} units, ${euros(expectedNet)}`)
  assert.equal((res.body.match(/<th scope="row">S\d\d \d{4}<\/th>/g) ?? []).length, 12, 'twelve weeks, empty ones included')
  assert.match(res.body, /<svg[^>]*role="img"[^>]*aria-labelledby="sales-net-title"/)
  assert.ok(!text.includes('Rhum') && !text.includes('ACS-RHB50'), 'no rum of the other producer')
})

test('the sell-through of a product is sold ÷ (sold + on hand)', async () => {
  const onHand = Number((await sql<{ n: string }>`SELECT coalesce(sum(s.on_hand), 0) AS n FROM stock_levels s JOIN product_variants v ON v.id = s.variant_id WHERE v.product_id = (SELECT product_id FROM product_variants WHERE sku = ${COFFEE})`.execute(t.database.db)).rows[0]!.n)
  const sold = Number((await sql<{ n: string }>`SELECT coalesce(sum(ol.quantity), 0) AS n FROM order_lines ol JOIN orders o ON o.id = ol.order_id JOIN product_variants v ON v.id = ol.variant_id WHERE v.product_id = (SELECT product_id FROM product_variants WHERE sku = ${COFFEE}) AND o.status <> 'cancelled'`.execute(t.database.db)).rows[0]!.n)
  const csv = await coffee.get('/portail/ventes.csv')
  assert.equal(csv.statusCode, 200)
  assert.match(String(csv.headers['content-type']), /^text\/csv/)
  assert.match(String(csv.headers['content-disposition']), /attachment/)
  const lines = csv.body.replace(/^\ufeff/, '').trim().split('\n')
  assert.equal(lines[0], 'semaine,debut,unites,ventes_ht_eur')
  const current = lines.find((l) => l.startsWith(isoWeekLabel(weekStartOf(new Date()))))!
  assert.equal(current.split(',')[2], String(expectedUnits))
  assert.equal(current.split(',')[3], (expectedNet / 100).toFixed(2))
  const productLine = lines.find((l) => l.split(',')[1] === String(sold) && l.split(',')[2] === String(onHand))
  assert.ok(productLine, `a product line with ${sold} sold and ${onHand} on hand`)
  assert.equal(Number(productLine.split(',')[3]), Number(((sold * 100) / (sold + onHand)).toFixed(2)))
})

test('the home page shows this week’s sales and the orders to confirm', async () => {
  const res = await coffee.get('/portail')
  assert.equal(res.statusCode, 200)
  const text = normal(textOf(res.body))
  assert.ok(text.includes(`${expectedUnits} Unités vendues depuis le`))
  assert.ok(text.includes(`${normal(euros(expectedNet))} Ventes HT cette semaine`))
})

test('the home page flags the producer’s lots near their best-before date, and no one else’s', async () => {
  const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10)
  for (const [sku, code] of [[COFFEE, 'LOT-BIENTOT-CAFE'], ['ACS-RHB50-100', 'LOT-BIENTOT-RHUM']] as const) {
    const lotId = `lot_${code}`
    await sql`INSERT INTO lots (id, variant_id, warehouse_code, lot_code, best_before) SELECT ${lotId}, id, 'GP-JARRY', ${code}, ${soon}::date FROM product_variants WHERE sku = ${sku}`.execute(t.database.db)
    await sql`INSERT INTO stock_movements (lot_id, quantity, reason, reference) VALUES (${lotId}, 4, 'RECEIPT', 'test')`.execute(t.database.db)
  }
  const text = textOf((await coffee.get('/portail')).body)
  assert.match(text, /LOT-BIENTOT-CAFE GP-JARRY \d\d\/\d\d\/\d{4} 4/)
  assert.ok(!text.includes('LOT-BIENTOT-RHUM'))
})

test('the SVG bar chart escapes its labels and scales bars to the largest value', () => {
  const html = render(h(BarChart, { id: 'c', title: 'Ventes <script>', unit: 'u', bars: [{ label: '<b>S1', value: 50, display: '50' }, { label: 'S2', value: 100, display: '100' }, { label: 'S3', value: 0, display: '0' }] }))
  assert.ok(!html.includes('<script>') && !html.includes('<b>S1'))
  assert.ok(html.includes('&lt;script>') || html.includes('&lt;script&gt;'))
  const heights = [...html.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]))
  assert.equal(heights.length, 3)
  assert.equal(heights[1], heights[0]! * 2, 'a bar twice as tall for twice the value')
  assert.equal(heights[2], 0)
})
