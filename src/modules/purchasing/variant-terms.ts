import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { isoDay } from '../../kernel/dates.ts'
import { AppError } from '../../kernel/errors.ts'
import { agreementInForce } from '../producers/index.ts'
import { vatRatesByTerritory } from '../tax/index.ts'
import { purchasingDb, type ProducersReadModel, type PurchaseModel } from './tables.ts'

export type ProducerTerms = { producer: ProducersReadModel; model: PurchaseModel }

/** The producer and the model of the agreement in force today; refused without an agreement. */
export async function producerTerms(ctx: Ctx, producerId: string): Promise<ProducerTerms> {
  const producer = await purchasingDb(ctx.db).selectFrom('producers').selectAll().where('id', '=', producerId).executeTakeFirst()
  if (!producer) throw new AppError('VALIDATION_FAILED', 'Choisissez un producteur de la liste.', [{ path: 'producerId', message: 'Choisissez un producteur de la liste.' }])
  const agreement = await agreementInForce(ctx, producerId, isoDay(ctx.now))
  if (!agreement) {
    const message = `Aucun contrat en vigueur avec ${producer.trade_name} : enregistrez d’abord son contrat (achat ou dépôt-vente).`
    throw new AppError('VALIDATION_FAILED', message, [{ path: 'producerId', message }])
  }
  return { producer, model: agreement.model }
}

export type VariantTerms = { variantId: string; sku: string; name: string; packSize: number; defaultUnitCost: number; vatRateBp: number }

/**
 * The producer's variants as purchasing sees them: SKU, name, pack size, the default net unit
 * cost (price list COST, the producer's market first; 0 under consignment) and the VAT rate of the
 * product's category in the producer's territory today. Only variants of this producer come back.
 */
export async function variantTerms(ctx: Ctx, terms: ProducerTerms, variantIds?: readonly string[]): Promise<Map<string, VariantTerms>> {
  let q = purchasingDb(ctx.db)
    .selectFrom('product_variants as v')
    .innerJoin('products as p', 'p.id', 'v.product_id')
    .where('p.producer_id', '=', terms.producer.id)
    .select(['v.id', 'v.sku', 'v.name_fr', 'v.pack_size', 'p.vat_category_code'])
    .select((eb) =>
      eb.selectFrom('variant_prices as c').whereRef('c.variant_id', '=', 'v.id').where('c.price_list', '=', 'COST')
        .select('c.amount').orderBy(sql`c.market = ${terms.producer.territory_code ?? ''}`, 'desc').orderBy('c.market').limit(1).as('cost'),
    )
    .orderBy('p.name_fr').orderBy('v.sku')
  if (variantIds) {
    if (variantIds.length === 0) return new Map()
    q = q.where('v.id', 'in', variantIds)
  }
  const rows = await q.execute()
  const rates = (await vatRatesByTerritory(ctx, isoDay(ctx.now))).get(terms.producer.territory_code ?? 'GP') ?? {}
  return new Map(rows.map((r) => [r.id, {
    variantId: r.id, sku: r.sku, name: r.name_fr, packSize: r.pack_size,
    defaultUnitCost: terms.model === 'CONSIGNMENT' ? 0 : Number(r.cost ?? 0),
    vatRateBp: terms.model === 'CONSIGNMENT' ? 0 : (rates[r.vat_category_code] ?? 0),
  }]))
}
