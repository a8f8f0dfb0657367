/**
 * Which VAT treatment a sale gets, from where the goods leave (the warehouse's
 * territory) and where they go, for a consumer or a business: the scenario matrix
 * of DOMAIN.md §1.4, one rule per row.
 *
 * - GP, MQ, RE are inside the EU customs territory but outside the EU VAT territory
 *   (CGI art. 294, BOI-TVA-GEO-20-10): goods leaving them for the mainland, another
 *   member state or the world are exports, exempt (CGI art. 262 I), and pay import VAT
 *   at destination. GP and MQ are not export territories to each other (CGI 294-2).
 * - From the mainland: domestic French VAT; B2B to another member state with the
 *   buyer's VAT number is an exempt intra-EU supply (CGI 262 ter I); B2C distance sales
 *   pay French VAT up to 10 000 € a year of all intra-EU distance sales, then
 *   destination VAT through the OSS; excise goods always pay destination VAT and excise
 *   (customs doctrine on duty-paid distance sales of alcohol). Shipments to the DOM and
 *   to third countries are exports.
 */
export type VatTerritoryKind = 'FR_DOM' | 'FR_METRO' | 'EU_OTHER' | 'THIRD_COUNTRY'
export type Place = { code: string; vatTerritory: VatTerritoryKind }

export type VatTreatment =
  /** VAT of `rateTerritory` (its rates for each tax category) */
  | { kind: 'DOMESTIC'; rateTerritory: string; mention: null }
  /** B2C distance sale in the EU under the threshold: French VAT */
  | { kind: 'EU_DISTANCE_SALE_ORIGIN_VAT'; rateTerritory: 'FR-MAINLAND'; mention: null }
  /** B2C distance sale over the threshold, or of excise goods: VAT of the destination state (OSS) */
  | { kind: 'EU_DISTANCE_SALE_DESTINATION_VAT'; destination: string; mention: null }
  | { kind: 'EXPORT_EXEMPT'; mention: string }
  | { kind: 'INTRA_EU_B2B_EXEMPT'; mention: string }

export type VatTreatmentInput = {
  shipFrom: Place
  shipTo: Place
  customer: 'B2C' | 'B2B'
  /** B2B buyer's intra-EU VAT number, already validated */
  buyerVatNumber?: string | null
  /** the basket holds goods under excise (alcohol) */
  exciseGoods: boolean
  /** intra-EU B2C distance sales of the calendar year so far, this sale included, in cents */
  euDistanceSalesYearCents: number
}

export const EU_DISTANCE_SALES_THRESHOLD_CENTS = 1_000_000 // 10 000 € (CGI 258 A, Directive 2017/2455)
export const MENTION_EXPORT = 'Exonération de TVA, art. 262 I du CGI'
export const MENTION_INTRA_EU = 'Exonération de TVA, art. 262 ter I du CGI'

// GP and MQ form one area for VAT exchanges: a sale between them is not an export (CGI 294-2).
const DOM_SINGLE_MARKET = new Set(['GP', 'MQ'])

export class UnsupportedTaxRouteError extends Error {}

export function vatTreatment(input: VatTreatmentInput): VatTreatment {
  const { shipFrom, shipTo } = input
  const exportExempt: VatTreatment = { kind: 'EXPORT_EXEMPT', mention: MENTION_EXPORT }
  if (shipFrom.vatTerritory === 'FR_DOM') {
    if (shipFrom.code === shipTo.code) return { kind: 'DOMESTIC', rateTerritory: shipFrom.code, mention: null }
    if (DOM_SINGLE_MARKET.has(shipFrom.code) && DOM_SINGLE_MARKET.has(shipTo.code)) return { kind: 'DOMESTIC', rateTerritory: shipFrom.code, mention: null }
    return exportExempt
  }
  if (shipFrom.vatTerritory === 'FR_METRO') {
    switch (shipTo.vatTerritory) {
      case 'FR_METRO':
        return { kind: 'DOMESTIC', rateTerritory: shipFrom.code, mention: null }
      case 'FR_DOM':
      case 'THIRD_COUNTRY':
        return exportExempt
      case 'EU_OTHER':
        if (input.customer === 'B2B' && input.buyerVatNumber) return { kind: 'INTRA_EU_B2B_EXEMPT', mention: MENTION_INTRA_EU }
        if (input.exciseGoods || input.euDistanceSalesYearCents > EU_DISTANCE_SALES_THRESHOLD_CENTS) {
          return { kind: 'EU_DISTANCE_SALE_DESTINATION_VAT', destination: shipTo.code, mention: null }
        }
        return { kind: 'EU_DISTANCE_SALE_ORIGIN_VAT', rateTerritory: 'FR-MAINLAND', mention: null }
    }
  }
  throw new UnsupportedTaxRouteError(`no VAT rule for goods leaving ${shipFrom.code} (${shipFrom.vatTerritory})`)
}
