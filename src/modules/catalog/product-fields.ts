import { z } from 'zod'
import { flag, integer, optionalCode, optionalSlug, optionalText, requiredCode, requiredText, text } from './edit-fields.ts'

// The editable fields of a product, shared by createProduct, updateProduct and the CSV import.

/** The 14 allergens of Reg. (EU) 1169/2011 Annex II, as coded in the demo data and the import. */
export const ALLERGENS = [
  'cereals_gluten', 'crustaceans', 'eggs', 'fish', 'peanuts', 'soybeans', 'milk', 'nuts', 'celery', 'mustard', 'sesame', 'sulphites', 'lupin', 'molluscs',
] as const

const nutrient = (label: string) => z.number({ error: `${label} doit être un nombre` }).min(0, `${label} ne peut pas être négatif`).max(100_000, `${label} est trop grand`)

// Loose objects: notes kept beside the declaration (e.g. the demo data's approximation flag) survive an edit.
const NutritionDeclaration = z.union(
  [
    z.looseObject({ required: z.literal(false), exemption: requiredText('Le motif de dispense de déclaration nutritionnelle', 500) }),
    // declared on each component: true, or the components' SKUs
    z.looseObject({ required: z.literal(true), perComponent: z.union([z.literal(true), z.string().min(1), z.array(z.string()).min(1)]) }),
    z.looseObject({
      required: z.literal(true),
      values: z.looseObject({
        per: requiredText('La quantité de référence (pour 100 g…)', 40),
        energyKj: nutrient('L’énergie (kJ)'),
        energyKcal: nutrient('L’énergie (kcal)'),
        fatG: nutrient('Les matières grasses'),
        saturatesG: nutrient('Les acides gras saturés'),
        carbohydrateG: nutrient('Les glucides'),
        sugarsG: nutrient('Les sucres'),
        proteinG: nutrient('Les protéines'),
        saltG: nutrient('Le sel'),
      }),
    }),
  ],
  { error: 'La déclaration nutritionnelle est incomplète : valeurs pour 100 g/ml, composant par composant, ou motif de dispense' },
)

const blankPair = (v: unknown) =>
  v == null || (typeof v === 'object' && ['fr', 'en'].every((k) => {
    const s = (v as Record<string, unknown>)[k]
    return s == null || (typeof s === 'string' && s.trim() === '')
  }))

/** INCO information (Reg. 1169/2011 art. 14), stored as products.food_information. */
export const FoodInformationInput = z.object({
  ingredients: z.preprocess(
    (v) => (blankPair(v) ? null : v),
    z.object({ fr: requiredText('La liste des ingrédients en français', 4000), en: requiredText('La liste des ingrédients en anglais', 4000) }).nullable(),
  ),
  allergens: z.array(z.enum(ALLERGENS, { error: 'Allergène inconnu (codes de l’annexe II du règlement INCO)' })).default([]).transform((a) => [...new Set(a)]),
  nutritionDeclaration: NutritionDeclaration,
})
export type FoodInformationInput = z.output<typeof FoodInformationInput>

const pointsOf = (label: string) => z.array(requiredText(label, 200), { error: `${label} : une liste est attendue` }).max(10, `${label} : 10 au plus`)

/** Every field a merchandiser edits on a product, French and English side by side (rules: withProductRules). */
export const ProductFieldsShape = z
  .object({
    /** stable key of the product family (import, API); blank: made from the French name */
    handle: optionalSlug('La référence (handle)'),
    slugs: z.object({ fr: optionalSlug('L’adresse en français'), en: optionalSlug('L’adresse en anglais') }).default({ fr: null, en: null }),
    producerId: requiredCode('Choisissez le producteur'),
    categoryId: requiredCode('Choisissez la catégorie'),
    name: z.object({ fr: requiredText('Le nom en français', 200), en: requiredText('Le nom en anglais', 200) }, { error: 'Le nom est obligatoire' }),
    description: z.object({ fr: optionalText('La description en français', 5000), en: optionalText('La description en anglais', 5000) }).default({ fr: null, en: null }),
    sellingPoints: z.object({ fr: pointsOf('Les arguments en français').default([]), en: pointsOf('Les arguments en anglais').default([]) }).default({ fr: [], en: [] }),
    vatCategoryCode: requiredCode('Choisissez la catégorie de TVA'),
    shippingClassCode: requiredCode('Choisissez la classe d’expédition'),
    ageRestricted: flag(),
    minAge: integer('L’âge minimum', 1, 99).nullish().transform((n) => n ?? null),
    perishable: flag(),
    fragile: flag(),
    storage: optionalText('Le mode de conservation', 100),
    originTerritory: optionalCode('Le territoire d’origine'),
    originCommune: optionalText('La commune d’origine', 100),
    foodInformation: FoodInformationInput.nullish().transform((f) => f ?? null),
    featured: flag(),
    labels: z.array(text('Le label', 60)).default([]).transform((a) => [...new Set(a)].sort()),
  })

/** The rules across fields, added to each input schema built on ProductFieldsShape. */
export const withProductRules = <S extends z.ZodType<{ ageRestricted: boolean; minAge: number | null }>>(schema: S) =>
  schema.refine((p) => !p.ageRestricted || p.minAge !== null, { path: ['minAge'], message: 'Indiquez l’âge minimum des produits réservés aux adultes' })

export const ProductFields = withProductRules(ProductFieldsShape)
export type ProductFields = z.output<typeof ProductFieldsShape>

export type ProductStatus = 'DRAFT' | 'ACTIVE' | 'ARCHIVED'
export const ProductStatus = z.enum(['DRAFT', 'ACTIVE', 'ARCHIVED'], { error: 'Le statut est brouillon (DRAFT), en ligne (ACTIVE) ou archivé (ARCHIVED)' })

/** The products columns written from the fields (slugs and handle resolved beforehand). */
export function productColumns(f: ProductFields, keys: { handle: string; slugFr: string; slugEn: string }) {
  return {
    handle: keys.handle,
    slug_fr: keys.slugFr,
    slug_en: keys.slugEn,
    producer_id: f.producerId,
    category_id: f.categoryId,
    name_fr: f.name.fr,
    name_en: f.name.en,
    description_fr: f.description.fr,
    description_en: f.description.en,
    selling_points_fr: f.sellingPoints.fr,
    selling_points_en: f.sellingPoints.en,
    vat_category_code: f.vatCategoryCode,
    shipping_class_code: f.shippingClassCode,
    age_restricted: f.ageRestricted,
    min_age: f.minAge,
    perishable: f.perishable,
    fragile: f.fragile,
    storage: f.storage,
    origin_territory: f.originTerritory,
    origin_commune: f.originCommune,
    food_information: f.foodInformation === null ? null : JSON.stringify(f.foodInformation),
    featured: f.featured,
  }
}
