import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { systemCtx } from '../kernel/ctx.ts'
import type { Database, Db } from '../kernel/db/client.ts'
import { newId } from '../kernel/ids.ts'
import { basisPointsFromPercent, centsFromDecimal } from '../kernel/money.ts'
import { createPromoCode } from '../modules/promotions/index.ts'
import { clearShippingCache } from '../modules/shipping/index.ts'
import { shippingDb } from '../modules/shipping/tables.ts'
import { SEED_DIR } from './load-demo-market.ts'

/** data/seed/shipping.json and promotions.json → shipping methods, rates, brackets and promo codes. */
const Weekdays = z.array(z.number().int().min(1).max(7)).min(1)
const ShippingFile = z.object({
  origins: z.record(z.string(), z.object({ timezone: z.string() })),
  methods: z.array(
    z.object({
      code: z.string(),
      carrier: z.string(),
      service: z.string(),
      name: z.object({ fr: z.string(), en: z.string() }),
      express: z.boolean(),
      maxParcelWeightG: z.number().int().positive(),
      position: z.number().int(),
      rates: z.array(
        z.object({
          origin: z.string(),
          zone: z.string(),
          cutoff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
          handlingDays: z.number().int().min(0),
          transitDays: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
          shipWeekdays: Weekdays,
          deliveryWeekdays: Weekdays,
          freeAboveEur: z.number().nonnegative().nullable(),
          brackets: z.array(z.object({ maxWeightG: z.number().int().positive(), priceEur: z.number().nonnegative() })).min(1),
        }),
      ),
    }),
  ),
})
const PromotionsFile = z.object({
  codes: z.array(
    z.object({
      code: z.string(),
      kind: z.enum(['PERCENT', 'FIXED', 'FREE_SHIPPING']),
      value: z.number().nonnegative(),
      minGoodsEur: z.number().nonnegative(),
      usageLimit: z.number().int().positive().nullable(),
      perCustomerLimit: z.number().int().positive().nullable(),
      markets: z.array(z.string()),
      startsAt: z.iso.datetime({ offset: true }),
      endsAt: z.iso.datetime({ offset: true }).nullable(),
      label: z.object({ fr: z.string(), en: z.string() }),
    }),
  ),
})

export function readShippingPromotionsFiles(dir = SEED_DIR) {
  const read = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))
  return { shipping: ShippingFile.parse(read('shipping.json')), promotions: PromotionsFile.parse(read('promotions.json')) }
}

/** After-seed step: loads both files in one transaction. */
export async function loadShippingPromotions(database: Database, files = readShippingPromotionsFiles()): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    await loadShipping(trx, files.shipping)
    const ctx = systemCtx(trx, 'seed')
    for (const p of files.promotions.codes) {
      const value = p.kind === 'PERCENT' ? basisPointsFromPercent(p.value) : p.kind === 'FIXED' ? centsFromDecimal(p.value) : 0
      const r = await createPromoCode(ctx, {
        code: p.code,
        kind: p.kind,
        value,
        minGoodsGross: centsFromDecimal(p.minGoodsEur),
        startsAt: new Date(p.startsAt),
        endsAt: p.endsAt ? new Date(p.endsAt) : null,
        usageLimit: p.usageLimit,
        perCustomerLimit: p.perCustomerLimit,
        markets: p.markets,
        label: p.label,
      })
      if (!r.ok) throw new Error(`promotions.json: ${p.code} is listed twice`)
    }
  })
  clearShippingCache()
}

async function loadShipping(trx: Db, file: z.infer<typeof ShippingFile>): Promise<void> {
  const db = shippingDb(trx)
  for (const m of file.methods) {
    await db.insertInto('shipping_methods').values({ id: newId('shm'), code: m.code, carrier: m.carrier, service: m.service, name_fr: m.name.fr, name_en: m.name.en, express: m.express, max_parcel_weight_g: m.maxParcelWeightG, position: m.position }).execute()
    for (const r of m.rates) {
      const timezone = file.origins[r.origin]?.timezone
      if (!timezone) throw new Error(`shipping.json: ${m.code} leaves ${r.origin}, which has no time zone in "origins"`)
      const [h, min] = r.cutoff.split(':').map(Number)
      const id = newId('shr')
      await db
        .insertInto('shipping_rates')
        .values({
          id,
          method_code: m.code,
          origin_territory: r.origin,
          destination_zone: r.zone,
          free_above_gross: r.freeAboveEur === null ? null : centsFromDecimal(r.freeAboveEur),
          handling_days: r.handlingDays,
          cutoff_minute: h! * 60 + min!,
          timezone,
          transit_days_min: r.transitDays[0],
          transit_days_max: r.transitDays[1],
          ship_weekdays: r.shipWeekdays,
          delivery_weekdays: r.deliveryWeekdays,
        })
        .execute()
      await db.insertInto('shipping_rate_brackets').values(r.brackets.map((b) => ({ rate_id: id, max_weight_g: b.maxWeightG, price_gross: centsFromDecimal(b.priceEur) }))).execute()
    }
  }
}
