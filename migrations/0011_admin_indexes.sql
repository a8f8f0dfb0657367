-- Lakou 0011: indexes of the back office's read models (product table, order desk, finance lists,
-- outbox). Each one serves a query of modules/*/list-admin-products.ts, search-orders.ts,
-- list-documents.ts or list-outbox.ts; checked with EXPLAIN ANALYZE on 100,000 products and
-- 1,000,000 orders (scripts/bench-admin.ts). PostgreSQL 15 syntax.

-- Case- and accent-insensitive text for matching ("Hélène" is found by "helene"). unaccent() is
-- only STABLE (its dictionary is a setting), so it cannot feed an index; this wrapper names the
-- dictionary and schema explicitly and is declared IMMUTABLE, the usual way to index it.
CREATE FUNCTION lakou_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

-- ── catalog: the product table ───────────────────────────────────────────────
-- Free text on names (fr, en) and handle, folded once when the row is written: a trigram match
-- rechecks its candidates, and reading a column costs far less than folding the names again.
ALTER TABLE products ADD COLUMN search_text text GENERATED ALWAYS AS (lakou_fold(name_fr || ' ' || name_en || ' ' || handle)) STORED;
CREATE INDEX products_search_text_idx ON products USING gin (search_text gin_trgm_ops);
-- SKUs of any variant
CREATE INDEX product_variants_sku_trgm_idx ON product_variants USING gin (lower(sku) gin_trgm_ops);
-- sorts over every status (the storefront's indexes only cover ACTIVE products); the default one
-- carries the search text, so a common word is found walking the index alone (no wide rows read)
CREATE INDEX products_admin_updated_idx ON products (updated_at DESC, id DESC) INCLUDE (search_text);
CREATE INDEX products_admin_created_idx ON products (created_at DESC, id DESC);
CREATE INDEX products_admin_name_fr_idx ON products (name_fr, id);
CREATE INDEX products_admin_name_en_idx ON products (name_en, id);
-- filters, with the default sort
CREATE INDEX products_admin_category_idx ON products (category_id, updated_at DESC, id DESC);
CREATE INDEX products_admin_producer_idx ON products (producer_id, updated_at DESC, id DESC);
CREATE INDEX products_admin_status_idx ON products (status, updated_at DESC, id DESC);

-- The lowest consumer price of each product per market, among its active variants: what the
-- product table shows and sorts on. Computing it for every product on each request costs a pass
-- over all prices, so the database keeps it, like stock_levels from the ledger: statement
-- triggers on prices and variants refresh the products a statement touched, set-based (a bulk
-- import refreshes each product once). The product rows are locked (FOR NO KEY UPDATE, in id
-- order) while their minimum is recomputed, so two concurrent price edits of one product cannot
-- leave a stale minimum; products without a price in a market have no row for it.
CREATE TABLE product_min_prices (
  product_id text NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  market text NOT NULL,
  amount integer NOT NULL CHECK (amount >= 0),
  PRIMARY KEY (product_id, market)
);
CREATE INDEX product_min_prices_sort_idx ON product_min_prices (market, amount, product_id);

CREATE FUNCTION product_min_prices_refresh(product_ids text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF product_ids IS NULL OR cardinality(product_ids) = 0 THEN RETURN; END IF;
  PERFORM 1 FROM products WHERE id = ANY (product_ids) ORDER BY id FOR NO KEY UPDATE;
  INSERT INTO product_min_prices (product_id, market, amount)
    SELECT v.product_id, vp.market, min(vp.amount)
      FROM product_variants v JOIN variant_prices vp ON vp.variant_id = v.id AND vp.price_list = 'RETAIL'
     WHERE v.product_id = ANY (product_ids) AND v.status = 'ACTIVE'
     GROUP BY v.product_id, vp.market
  ON CONFLICT (product_id, market) DO UPDATE SET amount = EXCLUDED.amount WHERE product_min_prices.amount <> EXCLUDED.amount;
  DELETE FROM product_min_prices pp
   WHERE pp.product_id = ANY (product_ids)
     AND NOT EXISTS (SELECT 1 FROM product_variants v JOIN variant_prices vp ON vp.variant_id = v.id AND vp.price_list = 'RETAIL'
                      WHERE v.product_id = pp.product_id AND v.status = 'ACTIVE' AND vp.market = pp.market);
END $$;

-- Transition tables allow one event per trigger: one trigger per event, one function per table.
CREATE FUNCTION product_min_prices_after_prices() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM product_min_prices_refresh(ARRAY(SELECT DISTINCT v.product_id FROM new_rows n JOIN product_variants v ON v.id = n.variant_id));
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    -- a variant deleted with its prices is refreshed by the variants' trigger
    PERFORM product_min_prices_refresh(ARRAY(SELECT DISTINCT v.product_id FROM old_rows o JOIN product_variants v ON v.id = o.variant_id));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER variant_prices_min_insert AFTER INSERT ON variant_prices REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION product_min_prices_after_prices();
CREATE TRIGGER variant_prices_min_update AFTER UPDATE ON variant_prices REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION product_min_prices_after_prices();
CREATE TRIGGER variant_prices_min_delete AFTER DELETE ON variant_prices REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION product_min_prices_after_prices();

CREATE FUNCTION product_min_prices_after_variants() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM product_min_prices_refresh(ARRAY(SELECT product_id FROM new_rows UNION SELECT product_id FROM old_rows));
  ELSE
    PERFORM product_min_prices_refresh(ARRAY(SELECT DISTINCT product_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER product_variants_min_update AFTER UPDATE ON product_variants REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION product_min_prices_after_variants();
CREATE TRIGGER product_variants_min_delete AFTER DELETE ON product_variants REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION product_min_prices_after_variants();

INSERT INTO product_min_prices (product_id, market, amount)
  SELECT v.product_id, vp.market, min(vp.amount)
    FROM product_variants v JOIN variant_prices vp ON vp.variant_id = v.id AND vp.price_list = 'RETAIL'
   WHERE v.status = 'ACTIVE'
   GROUP BY v.product_id, vp.market;

-- ── orders: the order desk ───────────────────────────────────────────────────
CREATE INDEX orders_total_idx ON orders (total_gross DESC, id DESC);
-- number by prefix ("LK-1000" → LK-1000, LK-10001…): text_pattern_ops serves LIKE 'x%' in any collation
CREATE INDEX orders_number_prefix_idx ON orders (number text_pattern_ops);
-- e-mail exact or by prefix, case-insensitive; also the "customer's other orders" of a guest
CREATE INDEX orders_email_idx ON orders (lower(email) text_pattern_ops);
-- Customer names (delivery and billing) and e-mail, folded when the order is written, for partial
-- matches through trigrams ("lefev" finds Hélène Lefèvre, "dupont12" her address).
ALTER TABLE orders ADD COLUMN search_text text GENERATED ALWAYS AS (
  lakou_fold(coalesce(ship_to ->> 'name', '') || ' ' || coalesce(bill_to ->> 'name', '') || ' ' || email)) STORED;
CREATE INDEX orders_search_text_idx ON orders USING gin (search_text gin_trgm_ops);
ALTER TABLE orders ALTER COLUMN search_text SET STATISTICS 1000;
-- Newest first (the default page, a placed-date range), carrying the search text and e-mail: a
-- common name or e-mail start is found by walking the newest orders in the index alone, a rare
-- one through its own index (order rows are wide: reading thousands is what a search must avoid).
CREATE INDEX orders_desk_idx ON orders (placed_at DESC, id DESC) INCLUDE (search_text, email);

-- ── invoicing: finance lists and exports ────────────────────────────────────
CREATE INDEX invoices_number_prefix_idx ON invoices (number text_pattern_ops);
CREATE INDEX invoices_order_number_idx ON invoices (order_number text_pattern_ops);
CREATE INDEX invoices_issued_id_idx ON invoices (issued_at DESC, id DESC);
CREATE INDEX invoices_gross_idx ON invoices (total_gross DESC, id DESC);
CREATE INDEX credit_notes_number_prefix_idx ON credit_notes (number text_pattern_ops);
CREATE INDEX credit_notes_issued_id_idx ON credit_notes (issued_at DESC, id DESC);
CREATE INDEX credit_notes_gross_idx ON credit_notes (total_gross, id);

-- ── notifications: the outbox ────────────────────────────────────────────────
CREATE INDEX email_outbox_created_idx ON email_outbox (created_at DESC, id DESC);
CREATE INDEX email_outbox_template_idx ON email_outbox (template, created_at DESC, id DESC);
CREATE INDEX email_outbox_text_idx ON email_outbox USING gin (lower(to_address || ' ' || coalesce(subject, '')) gin_trgm_ops);
