import type { Locale } from '../../kernel/ctx.ts'
import type { SitemapEntries } from '../../modules/catalog/index.ts'
import { LOCALES } from '../../kernel/ctx.ts'
import { LEGAL_PAGES, paths } from '../../web/storefront/page-context.ts'

// sitemap.xml (sitemaps.org 0.9) with hreflang alternates (Google: xhtml:link in sitemaps).
// Built as a stream of small strings: products arrive in batches, so 100,000 products never
// become one giant string or one giant query result.

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')

/** Paths of one page in both languages → one <url> per language, each listing all alternates. */
export function urlEntries(origin: string, byLocale: Record<Locale, string>, lastmod?: Date): string {
  const links = LOCALES.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${escapeXml(origin + byLocale[l])}"/>`).join('') +
    `<xhtml:link rel="alternate" hreflang="x-default" href="${escapeXml(origin + byLocale.fr)}"/>`
  const mod = lastmod ? `<lastmod>${lastmod.toISOString().slice(0, 10)}</lastmod>` : ''
  return LOCALES.map((l) => `<url><loc>${escapeXml(origin + byLocale[l])}</loc>${mod}${links}</url>\n`).join('')
}

export type SitemapCollection = { slugs: { fr: string; en: string } }

/** `pages: false`: only the entries given (a products-N file of a sitemap index). */
export async function* sitemapXml(origin: string, entries: SitemapEntries, collections: SitemapCollection[], opts = { pages: true }): AsyncGenerator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
  if (opts.pages) {
    yield urlEntries(origin, { fr: paths.home('fr'), en: paths.home('en') })
    yield urlEntries(origin, { fr: paths.producers('fr'), en: paths.producers('en') })
    for (const page of LEGAL_PAGES) yield urlEntries(origin, { fr: paths.legal('fr', page), en: paths.legal('en', page) })
  }
  for (const c of entries.categories) yield urlEntries(origin, { fr: paths.category('fr', c.path.fr), en: paths.category('en', c.path.en) })
  for (const p of entries.producers) yield urlEntries(origin, { fr: paths.producer('fr', p.slug), en: paths.producer('en', p.slug) }, p.updatedAt)
  for (const c of collections) yield urlEntries(origin, { fr: paths.collection('fr', c.slugs.fr), en: paths.collection('en', c.slugs.en) })
  let chunk = ''
  for await (const p of entries.products) {
    chunk += urlEntries(origin, { fr: paths.product('fr', p.slugs.fr), en: paths.product('en', p.slugs.en) }, p.updatedAt)
    if (chunk.length > 64 * 1024) {
      yield chunk
      chunk = ''
    }
  }
  yield `${chunk}</urlset>\n`
}

/** A sitemap index: the pages file and one file per slice of products. */
export function sitemapIndexXml(origin: string, productFiles: number): string {
  const files = ['/sitemaps/pages.xml', ...Array.from({ length: productFiles }, (_, i) => `/sitemaps/products-${i + 1}.xml`)]
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${files.map((f) => `<sitemap><loc>${escapeXml(origin + f)}</loc></sitemap>`).join('\n')}\n</sitemapindex>\n`
}

/** robots.txt: everything crawlable but the API (search pages say themselves whether they may be indexed). */
export function robotsTxt(origin: string): string {
  return ['User-agent: *', 'Allow: /', 'Disallow: /api/', '', `Sitemap: ${origin}/sitemap.xml`, ''].join('\n')
}
