import type { Locale, Market } from '../../kernel/ctx.ts'
import { formatMoney, type Money } from '../../kernel/money.ts'
import { INTL_LOCALE, translator, type T } from '../i18n/index.ts'

/** What every storefront view needs besides its own data. */
export type PageContext = Readonly<{
  locale: Locale
  market: Market
  t: T
  /** absolute origin for canonical URLs, sitemap and Open Graph (config.publicUrl) */
  publicUrl: string
  /** path of this page (no query) in the current locale */
  path: string
  /** path and query of this request, where the market switch sends the shopper back; defaults to `path` */
  url?: string
  /** the same page in each locale, for hreflang and the language switch */
  alternates: Partial<Record<Locale, string>>
  /** fingerprinted asset URLs */
  asset: (name: string) => string
}>

export function pageContext(input: Omit<PageContext, 't'>): PageContext {
  return { ...input, t: translator(input.locale) }
}

/** "27,90 €" in French, "€27.90" in English. */
export const money = (ctx: PageContext, m: Money): string => formatMoney(m, INTL_LOCALE[ctx.locale])

/** "1 000" / "1,000", "50" / "50", "0,75" / "0.75" with the locale's separators. */
export const num = (ctx: PageContext, n: number): string => new Intl.NumberFormat(INTL_LOCALE[ctx.locale], { maximumFractionDigits: 2 }).format(n)

/** Site paths shared with the search autocomplete (keep them in step with the search module). */
export const paths = {
  home: (l: Locale) => `/${l}/`,
  product: (l: Locale, slug: string) => `/${l}/p/${slug}`,
  category: (l: Locale, path: string) => `/${l}/c/${path}`,
  producers: (l: Locale) => (l === 'fr' ? '/fr/producteurs' : '/en/producers'),
  producer: (l: Locale, slug: string) => `${paths.producers(l)}/${slug}`,
  collection: (l: Locale, slug: string) => `/${l}/collections/${slug}`,
  search: (l: Locale) => `/${l}/search`,
  legal: (l: Locale, page: LegalPage) => `/${l}/legal/${page}`,
}

export const LEGAL_PAGES = ['terms', 'notice', 'privacy', 'withdrawal'] as const
export type LegalPage = (typeof LEGAL_PAGES)[number]
