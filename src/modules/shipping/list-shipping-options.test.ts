import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { clearShippingCache, listShippingOptions, resolveZone, type Shipment, type ShipmentLine, type Zone } from './index.ts'

// The demo market's shipping data (data/seed/shipping.json) with real catalogue lines.
let database: Database
let ctx: Ctx
const lines = new Map<string, Omit<ShipmentLine, 'quantity'>>()
before(async () => {
  database = await testDatabase()
  ctx = systemCtx(database.db, 'test')
  const rows = await sql<{ sku: string; shipping_class_code: string; gross_weight_g: number; glass: boolean; allowed_zones: string[] }>`
    select v.sku, p.shipping_class_code, v.gross_weight_g, v.glass, v.allowed_zones
      from product_variants v join products p on p.id = v.product_id`.execute(database.db)
  for (const r of rows.rows) lines.set(r.sku, { key: r.sku, shippingClass: r.shipping_class_code, grossWeightG: r.gross_weight_g, glass: r.glass, allowedZones: r.allowed_zones })
})
after(async () => database.close())

const line = (sku: string, quantity = 1): ShipmentLine => ({ ...lines.get(sku)!, quantity })
const hub = (...l: ShipmentLine[]): Shipment => ({ warehouseCode: 'FR-HUB', originTerritory: 'FR-MAINLAND', lines: l })
const jarry = (...l: ShipmentLine[]): Shipment => ({ warehouseCode: 'GP-JARRY', originTerritory: 'GP', lines: l })
// Monday 9 March 2026, 09:00 in Guadeloupe, 14:00 in Paris
const NOW = new Date('2026-03-09T13:00:00Z')
const options = (zone: Zone, goodsGross: number, ...shipments: Shipment[]) => listShippingOptions(ctx, { zone, now: NOW, goodsGross, shipments })

test('guest in Paris buying a rum, a coffee and a bouquet: Chronopost carries both shipments, flowers on a picked date', async () => {
  const zone = resolveZone({ country: 'FR', postalCode: '75011' })
  assert.ok(zone.ok)
  const r = await options(zone.zone, 2790 + 1890 + 4490, hub(line('ACS-RHB50-100', 2), line('CHN-CAF-GR-250')), jarry(line('JFL-ANT-R10')))
  assert.deepEqual(r.undeliverable, [])
  assert.deepEqual(r.options.map((o) => o.methodCode), ['CHRONOPOST'])
  const o = r.options[0]!
  assert.deepEqual(o.name, { fr: 'Chronopost express', en: 'Chronopost express' })
  // hub: 2 × (1 750 g + 150 g of cells) + 290 g = 4 090 g → 18.90 €; Jarry: 2 600 g → 39.00 €
  assert.deepEqual(o.perShipment.map((s) => [s.warehouseCode, s.parcelWeightsG, s.priceGross]), [['FR-HUB', [4090], 1890], ['GP-JARRY', [2600], 3900]])
  assert.equal(o.priceGross, 5790)
  assert.equal(o.deliveryDates?.[0], '2026-03-13')
  assert.ok(o.deliveryDates!.every((d) => d <= '2026-04-08'))
})

test('customer in Guadeloupe: everything leaves Jarry by our van, free from 60 € of goods', async () => {
  const cart = jarry(line('ACS-RHB50-100'), line('CHN-CAF-GR-250'), line('JFL-ANT-R10'))
  const r = await options('GP', 1850 + 1690 + 3200, cart)
  assert.deepEqual(r.options.map((o) => [o.methodCode, o.priceGross]), [['LAKOU_LOCAL', 0]])
  assert.deepEqual(r.options[0]!.deliveryDates?.slice(0, 3), ['2026-03-11', '2026-03-12', '2026-03-13'])
  const small = await options('GP', 1850, jarry(line('ACS-RHB50-100')))
  assert.deepEqual(small.options.map((o) => [o.methodCode, o.priceGross]), [['LAKOU_LOCAL', 590], ['COLISSIMO', 790]])
})

test('mainland without flowers: Chronopost, Colissimo and the relay point, free relay from 140 €', async () => {
  const r = await options('FR-MAINLAND', 13990, hub(line('ACS-RHB50-100', 5)))
  assert.deepEqual(r.options.map((o) => [o.methodCode, o.priceGross]), [['CHRONOPOST', 2490], ['COLISSIMO', 2195], ['RELAY_POINT', 890]])
  const free = await options('FR-MAINLAND', 14000, hub(line('ACS-RHB50-100', 5)))
  assert.equal(free.options.find((o) => o.methodCode === 'RELAY_POINT')?.priceGross, 0)
  const colissimo = r.options.find((o) => o.methodCode === 'COLISSIMO')!
  assert.deepEqual(colissimo.promise, { from: '2026-03-12', to: '2026-03-12' })
})

test('seven bottles to Germany: two parcels from the hub', async () => {
  const r = await options('EU', 7 * 2790, hub(line('ACS-RHB50-100', 7)))
  const colissimo = r.options.find((o) => o.methodCode === 'COLISSIMO')!
  assert.deepEqual(colissimo.perShipment[0]!.parcelWeightsG, [11400, 1900])
  assert.equal(colissimo.priceGross, 6490 + 1990)
})

test('each undeliverable reason on the demo data', async () => {
  const re = await options('RE', 2790, jarry(line('ACS-RHB50-100'), line('CHN-CAF-GR-250')))
  assert.deepEqual(re.undeliverable.map((u) => [u.key, u.code]), [['ACS-RHB50-100', 'SHIPPING_ZONE_NOT_ALLOWED']])
  assert.deepEqual(re.options, [])
  const fromJarry = await options('FR-MAINLAND', 2790, jarry(line('ACS-RHB50-100')))
  assert.deepEqual(fromJarry.undeliverable.map((u) => u.code), ['SHIPPING_CLASS_NOT_FROM_ORIGIN'])
  const plant = await options('MQ', 2990, jarry(line('FPB-ANT-POT')))
  assert.deepEqual(plant.undeliverable.map((u) => u.code), ['SHIPPING_ZONE_NOT_ALLOWED'])
  const hubToGp = await options('GP', 1890, hub(line('CHN-CAF-GR-250')))
  assert.deepEqual(hubToGp.undeliverable.map((u) => u.code), ['SHIPPING_NO_METHOD'])
  const heavy = await options('FR-MAINLAND', 1890, hub({ ...line('CHN-CAF-GR-250'), grossWeightG: 30_001 }))
  assert.deepEqual(heavy.undeliverable.map((u) => u.code), ['SHIPPING_TOO_HEAVY'])
})

test('rates are data: an edit shows once the cache is cleared', async () => {
  const before = await options('FR-MAINLAND', 1890, hub(line('CHN-CAF-GR-250')))
  assert.equal(before.options.find((o) => o.methodCode === 'RELAY_POINT')?.priceGross, 590)
  await sql`update shipping_methods set active = false where code = 'RELAY_POINT'`.execute(database.db)
  clearShippingCache()
  const after = await options('FR-MAINLAND', 1890, hub(line('CHN-CAF-GR-250')))
  assert.deepEqual(after.options.map((o) => o.methodCode), ['CHRONOPOST', 'COLISSIMO'])
  await sql`update shipping_methods set active = true where code = 'RELAY_POINT'`.execute(database.db)
  clearShippingCache()
})

test('the database refuses rates that break the rules', async () => {
  await assert.rejects(sql`insert into shipping_methods (id, code, carrier, service, name_fr, name_en, max_parcel_weight_g) values ('shm_x', 'HEAVY', 'X', 'X', 'X', 'X', 40000)`.execute(database.db))
  await assert.rejects(sql`insert into shipping_rates (id, method_code, origin_territory, destination_zone, cutoff_minute, timezone, transit_days_min, transit_days_max) values ('shr_x', 'COLISSIMO', 'GP', 'GP', 600, 'Europe/Paris', 3, 2)`.execute(database.db))
  await assert.rejects(sql`insert into shipping_rates (id, method_code, origin_territory, destination_zone, cutoff_minute, timezone, transit_days_min, transit_days_max, delivery_weekdays) values ('shr_y', 'RELAY_POINT', 'GP', 'GP', 600, 'Europe/Paris', 1, 2, '{0,8}')`.execute(database.db))
})
