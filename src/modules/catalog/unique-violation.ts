import { AppError } from '../../kernel/errors.ts'

// Two editors saving at the same moment can both pass the "is it free?" check; the UNIQUE
// constraints then refuse the second write. This turns that refusal into the same field error
// the check gives, instead of a 500.
const BY_CONSTRAINT: Record<string, { code: 'CATALOG_SLUG_TAKEN' | 'CATALOG_HANDLE_TAKEN' | 'CATALOG_SKU_TAKEN'; path: string; message: string }> = {
  products_handle_key: { code: 'CATALOG_HANDLE_TAKEN', path: 'handle', message: 'Cette référence (handle) est déjà celle d’un autre produit' },
  products_slug_fr_key: { code: 'CATALOG_SLUG_TAKEN', path: 'slugs.fr', message: 'Cette adresse en français est déjà celle d’un autre produit' },
  products_slug_en_key: { code: 'CATALOG_SLUG_TAKEN', path: 'slugs.en', message: 'Cette adresse en anglais est déjà celle d’un autre produit' },
  product_variants_sku_key: { code: 'CATALOG_SKU_TAKEN', path: 'sku', message: 'Ce SKU est déjà celui d’une autre variante' },
  categories_code_key: { code: 'CATALOG_SLUG_TAKEN', path: 'code', message: 'Ce code de catégorie est déjà pris' },
  categories_parent_id_slug_fr_key: { code: 'CATALOG_SLUG_TAKEN', path: 'slugs.fr', message: 'Cette adresse en français est déjà celle d’une catégorie sœur' },
  categories_parent_id_slug_en_key: { code: 'CATALOG_SLUG_TAKEN', path: 'slugs.en', message: 'Cette adresse en anglais est déjà celle d’une catégorie sœur' },
  categories_top_slug_fr_key: { code: 'CATALOG_SLUG_TAKEN', path: 'slugs.fr', message: 'Cette adresse en français est déjà celle d’une catégorie principale' },
  categories_top_slug_en_key: { code: 'CATALOG_SLUG_TAKEN', path: 'slugs.en', message: 'Cette adresse en anglais est déjà celle d’une catégorie principale' },
  collections_slug_fr_key: { code: 'CATALOG_SLUG_TAKEN', path: 'slugs.fr', message: 'Cette adresse en français est déjà celle d’une autre collection' },
  collections_slug_en_key: { code: 'CATALOG_SLUG_TAKEN', path: 'slugs.en', message: 'Cette adresse en anglais est déjà celle d’une autre collection' },
}

/** Runs a write; a UNIQUE violation on a catalogue key becomes its AppError (409 with the field). */
export async function refusingDuplicates<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (err) {
    const e = err as { code?: string; constraint?: string }
    const known = e.code === '23505' && e.constraint ? BY_CONSTRAINT[e.constraint] : undefined
    if (known) throw new AppError(known.code, known.message, [{ path: known.path, message: known.message }])
    throw err
  }
}

/** A key taken by another record, found by the check before writing. */
export function taken(code: 'CATALOG_SLUG_TAKEN' | 'CATALOG_HANDLE_TAKEN' | 'CATALOG_SKU_TAKEN', errors: { path: string; message: string }[]): never {
  throw new AppError(code, errors.map((e) => e.message).join(' · '), errors)
}
