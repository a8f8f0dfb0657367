import { sql } from 'kysely'
import type { Ctx, Locale } from '../../kernel/ctx.ts'
import { normalizeQueryOrThrow } from './normalize-query.ts'
import { planQuery, TS_CONFIG } from './plan-query.ts'
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
  const plan = await planQuery(ctx, query, input.locale, 'autocomplete')
  const tsv = sql.ref(`d.tsv_${input.locale}`)
  const name = sql.ref(`d.name_${input.locale}`)
  const slug = sql.ref(`d.slug_${input.locale}`)
  const r = await sql<{ kind: Suggestion['kind']; label: string; path: string }>`
    WITH tq AS MATERIALIZED (SELECT to_tsquery(${TS_CONFIG[input.locale]}::regconfig, ${plan.tsquery}) AS q)
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
      (SELECT 'product', ${name}, ${PRODUCT_PATH[input.locale]} || ${slug}, 2, ts_rank(${tsv}, (SELECT q FROM tq)), 0
         FROM search_documents d
        WHERE d.prices ? ${input.market} AND ${tsv} @@ (SELECT q FROM tq)
        ORDER BY 5 DESC, d.in_stock DESC, d.featured DESC, d.product_id LIMIT ${limit})
    ) s
    ORDER BY grp, CASE WHEN grp = 0 THEN position END, rank DESC, position, label`.execute(ctx.db)
  return r.rows.map((row) => ({ kind: row.kind, label: row.label, path: row.path }))
}
