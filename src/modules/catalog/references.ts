import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import { listProducerRefs } from '../producers/index.ts'
import type { FieldError } from './edit-fields.ts'
import { catalogEditDb } from './edit-tables.ts'
import type { ProductFields } from './product-fields.ts'

/** The codes a product or variant may point to; small reference tables, read in one query. */
export type ReferenceCodes = {
  vatCategories: Set<string>
  shippingClasses: Set<string>
  exciseCategories: Set<string>
  territories: Set<string>
  /** territories with their own consumer price list ('FR-MAINLAND', 'GP'), in code order */
  markets: string[]
  labels: Set<string>
}

export async function loadReferenceCodes(ctx: Ctx): Promise<ReferenceCodes> {
  const r = await sql<{ kind: string; code: string; is_market: boolean }>`
    select 'vat' as kind, code, false as is_market from vat_categories
    union all select 'shipping', code, false from shipping_classes
    union all select 'excise', code, false from excise_categories
    union all select 'territory', code, is_market from territories
    union all select 'label', code, false from labels
    order by kind, code`.execute(ctx.db)
  const of = (kind: string) => new Set(r.rows.filter((x) => x.kind === kind).map((x) => x.code))
  return {
    vatCategories: of('vat'),
    shippingClasses: of('shipping'),
    exciseCategories: of('excise'),
    territories: of('territory'),
    markets: r.rows.filter((x) => x.kind === 'territory' && x.is_market).map((x) => x.code),
    labels: of('label'),
  }
}

/** Field errors for codes of a product's fields that name nothing (the FKs would refuse them with a 500). */
export function productCodeErrors(f: ProductFields, codes: ReferenceCodes): FieldError[] {
  const errors: FieldError[] = []
  if (!codes.vatCategories.has(f.vatCategoryCode)) errors.push({ path: 'vatCategoryCode', message: `Catégorie de TVA inconnue : ${f.vatCategoryCode}` })
  if (!codes.shippingClasses.has(f.shippingClassCode)) errors.push({ path: 'shippingClassCode', message: `Classe d’expédition inconnue : ${f.shippingClassCode}` })
  if (f.originTerritory !== null && !codes.territories.has(f.originTerritory)) errors.push({ path: 'originTerritory', message: `Territoire inconnu : ${f.originTerritory}` })
  const unknownLabels = f.labels.filter((l) => !codes.labels.has(l))
  if (unknownLabels.length) errors.push({ path: 'labels', message: `Label inconnu : ${unknownLabels.join(', ')}` })
  return errors
}

/** Field errors of one product's references: producer, category and codes (three small queries). */
export async function productReferenceErrors(ctx: Ctx, f: ProductFields): Promise<FieldError[]> {
  const [producers, category, codes] = await Promise.all([
    listProducerRefs(ctx, { ids: [f.producerId] }),
    catalogEditDb(ctx.db).selectFrom('categories').select('id').where('id', '=', f.categoryId).executeTakeFirst(),
    loadReferenceCodes(ctx),
  ])
  const errors = productCodeErrors(f, codes)
  if (!producers.length) errors.unshift({ path: 'producerId', message: 'Producteur inconnu' })
  if (!category) errors.unshift({ path: 'categoryId', message: 'Catégorie inconnue' })
  return errors
}
