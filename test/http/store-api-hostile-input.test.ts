import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { testApp, type TestApp } from '../helpers/test-app.ts'

// Bad and hostile input on every Store API parameter: a 400 or 404 JSON error or a normal
// answer, never a 500, never HTML, never a change in the database.

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t.close())

const get = (url: string) => t.app.inject({ method: 'GET', url })

test('invalid parameters are 400 VALIDATION_FAILED with the field named', async () => {
  const cases: [string, string][] = [
    ['/api/store/products?page=0', '/page'],
    ['/api/store/products?page=abc', '/page'],
    ['/api/store/products?per_page=1000', '/per_page'],
    ['/api/store/products?sort=foo', '/sort'],
    ['/api/store/products?locale=de', '/locale'],
    ['/api/store/products?market=US', '/market'],
    ['/api/store/products?category=Rhums%20Vieux', '/category'],
    ['/api/store/products?unknown=1', '/'],
    [`/api/store/products?category=${'a'.repeat(300)}`, '/category'],
    ['/api/store/products/rhum%20blanc', '/slug'],
    ['/api/store/products/Rhum-Blanc', '/slug'],
    ['/api/store/products/rhum-blanc?locale=de', '/locale'],
    ['/api/store/categories?locale=de', '/locale'],
    ['/api/store/producers?featured=maybe', '/featured'],
    ['/api/store/producers/a%20b', '/slug'],
    ['/api/store/search?price_min=-1', '/price_min'],
    ['/api/store/search?price_max=1.5', '/price_max'],
    ['/api/store/search?price_min=500&price_max=100', '/price_min'],
    ['/api/store/search?in_stock=yes', '/in_stock'],
    ['/api/store/search?sort=cheapest', '/sort'],
    [`/api/store/search?q=${'r'.repeat(201)}`, '/q'],
    ['/api/store/search?label=ab_bio', '/label'],
  ]
  for (const [url, field] of cases) {
    const res = await get(url)
    assert.equal(res.statusCode, 400, url)
    const body = res.json()
    assert.equal(body.error.code, 'VALIDATION_FAILED', url)
    assert.ok(body.error.details.some((d: { path: string }) => d.path.startsWith(field)), `${url}: ${JSON.stringify(body.error.details)}`)
  }
})

test('a 300-character slug is refused as a client error in JSON, never a 500', async () => {
  // Fastify's router (maxParamLength 200) refuses it before our schema sees it: 414, not 400.
  const res = await get(`/api/store/products/${'a'.repeat(300)}`)
  assert.ok(res.statusCode === 400 || res.statusCode === 414, String(res.statusCode))
  assert.match(String(res.headers['content-type']), /application\/json/)
  const ok = await get(`/api/store/products/${'a'.repeat(199)}`)
  assert.equal(ok.statusCode, 404)
})

const PAYLOADS = [
  "' OR '1'='1",
  "'; DROP TABLE products; --",
  '1; DELETE FROM producers',
  "rhum' UNION SELECT email, phone FROM producers --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../etc/passwd',
  '%00',
  '${7*7}',
]

const PARAMS: Record<string, string[]> = {
  '/api/store/products': ['category', 'producer', 'sort', 'page', 'per_page', 'locale', 'market'],
  '/api/store/categories': ['locale', 'market'],
  '/api/store/producers': ['featured', 'locale'],
  '/api/store/search': ['q', 'category', 'producer', 'commune', 'label', 'price_min', 'price_max', 'in_stock', 'sort', 'page', 'per_page', 'locale', 'market'],
}

async function rowCounts(): Promise<Record<string, number>> {
  const r = await sql<{ t: string; n: number }>`
    select 'products' as t, count(*)::int as n from products union all select 'product_variants', count(*)::int from product_variants
    union all select 'variant_prices', count(*)::int from variant_prices union all select 'producers', count(*)::int from producers
    union all select 'categories', count(*)::int from categories union all select 'stock_movements', count(*)::int from stock_movements
    union all select 'labels', count(*)::int from labels`.execute(t.database.db)
  return Object.fromEntries(r.rows.map((row) => [row.t, row.n]))
}

function assertSafe(res: Awaited<ReturnType<typeof get>>, what: string) {
  assert.ok([200, 400, 404].includes(res.statusCode), `${what}: status ${res.statusCode} ${res.body.slice(0, 200)}`)
  assert.match(String(res.headers['content-type']), /^application\/json/, what)
  assert.doesNotThrow(() => JSON.parse(res.body), what)
  // nothing a browser could run: no raw markup echoed back, no producer contact data leaked
  assert.ok(!res.body.includes('<script') && !res.body.includes('<img'), `${what}: markup echoed`)
  assert.ok(!res.body.includes('@distillerie-anse-cascade.example'), `${what}: private data leaked`)
}

test('SQL injection and XSS payloads in every query parameter: safe answers, database unchanged', async () => {
  const before = await rowCounts()
  for (const [path, params] of Object.entries(PARAMS)) {
    for (const param of params) {
      for (const payload of PAYLOADS) {
        const res = await get(`${path}?${param}=${encodeURIComponent(payload)}`)
        assertSafe(res, `${path}?${param}=${payload}`)
      }
    }
  }
  assert.deepEqual(await rowCounts(), before)
  assert.equal((await get('/api/store/products?per_page=1')).statusCode, 200, 'still serving')
})

test('SQL injection and XSS payloads in path slugs: 400 or 404 JSON, database unchanged', async () => {
  const before = await rowCounts()
  for (const base of ['/api/store/products/', '/api/store/producers/']) {
    for (const payload of PAYLOADS) {
      const res = await get(base + encodeURIComponent(payload))
      assertSafe(res, base + payload)
      assert.notEqual(res.statusCode, 200, base + payload)
    }
  }
  assert.deepEqual(await rowCounts(), before)
})
