import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { testApp, type TestApp } from '../helpers/test-app.ts'

// The Store API as a JSON client sees it (app.inject on a fresh demo database).

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t.close())

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers })

test('products: a paginated page of cards with money in cents, cacheable for a minute', async () => {
  const res = await get('/api/store/products?per_page=5&page=2&sort=price_asc')
  assert.equal(res.statusCode, 200)
  assert.equal(res.headers['cache-control'], 'public, max-age=60')
  assert.match(String(res.headers.vary), /cookie/i)
  const body = res.json()
  assert.equal(body.page, 2)
  assert.equal(body.perPage, 5)
  assert.equal(body.items.length, 5)
  assert.equal(body.pageCount, Math.ceil(body.total / 5))
  const card = body.items[0]
  assert.equal(card.price.currency, 'EUR')
  assert.ok(Number.isInteger(card.price.amount))
  assert.match(card.createdAt, /^\d{4}-\d{2}-\d{2}T/)
  const amounts = body.items.map((c: { price: { amount: number } }) => c.price.amount)
  assert.deepEqual(amounts, [...amounts].sort((a, b) => a - b))
})

test('products: filters by category path (with sub-categories) and producer slug; unknown ones are 404', async () => {
  const rums = (await get('/api/store/products?category=rhums&per_page=100')).json()
  assert.equal(rums.total, 12)
  const aged = (await get('/api/store/products?category=rhums/rhums-vieux&per_page=100')).json()
  assert.equal(aged.total, 6)
  const en = (await get('/api/store/products?category=rums/aged-rums&locale=en&per_page=1')).json()
  assert.equal(en.total, 6)
  assert.equal(en.items[0].category.name, 'Aged rums')
  const acs = (await get('/api/store/products?producer=distillerie-anse-cascade&per_page=100')).json()
  assert.ok(acs.total > 0 && acs.items.every((c: { producer: { slug: string } }) => c.producer.slug === 'distillerie-anse-cascade'))
  const nope = await get('/api/store/products?category=rhums/nope')
  assert.equal(nope.statusCode, 404)
  assert.equal(nope.json().error.code, 'NOT_FOUND')
  assert.equal((await get('/api/store/products?producer=cacaoyere-ti-bwa')).statusCode, 404)
})

test('product detail: prices per market from ?market= or the market cookie, texts per locale', async () => {
  const fr = (await get('/api/store/products/rhum-blanc-agricole-50-vol')).json()
  const oneLitre = (p: { variants: { sku: string; price: unknown }[] }) => p.variants.find((v) => v.sku === 'ACS-RHB50-100')?.price
  assert.deepEqual(oneLitre(fr), { amount: 2790, currency: 'EUR' })
  assert.deepEqual(oneLitre((await get('/api/store/products/rhum-blanc-agricole-50-vol?market=GP')).json()), { amount: 1850, currency: 'EUR' })
  assert.deepEqual(oneLitre((await get('/api/store/products/rhum-blanc-agricole-50-vol', { cookie: 'lakou_market=GP' })).json()), { amount: 1850, currency: 'EUR' })
  const en = await get('/api/store/products/white-agricultural-rum-50-abv?locale=en')
  assert.equal(en.statusCode, 200)
  assert.equal(en.json().name, 'White agricultural rum 50 % ABV')
  assert.equal(en.headers['cache-control'], 'public, max-age=60')
  // the API answers in French unless asked, whatever Accept-Language says (cached answers stay consistent)
  assert.equal((await get('/api/store/products/rhum-blanc-agricole-50-vol', { 'accept-language': 'en' })).json().name, 'Rhum blanc agricole 50 % vol.')
})

test('product detail: a flower has no withdrawal right; the GP-only plant has a page without a mainland price', async () => {
  const list = (await get('/api/store/products?category=fleurs-tropicales/bouquets-tropicaux')).json()
  const bouquet = (await get(`/api/store/products/${list.items[0].slugs.fr}`)).json()
  assert.equal(bouquet.withdrawalRight, false)
  assert.equal(bouquet.stockStatus, 'made_to_order')
  const gpPlants = (await get('/api/store/products?category=plantes&market=GP')).json()
  assert.equal(gpPlants.total, 1)
  assert.equal((await get('/api/store/products?category=plantes')).json().total, 0)
  const plant = (await get(`/api/store/products/${gpPlants.items[0].slugs.fr}`)).json()
  assert.equal(plant.price, null)
  assert.equal(plant.withdrawalRight, false)
})

test('unknown product or producer: 404 NOT_FOUND as JSON, not cached', async () => {
  for (const url of ['/api/store/products/no-such-rum', '/api/store/producers/no-such-producer', '/api/store/producers/cacaoyere-ti-bwa']) {
    const res = await get(url)
    assert.equal(res.statusCode, 404, url)
    assert.equal(res.json().error.code, 'NOT_FOUND')
    assert.match(String(res.headers['content-type']), /application\/json/)
    assert.equal(res.headers['cache-control'], 'no-store')
  }
})

test('categories: the tree with paths per language and counts for the market', async () => {
  const res = await get('/api/store/categories?locale=en')
  assert.equal(res.statusCode, 200)
  const { items } = res.json()
  const rum = items.find((c: { code: string }) => c.code === 'rum')
  assert.equal(rum.name, 'Rums')
  assert.equal(rum.productCount, 12)
  assert.deepEqual(rum.children.find((c: { code: string }) => c.code === 'rum/rhum_vieux').path, { fr: 'rhums/rhums-vieux', en: 'rums/aged-rums' })
  const plants = (m: string) => get(`/api/store/categories?market=${m}`).then((r) => r.json().items.find((c: { code: string }) => c.code === 'plant').productCount)
  assert.equal(await plants('FR-MAINLAND'), 0)
  assert.equal(await plants('GP'), 1)
})

test('producers: the directory and one producer with its product ids', async () => {
  const list = (await get('/api/store/producers')).json()
  assert.equal(list.items.length, 11)
  assert.equal((await get('/api/store/producers?featured=true')).json().items.length, 4)
  const acs = await get('/api/store/producers/distillerie-anse-cascade?locale=en')
  assert.equal(acs.statusCode, 200)
  const body = acs.json()
  assert.match(body.story, /family distillery/)
  assert.ok(body.productIds.length >= 6)
  assert.ok(body.labels.some((l: { code: string }) => l.code === 'IG_RHUM_GUADELOUPE'))
})

test('search: cards, facets and total; filters by category, label and price; redirect shape documented', async () => {
  const res = await get('/api/store/search?q=rhum&per_page=5')
  assert.equal(res.statusCode, 200)
  assert.equal(res.headers['cache-control'], 'public, max-age=60')
  const body = res.json()
  assert.ok(body.total > 0 && body.items.length > 0 && body.items.length <= 5)
  assert.ok(Array.isArray(body.facets.category) && Array.isArray(body.facets.price))
  assert.ok('correctedQuery' in body)
  const bio = (await get('/api/store/search?category=rhums&label=AB_BIO')).json()
  assert.ok(bio.total >= 1)
  assert.ok(bio.items.every((c: { labels: { code: string }[]; category: { path: { fr: string } } }) => c.labels.some((l) => l.code === 'AB_BIO') && c.category.path.fr.startsWith('rhums')))
  const cheap = (await get('/api/store/search?price_max=600&per_page=100')).json()
  assert.ok(cheap.total > 0)
  assert.ok(cheap.items.every((c: { price: { amount: number } }) => c.price.amount <= 600))
  // a category facet value (an id) is accepted back as a filter
  const facet = body.facets.category[0]
  assert.equal((await get(`/api/store/search?q=rhum&category=${facet.value}`)).statusCode, 200)
})

test('OpenAPI lists every Store API path with its query parameters, response schemas and tags', async () => {
  const doc = (await get('/api/openapi.json')).json()
  const expected: Record<string, { params: string[]; tag: string }> = {
    '/api/store/products': { params: ['locale', 'market', 'category', 'producer', 'sort', 'page', 'per_page'], tag: 'catalog' },
    '/api/store/products/{slug}': { params: ['locale', 'market', 'slug'], tag: 'catalog' },
    '/api/store/categories': { params: ['locale', 'market'], tag: 'catalog' },
    '/api/store/producers': { params: ['locale', 'market', 'featured'], tag: 'catalog' },
    '/api/store/producers/{slug}': { params: ['locale', 'market', 'slug'], tag: 'catalog' },
    '/api/store/search': { params: ['q', 'category', 'producer', 'commune', 'label', 'price_min', 'price_max', 'in_stock', 'sort', 'page', 'per_page', 'locale', 'market'], tag: 'search' },
  }
  for (const [path, { params, tag }] of Object.entries(expected)) {
    const op = doc.paths[path]?.get
    assert.ok(op, `${path} documented`)
    const names = op.parameters.map((p: { name: string }) => p.name)
    for (const p of params) assert.ok(names.includes(p), `${path} documents ${p}`)
    assert.deepEqual(op.tags, [tag])
    const schema = op.responses['200'].content['application/json'].schema
    assert.ok(schema.properties || schema.anyOf, `${path} has a response schema`)
    assert.ok(op.responses['400'], `${path} documents its 400`)
  }
  const card = doc.paths['/api/store/products'].get.responses['200'].content['application/json'].schema.properties.items.items
  assert.deepEqual(card.properties.price.anyOf?.find((s: { type: string }) => s.type === 'object')?.properties.amount.type ?? card.properties.price.properties?.amount.type, 'integer')
  assert.ok(!JSON.stringify(doc).includes('#/components/schemas/'), 'no dangling $ref')
})
