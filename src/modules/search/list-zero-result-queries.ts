import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'
import type { ZeroResultQuery } from './types.ts'

/** The queries that found nothing since a date, most asked first: words to add as synonyms or products. */
export async function listZeroResultQueries(ctx: Ctx, input: { since: Date; limit: number }): Promise<ZeroResultQuery[]> {
  const r = await sql<{ normalized: string; locale: string; count: number; last_asked_at: Date; example: string }>`
    SELECT normalized, locale, count(*)::int AS count, max(created_at) AS last_asked_at, (array_agg(query ORDER BY id DESC))[1] AS example
      FROM search_queries
     WHERE result_count = 0 AND created_at >= ${input.since}
     GROUP BY normalized, locale
     ORDER BY count DESC, last_asked_at DESC, normalized
     LIMIT ${Math.max(1, Math.min(input.limit, 1000))}`.execute(ctx.db)
  return r.rows.map((row) => ({ normalized: row.normalized, locale: row.locale, count: row.count, lastAskedAt: row.last_asked_at, example: row.example }))
}
