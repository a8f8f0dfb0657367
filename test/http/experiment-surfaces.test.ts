import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { systemCtx } from '../../src/kernel/ctx.ts'
import { clearRunningExperiments, saveExperiment, startExperiment, stopExperiment } from '../../src/modules/experiments/index.ts'
import { postgresSearchEngine } from '../../src/modules/search/index.ts'
import { signedInStaff } from '../helpers/staff.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'
import { textOf, type Browser } from './account-helpers.ts'

// What experiments may vary on the storefront beyond the first surfaces: the add-to-cart button's
// words, the Store API search order (same visitor, same variant as the HTML search page), and the
// "new / returning" targeting, which only consented visitors can match.

let t: TestApp
let owner: Browser
const slugs = { fr: '', en: '' }
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36'
const consent = `granted.${new Date().toISOString().slice(0, 10)}`
const visitor = (i: number) => `v_${String(i).padStart(22, 'y')}`
const ctx = () => systemCtx(t.database.db, 'test')

before(async () => {
  t = await testApp()
  owner = (await signedInStaff(t.app, t.database, ['product_owner'])).browser
  const p = await sql<{ slug_fr: string; slug_en: string }>`SELECT p.slug_fr, p.slug_en FROM products p JOIN product_variants v ON v.product_id = p.id WHERE v.sku = 'CHN-CAF-GR-250'`.execute(t.database.db)
  Object.assign(slugs, { fr: p.rows[0]!.slug_fr, en: p.rows[0]!.slug_en })
})
after(async () => t?.close())

const cookieOf = (vid: string | null) => (vid ? `lakou_consent=${consent}; lakou_vid=${vid}` : '')
const get = (url: string, vid: string | null, ip = '203.0.113.9') => t.app.inject({ method: 'GET', url, remoteAddress: ip, headers: { 'user-agent': UA, cookie: cookieOf(vid) } })
/** The add-to-cart button's words on the product page (the visually hidden size label removed). */
const buttonOf = (html: string) => {
  const m = /<form[^>]*data-add-to-cart[^>]*>[\s\S]*?<button type="submit"[^>]*>([\s\S]*?)<span class="visually-hidden">/.exec(html)
  assert.ok(m, 'the page has an add-to-cart button')
  return m[1]!
}
async function exposures(key: string) {
  await t.app.eventQueue.flush()
  return (await sql<{ visitor_id: string; variant_key: string; path: string }>`SELECT visitor_id, variant_key, path FROM events WHERE type = 'experiment_exposure' AND experiment_key = ${key} ORDER BY id`.execute(t.database.db)).rows
}
async function stop(id: string) {
  await stopExperiment(ctx(), id)
  clearRunningExperiments()
}

const buttonForm = (change: Record<string, string>) => ({
  key: 'bouton-panier', name: 'Bouton panier', hypothesis: 'Un bouton plus engageant fait ajouter plus au panier', kind: 'experiment', surface: 'product_text',
  primaryMetric: 'add_to_cart', visitor: 'all', baselineRate: '', mde: '', alpha: '0.05', power: '0.8',
  v0_key: 'control', v0_name: 'Témoin', v0_weight: '50', v0_config: '',
  v1_key: 'envie', v1_name: 'Je le veux', v1_weight: '50', v1_config: 'addToCartFr=Je le veux <b>!</b>; addToCartEn=I want it',
  ...change,
})

test('a bad add-to-cart label is refused on the form with a clear message and nothing is created', async () => {
  const cases: [string, RegExp][] = [
    ['addToCartFr=Je le veux', /en français et en anglais : addToCartFr et addToCartEn ensemble/],
    [`addToCartFr=${'x'.repeat(41)}; addToCartEn=I want it`, /texte du bouton fait 1 à 40 caractères/],
    ['addToCartFr=; addToCartEn=I want it', /texte du bouton fait 1 à 40 caractères/],
  ]
  for (const [config, message] of cases) {
    const bad = await owner.submit('/admin/experiences/nouvelle', buttonForm({ v1_config: config }), '/admin/experiences')
    assert.equal(bad.statusCode, 400, config)
    assert.match(textOf(bad.body), message)
  }
  assert.equal((await sql<{ n: number }>`SELECT count(*)::int AS n FROM experiments`.execute(t.database.db)).rows[0]!.n, 0)
})

test('two visitors in different variants see different add-to-cart labels, escaped, in their language; each view is an exposure of the variant shown', async () => {
  const saved = await owner.submit('/admin/experiences/nouvelle', buttonForm({}), '/admin/experiences')
  assert.equal(saved.statusCode, 303)
  const id = /\/admin\/experiences\/(exp_[A-Z0-9]+)/.exec(String(saved.headers.location))![1]!
  await startExperiment(ctx(), id)
  const seen = new Map<string, string>()
  for (let i = 0; i < 16 && new Set(seen.values()).size < 2; i++) {
    const page = await get(`/fr/p/${slugs.fr}`, visitor(i))
    assert.equal(page.statusCode, 200)
    const label = buttonOf(page.body)
    assert.equal(buttonOf((await get(`/fr/p/${slugs.fr}`, visitor(i))).body), label, 'a visitor keeps their label on reload')
    seen.set(visitor(i), label)
  }
  const labels = [...new Set(seen.values())].sort()
  assert.deepEqual(labels, ['Ajouter au panier', 'Je le veux &lt;b>!&lt;/b>'], 'the default and the variant, its markup escaped (shown as text)')
  const variantVisitor = [...seen].find(([, l]) => l !== 'Ajouter au panier')![0]
  assert.equal(buttonOf((await get(`/en/p/${slugs.en}`, variantVisitor)).body), 'I want it', 'the English page shows the English label')
  const rows = await exposures('bouton-panier')
  assert.ok(rows.length >= seen.size)
  for (const r of rows) assert.equal(r.variant_key === 'envie', seen.get(r.visitor_id) !== 'Ajouter au panier', 'the exposure names the variant the visitor saw')
  // a page without the button (the Guadeloupe-only plant has no mainland price) shows nothing of this test: no exposure
  const plant = (await t.app.inject({ method: 'GET', url: '/api/store/products?category=plantes&market=GP' })).json() as { items: { slugs: { fr: string } }[] }
  const before = (await exposures('bouton-panier')).length
  const unsold = await get(`/fr/p/${plant.items[0]!.slugs.fr}`, visitor(99))
  assert.equal(unsold.statusCode, 200)
  assert.doesNotMatch(unsold.body, /data-add-to-cart/)
  assert.equal((await exposures('bouton-panier')).length, before, 'no button shown, no exposure')
  await stop(id)
  assert.equal(buttonOf((await get(`/fr/p/${slugs.fr}`, variantVisitor)).body), 'Ajouter au panier', 'stopped: the default label again')
})

test('the Store API search follows the visitor’s ranking variant, the same as the HTML search page, and records the same exposure', async () => {
  // a query whose newest-first order differs from the default one, else nothing would tell them apart
  let query = ''
  let orders: { plain: string[]; newest: string[] } = { plain: [], newest: [] }
  for (const q of ['rhum', 'café', 'vanille', 'piment', 'fleurs']) {
    const base = { query: q, locale: 'fr' as const, market: 'FR-MAINLAND', filters: {}, sort: 'relevance' as const, page: 1, perPage: 24, log: false }
    const plain = await postgresSearchEngine.search(ctx(), base)
    const newest = await postgresSearchEngine.search(ctx(), { ...base, ranking: 'newest_first' })
    if (plain.kind === 'results' && newest.kind === 'results' && plain.productIds.join() !== newest.productIds.join()) {
      query = q
      orders = { plain: plain.productIds, newest: newest.productIds }
      break
    }
  }
  assert.ok(query, 'the demo catalogue has a query the two rankings order differently')
  const e = await saveExperiment(ctx(), {
    key: 'api-nouveautes', name: 'Nouveautés d’abord (API)', kind: 'experiment', surface: 'search_ranking', primaryMetric: 'conversion',
    variants: [{ key: 'control', name: 'Témoin', weight: 50, config: { ranking: 'default' } }, { key: 'newest', name: 'Nouveautés', weight: 50, config: { ranking: 'newest_first' } }],
  })
  await startExperiment(ctx(), e.id)
  const api = async (vid: string) => {
    const r = await get(`/api/store/search?q=${encodeURIComponent(query)}&per_page=24`, vid)
    assert.equal(r.statusCode, 200)
    assert.match(String(r.headers['cache-control']), /private/, 'one visitor’s order is never cached for others')
    return (r.json() as { items: { id: string }[] }).items.map((x) => x.id)
  }
  const byVisitor = new Map<string, 'plain' | 'newest'>()
  for (let i = 100; i < 124 && new Set(byVisitor.values()).size < 2; i++) {
    const ids = await api(visitor(i))
    const which = ids.join() === orders.newest.join() ? 'newest' : ids.join() === orders.plain.join() ? 'plain' : null
    assert.ok(which, 'the API answers one of the two rankings')
    assert.deepEqual(await api(visitor(i)), ids, 'the same visitor gets the same order again')
    // the HTML search page puts this visitor in the same variant
    const html = (await get(`/fr/search?q=${encodeURIComponent(query)}`, visitor(i))).body
    const first = await sql<{ slug_fr: string }>`SELECT slug_fr FROM products WHERE id = ${ids[0]!}`.execute(t.database.db)
    const second = await sql<{ slug_fr: string }>`SELECT slug_fr FROM products WHERE id = ${ids[1]!}`.execute(t.database.db)
    assert.ok(html.indexOf(`/fr/p/${first.rows[0]!.slug_fr}`) < html.indexOf(`/fr/p/${second.rows[0]!.slug_fr}`), 'the page lists them in the API’s order')
    byVisitor.set(visitor(i), which)
  }
  assert.deepEqual([...new Set(byVisitor.values())].sort(), ['newest', 'plain'], 'visitors are split between the two rankings')
  const rows = await exposures('api-nouveautes')
  const fromApi = rows.filter((r) => r.path === '/api/store/search')
  assert.deepEqual(new Set(fromApi.map((r) => r.visitor_id)), new Set(byVisitor.keys()), 'an API search is an exposure of its visitor')
  for (const r of rows) assert.equal(r.variant_key === 'newest' ? 'newest' : 'plain', byVisitor.get(r.visitor_id))
  const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' })
  assert.match(doc.body, /lakou_vid/, 'the API documentation says how a visitor is identified')
  await stop(e.id)
  assert.match(String((await get(`/api/store/search?q=${encodeURIComponent(query)}`, visitor(100))).headers['cache-control']), /public/, 'no test: shared caching again')
})

test('a test targeting new visitors only includes consented ones; the experiment form says so', async () => {
  const e = await saveExperiment(ctx(), {
    key: 'nouveaux-bouton', name: 'Bouton pour les nouveaux', kind: 'experiment', surface: 'product_text', primaryMetric: 'add_to_cart', targeting: { markets: [], devices: [], visitor: 'new' },
    variants: [{ key: 'control', name: 'Témoin', weight: 0, config: {} }, { key: 'b', name: 'B', weight: 100, config: { addToCartFr: 'Goûter', addToCartEn: 'Taste it' } }],
  })
  await startExperiment(ctx(), e.id)
  // no consent: a pseudonym of the day, new or returning unknowable → the default, not measured
  const anonymous = await get(`/fr/p/${slugs.fr}`, null, '203.0.113.77')
  assert.equal(buttonOf(anonymous.body), 'Ajouter au panier')
  assert.equal((await exposures('nouveaux-bouton')).length, 0)
  // consented and never seen before: a new visitor, in the test
  assert.equal(buttonOf((await get(`/fr/p/${slugs.fr}`, visitor(300))).body), 'Goûter')
  // consented and seen days ago: returning, outside a test for new visitors
  await sql`INSERT INTO analytics_visitors (visitor_id, first_seen_at, first_channel) VALUES (${visitor(301)}, now() - interval '3 days', 'direct')`.execute(t.database.db)
  assert.equal(buttonOf((await get(`/fr/p/${slugs.fr}`, visitor(301))).body), 'Ajouter au panier')
  assert.deepEqual((await exposures('nouveaux-bouton')).map((r) => r.visitor_id), [visitor(300)])
  await stop(e.id)

  const formPage = await owner.get('/admin/experiences/nouvelle')
  assert.match(textOf(formPage.body), /seuls les visiteurs qui ont accepté la mesure d’audience sont inclus/)
  assert.match(formPage.body, /aria-describedby="f-visitor-hint"/, 'the help text is tied to the field')
})
