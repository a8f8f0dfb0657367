import type { Selectable } from 'kysely'
import type { Ctx, Locale } from '../../kernel/ctx.ts'
import { AppError, notFound } from '../../kernel/errors.ts'
import { newId } from '../../kernel/ids.ts'
import { normalizeQueryOrThrow } from './normalize-query.ts'
import { searchDb, type SearchRulesTable } from './tables.ts'
import type { SearchRule } from './types.ts'

// Merchandising rules are data (one back-office screen: create, list, delete), read by every
// search, so a change applies at once.

type Scope = { query: string; categoryId?: undefined } | { categoryId: string; query?: undefined }

export type CreateSearchRuleInput = { locale?: Locale | null } & (
  | ({ action: 'PIN'; productId: string; position: number } & Scope)
  | ({ action: 'BOOST' | 'BURY'; productId: string } & Scope)
  | { action: 'REDIRECT'; query: string; path: string }
)

/**
 * Adds a rule. The query is normalised as shoppers' queries are ("Rhum  Vieux!" → "rhum vieux"),
 * so the rule matches however it is typed. A redirect must be a site path ("/fr/…"), never
 * another site ("//evil.example").
 */
export async function createSearchRule(ctx: Ctx, input: CreateSearchRuleInput): Promise<SearchRule> {
  const query = input.query === undefined ? null : normalizeQueryOrThrow(input.query).text
  const categoryId = input.action !== 'REDIRECT' && input.categoryId !== undefined ? input.categoryId : null
  if ((query === null) === (categoryId === null)) throw new AppError('VALIDATION_FAILED', 'A rule applies to a query or to a category, not both.')
  if (input.action === 'PIN' && (!Number.isInteger(input.position) || input.position < 1)) throw new AppError('VALIDATION_FAILED', 'A pin position is a slot number from 1.')
  if (input.action === 'REDIRECT' && !/^\/(?![/\\])[^\s]*$/.test(input.path)) throw new AppError('VALIDATION_FAILED', 'A redirect goes to a path of this site, starting with a single "/".')
  const row = await searchDb(ctx.db)
    .insertInto('search_rules')
    .values({
      id: newId('rul'),
      action: input.action,
      query,
      category_id: categoryId,
      locale: input.locale ?? null,
      product_id: input.action === 'REDIRECT' ? null : input.productId,
      position: input.action === 'PIN' ? input.position : null,
      redirect_path: input.action === 'REDIRECT' ? input.path : null,
      created_at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toRule(row)
}

/** Rules, newest first; filtered by normalised query or category when given. */
export async function listSearchRules(ctx: Ctx, filter: { query?: string; categoryId?: string } = {}): Promise<SearchRule[]> {
  let q = searchDb(ctx.db).selectFrom('search_rules').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc')
  if (filter.query !== undefined) q = q.where('query', '=', normalizeQueryOrThrow(filter.query).text)
  if (filter.categoryId !== undefined) q = q.where('category_id', '=', filter.categoryId)
  return (await q.execute()).map(toRule)
}

/** Removes a rule; NOT_FOUND when it does not exist. */
export async function deleteSearchRule(ctx: Ctx, id: string): Promise<void> {
  const r = await searchDb(ctx.db).deleteFrom('search_rules').where('id', '=', id).executeTakeFirst()
  if (!r.numDeletedRows) throw notFound('search rule')
}

/** The active rules that apply to these normalised queries or this category, in this language. */
export async function activeRules(ctx: Ctx, input: { queries: string[]; categoryId: string | null; locale: Locale }): Promise<SearchRule[]> {
  if (!input.queries.length && !input.categoryId) return []
  const rows = await searchDb(ctx.db)
    .selectFrom('search_rules')
    .selectAll()
    .where('active', '=', true)
    .where((eb) => eb.or([...(input.queries.length ? [eb('query', 'in', input.queries)] : []), ...(input.categoryId ? [eb('category_id', '=', input.categoryId)] : [])]))
    .where((eb) => eb.or([eb('locale', 'is', null), eb('locale', '=', input.locale)]))
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  return rows.map(toRule)
}

function toRule(row: Selectable<SearchRulesTable>): SearchRule {
  return {
    id: row.id, action: row.action, query: row.query, categoryId: row.category_id, locale: row.locale, productId: row.product_id,
    position: row.position, redirectPath: row.redirect_path, active: row.active, createdAt: row.created_at,
  }
}
