import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import type { Database } from '../../kernel/db/client.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { createSynonymGroup, deleteSynonymGroup, listZeroResultQueries, postgresSearchEngine as engine, type SearchRequest, type SearchResult } from './index.ts'

// Search behaviour on the demo market, as a shopper sees it. One database for the file;
// the tests that write (synonyms, the query log) use words no other test searches.

let database: Database
let ctx: Ctx
type P = { id: string; handle: string; name_fr: string; category: string; producer: string; created_at: Date; fr_price: number | null }
const byHandle = new Map<string, P>()
const byId = new Map<string, P>()

before(async () => {
  database = await testDatabase()
  ctx = systemCtx(database.db, 'test')
  const r = await sql<P>`
    SELECT p.id, p.handle, p.name_fr, c.code AS category, pr.code AS producer, p.created_at,
           (SELECT min(vp.amount) FROM product_variants v JOIN variant_prices vp ON vp.variant_id = v.id
             WHERE v.product_id = p.id AND NOT v.b2b_only AND vp.price_list = 'RETAIL' AND vp.market = 'FR-MAINLAND')::int AS fr_price
      FROM products p JOIN categories c ON c.id = p.category_id JOIN producers pr ON pr.id = p.producer_id`.execute(database.db)
  for (const p of r.rows) {
    byHandle.set(p.handle, p)
    byId.set(p.id, p)
  }
})
after(async () => database.close())

const search = async (over: Partial<SearchRequest>) => {
  const r = await engine.search(ctx, { locale: 'fr', market: 'FR-MAINLAND', filters: {}, sort: 'relevance', page: 1, perPage: 100, ...over })
  assert.equal(r.kind, 'results')
  return r as Extract<SearchResult, { kind: 'results' }>
}
const handles = (r: { productIds: string[] }) => r.productIds.map((i) => byId.get(i)!.handle)
const sellableIn = (pred: (p: P) => boolean) => [...byHandle.values()].filter((p) => p.fr_price !== null && pred(p)).map((p) => p.handle).sort()

test('French stemming: "rhums" finds the rum products; English stemming: "coffees" finds the coffee', async () => {
  const rhums = await search({ query: 'rhums' })
  for (const h of sellableIn((p) => p.category.startsWith('rum/'))) assert.ok(handles(rhums).includes(h), `rhums misses ${h}`)
  const coffees = await search({ query: 'coffees', locale: 'en' })
  assert.ok(handles(coffees).includes('chn-cafe-grains'))
  assert.ok(handles(coffees).includes('chn-caf-mo-250'))
  assert.equal(coffees.correctedQuery, null)
})

test('accents and case are ignored: cafe, CAFÉ and café find the same coffee', async () => {
  const [a, b, c] = await Promise.all([search({ query: 'cafe' }), search({ query: 'CAFÉ' }), search({ query: 'café' })])
  assert.ok(handles(a).includes('chn-cafe-grains'))
  assert.deepEqual(handles(b), handles(a))
  assert.deepEqual(handles(c), handles(a))
})

test('typos are corrected and reported: rhim → rhum, vanile → vanille', async () => {
  const rhim = await search({ query: 'rhim' })
  assert.equal(rhim.correctedQuery, 'rhum')
  assert.ok(handles(rhim).includes('acs-rhv-vsop-070'))
  const vanile = await search({ query: 'vanile' })
  assert.equal(vanile.correctedQuery, 'vanille')
  assert.ok(handles(vanile).includes('fvv-vanille-gousses'))
  // a correct word is never "corrected"
  assert.equal((await search({ query: 'vanille' })).correctedQuery, null)
})

test('synonyms are data: a new group makes one term find products named with the other', async () => {
  assert.equal((await search({ query: 'guildive' })).total, 0)
  const group = await createSynonymGroup(ctx, { locale: 'fr', terms: ['Guildive', 'rhum'] })
  assert.deepEqual(group.terms, ['guildive', 'rhum'])
  const found = await search({ query: 'guildive' })
  assert.ok(handles(found).includes('acs-rhv-xo-070'))
  assert.equal(found.correctedQuery, null)
  await deleteSynonymGroup(ctx, group.id)
  assert.equal((await search({ query: 'guildive' })).total, 0)
  // the demo groups are loaded by the seed: "kafe" finds café
  assert.ok(handles(await search({ query: 'kafe' })).includes('chn-cafe-grains'))
})

test('multi-word queries need every word: "rhum vieux" finds aged rums, not white ones', async () => {
  const r = handles(await search({ query: 'rhum vieux' }))
  assert.ok(r.includes('acs-rhv-vsop-070'))
  assert.ok(r.includes('mzp-rhv-8a-070'))
  assert.ok(!r.includes('acs-rhb55-070'))
})

test('producer names, category names, origin communes and labels match too', async () => {
  assert.deepEqual(handles(await search({ query: 'Anse-Cascade' })).sort(), sellableIn((p) => p.producer === 'PRD-ACS'))
  assert.deepEqual(handles(await search({ query: 'épicerie fine' })).sort(), sellableIn((p) => p.category.startsWith('specialty/')))
  assert.deepEqual(handles(await search({ query: 'Capesterre' })).sort(), sellableIn((p) => p.producer === 'PRD-ACS'))
  const organic = handles(await search({ query: 'biologique' }))
  assert.ok(organic.includes('fvv-vanille-gousses') && organic.includes('bwk-mie-tf-250') && organic.includes('mzp-rhb50-070-bio'))
  assert.ok(!organic.includes('acs-rhv-xo-070'))
})

test('facets count categories (top and sub), producers, communes, labels, prices and stock', async () => {
  const r = await search({ query: 'rhum' })
  const top = r.facets.category.find((c) => c.label === 'Rhums')!
  const aged = r.facets.category.find((c) => c.label === 'Rhums vieux')!
  assert.equal(top.parentId, null)
  assert.equal(aged.parentId, top.value)
  assert.equal(aged.count, handles(r).filter((h) => byHandle.get(h)!.category === 'rum/rhum_vieux').length)
  assert.equal(r.facets.producer.reduce((s, v) => s + v.count, 0), r.total)
  assert.equal(r.facets.price.reduce((s, v) => s + v.count, 0), r.total)
  assert.ok(r.facets.commune.some((c) => c.value === 'Capesterre-Belle-Eau' && c.count === handles(r).filter((h) => byHandle.get(h)!.producer === 'PRD-ACS').length))
  assert.ok(r.facets.label.some((l) => l.value === 'AB_BIO' && l.count >= 1))
  assert.equal(r.facets.inStock.count, r.total)
})

test('faceting is disjunctive: a facet\'s counts ignore its own selection, filters narrow the rest', async () => {
  const all = await search({ query: 'rhum' })
  const acs = all.facets.producer.find((p) => p.label === 'Distillerie Anse-Cascade')!
  const mzp = all.facets.producer.find((p) => p.label === 'Habitation Morne-Zéphyr')!
  const filtered = await search({ query: 'rhum', filters: { producerIds: [acs.value] } })
  assert.equal(filtered.total, acs.count)
  assert.ok(handles(filtered).every((h) => byHandle.get(h)!.producer === 'PRD-ACS'))
  // the producer facet still offers Morne-Zéphyr with its full count, and marks the selection
  assert.equal(filtered.facets.producer.find((p) => p.value === mzp.value)?.count, mzp.count)
  assert.equal(filtered.facets.producer.find((p) => p.value === acs.value)?.selected, true)
  // other facets follow the producer filter
  assert.equal(filtered.facets.price.reduce((s, v) => s + v.count, 0), acs.count)
  // price buckets: the selected bucket keeps its siblings
  const bucket = all.facets.price.find((b) => b.value === '3000-5000')!
  const inBucket = await search({ query: 'rhum', filters: { priceMin: 3000, priceMax: 5000 } })
  assert.equal(inBucket.total, bucket.count)
  assert.ok(handles(inBucket).every((h) => byHandle.get(h)!.fr_price! >= 3000 && byHandle.get(h)!.fr_price! < 5000))
  assert.deepEqual(inBucket.facets.price.map((b) => [b.value, b.count]), all.facets.price.map((b) => [b.value, b.count]))
  assert.equal(inBucket.facets.price.find((b) => b.value === '3000-5000')?.selected, true)
})

test('filters: a top category includes its children; labels must all be carried; communes', async () => {
  const rum = (await search({ query: 'rhum' })).facets.category.find((c) => c.label === 'Rhums')!
  const inRum = await search({ query: 'rhum', filters: { categoryIds: [rum.value] } })
  assert.deepEqual(handles(inRum).sort(), sellableIn((p) => p.category.startsWith('rum/')))
  const bioAndMg = await search({ filters: { labels: ['AB_BIO', 'MENTION_MARIE_GALANTE'] } })
  assert.deepEqual(handles(bioAndMg), ['mzp-rhb50-070-bio'])
  const moule = await search({ filters: { communes: ['Le Moule'] } })
  assert.deepEqual(handles(moule).sort(), sellableIn((p) => p.producer === 'PRD-MTE'))
})

test('sorting by price (both ways) and by newest; pages do not overlap', async () => {
  const asc = (await search({ query: 'rhum', sort: 'price_asc' })).productIds.map((i) => byId.get(i)!.fr_price!)
  assert.deepEqual(asc, [...asc].sort((a, b) => a - b))
  const desc = (await search({ query: 'rhum', sort: 'price_desc' })).productIds.map((i) => byId.get(i)!.fr_price!)
  assert.deepEqual(desc, [...desc].sort((a, b) => b - a))
  const newest = (await search({ sort: 'newest' })).productIds.map((i) => byId.get(i)!.created_at.getTime())
  assert.deepEqual(newest, [...newest].sort((a, b) => b - a))
  const ten = await search({ query: 'rhum', perPage: 10 })
  const p1 = await search({ query: 'rhum', perPage: 5, page: 1 })
  const p2 = await search({ query: 'rhum', perPage: 5, page: 2 })
  assert.deepEqual([...p1.productIds, ...p2.productIds], ten.productIds)
  assert.equal(p2.total, ten.total)
  assert.deepEqual((await search({ query: 'rhum', perPage: 5, page: 99 })).productIds, [])
})

test('browse mode lists every sellable product of a category and its children, with subcategory facets', async () => {
  const rumId = (await sql<{ id: string }>`SELECT id FROM categories WHERE code = 'rum'`.execute(database.db)).rows[0]!.id
  const r = await search({ contextCategoryId: rumId })
  assert.deepEqual(handles(r).sort(), sellableIn((p) => p.category.startsWith('rum/')))
  assert.equal(r.correctedQuery, null)
  const subs = r.facets.category.filter((c) => c.parentId === rumId)
  assert.ok(subs.length >= 3)
  assert.equal(subs.reduce((s, c) => s + c.count, 0), r.total)
})

test('only products with a retail price in the market are listed; B2B-only and archived never', async () => {
  const potted = 'fpb-ant-pot'
  assert.ok(!handles(await search({ query: 'anthurium' })).includes(potted), 'GP-only plant listed on the mainland')
  assert.ok(handles(await search({ query: 'anthurium', market: 'GP' })).includes(potted))
  assert.ok(!handles(await search({ query: 'pot', market: 'FR-MAINLAND' })).includes(potted))
  // the florists' foliage bundle is B2B only
  assert.ok(!handles(await search({ query: 'feuillages', market: 'GP' })).includes('fpb-feu-bot'))
  const browseAll = await search({})
  assert.equal(browseAll.total, sellableIn(() => true).length)
})

test('every real query is logged with its result count; zero-result queries are listed', async () => {
  const since = new Date(Date.now() - 60_000)
  assert.equal((await search({ query: 'xylophone' })).total, 0)
  await search({ query: 'Xylophone!' })
  await search({ query: 'cannelle' })
  const zero = await listZeroResultQueries(ctx, { since, limit: 10 })
  const xylo = zero.find((z) => z.normalized === 'xylophone')
  assert.equal(xylo?.count, 2)
  assert.ok(!zero.some((z) => z.normalized === 'cannelle'))
  const logged = await sql<{ result_count: number }>`SELECT result_count FROM search_queries WHERE normalized = 'cannelle'`.execute(database.db)
  assert.ok(logged.rows.length === 1 && logged.rows[0]!.result_count > 0)
})

test('unusable queries are refused with SEARCH_QUERY_INVALID; injection payloads are only words', async () => {
  for (const bad of ['x'.repeat(101), 'rhum\u0000', '%%% ***']) {
    await assert.rejects(search({ query: bad }), (e: unknown) => e instanceof AppError && e.code === 'SEARCH_QUERY_INVALID' && e.status === 400)
  }
  const count = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM products`.execute(database.db)).rows[0]!.n
  const before = await count()
  for (const payload of ["'; DROP TABLE products; --", "rhum' OR '1'='1", '<script>alert(1)</script>', "') | ('rhum", 'rhum:* & !', '\\x27 union select 1']) {
    const r = await search({ query: payload })
    assert.ok(r.total < sellableIn(() => true).length, payload)
  }
  assert.equal(await count(), before)
})

test('answers are cached but never stale: concurrent and repeated searches are each logged, and a change made with plain SQL applies at once', async () => {
  const first = await Promise.all([1, 2, 3].map(() => search({ query: 'colombo' })))
  assert.ok(first[0]!.total > 0)
  for (const r of first) assert.deepEqual(r.productIds, first[0]!.productIds)
  await search({ query: 'Colombo!' })
  const logged = await sql<{ n: number }>`SELECT count(*)::int AS n FROM search_queries WHERE normalized = 'colombo'`.execute(database.db)
  assert.equal(logged.rows[0]!.n, 4)
  // a redirect rule inserted behind the engine's back (no API call) is seen by the next search
  await sql`INSERT INTO search_rules (id, action, query, redirect_path) VALUES ('srl_cache_test', 'REDIRECT', 'colombo', '/fr/c/epices')`.execute(database.db)
  const r = await engine.search(ctx, { query: 'colombo', locale: 'fr', market: 'FR-MAINLAND', filters: {}, sort: 'relevance', page: 1, perPage: 100 })
  assert.deepEqual(r, { kind: 'redirect', path: '/fr/c/epices' })
  await sql`DELETE FROM search_rules WHERE id = 'srl_cache_test'`.execute(database.db)
  assert.deepEqual((await search({ query: 'colombo' })).productIds, first[0]!.productIds)
})
