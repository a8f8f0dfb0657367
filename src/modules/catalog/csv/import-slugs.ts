import type { Ctx } from '../../../kernel/ctx.ts'
import type { ProductRecord } from '../product-record.ts'
import { firstFreeSlug, slugFromName } from '../slugs.ts'
import { catalogDb } from '../tables.ts'
import type { CheckedProduct } from './check-rows.ts'
import type { CsvError } from './report.ts'
import { anyOf } from '../any-of.ts'

const COLUMN = { fr: 'slug_fr', en: 'slug_en' } as const

/**
 * The slugs each product of the file gets. A slug in the file must not be another product's (in
 * the database or earlier in the file); a blank one keeps the product's current slug, or for a new
 * product is made from its name with -2, -3… past the taken ones. One query per language for the
 * slugs the file names and one for the names' bases; more only when a base is taken.
 */
export async function resolveImportSlugs(ctx: Ctx, products: CheckedProduct[], byHandle: Map<string, ProductRecord>, errors: CsvError[]) {
  const out = new Map<string, { slugFr: string; slugEn: string }>()
  const chosen = { fr: new Map<string, string>(), en: new Map<string, string>() }
  for (const lang of ['fr', 'en'] as const) {
    const column = COLUMN[lang]
    const ownerIn = async (slugs: string[]) => {
      if (!slugs.length) return new Map<string, string>()
      const rows = (await catalogDb(ctx.db).selectFrom('products').select(['id', column]).where(anyOf(column, slugs)).execute()) as ({ id: string } & Record<string, string>)[]
      return new Map(rows.map((r) => [r[column]!, r.id]))
    }
    const usedInFile = new Map<string, { handle: string; line: number }>()
    const given = products.filter((p) => p.fields.slugs[lang] !== null)
    const owners = await ownerIn(given.map((p) => p.fields.slugs[lang]!))
    for (const p of given) {
      const slug = p.fields.slugs[lang]!
      const owner = owners.get(slug)
      const earlier = usedInFile.get(slug)
      if (earlier) errors.push({ line: p.line, column, message: `L’adresse « ${slug} » est déjà celle du produit ${earlier.handle} (ligne ${earlier.line})` })
      else if (owner && owner !== byHandle.get(p.handle)?.id) errors.push({ line: p.line, column, message: `L’adresse « ${slug} » est déjà celle d’un autre produit` })
      usedInFile.set(slug, { handle: p.handle, line: p.line })
      chosen[lang].set(p.handle, slug)
    }
    for (const p of products) {
      const current = byHandle.get(p.handle)
      if (!chosen[lang].has(p.handle) && current) {
        chosen[lang].set(p.handle, current[column])
        usedInFile.set(current[column], { handle: p.handle, line: p.line })
      }
    }
    const fresh = products.filter((p) => !chosen[lang].has(p.handle))
    const takenBases = await ownerIn([...new Set(fresh.map((p) => slugFromName(p.fields.name[lang])))])
    for (const p of fresh) {
      const base = slugFromName(p.fields.name[lang])
      const slug = !takenBases.has(base) && !usedInFile.has(base)
        ? base
        : await firstFreeSlug(base, async (candidates) => new Set([...(await ownerIn(candidates)).keys(), ...candidates.filter((c) => usedInFile.has(c))]))
      usedInFile.set(slug, { handle: p.handle, line: p.line })
      chosen[lang].set(p.handle, slug)
    }
  }
  for (const p of products) out.set(p.handle, { slugFr: chosen.fr.get(p.handle)!, slugEn: chosen.en.get(p.handle)! })
  return out
}
