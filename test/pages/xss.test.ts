import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { systemCtx } from '../../src/kernel/ctx.ts'
import { postgresSearchEngine } from '../../src/modules/search/index.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { jsonLd, productSlugsBySku } from './page-helpers.ts'

// A producer or product name typed by staff (or imported) may contain markup: every page must
// show it as text. Names are changed with SQL in this file's own database.

const EVIL = '<script>alert(1)</script>'
let t: TestApp
let slugs: { fr: string; en: string }
before(async () => {
  t = await testApp()
  slugs = await productSlugsBySku(t, 'ACS-RHB50-100')
  await sql`update products set name_fr = ${`Rhum ${EVIL} blanc`}, name_en = ${`Rum ${EVIL} white`}, description_fr = ${`Desc ${EVIL} "quote" & amp`}, featured = true, created_at = now()
            where slug_fr = ${slugs.fr}`.execute(t.database.db)
  await sql`update producers set trade_name = ${`Distillerie ${EVIL}`}, story_fr = ${`Histoire ${EVIL}`} where slug = 'distillerie-anse-cascade'`.execute(t.database.db)
  await postgresSearchEngine.reindex(systemCtx(t.database.db, 'test'))
})
after(async () => t.close())

const get = (url: string) => t.app.inject(url)

function assertEscaped(body: string, where: string) {
  assert.ok(!body.includes(EVIL), `${where}: the raw <script> never reaches the page`)
  assert.ok(!/<script>alert/i.test(body), `${where}: no executable script`)
}

test('home, category, product, producer, search pages show the names as text', async () => {
  for (const url of ['/fr/', '/fr/c/rhums', `/fr/p/${slugs.fr}`, '/fr/producteurs/distillerie-anse-cascade', '/fr/search?q=rhum', `/en/p/${slugs.en}`, '/fr/producteurs']) {
    const res = await get(url)
    assert.equal(res.statusCode, 200, url)
    assertEscaped(res.body, url)
    assert.ok(res.body.includes('&lt;script>alert(1)&lt;/script>'), `${url}: the name is shown, escaped`)
  }
})

test('JSON-LD keeps the exact name but cannot close its script element', async () => {
  const res = await get(`/fr/p/${slugs.fr}`)
  assert.ok(res.body.includes('\\u003cscript\\u003ealert(1)\\u003c/script\\u003e'))
  const [product] = jsonLd(res.body)
  assert.equal(product?.name, `Rhum ${EVIL} blanc`)
  assert.deepEqual(product?.brand, { '@type': 'Brand', name: `Distillerie ${EVIL}` })
  assert.equal(product?.description, `Desc ${EVIL} "quote" & amp`)
})

test('a search query with markup is echoed as text', async () => {
  const res = await get(`/fr/search?q=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`)
  assert.ok([200, 400].includes(res.statusCode))
  assert.ok(!res.body.includes('<img src=x'), 'the query is never markup')
})

test('sitemap.xml stays well-formed: slugs only, no raw markup', async () => {
  const res = await get('/sitemap.xml')
  assert.equal(res.statusCode, 200)
  assert.ok(!res.body.includes('<script'))
  assert.ok(res.body.includes(`/fr/p/${slugs.fr}</loc>`))
})
