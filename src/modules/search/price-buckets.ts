import type { Locale } from '../../kernel/ctx.ts'
import { formatMoney, money } from '../../kernel/money.ts'

/** Upper edges of the price facet buckets, in cents tax included: under 10 €, 10–20 €, … 100 € and more. */
export const PRICE_EDGES = [1000, 2000, 3000, 5000, 10000] as const

export type PriceBucket = { min: number; max: number | null }

/** Bucket number (0 … PRICE_EDGES.length) → bounds: min inclusive, max exclusive (null: open). */
export function bucketBounds(index: number): PriceBucket {
  return { min: index === 0 ? 0 : PRICE_EDGES[index - 1]!, max: index < PRICE_EDGES.length ? PRICE_EDGES[index]! : null }
}

/** The facet value of a bucket: '1000-2000', '10000-' for the open one (SearchFilters priceMin/priceMax). */
export const bucketValue = (b: PriceBucket): string => `${b.min}-${b.max ?? ''}`

const euros = (cents: number, locale: Locale) => formatMoney(money(cents), locale).replace(/[.,]00(?=\D|$)/, '')

/** "Moins de 10 €", "10 € à 20 €", "100 € et plus" / "Under €10", "€10 to €20", "€100 and over". */
export function bucketLabel(b: PriceBucket, locale: Locale): string {
  if (b.min === 0 && b.max !== null) return locale === 'fr' ? `Moins de ${euros(b.max, locale)}` : `Under ${euros(b.max, locale)}`
  if (b.max === null) return locale === 'fr' ? `${euros(b.min, locale)} et plus` : `${euros(b.min, locale)} and over`
  return locale === 'fr' ? `${euros(b.min, locale)} à ${euros(b.max, locale)}` : `${euros(b.min, locale)} to ${euros(b.max, locale)}`
}

/** True when the price filter is exactly this bucket (the shopper clicked it). */
export function bucketSelected(b: PriceBucket, priceMin: number | undefined, priceMax: number | undefined): boolean {
  if (priceMin === undefined && priceMax === undefined) return false
  return (priceMin ?? 0) === b.min && (priceMax ?? null) === b.max
}
