import { test } from 'node:test'
import assert from 'node:assert/strict'
import { pickWarehouse, type PickLine, type WarehouseInfo } from './pick-warehouse.ts'

const GP: WarehouseInfo = { code: 'GP-JARRY', territory: 'GP', roles: ['local_delivery_GP', 'export_consolidation', 'flowers_air_dispatch'] }
const HUB: WarehouseInfo = { code: 'FR-HUB', territory: 'FR-MAINLAND', roles: ['mainland_fulfilment', 'eu_fulfilment'] }
// bottles leave GP only for GP/MQ, and the hub only for the mainland and the EU
const canShipFrom = (cls: string, origin: string, zone: string) =>
  cls !== 'BOTTLE' || (origin === 'GP' ? ['GP', 'MQ'].includes(zone) : ['FR-MAINLAND', 'EU'].includes(zone))
const rum: PickLine = { quantity: 2, madeToOrder: false, originTerritory: 'GP', shippingClass: 'BOTTLE' }
const coffee: PickLine = { quantity: 2, madeToOrder: false, originTerritory: 'GP', shippingClass: 'AMBIENT' }
const flowers: PickLine = { quantity: 1, madeToOrder: true, originTerritory: 'GP', shippingClass: 'FRESH_FLOWERS_EXPRESS' }
const stock = (gp: number, hub: number) => new Map([['GP-JARRY', gp], ['FR-HUB', hub]])

const cases: [string, PickLine, string, Map<string, number>, ReturnType<typeof pickWarehouse>][] = [
  ['mainland rum ships from the hub', rum, 'FR-MAINLAND', stock(10, 10), { ok: true, warehouseCode: 'FR-HUB', originTerritory: 'FR-MAINLAND' }],
  ['mainland rum with an empty hub cannot fly from GP', rum, 'FR-MAINLAND', stock(10, 1), { ok: false, code: 'CHECKOUT_OUT_OF_STOCK', available: 1 }],
  ['mainland coffee falls back to GP when the hub is short', coffee, 'FR-MAINLAND', stock(10, 1), { ok: true, warehouseCode: 'GP-JARRY', originTerritory: 'GP' }],
  ['Guadeloupe rum ships from Jarry', rum, 'GP', stock(10, 10), { ok: true, warehouseCode: 'GP-JARRY', originTerritory: 'GP' }],
  ['Martinique coffee ships from Jarry', coffee, 'MQ', stock(10, 10), { ok: true, warehouseCode: 'GP-JARRY', originTerritory: 'GP' }],
  ['EU coffee ships from the hub', coffee, 'EU', stock(10, 10), { ok: true, warehouseCode: 'FR-HUB', originTerritory: 'FR-MAINLAND' }],
  ['world coffee: hub has none, GP consolidates exports', coffee, 'WORLD', stock(10, 0), { ok: true, warehouseCode: 'GP-JARRY', originTerritory: 'GP' }],
  ['flowers are cut in Guadeloupe whatever the stock says', flowers, 'FR-MAINLAND', stock(0, 0), { ok: true, warehouseCode: 'GP-JARRY', originTerritory: 'GP' }],
  ['rum to the world: no warehouse may send it', rum, 'WORLD', stock(10, 10), { ok: false, code: 'SHIPPING_CLASS_NOT_FROM_ORIGIN' }],
]

for (const [name, line, zone, available, want] of cases) {
  test(`pick warehouse: ${name}`, () => assert.deepEqual(pickWarehouse({ line, zone, warehouses: [HUB, GP], available, canShipFrom }), want))
}
