import { divRound } from '../../kernel/money.ts'

/**
 * Alcohol excise and the social-security contribution (CSS) of one order line.
 * Formula (DOMAIN.md §2.2): tariff (€/hl of pure alcohol) × litres of pure alcohol, with
 * litres of pure alcohol = volume × ABV. Both are part of the VAT base.
 * - The reduced mainland tariff for traditional DOM rum needs the GI/traditional flag and
 *   ABV ≥ 40 %, and ends on 31 Dec 2027 (Council decision (EU) 2020/1791); otherwise the
 *   full spirits tariff applies (flavoured rums, punches, liqueurs, rum under 40 %).
 * - CSS applies only above 18 % vol. — a strict test: 18.0 % pays none (CSS L245-9).
 * - Tariffs are dated rows (table excise_tariffs), chosen by the date of release for consumption.
 */
export type ExciseTariffRow = { code: string; scope: 'mainland' | 'gp_local' | 'css'; centsPerHl: number; validFrom: string; validTo: string | null }

export type ExciseGoods = {
  exciseCategory: string | null
  domRumReducedRateEligible: boolean
  abv: number | null
  /** litres of pure alcohol in one sellable unit */
  pureAlcoholL: number | null
}

/** Where the goods are released for consumption: mainland tariff, Guadeloupe local tariff, or none (export, suspension). */
export type ExciseScope = 'mainland' | 'gp_local' | 'none'

export type ExciseAmounts = { excise: number; css: number; tariffCode: string | null }

export const DOM_RUM_REDUCED_RATE_END = '2027-12-31'
const CSS_CODE = 'CSS_STRONG_ALCOHOL'

export class MissingTariffError extends Error {}

/** The tariff in force on `date` (ISO day): the latest row started on or before it and not ended. */
export function tariffAt(rows: readonly ExciseTariffRow[], code: string, scope: ExciseTariffRow['scope'], date: string): number {
  const row = rows
    .filter((r) => r.code === code && r.scope === scope && r.validFrom <= date && (r.validTo === null || date < r.validTo))
    .sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0]
  if (!row) throw new MissingTariffError(`no ${scope} excise tariff for ${code} on ${date}`)
  return row.centsPerHl
}

export function exciseForLine(goods: ExciseGoods, quantity: number, scope: ExciseScope, tariffs: readonly ExciseTariffRow[], date: string): ExciseAmounts {
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new RangeError('quantity must be a non-negative integer')
  if (scope === 'none' || !goods.exciseCategory || goods.pureAlcoholL === null || goods.abv === null) return { excise: 0, css: 0, tariffCode: null }
  const reducedRum = goods.exciseCategory === 'DOM_TRADITIONAL_RUM' && goods.domRumReducedRateEligible && goods.abv >= 40 && date <= DOM_RUM_REDUCED_RATE_END
  const code = reducedRum || (scope === 'gp_local' && goods.exciseCategory === 'DOM_TRADITIONAL_RUM') ? 'DOM_TRADITIONAL_RUM' : 'SPIRITS_OTHER'
  const microlitres = Math.round(goods.pureAlcoholL * 1_000_000) * quantity
  // cents per hectolitre × µl / (10^8 µl per hl)
  const excise = divRound(tariffAt(tariffs, code, scope, date) * microlitres, 100_000_000)
  const css = goods.abv > 18 ? divRound(tariffAt(tariffs, CSS_CODE, 'css', date) * microlitres, 100_000_000) : 0
  return { excise, css, tariffCode: code }
}
