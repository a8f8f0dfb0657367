-- Lakou 0005: shipping methods and rates (module: shipping), promo codes (module: promotions).
-- PostgreSQL 15. Money: integer cents, consumer prices VAT included (the checkout splits the VAT).
-- Destination zones are territory codes (GP, MQ, RE, FR-MAINLAND, EU, WORLD); weekdays are ISO (1 = Monday).

-- ── shipping ──────────────────────────────────────────────────────────────
-- A method is a carrier's service as sold to the shopper ("Colissimo à domicile").
CREATE TABLE shipping_methods (
  id text PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
  carrier text NOT NULL,
  service text NOT NULL,
  name_fr text NOT NULL,
  name_en text NOT NULL,
  -- express methods are the only ones that may carry fresh flowers (DOMAIN §3.1)
  express boolean NOT NULL DEFAULT false,
  -- Colissimo and most parcel carriers refuse parcels over 30 kg (DOMAIN §6)
  max_parcel_weight_g integer NOT NULL DEFAULT 30000 CHECK (max_parcel_weight_g > 0 AND max_parcel_weight_g <= 30000),
  position integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true
);

-- Where a method goes from a given origin territory (the warehouse's), and on which calendar.
CREATE TABLE shipping_rates (
  id text PRIMARY KEY,
  method_code text NOT NULL REFERENCES shipping_methods(code) ON UPDATE CASCADE,
  origin_territory text NOT NULL REFERENCES territories(code),
  destination_zone text NOT NULL REFERENCES territories(code),
  -- the whole shipment is free when the goods of the order reach this amount (VAT included)
  free_above_gross integer CHECK (free_above_gross IS NULL OR free_above_gross >= 0),
  handling_days integer NOT NULL DEFAULT 0 CHECK (handling_days BETWEEN 0 AND 14),
  -- orders taken before this minute of the origin's local day are handled that day
  cutoff_minute integer NOT NULL CHECK (cutoff_minute BETWEEN 0 AND 1439),
  timezone text NOT NULL CHECK (timezone IN ('America/Guadeloupe', 'Europe/Paris')),
  transit_days_min integer NOT NULL CHECK (transit_days_min >= 0),
  transit_days_max integer NOT NULL,
  ship_weekdays integer[] NOT NULL DEFAULT '{1,2,3,4,5}' CHECK (cardinality(ship_weekdays) > 0 AND ship_weekdays <@ '{1,2,3,4,5,6,7}'),
  delivery_weekdays integer[] NOT NULL DEFAULT '{1,2,3,4,5,6}' CHECK (cardinality(delivery_weekdays) > 0 AND delivery_weekdays <@ '{1,2,3,4,5,6,7}'),
  UNIQUE (method_code, origin_territory, destination_zone),
  CHECK (transit_days_max >= transit_days_min AND transit_days_max <= 30)
);

-- Price of one parcel by weight: the first bracket whose max_weight_g holds the parcel.
CREATE TABLE shipping_rate_brackets (
  rate_id text NOT NULL REFERENCES shipping_rates(id) ON DELETE CASCADE,
  max_weight_g integer NOT NULL CHECK (max_weight_g > 0 AND max_weight_g <= 30000),
  price_gross integer NOT NULL CHECK (price_gross >= 0),
  PRIMARY KEY (rate_id, max_weight_g)
);

-- ── promotions ────────────────────────────────────────────────────────────
CREATE TABLE promo_codes (
  id text PRIMARY KEY,
  code text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$'),
  kind text NOT NULL CHECK (kind IN ('PERCENT', 'FIXED', 'FREE_SHIPPING')),
  -- PERCENT: basis points of the goods (1000 = 10 %); FIXED: cents off the goods; FREE_SHIPPING: 0
  value integer NOT NULL,
  min_goods_gross integer NOT NULL DEFAULT 0 CHECK (min_goods_gross >= 0),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz,
  -- null: unlimited; used_count counts redemptions not released (orders placed and not cancelled before payment)
  usage_limit integer CHECK (usage_limit IS NULL OR usage_limit > 0),
  used_count integer NOT NULL DEFAULT 0 CHECK (used_count >= 0),
  per_customer_limit integer CHECK (per_customer_limit IS NULL OR per_customer_limit > 0),
  -- empty: every market
  markets text[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  label_fr text,
  label_en text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (usage_limit IS NULL OR used_count <= usage_limit),
  CHECK (ends_at IS NULL OR ends_at > starts_at),
  CHECK (CASE kind WHEN 'PERCENT' THEN value BETWEEN 1 AND 10000 WHEN 'FIXED' THEN value > 0 ELSE value = 0 END)
);
-- codes are typed by people: BIENVENUE10 and bienvenue10 are one code
CREATE UNIQUE INDEX promo_codes_code_ci_idx ON promo_codes (lower(code));

-- One row per order that used a code. order_id carries no foreign key: orders belong to the
-- orders module and a redemption is written in the same transaction as its order.
CREATE TABLE promo_redemptions (
  id text PRIMARY KEY,
  promo_id text NOT NULL REFERENCES promo_codes(id),
  order_id text NOT NULL,
  -- customer id, or the lower-cased e-mail of a guest: the per-customer limit counts by it
  customer_key text NOT NULL CHECK (customer_key <> ''),
  redeemed_at timestamptz NOT NULL DEFAULT now(),
  -- set when the order is cancelled or expires before payment: the use is given back
  released_at timestamptz,
  UNIQUE (promo_id, order_id)
);
CREATE INDEX promo_redemptions_customer_idx ON promo_redemptions (promo_id, customer_key) WHERE released_at IS NULL;
CREATE INDEX promo_redemptions_order_idx ON promo_redemptions (order_id);
