-- Lakou 0022: per-experiment, per-variant, per-UTC-day-of-first-exposure totals (issue 7: analysis
-- under 1 s at 1,000,000 exposed visitors). The analysis reads these few hundred rows instead of
-- aggregating experiment_visitors. Kept exact by the roll-up (modules/experiments/refresh-visitors.ts):
-- in the batch transaction it subtracts the rows a batch may change, updates them, adds them back.
-- No CHECK (n >= 0): PostgreSQL checks the proposed row of INSERT … ON CONFLICT before the conflict,
-- and the roll-up's subtraction goes through that path. Squares and products in numeric: exact at any scale (bigint could overflow on 1M × large orders).
-- PostgreSQL 15 syntax; PGlite accepts it too.

CREATE TABLE experiment_daily (
  experiment_id text NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  day date NOT NULL,
  variant_key text NOT NULL,
  visitors integer NOT NULL DEFAULT 0,
  conversions integer NOT NULL DEFAULT 0,
  -- visitors with at least one add to cart
  add_to_cart_visitors integer NOT NULL DEFAULT 0,
  revenue_cents bigint NOT NULL DEFAULT 0,
  revenue_squares numeric NOT NULL DEFAULT 0,
  pre_revenue_cents bigint NOT NULL DEFAULT 0,
  pre_revenue_squares numeric NOT NULL DEFAULT 0,
  revenue_x_pre numeric NOT NULL DEFAULT 0,
  PRIMARY KEY (experiment_id, day, variant_key)
);

INSERT INTO experiment_daily (experiment_id, day, variant_key, visitors, conversions, add_to_cart_visitors,
                              revenue_cents, revenue_squares, pre_revenue_cents, pre_revenue_squares, revenue_x_pre)
SELECT experiment_id, (first_exposed_at AT TIME ZONE 'UTC')::date, variant_key,
       count(*), count(*) FILTER (WHERE converted), count(*) FILTER (WHERE add_to_carts > 0),
       sum(revenue_cents), sum(revenue_cents::numeric * revenue_cents),
       sum(pre_revenue_cents), sum(pre_revenue_cents::numeric * pre_revenue_cents), sum(revenue_cents::numeric * pre_revenue_cents)
  FROM experiment_visitors
 GROUP BY 1, 2, 3;
