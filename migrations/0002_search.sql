-- Lakou 0002: the search index (module: search).
-- One denormalised row per sellable product, so a search is one indexed scan with no join.
-- The rows are derived data: `reindex` rebuilds them from the read model below.

-- Read model of what search needs from the catalogue, producers and stock. The search module
-- reads other modules' tables only through this view (ARCHITECTURE.md §5), so ownership stays visible.
CREATE VIEW search_product_source AS
WITH RECURSIVE category_paths AS (
  SELECT c.id, ARRAY[c.id] AS ids, ARRAY[c.name_fr] AS names_fr, ARRAY[c.name_en] AS names_en
    FROM categories c WHERE c.parent_id IS NULL
  UNION ALL
  SELECT c.id, cp.ids || c.id, cp.names_fr || c.name_fr, cp.names_en || c.name_en
    FROM categories c JOIN category_paths cp ON c.parent_id = cp.id
)
SELECT p.id AS product_id,
       p.status,
       p.category_id,
       cp.ids AS category_ids,
       cp.ids[1] AS category_top,
       cp.ids[2] AS category_sub,
       array_to_string(cp.names_fr, ' ') AS category_names_fr,
       array_to_string(cp.names_en, ' ') AS category_names_en,
       p.producer_id,
       pr.trade_name AS producer_name,
       p.origin_commune AS commune,
       p.name_fr, p.name_en, p.slug_fr, p.slug_en,
       coalesce(p.description_fr, '') || ' ' || array_to_string(p.selling_points_fr, ' ') AS body_fr,
       coalesce(p.description_en, '') || ' ' || array_to_string(p.selling_points_en, ' ') AS body_en,
       coalesce(lb.codes, '{}') AS labels,
       -- label names and code words ('AB_BIO' → 'AB BIO'), so "bio" finds organic products
       coalesce(lb.names_fr, '') AS label_names_fr,
       coalesce(lb.names_en, '') AS label_names_en,
       -- lowest consumer price per market among variants sold to consumers (B2B-only packs excluded)
       coalesce(pc.prices, '{}'::jsonb) AS prices,
       coalesce(st.in_stock, false) AS in_stock,
       p.featured,
       p.created_at
  FROM products p
  JOIN category_paths cp ON cp.id = p.category_id
  -- only products of producers currently selling (not applicants, paused or ended)
  JOIN producers pr ON pr.id = p.producer_id AND pr.status = 'ACTIVE'
  LEFT JOIN LATERAL (
    SELECT array_agg(l.code ORDER BY l.code) AS codes,
           string_agg(l.label_fr || ' ' || replace(l.code, '_', ' '), ' ') AS names_fr,
           string_agg(l.label_en || ' ' || replace(l.code, '_', ' '), ' ') AS names_en
      FROM product_labels pl JOIN labels l ON l.code = pl.label_code WHERE pl.product_id = p.id
  ) lb ON true
  LEFT JOIN LATERAL (
    SELECT jsonb_object_agg(m.market, m.amount) AS prices FROM (
      SELECT vp.market, min(vp.amount) AS amount
        FROM product_variants v JOIN variant_prices vp ON vp.variant_id = v.id
       WHERE v.product_id = p.id AND v.status = 'ACTIVE' AND NOT v.b2b_only AND vp.price_list = 'RETAIL'
       GROUP BY vp.market
    ) m
  ) pc ON true
  LEFT JOIN LATERAL (
    -- made-to-order variants (cut flowers) can always be ordered: they count as available.
    -- A scalar subquery per variant, so the variant id reaches the view's GROUP BY as a qual and
    -- uses the stock index (a join against the view aggregated all stock per product: O(n²)).
    SELECT bool_or(v.made_to_order OR (SELECT a.available FROM variant_availability a WHERE a.variant_id = v.id) > 0) AS in_stock
      FROM product_variants v
     WHERE v.product_id = p.id AND v.status = 'ACTIVE' AND NOT v.b2b_only
  ) st ON true;

-- Categories and producers as autocomplete suggestions, with their localised paths' parts.
CREATE VIEW search_category_source AS
SELECT c.id, c.position, c.name_fr, c.name_en,
       CASE WHEN parent.id IS NULL THEN c.slug_fr ELSE parent.slug_fr || '/' || c.slug_fr END AS path_fr,
       CASE WHEN parent.id IS NULL THEN c.slug_en ELSE parent.slug_en || '/' || c.slug_en END AS path_en,
       CASE WHEN parent.id IS NULL THEN 0 ELSE 1 END AS depth
  FROM categories c LEFT JOIN categories parent ON parent.id = c.parent_id;

CREATE VIEW search_producer_source AS
SELECT id, slug, trade_name, commune FROM producers WHERE status = 'ACTIVE' AND kind = 'producer';

-- One row per ACTIVE product. tsvectors are computed at index time with unaccent, which is not
-- IMMUTABLE and so cannot feed a generated column.
-- Ranking reads the same vectors with weighted queries (name words only: 'rhum':A) instead of
-- ts_rank, so it costs a lookup per match, not a scoring pass over every position.
CREATE TABLE search_documents (
  product_id text PRIMARY KEY REFERENCES products(id) ON DELETE CASCADE,
  category_ids text[] NOT NULL,             -- own category and its ancestors
  category_top text NOT NULL,               -- facet: the top category
  category_sub text,                        -- facet: the subcategory (null for a product filed in a top category)
  producer_id text NOT NULL,
  commune text,
  labels text[] NOT NULL DEFAULT '{}',
  prices jsonb NOT NULL DEFAULT '{}',       -- { "FR-MAINLAND": 2790, "GP": 1850 } lowest retail cents, tax included
  in_stock boolean NOT NULL,
  featured boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  name_fr text NOT NULL,
  name_en text NOT NULL,
  slug_fr text NOT NULL,
  slug_en text NOT NULL,
  tsv_fr tsvector NOT NULL,
  tsv_en tsvector NOT NULL,
  indexed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX search_documents_tsv_fr_idx ON search_documents USING gin (tsv_fr);
CREATE INDEX search_documents_tsv_en_idx ON search_documents USING gin (tsv_en);
CREATE INDEX search_documents_categories_idx ON search_documents USING gin (category_ids);
CREATE INDEX search_documents_prices_idx ON search_documents USING gin (prices jsonb_ops);
CREATE INDEX search_documents_created_idx ON search_documents (created_at DESC);

-- The index version: bumped in the same transaction as any change to what search reads (documents,
-- vocabulary, suggestions, synonyms, rules), by statement triggers, so even an edit made with plain
-- SQL counts. Every search reads it (one tiny row) and keys its in-memory caches with it, so a cache
-- never serves results older than the committed index, in any process.
CREATE TABLE search_index_state (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL DEFAULT 1
);
INSERT INTO search_index_state DEFAULT VALUES;
CREATE FUNCTION search_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE search_index_state SET version = version + 1;
  RETURN NULL;
END $$;
CREATE TRIGGER search_documents_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON search_documents FOR EACH STATEMENT EXECUTE FUNCTION search_bump_version();
CREATE TRIGGER search_synonyms_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON search_synonyms FOR EACH STATEMENT EXECUTE FUNCTION search_bump_version();
CREATE TRIGGER search_rules_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON search_rules FOR EACH STATEMENT EXECUTE FUNCTION search_bump_version();

-- Vocabulary for typo correction: surface words (lowercase, unaccented) and their stem per language.
CREATE TABLE search_terms (
  locale text NOT NULL CHECK (locale IN ('fr', 'en')),
  term text NOT NULL,
  stem text,
  frequency integer NOT NULL DEFAULT 1,
  PRIMARY KEY (locale, term)
);
CREATE INDEX search_terms_trgm_idx ON search_terms USING gist (term gist_trgm_ops);
CREATE INDEX search_terms_prefix_idx ON search_terms (locale, term text_pattern_ops);
CREATE INDEX search_terms_stem_idx ON search_terms (locale, stem);
CREATE TRIGGER search_terms_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON search_terms FOR EACH STATEMENT EXECUTE FUNCTION search_bump_version();

-- Categories and producers offered by autocomplete, per language.
CREATE TABLE search_suggestions (
  kind text NOT NULL CHECK (kind IN ('category', 'producer')),
  ref_id text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('fr', 'en')),
  label text NOT NULL,
  path text NOT NULL,
  position integer NOT NULL DEFAULT 0,
  tsv tsvector NOT NULL,
  PRIMARY KEY (kind, ref_id, locale)
);
CREATE INDEX search_suggestions_tsv_idx ON search_suggestions USING gin (tsv);
CREATE TRIGGER search_suggestions_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON search_suggestions FOR EACH STATEMENT EXECUTE FUNCTION search_bump_version();

CREATE INDEX search_synonyms_terms_idx ON search_synonyms USING gin (terms);

-- Names shown next to facet values, in both languages.
CREATE VIEW search_facet_labels AS
SELECT 'category' AS facet, id AS value, name_fr AS label_fr, name_en AS label_en, parent_id, position FROM categories
UNION ALL
SELECT 'producer', id, trade_name, trade_name, NULL, 0 FROM producers
UNION ALL
SELECT 'label', code, label_fr, label_en, NULL, 0 FROM labels;
