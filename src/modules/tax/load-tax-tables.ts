import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { ttlCache } from '../../kernel/ttl-cache.ts'
import type { ExciseTariffRow } from './excise.ts'
import type { TaxCategoryRates } from './basket-tax.ts'
import type { Place, VatTerritoryKind } from './vat-treatment.ts'
import { taxDb } from './tables.ts'

/**
 * Rates and tariffs are dated rows (a change is a new row): these read what is in force on
 * a day. Cached for a minute per day: every checkout step prices the basket.
 */
/** Every territory's rates in force on a day (one query, cached): territory → category → bp. */
export async function vatRatesByTerritory(ctx: Ctx, day: string): Promise<ReadonlyMap<string, TaxCategoryRates>> {
  return allRatesCache.get(ctx.db, day, async () => {
    const rows = await taxDb(ctx.db)
      .selectFrom('vat_rates')
      .select(['territory_code', 'vat_category_code', 'rate_bp'])
      .where('valid_from', '<=', day)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', day)]))
      .orderBy('valid_from')
      .execute()
    const out = new Map<string, Record<string, number>>()
    for (const r of rows) {
      const m = out.get(r.territory_code) ?? {}
      m[r.vat_category_code] = r.rate_bp // latest start wins
      out.set(r.territory_code, m)
    }
    return out
  })
}

export async function exciseTariffs(ctx: Ctx): Promise<ExciseTariffRow[]> {
  return tariffCache.get(ctx.db, 'all', async () => {
    const rows = await taxDb(ctx.db).selectFrom('excise_tariffs').select(['code', 'scope', 'cents_per_hl_pure_alcohol', 'valid_from', 'valid_to']).execute()
    return rows.map((r) => ({ code: r.code, scope: r.scope, centsPerHl: r.cents_per_hl_pure_alcohol, validFrom: day(r.valid_from), validTo: r.valid_to === null ? null : day(r.valid_to) }))
  })
}

/** Tax places (territory code + VAT territory kind) by code. */
export async function taxPlaces(ctx: Ctx): Promise<Map<string, Place>> {
  return placesCache.get(ctx.db, 'all', async () => {
    const rows = await taxDb(ctx.db).selectFrom('territories').select(['code', 'vat_territory']).execute()
    return new Map(rows.map((r) => [r.code, { code: r.code, vatTerritory: r.vat_territory as VatTerritoryKind }]))
  })
}

const day = isoDay
const allRatesCache = ttlCache<ReadonlyMap<string, TaxCategoryRates>>(60_000)
const tariffCache = ttlCache<ExciseTariffRow[]>(60_000)
const placesCache = ttlCache<Map<string, Place>>(60_000)
