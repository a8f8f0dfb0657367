import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import type { GoodsKind } from './agreement-rules.ts'

// Product lines an applicant ticks that mean spirits under excise (before any product exists).
const ALCOHOL_LINES = /^(rhum|rum|punch|liqueur|spiritueux|spirit|vin|biere|shrubb)/

/**
 * What a producer sells as the payment-terms law sees it: alcohol under excise when any of its
 * variants has an excise category (or, with no products yet, it applied with spirits lines);
 * perishable food when a product is perishable and is food (food_information: flowers are not).
 */
export async function goodsKindOf(ctx: Ctx, producerId: string): Promise<GoodsKind> {
  const r = await sql<{ excise: boolean | null; perishable_food: boolean | null; lines: string[] | null }>`
    select (select bool_or(v.excise_category_code is not null) from products p join product_variants v on v.product_id = p.id
             where p.producer_id = ${producerId} and p.status <> 'ARCHIVED' and v.status = 'ACTIVE') as excise,
           (select bool_or(p.perishable and p.food_information is not null) from products p
             where p.producer_id = ${producerId} and p.status <> 'ARCHIVED') as perishable_food,
           (select product_lines from producers where id = ${producerId}) as lines`.execute(ctx.db)
  const row = r.rows[0]
  const hasProducts = row?.excise !== null && row?.excise !== undefined
  const exciseAlcohol = Boolean(row?.excise) || (!hasProducts && (row?.lines ?? []).some((l) => ALCOHOL_LINES.test(l)))
  return { exciseAlcohol, perishableFood: Boolean(row?.perishable_food) }
}
