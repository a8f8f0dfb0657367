import { z } from 'zod'
import type { Ctx } from '../../kernel/ctx.ts'
import { AppError, notFound } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { recordAudit } from '../audit/index.ts'
import { expectedVersion, flag, integer, optionalSlug, optionalText, parseInput, recordId, requiredText, type FieldError } from './edit-fields.ts'
import { catalogEditDb } from './edit-tables.ts'
import { inTransaction } from '../../kernel/db/in-transaction.ts'
import { firstFreeSlug, slugFromName } from './slugs.ts'
import { refusingDuplicates, taken } from './unique-violation.ts'

/** A collection (a curated selection: "Coffrets de Noël"), created (no collectionId) or edited. */
export const SaveCollectionInput = z
  .object({
    collectionId: recordId('La collection est inconnue').nullish(),
    expectedVersion: expectedVersion().nullish(),
    name: z.object({ fr: requiredText('Le nom en français', 100), en: requiredText('Le nom en anglais', 100) }, { error: 'Le nom est obligatoire' }),
    slugs: z.object({ fr: optionalSlug('L’adresse en français'), en: optionalSlug('L’adresse en anglais') }).default({ fr: null, en: null }),
    description: z.object({ fr: optionalText('La description en français', 5000), en: optionalText('La description en anglais', 5000) }).default({ fr: null, en: null }),
    featured: flag(),
    position: integer('La position', 0, 10_000).nullish(),
  })
  .refine((c) => !c.collectionId || c.expectedVersion != null, { path: ['expectedVersion'], message: 'La version est obligatoire pour modifier une collection' })
export type SaveCollectionInput = z.input<typeof SaveCollectionInput>

export type SavedCollection = { collectionId: string; version: number; created: boolean }

/** Creates or edits a collection's texts; its products are set by setCollectionProducts. Audited. */
export async function saveCollection(ctx: Ctx, raw: SaveCollectionInput): Promise<SavedCollection> {
  const input = parseInput(SaveCollectionInput, raw)
  return inTransaction(ctx, async (tx) => {
    const db = catalogEditDb(tx.db)
    const before = input.collectionId ? await db.selectFrom('collections').selectAll().where('id', '=', input.collectionId).forUpdate().executeTakeFirst() : undefined
    if (input.collectionId && !before) throw notFound('collection')
    if (before && before.version !== input.expectedVersion) {
      throw new AppError('CONFLICT', 'Cette collection a été modifiée entre-temps : rechargez la page pour voir la dernière version.', { currentVersion: before.version })
    }
    const takenIn = (column: 'slug_fr' | 'slug_en') => async (candidates: string[]) => {
      let q = db.selectFrom('collections').select(column).where(column, 'in', candidates)
      if (before) q = q.where('id', '<>', before.id)
      return new Set(((await q.execute()) as Record<string, string>[]).map((r) => r[column]!))
    }
    const errors: FieldError[] = []
    const slugFor = async (lang: 'fr' | 'en') => {
      const column = lang === 'fr' ? 'slug_fr' : 'slug_en'
      const given = input.slugs[lang]
      if (given === null) return before ? before[column] : firstFreeSlug(slugFromName(input.name[lang]), takenIn(column))
      if ((await takenIn(column)([given])).size) errors.push({ path: `slugs.${lang}`, message: `L’adresse « ${given} » est déjà celle d’une autre collection` })
      return given
    }
    const columns = {
      slug_fr: await slugFor('fr'), slug_en: await slugFor('en'), name_fr: input.name.fr, name_en: input.name.en,
      description_fr: input.description.fr, description_en: input.description.en, featured: input.featured,
    }
    if (errors.length) taken('CATALOG_SLUG_TAKEN', errors)
    let id: string
    let version = 1
    if (before) {
      id = before.id
      const row = await refusingDuplicates(() =>
        db.updateTable('collections').set({ ...columns, position: input.position ?? before.position, version: before.version + 1 }).where('id', '=', before.id).returning('version').executeTakeFirstOrThrow(),
      )
      version = row.version
    } else {
      id = newId('col')
      const last = await db.selectFrom('collections').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst()
      const position = input.position ?? (last?.p == null ? 0 : Number(last.p) + 1)
      await refusingDuplicates(() => db.insertInto('collections').values({ id, ...columns, position, version: 1 }).execute())
    }
    const after = await db.selectFrom('collections').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    await recordAudit(tx, { action: before ? 'catalog.collection_updated' : 'catalog.collection_created', entityType: 'collection', entityId: id, before: before ?? null, after })
    return { collectionId: id, version, created: !before }
  })
}
