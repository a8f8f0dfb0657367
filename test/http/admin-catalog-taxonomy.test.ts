import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { signedInStaff } from '../helpers/staff.ts'
import { Browser, textOf } from './account-helpers.ts'

// Categories, collections and producer stories in the back office: French and English side by
// side, version checks, product lists by handle, free text shown escaped.

let t: TestApp
let b: Browser
before(async () => {
  t = await testApp()
  b = (await signedInStaff(t.app, t.database, ['content_manager'])).browser
})
after(async () => t.close())

const XSS = '<img src=x onerror=alert(1)>'
const versionOn = (html: string) => /name="version" value="(\d+)"/.exec(html)![1]!

test('a category is created in both languages, and a stale edit is refused with 409 without overwriting', async () => {
  const res = await b.submit('/admin/categories/nouvelle', { name_fr: 'Épices test', name_en: 'Spices test' })
  assert.equal(res.statusCode, 303, textOf(res.body).slice(0, 400))
  const url = String(res.headers.location).split('?')[0]!
  const page = await b.get(url)
  assert.match(page.body, /value="epices-test"/)
  const stale = versionOn(page.body)
  assert.equal((await b.post(url, { name_fr: 'Épices A', name_en: 'Spices A', version: stale })).statusCode, 303)
  const refused = await b.post(url, { name_fr: 'Épices B', name_en: 'Spices B', version: stale })
  assert.equal(refused.statusCode, 409)
  assert.match(textOf(refused.body), /modifiée par quelqu’un d’autre/)
  const id = url.split('/').pop()!
  const stored = await sql<{ name_fr: string }>`select name_fr from categories where id = ${id}`.execute(t.database.db)
  assert.equal(stored.rows[0]!.name_fr, 'Épices A')
})

test('a collection lists its products by handle or SKU; an unknown one is named and nothing is saved', async () => {
  const known = await sql<{ handle: string; sku: string }>`select p.handle, v.sku from products p join product_variants v on v.product_id = p.id order by p.id limit 2`.execute(t.database.db)
  const [a, c] = known.rows
  const bad = await b.submit('/admin/collections/nouvelle', { name_fr: 'Coffret test', name_en: 'Test box', products: `${a!.handle}\nPAS-UN-PRODUIT` })
  assert.equal(bad.statusCode, 400)
  assert.match(textOf(bad.body), /PAS-UN-PRODUIT/)
  assert.equal((await sql<{ n: number }>`select count(*)::int as n from collections where name_fr = 'Coffret test'`.execute(t.database.db)).rows[0]!.n, 0)
  const ok = await b.submit('/admin/collections/nouvelle', { name_fr: 'Coffret test', name_en: 'Test box', products: `${a!.handle}\n${c!.sku}` })
  assert.equal(ok.statusCode, 303, textOf(ok.body).slice(0, 400))
  const page = await b.get(String(ok.headers.location))
  assert.match(page.body, new RegExp(a!.handle))
  const n = await sql<{ n: number }>`select count(*)::int as n from collection_products cp join collections c on c.id = cp.collection_id where c.name_fr = 'Coffret test'`.execute(t.database.db)
  assert.ok(n.rows[0]!.n >= 1)
})

test('a producer story with markup is stored as typed and shown escaped in the back office and the shop', async () => {
  const producer = (await sql<{ id: string; slug: string }>`select id, slug from producers where status = 'ACTIVE' and kind = 'producer' order by id limit 1`.execute(t.database.db)).rows[0]!
  const page = await b.get(`/admin/producteurs/${producer.id}`)
  assert.equal(page.statusCode, 200)
  const res = await b.post(`/admin/producteurs/${producer.id}`, { version: versionOn(page.body), story_fr: `Notre histoire ${XSS}`, story_en: `Our story ${XSS}`, tagline_fr: '', tagline_en: '' })
  assert.equal(res.statusCode, 303, textOf(res.body).slice(0, 400))
  const stored = await sql<{ story_fr: string }>`select story_fr from producers where id = ${producer.id}`.execute(t.database.db)
  assert.equal(stored.rows[0]!.story_fr, `Notre histoire ${XSS}`)
  assert.ok(!(await b.get(`/admin/producteurs/${producer.id}`)).body.includes(XSS))
  const shop = await new Browser(t.app).get(`/fr/producteurs/${producer.slug}`)
  assert.equal(shop.statusCode, 200)
  assert.match(textOf(shop.body), /Notre histoire/)
  assert.ok(!shop.body.includes(XSS))
})
