import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import type { Database } from '../../src/kernel/db/client.ts'
import { migrateToLatest } from '../../src/kernel/db/migrate.ts'
import { testDatabase } from '../helpers/test-db.ts'

let database: Database
before(async () => {
  database = await testDatabase()
})
after(async () => database.close())

test('migrations are idempotent: a second run applies nothing', async () => {
  const { applied, version } = await migrateToLatest(database.db)
  assert.deepEqual(applied, [])
  assert.match(version ?? '', /^\d{4}_/)
})

test('the demo market is loaded: producers, products with variants, prices in cents, opening stock', async () => {
  const q = async <T>(s: ReturnType<typeof sql<T>>) => (await s.execute(database.db)).rows
  const [counts] = await q(sql<{ producers: number; products: number; variants: number }>`
    select (select count(*) from producers where kind = 'producer') producers,
           (select count(*) from products) products,
           (select count(*) from product_variants) variants`)
  assert.equal(counts!.producers, 12)
  assert.equal(counts!.variants, 67)
  assert.ok(counts!.products < 67, 'grouped sizes become variants of one product')
  const [rum] = await q(sql<{ amount: number; option_label_fr: string }>`
    select p.amount, v.option_label_fr from variant_prices p join product_variants v on v.id = p.variant_id
     where v.sku = 'ACS-RHB50-100' and p.price_list = 'RETAIL' and p.market = 'FR-MAINLAND'`)
  assert.equal(rum!.amount, 2790)
  assert.equal(rum!.option_label_fr, '1 L')
  const [stock] = await q(sql<{ on_hand: number }>`
    select sum(s.on_hand)::int on_hand from stock_levels s join product_variants v on v.id = s.variant_id where v.sku = 'ACS-RHB50-100'`)
  assert.equal(stock!.on_hand, 360)
})

test('the stock ledger is append-only and never lets stock go negative', async () => {
  const [lot] = (await sql<{ id: string; on_hand: number }>`select lot_id id, on_hand from stock_levels order by on_hand limit 1`.execute(database.db)).rows
  await assert.rejects(sql`insert into stock_movements (lot_id, quantity, reason) values (${lot!.id}, ${-(lot!.on_hand + 1)}, 'WRITE_OFF')`.execute(database.db))
  await assert.rejects(sql`update stock_movements set quantity = 1`.execute(database.db), /append-only/)
  await assert.rejects(sql`delete from stock_movements`.execute(database.db), /append-only/)
  const [after] = (await sql<{ on_hand: number }>`select on_hand from stock_levels where lot_id = ${lot!.id}`.execute(database.db)).rows
  assert.equal(after!.on_hand, lot!.on_hand, 'a refused movement changes nothing')
})

test('a sale takes stock out of its lot through the ledger; selling more than is left is refused', async () => {
  const [lot] = (await sql<{ id: string; on_hand: number }>`select lot_id id, on_hand from stock_levels where on_hand >= 3 order by lot_id limit 1`.execute(database.db)).rows
  await sql`insert into stock_movements (lot_id, quantity, reason, reference) values (${lot!.id}, -2, 'SALE', 'test-order')`.execute(database.db)
  const [after] = (await sql<{ on_hand: number }>`select on_hand from stock_levels where lot_id = ${lot!.id}`.execute(database.db)).rows
  assert.equal(after!.on_hand, lot!.on_hand - 2)
  await assert.rejects(sql`insert into stock_movements (lot_id, quantity, reason) values (${lot!.id}, ${-(after!.on_hand + 1)}, 'SALE')`.execute(database.db), /check/i)
})

test('every stock level equals the sum of its lot movements', async () => {
  const rows = (await sql<{ n: number }>`
    select count(*)::int n from stock_levels s
     where s.on_hand <> (select coalesce(sum(m.quantity), 0) from stock_movements m where m.lot_id = s.lot_id)`.execute(database.db)).rows
  assert.equal(rows[0]!.n, 0)
})
