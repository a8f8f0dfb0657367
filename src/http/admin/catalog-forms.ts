import type { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError } from '../../kernel/errors.ts'
import { getProductForEdit, type ProductForEdit } from '../../modules/catalog/index.ts'
import { centsFromDecimal } from '../../kernel/money.ts'
import type { FormErrors } from '../../web/admin/kit.tsx'
import { many } from './admin-kit.ts'

// Form bodies of the catalogue screens → the use cases' inputs, and their field errors back to
// form fields. A form field is named after the input path: 'name.fr' ↔ name_fr, 'alcohol.abv' ↔
// alcohol_abv, 'dimensionsCm.1' ↔ dimensionsCm, 'retail.GP' ↔ retail_GP.

export type Body = Record<string, unknown>

/** The form field an input path is shown on (segments up to the first list index, joined by _). */
export function fieldOf(path: string): string {
  const parts: string[] = []
  for (const p of path.split('.')) {
    if (/^\d+$/.test(p)) break
    parts.push(p)
  }
  return parts.join('_') || 'form'
}

/** Field errors of an input checked by its schema (first message per field), or null when valid. */
export function schemaErrors(schema: z.ZodType, input: unknown): FormErrors | null {
  const r = schema.safeParse(input)
  if (r.success) return null
  const errors: FormErrors = {}
  for (const i of r.error.issues) errors[fieldOf(i.path.join('.'))] ??= i.message
  return errors
}

/** The field errors an AppError carries (validation, key taken), or null for any other error. */
export function appErrorFields(err: unknown): FormErrors | null {
  if (!(err instanceof AppError)) return null
  if (err.code !== 'VALIDATION_FAILED' && !err.code.startsWith('CATALOG_')) return null
  const errors: FormErrors = {}
  const details = Array.isArray(err.details) ? (err.details as { path?: unknown; message?: unknown }[]) : []
  for (const d of details) if (typeof d.path === 'string' && typeof d.message === 'string') errors[fieldOf(d.path)] ??= d.message
  if (!Object.keys(errors).length) errors.form = err.message
  return errors
}

export const str = (b: Body, k: string): string => (typeof b[k] === 'string' ? (b[k] as string) : Array.isArray(b[k]) ? String((b[k] as unknown[])[0] ?? '') : '')
const blank = (s: string) => s.trim() === ''
export const checked = (b: Body, k: string): boolean => str(b, k) === 'on'

/** "12,5" or "12.5" → 12.5; blank → null; anything else → NaN (the schema says "doit être un nombre"). */
export function decimalOf(s: string): number | null {
  if (blank(s)) return null
  const t = s.trim().replace(/\s/g, '').replace(',', '.')
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN
}

/** Euros as typed ("12,50", "12", "1 234,5") → integer cents; blank → null; not an amount → NaN. */
export function centsOf(s: string): number | null {
  if (blank(s)) return null
  const t = s.trim().replace(/[\s€]/g, '').replace(',', '.')
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(t)) return Number.NaN
  return centsFromDecimal(Number(t))
}

const lines = (s: string) => s.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)
const pair = (b: Body, base: string) => ({ fr: str(b, `${base}_fr`), en: str(b, `${base}_en`) })
const optPair = (b: Body, base: string) => ({ fr: str(b, `${base}_fr`) || null, en: str(b, `${base}_en`) || null })

/** The product form → the fields of createProduct / updateProduct (texts exactly as typed). */
export function productFieldsOf(b: Body) {
  return {
    handle: str(b, 'handle') || null,
    slugs: optPair(b, 'slugs'),
    producerId: str(b, 'producerId'),
    categoryId: str(b, 'categoryId'),
    name: pair(b, 'name'),
    description: optPair(b, 'description'),
    sellingPoints: { fr: lines(str(b, 'sellingPoints_fr')), en: lines(str(b, 'sellingPoints_en')) },
    vatCategoryCode: str(b, 'vatCategoryCode'),
    shippingClassCode: str(b, 'shippingClassCode'),
    ageRestricted: checked(b, 'ageRestricted'),
    minAge: decimalOf(str(b, 'minAge')),
    perishable: checked(b, 'perishable'),
    fragile: checked(b, 'fragile'),
    storage: str(b, 'storage') || null,
    originTerritory: str(b, 'originTerritory') || null,
    originCommune: str(b, 'originCommune') || null,
    featured: checked(b, 'featured'),
    labels: many(b.labels),
  }
}
export type ProductFormFields = ReturnType<typeof productFieldsOf>

/** The variant form → the fields of saveVariant (alcohol only when the box is ticked). */
export function variantFieldsOf(b: Body) {
  const int = (k: string) => decimalOf(str(b, k))
  return {
    sku: str(b, 'sku'),
    optionLabel: pair(b, 'optionLabel'),
    name: pair(b, 'name'),
    netQuantity: decimalOf(str(b, 'netQuantity')),
    netQuantityUnit: str(b, 'netQuantityUnit'),
    grossWeightG: int('grossWeightG'),
    dimensionsCm: [int('dimensionsCm_l'), int('dimensionsCm_w'), int('dimensionsCm_h')],
    glass: checked(b, 'glass'),
    alcohol: checked(b, 'alcohol')
      ? {
          abv: decimalOf(str(b, 'alcohol_abv')),
          volumeL: decimalOf(str(b, 'alcohol_volumeL')),
          pureAlcoholL: decimalOf(str(b, 'alcohol_pureAlcoholL')),
          exciseCategoryCode: str(b, 'alcohol_exciseCategoryCode'),
          cssApplies: checked(b, 'alcohol_cssApplies'),
          domRumReducedRateEligible: checked(b, 'alcohol_domRumReducedRateEligible'),
        }
      : null,
    shelfLifeDays: int('shelfLifeDays'),
    vaseLifeDays: int('vaseLifeDays'),
    hsCode: str(b, 'hsCode') || null,
    b2bOnly: checked(b, 'b2bOnly'),
    minOrderQty: int('minOrderQty') ?? 1,
    packSize: int('packSize') ?? 1,
    madeToOrder: checked(b, 'madeToOrder'),
    leadTimeDays: int('leadTimeDays') ?? 0,
    limitedEditionQty: int('limitedEditionQty'),
    seasonMonths: many(b.seasonMonths).map(Number),
    allowedZones: many(b.allowedZones),
    status: str(b, 'status') || 'ACTIVE',
  }
}
export type VariantFormFields = ReturnType<typeof variantFieldsOf>

/** The price fields of the variant form: retail per market (retail_<MARKET>), B2B and cost, in cents. */
export function pricesOf(b: Body, markets: readonly string[]) {
  return {
    retail: Object.fromEntries(markets.map((m) => [m, centsOf(str(b, `retail_${m}`))])),
    b2b: centsOf(str(b, 'b2b')),
    cost: centsOf(str(b, 'cost')),
  }
}

/** A positive version number from a hidden field (NaN when missing: the schema refuses it). */
export const versionOf = (b: Body): number => {
  const n = Number(str(b, 'version'))
  return Number.isInteger(n) && n > 0 ? n : Number.NaN
}

/** The product to edit, or NOT_FOUND (a 404 page). */
export async function productOr404(ctx: Ctx, id: string): Promise<ProductForEdit> {
  const product = await getProductForEdit(ctx, id)
  if (!product) throw new AppError('NOT_FOUND', 'Ce produit n’existe pas.')
  return product
}
