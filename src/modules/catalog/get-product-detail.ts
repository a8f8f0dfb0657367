import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { money } from '../../kernel/money.ts'
import { getProducerSummaries } from '../producers/index.ts'
import { foodInformationFrom, stockStatusOf, summarizeOffer, unitPriceOf, type NetQuantityUnit } from './offer-rules.ts'
import { AVAILABLE, categoryRef, categoriesById, IMAGE_JSON, imageRef, LABELS_JSON, loc, type ImageJson } from './queries.ts'
import type { LabelRef, ProductDetail, VariantDetail } from './types.ts'

export type ProductKey = { slug: string } | { id: string }

type VariantJson = {
  id: string
  sku: string
  position: number
  option_label: string
  name: string
  price: number | null
  available: number
  made_to_order: boolean
  net_quantity: number
  unit: NetQuantityUnit
  abv: number | null
  volume_l: number | null
  limited_edition_qty: number | null
  lead_time_days: number
  b2b_only: boolean
  min_order_qty: number
  shelf_life_days: number | null
  vase_life_days: number | null
  season_months: number[] | null
  allowed_zones: string[]
}

type DetailRow = {
  id: string
  handle: string
  slug_fr: string
  slug_en: string
  name: string
  description: string | null
  selling_points: string[]
  producer_id: string
  age_restricted: boolean
  min_age: number | null
  perishable: boolean
  fragile: boolean
  storage: string | null
  origin_territory: string | null
  origin_commune: string | null
  food_information: unknown
  vat_category_code: string
  shipping_class_code: string
  shipping_class_name: string | null
  created_at: Date
  category_id: string
  variants: VariantJson[]
  images: ImageJson[]
  labels: LabelRef[]
}

/**
 * Everything the product page shows, in ctx.locale and ctx.market, found by the slug of the
 * request's language or by id; null when unknown or not ACTIVE. A product without a retail
 * price in the market still has its page (price null: "not sold in your delivery area").
 */
export async function getProductDetail(ctx: Ctx, key: ProductKey): Promise<ProductDetail | null> {
  const match = 'id' in key ? sql`p.id = ${key.id}` : sql`${loc('p', 'slug', ctx.locale)} = ${key.slug}`
  // Category paths come from the cached category rows: a recursive CTE here cost more to plan than to run.
  const [r, categories] = await Promise.all([sql<DetailRow>`
    select p.id, p.handle, p.slug_fr, p.slug_en, ${loc('p', 'name', ctx.locale)} as name, ${loc('p', 'description', ctx.locale)} as description,
           ${loc('p', 'selling_points', ctx.locale)} as selling_points, p.producer_id, p.age_restricted, p.min_age, p.perishable, p.fragile,
           p.storage, p.origin_territory, p.origin_commune, p.food_information, p.vat_category_code, p.shipping_class_code,
           ${loc('sc', 'label', ctx.locale)} as shipping_class_name, p.created_at, p.category_id,
           coalesce((
             select json_agg(json_build_object('id', v.id, 'sku', v.sku, 'position', v.position, 'option_label', ${loc('v', 'option_label', ctx.locale)},
                      'name', ${loc('v', 'name', ctx.locale)}, 'price', vp.amount, 'available', ${AVAILABLE('v')}, 'made_to_order', v.made_to_order,
                      'net_quantity', v.net_quantity, 'unit', v.net_quantity_unit, 'abv', v.abv, 'volume_l', v.volume_l,
                      'limited_edition_qty', v.limited_edition_qty, 'lead_time_days', v.lead_time_days, 'b2b_only', v.b2b_only,
                      'min_order_qty', v.min_order_qty, 'shelf_life_days', v.shelf_life_days, 'vase_life_days', v.vase_life_days,
                      'season_months', v.season_months, 'allowed_zones', v.allowed_zones) order by v.position, v.sku)
               from product_variants v
               left join variant_prices vp on vp.variant_id = v.id and vp.price_list = 'RETAIL' and vp.market = ${ctx.market}
              where v.product_id = p.id and v.status = 'ACTIVE'), '[]'::json) as variants,
           coalesce((select json_agg(${IMAGE_JSON('i')} order by pi.position, i.id) from product_images pi join images i on i.id = pi.image_id
                      where pi.product_id = p.id), '[]'::json) as images,
           ${LABELS_JSON('p', ctx.locale)} as labels
      from products p
      left join shipping_classes sc on sc.code = p.shipping_class_code
     where ${match} and p.status = 'ACTIVE'`.execute(ctx.db), categoriesById(ctx)])
  const row = r.rows[0]
  const category = row && categories.get(row.category_id)
  if (!row || !category) return null
  const producer = (await getProducerSummaries(ctx, [row.producer_id])).get(row.producer_id)
  if (!producer) return null

  const variants = row.variants.map((v): VariantDetail => ({
    id: v.id,
    sku: v.sku,
    optionLabel: v.option_label,
    name: v.name,
    price: v.price === null ? null : money(v.price),
    unitPrice: v.price === null ? null : unitPriceOf(v.price, v.net_quantity, v.unit),
    available: v.made_to_order ? 0 : Math.max(0, v.available),
    stockStatus: stockStatusOf(v.available, v.made_to_order),
    netQuantity: v.net_quantity,
    netQuantityUnit: v.unit,
    abv: v.abv,
    volumeL: v.volume_l,
    limitedEditionQty: v.limited_edition_qty,
    leadTimeDays: v.lead_time_days,
    madeToOrder: v.made_to_order,
    b2bOnly: v.b2b_only,
    minOrderQty: v.min_order_qty,
    shelfLifeDays: v.shelf_life_days,
    vaseLifeDays: v.vase_life_days,
    seasonMonths: v.season_months,
    allowedZones: v.allowed_zones,
  }))
  const offer = summarizeOffer(row.variants.filter((v) => !v.b2b_only).map((v) => ({ price: v.price, position: v.position, netQuantity: v.net_quantity, unit: v.unit, available: v.available, madeToOrder: v.made_to_order })))
  const breadcrumb = category.lineage.map((id) => categoryRef(categories.get(id)!, ctx.locale))
  const images = row.images.map((i) => imageRef(i, ctx.locale))
  return {
    id: row.id,
    handle: row.handle,
    slugs: { fr: row.slug_fr, en: row.slug_en },
    name: row.name,
    producer,
    category: breadcrumb[breadcrumb.length - 1]!,
    price: offer.price,
    priceFrom: offer.priceFrom,
    unitPrice: offer.unitPrice,
    image: images[0] ?? null,
    stockStatus: offer.stockStatus,
    ageRestricted: row.age_restricted,
    labels: row.labels,
    createdAt: new Date(row.created_at),
    description: row.description,
    sellingPoints: row.selling_points,
    variants,
    images,
    breadcrumb,
    vatCategory: row.vat_category_code,
    shippingClass: { code: row.shipping_class_code, name: row.shipping_class_name ?? row.shipping_class_code },
    perishable: row.perishable,
    fragile: row.fragile,
    storage: row.storage,
    origin: { territory: row.origin_territory, commune: row.origin_commune },
    foodInformation: foodInformationFrom(row.food_information, ctx.locale),
    // C. consom. L221-28 4°: no withdrawal for goods that deteriorate or expire rapidly (cut flowers, plants).
    withdrawalRight: !row.perishable,
    minAge: row.min_age,
  }
}
