import type { Ctx, Locale } from '../../kernel/ctx.ts'
import { AppError, notFound } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { normalizeQueryOrThrow } from './normalize-query.ts'
import { searchDb } from './tables.ts'
import type { SynonymGroupRecord } from './types.ts'

// Synonym groups are data, read by every search (no cache, so an edit applies at once).
// The three small use cases share one file: they are one back-office screen.

export type CreateSynonymGroupInput = { locale: Locale; terms: string[]; oneWay?: boolean }

/** Adds a group of equivalent terms; each term is normalised like a query ("Ti-Punch" → "ti punch"). */
export async function createSynonymGroup(ctx: Ctx, input: CreateSynonymGroupInput): Promise<SynonymGroupRecord> {
  const terms = [...new Set(input.terms.map((t) => normalizeQueryOrThrow(t).text))]
  if (terms.length < 2) throw new AppError('VALIDATION_FAILED', 'A synonym group needs at least two different terms.')
  const row = await searchDb(ctx.db)
    .insertInto('search_synonyms')
    .values({ id: newId('syn'), locale: input.locale, terms, one_way: input.oneWay ?? false, created_at: ctx.now })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toRecord(row)
}

/** Synonym groups of one language (both when omitted), oldest first. */
export async function listSynonymGroups(ctx: Ctx, filter: { locale?: Locale } = {}): Promise<SynonymGroupRecord[]> {
  let q = searchDb(ctx.db).selectFrom('search_synonyms').selectAll().orderBy('created_at').orderBy('id')
  if (filter.locale) q = q.where('locale', '=', filter.locale)
  return (await q.execute()).map(toRecord)
}

/** Removes a synonym group; NOT_FOUND when it does not exist. */
export async function deleteSynonymGroup(ctx: Ctx, id: string): Promise<void> {
  const r = await searchDb(ctx.db).deleteFrom('search_synonyms').where('id', '=', id).executeTakeFirst()
  if (!r.numDeletedRows) throw notFound('synonym group')
}

/** Replaces all groups of a language at once (seed, import). */
export async function replaceSynonymGroups(ctx: Ctx, locale: Locale, groups: string[][]): Promise<void> {
  await searchDb(ctx.db).deleteFrom('search_synonyms').where('locale', '=', locale).execute()
  for (const terms of groups) await createSynonymGroup(ctx, { locale, terms })
}

function toRecord(row: { id: string; locale: Locale; terms: string[]; one_way: boolean; created_at: Date }): SynonymGroupRecord {
  return { id: row.id, locale: row.locale, terms: row.terms, oneWay: row.one_way, createdAt: row.created_at }
}
