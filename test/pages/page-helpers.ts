import type { TestApp } from '../helpers/test-app.ts'
import { sql } from 'kysely'

/** Small readers of rendered HTML for page tests. */
export const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? ''
export const canonicalOf = (html: string) => /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1] ?? ''
export const hreflangs = (html: string) => Object.fromEntries([...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]))
export const jsonLd = (html: string): Record<string, unknown>[] => [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!))
export const productLinks = (html: string, locale = 'fr') => [...html.matchAll(new RegExp(`href="(/${locale}/p/[^"]+)"`, 'g'))].map((m) => m[1]!)
/** Text of the page's <main>, tags removed, entities left (enough for assertions on words). */
export const mainText = (html: string) => (/<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

export async function productSlugsBySku(t: TestApp, sku: string): Promise<{ fr: string; en: string }> {
  const r = await sql<{ slug_fr: string; slug_en: string }>`select p.slug_fr, p.slug_en from products p join product_variants v on v.product_id = p.id where v.sku = ${sku}`.execute(t.database.db)
  const row = r.rows[0]
  if (!row) throw new Error(`no product for ${sku}`)
  return { fr: row.slug_fr, en: row.slug_en }
}
