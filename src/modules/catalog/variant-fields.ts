import { z } from 'zod'
import { divRound } from '../../kernel/money.ts'
import type { FieldError } from './edit-fields.ts'
import { decimal, flag, integer, optionalText, requiredCode, requiredText } from './edit-fields.ts'
import type { ReferenceCodes } from './references.ts'

// The editable fields of a variant (a sellable unit: size, pack), shared by saveVariant and the CSV import.

const SKU = /^[A-Z0-9]+([-_.][A-Z0-9]+)*$/

export const skuField = () =>
  z.string({ error: 'Le SKU est obligatoire' })
    .trim()
    .toUpperCase()
    .min(1, 'Le SKU est obligatoire')
    .max(64, 'Le SKU : 64 caractères au plus')
    .regex(SKU, 'Le SKU : lettres, chiffres, et - _ . entre eux (ex. ACS-RHB50-070)')

const nullableInt = (label: string, min: number, max: number) => integer(label, min, max).nullish().transform((n) => n ?? null)

export const NET_QUANTITY_UNITS = ['ml', 'g', 'stem', 'pod', 'piece'] as const

/** Alcohol of the unit: degree, volume, pure alcohol (computed when blank), excise category. */
export const AlcoholInput = z.object({
  abv: decimal('Le degré d’alcool (% vol.)', 2, { value: 0, inclusive: true }, 100),
  volumeL: decimal('Le volume d’alcool (L)', 4, { value: 0, inclusive: false }, 9999),
  pureAlcoholL: decimal('L’alcool pur (L)', 5, { value: 0, inclusive: true }, 99_999).nullish().transform((n) => n ?? null),
  exciseCategoryCode: requiredCode('Choisissez la catégorie d’accise'),
  cssApplies: flag(),
  domRumReducedRateEligible: flag(),
})

export const VariantFieldsShape = z.object({
  sku: skuField(),
  optionLabel: z.object({ fr: requiredText('Le libellé d’option en français (ex. 70 cl)', 60), en: requiredText('Le libellé d’option en anglais', 60) }, { error: 'Le libellé d’option est obligatoire' }),
  name: z.object({ fr: requiredText('Le nom de la variante en français', 200), en: requiredText('Le nom de la variante en anglais', 200) }, { error: 'Le nom de la variante est obligatoire' }),
  netQuantity: decimal('La quantité nette', 3, { value: 0, inclusive: false }, 100_000_000),
  netQuantityUnit: z.enum(NET_QUANTITY_UNITS, { error: 'L’unité est ml, g, stem (tige), pod (gousse) ou piece (pièce)' }),
  grossWeightG: integer('Le poids brut (g)', 1, 1_000_000),
  dimensionsCm: z.tuple([integer('La longueur (cm)', 1, 1000), integer('La largeur (cm)', 1, 1000), integer('La hauteur (cm)', 1, 1000)], {
    error: 'Les dimensions sont trois nombres entiers de centimètres',
  }),
  glass: flag(),
  alcohol: AlcoholInput.nullish().transform((a) => a ?? null),
  shelfLifeDays: nullableInt('La durée de conservation (jours)', 0, 36_500),
  vaseLifeDays: nullableInt('La tenue en vase (jours)', 0, 365),
  hsCode: optionalText('Le code douanier (SH)', 20),
  b2bOnly: flag(),
  minOrderQty: integer('La quantité minimum de commande', 1, 100_000).default(1),
  packSize: integer('Le colisage', 1, 100_000).default(1),
  madeToOrder: flag(),
  leadTimeDays: integer('Le délai de préparation (jours)', 0, 365).default(0),
  limitedEditionQty: nullableInt('Le tirage de l’édition limitée', 1, 1_000_000_000),
  // in the order given (a season may run across the new year: 11, 12, 1, 2)
  seasonMonths: z.array(integer('Le mois de saison', 1, 12)).nullish().transform((m) => (m && m.length ? [...new Set(m)] : null)),
  allowedZones: z.array(requiredCode('La zone de livraison est vide')).default([]).transform((z) => [...new Set(z)]),
  status: z.enum(['ACTIVE', 'ARCHIVED'], { error: 'Le statut d’une variante est ACTIVE ou ARCHIVED' }).default('ACTIVE'),
})
export type VariantFields = z.output<typeof VariantFieldsShape>

/** Litres of pure alcohol = volume × degree, rounded once to the column's 5 decimals. */
export function pureAlcoholOf(volumeL: number, abv: number): number {
  return divRound(Math.round(volumeL * 1e4) * Math.round(abv * 100), 1000) / 1e5
}

/** Field errors for codes that name nothing (excise category, delivery zones). */
export function variantCodeErrors(v: VariantFields, codes: ReferenceCodes): FieldError[] {
  const errors: FieldError[] = []
  if (v.alcohol && !codes.exciseCategories.has(v.alcohol.exciseCategoryCode)) errors.push({ path: 'alcohol.exciseCategoryCode', message: `Catégorie d’accise inconnue : ${v.alcohol.exciseCategoryCode}` })
  const zones = v.allowedZones.filter((z) => !codes.territories.has(z))
  if (zones.length) errors.push({ path: 'allowedZones', message: `Zone de livraison inconnue : ${zones.join(', ')}` })
  return errors
}

/** The product_variants columns written from the fields. */
export function variantColumns(v: VariantFields) {
  const a = v.alcohol
  return {
    sku: v.sku,
    option_label_fr: v.optionLabel.fr,
    option_label_en: v.optionLabel.en,
    name_fr: v.name.fr,
    name_en: v.name.en,
    net_quantity: v.netQuantity,
    net_quantity_unit: v.netQuantityUnit,
    gross_weight_g: v.grossWeightG,
    dimensions_cm: [...v.dimensionsCm],
    glass: v.glass,
    abv: a ? a.abv : null,
    volume_l: a ? a.volumeL : null,
    pure_alcohol_l: a ? (a.pureAlcoholL ?? pureAlcoholOf(a.volumeL, a.abv)) : null,
    excise_category_code: a ? a.exciseCategoryCode : null,
    css_applies: a ? a.cssApplies : false,
    dom_rum_reduced_rate_eligible: a ? a.domRumReducedRateEligible : false,
    shelf_life_days: v.shelfLifeDays,
    vase_life_days: v.vaseLifeDays,
    hs_code: v.hsCode,
    b2b_only: v.b2bOnly,
    min_order_qty: v.minOrderQty,
    pack_size: v.packSize,
    made_to_order: v.madeToOrder,
    lead_time_days: v.leadTimeDays,
    limited_edition_qty: v.limitedEditionQty,
    season_months: v.seasonMonths,
    allowed_zones: v.allowedZones,
    status: v.status,
  }
}
export type VariantColumns = ReturnType<typeof variantColumns>
