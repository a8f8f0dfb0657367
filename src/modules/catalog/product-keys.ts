import type { Ctx } from '../../kernel/ctx.ts'
import type { FieldError } from './edit-fields.ts'
import type { ProductFields } from './product-fields.ts'
import type { ProductRecord } from './product-record.ts'
import { firstFreeSlug, slugFromName } from './slugs.ts'
import { catalogDb } from './tables.ts'
import { taken } from './unique-violation.ts'

type KeyColumn = 'handle' | 'slug_fr' | 'slug_en'
export type ProductKeys = { handle: string; slugFr: string; slugEn: string }

/**
 * The handle and slugs a product is saved with. A key typed by the editor is kept as typed and
 * must be free (else a field error); a blank one keeps the product's current key, or for a new
 * product is made from the name (accents stripped) with -2, -3… when taken.
 */
export async function resolveProductKeys(ctx: Ctx, f: ProductFields, current: ProductRecord | null): Promise<ProductKeys> {
  const db = catalogDb(ctx.db)
  const takenIn = (column: KeyColumn) => async (candidates: string[]) => {
    let q = db.selectFrom('products').select(column).where(column, 'in', candidates)
    if (current) q = q.where('id', '<>', current.id)
    const rows = (await q.execute()) as Record<KeyColumn, string>[]
    return new Set(rows.map((r) => r[column]))
  }
  const errors: FieldError[] = []
  const pick = async (given: string | null, column: KeyColumn, name: string, path: string, message: string) => {
    if (given !== null) {
      if ((await takenIn(column)([given])).size) errors.push({ path, message })
      return given
    }
    if (current) return current[column]
    return firstFreeSlug(slugFromName(name), takenIn(column))
  }
  const handle = await pick(f.handle, 'handle', f.name.fr, 'handle', 'Cette référence (handle) est déjà celle d’un autre produit')
  const slugFr = await pick(f.slugs.fr, 'slug_fr', f.name.fr, 'slugs.fr', 'Cette adresse en français est déjà celle d’un autre produit')
  const slugEn = await pick(f.slugs.en, 'slug_en', f.name.en, 'slugs.en', 'Cette adresse en anglais est déjà celle d’un autre produit')
  if (errors.length) taken(errors[0]!.path === 'handle' ? 'CATALOG_HANDLE_TAKEN' : 'CATALOG_SLUG_TAKEN', errors)
  return { handle, slugFr, slugEn }
}
