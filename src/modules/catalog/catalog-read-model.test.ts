import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql, type KyselyPlugin } from 'kysely'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import {
  findCategoryByPath,
  getCategoryTree,
  clearCatalogCache,
  getCollection,
  getProducerDetail,
  getProductCards,
  getProductDetail,
  listCollections,
  listFeaturedProducts,
  listNewArrivals,
  listProducts,
  listSitemapEntries,
  resolveCatalogFilters,
} from './index.ts'

// Catalogue read model on the demo market (one fresh database for this file).

let database: Database
let fr: Ctx
let gp: Ctx
let en: Ctx
before(async () => {
  database = await testDatabase()
  fr = systemCtx(database.db, 'test')
  gp = systemCtx(database.db, 'test', { market: 'GP' })
  en = systemCtx(database.db, 'test', { locale: 'en' })
})
after(async () => database.close())

async function productIdOfSku(sku: string): Promise<string> {
  const r = await sql<{ product_id: string }>`select product_id from product_variants where sku = ${sku}`.execute(database.db)
  assert.ok(r.rows[0], sku)
  return r.rows[0].product_id
}

async function allListedIds(ctx: Ctx): Promise<string[]> {
  const page = await listProducts(ctx, { sort: 'newest', page: 1, perPage: 100 })
  return page.items.map((c) => c.id)
}

test('cards come back in the order asked, unknown ids skipped, in two queries whatever their number', async () => {
  const ids = [await productIdOfSku('MTE-COL-100'), await productIdOfSku('ACS-RHB50-100'), 'prd_UNKNOWN', await productIdOfSku('JFL-TRP-M')]
  const cards = await getProductCards(fr, ids)
  assert.deepEqual(cards.map((c) => c.id), [ids[0], ids[1], ids[3]])
  assert.equal(cards[0]!.name, 'Poudre à colombo')

  let queries = 0
  const counter: KyselyPlugin = { transformQuery: (a) => ((queries += 1), a.node), transformResult: async (a) => a.result }
  const counted = { ...fr, db: fr.db.withPlugin(counter) }
  const all = await allListedIds(fr)
  assert.ok(all.length > 40)
  await getProductCards(counted, ids) // category rows are read once, then served from memory
  queries = 0
  const many = await getProductCards(counted, all)
  assert.equal(many.length, all.length)
  assert.ok(queries <= 2, `${queries} queries for ${all.length} cards`)
})

test('prices follow the market: the 1 L white rum is 27,90 € in mainland France and 18,50 € in Guadeloupe', async () => {
  const id = await productIdOfSku('ACS-RHB50-100')
  const inFr = await getProductDetail(fr, { id })
  const inGp = await getProductDetail(gp, { id })
  assert.deepEqual(inFr?.variants.find((v) => v.sku === 'ACS-RHB50-100')?.price, { amount: 2790, currency: 'EUR' })
  assert.deepEqual(inGp?.variants.find((v) => v.sku === 'ACS-RHB50-100')?.price, { amount: 1850, currency: 'EUR' })
})

test('the 1 L and 5 cl of "Rhum blanc agricole 50 % vol." are one product with two sizes, priced from the miniature', async () => {
  const product = await getProductDetail(fr, { slug: 'rhum-blanc-agricole-50-vol' })
  assert.ok(product)
  assert.equal(product.name, 'Rhum blanc agricole 50 % vol.')
  assert.deepEqual(product.variants.map((v) => [v.sku, v.optionLabel]), [['ACS-RHB50-100', '1 L'], ['ACS-RHB50-005', '5 cl']])
  assert.deepEqual(product.variants.map((v) => v.unitPrice), [
    { amount: { amount: 2790, currency: 'EUR' }, per: 'L' },
    { amount: { amount: 9000, currency: 'EUR' }, per: 'L' },
  ])
  assert.deepEqual(product.price, { amount: 450, currency: 'EUR' })
  assert.equal(product.priceFrom, true)
  assert.equal(product.ageRestricted, true)
  assert.deepEqual(product.breadcrumb.map((c) => c.path.fr), ['rhums', 'rhums/rhums-blancs'])
  assert.equal(product.producer.slug, 'distillerie-anse-cascade')
  assert.equal(product.withdrawalRight, true)
  assert.ok(product.labels.some((l) => l.code === 'IG_RHUM_GUADELOUPE' && l.kind === 'official'))
  const [card] = await getProductCards(fr, [product.id])
  assert.deepEqual(card?.unitPrice, { amount: { amount: 9000, currency: 'EUR' }, per: 'L' })
})

test('unit prices: per kilo for coffee, none for vanilla pods', async () => {
  const [coffee, vanilla] = await getProductCards(fr, [await productIdOfSku('CHN-CAF-GR-250'), await productIdOfSku('FVV-VAN-G2')])
  assert.deepEqual(coffee?.price, { amount: 1890, currency: 'EUR' })
  assert.deepEqual(coffee?.unitPrice, { amount: { amount: 7560, currency: 'EUR' }, per: 'kg' })
  assert.equal(coffee?.priceFrom, true)
  assert.equal(vanilla?.unitPrice, null)
})

test('texts and slugs follow the locale; a slug is looked up in the language of the request', async () => {
  const product = await getProductDetail(en, { slug: 'white-agricultural-rum-50-abv' })
  assert.equal(product?.name, 'White agricultural rum 50 % ABV')
  assert.deepEqual(product?.slugs, { fr: 'rhum-blanc-agricole-50-vol', en: 'white-agricultural-rum-50-abv' })
  assert.equal(product?.category.name, 'White rums')
  assert.equal(await getProductDetail(en, { slug: 'rhum-blanc-agricole-50-vol' }), null)
  assert.equal(await getProductDetail(fr, { slug: 'no-such-product' }), null)
})

test('stock status: flowers are made to order, a variant down to 3 units is low, at 0 it is out of stock', async () => {
  const bouquet = await getProductDetail(fr, { id: await productIdOfSku('JFL-TRP-M') })
  assert.equal(bouquet?.stockStatus, 'made_to_order')
  assert.ok(bouquet?.variants.every((v) => v.stockStatus === 'made_to_order' && v.madeToOrder))

  const id = await productIdOfSku('MTE-MUS-100')
  assert.equal((await getProductCards(fr, [id]))[0]?.stockStatus, 'in_stock')
  // Checkout reservations hold all but 3 units (available = on hand − reserved across warehouses).
  const levels = await sql<{ lot_id: string; on_hand: number }>`select s.lot_id, s.on_hand from stock_levels s
    join product_variants v on v.id = s.variant_id where v.sku = 'MTE-MUS-100' order by s.on_hand desc, s.lot_id`.execute(database.db)
  const reserve = async (lotId: string, qty: number) => sql`update stock_levels set reserved = ${qty} where lot_id = ${lotId}`.execute(database.db)
  for (const [i, l] of levels.rows.entries()) await reserve(l.lot_id, i === 0 ? l.on_hand - 3 : l.on_hand)
  const low = await getProductDetail(fr, { id })
  assert.equal(low?.stockStatus, 'low_stock')
  assert.equal(low?.variants[0]?.available, 3)
  await reserve(levels.rows[0]!.lot_id, levels.rows[0]!.on_hand)
  // cards are served from memory for CARD_CACHE_MS; a stock change clears them
  assert.equal((await getProductCards(fr, [id]))[0]?.stockStatus, 'in_stock', 'still the cached card')
  clearCatalogCache()
  assert.equal((await getProductCards(fr, [id]))[0]?.stockStatus, 'out_of_stock')
})

test('food information: the discovery box declares mustard, nutrition per component; the colombo shows its ingredients', async () => {
  const box = await getProductDetail(fr, { id: await productIdOfSku('LKU-COF-DEC') })
  assert.deepEqual(box?.foodInformation?.allergens, ['mustard'])
  assert.deepEqual(box?.foodInformation?.nutrition, { required: true, perComponent: true })
  assert.equal(box?.producer.slug, 'lakou')
  const colombo = await getProductDetail(en, { id: await productIdOfSku('MTE-COL-100') })
  assert.match(colombo?.foodInformation?.ingredients ?? '', /MUSTARD seeds/)
  assert.equal(colombo?.foodInformation?.nutrition.required, false)
  const bouquet = await getProductDetail(fr, { id: await productIdOfSku('JFL-TRP-M') })
  assert.equal(bouquet?.foodInformation, null)
})

test('no withdrawal right for flowers and plants (perishable), kept for rum and coffee', async () => {
  for (const sku of ['JFL-TRP-M', 'FPB-STR-5', 'FPB-ANT-POT']) assert.equal((await getProductDetail(gp, { id: await productIdOfSku(sku) }))?.withdrawalRight, false, sku)
  for (const sku of ['ACS-RHV-VO-070', 'CHN-CAF-MO-250']) assert.equal((await getProductDetail(fr, { id: await productIdOfSku(sku) }))?.withdrawalRight, true, sku)
})

test('the potted anthurium (GP only) is absent from mainland lists and counts but keeps its page there', async () => {
  const id = await productIdOfSku('FPB-ANT-POT')
  assert.ok(!(await allListedIds(fr)).includes(id))
  assert.ok((await allListedIds(gp)).includes(id))
  assert.ok(!(await listNewArrivals(fr, 100)).some((c) => c.id === id))
  const plantsFr = (await getCategoryTree(fr)).find((c) => c.code === 'plant')
  const plantsGp = (await getCategoryTree(gp)).find((c) => c.code === 'plant')
  assert.equal(plantsFr?.productCount, 0)
  assert.equal(plantsGp?.productCount, 1)
  const page = await getProductDetail(fr, { id })
  assert.ok(page, 'the page exists in mainland France')
  assert.equal(page.price, null)
  assert.equal(page.variants[0]?.price, null)
  assert.deepEqual((await getProductDetail(gp, { id }))?.price, { amount: 2990, currency: 'EUR' })
  // B2B-only cut foliage has no consumer price anywhere: never listed
  const foliage = await productIdOfSku('FPB-FEU-BOT')
  assert.ok(!(await allListedIds(gp)).includes(foliage))
})

test('product list: pagination without overlap, price sorts, category (with sub-categories) and producer filters', async () => {
  const p1 = await listProducts(fr, { sort: 'price_asc', page: 1, perPage: 10 })
  const p2 = await listProducts(fr, { sort: 'price_asc', page: 2, perPage: 10 })
  assert.equal(p1.total, (await allListedIds(fr)).length)
  assert.equal(p1.pageCount, Math.ceil(p1.total / 10))
  assert.equal(p1.items.length, 10)
  assert.ok(!p1.items.some((a) => p2.items.some((b) => b.id === a.id)))
  const prices = [...p1.items, ...p2.items].map((c) => c.price!.amount)
  assert.deepEqual(prices, [...prices].sort((a, b) => a - b))
  const desc = await listProducts(fr, { sort: 'price_desc', page: 1, perPage: 3 })
  assert.ok(desc.items[0]!.price!.amount >= desc.items[2]!.price!.amount)

  const { categoryIds } = await resolveCatalogFilters(fr, { categories: ['rhums'] })
  const rums = await listProducts(fr, { categoryIds, sort: 'newest', page: 1, perPage: 100 })
  assert.equal(rums.total, 12)
  assert.ok(rums.items.every((c) => c.category.path.fr.startsWith('rhums/')))
  const { producerIds } = await resolveCatalogFilters(fr, { producers: ['distillerie-anse-cascade'] })
  const acs = await listProducts(fr, { producerIds, sort: 'name', page: 1, perPage: 100 })
  assert.ok(acs.total > 0 && acs.items.every((c) => c.producer.slug === 'distillerie-anse-cascade'))
  const names = acs.items.map((c) => c.name)
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'fr')))
  await assert.rejects(resolveCatalogFilters(fr, { categories: ['rhums/nope'] }), /NOT_FOUND|not found/)
  await assert.rejects(resolveCatalogFilters(fr, { producers: ['cacaoyere-ti-bwa'] }), /not found/) // an applicant, not public
})

test('category tree: paths per language, counts rolled up to the top, lookup by URL segments', async () => {
  const tree = await getCategoryTree(fr)
  const rum = tree.find((c) => c.code === 'rum')
  assert.ok(rum)
  assert.equal(rum.productCount, rum.children.reduce((n, c) => n + c.productCount, 0))
  assert.equal(rum.productCount, 12)
  const aged = rum.children.find((c) => c.code === 'rum/rhum_vieux')
  assert.deepEqual(aged?.path, { fr: 'rhums/rhums-vieux', en: 'rums/aged-rums' })
  assert.equal(aged?.productCount, 6)
  const found = await findCategoryByPath(fr, ['rhums', 'rhums-vieux'])
  assert.equal(found?.id, aged?.id)
  assert.deepEqual(found?.breadcrumb.map((c) => c.name), ['Rhums', 'Rhums vieux'])
  assert.equal((await findCategoryByPath(en, ['rums', 'aged-rums']))?.name, 'Aged rums')
  assert.equal(await findCategoryByPath(en, ['rhums', 'rhums-vieux']), null)
  assert.equal(await findCategoryByPath(fr, ['rhums', 'nope']), null)
  assert.equal((await findCategoryByPath(fr, ['rhums']))?.children.length, 5)
})

test('home lists: new arrivals newest first, featured products only, limits respected', async () => {
  const fresh = await listNewArrivals(fr, 5)
  assert.equal(fresh.length, 5)
  const dates = fresh.map((c) => c.createdAt.getTime())
  assert.deepEqual(dates, [...dates].sort((a, b) => b - a))
  const featured = await listFeaturedProducts(fr, 50)
  const flagged = await sql<{ id: string }>`select id from products where featured`.execute(database.db)
  assert.ok(featured.length > 0)
  assert.ok(featured.every((c) => flagged.rows.some((r) => r.id === c.id)))
  assert.equal((await listFeaturedProducts(fr, 2)).length, 2)
})

test('collections: featured filter, lookup by slug in the locale, only products on sale in the market', async () => {
  const all = await listCollections(fr)
  assert.equal(all.length, 4)
  assert.equal((await listCollections(fr, { featured: true })).length, 4) // every demo collection is featured
  assert.deepEqual(await listCollections(fr, { featured: false }), [])
  const bio = await getCollection(fr, 'bio')
  assert.equal(bio?.name, 'Bio')
  assert.ok(bio && bio.productIds.length > 0)
  assert.equal((await getCollection(en, 'organic'))?.id, bio?.id)
  assert.equal(await getCollection(en, 'bio'), null)
  const listed = new Set(await allListedIds(fr))
  for (const c of all) assert.ok(c.productIds.every((id) => listed.has(id)), c.name)
})

test('producer page: its products on sale in the market; applicants have no page; the operator has one', async () => {
  const acs = await getProducerDetail(fr, 'distillerie-anse-cascade')
  assert.equal(acs?.name, 'Distillerie Anse-Cascade')
  assert.equal(acs?.kind, 'producer')
  assert.ok(acs?.labels.some((l) => l.code === 'IG_RHUM_GUADELOUPE'))
  const cards = await getProductCards(fr, acs!.productIds)
  assert.equal(cards.length, acs!.productIds.length)
  assert.ok(cards.length >= 6 && cards.every((c) => c.producer.slug === 'distillerie-anse-cascade'))
  assert.equal(await getProducerDetail(fr, 'cacaoyere-ti-bwa'), null)
  const lakou = await getProducerDetail(fr, 'lakou')
  assert.equal(lakou?.kind, 'operator')
  assert.equal(lakou?.productIds.length, 2)
})

test('sitemap entries: every active product in both languages, every category path and public producer', async () => {
  const entries = await listSitemapEntries(fr)
  const products = []
  for await (const p of entries.products) products.push(p)
  const active = await sql<{ n: number }>`select count(*)::int as n from products where status = 'ACTIVE'`.execute(database.db)
  assert.equal(products.length, active.rows[0]?.n)
  assert.equal(new Set(products.map((p) => p.id)).size, products.length)
  assert.ok(products.some((p) => p.slugs.fr === 'rhum-blanc-agricole-50-vol' && p.slugs.en === 'white-agricultural-rum-50-abv'))
  assert.ok(products.every((p) => p.updatedAt instanceof Date))
  assert.ok(entries.categories.some((c) => c.path.fr === 'rhums/rhums-vieux' && c.path.en === 'rums/aged-rums'))
  assert.ok(entries.producers.some((p) => p.slug === 'lakou'))
  assert.ok(!entries.producers.some((p) => p.slug === 'cacaoyere-ti-bwa'))
})
