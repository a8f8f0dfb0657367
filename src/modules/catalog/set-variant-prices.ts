import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { notFound } from '../../kernel/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { cents, expectedVersion, invalid, optionalText, parseInput, recordId, type FieldError } from './edit-fields.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { priceRowsOf, writePriceChanges, B2B_MARKET } from './price-writes.ts'
import { bumpProductVersion, lockProductVersion } from './product-record.ts'
import { loadReferenceCodes } from './references.ts'
import { catalogDb } from './tables.ts'
import { readPrices, type PriceRow } from './variant-record.ts'

const nullableCents = (label: string) => cents(label).nullish().transform((n) => n ?? null)

/**
 * All the prices of a variant, in cents: RETAIL per market (tax included; a market left out or
 * null has no price there, so the variant is not sold in it), B2B (net, mainland) and COST (net).
 */
export const SetVariantPricesInput = z.object({
  variantId: recordId('La variante est obligatoire'),
  expectedVersion: expectedVersion(),
  retail: z.record(z.string(), nullableCents('Le prix de vente TTC'), { error: 'Les prix de vente sont donnés par marché' }).default({}),
  b2b: nullableCents('Le prix professionnel HT'),
  cost: nullableCents('Le prix d’achat HT'),
  reason: optionalText('Le motif', 500),
})
export type SetVariantPricesInput = z.input<typeof SetVariantPricesInput>

/**
 * Replaces a variant's prices, with its product's version check (prices are edited on the
 * product page). Unchanged prices keep their valid_from; changed ones start now. Audited.
 */
export async function setVariantPrices(ctx: Ctx, raw: SetVariantPricesInput): Promise<{ productId: string; variantId: string; version: number }> {
  const input = parseInput(SetVariantPricesInput, raw)
  return inTransaction(ctx, async (tx) => {
    const variant = await catalogDb(tx.db)
      .selectFrom('product_variants as v')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .select(['v.id', 'v.product_id', 'p.origin_territory'])
      .where('v.id', '=', input.variantId)
      .executeTakeFirst()
    if (!variant) throw notFound('variant')
    await lockProductVersion(tx, variant.product_id, input.expectedVersion)
    const { markets } = await loadReferenceCodes(tx)
    const retail: Record<string, number> = {}
    const errors: FieldError[] = []
    for (const [market, amount] of Object.entries(input.retail)) {
      if (!markets.includes(market)) errors.push({ path: `retail.${market}`, message: `Marché inconnu : ${market} (marchés : ${markets.join(', ')})` })
      else if (amount !== null) retail[market] = amount
    }
    if (errors.length) invalid(errors)

    const before = (await readPrices(tx, [variant.id])).get(variant.id)!
    const costMarket = before.costMarket ?? variant.origin_territory ?? B2B_MARKET
    const current: PriceRow[] = priceRowsOf(variant.id, before, costMarket)
    const wanted = priceRowsOf(variant.id, { retail, b2b: input.b2b, cost: input.cost }, costMarket)
    await writePriceChanges(tx, current, wanted)
    const version = await bumpProductVersion(tx, variant.product_id)
    const { costMarket: _m, ...was } = before
    await recordAudit(tx, { action: 'catalog.prices_changed', entityType: 'variant', entityId: variant.id, before: was, after: { retail, b2b: input.b2b, cost: input.cost }, reason: input.reason })
    return { productId: variant.product_id, variantId: variant.id, version }
  })
}
