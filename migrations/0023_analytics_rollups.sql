-- Lakou 0023: roll-ups that keep every dashboard to a few hundred rows read per query at any
-- traffic (issue 7): the funnel, web vitals per period, paid orders and repeat orders per day.
-- From this version the roll-up cuts days in the shop's time zone (the seller's company profile)
-- instead of UTC; days rolled up before keep their UTC cut.
--
-- The visit → order funnel in the daily roll-up, so the analyst's dashboard reads daily rows
-- instead of every session of the range. Each column
-- counts the sessions that reached the step and every step before it (product view, add to
-- cart, checkout, order). Existing rows are filled from analytics_sessions.
ALTER TABLE analytics_daily
  ADD COLUMN viewed_sessions integer NOT NULL DEFAULT 0,
  ADD COLUMN funnel_cart_sessions integer NOT NULL DEFAULT 0,
  ADD COLUMN funnel_checkout_sessions integer NOT NULL DEFAULT 0,
  ADD COLUMN funnel_order_sessions integer NOT NULL DEFAULT 0;

UPDATE analytics_daily d
   SET viewed_sessions = f.viewed, funnel_cart_sessions = f.carts, funnel_checkout_sessions = f.checkouts, funnel_order_sessions = f.orders
  FROM (
    SELECT s.day, t.touch, CASE t.touch WHEN 'first' THEN s.first_channel ELSE s.channel END AS channel, s.device, s.market,
           count(*) FILTER (WHERE s.product_views > 0) AS viewed,
           count(*) FILTER (WHERE s.product_views > 0 AND s.add_to_carts > 0) AS carts,
           count(*) FILTER (WHERE s.product_views > 0 AND s.add_to_carts > 0 AND s.checkout_steps > 0) AS checkouts,
           count(*) FILTER (WHERE s.product_views > 0 AND s.add_to_carts > 0 AND s.checkout_steps > 0 AND s.orders > 0) AS orders
      FROM analytics_sessions s CROSS JOIN (VALUES ('first'), ('last')) AS t(touch)
     GROUP BY 1, 2, 3, 4, 5
  ) f
 WHERE d.day = f.day AND d.touch = f.touch AND d.channel = f.channel AND d.device = f.device AND d.market = f.market;

-- Web vitals of the whole shop per day, ISO week and month, on buckets that grow by 2.5 %
-- (bucket b holds values from unit × (1.025^b − 1); unit 1 ms for LCP and INP, 0.01 for CLS):
-- a p75 is read from a few hundred rows per period, within ±1.25 %. Filled by the roll-up;
-- existing days are converted from analytics_vitals_daily (each old bucket at its middle).
CREATE TABLE analytics_vitals (
  grain text NOT NULL CHECK (grain IN ('day', 'week', 'month')),
  period date NOT NULL,
  metric text NOT NULL CHECK (metric IN ('LCP', 'INP', 'CLS')),
  bucket integer NOT NULL CHECK (bucket >= 0),
  samples integer NOT NULL,
  PRIMARY KEY (grain, period, metric, bucket)
);
INSERT INTO analytics_vitals (grain, period, metric, bucket, samples)
SELECT g.grain, CASE g.grain WHEN 'day' THEN v.day WHEN 'week' THEN date_trunc('week', v.day)::date ELSE date_trunc('month', v.day)::date END,
       v.metric, floor(ln(1 + (v.bucket + 0.5) * CASE v.metric WHEN 'LCP' THEN 10 WHEN 'INP' THEN 4 ELSE 0.001 END
                           / CASE v.metric WHEN 'CLS' THEN 0.01 ELSE 1 END) / ln(1.025))::int,
       sum(v.samples)
  FROM analytics_vitals_daily v CROSS JOIN (VALUES ('day'), ('week'), ('month')) AS g(grain)
 GROUP BY 1, 2, 3, 4;

-- Paid orders per day and market, and those whose buyer (same customer, or same e-mail) had paid an
-- order before: the repeat purchase rate adds up over any range. Rebuilt by the roll-up for the
-- days of orders changed since its last run (orders.updated_at), filled here from existing orders.
CREATE TABLE analytics_orders_daily (
  day date NOT NULL,
  market text NOT NULL,
  orders integer NOT NULL,
  repeat_orders integer NOT NULL,
  PRIMARY KEY (day, market)
);
CREATE INDEX orders_updated_idx ON orders (updated_at);
INSERT INTO analytics_orders_daily (day, market, orders, repeat_orders)
SELECT (o.paid_at AT TIME ZONE 'UTC')::date, o.market, count(*),
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM orders p WHERE lower(p.email) = lower(o.email) AND p.paid_at < o.paid_at)
                           OR EXISTS (SELECT 1 FROM orders p WHERE p.customer_id = o.customer_id AND p.paid_at < o.paid_at))
  FROM orders o WHERE o.paid_at IS NOT NULL
 GROUP BY 1, 2;
ALTER TABLE analytics_rollup_state ADD COLUMN orders_seen_until timestamptz;
UPDATE analytics_rollup_state SET orders_seen_until = (SELECT max(updated_at) FROM orders);
