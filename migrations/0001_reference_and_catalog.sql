-- Lakou 0001: reference data, producers, catalogue, stock ledger, search.
-- Written for PostgreSQL 15 (PGlite accepts it too). Money: integer cents. Rates: basis points (8.5 % = 850).

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;

-- ── reference (module: tax, shipping, catalog) ─────────────────────────────
CREATE TABLE territories (
  code text PRIMARY KEY,
  name_fr text NOT NULL,
  name_en text NOT NULL,
  vat_territory text NOT NULL CHECK (vat_territory IN ('FR_DOM', 'FR_METRO', 'EU_OTHER', 'THIRD_COUNTRY')),
  iso3166 text,
  iso_country_for_invoices text,
  eu_vat_territory boolean NOT NULL,
  eu_customs_territory boolean NOT NULL,
  excise_territory text,
  -- a market has its own consumer price list (storefront market selector)
  is_market boolean NOT NULL DEFAULT false,
  notes text
);

CREATE TABLE warehouses (
  code text PRIMARY KEY,
  name text NOT NULL,
  territory_code text NOT NULL REFERENCES territories(code),
  commune text NOT NULL,
  postal_code text NOT NULL,
  roles text[] NOT NULL DEFAULT '{}',
  temperature_zones text[] NOT NULL DEFAULT '{}',
  bonded_excise_warehouse boolean NOT NULL DEFAULT false,
  notes text
);

CREATE TABLE vat_categories (
  code text PRIMARY KEY,
  label_fr text NOT NULL,
  label_en text NOT NULL,
  basis text,
  notes text
);

-- Dated rates: a rate changes by adding a row, never by editing one.
CREATE TABLE vat_rates (
  vat_category_code text NOT NULL REFERENCES vat_categories(code),
  territory_code text NOT NULL REFERENCES territories(code),
  rate_bp integer NOT NULL CHECK (rate_bp >= 0 AND rate_bp <= 10000),
  valid_from date NOT NULL,
  valid_to date,
  PRIMARY KEY (vat_category_code, territory_code, valid_from),
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);

CREATE TABLE excise_categories (
  code text PRIMARY KEY,
  label_fr text NOT NULL,
  label_en text NOT NULL,
  applies_to text,
  details jsonb NOT NULL DEFAULT '{}'
);

-- Tariffs in cents per hectolitre of pure alcohol, dated; scope 'mainland' | 'gp_local' | 'css'.
CREATE TABLE excise_tariffs (
  code text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('mainland', 'gp_local', 'css')),
  cents_per_hl_pure_alcohol integer NOT NULL CHECK (cents_per_hl_pure_alcohol >= 0),
  valid_from date NOT NULL,
  valid_to date,
  source text,
  PRIMARY KEY (code, scope, valid_from)
);

CREATE TABLE labels (
  code text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('official', 'internal')),
  label_fr text NOT NULL,
  label_en text NOT NULL,
  note text
);

CREATE TABLE shipping_classes (
  code text PRIMARY KEY,
  label_fr text NOT NULL,
  label_en text NOT NULL,
  rules text[] NOT NULL DEFAULT '{}',
  allowed_zones text[] NOT NULL DEFAULT '{}'
);

-- ── producers ─────────────────────────────────────────────────────────────
CREATE TABLE producers (
  id text PRIMARY KEY,
  code text NOT NULL UNIQUE,                -- 'PRD-ACS', or 'OPERATOR' for the delegation's own boxes
  kind text NOT NULL DEFAULT 'producer' CHECK (kind IN ('producer', 'operator')),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  trade_name text NOT NULL,
  legal_form text,
  status text NOT NULL CHECK (status IN ('APPLICANT', 'EVALUATING', 'SELECTED', 'ACTIVE', 'PAUSED', 'ENDED')),
  siren text,
  vat_number text,
  commune text,
  postal_code text,
  island text,
  territory_code text REFERENCES territories(code),
  lat double precision,
  lon double precision,
  since_year integer,
  staff integer,
  product_lines text[] NOT NULL DEFAULT '{}',
  story_fr text,
  story_en text,
  email text,
  phone text,
  featured boolean NOT NULL DEFAULT false,
  image_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX producers_status_idx ON producers (status);

CREATE TABLE producer_labels (
  producer_id text NOT NULL REFERENCES producers(id) ON DELETE CASCADE,
  label_code text NOT NULL REFERENCES labels(code),
  PRIMARY KEY (producer_id, label_code)
);

-- The commercial agreement (purchase at cost payable at N days, or consignment with commission), dated.
CREATE TABLE producer_agreements (
  producer_id text NOT NULL REFERENCES producers(id) ON DELETE CASCADE,
  valid_from date NOT NULL,
  model text NOT NULL CHECK (model IN ('PURCHASE', 'CONSIGNMENT')),
  payment_terms_type text NOT NULL CHECK (payment_terms_type IN ('NET_DAYS_FROM_INVOICE', 'DAYS_AFTER_END_OF_DELIVERY_MONTH')),
  payment_terms_days integer NOT NULL CHECK (payment_terms_days BETWEEN 0 AND 60),
  legal_basis text,
  commission_bp integer CHECK (commission_bp BETWEEN 0 AND 10000),
  settlement text,
  incoterm text,
  excise_status text,
  PRIMARY KEY (producer_id, valid_from),
  CHECK ((model = 'CONSIGNMENT') = (commission_bp IS NOT NULL))
);

-- ── catalogue ─────────────────────────────────────────────────────────────
CREATE TABLE categories (
  id text PRIMARY KEY,
  code text NOT NULL UNIQUE,                -- 'rum', 'rum/rhum_vieux'
  parent_id text REFERENCES categories(id),
  slug_fr text NOT NULL,
  slug_en text NOT NULL,
  name_fr text NOT NULL,
  name_en text NOT NULL,
  description_fr text,
  description_en text,
  position integer NOT NULL DEFAULT 0,
  UNIQUE (parent_id, slug_fr),
  UNIQUE (parent_id, slug_en)
);
CREATE INDEX categories_parent_idx ON categories (parent_id, position);

CREATE TABLE products (
  id text PRIMARY KEY,
  handle text NOT NULL UNIQUE,              -- stable key of the product family (import, API)
  slug_fr text NOT NULL UNIQUE CHECK (slug_fr ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  slug_en text NOT NULL UNIQUE CHECK (slug_en ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  producer_id text NOT NULL REFERENCES producers(id),
  category_id text NOT NULL REFERENCES categories(id),
  status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('DRAFT', 'ACTIVE', 'ARCHIVED')),
  name_fr text NOT NULL,
  name_en text NOT NULL,
  description_fr text,
  description_en text,
  selling_points_fr text[] NOT NULL DEFAULT '{}',
  selling_points_en text[] NOT NULL DEFAULT '{}',
  vat_category_code text NOT NULL REFERENCES vat_categories(code),
  shipping_class_code text NOT NULL REFERENCES shipping_classes(code),
  age_restricted boolean NOT NULL DEFAULT false,
  min_age integer,
  perishable boolean NOT NULL DEFAULT false,
  fragile boolean NOT NULL DEFAULT false,
  storage text,
  origin_territory text REFERENCES territories(code),
  origin_commune text,
  -- INCO information (Reg. 1169/2011 art. 14): ingredients, allergens, nutrition; null for flowers/plants
  food_information jsonb,
  featured boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT age_restricted OR min_age IS NOT NULL)
);
CREATE INDEX products_producer_idx ON products (producer_id) WHERE status = 'ACTIVE';
CREATE INDEX products_category_idx ON products (category_id) WHERE status = 'ACTIVE';
CREATE INDEX products_created_idx ON products (created_at DESC) WHERE status = 'ACTIVE';
CREATE INDEX products_featured_idx ON products (created_at DESC, id DESC) WHERE status = 'ACTIVE' AND featured;

CREATE TABLE product_variants (
  id text PRIMARY KEY,
  product_id text NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  sku text NOT NULL UNIQUE,
  position integer NOT NULL DEFAULT 0,
  option_label_fr text NOT NULL,            -- '70 cl', '250 g', '5 tiges'
  option_label_en text NOT NULL,
  name_fr text NOT NULL,                    -- full name of the sellable unit (invoices, feeds)
  name_en text NOT NULL,
  net_quantity numeric(12,3) NOT NULL CHECK (net_quantity > 0),
  net_quantity_unit text NOT NULL CHECK (net_quantity_unit IN ('ml', 'g', 'stem', 'pod', 'piece')),
  gross_weight_g integer NOT NULL CHECK (gross_weight_g > 0),
  dimensions_cm integer[] NOT NULL,
  glass boolean NOT NULL DEFAULT false,
  abv numeric(5,2) CHECK (abv >= 0 AND abv <= 100),
  volume_l numeric(8,4),
  pure_alcohol_l numeric(10,5),
  excise_category_code text REFERENCES excise_categories(code),
  css_applies boolean NOT NULL DEFAULT false,
  dom_rum_reduced_rate_eligible boolean NOT NULL DEFAULT false,
  shelf_life_days integer,
  vase_life_days integer,
  hs_code text,
  unit_codes jsonb NOT NULL DEFAULT '{}',
  b2b_only boolean NOT NULL DEFAULT false,
  min_order_qty integer NOT NULL DEFAULT 1 CHECK (min_order_qty >= 1),
  pack_size integer NOT NULL DEFAULT 1 CHECK (pack_size >= 1),
  made_to_order boolean NOT NULL DEFAULT false,
  lead_time_days integer NOT NULL DEFAULT 0,
  limited_edition_qty integer,
  season_months integer[],
  allowed_zones text[] NOT NULL DEFAULT '{}',
  components jsonb,
  status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'ARCHIVED')),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((excise_category_code IS NULL) = (abv IS NULL))
);
CREATE INDEX product_variants_product_idx ON product_variants (product_id, position);

-- Price lists: RETAIL per market (tax included), B2B (net, mainland), COST (producer purchase cost, net).
CREATE TABLE variant_prices (
  variant_id text NOT NULL REFERENCES product_variants(id) ON DELETE CASCADE,
  price_list text NOT NULL CHECK (price_list IN ('RETAIL', 'B2B', 'COST')),
  market text NOT NULL REFERENCES territories(code),
  currency char(3) NOT NULL DEFAULT 'EUR',
  amount integer NOT NULL CHECK (amount >= 0),
  tax_included boolean NOT NULL,
  valid_from timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (variant_id, price_list, market),
  CHECK ((price_list = 'RETAIL') = tax_included)
);
CREATE INDEX variant_prices_market_idx ON variant_prices (price_list, market, amount);

CREATE TABLE product_labels (
  product_id text NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  label_code text NOT NULL REFERENCES labels(code),
  PRIMARY KEY (product_id, label_code)
);
CREATE INDEX product_labels_label_idx ON product_labels (label_code);

-- Images are generated or uploaded, stored on disk by key; the table holds what pages need (size, alt).
CREATE TABLE images (
  id text PRIMARY KEY,
  storage_key text NOT NULL UNIQUE,         -- folder under media/, holding <width>.avif|webp|jpg
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  widths integer[] NOT NULL,
  dominant_color text,
  alt_fr text NOT NULL DEFAULT '',
  alt_en text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE product_images (
  product_id text NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  image_id text NOT NULL REFERENCES images(id),
  position integer NOT NULL DEFAULT 0,
  PRIMARY KEY (product_id, image_id)
);
CREATE INDEX product_images_order_idx ON product_images (product_id, position);

ALTER TABLE producers ADD CONSTRAINT producers_image_fk FOREIGN KEY (image_id) REFERENCES images(id);

CREATE TABLE collections (
  id text PRIMARY KEY,
  slug_fr text NOT NULL UNIQUE,
  slug_en text NOT NULL UNIQUE,
  name_fr text NOT NULL,
  name_en text NOT NULL,
  description_fr text,
  description_en text,
  featured boolean NOT NULL DEFAULT false,
  position integer NOT NULL DEFAULT 0
);

CREATE TABLE collection_products (
  collection_id text NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  product_id text NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  position integer NOT NULL DEFAULT 0,
  PRIMARY KEY (collection_id, product_id)
);
CREATE INDEX collection_products_product_idx ON collection_products (product_id);

-- ── inventory: append-only ledger, levels maintained by the database ───────
CREATE TABLE lots (
  id text PRIMARY KEY,
  variant_id text NOT NULL REFERENCES product_variants(id),
  warehouse_code text NOT NULL REFERENCES warehouses(code),
  lot_code text NOT NULL,
  best_before date,
  produced_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (variant_id, warehouse_code, lot_code)
);

CREATE TABLE stock_movements (
  id bigserial PRIMARY KEY,
  lot_id text NOT NULL REFERENCES lots(id),
  quantity integer NOT NULL CHECK (quantity <> 0),
  reason text NOT NULL CHECK (reason IN ('OPENING', 'RECEIPT', 'SALE', 'RETURN', 'ADJUSTMENT', 'WRITE_OFF', 'TRANSFER')),
  reference text,
  note text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stock_movements_lot_idx ON stock_movements (lot_id, id);

-- One row per lot: on hand = sum of its movements; reserved is held by checkouts (later).
CREATE TABLE stock_levels (
  lot_id text PRIMARY KEY REFERENCES lots(id),
  variant_id text NOT NULL REFERENCES product_variants(id),
  warehouse_code text NOT NULL REFERENCES warehouses(code),
  on_hand integer NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
  reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  CHECK (on_hand - reserved >= 0)
);
CREATE INDEX stock_levels_variant_idx ON stock_levels (variant_id);

-- The ledger is append-only: no update, no delete.
CREATE FUNCTION stock_movements_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stock_movements is append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER stock_movements_no_update BEFORE UPDATE OR DELETE ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION stock_movements_immutable();

-- Every movement updates its lot's level in the same statement; the CHECKs above refuse negative stock.
-- UPDATE first: an upsert would check the CHECKs on the proposed insert row (a negative
-- quantity) before noticing the conflict, refusing every sale.
CREATE FUNCTION stock_movements_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE stock_levels SET on_hand = on_hand + NEW.quantity WHERE lot_id = NEW.lot_id;
  IF NOT FOUND THEN
    INSERT INTO stock_levels (lot_id, variant_id, warehouse_code, on_hand)
      SELECT l.id, l.variant_id, l.warehouse_code, NEW.quantity FROM lots l WHERE l.id = NEW.lot_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER stock_movements_apply AFTER INSERT ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION stock_movements_apply();

-- Read model for the storefront: sellable units per variant across warehouses.
CREATE VIEW variant_availability AS
  SELECT v.id AS variant_id,
         COALESCE(SUM(s.on_hand - s.reserved), 0)::integer AS available,
         v.made_to_order
    FROM product_variants v
    LEFT JOIN stock_levels s ON s.variant_id = v.id
   GROUP BY v.id, v.made_to_order;

-- ── search (module: search) ───────────────────────────────────────────────
-- Synonyms as data: each row is a group of equivalent terms for one language.
CREATE TABLE search_synonyms (
  id text PRIMARY KEY,
  locale text NOT NULL CHECK (locale IN ('fr', 'en')),
  terms text[] NOT NULL CHECK (cardinality(terms) >= 2),
  one_way boolean NOT NULL DEFAULT false,   -- true: terms[0] expands to the others, not back
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Merchandising rules as data: pin, boost, bury a product for a query or a category; redirect a query.
CREATE TABLE search_rules (
  id text PRIMARY KEY,
  action text NOT NULL CHECK (action IN ('PIN', 'BOOST', 'BURY', 'REDIRECT')),
  query text,                               -- normalised query it applies to (lowercase, unaccented)
  category_id text REFERENCES categories(id) ON DELETE CASCADE,
  locale text CHECK (locale IN ('fr', 'en')),
  product_id text REFERENCES products(id) ON DELETE CASCADE,
  position integer,                         -- PIN: 1-based slot
  redirect_path text,                       -- REDIRECT: site-relative path
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((query IS NULL) <> (category_id IS NULL)),
  CHECK (action <> 'REDIRECT' OR (redirect_path IS NOT NULL AND redirect_path ~ '^/' AND query IS NOT NULL)),
  CHECK (action = 'REDIRECT' OR product_id IS NOT NULL),
  CHECK (action <> 'PIN' OR position >= 1)
);
CREATE INDEX search_rules_query_idx ON search_rules (query) WHERE active;
CREATE INDEX search_rules_category_idx ON search_rules (category_id) WHERE active;

-- Queries asked, to find zero-result searches and popular terms.
CREATE TABLE search_queries (
  id bigserial PRIMARY KEY,
  query text NOT NULL,
  normalized text NOT NULL,
  locale text NOT NULL,
  result_count integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX search_queries_zero_idx ON search_queries (normalized, created_at) WHERE result_count = 0;
