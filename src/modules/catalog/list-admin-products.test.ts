import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { systemCtx, type Ctx } from '../../kernel/ctx.ts'
import type { Database } from '../../kernel/db/client.ts'
import { AppError } from '../../kernel/errors.ts'
import { normalizeText } from '../../kernel/text.ts'
import { testDatabase } from '../../../test/helpers/test-db.ts'
import { ADMIN_MIN_PRICE, adminPriceOrder, PRICE_WALK_FROM } from './admin-price-order.ts'
import { listAdminProducts, type AdminProductListInput, type AdminProductRow } from './index.ts'

// The back-office product table on the demo market: every status, filters, sorts, pages, and
// input refused by its schema. Expectations are computed from the tables, never written down.

let database: Database
let staff: Ctx
const rows = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(database.db)).rows
const list = (input: AdminProductListInput) => listAdminProducts(staff, input)

/** Every row of a listing, page after page. */
async function allPages(input: AdminProductListInput, pageSize = 7): Promise<AdminProductRow[]> {
  const out: AdminProductRow[] = []
  for (let page = 1; ; page++) {
    const r = await list({ ...input, page, pageSize })
    out.push(...r.rows)
    if (r.rows.length < pageSize) return out
  }
}

let draftId: string
let archivedId: string
let unpricedId: string

before(async () => {
  database = await testDatabase()
  staff = systemCtx(database.db, 'test', { actor: { kind: 'staff', staffId: 'stf_test', email: 'staff@lakou.example', roles: ['administrator'] } })
  const ids = (await rows(sql<{ id: string }>`select id from products order by id`)).map((r) => r.id)
  ;[draftId, archivedId, unpricedId] = [ids[3]!, ids[11]!, ids[20]!]
  // a back office sees what shoppers do not: a draft, an archived product, one with no mainland price
  await sql`update products set status = 'DRAFT', updated_at = now() + interval '1 hour' where id = ${draftId}`.execute(database.db)
  await sql`update products set status = 'ARCHIVED' where id = ${archivedId}`.execute(database.db)
  await sql`delete from variant_prices where market = 'FR-MAINLAND' and variant_id in (select id from product_variants where product_id = ${unpricedId})`.execute(database.db)
})
after(async () => database?.close())

test('the default page lists every status, last updated first, with exact total and what each row needs', async () => {
  const total = (await rows(sql<{ n: number }>`select count(*)::int as n from products`))[0]!.n
  const r = await list({})
  assert.equal(r.total, total)
  assert.equal(r.rows.length, Math.min(50, total))
  assert.equal(r.rows[0]!.id, draftId, 'the product just edited comes first')
  for (let i = 1; i < r.rows.length; i++) assert.ok(r.rows[i - 1]!.updatedAt >= r.rows[i]!.updatedAt)
  const expected = await rows(sql<{ id: string; producer: string; category: string; variants: number; price: number | null; image: string | null }>`
    select p.id, pr.trade_name as producer, c.name_fr as category,
           (select count(*)::int from product_variants v where v.product_id = p.id) as variants,
           (select min(vp.amount)::int from product_variants v join variant_prices vp on vp.variant_id = v.id
             where v.product_id = p.id and v.status = 'ACTIVE' and vp.price_list = 'RETAIL' and vp.market = 'FR-MAINLAND') as price,
           (select pi.image_id from product_images pi where pi.product_id = p.id order by pi.position, pi.image_id limit 1) as image
      from products p join producers pr on pr.id = p.producer_id join categories c on c.id = p.category_id`)
  const byId = new Map(expected.map((e) => [e.id, e]))
  for (const row of r.rows) {
    const e = byId.get(row.id)!
    assert.equal(row.producer.name, e.producer)
    assert.equal(row.category.name, e.category)
    assert.equal(row.variantCount, e.variants)
    assert.equal(row.minPrice, e.price)
    assert.equal(row.thumbnail?.imageId ?? null, e.image)
    assert.ok(row.available >= 0 && row.version >= 1)
  }
  assert.equal(r.rows.find((row) => row.id === unpricedId)?.minPrice ?? null, null)
})

test('status, producer and category filters; a category includes its sub-categories', async () => {
  assert.deepEqual((await list({ status: 'DRAFT' })).rows.map((r) => r.id), [draftId])
  assert.deepEqual((await list({ status: 'ARCHIVED' })).rows.map((r) => r.id), [archivedId])
  const [producer] = await rows(sql<{ producer_id: string; n: number }>`select producer_id, count(*)::int as n from products group by 1 order by 2 desc limit 1`)
  const byProducer = await allPages({ producerId: producer!.producer_id })
  assert.equal(byProducer.length, producer!.n)
  assert.ok(byProducer.every((r) => r.producer.id === producer!.producer_id))
  const [top] = await rows(sql<{ id: string }>`select c.id from categories c where c.parent_id is null and exists (select 1 from categories s where s.parent_id = c.id) order by c.code limit 1`)
  const inTree = (await rows(sql<{ id: string }>`
    with recursive sub as (select id from categories where id = ${top!.id} union select c.id from categories c join sub on c.parent_id = sub.id)
    select p.id from products p where p.category_id in (select id from sub) order by p.id`)).map((r) => r.id)
  const byCategory = await allPages({ categoryId: top!.id })
  assert.ok(inTree.length > 1)
  assert.deepEqual(byCategory.map((r) => r.id).sort(), inTree)
  assert.equal((await list({ categoryId: 'cat_nonexistent' })).total, 0)
})

test('text search ignores case and accents, needs every word, and finds SKUs', async () => {
  const [accented] = await rows(sql<{ id: string; name_fr: string }>`select id, name_fr from products where name_fr ~ '[éèêàç]' order by id limit 1`)
  const word = normalizeText(accented!.name_fr).split(' ').find((w) => /[a-z]{4,}/.test(w) && normalizeText(accented!.name_fr) !== w)!
  const accentedWord = accented!.name_fr.split(/\s+/).find((w) => normalizeText(w) === word)!
  for (const q of [word.toUpperCase(), accentedWord, ` ${word} `]) {
    const found = await allPages({ q })
    assert.ok(found.some((r) => r.id === accented!.id), `"${q}" finds ${accented!.name_fr}`)
    for (const r of found) assert.ok(normalizeText(`${r.nameFr} ${r.nameEn} ${r.handle}`).includes(word), `${r.nameFr} matches ${word}`)
  }
  const two = normalizeText(accented!.name_fr).split(' ').filter((w) => w.length >= 3).slice(0, 2)
  const both = await allPages({ q: two.join(' ') })
  assert.ok(both.some((r) => r.id === accented!.id))
  assert.ok(both.every((r) => two.every((w) => normalizeText(`${r.nameFr} ${r.nameEn} ${r.handle}`).includes(w))))
  const [variant] = await rows(sql<{ sku: string; product_id: string }>`select sku, product_id from product_variants order by sku desc limit 1`)
  const skuPart = variant!.sku.slice(2, 9).toLowerCase()
  assert.ok((await allPages({ q: skuPart })).some((r) => r.id === variant!.product_id), `SKU part ${skuPart}`)
  assert.equal((await list({ q: '100%_' })).total, 0, 'LIKE wildcards are literal')
})

test('sorts: name, creation, price (products without a price last); pages never overlap nor skip', async () => {
  const total = (await list({})).total
  const byName = await allPages({ sort: 'name' })
  const expectedNames = (await rows(sql<{ id: string }>`select id from products order by name_fr, id`)).map((r) => r.id)
  assert.deepEqual(byName.map((r) => r.id), expectedNames)
  const created = await allPages({ sort: 'created_at', dir: 'asc' })
  for (let i = 1; i < created.length; i++) assert.ok(created[i - 1]!.createdAt <= created[i]!.createdAt)
  for (const dir of ['asc', 'desc'] as const) {
    const byPrice = await allPages({ sort: 'price', dir }, 6)
    assert.equal(byPrice.length, total)
    assert.equal(new Set(byPrice.map((r) => r.id)).size, total, 'each product once')
    const priced = byPrice.filter((r) => r.minPrice !== null)
    assert.ok(byPrice.slice(priced.length).every((r) => r.minPrice === null), 'unpriced last')
    for (let i = 1; i < priced.length; i++) {
      const [a, b] = [priced[i - 1]!.minPrice!, priced[i]!.minPrice!]
      assert.ok(dir === 'asc' ? a <= b : a >= b, `${dir}: ${a} then ${b}`)
    }
  }
  const [category] = await rows(sql<{ category_id: string }>`select category_id from products group by 1 order by count(*) desc limit 1`)
  const inCategory = await allPages({ sort: 'price', categoryId: category!.category_id }, 2)
  assert.equal(inCategory.length, (await list({ categoryId: category!.category_id })).total)
})

test('bad input is refused by the schema, nothing is listed', async () => {
  const bad: unknown[] = [{ pageSize: 500 }, { page: 0 }, { sort: 'bogus' }, { status: 'active' }, { q: 'rhum\u0000' }, { q: 'x'.repeat(101) }, { color: 'red' }, { dir: 'up' }, { categoryId: "x' or 1=1" }]
  for (const input of bad) {
    await assert.rejects(list(input as AdminProductListInput), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED' && e.status === 400, JSON.stringify(input))
  }
  const blank = await list({ q: '', status: '', page: '2', pageSize: '5' } as unknown as AdminProductListInput)
  assert.equal(blank.page, 2)
  assert.equal(blank.rows.length, 5)
  await assert.rejects(listAdminProducts(systemCtx(database.db, 'test', { actor: { kind: 'anonymous' } }), {}), (e: unknown) => e instanceof AppError && e.code === 'FORBIDDEN')
})

test('both ways of sorting by price give the same order (walking the price index, or sorting the matches)', async () => {
  const where = sql`true`
  const page = (matching: number, dir: 'asc' | 'desc', p: number) => adminPriceOrder(staff, { where, matching, market: 'FR-MAINLAND', dir, limit: 9, offset: (p - 1) * 9 })
  const price = new Map((await rows(sql<{ id: string; amount: number | null }>`select p.id, ${ADMIN_MIN_PRICE('FR-MAINLAND')} as amount from products p`)).map((r) => [r.id, r.amount]))
  for (const dir of ['asc', 'desc'] as const) {
    const walked: string[] = []
    const sorted: string[] = []
    for (let p = 1; p <= Math.ceil(price.size / 9); p++) {
      walked.push(...(await page(PRICE_WALK_FROM + 1, dir, p)))
      sorted.push(...(await page(0, dir, p)))
    }
    assert.deepEqual(walked, sorted, dir)
    assert.equal(new Set(walked).size, price.size)
  }
})

test('the lowest price follows price edits, archived variants and removed prices', async () => {
  const minOf = async (id: string) => (await rows(sql<{ amount: number | null }>`select ${ADMIN_MIN_PRICE('FR-MAINLAND')} as amount from products p where p.id = ${id}`))[0]!.amount
  const [product] = await rows(sql<{ product_id: string }>`
    select v.product_id from product_variants v join variant_prices vp on vp.variant_id = v.id and vp.price_list = 'RETAIL' and vp.market = 'FR-MAINLAND'
     where v.status = 'ACTIVE' group by v.product_id having count(*) >= 2 order by v.product_id limit 1`)
  const id = product!.product_id
  const variants = await rows(sql<{ id: string; amount: number }>`select v.id, vp.amount from product_variants v
    join variant_prices vp on vp.variant_id = v.id and vp.price_list = 'RETAIL' and vp.market = 'FR-MAINLAND' where v.product_id = ${id} order by vp.amount, v.id`)
  assert.equal(await minOf(id), variants[0]!.amount)
  await sql`update variant_prices set amount = 1 where variant_id = ${variants[1]!.id} and price_list = 'RETAIL' and market = 'FR-MAINLAND'`.execute(database.db)
  assert.equal(await minOf(id), 1)
  await sql`update product_variants set status = 'ARCHIVED' where id = ${variants[1]!.id}`.execute(database.db)
  assert.equal(await minOf(id), variants[0]!.amount, 'an archived variant no longer counts')
  await sql`delete from variant_prices where market = 'FR-MAINLAND' and variant_id in (select id from product_variants where product_id = ${id})`.execute(database.db)
  assert.equal(await minOf(id), null)
  assert.equal((await list({ sort: 'price', dir: 'desc', pageSize: 100 })).rows.at(-1)?.minPrice ?? null, null)
})
