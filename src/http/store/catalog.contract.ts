import { z } from 'zod'
import type {
  CategoryRef,
  FoodInformation,
  ImageRef,
  LabelRef,
  ProducerDetail,
  ProducerPage,
  ProducerSummary,
  ProductCard,
  ProductDetail,
  VariantDetail,
} from '../../modules/catalog/index.ts'
import { MARKETS } from '../plugins/request-ctx.ts'

// Shapes shared by the Store API routes: the query parameters every route takes and the
// catalog DTOs, tied to modules/catalog/types.ts with `satisfies` so the two cannot drift.

/** ?locale= and ?market= of every Store API route. */
export const StoreScope = {
  locale: z.enum(['fr', 'en']).optional().describe('language of texts and slugs; default fr'),
  market: z.enum(MARKETS).optional().describe('price list: FR-MAINLAND or GP; default the lakou_market cookie, else FR-MAINLAND'),
}

export const Slug = z.string().min(1).max(200).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and single hyphens')
export const CategoryKey = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(cat_[0-9A-Z]{26}|[a-z0-9]+(-[a-z0-9]+)*(\/[a-z0-9]+(-[a-z0-9]+)*)*)$/, "a category path in the request's language ('rhums/rhums-vieux') or id")
export const ProducerKey = z.string().min(1).max(200).regex(/^(prf_[0-9A-Z]{26}|[a-z0-9]+(-[a-z0-9]+)*)$/, 'a producer slug or id')

export const Page = z.coerce.number().int().min(1).max(1000).default(1).describe('1-based page number')
export const PerPage = z.coerce.number().int().min(1).max(100).default(24).describe('items per page, at most 100')

export const MoneySchema = z.object({ amount: z.number().int().describe('integer minor units (cents)'), currency: z.literal('EUR') })
const SlugsSchema = z.object({ fr: z.string(), en: z.string() })

export const ImageRefSchema = z.object({
  key: z.string().describe('files at /media/<key>/<width>.<avif|webp|jpg>'),
  width: z.number().int(),
  height: z.number().int(),
  widths: z.array(z.number().int()),
  alt: z.string(),
  dominantColor: z.string().nullable(),
}) satisfies z.ZodType<ImageRef>

const StockStatusSchema = z.enum(['in_stock', 'low_stock', 'out_of_stock', 'made_to_order'])
const UnitPriceSchema = z.object({ amount: MoneySchema, per: z.enum(['L', 'kg']) })
const LabelRefSchema = z.object({ code: z.string(), name: z.string(), kind: z.enum(['official', 'internal']) }) satisfies z.ZodType<LabelRef>
export const CategoryRefSchema = z.object({ id: z.string(), code: z.string(), name: z.string(), slugs: SlugsSchema, path: SlugsSchema }) satisfies z.ZodType<CategoryRef>
const ProducerRefSchema = z.object({ id: z.string(), name: z.string(), slug: z.string(), commune: z.string().nullable() })

export const ProductCardSchema = z.object({
  id: z.string(),
  handle: z.string(),
  slugs: SlugsSchema,
  name: z.string(),
  producer: ProducerRefSchema,
  category: CategoryRefSchema,
  price: MoneySchema.nullable().describe('lowest retail price, tax included, in the market; null when not sold there'),
  priceFrom: z.boolean().describe('true when sizes have different prices ("from")'),
  unitPrice: UnitPriceSchema.nullable(),
  image: ImageRefSchema.nullable(),
  stockStatus: StockStatusSchema,
  ageRestricted: z.boolean(),
  labels: z.array(LabelRefSchema),
  createdAt: z.date(),
}) satisfies z.ZodType<ProductCard>

export const ProducerSummarySchema = ProducerRefSchema.extend({
  story: z.string().nullable(),
  sinceYear: z.number().int().nullable(),
  island: z.string().nullable(),
  image: ImageRefSchema.nullable(),
}) satisfies z.ZodType<ProducerSummary>

export const ProducerDetailSchema = ProducerSummarySchema.extend({
  territory: z.string().nullable(),
  staff: z.number().int().nullable(),
  productLines: z.array(z.string()),
  labels: z.array(LabelRefSchema),
  kind: z.enum(['producer', 'operator']),
}) satisfies z.ZodType<ProducerDetail>

export const ProducerPageSchema = ProducerDetailSchema.extend({ productIds: z.array(z.string()) }) satisfies z.ZodType<ProducerPage>

const VariantDetailSchema = z.object({
  id: z.string(),
  sku: z.string(),
  optionLabel: z.string(),
  name: z.string(),
  price: MoneySchema.nullable(),
  unitPrice: UnitPriceSchema.nullable(),
  available: z.number().int(),
  stockStatus: StockStatusSchema,
  netQuantity: z.number(),
  netQuantityUnit: z.enum(['ml', 'g', 'stem', 'pod', 'piece']),
  abv: z.number().nullable(),
  volumeL: z.number().nullable(),
  limitedEditionQty: z.number().int().nullable(),
  leadTimeDays: z.number().int(),
  madeToOrder: z.boolean(),
  b2bOnly: z.boolean(),
  minOrderQty: z.number().int(),
  shelfLifeDays: z.number().int().nullable(),
  vaseLifeDays: z.number().int().nullable(),
  seasonMonths: z.array(z.number().int()).nullable(),
  allowedZones: z.array(z.string()),
}) satisfies z.ZodType<VariantDetail>

const NutritionValuesSchema = z.object({
  per: z.string(),
  energyKj: z.number(),
  energyKcal: z.number(),
  fatG: z.number(),
  saturatesG: z.number(),
  carbohydrateG: z.number(),
  sugarsG: z.number(),
  proteinG: z.number(),
  saltG: z.number(),
})

const FoodInformationSchema = z.object({
  ingredients: z.string().nullable(),
  allergens: z.array(z.string()).describe("EU allergen codes ('milk', 'mustard'…)"),
  nutrition: z.union([
    z.object({ required: z.literal(false), exemption: z.string() }),
    z.object({ required: z.literal(true), values: NutritionValuesSchema }),
    z.object({ required: z.literal(true), perComponent: z.literal(true) }),
  ]),
}) satisfies z.ZodType<FoodInformation>

export const ProductDetailSchema = ProductCardSchema.extend({
  description: z.string().nullable(),
  sellingPoints: z.array(z.string()),
  variants: z.array(VariantDetailSchema),
  images: z.array(ImageRefSchema),
  producer: ProducerSummarySchema,
  breadcrumb: z.array(CategoryRefSchema),
  vatCategory: z.string(),
  shippingClass: z.object({ code: z.string(), name: z.string() }),
  perishable: z.boolean(),
  fragile: z.boolean(),
  storage: z.string().nullable(),
  origin: z.object({ territory: z.string().nullable(), commune: z.string().nullable() }),
  foodInformation: FoodInformationSchema.nullable(),
  withdrawalRight: z.boolean().describe('the 14-day withdrawal right applies (not for perishables, C. consom. L221-28)'),
  minAge: z.number().int().nullable(),
}) satisfies z.ZodType<ProductDetail>

// The tree is spelled out three levels deep instead of as a recursive schema: @fastify/swagger
// here has no components registry (jsonSchemaTransformObject), so a recursive schema would become
// a dangling $ref in /api/openapi.json. The demo tree has two levels; a fourth would pass unchecked.
const CategoryNodeFields = {
  ...CategoryRefSchema.shape,
  parentId: z.string().nullable(),
  description: z.string().nullable(),
  productCount: z.number().int().describe('active products sold in the market, this category and below'),
}
const CategoryLevel3 = z.object({ ...CategoryNodeFields, children: z.array(z.unknown()).describe('deeper levels, same shape') })
const CategoryLevel2 = z.object({ ...CategoryNodeFields, children: z.array(CategoryLevel3) })
export const CategoryNodeSchema = z.object({ ...CategoryNodeFields, children: z.array(CategoryLevel2) })

/** The error body of every Store API failure (kernel/errors.ts codes). */
export const ErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional(), requestId: z.string().optional() }),
})
