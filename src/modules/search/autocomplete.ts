import { sql } from 'kysely'
import type { Ctx, Locale } from '../../kernel/ctx.ts'
import { normalizeQueryOrThrow, type NormalizedQuery } from './normalize-query.ts'
import { planQuery, TS_CONFIG } from './plan-query.ts'
import { cacheScope, peek, type CacheScope } from './search-cache.ts'
import type { Suggestion } from './types.ts'

export type AutocompleteInput = { prefix: string; locale: Locale; market: string; limit: number }

const PRODUCT_PATH: Record<Locale, string> = { fr: '/fr/p/', en: '/en/p/' }

/**
 * Suggestions while typing: categories, producers, then products sold in the market, each kind
 * limited to `limit`. The last word is a prefix ("vani" → vanille) and typos are corrected as in
 * search ("vanjl" → "vanil…"). One letter suggests nothing: it would match half the catalogue.
 * Paths are the storefront's: /fr/c/<parent>/<child>, /fr/producteurs/<slug>, /fr/p/<slug>
 * (/en/c/…, /en/producers/…, /en/p/… in English).
 */
export async function autocomplete(ctx: Ctx, input: AutocompleteInput): Promise<Suggestion[]> {
  const query = normalizeQueryOrThrow(input.prefix)
  if (query.text.length < 2) return []
  const limit = Math.min(20, Math.max(1, Math.floor(input.limit) || 5))
  // Cached per index version like search (search-cache.ts): a keystroke repeated by many shoppers
  // costs one round trip.
  const key = JSON.stringify(['autocomplete', input.locale, input.market, query.text, limit])
  const cached = peek<Suggestion[]>(ctx, key)
  const scope = await cacheScope(ctx)
  if (cached && cached.version === scope.version) return cached.value.map((s) => ({ ...s }))
  return (await scope.memo(key, () => suggest(ctx, scope, query, input, limit))).map((s) => ({ ...s }))
}

async function suggest(ctx: Ctx, scope: CacheScope, query: NormalizedQuery, input: AutocompleteInput, limit: number): Promise<Suggestion[]> {
  const plan = await scope.memo(`plan|${input.locale}|autocomplete|${query.text}`, () => planQuery(ctx, query, input.locale, 'autocomplete'))
  const tsv = sql.ref(`d.tsv_${input.locale}`)
  const name = sql.ref(`d.name_${input.locale}`)
  const slug = sql.ref(`d.slug_${input.locale}`)
  // Products rank by cheap signals (all words in the name, then in name/category/producer/commune),
  // weighted queries rather than ts_rank: a short prefix can match a third of the catalogue.
  const r = await sql<{ kind: Suggestion['kind']; label: string; path: string }>`
    WITH tq AS MATERIALIZED (
      SELECT to_tsquery(${TS_CONFIG[input.locale]}::regconfig, ${plan.tsquery}) AS q, to_tsquery(${TS_CONFIG[input.locale]}::regconfig, ${plan.nameTsquery}) AS qa,
             to_tsquery(${TS_CONFIG[input.locale]}::regconfig, ${plan.keyTsquery}) AS qb
    )
    SELECT kind, label, path FROM (
      (SELECT s.kind, s.label, s.path, 0 AS grp, ts_rank(s.tsv, (SELECT q FROM tq)) AS rank, s.position
         FROM search_suggestions s
        WHERE s.kind = 'category' AND s.locale = ${input.locale} AND s.tsv @@ (SELECT q FROM tq)
        ORDER BY s.position, s.label LIMIT ${limit})
      UNION ALL
      (SELECT s.kind, s.label, s.path, 1, ts_rank(s.tsv, (SELECT q FROM tq)), 0
         FROM search_suggestions s
        WHERE s.kind = 'producer' AND s.locale = ${input.locale} AND s.tsv @@ (SELECT q FROM tq)
        ORDER BY 5 DESC, s.label LIMIT ${limit})
      UNION ALL
      (SELECT 'product', ${name}, ${PRODUCT_PATH[input.locale]} || ${slug}, 2,
              CASE WHEN ${tsv} @@ (SELECT qa FROM tq) THEN 2 WHEN ${tsv} @@ (SELECT qb FROM tq) THEN 1 ELSE 0 END, 0
         FROM search_documents d
        WHERE d.prices ? ${input.market} AND ${tsv} @@ (SELECT q FROM tq)
        ORDER BY 5 DESC, d.in_stock DESC, d.featured DESC, d.created_at DESC, d.product_id LIMIT ${limit})
    ) s
    ORDER BY grp, CASE WHEN grp = 0 THEN position END, rank DESC, position, label`.execute(ctx.db)
  return r.rows.map((row) => ({ kind: row.kind, label: row.label, path: row.path }))
}
