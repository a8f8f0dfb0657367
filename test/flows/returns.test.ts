import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { systemCtx, type Ctx } from '../../src/kernel/ctx.ts'
import type { Database } from '../../src/kernel/db/client.ts'
import { requestWithdrawal } from '../../src/flows/request-withdrawal.ts'
import { decideReturnByStaff } from '../../src/flows/return-decide.ts'
import { receiveReturn } from '../../src/flows/return-receive.ts'
import { requestReturn } from '../../src/flows/return-request.ts'
import { getOrderView } from '../../src/modules/orders/index.ts'
import { getReturn } from '../../src/modules/returns/index.ts'
import { shippedOrder } from '../builders/shipped-order.ts'
import { shopperCtx, testCheckoutDeps } from '../builders/checkout.ts'
import { addStaff } from '../helpers/staff.ts'
import { testDatabase } from '../helpers/test-db.ts'
import { stockInvariantsHold } from './stock-checks.ts'

const RUM = 'ACS-RHB50-100'
const COFFEE = 'CHN-CAF-GR-250'
const FLOWERS = 'JFL-ANT-M7'
const DAY = 86_400_000

let database: Database
let agent: Ctx
let warehouse: Ctx
before(async () => {
  database = await testDatabase()
  const cs = await addStaff(database, ['customer_service'])
  const lg = await addStaff(database, ['logistics'])
  agent = systemCtx(database.db, 'test', { actor: { kind: 'staff', staffId: cs.id, email: cs.email, roles: cs.roles } })
  warehouse = systemCtx(database.db, 'test', { actor: { kind: 'staff', staffId: lg.id, email: lg.email, roles: lg.roles } })
})
after(async () => database.close())

const deps = () => testCheckoutDeps(database.db)
const at = (ctx: Ctx, now: Date): Ctx => ({ ...ctx, now })
const lineOf = async (orderId: string, sku: string) => (await getOrderView(shopperCtx(database.db), orderId))!.lines.find((l) => l.sku === sku)!
const count = async (table: 'return_requests' | 'return_lines') => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(database.db)).rows[0]!.n
const emails = async (template: string) => (await sql<{ to_address: string; data: Record<string, unknown>; locale: string }>`SELECT to_address, data, locale FROM email_outbox WHERE template = ${template} ORDER BY created_at`.execute(database.db)).rows
const movements = async (reference: string) => (await sql<{ lot_id: string; quantity: number; reason: string; cause: string | null; staff_id: string | null }>`
  SELECT lot_id, quantity, reason, cause, staff_id FROM stock_movements WHERE reference = ${reference} ORDER BY id`.execute(database.db)).rows
const onHand = async (lotId: string) => (await sql<{ on_hand: number }>`SELECT on_hand FROM stock_levels WHERE lot_id = ${lotId}`.execute(database.db)).rows[0]!.on_hand

test('a shopper returns part of a shipped order: request, approval with the return address, receipt (restock + write-off), refund of the units received', async () => {
  const order = await shippedOrder(database.db, { lines: [[RUM, 1], [COFFEE, 2], [FLOWERS, 1]], email: 'retour@example.com' })
  const coffee = await lineOf(order.orderId, COFFEE)
  const shopper = shopperCtx(database.db)
  const r = await requestReturn(shopper, deps(), { orderId: order.orderId, accessToken: order.accessToken, lines: [{ orderLineId: coffee.id, quantity: 2 }], reason: 'damaged', details: 'Sachet percé' })
  assert.ok(r.ok, JSON.stringify(r))
  assert.match(r.number, /^RT-\d{6}$/)
  const ack = (await emails('return-requested')).find((e) => e.data.returnNumber === r.number)
  assert.ok(ack, 'the acknowledgement with the return number is queued')
  assert.equal(ack.to_address, 'retour@example.com')

  const approved = await decideReturnByStaff(agent, deps(), { returnId: r.returnId, decision: 'approved' })
  assert.deepEqual(approved, { ok: true, status: 'approved' })
  const mail = (await emails('return-approved')).find((e) => e.data.returnNumber === r.number)!
  const where = mail.data.warehouses as { name: string }[]
  assert.equal(where.length, 1)
  assert.match(where[0]!.name, /Orly|Jarry/, 'the warehouse the coffee shipped from')
  assert.deepEqual(await decideReturnByStaff(agent, deps(), { returnId: r.returnId, decision: 'rejected', note: 'trop tard' }), { ok: false, code: 'ALREADY_DECIDED', status: 'approved' })

  const ret = (await getReturn(warehouse, r.returnId))!
  const lot = ret.lines[0]!.lotId!
  const before = await onHand(lot)
  const done = await receiveReturn(warehouse, deps(), { returnId: r.returnId, lines: [{ orderLineId: coffee.id, restocked: 1, writtenOff: 1 }], refundShipping: false })
  assert.ok(done.ok && done.refund.ok, JSON.stringify(done))
  assert.equal(done.refund.amount, coffee.unitGross * 2, 'both units received are refunded, not the shipping')
  assert.equal(await onHand(lot), before + 1, 'only the restocked unit is back on hand')
  const moved = await movements(r.returnId)
  assert.deepEqual(moved.map((m) => [m.reason, m.quantity, m.cause]), [['RETURN', 2, null], ['WRITE_OFF', -1, 'damaged']])
  assert.ok(moved.every((m) => m.staff_id === (warehouse.actor as { staffId: string }).staffId))

  const refunded = (await getReturn(warehouse, r.returnId))!
  assert.equal(refunded.status, 'refunded')
  assert.equal(refunded.refundAmount, coffee.unitGross * 2)
  assert.match(refunded.creditNoteId ?? '', /^\w{3}_/)
  assert.ok((await emails('return-refunded')).some((e) => e.data.returnNumber === r.number && e.data.amount === coffee.unitGross * 2))
  assert.equal((await getOrderView(shopper, order.orderId))!.status, 'shipped', 'the rum is still with the shopper')

  const again = await receiveReturn(warehouse, deps(), { returnId: r.returnId, lines: [{ orderLineId: coffee.id, restocked: 1, writtenOff: 1 }], refundShipping: false })
  assert.ok(again.ok && again.duplicate, 'a second submit is recognised')
  assert.equal((await movements(r.returnId)).length, 2, 'nothing moves twice')
  assert.equal((await sql<{ n: number }>`SELECT count(*)::int AS n FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id WHERE i.order_id = ${order.orderId}`.execute(database.db)).rows[0]!.n, 1, 'one credit note')
  assert.ok(await stockInvariantsHold(database.db))
})

test('bad requests create nothing: ineligible line, too many units, another shopper, tampered id, bad reason, window over', async () => {
  const now = new Date()
  const order = await shippedOrder(database.db, { lines: [[COFFEE, 1], [FLOWERS, 1]], deliveredAt: now })
  const other = await shippedOrder(database.db, { lines: [[COFFEE, 1]] })
  const coffee = await lineOf(order.orderId, COFFEE)
  const flowers = await lineOf(order.orderId, FLOWERS)
  const shopper = shopperCtx(database.db)
  const base = { orderId: order.orderId, accessToken: order.accessToken, reason: 'changed_mind', details: null }
  const [requests, lines] = [await count('return_requests'), await count('return_lines')]
  const tries = [
    [{ ...base, lines: [{ orderLineId: flowers.id, quantity: 1 }] }, 'RETURN_LINES_INVALID'],
    [{ ...base, lines: [{ orderLineId: coffee.id, quantity: 2 }] }, 'RETURN_LINES_INVALID'],
    [{ ...base, lines: [{ orderLineId: coffee.id, quantity: 1 }, { orderLineId: coffee.id, quantity: 1 }] }, 'RETURN_LINES_INVALID'],
    [{ ...base, lines: [{ orderLineId: coffee.id, quantity: 0 }] }, 'RETURN_LINES_INVALID'],
    [{ ...base, lines: [{ orderLineId: 'orl_00000000000000000000000000', quantity: 1 }] }, 'RETURN_LINES_INVALID'],
    [{ ...base, lines: [] }, 'RETURN_LINES_INVALID'],
    [{ ...base, accessToken: other.accessToken, lines: [{ orderLineId: coffee.id, quantity: 1 }] }, 'NOT_FOUND'],
    [{ ...base, reason: 'because', lines: [{ orderLineId: coffee.id, quantity: 1 }] }, 'RETURN_REASON_INVALID'],
    [{ ...base, reason: 'other', lines: [{ orderLineId: coffee.id, quantity: 1 }] }, 'RETURN_REASON_INVALID'],
  ] as const
  for (const [input, code] of tries) assert.deepEqual(await requestReturn(shopper, deps(), input as never), { ok: false, code }, JSON.stringify(input))
  const late = await requestReturn(at(shopper, new Date(now.getTime() + 15 * DAY)), deps(), { ...base, lines: [{ orderLineId: coffee.id, quantity: 1 }] })
  assert.deepEqual(late, { ok: false, code: 'RETURN_CLOSED' }, '14 days after the delivery scan, the window is over')
  assert.equal(await count('return_requests'), requests)
  assert.equal(await count('return_lines'), lines)
  const inTime = await requestReturn(at(shopper, new Date(now.getTime() + 13 * DAY)), deps(), { ...base, lines: [{ orderLineId: coffee.id, quantity: 1 }] })
  assert.ok(inTime.ok, 'on day 13 it is still open')
  const twice = await requestReturn(shopper, deps(), { ...base, lines: [{ orderLineId: coffee.id, quantity: 1 }] })
  assert.deepEqual(twice, { ok: false, code: 'RETURN_LINES_INVALID' }, 'a unit already asked back cannot be asked twice')
})

test('an order not shipped yet has nothing to return', async () => {
  const { paidOrder } = await import('../builders/paid-order.ts')
  const order = await paidOrder(database.db, { lines: [[COFFEE, 1]] })
  const coffee = await lineOf(order.orderId, COFFEE)
  const r = await requestReturn(shopperCtx(database.db), deps(), { orderId: order.orderId, accessToken: order.accessToken, lines: [{ orderLineId: coffee.id, quantity: 1 }], reason: 'changed_mind', details: null })
  assert.deepEqual(r, { ok: false, code: 'RETURN_NOT_SHIPPED' })
})

test('a return of everything moves the order to returned; with the shipping ticked the refund settles it as refunded', async () => {
  const order = await shippedOrder(database.db, { lines: [[COFFEE, 1], [RUM, 1]] })
  const coffee = await lineOf(order.orderId, COFFEE)
  const rum = await lineOf(order.orderId, RUM)
  const shopper = shopperCtx(database.db)
  const first = await requestReturn(shopper, deps(), { orderId: order.orderId, accessToken: order.accessToken, lines: [{ orderLineId: coffee.id, quantity: 1 }], reason: 'changed_mind', details: null })
  const second = await requestReturn(shopper, deps(), { orderId: order.orderId, accessToken: order.accessToken, lines: [{ orderLineId: rum.id, quantity: 1 }], reason: 'wrong_item', details: null })
  assert.ok(first.ok && second.ok)
  for (const id of [first.returnId, second.returnId]) assert.ok((await decideReturnByStaff(agent, deps(), { returnId: id, decision: 'approved' })).ok)
  const a = await receiveReturn(warehouse, deps(), { returnId: first.returnId, lines: [{ orderLineId: coffee.id, restocked: 1, writtenOff: 0 }], refundShipping: false })
  assert.ok(a.ok && a.refund.ok)
  assert.equal((await getOrderView(shopper, order.orderId))!.status, 'shipped', 'the rum is not back yet')
  const b = await receiveReturn(warehouse, deps(), { returnId: second.returnId, lines: [{ orderLineId: rum.id, restocked: 1, writtenOff: 0 }], refundShipping: true })
  assert.ok(b.ok && b.refund.ok, JSON.stringify(b))
  const view = (await getOrderView(shopper, order.orderId))!
  assert.equal(a.refund.amount + b.refund.amount, view.totals.gross, 'everything paid came back')
  assert.equal(view.status, 'refunded')
  assert.deepEqual(view.history.slice(-2).map((h) => h.to), ['returned', 'refunded'])
  assert.ok(await stockInvariantsHold(database.db))
})

test('the warehouse cannot restock into an expired lot, nor receive more than announced, nor a return not approved; a rejection is e-mailed with its note', async () => {
  const order = await shippedOrder(database.db, { lines: [[COFFEE, 2]] })
  const coffee = await lineOf(order.orderId, COFFEE)
  const shopper = shopperCtx(database.db)
  const r = await requestReturn(shopper, deps(), { orderId: order.orderId, accessToken: order.accessToken, lines: [{ orderLineId: coffee.id, quantity: 2 }], reason: 'changed_mind', details: null })
  assert.ok(r.ok)
  assert.deepEqual(await receiveReturn(warehouse, deps(), { returnId: r.returnId, lines: [{ orderLineId: coffee.id, restocked: 1, writtenOff: 0 }], refundShipping: false }), { ok: false, code: 'NOT_RECEIVABLE', status: 'requested' })
  assert.ok((await decideReturnByStaff(agent, deps(), { returnId: r.returnId, decision: 'approved' })).ok)
  const lot = (await getReturn(warehouse, r.returnId))!.lines[0]!.lotId!
  await sql`UPDATE lots SET best_before = ${'2020-01-31'} WHERE id = ${lot}`.execute(database.db)
  const tooMany = await receiveReturn(warehouse, deps(), { returnId: r.returnId, lines: [{ orderLineId: coffee.id, restocked: 2, writtenOff: 1 }], refundShipping: false })
  assert.ok(!tooMany.ok && tooMany.code === 'INVALID' && /annonce que 2/.test(Object.values(tooMany.errors).join(' ')))
  const expired = await receiveReturn(warehouse, deps(), { returnId: r.returnId, lines: [{ orderLineId: coffee.id, restocked: 1, writtenOff: 1 }], refundShipping: false })
  assert.ok(!expired.ok && expired.code === 'INVALID' && /périmé/.test(Object.values(expired.errors).join(' ')))
  const none = await receiveReturn(warehouse, deps(), { returnId: r.returnId, lines: [{ orderLineId: coffee.id, restocked: 0, writtenOff: 0 }], refundShipping: false })
  assert.ok(!none.ok && none.code === 'INVALID')
  assert.equal((await movements(r.returnId)).length, 0, 'refusals move nothing')
  const ok = await receiveReturn(warehouse, deps(), { returnId: r.returnId, lines: [{ orderLineId: coffee.id, restocked: 0, writtenOff: 2 }], refundShipping: false })
  assert.ok(ok.ok && ok.refund.ok)
  assert.deepEqual((await movements(r.returnId)).map((m) => [m.reason, m.quantity, m.cause]), [['RETURN', 2, null], ['WRITE_OFF', -2, 'expired']])
  assert.equal((await getOrderView(shopper, order.orderId))!.status, 'returned', 'every unit shipped came back (written off), shipping kept')

  const other = await shippedOrder(database.db, { lines: [[COFFEE, 1]] })
  const line = await lineOf(other.orderId, COFFEE)
  const asked = await requestReturn(shopper, deps(), { orderId: other.orderId, accessToken: other.accessToken, lines: [{ orderLineId: line.id, quantity: 1 }], reason: 'changed_mind', details: null })
  assert.ok(asked.ok)
  await assert.rejects(decideReturnByStaff(agent, deps(), { returnId: asked.returnId, decision: 'rejected', note: '' }), /pourquoi/)
  assert.deepEqual(await decideReturnByStaff(agent, deps(), { returnId: asked.returnId, decision: 'rejected', note: 'Le sachet a été ouvert et entamé.' }), { ok: true, status: 'rejected' })
  assert.ok((await emails('return-rejected')).some((e) => e.data.returnNumber === asked.number && e.data.note === 'Le sachet a été ouvert et entamé.'))
  const again = await requestReturn(shopper, deps(), { orderId: other.orderId, accessToken: other.accessToken, lines: [{ orderLineId: line.id, quantity: 1 }], reason: 'damaged', details: null })
  assert.ok(again.ok, 'a rejected return no longer holds its units')
  assert.ok(await stockInvariantsHold(database.db))
})

test('a legal withdrawal on a shipped order also opens a return request for its lines', async () => {
  const order = await shippedOrder(database.db, { lines: [[COFFEE, 2]] })
  const coffee = await lineOf(order.orderId, COFFEE)
  const w = await requestWithdrawal(shopperCtx(database.db), deps(), { orderId: order.orderId, accessToken: order.accessToken, lines: [{ orderLineId: coffee.id, quantity: 2 }], statement: 'Je me rétracte.' })
  assert.ok(w.ok)
  const rows = (await sql<{ id: string; status: string; reason: string }>`SELECT id, status, reason FROM return_requests WHERE order_id = ${order.orderId}`.execute(database.db)).rows
  assert.equal(rows.length, 1)
  assert.equal(rows[0]!.status, 'requested')
  assert.match(rows[0]!.reason, /Rétractation.*Je me rétracte/)
  assert.deepEqual((await getReturn(agent, rows[0]!.id))!.lines.map((l) => l.quantity), [2])
})
