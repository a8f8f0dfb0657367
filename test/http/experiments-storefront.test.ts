import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { sql } from 'kysely'
import { buildApp, type App } from '../../src/http/app.ts'
import { systemCtx } from '../../src/kernel/ctx.ts'
import { clearRunningExperiments, saveExperiment, startExperiment, stopExperiment } from '../../src/modules/experiments/index.ts'
import { testApp, type TestApp } from '../helpers/test-app.ts'

// A/B tests on the product page: each visitor keeps their variant (in every app instance), the page
// cache never hands one visitor's variant to another, and an exposure is recorded once per session.

let t: TestApp
let second: App
let productUrl: string
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36'
const consent = `granted.${new Date().toISOString().slice(0, 10)}`

before(async () => {
  // the shared page cache on (10 s), as in production
  t = await testApp({ env: { PAGE_CACHE_SECONDS: '10' } })
  second = await buildApp(t.config, { database: t.database })
  await second.ready()
  const p = await sql<{ slug_fr: string }>`SELECT p.slug_fr FROM products p JOIN product_variants v ON v.product_id = p.id WHERE v.sku = 'ACS-RHB50-100'`.execute(t.database.db)
  productUrl = `/fr/p/${p.rows[0]!.slug_fr}`
})
after(async () => {
  await second?.close()
  await t?.close()
})

const ctx = () => systemCtx(t.database.db, 'test')
const visitor = (i: number) => `v_${String(i).padStart(22, 'x')}`
const get = (app: App, vid: string | null, sid?: string, extra: Record<string, string> = {}) => app.inject({
  method: 'GET', url: productUrl,
  headers: { 'user-agent': UA, cookie: [vid ? `lakou_consent=${consent}; lakou_vid=${vid}` : '', sid ? `lakou_sid=${sid}` : ''].filter(Boolean).join('; '), ...extra },
})
/** Which layout the page shows: the producer story before the description (variant) or after (control). */
const layoutOf = (html: string) => {
  const story = html.indexOf('class="producer-story"')
  const desc = html.indexOf('id="desc-title"')
  assert.ok(story > 0 && desc > 0, 'the page has both blocks')
  return story < desc ? 'story-first' : 'default'
}
async function exposures(key: string) {
  await t.app.eventQueue.flush()
  await second.eventQueue.flush()
  const r = await sql<{ visitor_id: string; session_id: string; variant_key: string }>`SELECT visitor_id, session_id, variant_key FROM events WHERE type = 'experiment_exposure' AND experiment_key = ${key} ORDER BY id`.execute(t.database.db)
  return r.rows
}

test('a running layout test: visitors split between the variants, each keeps theirs across reloads and app instances, the cache never mixes them', async () => {
  const before = await get(t.app, visitor(0))
  assert.equal(layoutOf(before.body), 'default')
  const e = await saveExperiment(ctx(), {
    key: 'histoire-en-premier', name: 'Histoire en premier', kind: 'experiment', surface: 'product_layout', primaryMetric: 'conversion',
    variants: [{ key: 'control', name: 'Témoin', weight: 50, config: { storyPosition: 'below' } }, { key: 'story-first', name: 'Histoire en premier', weight: 50, config: { storyPosition: 'above' } }],
  })
  await startExperiment(ctx(), e.id)
  const seen = new Map<string, string>()
  for (let i = 0; i < 12; i++) {
    const vid = visitor(i)
    const a = await get(t.app, vid)
    assert.equal(a.statusCode, 200)
    assert.equal(a.headers['x-page-cache'], undefined, 'a page under test is never served from the shared cache')
    const layout = layoutOf(a.body)
    // reload, and the other app instance (another process in production): the same variant
    assert.equal(layoutOf((await get(t.app, vid)).body), layout)
    assert.equal(layoutOf((await get(second, vid)).body), layout)
    seen.set(vid, layout)
  }
  const layouts = new Set(seen.values())
  assert.deepEqual([...layouts].sort(), ['default', 'story-first'], 'twelve visitors at 50/50 see both variants')
  const rows = await exposures(e.key)
  assert.equal(new Set(rows.map((r) => r.visitor_id)).size, 12)
  for (const r of rows) assert.equal(r.variant_key === 'story-first' ? 'story-first' : 'default', seen.get(r.visitor_id), 'the exposure names the variant shown')

  await stopExperiment(ctx(), e.id)
  const story = [...seen].find(([, l]) => l === 'story-first')![0]
  assert.equal(layoutOf((await get(t.app, story)).body), 'default', 'stopped: everyone sees the default page again')
})

test('an exposure is recorded once per visitor and session; bots and visitors outside the targeting are not measured', async () => {
  const e = await saveExperiment(ctx(), {
    key: 'reassurance-gp', name: 'Réassurance', kind: 'experiment', surface: 'product_text', primaryMetric: 'conversion', targeting: { markets: ['FR-MAINLAND'], devices: [], visitor: 'all' },
    variants: [{ key: 'control', name: 'Témoin', weight: 0, config: {} }, { key: 'b', name: 'B', weight: 100, config: { reassurance: 'Expédié de Guadeloupe sous 48 h' } }],
  })
  await startExperiment(ctx(), e.id)
  const vid = visitor(100)
  for (let i = 0; i < 3; i++) {
    const page = await get(t.app, vid, 's_session-one-abcdef')
    assert.match(page.body, /Expédié de Guadeloupe sous 48 h/)
  }
  assert.equal((await exposures(e.key)).length, 1, 'three views of one session: one exposure')
  await get(t.app, vid, 's_session-two-abcdef')
  assert.equal((await exposures(e.key)).length, 2, 'a new session: a new exposure')

  // a crawler sees the control and is not counted
  const bot = await t.app.inject({ method: 'GET', url: productUrl, headers: { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' } })
  assert.doesNotMatch(bot.body, /Expédié de Guadeloupe/)
  // a Guadeloupe shopper is outside the targeting: control, no exposure
  const gp = await get(t.app, visitor(101), undefined, { cookie: `lakou_consent=${consent}; lakou_vid=${visitor(101)}; lakou_market=GP` })
  assert.doesNotMatch(gp.body, /Expédié de Guadeloupe/)
  assert.equal((await exposures(e.key)).length, 2)
  await stopExperiment(ctx(), e.id)
  clearRunningExperiments()
})

test('the free-shipping banner shows only a threshold the shipping rates really apply in the market', async () => {
  const e = await saveExperiment(ctx(), {
    key: 'bandeau-livraison', name: 'Bandeau', kind: 'experiment', surface: 'free_shipping_banner', primaryMetric: 'conversion',
    variants: [{ key: 'control', name: 'Sans bandeau', weight: 0, config: { banner: 'none' } }, { key: 'amount', name: 'Montant', weight: 100, config: { banner: 'amount' } }],
  })
  await startExperiment(ctx(), e.id)
  const threshold = await sql<{ cents: number; market: string }>`SELECT min(free_above_gross)::int AS cents, destination_zone AS market FROM shipping_rates WHERE free_above_gross IS NOT NULL GROUP BY 2`.execute(t.database.db)
  for (const market of ['FR-MAINLAND', 'GP']) {
    const page = await get(t.app, visitor(200), undefined, { cookie: `lakou_consent=${consent}; lakou_vid=${visitor(200)}; lakou_market=${market}` })
    const expected = threshold.rows.find((r) => r.market === market)
    if (!expected) assert.doesNotMatch(page.body, /free-shipping-banner/)
    else assert.match(page.body, new RegExp(`Livraison offerte dès ${String(expected.cents / 100)}`))
  }
  await stopExperiment(ctx(), e.id)
})

test('a search-ranking test lists results in the variant’s order and records the exposure; the default order is untouched', async () => {
  const { postgresSearchEngine } = await import('../../src/modules/search/index.ts')
  const request = { query: 'rhum', locale: 'fr' as const, market: 'FR-MAINLAND', filters: {}, sort: 'relevance' as const, page: 1, perPage: 24, log: false }
  const plain = await postgresSearchEngine.search(ctx(), request)
  const newest = await postgresSearchEngine.search(ctx(), { ...request, ranking: 'newest_first' })
  assert.ok(plain.kind === 'results' && newest.kind === 'results' && plain.total > 1)
  assert.deepEqual([...newest.productIds].sort(), [...plain.productIds].sort(), 'same results, maybe another order')
  const e = await saveExperiment(ctx(), {
    key: 'recherche-nouveautes', name: 'Nouveautés d’abord', kind: 'experiment', surface: 'search_ranking', primaryMetric: 'conversion',
    variants: [{ key: 'control', name: 'Témoin', weight: 0, config: { ranking: 'default' } }, { key: 'newest', name: 'Nouveautés', weight: 100, config: { ranking: 'newest_first' } }],
  })
  await startExperiment(ctx(), e.id)
  const page = await t.app.inject({ method: 'GET', url: '/fr/search?q=rhum', headers: { 'user-agent': UA, cookie: `lakou_consent=${consent}; lakou_vid=${visitor(300)}` } })
  assert.equal(page.statusCode, 200)
  assert.equal(page.headers['x-page-cache'], undefined)
  const slugs = await sql<{ id: string; slug_fr: string }>`SELECT id, slug_fr FROM products WHERE id = ANY(${newest.productIds}::text[])`.execute(t.database.db)
  const positions = newest.productIds.map((id) => page.body.indexOf(`/fr/p/${slugs.rows.find((r) => r.id === id)!.slug_fr}`))
  assert.ok(positions.every((p, i) => p > 0 && (i === 0 || p > positions[i - 1]!)), 'the page lists the products in the newest-first order')
  assert.deepEqual((await exposures(e.key)).map((r) => r.variant_key), ['newest'])
  await stopExperiment(ctx(), e.id)
})
