/** Tax: VAT treatment by route, sale rules (DDP/DAP), basket VAT, excise, dated rates. */
export { vatTreatment, MENTION_EXPORT, MENTION_INTRA_EU, UnsupportedTaxRouteError, type Place, type VatTreatment, type VatTreatmentInput, type VatTerritoryKind } from './vat-treatment.ts'
export { saleTaxRule, MENTION_IMPORT_VAT_DDP, MENTION_DAP, type SaleTaxRule } from './sale-tax-rule.ts'
export { computeBasketTax, mergeByRate, UnknownTaxCategoryError, type BasketLine, type BasketTax, type TaxedLine, type RatePart, type TaxCategoryRates } from './basket-tax.ts'
export { exciseForLine, tariffAt, MissingTariffError, type ExciseAmounts, type ExciseGoods, type ExciseScope, type ExciseTariffRow } from './excise.ts'
/** Rates, tariffs and places in force, read from the dated tables. */
export { vatRatesByTerritory, exciseTariffs, taxPlaces } from './load-tax-tables.ts'
