import { sql } from 'kysely'
import { DEFAULT_MARKET, type Ctx } from '../../kernel/ctx.ts'
import { catalogDb } from './tables.ts'
import type { PriceRow, PriceSet } from './variant-record.ts'

/** B2B prices are net, for mainland business buyers. */
export const B2B_MARKET = DEFAULT_MARKET

/** The rows a variant's price set is stored as (COST in its existing market, else the product's origin). */
export function priceRowsOf(variantId: string, p: Pick<PriceSet, 'retail' | 'b2b' | 'cost'>, costMarket: string): PriceRow[] {
  const rows: PriceRow[] = Object.entries(p.retail)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([market, amount]) => ({ variant_id: variantId, price_list: 'RETAIL', market, amount }))
  if (p.b2b !== null) rows.push({ variant_id: variantId, price_list: 'B2B', market: B2B_MARKET, amount: p.b2b })
  if (p.cost !== null) rows.push({ variant_id: variantId, price_list: 'COST', market: costMarket, amount: p.cost })
  return rows
}

const keyOf = (r: PriceRow) => `${r.variant_id}|${r.price_list}|${r.market}`
const CHUNK = 1000

/**
 * Brings stored prices to the wanted ones for many variants in a few statements: rows no longer
 * wanted are deleted, new or changed ones upserted (valid_from = now), unchanged ones left alone.
 * Returns how many rows changed.
 */
export async function writePriceChanges(ctx: Ctx, current: readonly PriceRow[], wanted: readonly PriceRow[]): Promise<number> {
  const before = new Map(current.map((r) => [keyOf(r), r]))
  const after = new Map(wanted.map((r) => [keyOf(r), r]))
  const gone = current.filter((r) => !after.has(keyOf(r)))
  const upserts = wanted.filter((r) => before.get(keyOf(r))?.amount !== r.amount)
  for (let i = 0; i < gone.length; i += CHUNK) {
    const tuples = gone.slice(i, i + CHUNK).map((r) => sql`(${r.variant_id}, ${r.price_list}, ${r.market})`)
    await sql`delete from variant_prices where (variant_id, price_list, market) in (${sql.join(tuples)})`.execute(ctx.db)
  }
  for (let i = 0; i < upserts.length; i += CHUNK) {
    await catalogDb(ctx.db)
      .insertInto('variant_prices')
      .values(upserts.slice(i, i + CHUNK).map((r) => ({ ...r, currency: 'EUR', tax_included: r.price_list === 'RETAIL', valid_from: ctx.now })))
      .onConflict((oc) => oc.columns(['variant_id', 'price_list', 'market']).doUpdateSet((eb) => ({ amount: eb.ref('excluded.amount'), valid_from: eb.ref('excluded.valid_from') })))
      .execute()
  }
  return gone.length + upserts.length
}
