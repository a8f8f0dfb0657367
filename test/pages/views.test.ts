import { test } from 'node:test'
import assert from 'node:assert/strict'
import { robotsTxt, sitemapXml, urlEntries } from '../../src/http/pages/sitemap-xml.ts'
import { filtersOf, listingHref, toggleValue, type ListingState } from '../../src/web/storefront/listing.ts'
import { exemptionKey } from '../../src/web/storefront/product-page.tsx'
import { jsonLdText } from '../../src/web/storefront/layout.tsx'

const base: ListingState = { category: [], producer: [], commune: [], label: [], inStock: false, sort: 'relevance', page: 1 }

test('listing URLs: defaults left out, facets toggle, any filter change goes back to page 1', () => {
  assert.equal(listingHref('/fr/c/rhums', base), '/fr/c/rhums')
  const s = { ...base, sort: 'price_asc' as const, page: 3 }
  const on = toggleValue(s, 'producer', 'prf_1')
  assert.equal(listingHref('/fr/c/rhums', on), '/fr/c/rhums?producer=prf_1&sort=price_asc')
  assert.equal(listingHref('/fr/c/rhums', toggleValue(on, 'producer', 'prf_1')), '/fr/c/rhums?sort=price_asc')
  assert.equal(listingHref('/fr/search', { ...base, q: 'rhum & co', commune: ['Sainte-Rose'], inStock: true, page: 2 }), '/fr/search?q=rhum+%26+co&commune=Sainte-Rose&in_stock=1&page=2')
  assert.deepEqual(filtersOf({ ...base, price: '1000-2000', label: ['AB_BIO'], inStock: true }), { labels: ['AB_BIO'], priceMin: 1000, priceMax: 2000, inStock: true })
  assert.deepEqual(filtersOf({ ...base, price: '10000-' }), { priceMin: 10000 })
})

test('sitemap entries carry both languages and x-default, XML-escaped', async () => {
  const xml = urlEntries('https://shop.example', { fr: '/fr/p/a&b', en: '/en/p/a&b' }, new Date('2026-02-03T10:00:00Z'))
  assert.equal(xml.match(/<url>/g)?.length, 2)
  assert.match(xml, /<loc>https:\/\/shop\.example\/fr\/p\/a&amp;b<\/loc><lastmod>2026-02-03<\/lastmod>/)
  assert.match(xml, /hreflang="x-default" href="https:\/\/shop\.example\/fr\/p\/a&amp;b"/)
  async function* products() {
    for (let i = 0; i < 3000; i++) yield { id: `p${i}`, slugs: { fr: `produit-${i}`, en: `product-${i}` }, updatedAt: new Date(0) }
  }
  let out = ''
  let chunks = 0
  for await (const c of sitemapXml('https://shop.example', { products: products(), categories: [], producers: [] }, [])) {
    out += c
    chunks++
  }
  assert.ok(chunks > 3, 'products are streamed in several chunks')
  assert.equal(out.match(/<url>/g)?.length, 2 * (3000 + 2 + 4))
  assert.ok(out.endsWith('</urlset>\n'))
  assert.match(robotsTxt('https://shop.example'), /^Sitemap: https:\/\/shop\.example\/sitemap\.xml$/m)
})

test('nutrition exemptions show their legal wording; JSON-LD text cannot end its script', () => {
  assert.equal(exemptionKey('COFFEE (Annex V) — verify'), 'exemption.COFFEE')
  assert.equal(exemptionKey('ALCOHOLIC_BEVERAGE_OVER_1_2_PCT (art. 16(4): …)'), 'exemption.ALCOHOLIC_BEVERAGE_OVER_1_2_PCT')
  assert.equal(exemptionKey('SOMETHING_NEW'), 'exemption.other')
  assert.equal(jsonLdText({ name: '</script><b>&' }), '{"name":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}')
})
