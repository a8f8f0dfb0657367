import type { Locale, Market } from '../../kernel/ctx.ts'
import { translator, type T } from '../i18n/index.ts'

/** What every storefront view needs besides its own data. */
export type PageContext = Readonly<{
  locale: Locale
  market: Market
  t: T
  /** absolute origin for canonical URLs, sitemap and Open Graph (config.publicUrl) */
  publicUrl: string
  /** path of this page (no query) in the current locale */
  path: string
  /** the same page in each locale, for hreflang and the language switch */
  alternates: Partial<Record<Locale, string>>
  /** fingerprinted asset URLs */
  asset: (name: string) => string
}>

export function pageContext(input: Omit<PageContext, 't'>): PageContext {
  return { ...input, t: translator(input.locale) }
}
