import { test } from 'node:test'
import assert from 'node:assert/strict'
import { planShipping, rateKey, type ShippingData } from './plan-shipping.ts'
import type { ListShippingOptionsInput, Method, Rate, ShipmentLine } from './types.ts'

// A small network, prices easy to add up: 10 € up to 2 kg, 20 € up to 10 kg, 30 € up to 30 kg.
const BRACKETS = [{ maxWeightG: 2000, priceGross: 1000 }, { maxWeightG: 10000, priceGross: 2000 }, { maxWeightG: 30000, priceGross: 3000 }]
const method = (code: string, express: boolean): Method => ({ code, carrier: code, nameFr: `${code} fr`, nameEn: `${code} en`, express, maxParcelWeightG: 30000 })
const rate = (methodCode: string, originTerritory: string, zone: string, over: Partial<Rate> = {}): Rate => ({
  methodCode, originTerritory, zone, freeAboveGross: null, handlingDays: 0, cutoffMinute: 720,
  timezone: originTerritory === 'GP' ? 'America/Guadeloupe' : 'Europe/Paris',
  transitDaysMin: 2, transitDaysMax: 3, shipWeekdays: [1, 2, 3, 4, 5], deliveryWeekdays: [1, 2, 3, 4, 5, 6], brackets: BRACKETS, ...over,
})
function network(rates: Rate[], methods: Method[] = [method('LOCAL', true), method('CHRONO', true), method('COLIS', false), method('SLOWBOAT', false)]): ShippingData {
  return {
    methods,
    rates: new Map(rates.map((r) => [rateKey(r.methodCode, r.originTerritory, r.zone), r])),
    classZones: new Map([
      ['BOTTLE', ['GP', 'MQ', 'FR-MAINLAND', 'EU']],
      ['AMBIENT', ['GP', 'MQ', 'RE', 'FR-MAINLAND', 'EU', 'WORLD']],
      ['FRESH_FLOWERS_EXPRESS', ['GP', 'MQ', 'FR-MAINLAND']],
      ['LIVE_PLANT_LOCAL', ['GP']],
    ]),
  }
}
const RATES = [
  rate('LOCAL', 'GP', 'GP', { transitDaysMin: 1, transitDaysMax: 1, deliveryWeekdays: [2, 3, 4, 5, 6], freeAboveGross: 6000 }),
  rate('CHRONO', 'GP', 'FR-MAINLAND', { transitDaysMin: 3, transitDaysMax: 3, deliveryWeekdays: [1, 2, 3, 4, 5] }),
  rate('CHRONO', 'FR-MAINLAND', 'FR-MAINLAND', { transitDaysMin: 1, transitDaysMax: 1, deliveryWeekdays: [1, 2, 3, 4, 5] }),
  rate('COLIS', 'FR-MAINLAND', 'FR-MAINLAND'),
  rate('COLIS', 'GP', 'FR-MAINLAND', { transitDaysMin: 5, transitDaysMax: 7 }),
  rate('COLIS', 'GP', 'RE', { transitDaysMin: 5, transitDaysMax: 9 }),
  rate('SLOWBOAT', 'GP', 'WORLD', { handlingDays: 5, transitDaysMin: 20, transitDaysMax: 29 }),
]
const DATA = network(RATES)

const rum = (quantity = 1, key = 'rum'): ShipmentLine => ({ key, shippingClass: 'BOTTLE', grossWeightG: 1250, quantity, glass: true, allowedZones: ['GP', 'MQ', 'FR-MAINLAND', 'EU'] })
const coffee = (quantity = 1, key = 'coffee'): ShipmentLine => ({ key, shippingClass: 'AMBIENT', grossWeightG: 280, quantity, glass: false, allowedZones: [] })
const bouquet = (key = 'bouquet'): ShipmentLine => ({ key, shippingClass: 'FRESH_FLOWERS_EXPRESS', grossWeightG: 2500, quantity: 1, glass: false, allowedZones: ['GP', 'MQ', 'FR-MAINLAND'] })
const plant = (): ShipmentLine => ({ key: 'plant', shippingClass: 'LIVE_PLANT_LOCAL', grossWeightG: 3000, quantity: 1, glass: false, allowedZones: ['GP'] })
const hub = (...lines: ShipmentLine[]) => ({ warehouseCode: 'FR-HUB', originTerritory: 'FR-MAINLAND', lines })
const jarry = (...lines: ShipmentLine[]) => ({ warehouseCode: 'GP-JARRY', originTerritory: 'GP', lines })
// Monday 9 March 2026, 09:00 in Guadeloupe (13:00 UTC, 14:00 in Paris)
const NOW = new Date('2026-03-09T13:00:00Z')
const plan = (over: Partial<ListShippingOptionsInput> & Pick<ListShippingOptionsInput, 'shipments'>, data = DATA) => planShipping(data, { zone: 'FR-MAINLAND', now: NOW, goodsGross: 5000, ...over })

test('mainland cart with rum and coffee from the hub and flowers from Jarry: only the express method carrying both', () => {
  const r = plan({ shipments: [hub(rum(), coffee()), jarry(bouquet())] })
  assert.deepEqual(r.undeliverable, [])
  assert.deepEqual(r.options.map((o) => o.methodCode), ['CHRONO'])
  const o = r.options[0]!
  assert.equal(o.express, true)
  assert.deepEqual(o.perShipment.map((s) => [s.warehouseCode, s.priceGross, s.parcels]), [['FR-HUB', 1000, 1], ['GP-JARRY', 2000, 1]])
  assert.equal(o.priceGross, 3000)
  // flowers: cut Monday before noon, leave Tuesday, 3 days → Friday 13; leave Monday 16 → Thursday 19 …
  assert.deepEqual(o.deliveryDates?.slice(0, 3), ['2026-03-13', '2026-03-19', '2026-03-20'])
  // the hub parcel: 14:00 in Paris is past the noon cut-off, it leaves Tuesday and arrives Wednesday
  assert.deepEqual(o.perShipment[0]!.promise, { from: '2026-03-11', to: '2026-03-11' })
  assert.deepEqual(o.promise, { from: '2026-03-13', to: '2026-03-13' }, 'the latest shipment decides')
})

test('without flowers every method that serves every shipment is offered, in display order', () => {
  const r = plan({ shipments: [hub(rum(2)), jarry(coffee(3))] })
  assert.deepEqual(r.options.map((o) => o.methodCode), ['CHRONO', 'COLIS'])
  const colis = r.options[1]!
  assert.equal(colis.deliveryDates, null)
  assert.deepEqual(colis.promise, { from: '2026-03-14', to: '2026-03-17' }, 'GP → mainland 5–7 days is the latest')
})

test('seven bottles: two parcels, each priced by its weight', () => {
  const r = plan({ shipments: [hub(rum(7))] })
  const colis = r.options.find((o) => o.methodCode === 'COLIS')!
  assert.deepEqual(colis.perShipment[0]!.parcelWeightsG, [6 * 1400, 1400])
  assert.equal(colis.perShipment[0]!.parcels, 2)
  assert.equal(colis.priceGross, 2000 + 1000)
})

test('free above a threshold: the shipment costs nothing once the goods reach it', () => {
  const gp = { zone: 'GP' as const, shipments: [jarry(coffee(), rum())] }
  assert.equal(plan({ ...gp, goodsGross: 5999 }).options[0]!.priceGross, 1000)
  assert.equal(plan({ ...gp, goodsGross: 6000 }).options[0]!.priceGross, 0)
})

test('flowers in Guadeloupe go by our express van, Tuesday to Saturday', () => {
  const r = plan({ zone: 'GP', shipments: [jarry(bouquet(), rum())] })
  assert.deepEqual(r.options.map((o) => o.methodCode), ['LOCAL'])
  assert.deepEqual(r.options[0]!.deliveryDates?.slice(0, 5), ['2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14', '2026-03-17'])
})

// Every reason a line cannot travel, alone in a cart with a deliverable line.
const reasons: [string, Partial<ListShippingOptionsInput> & Pick<ListShippingOptionsInput, 'shipments'>, string, string][] = [
  ['a potted plant to the mainland: zone not allowed for its class', { shipments: [jarry(plant(), coffee())] }, 'plant', 'SHIPPING_ZONE_NOT_ALLOWED'],
  ['a variant limited to GP and MQ sent to the mainland', { shipments: [hub({ ...coffee(), key: 'jam', allowedZones: ['GP', 'MQ'] })] }, 'jam', 'SHIPPING_ZONE_NOT_ALLOWED'],
  ['rum from Jarry to the mainland: bottles leave for the mainland only from the hub', { shipments: [jarry(rum()), hub(coffee())] }, 'rum', 'SHIPPING_CLASS_NOT_FROM_ORIGIN'],
  ['flowers from the hub: they leave Jarry only', { shipments: [hub(bouquet(), coffee())] }, 'bouquet', 'SHIPPING_CLASS_NOT_FROM_ORIGIN'],
  ['coffee from the hub to Réunion: no rate on that route', { zone: 'RE', shipments: [hub(coffee())] }, 'coffee', 'SHIPPING_NO_METHOD'],
  ['a 31 kg sack: heavier than any parcel', { shipments: [hub({ ...coffee(), key: 'sack', grossWeightG: 31000 }, rum())] }, 'sack', 'SHIPPING_TOO_HEAVY'],
]
for (const [what, input, key, code] of reasons) {
  test(`undeliverable: ${what} → ${code}, and no option at all`, () => {
    const r = plan(input)
    assert.deepEqual(r.options, [])
    assert.deepEqual(r.undeliverable.map((u) => [u.key, u.code]), [[key, code]])
  })
}

test('undeliverable reasons carry what the shopper needs to fix the cart', () => {
  const rumFromJarry = plan({ shipments: [jarry(rum())] }).undeliverable[0]!
  assert.deepEqual(rumFromJarry.params, { zone: 'FR-MAINLAND', shippingClass: 'BOTTLE', origin: 'GP', warehouseCode: 'GP-JARRY', origins: ['FR-MAINLAND'] })
  const heavy = plan({ shipments: [hub({ ...coffee(), grossWeightG: 30000, glass: true })] }).undeliverable[0]!
  assert.deepEqual(heavy.params, { unitWeightG: 30060, maxParcelWeightG: 30000 })
  const plantZone = plan({ shipments: [jarry(plant())] }).undeliverable[0]!
  assert.deepEqual(plantZone.params, { zone: 'FR-MAINLAND', shippingClass: 'LIVE_PLANT_LOCAL', allowedZones: ['GP'] })
})

test('lines that travel alone but share no method: every line is reported', () => {
  // Without the hub's express rate, flowers (express only) and hub coffee (postal only) part ways.
  const data = network(RATES.filter((r) => !(r.methodCode === 'CHRONO' && r.originTerritory === 'FR-MAINLAND')))
  const r = plan({ shipments: [hub(coffee()), jarry(bouquet())] }, data)
  assert.deepEqual(r.options, [])
  assert.deepEqual(r.undeliverable.map((u) => [u.key, u.code, u.params.together]), [['coffee', 'SHIPPING_NO_METHOD', true], ['bouquet', 'SHIPPING_NO_METHOD', true]])
})

test('never a promise beyond 30 days: a method that cannot make it is not offered', () => {
  const r = plan({ zone: 'WORLD', shipments: [jarry(coffee())] })
  assert.deepEqual(r.options, [])
  assert.equal(r.undeliverable[0]?.code, 'SHIPPING_NO_METHOD')
  const faster = network([...RATES.filter((x) => x.methodCode !== 'SLOWBOAT'), rate('SLOWBOAT', 'GP', 'WORLD', { transitDaysMin: 10, transitDaysMax: 20 })])
  assert.deepEqual(plan({ zone: 'WORLD', shipments: [jarry(coffee())] }, faster).options.map((o) => o.methodCode), ['SLOWBOAT'])
})

test('a quantity of zero or a negative weight is a caller bug, thrown', () => {
  assert.throws(() => plan({ shipments: [hub(coffee(0))] }), /positive integers/)
  assert.throws(() => plan({ shipments: [hub({ ...coffee(), grossWeightG: -5 })] }), /positive integers/)
})
