import { sql } from 'kysely'
import type { Ctx } from '../../kernel/ctx.ts'

/**
 * Rebuilds the search rows of these products (all when omitted) from the read model
 * `search_product_source`: one row per ACTIVE product, tsvectors per language built with unaccent
 * (weights: A name, B categories, producer and commune, C labels, D description), then adds the
 * products' words to the typo vocabulary. Archived or draft products lose their row.
 * A full rebuild also refreshes the category and producer suggestions of autocomplete.
 */
export async function reindex(ctx: Ctx, productIds?: string[]): Promise<void> {
  if (productIds && productIds.length === 0) return
  const ids = productIds ? sql`AND product_id = ANY(${productIds}::text[])` : sql``
  // Inside the caller's transaction when there is one (Kysely refuses nested transactions).
  const inTx = <T>(fn: (trx: Ctx['db']) => Promise<T>) => (ctx.db.isTransaction ? fn(ctx.db) : ctx.db.transaction().execute(fn))
  await inTx(async (trx) => {
    await sql`DELETE FROM search_documents WHERE true ${ids}`.execute(trx)
    await sql`
      INSERT INTO search_documents (product_id, category_ids, category_top, category_sub, producer_id, commune, labels, prices, in_stock, featured, created_at,
                                    name_fr, name_en, slug_fr, slug_en, tsv_fr, tsv_en)
      SELECT product_id, category_ids, category_top, category_sub, producer_id, commune, labels, prices, in_stock, featured, created_at,
             name_fr, name_en, slug_fr, slug_en,
             setweight(to_tsvector('french', unaccent(name_fr)), 'A')
               || setweight(to_tsvector('french', unaccent(category_names_fr || ' ' || producer_name || ' ' || coalesce(commune, ''))), 'B')
               || setweight(to_tsvector('french', unaccent(label_names_fr)), 'C')
               || setweight(to_tsvector('french', unaccent(body_fr)), 'D'),
             setweight(to_tsvector('english', unaccent(name_en)), 'A')
               || setweight(to_tsvector('english', unaccent(category_names_en || ' ' || producer_name || ' ' || coalesce(commune, ''))), 'B')
               || setweight(to_tsvector('english', unaccent(label_names_en)), 'C')
               || setweight(to_tsvector('english', unaccent(body_en)), 'D')
        FROM search_product_source
       WHERE status = 'ACTIVE' ${ids}`.execute(trx)
    // Vocabulary: every word of the indexed texts, with its stem so "coffees" counts as known.
    // A partial reindex only adds words; a full one recounts (stale words only widen corrections).
    if (!productIds) await sql`DELETE FROM search_terms`.execute(trx)
    await sql`
      INSERT INTO search_terms (locale, term, stem, frequency)
      SELECT w.locale, w.term, (ts_lexize(CASE w.locale WHEN 'fr' THEN 'french_stem' ELSE 'english_stem' END::regdictionary, w.term))[1], count(DISTINCT w.product_id)::int
        FROM (
          SELECT s.product_id, x.locale, regexp_split_to_table(lower(unaccent(x.body)), '[^a-z0-9]+') AS term
            FROM search_product_source s
            CROSS JOIN LATERAL (VALUES
              ('fr', s.name_fr || ' ' || s.category_names_fr || ' ' || s.producer_name || ' ' || coalesce(s.commune, '') || ' ' || s.label_names_fr || ' ' || s.body_fr),
              ('en', s.name_en || ' ' || s.category_names_en || ' ' || s.producer_name || ' ' || coalesce(s.commune, '') || ' ' || s.label_names_en || ' ' || s.body_en)
            ) AS x(locale, body)
           WHERE s.status = 'ACTIVE' ${ids}
        ) w
       WHERE length(w.term) >= 2
       GROUP BY w.locale, w.term
      ON CONFLICT (locale, term) DO NOTHING`.execute(trx)
    if (!productIds) await rebuildSuggestions(trx)
  })
  // Fresh statistics after a full rebuild, so the planner sizes matches and facets right.
  if (!productIds && !ctx.db.isTransaction) await sql`ANALYZE search_documents, search_terms`.execute(ctx.db)
}

// Categories match on their own name; top categories come before subcategories (position = depth·1000 + position).
async function rebuildSuggestions(trx: Ctx['db']): Promise<void> {
  await sql`DELETE FROM search_suggestions`.execute(trx)
  await sql`
    INSERT INTO search_suggestions (kind, ref_id, locale, label, path, position, tsv)
    SELECT 'category', id, 'fr', name_fr, '/fr/c/' || path_fr, depth * 1000 + position, to_tsvector('french', unaccent(name_fr)) FROM search_category_source
    UNION ALL
    SELECT 'category', id, 'en', name_en, '/en/c/' || path_en, depth * 1000 + position, to_tsvector('english', unaccent(name_en)) FROM search_category_source
    UNION ALL
    SELECT 'producer', id, 'fr', trade_name, '/fr/producteurs/' || slug, 0, to_tsvector('french', unaccent(trade_name || ' ' || coalesce(commune, ''))) FROM search_producer_source
    UNION ALL
    SELECT 'producer', id, 'en', trade_name, '/en/producers/' || slug, 0, to_tsvector('english', unaccent(trade_name || ' ' || coalesce(commune, ''))) FROM search_producer_source`.execute(trx)
}
