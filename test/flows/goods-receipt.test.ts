import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import type { Ctx } from '../../src/kernel/ctx.ts'
import { systemCtx } from '../../src/kernel/ctx.ts'
import type { Database } from '../../src/kernel/db/client.ts'
import { AppError } from '../../src/kernel/errors.ts'
import {
  cancelPurchaseOrder, confirmPurchaseOrder, getGoodsReceipt, getPurchaseOrder, listReceivedLines, proposePurchaseLines,
  recordGoodsReceipt, savePurchaseOrder, sendPurchaseOrder,
} from '../../src/modules/purchasing/index.ts'
import { testDatabase } from '../helpers/test-db.ts'
import { addStaff } from '../helpers/staff.ts'
import { paidOrder } from '../builders/paid-order.ts'
import { stockInvariantsHold } from './stock-checks.ts'

// Purchasing of issue 6 end to end at the module level: a draft from suggestions, sent, received
// in lots through the ledger, with every refusal leaving nothing behind.
let database: Database
let ctx: Ctx
const COFFEE = 'CHN-CAF-GR-250'
const today = () => new Date().toISOString().slice(0, 10)

before(async () => {
  database = await testDatabase()
  const staff = await addStaff(database, ['project_manager', 'logistics'])
  ctx = { ...systemCtx(database.db, 'test'), actor: { kind: 'staff', staffId: staff.id, email: staff.email, roles: staff.roles } }
})
after(async () => database.close())

const one = async <T>(q: Promise<{ rows: T[] }>) => (await q).rows[0]!
const producerOf = (sku: string) => one(sql<{ producer_id: string; variant_id: string; warehouse_code: string }>`
  SELECT p.producer_id, v.id AS variant_id, (SELECT l.warehouse_code FROM lots l WHERE l.variant_id = v.id ORDER BY l.warehouse_code LIMIT 1) AS warehouse_code
    FROM product_variants v JOIN products p ON p.id = v.product_id WHERE v.sku = ${sku}`.execute(database.db))

/** A sent order of `qty` coffee bags (unit cost 4,20 €) to the warehouse the coffee is stocked in. */
async function sentOrder(qty: number): Promise<{ id: string; lineId: string; warehouse: string; variantId: string }> {
  const c = await producerOf(COFFEE)
  const saved = await savePurchaseOrder(ctx, { producerId: c.producer_id, warehouseCode: c.warehouse_code, lines: [{ variantId: c.variant_id, quantity: qty, unitCost: 420 }] })
  await sendPurchaseOrder(ctx, { purchaseOrderId: saved.purchaseOrderId, expectedVersion: saved.version, publicUrl: 'http://lakou.test' })
  const lines = await listReceivedLines(ctx, saved.purchaseOrderId)
  return { id: saved.purchaseOrderId, lineId: lines[0]!.purchaseOrderLineId, warehouse: c.warehouse_code, variantId: c.variant_id }
}

const refusal = async (p: Promise<unknown>, code: string, pattern: RegExp) => {
  await assert.rejects(p, (e: unknown) => e instanceof AppError && e.code === code && pattern.test(e.message), `expected ${code} ${pattern}`)
}
const ledgerCount = async () => (await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM stock_movements WHERE reason = 'RECEIPT'`.execute(database.db))).n
const lotLevel = (lotCode: string, variantId: string) => one(sql<{ on_hand: number; moved: number }>`
  SELECT s.on_hand, (SELECT SUM(m.quantity)::int FROM stock_movements m WHERE m.lot_id = l.id) AS moved
    FROM lots l JOIN stock_levels s ON s.lot_id = l.id WHERE l.lot_code = ${lotCode} AND l.variant_id = ${variantId}`.execute(database.db))

test('suggestions come from the coffee sold in the warehouse, minus stock and what is already on order', async () => {
  const c = await producerOf(COFFEE)
  await paidOrder(database.db, { lines: [[COFFEE, 3]] })
  const sold = await one(sql<{ wh: string }>`SELECT warehouse_code AS wh FROM order_lines WHERE sku = ${COFFEE} LIMIT 1`.execute(database.db))
  const now = { ...ctx, now: new Date() }
  const p = await proposePurchaseLines(now, { producerId: c.producer_id, warehouseCode: sold.wh, coverWeeks: 6, leadWeeks: 2 })
  const line = p.lines.find((l) => l.sku === COFFEE)!
  assert.ok(line, 'the coffee is proposed')
  assert.equal(line.unitsSold, 3)
  assert.equal(line.weeklyRate, 3 / 8)
  assert.ok(line.defaultUnitCost > 0, 'default cost from the COST price list')
  // 3 sold in 8 weeks × (6 + 2) weeks = 3 units needed, minus what is there or coming, in whole packs
  assert.equal(line.target, 3)
  assert.equal(line.suggested, Math.ceil(Math.max(0, 3 - line.available - line.onOrder) / line.packSize) * line.packSize)
  assert.equal(line.suggested % line.packSize, 0)
  // raising the cover raises the suggestion unless the stock already covers it
  const more = await proposePurchaseLines(now, { producerId: c.producer_id, warehouseCode: sold.wh, coverWeeks: 52, leadWeeks: 26 })
  assert.ok(more.lines.find((l) => l.sku === COFFEE)!.target > line.target)
  // a draft of 7 bags for that warehouse counts as already on order (not suggested twice)
  await savePurchaseOrder(ctx, { producerId: c.producer_id, warehouseCode: sold.wh, lines: [{ variantId: c.variant_id, quantity: 7, unitCost: 420 }] })
  const again = (await proposePurchaseLines(now, { producerId: c.producer_id, warehouseCode: sold.wh, coverWeeks: 52, leadWeeks: 26 })).lines.find((l) => l.sku === COFFEE)!
  assert.equal(again.onOrder, line.onOrder + 7)
  assert.equal(again.suggested, Math.ceil(Math.max(0, again.target - again.available - again.onOrder) / again.packSize) * again.packSize)
  await refusal(proposePurchaseLines(ctx, { producerId: c.producer_id, warehouseCode: 'NOWHERE', coverWeeks: 6, leadWeeks: 2 }), 'VALIDATION_FAILED', /entrepôt/)
  await refusal(proposePurchaseLines(ctx, { producerId: c.producer_id, warehouseCode: sold.wh, coverWeeks: -1, leadWeeks: 2 }), 'VALIDATION_FAILED', /négative/)
})

test('a receipt puts accepted units in a new lot through the ledger; damaged and refused stay out; the order is partly received', async () => {
  const po = await sentOrder(10)
  const before = await ledgerCount()
  const r = await recordGoodsReceipt(ctx, {
    purchaseOrderId: po.id, receivedOn: today(),
    lines: [{ purchaseOrderLineId: po.lineId, lotCode: 'CAF-R1', producedOn: '2026-09-01', bestBefore: '2027-09-01', accepted: 6, damaged: 1, refused: 1, discrepancyNote: 'un sac percé' }],
  })
  assert.match(r.number, /^RC-\d{6}$/)
  assert.equal(r.status, 'partially_received')
  assert.equal(await ledgerCount(), before + 1)
  const level = await lotLevel('CAF-R1', po.variantId)
  assert.equal(level.on_hand, 6, 'only accepted units enter the stock')
  assert.equal(level.moved, level.on_hand, 'on hand = sum of the lot’s movements')
  assert.ok(await stockInvariantsHold(database.db))
  const mv = await one(sql<{ reference: string; staff_id: string | null }>`SELECT reference, staff_id FROM stock_movements WHERE reason = 'RECEIPT' ORDER BY id DESC LIMIT 1`.execute(database.db))
  assert.equal(mv.reference, r.receiptId)
  assert.ok(mv.staff_id)
  const view = await getGoodsReceipt(ctx, r.receiptId)
  assert.deepEqual({ ...view!.lines[0]!, lots: undefined, name: undefined, sku: undefined, position: undefined }, { ordered: 10, delivered: 8, accepted: 6, damaged: 1, refused: 1, short: 2, lots: undefined, name: undefined, sku: undefined, position: undefined })
  assert.equal((await listReceivedLines(ctx, po.id))[0]!.quantityReceived, 6)

  // the rest in the same lot (dates blank: the lot's are kept) → received
  const r2 = await recordGoodsReceipt(ctx, { purchaseOrderId: po.id, receivedOn: today(), lines: [{ purchaseOrderLineId: po.lineId, lotCode: 'CAF-R1', accepted: 4, damaged: 0, refused: 0 }] })
  assert.equal(r2.status, 'received')
  assert.equal((await lotLevel('CAF-R1', po.variantId)).on_hand, 10)
  assert.ok(await stockInvariantsHold(database.db))
  await refusal(recordGoodsReceipt(ctx, { purchaseOrderId: po.id, receivedOn: today(), lines: [{ purchaseOrderLineId: po.lineId, lotCode: 'CAF-R1', accepted: 1, damaged: 0, refused: 0 }] }), 'CONFLICT', /Reçu/)
})

test('refusals change nothing: over-receipt, bad dates, future date, lot with other dates, draft and cancelled orders, negatives', async () => {
  const po = await sentOrder(5)
  const line = (l: object) => ({ purchaseOrderLineId: po.lineId, lotCode: 'CAF-X', accepted: 1, damaged: 0, refused: 0, ...l })
  const before = { ledger: await ledgerCount(), receipts: (await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM goods_receipts`.execute(database.db))).n }
  await refusal(recordGoodsReceipt(ctx, { purchaseOrderId: po.id, receivedOn: today(), lines: [line({ accepted: 6 })] }), 'VALIDATION_FAILED', /il n’en reste que 5/)
  await refusal(recordGoodsReceipt(ctx, { purchaseOrderId: po.id, receivedOn: today(), lines: [line({ accepted: 3 }), line({ accepted: 3, lotCode: 'CAF-Y' })] }), 'VALIDATION_FAILED', /6 unités acceptées/)
  await refusal(recordGoodsReceipt(ctx, { purchaseOrderId: po.id, receivedOn: today(), lines: [line({ producedOn: '2026-10-01', bestBefore: '2026-09-01' })] }), 'VALIDATION_FAILED', /antérieure à la date de production/)
  await refusal(recordGoodsReceipt(ctx, { purchaseOrderId: po.id, receivedOn: '2999-01-01', lines: [line({})] }), 'VALIDATION_FAILED', /futur/)
  await refusal(recordGoodsReceipt(ctx, { purchaseOrderId: po.id, receivedOn: '2020-01-01', lines: [line({})] }), 'VALIDATION_FAILED', /antérieure à l’envoi/)
  await refusal(recordGoodsReceipt(ctx, { purchaseOrderId: po.id, receivedOn: today(), lines: [line({ accepted: -1 })] }), 'VALIDATION_FAILED', /négati/)
  await refusal(recordGoodsReceipt(ctx, { purchaseOrderId: po.id, receivedOn: today(), lines: [line({ lotCode: '' })] }), 'VALIDATION_FAILED', /numéro de lot est obligatoire/)
  await refusal(recordGoodsReceipt(ctx, { purchaseOrderId: po.id, receivedOn: today(), lines: [line({ accepted: 0 })] }), 'VALIDATION_FAILED', /au moins une quantité/)
  // a lot that exists with other dates (the first line creates it, the second disagrees): all rolled back
  await refusal(recordGoodsReceipt(ctx, { purchaseOrderId: po.id, receivedOn: today(), lines: [line({ lotCode: 'CAF-Z', bestBefore: '2027-01-01' }), line({ lotCode: 'CAF-Z', bestBefore: '2027-02-01' })] }), 'VALIDATION_FAILED', /existe déjà dans cet entrepôt avec d’autres dates/)
  assert.equal((await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM lots WHERE lot_code = 'CAF-Z'`.execute(database.db))).n, 0, 'the lot of a refused receipt is not kept')
  assert.equal(await ledgerCount(), before.ledger)
  assert.equal((await one(sql<{ n: number }>`SELECT count(*)::int AS n FROM goods_receipts`.execute(database.db))).n, before.receipts)
  assert.equal((await listReceivedLines(ctx, po.id))[0]!.quantityReceived, 0)

  const c = await producerOf(COFFEE)
  const draft = await savePurchaseOrder(ctx, { producerId: c.producer_id, warehouseCode: c.warehouse_code, lines: [{ variantId: c.variant_id, quantity: 2, unitCost: 100 }] })
  const draftLine = (await listReceivedLines(ctx, draft.purchaseOrderId))[0]!.purchaseOrderLineId
  await refusal(recordGoodsReceipt(ctx, { purchaseOrderId: draft.purchaseOrderId, receivedOn: today(), lines: [{ purchaseOrderLineId: draftLine, lotCode: 'A', accepted: 1, damaged: 0, refused: 0 }] }), 'CONFLICT', /pas encore envoyé/)
  await cancelPurchaseOrder(ctx, { purchaseOrderId: draft.purchaseOrderId })
  await refusal(recordGoodsReceipt(ctx, { purchaseOrderId: draft.purchaseOrderId, receivedOn: today(), lines: [{ purchaseOrderLineId: draftLine, lotCode: 'A', accepted: 1, damaged: 0, refused: 0 }] }), 'CONFLICT', /Annulé/)
  assert.ok(await stockInvariantsHold(database.db))
})

test('two receipts at once for the last units: one is refused, received never exceeds ordered', async () => {
  const po = await sentOrder(4)
  await recordGoodsReceipt(ctx, { purchaseOrderId: po.id, receivedOn: today(), lines: [{ purchaseOrderLineId: po.lineId, lotCode: 'CAF-C1', accepted: 1, damaged: 0, refused: 0 }] })
  const attempt = (lot: string) => recordGoodsReceipt(ctx, { purchaseOrderId: po.id, receivedOn: today(), lines: [{ purchaseOrderLineId: po.lineId, lotCode: lot, accepted: 3, damaged: 0, refused: 0 }] })
  const results = await Promise.allSettled([attempt('CAF-C2'), attempt('CAF-C3')])
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1)
  const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
  assert.ok(lost.reason instanceof AppError && /il n’en reste que 0|ne peut plus rien recevoir/.test(lost.reason.message), String(lost.reason))
  const line = (await listReceivedLines(ctx, po.id))[0]!
  assert.equal(line.quantityReceived, 4)
  const entered = await one(sql<{ n: number }>`SELECT COALESCE(SUM(m.quantity), 0)::int AS n FROM stock_movements m JOIN goods_receipts g ON g.id = m.reference WHERE g.purchase_order_id = ${po.id}`.execute(database.db))
  assert.equal(entered.n, 4, 'the ledger holds exactly the ordered units')
  assert.ok(await stockInvariantsHold(database.db))
})

test('drafts: version check, lines only of the producer; confirmation only by the order’s producer', async () => {
  const c = await producerOf(COFFEE)
  const rum = await producerOf('ACS-RHB50-100')
  await refusal(savePurchaseOrder(ctx, { producerId: c.producer_id, warehouseCode: c.warehouse_code, lines: [{ variantId: rum.variant_id, quantity: 1, unitCost: 100 }] }), 'VALIDATION_FAILED', /n’est pas de/)
  await refusal(savePurchaseOrder(ctx, { producerId: c.producer_id, warehouseCode: c.warehouse_code, lines: [] }), 'VALIDATION_FAILED', /au moins un article/)
  const d = await savePurchaseOrder(ctx, { producerId: c.producer_id, warehouseCode: c.warehouse_code, lines: [{ variantId: c.variant_id, quantity: 3, unitCost: 250 }] })
  const v2 = await savePurchaseOrder(ctx, { purchaseOrderId: d.purchaseOrderId, expectedVersion: d.version, producerId: c.producer_id, warehouseCode: c.warehouse_code, lines: [{ variantId: c.variant_id, quantity: 5, unitCost: 250 }] })
  assert.equal(v2.version, 2)
  await refusal(savePurchaseOrder(ctx, { purchaseOrderId: d.purchaseOrderId, expectedVersion: 1, producerId: c.producer_id, warehouseCode: c.warehouse_code, lines: [{ variantId: c.variant_id, quantity: 7, unitCost: 250 }] }), 'CONFLICT', /modifié entre-temps/)
  const po = await getPurchaseOrder(ctx, d.purchaseOrderId)
  assert.equal(po!.lines[0]!.quantityOrdered, 5)
  assert.equal(po!.totals.net, 1250)
  assert.equal(po!.totals.gross, po!.totals.net + po!.totals.byRate.reduce((s, r) => s + r.vat, 0))
  await sendPurchaseOrder(ctx, { purchaseOrderId: d.purchaseOrderId, expectedVersion: v2.version, publicUrl: 'http://lakou.test' })
  const mail = await one(sql<{ to_address: string; template: string; data: { portalUrl: string; purchaseOrderNumber: string } }>`SELECT to_address, template, data FROM email_outbox WHERE dedupe_key = ${`purchase-order-sent:${d.purchaseOrderId}`}`.execute(database.db))
  assert.equal(mail.template, 'purchase-order-sent')
  assert.equal(mail.data.portalUrl, `http://lakou.test/portail/commandes/${d.purchaseOrderId}`)
  await refusal(savePurchaseOrder(ctx, { purchaseOrderId: d.purchaseOrderId, expectedVersion: v2.version + 1, producerId: c.producer_id, warehouseCode: c.warehouse_code, lines: [{ variantId: c.variant_id, quantity: 7, unitCost: 250 }] }), 'CONFLICT', /Seul un brouillon/)
  await refusal(confirmPurchaseOrder(ctx, { producerId: rum.producer_id, purchaseOrderId: d.purchaseOrderId }), 'NOT_FOUND', /n’existe pas/)
  assert.equal((await confirmPurchaseOrder(ctx, { producerId: c.producer_id, purchaseOrderId: d.purchaseOrderId })).status, 'confirmed')
  await refusal(cancelPurchaseOrder(ctx, { purchaseOrderId: d.purchaseOrderId }), 'CONFLICT', /ne peut pas passer/)
})

test('a consignment producer’s order carries no cost, whatever is typed', async () => {
  const v = await one(sql<{ producer_id: string; variant_id: string; warehouse_code: string }>`
    SELECT p.producer_id, v.id AS variant_id, l.warehouse_code FROM producers pr JOIN products p ON p.producer_id = pr.id JOIN product_variants v ON v.product_id = p.id
      JOIN lots l ON l.variant_id = v.id WHERE pr.code = 'PRD-BWK' AND p.status = 'ACTIVE' AND v.status = 'ACTIVE' ORDER BY v.sku LIMIT 1`.execute(database.db))
  const proposal = await proposePurchaseLines(ctx, { producerId: v.producer_id, warehouseCode: v.warehouse_code, coverWeeks: 6, leadWeeks: 2 })
  assert.equal(proposal.model, 'CONSIGNMENT')
  assert.ok(proposal.lines.length > 0 && proposal.lines.every((l) => l.defaultUnitCost === 0))
  const saved = await savePurchaseOrder(ctx, { producerId: v.producer_id, warehouseCode: v.warehouse_code, lines: [{ variantId: v.variant_id, quantity: 4, unitCost: 500 }] })
  const po = await getPurchaseOrder(ctx, saved.purchaseOrderId)
  assert.equal(po!.model, 'CONSIGNMENT')
  assert.deepEqual([po!.lines[0]!.unitCost, po!.totals.gross], [0, 0])
})
