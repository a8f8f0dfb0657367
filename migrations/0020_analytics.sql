-- Lakou 0020: first-party audience measurement (issue 7): raw events, sessions, daily roll-ups.
-- CNIL audience-measurement exemption: no IP stored, referrer kept as a host only, raw events and
-- sessions kept 25 months at most (the roll-up job purges them), visitors without consent carry a
-- per-day pseudonym that cannot be followed across days. Days are UTC days.
-- PostgreSQL 15 syntax; PGlite accepts it too. Money: integer cents (EUR).

CREATE TABLE events (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  -- set by the database: the roll-up reads only rows old enough that no earlier id is still uncommitted
  inserted_at timestamptz NOT NULL DEFAULT now(),
  type text NOT NULL CHECK (type IN ('page_view', 'product_view', 'search', 'add_to_cart', 'checkout_step', 'order', 'web_vital', 'experiment_exposure')),
  visitor_id text NOT NULL CHECK (length(visitor_id) <= 64),
  session_id text NOT NULL CHECK (length(session_id) <= 64),
  consent boolean NOT NULL,
  device text NOT NULL CHECK (device IN ('mobile', 'tablet', 'desktop')),
  market text NOT NULL CHECK (length(market) <= 16),
  locale text NOT NULL CHECK (locale IN ('fr', 'en')),
  path text CHECK (length(path) <= 300),
  page_type text CHECK (length(page_type) <= 32),
  -- the page type the visitor came from (same site), for the listing → product click-through
  from_page_type text CHECK (length(from_page_type) <= 32),
  referrer_host text CHECK (length(referrer_host) <= 255),
  utm_source text CHECK (length(utm_source) <= 100),
  utm_medium text CHECK (length(utm_medium) <= 100),
  utm_campaign text CHECK (length(utm_campaign) <= 100),
  utm_content text CHECK (length(utm_content) <= 100),
  utm_term text CHECK (length(utm_term) <= 100),
  channel text NOT NULL CHECK (channel IN ('direct', 'seo', 'sea', 'social', 'paid_social', 'email', 'influencer', 'affiliate', 'referral', 'display', 'internal')),
  product_id text CHECK (length(product_id) <= 64),
  query text CHECK (length(query) <= 100),
  result_count integer CHECK (result_count >= 0),
  order_id text CHECK (length(order_id) <= 64),
  value_cents bigint CHECK (value_cents >= 0),
  step text CHECK (step IN ('cart', 'address', 'shipping', 'payment')),
  metric text CHECK (metric IN ('LCP', 'INP', 'CLS')),
  metric_value double precision CHECK (metric_value >= 0),
  experiment_key text CHECK (length(experiment_key) <= 64),
  variant_key text CHECK (length(variant_key) <= 64),
  CHECK (type <> 'web_vital' OR (metric IS NOT NULL AND metric_value IS NOT NULL)),
  CHECK (type <> 'order' OR order_id IS NOT NULL)
);
-- an order counts once, however often its confirmation page is shown
CREATE UNIQUE INDEX events_order_once_idx ON events (order_id) WHERE type = 'order';
CREATE INDEX events_inserted_idx ON events (inserted_at);
CREATE INDEX events_session_idx ON events (session_id, occurred_at);
CREATE INDEX events_experiment_idx ON events (experiment_key, variant_key, occurred_at) WHERE type = 'experiment_exposure';

-- First touch of a consented visitor (a random first-party id lives 13 months).
CREATE TABLE analytics_visitors (
  visitor_id text PRIMARY KEY,
  first_seen_at timestamptz NOT NULL,
  first_channel text NOT NULL
);

-- One row per session (30 minutes without an event ends it); counts maintained by the roll-up.
CREATE TABLE analytics_sessions (
  session_id text PRIMARY KEY,
  visitor_id text NOT NULL,
  consent boolean NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz NOT NULL,
  day date NOT NULL,
  landing_path text,
  first_channel text NOT NULL,
  channel text NOT NULL,
  device text NOT NULL,
  market text NOT NULL,
  locale text NOT NULL,
  last_page_type text,
  last_page_at timestamptz,
  page_views integer NOT NULL DEFAULT 0,
  listing_views integer NOT NULL DEFAULT 0,
  listing_clicks integer NOT NULL DEFAULT 0,
  product_views integer NOT NULL DEFAULT 0,
  searches integer NOT NULL DEFAULT 0,
  zero_result_searches integer NOT NULL DEFAULT 0,
  add_to_carts integer NOT NULL DEFAULT 0,
  checkout_steps integer NOT NULL DEFAULT 0,
  orders integer NOT NULL DEFAULT 0,
  revenue_cents bigint NOT NULL DEFAULT 0,
  -- one page and nothing else
  bounced boolean GENERATED ALWAYS AS (page_views <= 1 AND add_to_carts = 0 AND orders = 0) STORED,
  -- the visitor left from a search results page
  search_exit boolean GENERATED ALWAYS AS (last_page_type = 'search') STORED
);
CREATE INDEX analytics_sessions_day_idx ON analytics_sessions (day);
CREATE INDEX analytics_sessions_visitor_idx ON analytics_sessions (visitor_id, started_at);

-- Daily roll-up per touch model ('last': the session's own channel, 'first': the visitor's first),
-- channel, device and market. Rebuilt for the days a roll-up run touches, from analytics_sessions.
CREATE TABLE analytics_daily (
  day date NOT NULL,
  touch text NOT NULL CHECK (touch IN ('first', 'last')),
  channel text NOT NULL,
  device text NOT NULL,
  market text NOT NULL,
  sessions integer NOT NULL,
  visitors integer NOT NULL,
  bounces integer NOT NULL,
  page_views integer NOT NULL,
  listing_views integer NOT NULL,
  listing_clicks integer NOT NULL,
  product_views integer NOT NULL,
  searches integer NOT NULL,
  zero_result_searches integer NOT NULL,
  search_sessions integer NOT NULL,
  search_exits integer NOT NULL,
  add_to_carts integer NOT NULL,
  cart_sessions integer NOT NULL,
  checkout_sessions integer NOT NULL,
  order_sessions integer NOT NULL,
  cart_order_sessions integer NOT NULL,
  orders integer NOT NULL,
  revenue_cents bigint NOT NULL,
  PRIMARY KEY (day, touch, channel, device, market)
);

-- Real-user Core Web Vitals: a histogram per day so p75 is computed from counts (bucket widths in vitals.ts).
CREATE TABLE analytics_vitals_daily (
  day date NOT NULL,
  metric text NOT NULL CHECK (metric IN ('LCP', 'INP', 'CLS')),
  device text NOT NULL,
  market text NOT NULL,
  bucket integer NOT NULL CHECK (bucket >= 0),
  samples integer NOT NULL,
  PRIMARY KEY (day, metric, device, market, bucket)
);

-- The roll-up watermark: one row, locked by the run that advances it.
CREATE TABLE analytics_rollup_state (
  id smallint PRIMARY KEY CHECK (id = 1),
  last_event_id bigint NOT NULL DEFAULT 0,
  last_run_at timestamptz
);
INSERT INTO analytics_rollup_state (id) VALUES (1);

-- Rotating salt of the per-day pseudonym of visitors without consent; a day's salt is deleted
-- after that day, so a pseudonym can never be recomputed nor linked to another day's.
CREATE TABLE analytics_salts (
  day date PRIMARY KEY,
  salt text NOT NULL
);

-- repeat purchase rate: paid orders of a period
CREATE INDEX orders_paid_at_idx ON orders (paid_at) WHERE paid_at IS NOT NULL;
