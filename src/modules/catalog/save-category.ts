import { sql } from 'kysely'
import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError, notFound } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { recordAudit } from '../audit/index.ts'
import { expectedVersion, integer, invalid, optionalText, optionalSlug, parseInput, recordId, requiredText, type FieldError } from './edit-fields.ts'
import { catalogEditDb } from './edit-tables.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { firstFreeSlug, slugFromName } from './slugs.ts'
import { refusingDuplicates, taken } from './unique-violation.ts'

const CODE = /^[a-z0-9]+([_/-][a-z0-9]+)*$/

/** A category of the tree, created (no categoryId) or edited; names, slugs and descriptions in French and English. */
export const SaveCategoryInput = z
  .object({
    categoryId: recordId('La catégorie est inconnue').nullish(),
    expectedVersion: expectedVersion().nullish(),
    parentId: z.string().nullish().transform((s) => (s == null || s.trim() === '' ? null : s)),
    /** stable code used by the import ('rum/rhum_vieux'); blank: made from the parent's code and the English name */
    code: z.string().nullish().transform((s) => (s == null || s.trim() === '' ? null : s.trim()))
      .refine((s) => s === null || (CODE.test(s) && s.length <= 100), 'Le code : minuscules, chiffres, _ - et / (ex. rum/rhum_vieux)'),
    name: z.object({ fr: requiredText('Le nom en français', 100), en: requiredText('Le nom en anglais', 100) }, { error: 'Le nom est obligatoire' }),
    slugs: z.object({ fr: optionalSlug('L’adresse en français'), en: optionalSlug('L’adresse en anglais') }).default({ fr: null, en: null }),
    description: z.object({ fr: optionalText('La description en français', 5000), en: optionalText('La description en anglais', 5000) }).default({ fr: null, en: null }),
    position: integer('La position', 0, 10_000).nullish(),
  })
  .refine((c) => !c.categoryId || c.expectedVersion != null, { path: ['expectedVersion'], message: 'La version est obligatoire pour modifier une catégorie' })
export type SaveCategoryInput = z.input<typeof SaveCategoryInput>

export type SavedCategory = { categoryId: string; version: number; code: string; created: boolean; affectedProductIds: string[] }

/**
 * Creates or edits a category. Slugs are unique among siblings (blank: made from the name, -2,
 * -3… when taken); a category cannot move under itself or one of its descendants. Returns the
 * ACTIVE products filed under it (any depth): their search rows carry the category names.
 */
export async function saveCategory(ctx: Ctx, raw: SaveCategoryInput): Promise<SavedCategory> {
  const input = parseInput(SaveCategoryInput, raw)
  return inTransaction(ctx, async (tx) => {
    const db = catalogEditDb(tx.db)
    const before = input.categoryId ? await db.selectFrom('categories').selectAll().where('id', '=', input.categoryId).forUpdate().executeTakeFirst() : undefined
    if (input.categoryId && !before) throw notFound('category')
    if (before && before.version !== input.expectedVersion) {
      throw new AppError('CONFLICT', 'Cette catégorie a été modifiée entre-temps : rechargez la page pour voir la dernière version.', { currentVersion: before.version })
    }
    const parent = input.parentId ? await db.selectFrom('categories').select(['id', 'code']).where('id', '=', input.parentId).executeTakeFirst() : null
    if (input.parentId && !parent) invalid([{ path: 'parentId', message: 'Catégorie parente inconnue' }])
    const subtree = before ? await subtreeIds(tx, before.id) : []
    if (parent && subtree.includes(parent.id)) invalid([{ path: 'parentId', message: 'Une catégorie ne peut pas être rangée sous elle-même ni sous une de ses sous-catégories' }])

    const selfId = before?.id ?? null
    const takenAmongSiblings = (column: 'slug_fr' | 'slug_en') => async (candidates: string[]) => {
      let q = db.selectFrom('categories').select(column).where(column, 'in', candidates)
      q = parent ? q.where('parent_id', '=', parent.id) : q.where('parent_id', 'is', null)
      if (selfId) q = q.where('id', '<>', selfId)
      return new Set(((await q.execute()) as Record<string, string>[]).map((r) => r[column]!))
    }
    const errors: FieldError[] = []
    const slugFor = async (lang: 'fr' | 'en') => {
      const column = lang === 'fr' ? 'slug_fr' : 'slug_en'
      const given = input.slugs[lang] ?? (before && (await takenAmongSiblings(column)([before[column]])).size === 0 ? before[column] : null)
      if (given === null) return firstFreeSlug(slugFromName(input.name[lang]), takenAmongSiblings(column))
      if (input.slugs[lang] && (await takenAmongSiblings(column)([given])).size) errors.push({ path: `slugs.${lang}`, message: `L’adresse « ${given} » est déjà celle d’une catégorie au même niveau` })
      return given
    }
    const slugFr = await slugFor('fr')
    const slugEn = await slugFor('en')
    const codeTaken = async (candidates: string[]) => {
      let q = db.selectFrom('categories').select('code').where('code', 'in', candidates)
      if (selfId) q = q.where('id', '<>', selfId)
      return new Set((await q.execute()).map((r) => r.code))
    }
    const code = input.code ?? before?.code ?? (await firstFreeSlug(`${parent ? `${parent.code}/` : ''}${slugEn.replace(/-/g, '_')}`, codeTaken))
    if (input.code && (await codeTaken([input.code])).size) errors.push({ path: 'code', message: `Le code ${input.code} est déjà celui d’une autre catégorie` })
    if (errors.length) taken('CATALOG_SLUG_TAKEN', errors)

    const columns = {
      code, parent_id: parent?.id ?? null, slug_fr: slugFr, slug_en: slugEn, name_fr: input.name.fr, name_en: input.name.en,
      description_fr: input.description.fr, description_en: input.description.en,
    }
    let id = before?.id
    let version = 1
    if (before) {
      const row = await refusingDuplicates(() =>
        db.updateTable('categories').set({ ...columns, position: input.position ?? before.position, version: before.version + 1 }).where('id', '=', before.id).returning('version').executeTakeFirstOrThrow(),
      )
      version = row.version
    } else {
      id = newId('cat')
      const last = await sql<{ p: number | null }>`select max(position) as p from categories where ${parent ? sql`parent_id = ${parent.id}` : sql`parent_id is null`}`.execute(tx.db)
      const position = input.position ?? (last.rows[0]?.p == null ? 0 : Number(last.rows[0].p) + 1)
      const newIdValue = id
      await refusingDuplicates(() => db.insertInto('categories').values({ id: newIdValue, ...columns, position, version: 1 }).execute())
    }
    const after = await db.selectFrom('categories').selectAll().where('id', '=', id!).executeTakeFirstOrThrow()
    await recordAudit(tx, { action: before ? 'catalog.category_updated' : 'catalog.category_created', entityType: 'category', entityId: id!, before: before ?? null, after })
    const affectedProductIds = before
      ? (await db.selectFrom('products').select('id').where('status', '=', 'ACTIVE').where('category_id', 'in', subtree).execute()).map((r) => r.id)
      : []
    return { categoryId: id!, version, code, created: !before, affectedProductIds }
  })
}

/** The category and all its descendants (recursive walk on categories_parent_idx). */
async function subtreeIds(ctx: Ctx, id: string): Promise<string[]> {
  const r = await sql<{ id: string }>`
    with recursive sub as (
      select id from categories where id = ${id}
      union all
      select c.id from categories c join sub on c.parent_id = sub.id
    ) select id from sub`.execute(ctx.db)
  return r.rows.map((x) => x.id)
}
