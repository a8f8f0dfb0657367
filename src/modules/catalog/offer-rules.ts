import type { Locale } from '../../kernel/ctx.ts'
import { money, unitPrice, type Money } from '../../kernel/money.ts'
import type { FoodInformation, NutritionValues, StockStatus, UnitPrice } from './types.ts'

// Pure rules shared by the product tile and the product page: how stock, prices and
// food information are shown. No database here, so they are tested table-driven.

/** At or below this many sellable units a variant shows "only a few left". */
export const LOW_STOCK_THRESHOLD = 5

export type NetQuantityUnit = 'ml' | 'g' | 'stem' | 'pod' | 'piece'

/** Made-to-order goods (cut flowers) never run out: they are prepared after the order. */
export function stockStatusOf(available: number, madeToOrder: boolean): StockStatus {
  if (madeToOrder) return 'made_to_order'
  if (available <= 0) return 'out_of_stock'
  if (available <= LOW_STOCK_THRESHOLD) return 'low_stock'
  return 'in_stock'
}

/**
 * Price per litre (volumes) or per kilo (weights) for prepackaged goods
 * (Code de la consommation, arrêté du 3 décembre 1987: "prix à l'unité de mesure").
 * Goods sold by the stem, pod or piece have none.
 */
export function unitPriceOf(amount: number, netQuantity: number, unit: NetQuantityUnit): UnitPrice | null {
  if (unit === 'ml') return { amount: money(unitPrice(amount, Math.round(netQuantity * 1000), 1000 * 1000)), per: 'L' }
  if (unit === 'g') return { amount: money(unitPrice(amount, Math.round(netQuantity * 1000), 1000 * 1000)), per: 'kg' }
  return null
}

/** One variant as the offer summary needs it; price null when it has no retail price in the market. */
export type OfferVariant = { price: number | null; position: number; netQuantity: number; unit: NetQuantityUnit; available: number; madeToOrder: boolean }

export type OfferSummary = { price: Money | null; priceFrom: boolean; unitPrice: UnitPrice | null; stockStatus: StockStatus }

// A tile shows the best news among the sizes a shopper can buy: one size in stock makes the
// product "in stock"; made-to-order (orderable, with a lead time) ranks above a last few units.
const STATUS_RANK: Record<StockStatus, number> = { in_stock: 0, made_to_order: 1, low_stock: 2, out_of_stock: 3 }

/**
 * The tile's price is the cheapest variant sold in the market ("dès 4,50 €" when sizes differ),
 * with that variant's unit price. Only variants with a price count for stock; when none is sold
 * in the market, the stock of all variants is reported so the page can still say something true.
 */
export function summarizeOffer(variants: OfferVariant[]): OfferSummary {
  const priced = variants.filter((v) => v.price !== null)
  const counted = priced.length ? priced : variants
  const stockStatus = counted
    .map((v) => stockStatusOf(v.available, v.madeToOrder))
    .reduce<StockStatus>((best, s) => (STATUS_RANK[s] < STATUS_RANK[best] ? s : best), 'out_of_stock')
  if (!priced.length) return { price: null, priceFrom: false, unitPrice: null, stockStatus }
  const cheapest = priced.reduce((a, b) => (b.price! < a.price! || (b.price === a.price && b.position < a.position) ? b : a))
  const priceFrom = new Set(priced.map((v) => v.price)).size > 1
  return { price: money(cheapest.price!), priceFrom, unitPrice: unitPriceOf(cheapest.price!, cheapest.netQuantity, cheapest.unit), stockStatus }
}

const NUTRITION_KEYS = ['energyKj', 'energyKcal', 'fatG', 'saturatesG', 'carbohydrateG', 'sugarsG', 'proteinG', 'saltG'] as const

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Reads `products.food_information` (shape of the demo data and the import) into what the page
 * shows before purchase (Reg. 1169/2011 art. 14). Unknown or broken shapes give null rather than
 * a half-true label: the page then shows no food information block.
 */
export function foodInformationFrom(raw: unknown, locale: Locale): FoodInformation | null {
  const data = typeof raw === 'string' ? safeJson(raw) : raw
  if (!isRecord(data)) return null
  const ingredients = isRecord(data.ingredients) && typeof data.ingredients[locale] === 'string' ? (data.ingredients[locale] as string) : null
  const allergens = Array.isArray(data.allergens) ? data.allergens.filter((a): a is string => typeof a === 'string') : []
  const decl = data.nutritionDeclaration
  if (!isRecord(decl)) return null
  if (decl.required === false) return { ingredients, allergens, nutrition: { required: false, exemption: typeof decl.exemption === 'string' ? decl.exemption : '' } }
  if (decl.required !== true) return null
  if (decl.perComponent !== undefined && decl.perComponent !== null && decl.perComponent !== false) {
    return { ingredients, allergens, nutrition: { required: true, perComponent: true } }
  }
  const values = decl.values
  if (!isRecord(values) || typeof values.per !== 'string' || !NUTRITION_KEYS.every((k) => typeof values[k] === 'number')) return null
  const nutrition = { per: values.per } as NutritionValues
  for (const k of NUTRITION_KEYS) nutrition[k] = values[k] as number
  return { ingredients, allergens, nutrition: { required: true, values: nutrition } }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s)
  } catch {
    return null
  }
}
