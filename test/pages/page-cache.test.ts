import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { clearPageCaches } from '../../src/http/pages/page-cache.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'

let t: TestApp
before(async () => {
  t = await testApp({ env: { PAGE_CACHE_SECONDS: '60' } })
})
after(async () => t.close())

/** A page without its CSRF token: each visitor gets their own in the cached page (filled per response). */
const withoutToken = (body: string) => body.replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf"')

const rumSlug = async () => (await sql<{ slug_fr: string }>`select p.slug_fr from products p join product_variants v on v.product_id = p.id where v.sku = 'ACS-RHB50-100'`.execute(t.database.db)).rows[0]!.slug_fr

test('a page is rendered once per market and served from memory until cleared', async () => {
  const url = `/fr/p/${await rumSlug()}`
  const first = await t.app.inject(url)
  assert.equal(first.statusCode, 200)
  assert.equal(first.headers['x-page-cache'], undefined)
  assert.match(first.body, /27,90/)

  await sql`update variant_prices set amount = 2990 where price_list = 'RETAIL' and market = 'FR-MAINLAND'
             and variant_id = (select id from product_variants where sku = 'ACS-RHB50-100')`.execute(t.database.db)
  const second = await t.app.inject(url)
  assert.equal(second.headers['x-page-cache'], 'hit')
  assert.equal(withoutToken(second.body), withoutToken(first.body), 'served from memory')
  assert.match(String(second.headers['content-type']), /text\/html/)

  const gp = await t.app.inject({ url, cookies: { lakou_market: 'GP' } })
  assert.equal(gp.headers['x-page-cache'], undefined, 'another market is another page')
  assert.match(gp.body, /18,50/)

  clearPageCaches()
  const third = await t.app.inject(url)
  assert.equal(third.headers['x-page-cache'], undefined)
  assert.match(third.body, /29,90/, 'a cleared cache shows the new price')
})

test('errors and other methods are never cached', async () => {
  const missing = await t.app.inject('/fr/p/nothing-here')
  assert.equal(missing.statusCode, 404)
  assert.equal((await t.app.inject('/fr/p/nothing-here')).headers['x-page-cache'], undefined)
  const post = await t.app.inject({ method: 'POST', url: '/market', payload: { market: 'GP', back: '/fr/' } })
  assert.equal(post.headers['x-page-cache'], undefined)
})

test('concurrent first visits of one page render it once; the others share that render', async () => {
  clearPageCaches()
  const url = `/fr/p/${await rumSlug()}?utm_source=test-burst`
  const answers = await Promise.all(Array.from({ length: 8 }, () => t.app.inject(url)))
  assert.ok(answers.every((a) => a.statusCode === 200))
  const states = answers.map((a) => a.headers['x-page-cache'] ?? 'rendered')
  assert.equal(states.filter((s) => s === 'rendered').length, 1, `one render, got ${states.join(',')}`)
  assert.ok(answers.every((a) => withoutToken(a.body) === withoutToken(answers[0]!.body)))
})

test('an expired page is served stale while one request renders it again', async () => {
  const quick = await testApp({ env: { PAGE_CACHE_SECONDS: '1' } })
  try {
    const url = '/fr/'
    assert.equal((await quick.app.inject(url)).statusCode, 200)
    await new Promise((r) => setTimeout(r, 1100))
    const answers = await Promise.all(Array.from({ length: 5 }, () => quick.app.inject(url)))
    const states = answers.map((a) => a.headers['x-page-cache'] ?? 'rendered')
    assert.equal(states.filter((s) => s === 'rendered').length, 1, states.join(','))
    assert.equal(states.filter((s) => s === 'stale').length, 4, states.join(','))
    assert.equal((await quick.app.inject(url)).headers['x-page-cache'], 'hit', 'the new render is served fresh afterwards')
  } finally {
    await quick.close()
  }
})

test('Store API reads are cached like pages, per market and URL', async () => {
  clearPageCaches()
  const url = '/api/store/search?q=rhum&locale=fr'
  const first = await t.app.inject(url)
  assert.equal(first.statusCode, 200)
  assert.equal(first.headers['x-page-cache'], undefined)
  const second = await t.app.inject(url)
  assert.equal(second.headers['x-page-cache'], 'hit')
  assert.match(String(second.headers['content-type']), /application\/json/)
  assert.deepEqual(second.json(), first.json())
  const gp = await t.app.inject(`${url}&market=GP`)
  assert.equal(gp.headers['x-page-cache'], undefined, 'another market is another answer')
  const tooLong = `/api/store/search?q=${'a'.repeat(101)}&locale=fr`
  assert.equal((await t.app.inject(tooLong)).statusCode, 400)
  assert.equal((await t.app.inject(tooLong)).headers['x-page-cache'], undefined, 'errors are not kept')
})
