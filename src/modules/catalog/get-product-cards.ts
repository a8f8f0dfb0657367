import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { entryCache } from '../../kernel/ttl-cache.ts'
import { getProducerSummaries } from '../producers/index.ts'
import { summarizeOffer, type NetQuantityUnit } from './offer-rules.ts'
import { categoryRef, categoriesById, AVAILABLE, IMAGE_JSON, imageRef, LABELS_JSON, loc, type ImageJson } from './queries.ts'
import type { LabelRef, ProductCard } from './types.ts'

type VariantJson = { price: number | null; position: number; net_quantity: number; unit: NetQuantityUnit; available: number; made_to_order: boolean }

type CardRow = {
  id: string
  handle: string
  slug_fr: string
  slug_en: string
  name: string
  producer_id: string
  age_restricted: boolean
  created_at: Date
  category_id: string
  variants: VariantJson[]
  image: ImageJson | null
  labels: LabelRef[]
}

/**
 * Product tiles for these ids, in the order given (search ranking, merchandising), in two queries
 * whatever their number: products with category, variants (price in ctx.market, stock), first
 * image and labels, then their producers. Ids that are unknown or not ACTIVE are skipped.
 * Consumer variants only (B2B-only sizes are not shown to shoppers).
 */
export async function getProductCards(ctx: Ctx, ids: readonly string[]): Promise<ProductCard[]> {
  if (!ids.length) return []
  // Cards are shown on every list, page after page: each is kept CARD_CACHE_MS per market and
  // language, and only the missing ones are read (in the same two queries).
  const scope = ctx.db
  const keyOf = (id: string) => `${ctx.market}|${ctx.locale}|${id}`
  const missing = ids.filter((id) => !cardCache.peek(scope, keyOf(id)))
  if (missing.length) {
    const loaded = await loadCards(ctx, missing)
    const byId = new Map(loaded.map((c) => [c.id, c]))
    for (const id of missing) cardCache.put(scope, keyOf(id), byId.get(id) ?? null)
  }
  const seen = new Set<string>()
  const cards: ProductCard[] = []
  for (const id of ids) {
    const card = cardCache.peek(scope, keyOf(id))?.value
    if (card && !seen.has(id)) {
      seen.add(id)
      cards.push(card)
    }
  }
  return cards
}

/** How long a product card may be served from memory (price and stock status may lag this much). */
export const CARD_CACHE_MS = 10_000
const cardCache = entryCache<ProductCard | null>(CARD_CACHE_MS, 50_000)

/** Forget cached cards (after a catalogue, price or stock edit). */
export const clearCardCache = () => cardCache.clear()

async function loadCards(ctx: Ctx, ids: readonly string[]): Promise<ProductCard[]> {
  const [r, categories] = await Promise.all([sql<CardRow>`
    select p.id, p.handle, p.slug_fr, p.slug_en, ${loc('p', 'name', ctx.locale)} as name, p.producer_id, p.age_restricted, p.created_at, p.category_id,
           coalesce((
             select json_agg(json_build_object('price', vp.amount, 'position', v.position, 'net_quantity', v.net_quantity,
                      'unit', v.net_quantity_unit, 'available', ${AVAILABLE('v')}, 'made_to_order', v.made_to_order))
               from product_variants v
               left join variant_prices vp on vp.variant_id = v.id and vp.price_list = 'RETAIL' and vp.market = ${ctx.market}
              where v.product_id = p.id and v.status = 'ACTIVE' and not v.b2b_only), '[]'::json) as variants,
           (select ${IMAGE_JSON('i')} from product_images pi join images i on i.id = pi.image_id
             where pi.product_id = p.id order by pi.position, i.id limit 1) as image,
           ${LABELS_JSON('p', ctx.locale)} as labels
      from unnest(${[...ids]}::text[]) with ordinality as wanted(id, ord)
      join products p on p.id = wanted.id and p.status = 'ACTIVE'
     order by wanted.ord`.execute(ctx.db), categoriesById(ctx)])
  const producers = await getProducerSummaries(ctx, r.rows.map((row) => row.producer_id))
  const seen = new Set<string>()
  const cards: ProductCard[] = []
  for (const row of r.rows) {
    const producer = producers.get(row.producer_id)
    const category = categories.get(row.category_id)
    // A product whose producer is paused or ended is not shown: its page would have no maker to name.
    if (!producer || !category || seen.has(row.id)) continue
    seen.add(row.id)
    const offer = summarizeOffer(row.variants.map((v) => ({ price: v.price, position: v.position, netQuantity: v.net_quantity, unit: v.unit, available: v.available, madeToOrder: v.made_to_order })))
    cards.push({
      id: row.id,
      handle: row.handle,
      slugs: { fr: row.slug_fr, en: row.slug_en },
      name: row.name,
      producer: { id: producer.id, name: producer.name, slug: producer.slug, commune: producer.commune },
      category: categoryRef(category, ctx.locale),
      price: offer.price,
      priceFrom: offer.priceFrom,
      unitPrice: offer.unitPrice,
      image: row.image ? imageRef(row.image, ctx.locale) : null,
      stockStatus: offer.stockStatus,
      ageRestricted: row.age_restricted,
      labels: row.labels,
      createdAt: new Date(row.created_at),
    })
  }
  return cards
}
