import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import type { Database } from '../kernel/db/client.ts'
import { generateCategoryImages } from '../modules/media/index.ts'
import { testDatabase } from '../../test/helpers/test-db.ts'
import { generateCatalog, syntheticName } from './generate-catalog.ts'

let database: Database
before(async () => {
  database = await testDatabase()
})
after(async () => database.close())

const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(database.db)).rows[0]!

test('synthetic names read like products of their category, in both languages', () => {
  let i = 0
  const r = () => [0.1, 0.3, 0.7, 0.2, 0.9][i++ % 5]!
  const jam = syntheticName('confiture', r)
  assert.match(jam.fr, /^Confiture d[e' ]/)
  assert.match(jam.en, / jam/)
  const rum = syntheticName('rhum_vieux', r)
  assert.match(rum.fr, /^Rhum/)
  assert.match(rum.en, /rum/)
})

test('adds N products with variants, retail prices in both markets, stock through the ledger and category pictures', async () => {
  const before = await one(sql<{ n: number }>`select count(*)::int as n from products`)
  const categoryImages = await generateCategoryImages(database, { dataDir: '/nonexistent', images: false })
  const progress: number[] = []
  const r = await generateCatalog(database, { products: 250, batchSize: 100, categoryImages, onProgress: (n) => progress.push(n) })
  assert.deepEqual(progress, [100, 200, 250])
  assert.equal(r.products, 250)
  const afterRun = await one(sql<{ n: number }>`select count(*)::int as n from products`)
  assert.equal(afterRun.n, before.n + 250)

  const v = await one(sql<{ min: number; max: number; orphans: number }>`
    select min(n)::int as min, max(n)::int as max, count(*) filter (where n = 0)::int as orphans
      from (select p.id, count(v.id) as n from products p left join product_variants v on v.product_id = p.id where p.handle like 'syn-%' group by p.id) x`)
  assert.ok(v.min >= 1 && v.max <= 3, `1–3 variants, got ${v.min}–${v.max}`)
  const prices = await one(sql<{ fr: number; gp: number; variants: number }>`
    select count(*) filter (where vp.market = 'FR-MAINLAND')::int as fr, count(*) filter (where vp.market = 'GP')::int as gp, count(distinct v.id)::int as variants
      from product_variants v join products p on p.id = v.product_id join variant_prices vp on vp.variant_id = v.id and vp.price_list = 'RETAIL'
     where p.handle like 'syn-%'`)
  assert.equal(prices.variants, r.variants, 'every variant has a retail price')
  assert.ok(prices.fr > 0 && prices.gp > 0)
  const stock = await one(sql<{ lots: number; movements: number; on_hand: number; moved: number }>`
    select (select count(*)::int from lots where lot_code like 'SYN-%') as lots,
           (select count(*)::int from stock_movements where reference = 'synthetic-seed' and reason = 'OPENING') as movements,
           (select coalesce(sum(s.on_hand), 0)::int from stock_levels s join lots l on l.id = s.lot_id where l.lot_code like 'SYN-%') as on_hand,
           (select coalesce(sum(quantity), 0)::int from stock_movements where reference = 'synthetic-seed') as moved`)
  assert.equal(stock.lots, r.lots)
  assert.equal(stock.movements, r.lots)
  assert.equal(stock.on_hand, stock.moved, 'levels come from the ledger')
  const pics = await one(sql<{ n: number }>`select count(*)::int as n from products p join product_images pi on pi.product_id = p.id join images i on i.id = pi.image_id where p.handle like 'syn-%' and i.storage_key like 'categories/%'`)
  assert.equal(pics.n, 250)
  const spread = await one(sql<{ producers: number; categories: number }>`select count(distinct producer_id)::int as producers, count(distinct category_id)::int as categories from products where handle like 'syn-%'`)
  assert.ok(spread.producers >= 10, `spread over producers (${spread.producers})`)
  assert.ok(spread.categories >= 30, `spread over categories (${spread.categories})`)
  const alcohol = await one(sql<{ bad: number }>`select count(*)::int as bad from product_variants v join products p on p.id = v.product_id where p.handle like 'syn-%' and p.vat_category_code = 'ALCOHOL' and v.abv is null`)
  assert.equal(alcohol.bad, 0, 'alcohol keeps its excise facts')
})
