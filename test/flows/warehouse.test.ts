import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { systemCtx, type Ctx } from '../../src/kernel/ctx.ts'
import type { Database } from '../../src/kernel/db/client.ts'
import { newId } from '../../src/kernel/ids.ts'
import { checkStockLedger, formatStockMismatches } from '../../src/modules/inventory/index.ts'
import { createPickList, getPackingView, getPickList, listNearExpiryLots, listPreparationQueue, openStockCount, packOrder, postStockCount, shipShipment, writeOffStock } from '../../src/modules/warehouse/index.ts'
import { variantIdBySku } from '../builders/checkout.ts'
import { paidOrder } from '../builders/paid-order.ts'
import { testDatabase } from '../helpers/test-db.ts'

let database: Database
before(async () => {
  database = await testDatabase()
})
after(async () => database.close())

const COFFEE = 'CHN-CAF-GR-250'
const RUM = 'ACS-RHB50-100'
const staffCtx = (db = database.db): Ctx => systemCtx(db, 'warehouse-test')
const tx = <T>(fn: (ctx: Ctx) => Promise<T>): Promise<T> => database.db.transaction().execute((trx) => fn(staffCtx(trx)))

async function lineWarehouse(orderId: string): Promise<string> {
  return (await sql<{ w: string }>`SELECT warehouse_code AS w FROM order_lines WHERE order_id = ${orderId} LIMIT 1`.execute(database.db)).rows[0]!.w
}

/** A new lot received today with this best-before and units (through the ledger). */
async function receiveLot(sku: string, warehouse: string, bestBefore: string | null, units: number, location: string | null = null): Promise<string> {
  const id = newId('lot')
  await sql`INSERT INTO lots (id, variant_id, warehouse_code, lot_code, best_before, location) VALUES (${id}, ${await variantIdBySku(database.db, sku)}, ${warehouse}, ${`T-${id.slice(-6)}`}, ${bestBefore}, ${location})`.execute(database.db)
  await sql`INSERT INTO stock_movements (lot_id, quantity, reason, reference) VALUES (${id}, ${units}, 'RECEIPT', 'test')`.execute(database.db)
  return id
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10)

test('a pick list takes the lot that expires first, moves the allocation through the ledger, and the order goes to picking', async () => {
  const order = await paidOrder(database.db, { lines: [[COFFEE, 2]] })
  const warehouse = await lineWarehouse(order.orderId)
  const queue = await listPreparationQueue(staffCtx(), { warehouse })
  assert.ok(queue.some((q) => q.orderId === order.orderId && q.units === 2), 'the paid order waits in its warehouse queue')
  const older = await receiveLot(COFFEE, warehouse, inDays(20), 10, 'A-01-1')
  const res = await tx((ctx) => createPickList(ctx, { warehouse, orderIds: [order.orderId] }))
  assert.equal(res.lines, 1)
  assert.equal(res.swapped, 1)
  const list = await getPickList(staffCtx(), res.pickListId)
  assert.equal(list!.lines[0]!.quantity, 2)
  assert.equal(list!.lines[0]!.bestBefore, inDays(20), 'the older lot is picked')
  assert.equal(list!.lines[0]!.location, 'A-01-1')
  const reservation = await sql<{ lot_id: string }>`SELECT lot_id FROM stock_reservations WHERE order_id = ${order.orderId} AND status = 'ALLOCATED'`.execute(database.db)
  assert.deepEqual(reservation.rows.map((r) => r.lot_id), [older])
  const status = await sql<{ status: string }>`SELECT status FROM orders WHERE id = ${order.orderId}`.execute(database.db)
  assert.equal(status.rows[0]!.status, 'picking')
  assert.ok(!(await listPreparationQueue(staffCtx(), { warehouse })).some((q) => q.orderId === order.orderId), 'a listed order leaves the queue')
  assert.deepEqual(await checkStockLedger(database.db), [])
  await assert.rejects(tx((ctx) => createPickList(ctx, { warehouse, orderIds: [order.orderId] })), /déjà sur une liste/)
})

test('an expired lot is never picked; an earlier lot without enough free units is not taken', async () => {
  const order = await paidOrder(database.db, { lines: [[RUM, 3]] })
  const warehouse = await lineWarehouse(order.orderId)
  await receiveLot(RUM, warehouse, inDays(-2), 50)
  await receiveLot(RUM, warehouse, inDays(5), 2)
  const res = await tx((ctx) => createPickList(ctx, { warehouse, orderIds: [order.orderId] }))
  const list = await getPickList(staffCtx(), res.pickListId)
  assert.equal(res.swapped, 0)
  assert.ok(list!.lines.every((l) => l.bestBefore === null || l.bestBefore > inDays(5)), JSON.stringify(list!.lines))
  assert.deepEqual(await checkStockLedger(database.db), [])
})

const orderUrl = (id: string) => `http://lakou.test/fr/commandes/${id}?t=x`
const statusOf = async (orderId: string) => (await sql<{ status: string }>`SELECT status FROM orders WHERE id = ${orderId}`.execute(database.db)).rows[0]!.status
const level = async (lotId: string) => (await sql<{ on_hand: number; reserved: number; allocated: number }>`SELECT on_hand, reserved, allocated FROM stock_levels WHERE lot_id = ${lotId}`.execute(database.db)).rows[0]!

const pickListStatusOf = async (orderId: string) =>
  (await sql<{ status: string }>`SELECT DISTINCT pk.status FROM pick_lists pk JOIN pick_list_lines pl ON pl.pick_list_id = pk.id WHERE pl.order_id = ${orderId}`.execute(database.db)).rows[0]?.status

async function pickedOrder(lines: [string, number][]) {
  const order = await paidOrder(database.db, { lines })
  const warehouse = await lineWarehouse(order.orderId)
  await tx((ctx) => createPickList(ctx, { warehouse, orderIds: [order.orderId] }))
  return { ...order, warehouse, view: (await getPackingView(staffCtx(), order.orderId))! }
}

test('packing then shipping: SALE movements per lot, reservations consumed, order shipped, e-mail with tracking', async () => {
  const o = await pickedOrder([[COFFEE, 2]])
  const unit = o.view.units[0]!
  const before = await level(unit.lotId)
  const packed = await tx((ctx) => packOrder(ctx, { orderId: o.orderId, lines: [{ orderLineId: unit.orderLineId, lotId: unit.lotId, quantity: 2 }], protectivePacking: false, parcelCount: 1 }))
  assert.equal(packed.orderStatus, 'packed')
  await assert.rejects(tx((ctx) => shipShipment(ctx, { shipmentId: packed.shipmentId, carrier: 'colissimo', trackingNumber: 'nope', orderUrl })), /n’est pas un numéro de suivi Colissimo/)
  assert.equal(await statusOf(o.orderId), 'packed', 'a refused tracking number changes nothing')
  const shipped = await tx((ctx) => shipShipment(ctx, { shipmentId: packed.shipmentId, carrier: 'colissimo', trackingNumber: '6A12345678901', orderUrl }))
  assert.equal(shipped.orderStatus, 'shipped')
  assert.equal(await statusOf(o.orderId), 'shipped')
  const after = await level(unit.lotId)
  assert.deepEqual(after, { on_hand: before.on_hand - 2, reserved: before.reserved, allocated: before.allocated - 2 })
  const sale = await sql<{ quantity: number; allocated_delta: number }>`SELECT quantity, allocated_delta FROM stock_movements WHERE reason = 'SALE' AND reference = ${packed.shipmentId}`.execute(database.db)
  assert.deepEqual(sale.rows, [{ quantity: -2, allocated_delta: -2 }])
  const res = await sql<{ status: string; n: number }>`SELECT status, SUM(quantity)::int AS n FROM stock_reservations WHERE order_id = ${o.orderId} GROUP BY status`.execute(database.db)
  assert.deepEqual(res.rows, [{ status: 'SHIPPED', n: 2 }])
  const mail = await sql<{ template: string; data: { trackingUrl: string; later: unknown[] } }>`SELECT template, data FROM email_outbox WHERE dedupe_key = ${`order-shipped:${packed.shipmentId}`}`.execute(database.db)
  assert.equal(mail.rows.length, 1)
  assert.equal(mail.rows[0]!.data.trackingUrl, 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901')
  assert.deepEqual(mail.rows[0]!.data.later, [])
  await assert.rejects(tx((ctx) => shipShipment(ctx, { shipmentId: packed.shipmentId, carrier: 'colissimo', trackingNumber: '6A12345678901', orderUrl })), /déjà partie/)
  assert.deepEqual(await checkStockLedger(database.db), [])
})

test('a short line ships partially: the order stays in picking, the e-mail says what follows, the rest ships later', async () => {
  const o = await pickedOrder([[COFFEE, 3]])
  const unit = o.view.units[0]!
  const first = await tx((ctx) => packOrder(ctx, { orderId: o.orderId, lines: [{ orderLineId: unit.orderLineId, lotId: unit.lotId, quantity: 1 }], protectivePacking: false, parcelCount: 1 }))
  assert.equal(first.orderStatus, 'picking')
  await assert.rejects(tx((ctx) => packOrder(ctx, { orderId: o.orderId, lines: [{ orderLineId: unit.orderLineId, lotId: unit.lotId, quantity: 3 }], protectivePacking: false, parcelCount: 1 })), /2 à emballer au plus/)
  await tx((ctx) => shipShipment(ctx, { shipmentId: first.shipmentId, carrier: 'chronopost', trackingNumber: 'XY123456789FR', orderUrl }))
  assert.equal(await statusOf(o.orderId), 'picking', 'a partial shipment keeps the order in picking')
  assert.equal(await pickListStatusOf(o.orderId), 'open', 'two units still to pick')
  const mail = await sql<{ data: { later: { quantity: number }[] } }>`SELECT data FROM email_outbox WHERE dedupe_key = ${`order-shipped:${first.shipmentId}`}`.execute(database.db)
  assert.deepEqual(mail.rows[0]!.data.later.map((l) => l.quantity), [2])
  const rest = (await getPackingView(staffCtx(), o.orderId))!.units[0]!
  assert.equal(rest.pending, 2)
  const second = await tx((ctx) => packOrder(ctx, { orderId: o.orderId, lines: [{ orderLineId: rest.orderLineId, lotId: rest.lotId, quantity: 2 }], protectivePacking: false, parcelCount: 1 }))
  assert.equal(second.orderStatus, 'packed')
  await tx((ctx) => shipShipment(ctx, { shipmentId: second.shipmentId, carrier: 'chronopost', trackingNumber: 'XY123456780FR', orderUrl }))
  assert.equal(await statusOf(o.orderId), 'shipped')
  assert.equal(await pickListStatusOf(o.orderId), 'done', 'everything on the list has left')
  assert.deepEqual(await checkStockLedger(database.db), [])
})

test('bottles are refused without protective packing; packing nothing is refused', async () => {
  const o = await pickedOrder([[RUM, 1]])
  const unit = o.view.units[0]!
  assert.equal(unit.shippingClass, 'BOTTLE')
  await assert.rejects(tx((ctx) => packOrder(ctx, { orderId: o.orderId, lines: [{ orderLineId: unit.orderLineId, lotId: unit.lotId, quantity: 1 }], protectivePacking: false, parcelCount: 1 })), /emballage de protection/)
  await assert.rejects(tx((ctx) => packOrder(ctx, { orderId: o.orderId, lines: [{ orderLineId: unit.orderLineId, lotId: unit.lotId, quantity: 0 }], protectivePacking: true, parcelCount: 1 })), /au moins une unité/)
  const ok = await tx((ctx) => packOrder(ctx, { orderId: o.orderId, lines: [{ orderLineId: unit.orderLineId, lotId: unit.lotId, quantity: 1 }], protectivePacking: true, parcelCount: 1 }))
  assert.equal(ok.orderStatus, 'packed')
})

test('a count is refused when it would leave less than what orders hold; a good count posts one adjustment per difference', async () => {
  const o = await paidOrder(database.db, { lines: [[COFFEE, 2]] })
  const warehouse = await lineWarehouse(o.orderId)
  const lot = await receiveLot(COFFEE, warehouse, inDays(200), 5, 'Z-09-1')
  const held = await receiveLot(COFFEE, warehouse, null, 0 + 1, 'Z-09-2')
  // hold one unit of the second lot by hand, as a paid order would
  await sql`INSERT INTO stock_movements (lot_id, quantity, allocated_delta, reason, reference) VALUES (${held}, 0, 1, 'ALLOCATE', ${o.orderId})`.execute(database.db)
  await sql`INSERT INTO stock_reservations (id, order_id, order_line_id, variant_id, lot_id, quantity, status) SELECT ${newId('res')}, ${o.orderId}, id, variant_id, ${held}, 1, 'ALLOCATED' FROM order_lines WHERE order_id = ${o.orderId}`.execute(database.db)
  const count = await tx((ctx) => openStockCount(ctx, { warehouse, locationPrefix: 'z-09' }))
  assert.equal(count.lines, 2)
  await assert.rejects(tx((ctx) => postStockCount(ctx, { countId: count.id, counted: { [lot]: 3, [held]: 0 } })), (e: Error) => /promis/.test(e.message) && e.message.includes('Z-09') === false && /compté 0, 1 promis/.test(e.message))
  assert.deepEqual(await level(lot), { on_hand: 5, reserved: 0, allocated: 0 }, 'nothing posted')
  const posted = await tx((ctx) => postStockCount(ctx, { countId: count.id, counted: { [lot]: 3, [held]: 1 } }))
  assert.deepEqual(posted, { adjustments: 1, delta: -2 })
  assert.equal((await level(lot)).on_hand, 3)
  const mv = await sql<{ cause: string; quantity: number }>`SELECT cause, quantity FROM stock_movements WHERE reference = ${count.id}`.execute(database.db)
  assert.deepEqual(mv.rows, [{ cause: 'count', quantity: -2 }])
  await assert.rejects(tx((ctx) => postStockCount(ctx, { countId: count.id, counted: { [lot]: 3, [held]: 1 } })), /déjà validé/)
  assert.deepEqual(await checkStockLedger(database.db), [])
})

test('a write-off takes only free units; more is refused and nothing changes; near-expiry lists the lot', async () => {
  const lot = await receiveLot(COFFEE, 'GP-JARRY', inDays(3), 4, 'W-01-1')
  await assert.rejects(tx((ctx) => writeOffStock(ctx, { lotId: lot, quantity: 5, cause: 'broken' })), /4 seulement sont libres/)
  assert.equal((await level(lot)).on_hand, 4)
  await assert.rejects(tx((ctx) => writeOffStock(ctx, { lotId: lot, quantity: 1, cause: 'nope' as 'broken' })))
  const done = await tx((ctx) => writeOffStock(ctx, { lotId: lot, quantity: 1, cause: 'expired', note: 'date courte' }))
  assert.equal(done.left, 3)
  const mv = await sql<{ reason: string; cause: string }>`SELECT reason, cause FROM stock_movements WHERE lot_id = ${lot} ORDER BY id DESC LIMIT 1`.execute(database.db)
  assert.deepEqual(mv.rows[0], { reason: 'WRITE_OFF', cause: 'expired' })
  const soon = await listNearExpiryLots(staffCtx(), { days: 30, warehouse: 'GP-JARRY' })
  const row = soon.find((l) => l.lotId === lot)
  assert.ok(row)
  assert.equal(row.daysLeft, 3)
  assert.equal(row.free, 3)
  assert.ok(soon.every((l, i) => i === 0 || soon[i - 1]!.bestBefore <= l.bestBefore), 'soonest first')
  assert.deepEqual(await checkStockLedger(database.db), [])
})

test('checkStockLedger names the lot whose level disagrees with its reservations, and the table says it', async () => {
  const lot = await receiveLot(COFFEE, 'GP-JARRY', inDays(90), 2)
  const o = await paidOrder(database.db, { lines: [[COFFEE, 1]] })
  // a reservation written without its ledger movement: the kind of bug check:stock exists for
  const stray = newId('res')
  await sql`INSERT INTO stock_reservations (id, order_id, order_line_id, variant_id, lot_id, quantity, status) SELECT ${stray}, ${o.orderId}, id, variant_id, ${lot}, 1, 'ALLOCATED' FROM order_lines WHERE order_id = ${o.orderId}`.execute(database.db)
  const bad = await checkStockLedger(database.db)
  assert.equal(bad.length, 1)
  assert.equal(bad[0]!.lotId, lot)
  assert.deepEqual(bad[0]!.reservations, { held: 0, allocated: 1 })
  assert.deepEqual(bad[0]!.level, { onHand: 2, reserved: 0, allocated: 0 })
  assert.match(formatStockMismatches(bad), new RegExp(`1 lot\\(s\\) en écart[\\s\\S]*${COFFEE}\\s+GP-JARRY\\s+T-\\w+\\s+2/0/0\\s+2/0/0\\s+0/1`))
  await sql`UPDATE stock_reservations SET status = 'RELEASED' WHERE id = ${stray}`.execute(database.db)
  assert.deepEqual(await checkStockLedger(database.db), [])
})
