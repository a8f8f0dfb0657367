import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import type { Database } from '../../kernel/db/client.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { createSearchRule, deleteSearchRule, listSearchRules, postgresSearchEngine as engine, reindex, type SearchRequest, type SearchResult } from './index.ts'

// Merchandising rules and reindexing on the demo market. Each test uses its own query words
// or category, so the rules of one test never reach another.

let database: Database
let ctx: Ctx
const ids = new Map<string, string>()
before(async () => {
  database = await testDatabase()
  ctx = systemCtx(database.db, 'test')
  for (const r of (await sql<{ id: string; handle: string }>`SELECT id, handle FROM products`.execute(database.db)).rows) ids.set(r.handle, r.id)
})
after(async () => database.close())

const id = (handle: string) => ids.get(handle) ?? assert.fail(`no product ${handle}`)
const run = (over: Partial<SearchRequest>): Promise<SearchResult> =>
  engine.search(ctx, { locale: 'fr', market: 'FR-MAINLAND', filters: {}, sort: 'relevance', page: 1, perPage: 100, ...over })
const results = async (over: Partial<SearchRequest>) => {
  const r = await run(over)
  assert.equal(r.kind, 'results')
  return r as Extract<SearchResult, { kind: 'results' }>
}

test('PIN puts a product at its slot for a query, even one that does not match the words', async () => {
  const plain = await results({ query: 'confiture' })
  const jam = id('dkr-cnf-goy-220')
  const honey = id('bwk-mie-tf-250')
  assert.ok(!plain.productIds.includes(honey))
  const rule = await createSearchRule(ctx, { action: 'PIN', query: 'Confiture', productId: honey, position: 2 })
  const pinned = await results({ query: 'confiture' })
  assert.equal(pinned.productIds[1], honey)
  assert.equal(pinned.total, plain.total + 1)
  assert.ok(pinned.productIds.includes(jam))
  // the page boundaries stay exact around the pin
  const p1 = await results({ query: 'confiture', perPage: 2, page: 1 })
  const p2 = await results({ query: 'confiture', perPage: 2, page: 2 })
  assert.deepEqual([...p1.productIds, ...p2.productIds], pinned.productIds.slice(0, 4))
  // sorting by price shows the plain order: rules shape relevance only
  assert.ok(!(await results({ query: 'confiture', sort: 'price_asc' })).productIds.includes(honey))
  await deleteSearchRule(ctx, rule.id)
  assert.deepEqual((await results({ query: 'confiture' })).productIds, plain.productIds)
})

test('BOOST ranks a product above the rest, BURY ranks it last', async () => {
  const plain = (await results({ query: 'vanille' })).productIds
  const last = plain.at(-1)!
  const first = plain[0]!
  await createSearchRule(ctx, { action: 'BOOST', query: 'vanille', productId: last })
  await createSearchRule(ctx, { action: 'BURY', query: 'vanille', productId: first })
  const ranked = (await results({ query: 'vanille' })).productIds
  assert.equal(ranked[0], last)
  assert.equal(ranked.at(-1), first)
  assert.equal(ranked.length, plain.length)
  // a rule in English does not touch French searches
  const miel = (await results({ query: 'miel' })).productIds
  await createSearchRule(ctx, { action: 'BURY', query: 'miel', productId: miel[0]!, locale: 'en' })
  assert.deepEqual((await results({ query: 'miel' })).productIds, miel)
  assert.equal((await results({ query: 'miel', locale: 'en' })).productIds.at(-1), miel[0])
  assert.equal((await listSearchRules(ctx, { query: 'VANILLE' })).length, 2)
})

test('category rules shape the category page (browse)', async () => {
  const coffee = (await sql<{ id: string }>`SELECT id FROM categories WHERE code = 'coffee'`.execute(database.db)).rows[0]!.id
  const microlot = id('chn-caf-ml-125')
  await createSearchRule(ctx, { action: 'PIN', categoryId: coffee, productId: microlot, position: 1 })
  const page = await results({ contextCategoryId: coffee })
  assert.equal(page.productIds[0], microlot)
  // the rule is for the category page, not for a query that happens to match
  assert.notEqual((await results({ query: 'microlot cafe grains', contextCategoryId: coffee })).productIds.length, 0)
})

test('REDIRECT sends a query to a site path; other sites are refused', async () => {
  await createSearchRule(ctx, { action: 'REDIRECT', query: 'Livraison ?', path: '/fr/livraison' })
  assert.deepEqual(await run({ query: 'livraison' }), { kind: 'redirect', path: '/fr/livraison' })
  assert.deepEqual(await run({ query: 'LIVRAISON', locale: 'en' }), { kind: 'redirect', path: '/fr/livraison' })
  for (const path of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
    await assert.rejects(createSearchRule(ctx, { action: 'REDIRECT', query: 'retour', path }), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED')
  }
})

test('reindex follows the catalogue: archived products leave, stock-outs leave the in-stock filter', async () => {
  const xo = id('acs-rhv-xo-070')
  const before = await results({ query: 'rhum' })
  assert.ok(before.productIds.includes(xo))
  // sell out the 10-year-old rum (every lot to zero). Written on the levels directly: a negative
  // movement trips the stock_levels CHECK inside the ledger trigger (reported to inventory).
  const tenYears = id('acs-rhv-10a-050')
  await sql`UPDATE stock_levels SET on_hand = 0 WHERE variant_id IN (SELECT id FROM product_variants WHERE product_id = ${tenYears})`.execute(database.db)
  await sql`UPDATE products SET status = 'ARCHIVED' WHERE id = ${xo}`.execute(database.db)
  await reindex(ctx, [xo, tenYears])
  const after = await results({ query: 'rhum' })
  assert.ok(!after.productIds.includes(xo))
  assert.equal(after.total, before.total - 1)
  assert.equal(after.facets.inStock.count, before.facets.inStock.count - 2)
  const inStock = await results({ query: 'rhum', filters: { inStock: true } })
  assert.ok(!inStock.productIds.includes(tenYears))
  assert.ok((await results({ query: 'rhum' })).productIds.includes(tenYears), 'sold out is still listed without the filter')
})
