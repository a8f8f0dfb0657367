import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { testApp, type TestApp } from '../helpers/test-app.ts'

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t.close())

type Body = { query: string; suggestions: { kind: string; label: string; path: string }[] }
const get = async (qs: string, headers: Record<string, string> = {}) => {
  const res = await t.app.inject({ url: `/api/store/autocomplete?${qs}`, headers })
  return { res, body: res.json() as Body }
}
const paths = (b: Body) => b.suggestions.map((s) => s.path)

test('French suggestions: categories as /fr/c/<parent>/<child>, products as /fr/p/<slug>, cached a minute', async () => {
  const { res, body } = await get('q=rhu&locale=fr')
  assert.equal(res.statusCode, 200)
  assert.equal(res.headers['cache-control'], 'public, max-age=60')
  assert.equal(body.suggestions[0]?.path, '/fr/c/rhums')
  assert.ok(paths(body).includes('/fr/c/rhums/rhums-vieux'))
  const products = body.suggestions.filter((s) => s.kind === 'product')
  assert.ok(products.length > 0 && products.every((p) => /^\/fr\/p\/[a-z0-9-]+$/.test(p.path) && /rhum/i.test(p.label)))
})

test('English suggestions use the English paths; producers link to their page in each language', async () => {
  const en = (await get('q=coff&locale=en')).body
  assert.ok(paths(en).includes('/en/c/coffees'))
  assert.ok(paths(en).includes('/en/p/guadeloupe-coffee-beans'))
  const fr = (await get('q=vanill&locale=fr')).body
  assert.ok(fr.suggestions.some((s) => s.kind === 'producer' && s.path === '/fr/producteurs/vanilleraie-fey-vet' && s.label === 'Vanilleraie Fèy Vèt'))
  const enProducer = (await get('q=vanilleraie&locale=en')).body
  assert.ok(paths(enProducer).includes('/en/producers/vanilleraie-fey-vet'))
})

test('prefixes tolerate a typo, and products not sold in the market are not suggested', async () => {
  const typo = (await get('q=vanjl&locale=fr')).body
  assert.ok(typo.suggestions.some((s) => s.kind === 'product' && /vanille/i.test(s.label)), JSON.stringify(typo))
  const slug = (await sql<{ slug_fr: string }>`SELECT slug_fr FROM products WHERE handle = 'fpb-ant-pot'`.execute(t.database.db)).rows[0]!.slug_fr
  const mainland = (await get('q=anthurium%20en%20pot&locale=fr&market=FR-MAINLAND')).body
  assert.ok(!paths(mainland).includes(`/fr/p/${slug}`))
  const gp = (await get('q=anthurium%20en%20pot&locale=fr&market=GP')).body
  assert.ok(paths(gp).includes(`/fr/p/${slug}`))
})

test('unusable input answers 400 SEARCH_QUERY_INVALID; markup and SQL are just words', async () => {
  for (const q of ['x'.repeat(101), 'rhum%00', '%EF%BF%BD', '%1B%5B31m', '%21%21%21']) {
    const { res, body } = await get(`q=${q}`)
    assert.equal(res.statusCode, 400, q)
    assert.equal((body as unknown as { error: { code: string } }).error.code, 'SEARCH_QUERY_INVALID', q)
  }
  // bytes that are not UTF-8 stay undecoded in the query string: harmless text, not an error
  assert.equal((await get('q=%FF%FE')).res.statusCode, 200)
  const missing = await t.app.inject('/api/store/autocomplete')
  assert.equal(missing.statusCode, 400)
  const xss = await get(`q=${encodeURIComponent('<script>alert(1)</script>')}`)
  assert.equal(xss.res.statusCode, 200)
  assert.match(String(xss.res.headers['content-type']), /application\/json/)
  const sqli = await get(`q=${encodeURIComponent("rhum'; DROP TABLE products; --")}`)
  assert.equal(sqli.res.statusCode, 200)
  const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM products`.execute(t.database.db)
  assert.ok(n.rows[0]!.n > 0)
})

test('the route is documented in the OpenAPI document', async () => {
  const doc = (await t.app.inject('/api/openapi.json')).json()
  const op = doc.paths['/api/store/autocomplete']?.get
  assert.ok(op)
  assert.ok(op.parameters.some((p: { name: string }) => p.name === 'q'))
  assert.ok(op.responses['400'])
})
