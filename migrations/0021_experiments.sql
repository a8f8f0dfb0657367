-- Lakou 0021: A/B experiments and feature flags on the storefront (issue 7, part 4).
-- Assignment is computed (SHA-256 of key:visitor, stats/assign-variant.ts), never stored per visitor;
-- what the storefront shows is measured by 'experiment_exposure' events (0020), rolled up per visitor
-- into experiment_visitors for the analysis. PostgreSQL 15 syntax; PGlite accepts it too.

CREATE TABLE experiments (
  id text PRIMARY KEY,
  key text NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(key) <= 64),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  hypothesis text NOT NULL DEFAULT '' CHECK (length(hypothesis) <= 4000),
  kind text NOT NULL CHECK (kind IN ('experiment', 'flag')),
  surface text NOT NULL CHECK (surface IN ('product_layout', 'product_text', 'free_shipping_banner', 'search_ranking', 'flag')),
  -- {"markets": [], "devices": [], "visitor": "all"|"new"|"returning"}; empty lists = everyone
  targeting jsonb NOT NULL DEFAULT '{"markets": [], "devices": [], "visitor": "all"}',
  primary_metric text CHECK (primary_metric IN ('conversion', 'revenue_per_visitor', 'add_to_cart')),
  guardrail_metrics text[] NOT NULL DEFAULT '{}',
  baseline_rate double precision CHECK (baseline_rate > 0 AND baseline_rate < 1),
  mde double precision CHECK (mde > 0),
  alpha double precision NOT NULL DEFAULT 0.05 CHECK (alpha > 0 AND alpha < 0.5),
  power double precision NOT NULL DEFAULT 0.8 CHECK (power > 0 AND power < 1),
  -- computed from baseline_rate, mde (relative), alpha and power when saved
  min_sample_per_variant integer CHECK (min_sample_per_variant > 0),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'running', 'stopped')),
  started_at timestamptz,
  stopped_at timestamptz,
  owner_staff_id text REFERENCES staff_users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status = 'draft' OR started_at IS NOT NULL),
  CHECK (status <> 'stopped' OR stopped_at IS NOT NULL),
  CHECK (status = 'draft' OR kind = 'flag' OR primary_metric IS NOT NULL)
);
CREATE INDEX experiments_running_idx ON experiments (surface) WHERE status = 'running';

-- Variants in bucket order (position); the first is the control. Weight in percent, 2 decimals.
CREATE TABLE experiment_variants (
  experiment_id text NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  key text NOT NULL CHECK (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(key) <= 64),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  position integer NOT NULL CHECK (position >= 0),
  weight numeric(5, 2) NOT NULL CHECK (weight >= 0 AND weight <= 100),
  config jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (experiment_id, key),
  UNIQUE (experiment_id, position)
);

-- The decision journal: what was decided when an experiment stopped, and what was learnt.
CREATE TABLE experiment_decisions (
  id text PRIMARY KEY,
  experiment_id text NOT NULL REFERENCES experiments (id),
  decision text NOT NULL CHECK (decision IN ('ship', 'kill', 'iterate')),
  -- copied from the experiment so the search covers both in one index
  hypothesis text NOT NULL DEFAULT '',
  learning text NOT NULL CHECK (length(learning) BETWEEN 1 AND 8000),
  decided_by text REFERENCES staff_users (id),
  decided_at timestamptz NOT NULL,
  search tsvector GENERATED ALWAYS AS (to_tsvector('french', coalesce(hypothesis, '') || ' ' || learning)) STORED
);
CREATE INDEX experiment_decisions_search_idx ON experiment_decisions USING gin (search);
CREATE INDEX experiment_decisions_experiment_idx ON experiment_decisions (experiment_id, decided_at);

-- Per exposed visitor: the variant first shown and what they did afterwards (set-based incremental
-- roll-up from events, modules/experiments/refresh-visitors.ts). pre_revenue_cents = revenue in the
-- 28 days before the first exposure (CUPED covariate).
CREATE TABLE experiment_visitors (
  experiment_id text NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  visitor_id text NOT NULL,
  variant_key text NOT NULL,
  first_exposed_at timestamptz NOT NULL,
  converted boolean NOT NULL DEFAULT false,
  orders integer NOT NULL DEFAULT 0,
  add_to_carts integer NOT NULL DEFAULT 0,
  revenue_cents bigint NOT NULL DEFAULT 0,
  pre_revenue_cents bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (experiment_id, visitor_id)
);
CREATE INDEX experiment_visitors_visitor_idx ON experiment_visitors (visitor_id);

-- The roll-up watermark (event id) of the experiment tables: one row, locked by the run.
CREATE TABLE experiment_rollup_state (
  id smallint PRIMARY KEY CHECK (id = 1),
  last_event_id bigint NOT NULL DEFAULT 0,
  last_run_at timestamptz
);
INSERT INTO experiment_rollup_state (id) VALUES (1);

-- A visitor's outcomes (orders, add to cart) by time: small partial index for the roll-up's lookups
CREATE INDEX events_visitor_outcomes_idx ON events (visitor_id, occurred_at) WHERE type IN ('order', 'add_to_cart');
