import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { systemCtx, type Ctx } from '../kernel/ctx.ts'
import { testApp, type TestApp } from '../../test/helpers/test-app.ts'
import { getProductCards } from '../modules/catalog/index.ts'
import { postgresSearchEngine } from '../modules/search/index.ts'
import { saveCategoryAndIndex } from './save-category.ts'
import { createProductAndIndex, updateProductAndIndex } from './save-product.ts'
import { setProductStatusAndIndex } from './set-product-status.ts'
import { saveVariantAndIndex, setVariantPricesAndIndex } from './save-variant.ts'
import { updateProducerStoryAndCaches } from './update-producer-story.ts'

// Back-office edits as a shopper sees them next: the product page, search and tiles follow each
// save at once, and what an editor typed is shown as text, never run as markup.

let t: TestApp
let ctx: Ctx
const SCRIPT = '<script>alert(1)</script>'
// Preact escapes < and & in text and attributes (enough: no tag can open); > stays as is.
before(async () => {
  t = await testApp()
  ctx = { ...systemCtx(t.database.db, 'test'), actor: { kind: 'staff', staffId: 'stf_merch', email: 'merch@lakou.test', roles: ['e_merchandiser'] } }
})
after(async () => t.close())

const idOf = async (query: ReturnType<typeof sql<{ id: string }>>) => (await query.execute(t.database.db)).rows[0]!.id
/** Ids of the products a shopper finds for a query (mainland, French). */
async function found(query: string): Promise<string[]> {
  const r = await postgresSearchEngine.search(ctx, { query, locale: 'fr', market: 'FR-MAINLAND', filters: {}, sort: 'relevance', page: 1, perPage: 48, log: false })
  return r.kind === 'results' ? r.productIds : []
}

test('a product created, given a variant and prices, and published: searchable, on its page, escaped', async () => {
  const producerId = await idOf(sql<{ id: string }>`select id from producers where slug = 'distillerie-anse-cascade'`)
  const categoryId = await idOf(sql<{ id: string }>`select id from categories where code = 'rum/rhum_vieux'`)
  const created = await createProductAndIndex(ctx, {
    producerId, categoryId, name: { fr: `Rhum zorglub ${SCRIPT}`, en: `Zorglub rum ${SCRIPT}` }, description: { fr: `<b>gras</b> ${SCRIPT}`, en: null },
    vatCategoryCode: 'ALCOHOL', shippingClassCode: 'BOTTLE', ageRestricted: true, minAge: 18,
  })
  const v = await saveVariantAndIndex(ctx, {
    productId: created.productId, expectedVersion: 1, sku: 'ZORG-070', optionLabel: { fr: '70 cl', en: '70 cl' }, name: { fr: 'Rhum zorglub 70 cl', en: 'Zorglub rum 70 cl' },
    netQuantity: 700, netQuantityUnit: 'ml', grossWeightG: 1300, dimensionsCm: [8, 8, 30], glass: true, madeToOrder: true,
    alcohol: { abv: 42, volumeL: 0.7, exciseCategoryCode: 'DOM_TRADITIONAL_RUM', cssApplies: true }, allowedZones: ['FR-MAINLAND', 'GP'],
  })
  await setVariantPricesAndIndex(ctx, { variantId: v.variantId, expectedVersion: v.version, retail: { 'FR-MAINLAND': 3990 }, b2b: 2900, cost: 1500 })
  assert.ok(!(await found('zorglub')).includes(created.productId), 'a draft is not searchable')
  await setProductStatusAndIndex(ctx, { productId: created.productId, expectedVersion: 3, status: 'ACTIVE' })
  assert.ok((await found('zorglub')).includes(created.productId))

  const page = await t.app.inject({ method: 'GET', url: `/fr/p/${created.slugs.fr}` })
  assert.equal(page.statusCode, 200)
  assert.ok(!page.body.includes(SCRIPT), 'no editor text runs as a script')
  assert.ok(page.body.includes('<h1') && page.body.includes('Rhum zorglub &lt;script>alert(1)&lt;/script>'))
  assert.ok(page.body.includes('&lt;b>gras&lt;/b>'))
  assert.ok(page.body.includes('39,90'))
})

test('an edit shows at once on tiles and in search (caches cleared, row reindexed); a category rename reaches search', async () => {
  const product = (await sql<{ id: string; version: number; producer_id: string; category_id: string }>`
    select p.id, p.version, p.producer_id, p.category_id from products p join product_variants v on v.product_id = p.id where v.sku = 'CHN-CAF-GR-250'`.execute(t.database.db)).rows[0]!
  const [tile] = await getProductCards(ctx, [product.id])
  assert.ok(tile)
  await updateProductAndIndex(ctx, {
    productId: product.id, expectedVersion: product.version, producerId: product.producer_id, categoryId: product.category_id,
    name: { fr: 'Café bourbon pointu quetzalcoatl', en: 'Pointed bourbon coffee quetzalcoatl' }, vatCategoryCode: 'FOOD_REDUCED', shippingClassCode: 'AMBIENT',
  })
  assert.equal((await getProductCards(ctx, [product.id]))[0]!.name, 'Café bourbon pointu quetzalcoatl')
  assert.ok((await found('quetzalcoatl')).includes(product.id))

  const category = (await sql<{ id: string; parent_id: string }>`select id, parent_id from categories where id = ${product.category_id}`.execute(t.database.db)).rows[0]!
  await saveCategoryAndIndex(ctx, { categoryId: category.id, expectedVersion: 1, parentId: category.parent_id, name: { fr: 'Cafés xylophage', en: 'Xylophage coffees' } })
  assert.ok((await found('xylophage')).includes(product.id))
})

test('a producer story edit shows on the producer page at once, escaped', async () => {
  const producer = (await sql<{ id: string; slug: string }>`select id, slug from producers where slug = 'distillerie-anse-cascade'`.execute(t.database.db)).rows[0]!
  await updateProducerStoryAndCaches(ctx, { producerId: producer.id, expectedVersion: 1, story: { fr: `Une histoire ${SCRIPT} de vent`, en: 'A story' } })
  const page = await t.app.inject({ method: 'GET', url: `/fr/producteurs/${producer.slug}` })
  assert.equal(page.statusCode, 200)
  assert.ok(page.body.includes('Une histoire &lt;script>alert(1)&lt;/script> de vent'))
  assert.ok(!page.body.includes(SCRIPT))
})
