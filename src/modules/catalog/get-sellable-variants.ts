import { sql } from 'kysely'
import type { Ctx, Locale } from '../../kernel/ctx.ts'

/**
 * What the checkout needs to sell a variant in a market: its consumer price (TTC of the
 * market's list), tax and shipping classes, weights and the flags that drive the rules
 * (age, perishable, made to order, excise). Only variants a shopper may buy are returned:
 * active variant, active product of an active producer, with a retail price in the market.
 */
export type SellableVariant = {
  variantId: string
  productId: string
  sku: string
  name: string
  productSlug: string
  unitGross: number
  taxCategory: string
  /** composite gift box: parts with their own tax category, weighted by standalone value */
  components: { taxCategory: string; weight: number }[] | null
  shippingClass: string
  grossWeightG: number
  glass: boolean
  allowedZones: string[]
  madeToOrder: boolean
  leadTimeDays: number
  ageRestricted: boolean
  minAge: number | null
  perishable: boolean
  originTerritory: string | null
  exciseCategory: string | null
  abv: number | null
  pureAlcoholL: number | null
  domRumReducedRateEligible: boolean
  b2bOnly: boolean
}

type Row = {
  variant_id: string; product_id: string; sku: string; name: string; slug: string; amount: number; vat_category_code: string; components: unknown
  shipping_class_code: string; gross_weight_g: number; glass: boolean; allowed_zones: string[]; made_to_order: boolean; lead_time_days: number
  age_restricted: boolean; min_age: number | null; perishable: boolean; origin_territory: string | null; excise_category_code: string | null
  abv: number | null; pure_alcohol_l: number | null; dom_rum_reduced_rate_eligible: boolean; b2b_only: boolean
}

export async function getSellableVariants(ctx: Ctx, input: { variantIds: readonly string[]; market: string; locale: Locale }): Promise<Map<string, SellableVariant>> {
  const out = new Map<string, SellableVariant>()
  if (input.variantIds.length === 0) return out
  const fr = input.locale === 'fr'
  const rows = await sql<Row>`
    SELECT v.id AS variant_id, p.id AS product_id, v.sku, ${fr ? sql.ref('v.name_fr') : sql.ref('v.name_en')} AS name,
           ${fr ? sql.ref('p.slug_fr') : sql.ref('p.slug_en')} AS slug, pr.amount, p.vat_category_code, v.components,
           p.shipping_class_code, v.gross_weight_g, v.glass, v.allowed_zones, v.made_to_order, v.lead_time_days,
           p.age_restricted, p.min_age, p.perishable, p.origin_territory, v.excise_category_code, v.abv, v.pure_alcohol_l,
           v.dom_rum_reduced_rate_eligible, v.b2b_only
      FROM product_variants v
      JOIN products p ON p.id = v.product_id AND p.status = 'ACTIVE'
      JOIN producers o ON o.id = p.producer_id AND o.status = 'ACTIVE'
      JOIN variant_prices pr ON pr.variant_id = v.id AND pr.price_list = 'RETAIL' AND pr.market = ${input.market}
     WHERE v.id = ANY(${input.variantIds as string[]}) AND v.status = 'ACTIVE'`.execute(ctx.db)
  for (const r of rows.rows) {
    out.set(r.variant_id, {
      variantId: r.variant_id, productId: r.product_id, sku: r.sku, name: r.name, productSlug: r.slug, unitGross: r.amount,
      taxCategory: r.vat_category_code, components: componentShares(r.components), shippingClass: r.shipping_class_code,
      grossWeightG: r.gross_weight_g, glass: r.glass, allowedZones: r.allowed_zones, madeToOrder: r.made_to_order,
      leadTimeDays: r.lead_time_days, ageRestricted: r.age_restricted, minAge: r.min_age, perishable: r.perishable,
      originTerritory: r.origin_territory, exciseCategory: r.excise_category_code, abv: r.abv, pureAlcoholL: r.pure_alcohol_l,
      domRumReducedRateEligible: r.dom_rum_reduced_rate_eligible, b2bOnly: r.b2b_only,
    })
  }
  return out
}

type Component = { vatCategory?: unknown; qty?: unknown; standaloneRetailTtcFrMainland?: unknown; costHtEur?: unknown }

/**
 * A gift box's components weigh by their standalone consumer price; packaging, which has
 * none, by its cost (DOMAIN.md §1.2: split by component value). Boxes whose parts share one
 * tax category need no split (null).
 */
function componentShares(raw: unknown): { taxCategory: string; weight: number }[] | null {
  if (!Array.isArray(raw)) return null
  const parts = (raw as Component[])
    .filter((c) => typeof c.vatCategory === 'string')
    .map((c) => {
      const euros = typeof c.standaloneRetailTtcFrMainland === 'number' ? c.standaloneRetailTtcFrMainland : typeof c.costHtEur === 'number' ? c.costHtEur : 0
      return { taxCategory: c.vatCategory as string, weight: Math.round(euros * 100) * (typeof c.qty === 'number' ? c.qty : 1) }
    })
    .filter((c) => c.weight > 0)
  return new Set(parts.map((p) => p.taxCategory)).size > 1 ? parts : null
}
