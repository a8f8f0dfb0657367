import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { AppError } from '../../kernel/errors.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { updateProducerStory } from '../producers/index.ts'
import {
  createProduct, getProductForEdit, saveCategory, saveCollection, saveVariant, setCollectionProducts, setProductStatus, setVariantPrices, updateProduct,
  type CreateProductInput, type SaveVariantInput,
} from './index.ts'

// Catalogue editing by a merchandiser on the demo market: what is stored, what is refused, and
// that a stale form never overwrites a newer save.

let database: Database
let ctx: Ctx
let refs: { producerId: string; categoryId: string; rumCategoryId: string }
const SCRIPT = '<script>alert(1)</script>'

before(async () => {
  database = await testDatabase()
  ctx = { ...systemCtx(database.db, 'test'), actor: { kind: 'staff', staffId: 'stf_merch', email: 'merch@lakou.test', roles: ['e_merchandiser'] }, requestId: 'req-test' }
  const one = async (q: ReturnType<typeof sql<{ id: string }>>) => (await q.execute(database.db)).rows[0]!.id
  refs = {
    producerId: await one(sql<{ id: string }>`select id from producers where slug = 'distillerie-anse-cascade'`),
    categoryId: await one(sql<{ id: string }>`select id from categories where code = 'rum/rhum_vieux'`),
    rumCategoryId: await one(sql<{ id: string }>`select id from categories where code = 'rum'`),
  }
})
after(async () => database?.close())

const product = (over: Partial<CreateProductInput> = {}): CreateProductInput => ({
  producerId: refs.producerId,
  categoryId: refs.categoryId,
  name: { fr: 'Rhum épicé de la Côte-sous-le-Vent', en: 'Spiced rum from the leeward coast' },
  description: { fr: 'Macération de vanille et de cannelle.', en: 'Vanilla and cinnamon maceration.' },
  vatCategoryCode: 'ALCOHOL',
  shippingClassCode: 'BOTTLE',
  ageRestricted: true,
  minAge: 18,
  labels: ['PRODUIT_PEYI'],
  ...over,
})

const variant = (productId: string, expectedVersion: number, over: Partial<SaveVariantInput> = {}): SaveVariantInput => ({
  productId,
  expectedVersion,
  sku: `test-${Math.random().toString(36).slice(2, 8)}`,
  optionLabel: { fr: '70 cl', en: '70 cl' },
  name: { fr: 'Rhum épicé 70 cl', en: 'Spiced rum 70 cl' },
  netQuantity: 700,
  netQuantityUnit: 'ml',
  grossWeightG: 1300,
  dimensionsCm: [8, 8, 30],
  glass: true,
  alcohol: { abv: 40, volumeL: 0.7, exciseCategoryCode: 'SPIRITS_OTHER' },
  allowedZones: ['GP', 'FR-MAINLAND'],
  ...over,
})

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e)
  assert.ok(err instanceof AppError, `expected an AppError, got ${String(err)}`)
  return err
}
const count = async (table: string) => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database.db)).rows[0]!.n
const auditOf = async (entityId: string) =>
  (await sql<{ action: string; actor_kind: string; actor_id: string; before: unknown; after: Record<string, unknown> | null; request_id: string }>`
    select action, actor_kind, actor_id, before, after, request_id from audit_log where entity_id = ${entityId} order by id`.execute(database.db)).rows

test('a new product is a draft with slugs made from its names (accents stripped, -2 when taken), audited as the staff member', async () => {
  const a = await createProduct(ctx, product())
  const b = await createProduct(ctx, product())
  assert.deepEqual(a.slugs, { fr: 'rhum-epice-de-la-cote-sous-le-vent', en: 'spiced-rum-from-the-leeward-coast' })
  assert.deepEqual(b.slugs, { fr: 'rhum-epice-de-la-cote-sous-le-vent-2', en: 'spiced-rum-from-the-leeward-coast-2' })
  assert.notEqual(a.handle, b.handle)
  const stored = await getProductForEdit(ctx, a.productId)
  assert.equal(stored?.status, 'DRAFT')
  assert.equal(stored?.version, 1)
  assert.deepEqual(stored?.labels, ['PRODUIT_PEYI'])
  const [entry] = await auditOf(a.productId)
  assert.equal(entry?.action, 'catalog.product_created')
  assert.equal(entry?.actor_kind, 'staff')
  assert.equal(entry?.actor_id, 'stf_merch')
  assert.equal(entry?.request_id, 'req-test')
  assert.equal(entry?.after?.name_fr, 'Rhum épicé de la Côte-sous-le-Vent')
})

test('missing or unknown fields are refused with a message per field, and nothing is written', async () => {
  const before = await count('products')
  const err = await refusal(createProduct(ctx, product({ name: { fr: 'Rhum', en: '  ' }, minAge: null, vatCategoryCode: 'NOPE' })))
  assert.equal(err.code, 'VALIDATION_FAILED')
  assert.equal(err.status, 400)
  const fields = err.details as { path: string; message: string }[]
  assert.ok(fields.some((f) => f.path === 'name.en' && f.message === 'Le nom en anglais est obligatoire'), JSON.stringify(fields))
  assert.ok(fields.some((f) => f.path === 'minAge'), JSON.stringify(fields))
  const codes = await refusal(createProduct(ctx, product({ vatCategoryCode: 'NOPE', labels: ['NOT_A_LABEL'] })))
  assert.deepEqual((codes.details as { path: string }[]).map((f) => f.path).sort(), ['labels', 'vatCategoryCode'])
  const nul = await refusal(createProduct(ctx, product({ description: { fr: 'a\u0000b', en: null } })))
  assert.equal(nul.code, 'VALIDATION_FAILED')
  assert.equal(await count('products'), before)
})

test('script payloads and odd spacing in names, descriptions and selling points are stored exactly as typed', async () => {
  const typed = { fr: `${SCRIPT} « Rhum » & co`, en: `  ${SCRIPT}"'` }
  const created = await createProduct(ctx, product({ name: typed, description: typed, sellingPoints: { fr: [SCRIPT], en: ['<b>bold</b>'] } }))
  const stored = (await getProductForEdit(ctx, created.productId))!
  assert.equal(stored.name_fr, typed.fr)
  assert.equal(stored.name_en, typed.en)
  assert.equal(stored.description_en, typed.en)
  assert.deepEqual(stored.selling_points_fr, [SCRIPT])
  assert.match(created.slugs.fr, /^script-alert-1-script-rhum-co(-\d+)?$/)
})

test('two editors saving from the same version: the second gets CONFLICT and the first save stays', async () => {
  const { productId } = await createProduct(ctx, product())
  const edit = (name: string) => updateProduct(ctx, { ...product({ name: { fr: name, en: name } }), productId, expectedVersion: 1 })
  const results = await Promise.allSettled([edit('Version Alice'), edit('Version Bob')])
  const won = results.filter((r) => r.status === 'fulfilled')
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
  assert.equal(won.length, 1)
  assert.equal(lost.length, 1)
  assert.equal((lost[0]!.reason as AppError).code, 'CONFLICT')
  assert.equal((lost[0]!.reason as AppError).status, 409)
  const stored = (await getProductForEdit(ctx, productId))!
  const winner = results[0]!.status === 'fulfilled' ? 'Version Alice' : 'Version Bob'
  assert.equal(stored.name_fr, winner)
  assert.equal(stored.version, 2)
  const stale = await refusal(updateProduct(ctx, { ...product({ name: { fr: 'Tard', en: 'Late' } }), productId, expectedVersion: 1 }))
  assert.equal(stale.code, 'CONFLICT')
  assert.equal((await getProductForEdit(ctx, productId))!.name_fr, winner)
  const updates = (await auditOf(productId)).filter((a) => a.action === 'catalog.product_updated')
  assert.equal(updates.length, 1)
  assert.deepEqual(Object.keys(updates[0]!.after!).sort(), ['name_en', 'name_fr', 'version'])
})

test('a slug typed by the editor must be free; a blank one keeps the current slug on edit', async () => {
  const { productId, slugs } = await createProduct(ctx, product())
  const taken = await refusal(updateProduct(ctx, { ...product({ slugs: { fr: 'rhum-blanc-agricole-50-vol', en: null } }), productId, expectedVersion: 1 }))
  assert.equal(taken.code, 'CATALOG_SLUG_TAKEN')
  assert.deepEqual((taken.details as { path: string }[]).map((d) => d.path), ['slugs.fr'])
  const saved = await updateProduct(ctx, { ...product({ name: { fr: 'Nouveau nom', en: 'New name' } }), productId, expectedVersion: 1 })
  assert.deepEqual(saved.slugs, slugs)
})

test('variants: SKU unique (a clear refusal), typed in any case; a product goes online only with an active variant', async () => {
  const { productId } = await createProduct(ctx, product())
  const early = await refusal(setProductStatus(ctx, { productId, expectedVersion: 1, status: 'ACTIVE' }))
  assert.equal(early.code, 'VALIDATION_FAILED')
  const dup = await refusal(saveVariant(ctx, variant(productId, 1, { sku: 'acs-rhb50-100' })))
  assert.equal(dup.code, 'CATALOG_SKU_TAKEN')
  assert.match(dup.message, /ACS-RHB50-100/)
  const v = await saveVariant(ctx, variant(productId, 1, { sku: 'spice-070' }))
  assert.equal(v.version, 2)
  const stored = (await getProductForEdit(ctx, productId))!
  assert.equal(stored.variants[0]!.sku, 'SPICE-070')
  assert.equal(stored.variants[0]!.pure_alcohol_l, 0.28)
  const stale = await refusal(saveVariant(ctx, { ...variant(productId, 1), variantId: v.variantId, sku: 'SPICE-070' }))
  assert.equal(stale.code, 'CONFLICT')
  const active = await setProductStatus(ctx, { productId, expectedVersion: 2, status: 'ACTIVE' })
  assert.equal(active.version, 3)
  assert.deepEqual((await auditOf(v.variantId)).map((a) => a.action), ['catalog.variant_created'])
})

test('prices: retail per market tax included, B2B and cost in cents; a market left out is not sold there', async () => {
  const { productId } = await createProduct(ctx, product())
  const v = await saveVariant(ctx, variant(productId, 1))
  const unknown = await refusal(setVariantPrices(ctx, { variantId: v.variantId, expectedVersion: 2, retail: { XX: 100 } }))
  assert.equal(unknown.code, 'VALIDATION_FAILED')
  const cents = await refusal(setVariantPrices(ctx, { variantId: v.variantId, expectedVersion: 2, retail: { GP: 12.5 } }))
  assert.equal(cents.code, 'VALIDATION_FAILED')
  await setVariantPrices(ctx, { variantId: v.variantId, expectedVersion: 2, retail: { 'FR-MAINLAND': 3490, GP: 2450 }, b2b: 2100, cost: 1200 })
  await setVariantPrices(ctx, { variantId: v.variantId, expectedVersion: 3, retail: { 'FR-MAINLAND': 3590, GP: null }, b2b: 2100, cost: 1200 })
  const prices = (await getProductForEdit(ctx, productId))!.variants[0]!.prices
  assert.deepEqual(prices.retail, { 'FR-MAINLAND': 3590 })
  assert.equal(prices.b2b, 2100)
  assert.equal(prices.cost, 1200)
  const rows = await sql<{ price_list: string; tax_included: boolean }>`select price_list, tax_included from variant_prices where variant_id = ${v.variantId} order by price_list`.execute(database.db)
  assert.deepEqual(rows.rows, [{ price_list: 'B2B', tax_included: false }, { price_list: 'COST', tax_included: false }, { price_list: 'RETAIL', tax_included: true }])
  const last = (await auditOf(v.variantId)).at(-1)!
  assert.equal(last.action, 'catalog.prices_changed')
  assert.deepEqual(last.after, { retail: { 'FR-MAINLAND': 3590 } })
})

test('categories: slugs unique among siblings, no move under its own subtree, renames report the products to reindex', async () => {
  const a = await saveCategory(ctx, { parentId: refs.rumCategoryId, name: { fr: 'Rhums épicés', en: 'Spiced rums' } })
  const b = await saveCategory(ctx, { parentId: refs.rumCategoryId, name: { fr: 'Rhums épicés', en: 'Spiced rums' } })
  const slugs = await sql<{ slug_fr: string; code: string }>`select slug_fr, code from categories where id in (${a.categoryId}, ${b.categoryId}) order by slug_fr`.execute(database.db)
  assert.deepEqual(slugs.rows.map((r) => r.slug_fr), ['rhums-epices', 'rhums-epices-2'])
  assert.equal(a.code, 'rum/spiced_rums')
  const taken = await refusal(saveCategory(ctx, { categoryId: b.categoryId, expectedVersion: 1, parentId: refs.rumCategoryId, name: { fr: 'X', en: 'X' }, slugs: { fr: 'rhums-epices', en: null } }))
  assert.equal(taken.code, 'CATALOG_SLUG_TAKEN')
  const cycle = await refusal(saveCategory(ctx, { categoryId: refs.rumCategoryId, expectedVersion: 1, parentId: a.categoryId, name: { fr: 'Rhums', en: 'Rums' } }))
  assert.equal(cycle.code, 'VALIDATION_FAILED')
  const top = await refusal(saveCategory(ctx, { parentId: null, name: { fr: 'Doublon', en: 'Dup' }, slugs: { fr: (await sql<{ s: string }>`select slug_fr as s from categories where id = ${refs.rumCategoryId}`.execute(database.db)).rows[0]!.s, en: null } }))
  assert.equal(top.code, 'CATALOG_SLUG_TAKEN')
  const renamed = await saveCategory(ctx, { categoryId: refs.categoryId, expectedVersion: 1, parentId: refs.rumCategoryId, name: { fr: 'Rhums vieux', en: 'Aged rums' } })
  assert.equal(renamed.version, 2)
  assert.ok(renamed.affectedProductIds.length > 0)
  const stale = await refusal(saveCategory(ctx, { categoryId: refs.categoryId, expectedVersion: 1, parentId: refs.rumCategoryId, name: { fr: 'Vieux', en: 'Old' } }))
  assert.equal(stale.code, 'CONFLICT')
})

test('collections: texts, then products in order, each under the collection version', async () => {
  const c = await saveCollection(ctx, { name: { fr: `Coffrets ${SCRIPT}`, en: 'Gift boxes' }, featured: true })
  const ids = (await sql<{ id: string }>`select id from products order by handle limit 3`.execute(database.db)).rows.map((r) => r.id)
  const set = await setCollectionProducts(ctx, { collectionId: c.collectionId, expectedVersion: 1, productIds: [ids[2]!, ids[0]!] })
  assert.equal(set.version, 2)
  const stale = await refusal(setCollectionProducts(ctx, { collectionId: c.collectionId, expectedVersion: 1, productIds: [ids[1]!] }))
  assert.equal(stale.code, 'CONFLICT')
  const members = await sql<{ product_id: string }>`select product_id from collection_products where collection_id = ${c.collectionId} order by position`.execute(database.db)
  assert.deepEqual(members.rows.map((r) => r.product_id), [ids[2], ids[0]])
  const name = await sql<{ name_fr: string }>`select name_fr from collections where id = ${c.collectionId}`.execute(database.db)
  assert.equal(name.rows[0]!.name_fr, `Coffrets ${SCRIPT}`)
  const unknown = await refusal(setCollectionProducts(ctx, { collectionId: c.collectionId, expectedVersion: 2, productIds: ['prd_nope'] }))
  assert.equal(unknown.code, 'VALIDATION_FAILED')
})

test('a producer story is stored as typed, audited, and a stale edit is refused', async () => {
  const story = { fr: `Depuis 1895… ${SCRIPT}`, en: `Since 1895 ${SCRIPT}` }
  const saved = await updateProducerStory(ctx, { producerId: refs.producerId, expectedVersion: 1, story, tagline: { fr: 'Le rhum du vent', en: '' } })
  assert.equal(saved.version, 2)
  const row = await sql<{ story_fr: string; tagline_fr: string; tagline_en: string | null }>`select story_fr, tagline_fr, tagline_en from producers where id = ${refs.producerId}`.execute(database.db)
  assert.deepEqual(row.rows[0], { story_fr: story.fr, tagline_fr: 'Le rhum du vent', tagline_en: null })
  const stale = await refusal(updateProducerStory(ctx, { producerId: refs.producerId, expectedVersion: 1, story: { fr: 'x', en: 'y' } }))
  assert.equal(stale.code, 'CONFLICT')
  const [entry] = await auditOf(refs.producerId)
  assert.equal(entry?.action, 'producers.story_updated')
})
