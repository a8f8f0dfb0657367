import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { AppError } from '../../kernel/errors.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { createOrder, listOrdersOfCustomer, searchOrders, type OrderDeskRow, type OrderSearchInput, type OrderState } from './index.ts'

// The order desk on a handful of orders written through createOrder: what staff type (numbers,
// e-mails, names without accents), filters, sorts, pages, and input refused by the schemas.

let database: Database
let staff: Ctx
let variantId: string
const customerId = 'cus_desk_test'

type Fixture = { name: string; email: string; placedAt: string; total: number; status?: OrderState; shipName?: string; market?: string; payment?: 'card' | 'bank_transfer'; customer?: boolean }
const placed: { id: string; number: string; f: Fixture }[] = []

async function place(f: Fixture) {
  const ctx = { ...staff, now: new Date(f.placedAt) }
  const vat = Math.round((f.total * 2000) / 12000)
  const address = (name: string) => ({ name, line1: '3 rue Schœlcher', postalCode: '97110', city: 'Pointe-à-Pitre', country: 'FR' })
  const r = await createOrder(ctx, {
    idempotencyKey: `desk-${placed.length}`, cartId: null, customerId: f.customer ? customerId : null, email: f.email, market: f.market ?? 'FR-MAINLAND',
    shipTo: address(f.shipName ?? f.name), billTo: address(f.name), zone: f.market ?? 'FR-MAINLAND', shippingMethodCode: 'COLISSIMO', shippingMethodName: 'Colissimo',
    deliveryDate: null, promise: { from: f.placedAt.slice(0, 10), to: f.placedAt.slice(0, 10) }, promo: null,
    totals: { goods: f.total, discount: 0, shipping: 0, taxAdjustment: 0, net: f.total - vat, vat, gross: f.total, excise: 0 },
    taxSummary: { vatByRate: [{ rateBp: 2000, net: f.total - vat, vat }], mentions: [], shipments: [], shipping: null },
    paymentMethod: f.payment ?? 'card', birthDate: null, ageConfirmed: false, reservationExpiresAt: new Date(f.placedAt),
    lines: [1, 2].map(() => ({
      variantId, sku: 'TEST', name: 'Test', quantity: 1, unitGross: f.total / 2, lineGross: f.total / 2, discountGross: 0, net: 0, vat: 0, vatParts: [],
      excise: 0, css: 0, warehouseCode: 'GP-JARRY', taxCategory: 'STANDARD', madeToOrder: false, ageRestricted: false, withdrawalEligible: true,
    })),
  })
  if (f.status) await sql`update orders set status = ${f.status} where id = ${r.orderId}`.execute(database.db)
  placed.push({ id: r.orderId, number: r.orderNumber, f })
}

const FIXTURES: Fixture[] = [
  { name: 'Hélène Lefèvre', email: 'Helene.Lefevre@Orange.fr', placedAt: '2026-03-10T03:00:00Z', total: 4200, status: 'delivered', market: 'GP', customer: true },
  { name: 'Hélène Lefèvre', email: 'helene.lefevre@orange.fr', placedAt: '2026-03-20T15:00:00Z', total: 1500, status: 'cancelled' },
  { name: 'Hélène Lefèvre', email: 'h.lefevre@laposte.net', placedAt: '2026-04-02T09:00:00Z', total: 9900, status: 'paid', customer: true, payment: 'bank_transfer' },
  { name: 'Jean-Baptiste Zamor', email: 'jb.zamor@gmail.com', placedAt: '2026-03-11T12:00:00Z', total: 6100, shipName: 'Maëlle Zamor', status: 'shipped' },
  { name: 'Marie Dupont', email: 'marie.dupont12@free.fr', placedAt: '2026-02-01T10:00:00Z', total: 2500, status: 'delivered' },
  { name: 'Marie Dupont', email: 'marie.dupont12@free.fr', placedAt: '2026-02-15T10:00:00Z', total: 3500, status: 'refunded' },
  { name: 'Marie-Claire Martin', email: 'mcm@wanadoo.fr', placedAt: '2026-03-10T05:00:00Z', total: 7000, status: 'delivered', payment: 'bank_transfer' },
  { name: 'Théodore Placide', email: 'theo.placide@icloud.com', placedAt: '2026-01-05T10:00:00Z', total: 800 },
]

before(async () => {
  database = await testDatabase()
  staff = systemCtx(database.db, 'test', { actor: { kind: 'staff', staffId: 'stf_test', email: 'desk@lakou.example', roles: ['customer_service'] } })
  variantId = (await sql<{ id: string }>`select id from product_variants order by id limit 1`.execute(database.db)).rows[0]!.id
  await sql`insert into customers (id, email, password_hash, first_name, last_name) values (${customerId}, 'helene.lefevre@orange.fr', '$argon2id$test', 'Hélène', 'Lefèvre')`.execute(database.db)
  for (const f of FIXTURES) await place(f)
})
after(async () => database?.close())

const search = (input: OrderSearchInput) => searchOrders(staff, input)
const ids = (rows: OrderDeskRow[]) => rows.map((r) => r.id).sort()
const where = (pred: (f: Fixture) => boolean) => placed.filter((p) => pred(p.f)).map((p) => p.id).sort()

test('an order number finds that order first, typed with or without LK-, then those it starts', async () => {
  const target = placed[3]!
  for (const q of [target.number, target.number.toLowerCase(), target.number.slice(3)]) {
    const r = await search({ q })
    assert.equal(r.rows[0]!.id, target.id, q)
    assert.ok(r.rows.every((row) => row.number.startsWith(target.number)))
  }
  const prefix = target.number.slice(0, -1)
  const r = await search({ q: prefix })
  assert.deepEqual(ids(r.rows), placed.filter((p) => p.number.startsWith(prefix)).map((p) => p.id).sort())
  assert.equal((await search({ q: 'LK-999999999' })).rows.length, 0)
})

test('an e-mail, exact or its start, case ignored; words match names without accents, and e-mails', async () => {
  assert.deepEqual(ids((await search({ q: 'HELENE.LEFEVRE@ORANGE.FR' })).rows), where((f) => f.email.toLowerCase() === 'helene.lefevre@orange.fr'))
  assert.deepEqual(ids((await search({ q: 'marie.dupont12@' })).rows), where((f) => f.email.startsWith('marie.dupont12@')))
  assert.deepEqual(ids((await search({ q: 'Marie.Dup' })).rows), where((f) => f.email.startsWith('marie.dup')), 'a dot: the start of an e-mail')
  assert.deepEqual(ids((await search({ q: 'lefev' })).rows), where((f) => f.name === 'Hélène Lefèvre'))
  assert.deepEqual(ids((await search({ q: 'HÉLÈNE' })).rows), where((f) => f.name === 'Hélène Lefèvre'))
  assert.deepEqual(ids((await search({ q: 'maelle' })).rows), where((f) => f.shipName === 'Maëlle Zamor'), 'the gift recipient')
  assert.deepEqual(ids((await search({ q: 'marie dupont' })).rows), where((f) => f.name === 'Marie Dupont'), 'every word')
  assert.deepEqual(ids((await search({ q: 'dupont12' })).rows), where((f) => f.email.includes('dupont12')))
  assert.deepEqual(ids((await search({ q: 'marie' })).rows), where((f) => f.name.startsWith('Marie')))
  assert.deepEqual((await search({ q: '50%_' })).rows, [], 'LIKE wildcards are literal')
  const view = (await search({ q: 'maelle' })).rows[0]!
  assert.equal(view.name, 'Jean-Baptiste Zamor')
  assert.equal(view.shipToName, 'Maëlle Zamor')
  assert.equal(view.lineCount, 2)
})

test('filters: statuses, placed days in the desk time zone, market, payment method', async () => {
  assert.deepEqual(ids((await search({ statuses: ['delivered', 'refunded'] })).rows), where((f) => f.status === 'delivered' || f.status === 'refunded'))
  assert.deepEqual(ids((await search({ statuses: 'cancelled' } as unknown as OrderSearchInput)).rows), where((f) => f.status === 'cancelled'), 'one status from a form')
  // 2026-03-10T03:00Z is still 9 March in Guadeloupe (UTC-4), 10 March in UTC
  const march9 = await search({ from: '2026-03-09', to: '2026-03-09' })
  assert.deepEqual(ids(march9.rows), where((f) => f.placedAt === '2026-03-10T03:00:00Z'))
  assert.deepEqual(ids((await search({ from: '2026-03-10', to: '2026-03-10', timeZone: 'UTC' })).rows), where((f) => f.placedAt.startsWith('2026-03-10')))
  assert.deepEqual(ids((await search({ from: '2026-03-01' })).rows), where((f) => f.placedAt >= '2026-03-01T04:00:00Z'))
  assert.deepEqual(ids((await search({ market: 'GP' })).rows), where((f) => f.market === 'GP'))
  assert.deepEqual(ids((await search({ paymentMethod: 'bank_transfer', q: 'lefevre' })).rows), where((f) => f.payment === 'bank_transfer' && f.name === 'Hélène Lefèvre'))
})

test('sorts and pages: newest first by default, by total; no order twice, none skipped', async () => {
  const all = await search({ pageSize: 100 })
  assert.equal(all.total, placed.length)
  assert.equal(all.hasMore, false)
  assert.deepEqual(all.rows.map((r) => r.id), [...placed].sort((a, b) => b.f.placedAt.localeCompare(a.f.placedAt)).map((p) => p.id))
  const byTotal = await search({ sort: 'total', dir: 'asc', pageSize: 100 })
  assert.deepEqual(byTotal.rows.map((r) => r.totalGross), [...placed].map((p) => p.f.total).sort((a, b) => a - b))
  const pages: OrderDeskRow[] = []
  for (let page = 1; ; page++) {
    const r = await search({ page, pageSize: 3, sort: 'total' })
    pages.push(...r.rows)
    if (!r.hasMore) break
    assert.equal(r.total, 1000 > placed.length ? placed.length : null)
  }
  assert.deepEqual(pages.map((r) => r.totalGross), [...placed].map((p) => p.f.total).sort((a, b) => b - a))
  const text = await search({ q: 'lefevre', pageSize: 2 })
  assert.equal(text.hasMore, true)
  assert.equal(text.total, null, 'a text search with more pages is not counted')
  const last = await search({ q: 'lefevre', pageSize: 2, page: 2 })
  assert.equal(last.total, 3, 'the last page tells the total')
})

test("a customer's orders: the account's and the guest ones with the same e-mail, the current one left out", async () => {
  const mine = where((f) => f.customer === true || f.email.toLowerCase() === 'helene.lefevre@orange.fr')
  const both = await listOrdersOfCustomer(staff, { customerId, email: 'HELENE.LEFEVRE@orange.fr' })
  assert.deepEqual(ids(both), mine)
  for (let i = 1; i < both.length; i++) assert.ok(both[i - 1]!.placedAt >= both[i]!.placedAt)
  assert.deepEqual(ids(await listOrdersOfCustomer(staff, { customerId })), where((f) => f.customer === true))
  const others = await listOrdersOfCustomer(staff, { email: 'marie.dupont12@free.fr', excludeOrderId: placed[4]!.id })
  assert.deepEqual(ids(others), [placed[5]!.id])
})

test('bad input is refused by the schemas; the desk is for staff', async () => {
  const bad: unknown[] = [{ statuses: ['lost'] }, { from: '2026-02-30' }, { pageSize: 0 }, { pageSize: 101 }, { from: '2026-03-02', to: '2026-03-01' },
    { q: 'a\u0007b' }, { timeZone: 'Mars/Olympus_Mons' }, { sort: 'email' }, { page: 'two' }, { orderBy: 'id' }]
  for (const input of bad) {
    await assert.rejects(search(input as OrderSearchInput), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED' && e.status === 400, JSON.stringify(input))
  }
  await assert.rejects(listOrdersOfCustomer(staff, {}), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED')
  await assert.rejects(listOrdersOfCustomer(staff, { email: 'not an e-mail' }), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED')
  const blank = await search({ q: '', statuses: '', from: '', page: '1', pageSize: '2' } as unknown as OrderSearchInput)
  assert.equal(blank.rows.length, 2)
  const shopper = systemCtx(database.db, 'test', { actor: { kind: 'customer', customerId } })
  await assert.rejects(searchOrders(shopper, {}), (e: unknown) => e instanceof AppError && e.code === 'FORBIDDEN')
  await assert.rejects(listOrdersOfCustomer(shopper, { customerId }), (e: unknown) => e instanceof AppError && e.code === 'FORBIDDEN')
})
