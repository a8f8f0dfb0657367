import type { Money } from '../../kernel/money.ts'

// Shapes the catalog module shows to other modules, the Store API and the views.
// Texts are already in the request's locale (ctx.locale); slugs come in both
// languages for hreflang links and the language switch.

export type Slugs = { fr: string; en: string }

/** A stored picture: files at /media/<key>/<width>.<avif|webp|jpg> for each width. */
export type ImageRef = {
  key: string
  width: number
  height: number
  widths: number[]
  alt: string
  dominantColor: string | null
}

export type StockStatus = 'in_stock' | 'low_stock' | 'out_of_stock' | 'made_to_order'

/** Price per litre or per kilo, shown next to the price of prepackaged goods. */
export type UnitPrice = { amount: Money; per: 'L' | 'kg' }

export type LabelRef = { code: string; name: string; kind: 'official' | 'internal' }

export type CategoryRef = { id: string; code: string; name: string; slugs: Slugs; path: Slugs }

export type ProducerRef = { id: string; name: string; slug: string; commune: string | null }

/** What a product tile shows in lists (home, category, search, producer page). */
export type ProductCard = {
  id: string
  handle: string
  slugs: Slugs
  name: string
  producer: ProducerRef
  category: CategoryRef
  /** lowest retail price (tax included) among variants in the shopper's market; null when not sold there */
  price: Money | null
  /** true when variants have different prices ("from 4,50 €") */
  priceFrom: boolean
  unitPrice: UnitPrice | null
  image: ImageRef | null
  stockStatus: StockStatus
  ageRestricted: boolean
  labels: LabelRef[]
  createdAt: Date
}

export type VariantDetail = {
  id: string
  sku: string
  optionLabel: string
  name: string
  price: Money | null
  unitPrice: UnitPrice | null
  available: number
  stockStatus: StockStatus
  netQuantity: number
  netQuantityUnit: 'ml' | 'g' | 'stem' | 'pod' | 'piece'
  abv: number | null
  volumeL: number | null
  limitedEditionQty: number | null
  leadTimeDays: number
  madeToOrder: boolean
  b2bOnly: boolean
  minOrderQty: number
  shelfLifeDays: number | null
  vaseLifeDays: number | null
  seasonMonths: number[] | null
  allowedZones: string[]
}

export type NutritionValues = {
  per: string
  energyKj: number
  energyKcal: number
  fatG: number
  saturatesG: number
  carbohydrateG: number
  sugarsG: number
  proteinG: number
  saltG: number
}

/** INCO information shown before purchase (Reg. 1169/2011 art. 14). */
export type FoodInformation = {
  ingredients: string | null
  /** EU allergen codes ('milk', 'mustard', 'peanuts'…) */
  allergens: string[]
  nutrition: { required: false; exemption: string } | { required: true; values: NutritionValues } | { required: true; perComponent: true }
}

export type ProducerSummary = ProducerRef & {
  story: string | null
  sinceYear: number | null
  island: string | null
  image: ImageRef | null
}

export type ProductDetail = ProductCard & {
  description: string | null
  sellingPoints: string[]
  variants: VariantDetail[]
  images: ImageRef[]
  producer: ProducerSummary
  /** from the top category down to the product's category */
  breadcrumb: CategoryRef[]
  vatCategory: string
  shippingClass: { code: string; name: string }
  perishable: boolean
  fragile: boolean
  storage: string | null
  origin: { territory: string | null; commune: string | null }
  foodInformation: FoodInformation | null
  /** the 14-day withdrawal right applies (not for perishables: C. consom. L221-28) */
  withdrawalRight: boolean
  minAge: number | null
}

export type CategoryNode = CategoryRef & {
  parentId: string | null
  description: string | null
  productCount: number
  children: CategoryNode[]
}

export type ProducerDetail = ProducerSummary & {
  territory: string | null
  staff: number | null
  productLines: string[]
  labels: LabelRef[]
  kind: 'producer' | 'operator'
}

export type CollectionSummary = { id: string; slugs: Slugs; name: string; description: string | null; productIds: string[] }

/** A producer's page: the producer and the ids of its products on sale in the shopper's market, newest first. */
export type ProducerPage = ProducerDetail & { productIds: string[] }
