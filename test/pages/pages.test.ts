import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { testApp, TEST_PUBLIC_URL, type TestApp } from '../helpers/test-app.ts'
import { canonicalOf, hreflangs, jsonLd, mainText, productLinks, productSlugsBySku, titleOf } from './page-helpers.ts'

let t: TestApp
before(async () => {
  t = await testApp()
})
after(async () => t.close())

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers })
const HEALTH_FR = "L'abus d'alcool est dangereux pour la santé, à consommer avec modération."

test('home in French and English: title, canonical, hreflang, minors banner, products, categories and producers', async () => {
  const fr = await get('/fr/')
  assert.equal(fr.statusCode, 200)
  assert.match(String(fr.headers['content-type']), /text\/html/)
  assert.equal(titleOf(fr.body), 'Lakou — produits de petits producteurs de Guadeloupe')
  assert.equal(canonicalOf(fr.body), `${TEST_PUBLIC_URL}/fr/`)
  assert.deepEqual(hreflangs(fr.body), { fr: `${TEST_PUBLIC_URL}/fr/`, en: `${TEST_PUBLIC_URL}/en/`, 'x-default': `${TEST_PUBLIC_URL}/fr/` })
  assert.match(fr.body, /<p class="minors-banner"[^>]*>La vente d'alcool aux mineurs est interdite\.<\/p>/)
  assert.ok(productLinks(fr.body).length >= 8, 'new arrivals and favourites link to products')
  assert.match(fr.body, /href="\/fr\/c\/rhums"/)
  assert.match(fr.body, /href="\/fr\/producteurs\/distillerie-anse-cascade"/)
  assert.match(fr.body, /<html lang="fr">/)
  const en = await get('/en/')
  assert.equal(titleOf(en.body), 'Lakou — products of small Guadeloupe producers')
  assert.match(en.body, /<html lang="en">/)
  assert.match(en.body, /href="\/en\/c\/rums"/)
  assert.match(en.body, /The sale of alcohol to minors is prohibited\./)
})

test('product page: Product and Offer JSON-LD with the market price, breadcrumb, hreflang to the other language', async () => {
  const slugs = await productSlugsBySku(t, 'ACS-RHB50-100')
  const res = await get(`/fr/p/${slugs.fr}`)
  assert.equal(res.statusCode, 200)
  assert.match(titleOf(res.body), /^Rhum blanc agricole 50 % vol\. — Distillerie Anse-Cascade \| Lakou$/)
  assert.equal(canonicalOf(res.body), `${TEST_PUBLIC_URL}/fr/p/${slugs.fr}`)
  assert.equal(hreflangs(res.body).en, `${TEST_PUBLIC_URL}/en/p/${slugs.en}`)
  const [product, breadcrumb] = jsonLd(res.body)
  assert.equal(product?.['@type'], 'Product')
  assert.deepEqual(product?.brand, { '@type': 'Brand', name: 'Distillerie Anse-Cascade' })
  const offers = product?.offers as Record<string, string>[]
  const litre = offers.find((o) => o.sku === 'ACS-RHB50-100')
  assert.equal(litre?.price, '27.90')
  assert.equal(litre?.priceCurrency, 'EUR')
  assert.equal(litre?.availability, 'https://schema.org/InStock')
  assert.equal(litre?.url, `${TEST_PUBLIC_URL}/fr/p/${slugs.fr}`)
  assert.ok(offers.some((o) => o.sku === 'ACS-RHB50-005'), 'the 5 cl miniature is a second offer')
  assert.equal(breadcrumb?.['@type'], 'BreadcrumbList')
  assert.deepEqual((breadcrumb?.itemListElement as { name: string }[]).map((i) => i.name).slice(0, 2), ['Accueil', 'Rhums'])
  // visible: price TTC with the price per litre, stock, withdrawal right, producer story, health message, age notice and dialog
  const text = mainText(res.body)
  assert.match(text, /27,90\s€/)
  assert.match(text, /27,90\s€ \/ L/)
  assert.match(text, /En stock/)
  assert.match(text, /14 jours/)
  assert.match(res.body, /href="\/fr\/legal\/withdrawal"/)
  assert.match(text, /Petite distillerie familiale/)
  assert.ok(res.body.includes(HEALTH_FR), 'health message on a rum page')
  assert.match(res.body, /<dialog class="age-gate"[^>]*aria-labelledby="age-gate-title"/)
  assert.match(res.body, /class="age-notice"/)

  // the same product in Guadeloupe: its GP price list
  const gp = await get(`/fr/p/${slugs.fr}`, { cookie: 'lakou_market=GP' })
  const gpOffer = ((jsonLd(gp.body)[0]?.offers ?? []) as Record<string, string>[]).find((o) => o.sku === 'ACS-RHB50-100')
  assert.equal(gpOffer?.price, '18.50')

  const en = await get(`/en/p/${slugs.en}`)
  assert.equal(en.statusCode, 200)
  assert.match(titleOf(en.body), /^White agricultural rum 50 % ABV — Distillerie Anse-Cascade \| Lakou$/)
  assert.equal(hreflangs(en.body).fr, `${TEST_PUBLIC_URL}/fr/p/${slugs.fr}`)
  assert.match(en.body, /Alcohol abuse is dangerous for your health/)
  assert.match(en.body, /€27\.90/)
})

test('a jam page has no health message and no age gate; nutrition table is shown', async () => {
  const slugs = await productSlugsBySku(t, 'DKR-CNF-GOY-220')
  const res = await get(`/fr/p/${slugs.fr}`)
  assert.equal(res.statusCode, 200)
  assert.ok(!res.body.includes("abus d'alcool"), 'no health message for a jam')
  assert.ok(!res.body.includes('age-gate'), 'no age gate for a jam')
  assert.match(res.body, /<table class="nutrition">/)
})

test('the nougat shows its allergen (peanuts) highlighted before purchase', async () => {
  const slugs = await productSlugsBySku(t, 'LMD-NOU-PIS-150')
  const fr = await get(`/fr/p/${slugs.fr}`)
  assert.match(fr.body, /<strong class="allergen">arachides \(cacahuètes\)<\/strong>/)
  const en = await get(`/en/p/${slugs.en}`)
  assert.match(en.body, /<strong class="allergen">peanuts<\/strong>/)
})

test('a product not sold in the market says so and offers nothing in JSON-LD; flowers have no withdrawal right', async () => {
  const plant = await productSlugsBySku(t, 'FPB-ANT-POT')
  const res = await get(`/fr/p/${plant.fr}`)
  assert.equal(res.statusCode, 200)
  assert.match(mainText(res.body), /Non vendu dans votre zone de livraison/)
  assert.equal(jsonLd(res.body)[0]?.offers, undefined)
  assert.match(mainText(res.body), /Pas de droit de rétractation/)
})

test('category page: facets with counts, breadcrumb JSON-LD, age gate on rums, sorting by price really sorts', async () => {
  const res = await get('/fr/c/rhums')
  assert.equal(res.statusCode, 200)
  assert.equal(titleOf(res.body), 'Rhums — Lakou')
  assert.equal(canonicalOf(res.body), `${TEST_PUBLIC_URL}/fr/c/rhums`)
  assert.equal(hreflangs(res.body).en, `${TEST_PUBLIC_URL}/en/c/rums`)
  assert.equal(jsonLd(res.body)[0]?.['@type'], 'BreadcrumbList')
  assert.match(res.body, /<dialog class="age-gate"/)
  assert.ok(res.body.includes(HEALTH_FR))
  // facets are links with counts: subcategories link to their pages, producers toggle a filter
  assert.match(res.body, /<a href="\/fr\/c\/rhums\/rhums-blancs" rel="nofollow" class="facet">[\s\S]*?Rhums blancs \(\d+\)/)
  const producerFacet = /<a href="(\/fr\/c\/rhums\?producer=[^"]+)" rel="nofollow" class="facet">[\s\S]*?Distillerie Anse-Cascade \((\d+)\)/.exec(res.body)
  assert.ok(producerFacet, 'producer facet with a count')
  const filtered = await get(producerFacet[1]!.replace(/&amp;/g, '&'))
  assert.equal(filtered.statusCode, 200)
  assert.equal(productLinks(filtered.body).length, Number(producerFacet[2]))
  assert.match(filtered.body, /<meta name="robots" content="noindex, follow"\/>/, 'filtered listings are not indexed')
  assert.match(res.body, /En stock \(\d+\)/)

  const priceOf = async (url: string) => {
    const page = await get(url)
    return [...page.body.matchAll(/<li class="card">[\s\S]*?<span class="amount">(?:à partir de )?([\d\s ,]+)\s?€/g)].map((m) => Number(m[1]!.replace(/[\s  ]/g, '').replace(',', '.')))
  }
  const asc = await priceOf('/fr/c/rhums?sort=price_asc')
  assert.ok(asc.length >= 5)
  assert.deepEqual(asc, [...asc].sort((a, b) => a - b))
  const desc = await priceOf('/fr/c/rhums?sort=price_desc')
  assert.deepEqual(desc, [...desc].sort((a, b) => b - a))
  assert.notDeepEqual(asc, desc)

  const en = await get('/en/c/rums/white-rums')
  assert.equal(en.statusCode, 200)
  assert.equal(titleOf(en.body), 'White rums — Lakou')
  assert.equal(hreflangs(en.body).fr, `${TEST_PUBLIC_URL}/fr/c/rhums/rhums-blancs`)
})

test('a category with filters that match nothing shows the empty state', async () => {
  const res = await get('/fr/c/cafes?price=10000-')
  assert.equal(res.statusCode, 200)
  assert.match(mainText(res.body), /Aucun produit ne correspond à ces filtres\./)
  assert.match(mainText(res.body), /Effacer les filtres/)
})

test('pagination: rel prev/next, page links, a page past the end is a 404', async () => {
  // inflate a department past one page of 24 by copying a product 30 times
  await addCopies('DKR-CNF-GOY-220', 30)
  const first = await get('/fr/c/epicerie-fine')
  assert.equal(first.statusCode, 200)
  assert.equal(productLinks(first.body).filter((h, i, a) => a.indexOf(h) === i).length, 24)
  assert.match(first.body, /<link rel="next" href="http:\/\/lakou\.test\/fr\/c\/epicerie-fine\?page=2"\/>/)
  assert.doesNotMatch(first.body, /<link rel="prev"/)
  const second = await get('/fr/c/epicerie-fine?page=2')
  assert.equal(second.statusCode, 200)
  assert.match(second.body, /<link rel="prev" href="http:\/\/lakou\.test\/fr\/c\/epicerie-fine"\/>/)
  assert.equal(canonicalOf(second.body), `${TEST_PUBLIC_URL}/fr/c/epicerie-fine?page=2`)
  assert.match(titleOf(second.body), /Page 2/)
  const onFirst = new Set(productLinks(first.body))
  assert.ok(productLinks(second.body).every((h) => !onFirst.has(h)), 'page 2 shows other products')
  assert.equal((await get('/fr/c/epicerie-fine?page=40')).statusCode, 404)
})

test('search: results, typo correction notice, indexing rules, facets; empty state lists departments; redirect rule → 302', async () => {
  const res = await get('/fr/search?q=rhum')
  assert.equal(res.statusCode, 200)
  assert.doesNotMatch(res.body, /noindex/, 'the plain results of a query may be indexed')
  assert.match(res.body, /<link rel="canonical" href="http:\/\/lakou\.test\/fr\/search\?q=rhum"\/>/)
  assert.match((await get('/fr/search?q=rhum&sort=price_asc')).body, /<meta name="robots" content="noindex, follow"\/>/, 're-sorted: noindex')
  assert.match((await get('/fr/search?q=zzzzqqqq')).body, /<meta name="robots" content="noindex, follow"\/>/, 'no result: noindex')
  assert.equal(titleOf(res.body), 'Recherche « rhum » — Lakou')
  assert.ok(productLinks(res.body).length >= 5)
  assert.match(res.body, /class="facets"/)
  const typo = await get('/fr/search?q=rhim')
  assert.match(mainText(typo.body), /Résultats pour « rhum »/)
  assert.ok(productLinks(typo.body).length >= 5)
  const none = await get('/fr/search?q=zzzzqqqq')
  assert.equal(none.statusCode, 200)
  assert.match(mainText(none.body), /Aucun produit ne correspond/)
  assert.match(none.body, /href="\/fr\/c\/rhums"/, 'departments suggested')
  const en = await get('/en/search?q=coffee')
  assert.equal(titleOf(en.body), 'Search “coffee” — Lakou')
  assert.ok(productLinks(en.body, 'en').length >= 1)
  const empty = await get('/fr/search')
  assert.equal(empty.statusCode, 200)

  await sql`insert into search_rules (id, action, query, redirect_path) values ('srl_test_redirect', 'REDIRECT', 'cadeau', '/fr/c/coffrets')`.execute(t.database.db)
  const redirect = await get('/fr/search?q=cadeau')
  assert.equal(redirect.statusCode, 302)
  assert.equal(redirect.headers.location, '/fr/c/coffrets')
})

test('producer pages, producers list and collections in both languages', async () => {
  const fr = await get('/fr/producteurs/distillerie-anse-cascade')
  assert.equal(fr.statusCode, 200)
  assert.equal(titleOf(fr.body), 'Distillerie Anse-Cascade, producteur à Capesterre-Belle-Eau — Lakou')
  assert.equal(hreflangs(fr.body).en, `${TEST_PUBLIC_URL}/en/producers/distillerie-anse-cascade`)
  assert.match(mainText(fr.body), /Depuis|1962/)
  assert.ok(productLinks(fr.body).length >= 2)
  assert.ok(fr.body.includes(HEALTH_FR), 'a distillery page shows spirits')
  const en = await get('/en/producers/distillerie-anse-cascade')
  assert.equal(titleOf(en.body), 'Distillerie Anse-Cascade, producer in Capesterre-Belle-Eau — Lakou')
  const list = await get('/en/producers')
  assert.equal(titleOf(list.body), 'Our producers — Lakou')
  assert.equal(hreflangs(list.body).fr, `${TEST_PUBLIC_URL}/fr/producteurs`)
  const collection = /href="(\/fr\/collections\/[^"]+)"/.exec((await get('/fr/')).body)?.[1]
  assert.ok(collection)
  const c = await get(collection)
  assert.equal(c.statusCode, 200)
  assert.match(titleOf(c.body), / — Lakou$/)
  assert.match(hreflangs(c.body).en ?? '', /\/en\/collections\//)
})

test('legal pages exist in both languages with the operator identity, the guarantee box and the model form', async () => {
  const terms = await get('/fr/legal/terms')
  assert.equal(titleOf(terms.body), 'Conditions générales de vente — Lakou')
  assert.match(terms.body, /999 710 007/)
  assert.match(terms.body, /class="legal-box"/)
  assert.match(terms.body, /L221-28/)
  assert.match(terms.body, /médiateur de la consommation/)
  assert.doesNotMatch(terms.body, /ec\.europa\.eu\/consumers\/odr/, 'no link to the closed ODR platform')
  const withdrawal = await get('/fr/legal/withdrawal')
  assert.match(withdrawal.body, /Renoncer au contrat ici/)
  assert.match(withdrawal.body, /Je\/Nous \(\*\) vous notifie/)
  for (const page of ['terms', 'notice', 'privacy', 'withdrawal']) {
    const en = await get(`/en/legal/${page}`)
    assert.equal(en.statusCode, 200, page)
    assert.equal(hreflangs(en.body).fr, `${TEST_PUBLIC_URL}/fr/legal/${page}`)
  }
  assert.equal((await get('/fr/legal/nothing')).statusCode, 404)
})

test('sitemap.xml lists every active product in both languages with alternates; robots.txt', async () => {
  const res = await get('/sitemap.xml')
  assert.equal(res.statusCode, 200)
  assert.match(String(res.headers['content-type']), /application\/xml/)
  const r = await sql<{ slug_fr: string; slug_en: string }>`select slug_fr, slug_en from products where status = 'ACTIVE'`.execute(t.database.db)
  assert.ok(r.rows.length >= 60)
  for (const p of r.rows) {
    assert.ok(res.body.includes(`<loc>${TEST_PUBLIC_URL}/fr/p/${p.slug_fr}</loc>`), p.slug_fr)
    assert.ok(res.body.includes(`<loc>${TEST_PUBLIC_URL}/en/p/${p.slug_en}</loc>`), p.slug_en)
    assert.ok(res.body.includes(`hreflang="en" href="${TEST_PUBLIC_URL}/en/p/${p.slug_en}"`))
  }
  assert.ok(res.body.includes(`<loc>${TEST_PUBLIC_URL}/en/c/rums/white-rums</loc>`))
  assert.ok(res.body.includes(`<loc>${TEST_PUBLIC_URL}/fr/producteurs/distillerie-anse-cascade</loc>`))
  assert.match(res.body, /<loc>http:\/\/lakou\.test\/en\/collections\//)
  const robots = await get('/robots.txt')
  assert.equal(robots.statusCode, 200)
  assert.match(robots.body, /^User-agent: \*$/m)
  assert.match(robots.body, /^Disallow: \/api\/$/m)
  assert.doesNotMatch(robots.body, /search/, 'search pages decide with their own robots meta')
  assert.match(robots.body, /^Sitemap: http:\/\/lakou\.test\/sitemap\.xml$/m)
})

test('unknown product, category, producer, collection: friendly 404 with a search box', async () => {
  for (const url of ['/fr/p/pas-de-produit', '/en/c/nothing', '/fr/c/rhums/nothing', '/fr/producteurs/personne', '/en/collections/none']) {
    const res = await get(url)
    assert.equal(res.statusCode, 404, url)
    assert.match(String(res.headers['content-type']), /text\/html/)
    assert.match(res.body, /<form[^>]*role="search"/)
  }
})

test('bad query parameters are a friendly 400 page, never a 500', async () => {
  for (const url of ['/fr/c/rhums?page=abc', '/fr/c/rhums?page=0', '/fr/c/rhums?sort=foo', '/fr/search?q=rhum&page=-1', '/fr/c/rhums?price=cheap', `/fr/p/${'x'.repeat(150)}`, '/fr/p/Bad%20Slug', `/fr/search?q=${'a'.repeat(150)}`]) {
    const res = await get(url)
    assert.equal(res.statusCode, 400, url)
    assert.match(String(res.headers['content-type']), /text\/html/, url)
    assert.match(titleOf(res.body), /Demande invalide/, url)
  }
  // past the router's parameter limit (200 characters) Fastify answers 414 before any route runs
  assert.equal((await get(`/fr/p/${'x'.repeat(300)}`)).statusCode, 414)
})

test('the market switch keeps the shopper on the page and changes prices', async () => {
  const slugs = await productSlugsBySku(t, 'ACS-RHB50-100')
  const page = await get(`/fr/p/${slugs.fr}`)
  assert.match(page.body, /<form class="market-form" method="post" action="\/market">/)
  assert.match(page.body, new RegExp(`<input type="hidden" name="back" value="/fr/p/${slugs.fr}"/>`))
  // the form carries the visitor's CSRF token, tied to the lakou_csrf cookie the page sets
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? ''
  const cookie = `lakou_csrf=${page.cookies.find((c) => c.name === 'lakou_csrf')?.value}`
  const headers = { 'content-type': 'application/x-www-form-urlencoded', cookie }
  assert.equal((await t.app.inject({ method: 'POST', url: '/market', payload: `market=GP&back=/fr/p/${slugs.fr}`, headers })).statusCode, 403, 'no token: refused')
  const res = await t.app.inject({ method: 'POST', url: '/market', payload: `market=GP&back=/fr/p/${slugs.fr}&_csrf=${token}`, headers })
  assert.equal(res.statusCode, 303)
  assert.equal(res.headers.location, `/fr/p/${slugs.fr}`)
  assert.match(String(res.headers['set-cookie']), /lakou_market=GP/)
})

/** Copies of a product (new ids and slugs) in the same category, then a reindex, to fill more than one page. */
async function addCopies(sku: string, n: number): Promise<void> {
  const db = t.database.db
  await sql`
    with src as (select p.* from products p join product_variants v on v.product_id = p.id where v.sku = ${sku})
    insert into products (id, handle, slug_fr, slug_en, producer_id, category_id, status, name_fr, name_en, vat_category_code, shipping_class_code, food_information, created_at)
    select 'prd_copy' || g, src.handle || '-copy-' || g, src.slug_fr || '-copie-' || g, src.slug_en || '-copy-' || g, src.producer_id, src.category_id, 'ACTIVE',
           src.name_fr || ' copie ' || g, src.name_en || ' copy ' || g, src.vat_category_code, src.shipping_class_code, src.food_information, now() - g * interval '1 minute'
      from src, generate_series(1, ${n}) g`.execute(db)
  await sql`
    with src as (select v.* from product_variants v where v.sku = ${sku})
    insert into product_variants (id, product_id, sku, option_label_fr, option_label_en, name_fr, name_en, net_quantity, net_quantity_unit, gross_weight_g, dimensions_cm)
    select 'var_copy' || g, 'prd_copy' || g, src.sku || '-C' || g, src.option_label_fr, src.option_label_en, src.name_fr, src.name_en, src.net_quantity, src.net_quantity_unit, src.gross_weight_g, src.dimensions_cm
      from src, generate_series(1, ${n}) g`.execute(db)
  await sql`
    insert into variant_prices (variant_id, price_list, market, amount, tax_included)
    select 'var_copy' || g, 'RETAIL', m.market, 500 + g * 10, true from generate_series(1, ${n}) g, (values ('FR-MAINLAND'), ('GP')) m(market)`.execute(db)
  const { postgresSearchEngine } = await import('../../src/modules/search/index.ts')
  const { systemCtx } = await import('../../src/kernel/ctx.ts')
  await postgresSearchEngine.reindex(systemCtx(db, 'test'))
}

test('a large catalogue gets a sitemap index whose files list every product once, each file under 50,000 URLs', async () => {
  const { SINGLE_FILE_PRODUCTS, PRODUCTS_PER_FILE } = await import('../../src/http/pages/seo.routes.ts')
  assert.ok(SINGLE_FILE_PRODUCTS * 2 + 1000 < 50_000 && PRODUCTS_PER_FILE * 2 <= 50_000, 'limits of sitemaps.org')
  const before = (await sql<{ n: number }>`select count(*)::int n from products where status = 'ACTIVE'`.execute(t.database.db)).rows[0]!.n
  const extra = SINGLE_FILE_PRODUCTS + 10 - before
  // clone an existing product row many times (slugs made unique)
  await sql`insert into products (id, handle, slug_fr, slug_en, producer_id, category_id, status, name_fr, name_en, vat_category_code, shipping_class_code, created_at, updated_at)
    select 'prd_sitemap' || lpad(g::text, 6, '0'), 'sm-' || g, 'sm-fr-' || g, 'sm-en-' || g, p.producer_id, p.category_id, 'ACTIVE', p.name_fr, p.name_en, p.vat_category_code, p.shipping_class_code, now(), now()
      from generate_series(1, ${extra}) g, (select * from products order by id limit 1) p`.execute(t.database.db)
  try {
    const index = await get('/sitemap.xml')
    assert.equal(index.statusCode, 200)
    const files = [...index.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!.replace(TEST_PUBLIC_URL, ''))
    assert.deepEqual(files, ['/sitemaps/pages.xml', '/sitemaps/products-1.xml', '/sitemaps/products-2.xml'])
    const seen = new Set<string>()
    for (const f of files.slice(1)) {
      const body = (await get(f)).body
      const locs = [...body.matchAll(/<loc>[^<]*\/fr\/p\/([^<]+)<\/loc>/g)].map((m) => m[1]!)
      assert.ok(locs.length * 2 <= 50_000)
      for (const l of locs) {
        assert.ok(!seen.has(l), `${l} listed twice`)
        seen.add(l)
      }
    }
    assert.equal(seen.size, before + extra, 'every active product appears once across the files')
    const pages = (await get('/sitemaps/pages.xml')).body
    assert.ok(pages.includes(`<loc>${TEST_PUBLIC_URL}/fr/producteurs/distillerie-anse-cascade</loc>`))
    assert.ok(!pages.includes('/fr/p/'), 'products are in the product files only')
    assert.equal((await get('/sitemaps/products-9.xml')).body.includes('/p/'), false, 'past the end: an empty urlset')
  } finally {
    await sql`delete from products where id like 'prd_sitemap%'`.execute(t.database.db)
  }
})
