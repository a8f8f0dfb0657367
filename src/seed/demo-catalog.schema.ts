import { z } from 'zod'

// Shape of data/seed/demo-catalog.json (documented in docs/DEMO-DATA.md). Only what Lakou imports is checked strictly.
const I18n = z.object({ fr: z.string().min(1), en: z.string().min(1) })
const Euros = z.number().nonnegative()

export const Territory = z.object({
  code: z.string(),
  name: I18n,
  isoCountryForInvoices: z.string().nullable(),
  iso3166: z.string().nullable(),
  vatTerritory: z.enum(['FR_DOM', 'FR_METRO', 'EU_OTHER', 'THIRD_COUNTRY']),
  euVatTerritory: z.boolean(),
  euCustomsTerritory: z.boolean(),
  exciseTerritory: z.string().nullable(),
  notes: z.string().nullable().optional(),
})

export const Warehouse = z.object({
  code: z.string(),
  name: z.string(),
  territory: z.string(),
  commune: z.string(),
  postalCode: z.string(),
  roles: z.array(z.string()),
  temperatureZones: z.array(z.string()),
  bondedExciseWarehouse: z.boolean(),
  notes: z.string().nullable().optional(),
})

export const VatCategory = z.object({
  code: z.string(),
  label: I18n,
  rates: z.record(z.string(), z.number()).nullable(),
  basis: z.string().nullable().optional(),
  notes: z.string().nullable().optional(),
})

const TariffRef = z.object({ year: z.number().int(), eurPerHlAP: z.number(), source: z.string() })
export const ExciseCategory = z.object({
  code: z.string(),
  label: I18n,
  appliesTo: z.string(),
  mainland: z.object({ tariffBasis: z.string(), reference: z.array(TariffRef), indexation: z.string() }),
  gpLocal: z.object({ tariffBasis: z.string(), eurPerHlAP: z.number(), plus: z.string() }),
  cssApplies: z.string(),
})

export const Producer = z.object({
  id: z.string().regex(/^PRD-[A-Z]{3}$/),
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  tradeName: z.string(),
  legalForm: z.string(),
  status: z.enum(['ACTIVE', 'APPLICANT']),
  sirenFictional: z.string().regex(/^\d{9}$/),
  vatNumberFictional: z.string(),
  commune: z.string(),
  postalCode: z.string(),
  island: z.string(),
  territory: z.string(),
  approxLatLon: z.tuple([z.number(), z.number()]),
  since: z.number().int(),
  staff: z.number().int(),
  productLines: z.array(z.string()),
  labels: z.array(z.string()),
  agreement: z
    .object({
      model: z.enum(['PURCHASE', 'CONSIGNMENT']),
      paymentTerms: z.object({ type: z.enum(['NET_DAYS_FROM_INVOICE', 'DAYS_AFTER_END_OF_DELIVERY_MONTH']), days: z.number().int(), legalBasis: z.string() }),
      commissionPct: z.number().optional(),
      settlement: z.string().optional(),
      incoterm: z.string().optional(),
      exciseStatus: z.string().optional(),
    })
    .nullable(),
  story: I18n,
  contact: z.object({ email: z.string(), phone: z.string() }),
})

export const Product = z.object({
  sku: z.string(),
  producerId: z.string(),
  status: z.literal('ACTIVE'),
  category: z.string(),
  subcategory: z.string(),
  name: I18n,
  description: I18n.nullable(),
  vatCategory: z.string(),
  excise: z
    .object({
      category: z.string(),
      abvPct: z.number(),
      volumeL: z.number(),
      litresPureAlcohol: z.number(),
      cssApplies: z.boolean(),
      domTraditionalRumReducedRateEligible: z.boolean(),
    })
    .nullable(),
  netQuantity: z.object({ value: z.number().positive(), unit: z.enum(['ml', 'g', 'stem', 'pod', 'piece']) }),
  grossWeightG: z.number().int().positive(),
  dimensionsCm: z.tuple([z.number(), z.number(), z.number()]),
  fragile: z.boolean(),
  glass: z.boolean(),
  perishable: z.boolean(),
  shelfLifeDays: z.number().int().nullable(),
  vaseLifeDays: z.number().int().nullable(),
  storage: z.string(),
  ageRestricted: z.boolean(),
  minAge: z.number().int().nullable(),
  origin: z.object({ territory: z.string(), commune: z.string() }),
  labels: z.array(z.string()),
  hsCodeIndicative: z.string().nullable(),
  unitCode: z.record(z.string(), z.string()),
  pricing: z.object({
    retailTtcEur: z.record(z.string(), Euros.nullable()).nullable(),
    b2bHtEurMainland: Euros,
    purchaseCostHtEur: Euros,
  }),
  b2b: z.object({ b2bOnly: z.boolean(), minOrderQty: z.number().int().positive(), packSize: z.number().int().positive() }),
  shipping: z.object({ shippingClass: z.string(), allowedZones: z.array(z.string()) }),
  availability: z.object({
    madeToOrder: z.boolean(),
    leadTimeDays: z.number().int(),
    limitedEditionQty: z.number().int().nullable(),
    seasonMonths: z.array(z.number().int().min(1).max(12)).nullable(),
  }),
  components: z.array(z.record(z.string(), z.unknown())).nullable(),
  initialStock: z.array(z.object({ warehouse: z.string(), qty: z.number().int().positive(), lot: z.string(), bestBeforeInDays: z.number().int().nullable() })),
  foodInformation: z
    .object({
      ingredients: I18n.nullable(),
      allergens: z.array(z.string()),
      nutritionDeclaration: z.record(z.string(), z.unknown()),
    })
    .nullable(),
  flags: z.array(z.string()),
})

export const DemoCatalog = z.object({
  schemaVersion: z.literal('1.0.0'),
  currency: z.literal('EUR'),
  disclaimer: I18n,
  operator: z.object({ id: z.literal('OPERATOR'), tradeName: z.string(), sirenFictional: z.string(), vatNumberFictional: z.string(), commune: z.string(), postalCode: z.string(), territory: z.string() }),
  territories: z.array(Territory),
  warehouses: z.array(Warehouse),
  vatCategories: z.array(VatCategory),
  exciseCategories: z.array(ExciseCategory),
  socialSecurityContribution: z.object({ code: z.string(), label: I18n, reference: z.array(TariffRef) }),
  labels: z.array(z.object({ code: z.string(), kind: z.enum(['official', 'internal']), label: I18n, note: z.string().nullable().optional() })),
  shippingClasses: z.array(z.object({ code: z.string(), label: I18n, rules: z.array(z.string()), allowedZones: z.array(z.string()) })),
  allergenCodes: z.object({ codes: z.array(z.string()) }),
  producers: z.array(Producer),
  products: z.array(Product),
})
export type DemoCatalog = z.infer<typeof DemoCatalog>
export type DemoProduct = z.infer<typeof Product>

const CategoryNode = z.object({
  code: z.string(),
  name: I18n,
  description: I18n,
  children: z.record(z.string(), I18n),
})
export const DemoCategories = z.object({
  categories: z.array(CategoryNode),
  collections: z.array(
    z.object({
      key: z.string(),
      featured: z.boolean(),
      name: I18n,
      description: I18n,
      rule: z.object({ labels: z.array(z.string()).optional(), categories: z.array(z.string()).optional(), subcategories: z.array(z.string()).optional() }),
    }),
  ),
  synonyms: z.object({ fr: z.array(z.array(z.string()).min(2)), en: z.array(z.array(z.string()).min(2)) }),
})
export type DemoCategories = z.infer<typeof DemoCategories>

export const ProductGroups = z.object({
  groups: z.array(z.object({ handle: z.string(), skus: z.array(z.string()).min(2), name: I18n })),
})
