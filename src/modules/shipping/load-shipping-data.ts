import type { Ctx } from '../../kernel/ctx.ts'
import { ttlCache } from '../../kernel/ttl-cache.ts'
import { rateKey, type ShippingData } from './plan-shipping.ts'
import { shippingDb } from './tables.ts'
import type { Rate } from './types.ts'

// Every checkout step asks for options; methods and rates change a few times a year. They are
// read once a minute per database (staff edits call clearShippingCache for immediate effect).
const cache = ttlCache<ShippingData>(60_000)

/** Forget cached methods and rates (after an edit). */
export function clearShippingCache(): void {
  cache.clear()
}

/** Active methods (display order), their rates with weight brackets, and the classes' allowed zones. */
export function loadShippingData(ctx: Ctx): Promise<ShippingData> {
  return cache.get(ctx.db, 'all', async () => {
    const db = shippingDb(ctx.db)
    const [methods, rates, brackets, classes] = await Promise.all([
      db.selectFrom('shipping_methods').selectAll().where('active', '=', true).orderBy('position').orderBy('code').execute(),
      db.selectFrom('shipping_rates').selectAll().execute(),
      db.selectFrom('shipping_rate_brackets').selectAll().orderBy('rate_id').orderBy('max_weight_g').execute(),
      db.selectFrom('shipping_classes').select(['code', 'allowed_zones']).execute(),
    ])
    const byRate = new Map<string, { maxWeightG: number; priceGross: number }[]>()
    for (const b of brackets) {
      const list = byRate.get(b.rate_id) ?? []
      list.push({ maxWeightG: b.max_weight_g, priceGross: b.price_gross })
      byRate.set(b.rate_id, list)
    }
    const rateMap = new Map<string, Rate>()
    for (const r of rates) {
      rateMap.set(rateKey(r.method_code, r.origin_territory, r.destination_zone), {
        methodCode: r.method_code,
        originTerritory: r.origin_territory,
        zone: r.destination_zone,
        freeAboveGross: r.free_above_gross,
        handlingDays: r.handling_days,
        cutoffMinute: r.cutoff_minute,
        timezone: r.timezone,
        transitDaysMin: r.transit_days_min,
        transitDaysMax: r.transit_days_max,
        shipWeekdays: r.ship_weekdays,
        deliveryWeekdays: r.delivery_weekdays,
        brackets: byRate.get(r.id) ?? [],
      })
    }
    return {
      methods: methods.map((m) => ({ code: m.code, carrier: m.carrier, nameFr: m.name_fr, nameEn: m.name_en, express: m.express, maxParcelWeightG: m.max_parcel_weight_g })),
      rates: rateMap,
      classZones: new Map(classes.map((c) => [c.code, c.allowed_zones])),
    }
  })
}
