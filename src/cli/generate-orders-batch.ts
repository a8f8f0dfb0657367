import type { Query } from './generate-orders.ts'

// Set-based SQL of the order generator (bench data, see generate-orders.ts). Random draws are
// taken once per row in a MATERIALIZED CTE, so every later expression of the row sees the same
// values; lists come from the session's gen_lists table (first entries drawn more often).

const index = (list: string, r: string, skew = 1) => `1 + floor(power(${r}, ${skew}) * cardinality(L.${list}))::int`
const draw = (list: string, r: string, skew = 1) => `L.${list}[${index(list, r, skew)}]`
/** first_key / last_key: the names folded to [a-z] (gen_lists), drawn with the same index as the names */
const emailLocal = (first: string, last: string, r: string) => `CASE WHEN ${r} < 0.5 THEN ${first} || '.' || ${last}
  WHEN ${r} < 0.75 THEN left(${first}, 1) || ${last} ELSE ${last} || '_' || ${first} END`
const address = (name: string, place: string, street: string, r: string, market: string) => `jsonb_build_object('name', ${name},
  'line1', (1 + floor(${r} * 140))::int || ' ' || ${street}, 'postalCode', split_part(${place}, '|', 1), 'city', split_part(${place}, '|', 2),
  'country', 'FR', 'phone', CASE WHEN ${market} = 'GP' THEN '+590690' || lpad(floor(${r} * 1e6)::int::text, 6, '0') ELSE '+336' || lpad(floor(${r} * 1e8)::int::text, 8, '0') END)`
const place = (market: string, r: string) => `CASE WHEN ${market} = 'GP' THEN ${draw('gp_cities', r, 1.2)} ELSE ${draw('fr_cities', r, 1.2)} END`

/** Customers with an account, in gen_customers (idx 1..count) and in the customers table. */
export async function createCustomers(q: Query, o: { count: number; tag: string; now: Date; days: number; passwordHash: string }): Promise<void> {
  // e-mails carry a number past the customers already there, so a second run adds new addresses
  const offset = (await q('SELECT count(*)::int AS n FROM customers')).rows[0].n as number
  await q(`CREATE TEMP TABLE gen_customers AS
    WITH s AS MATERIALIZED (
      SELECT n, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6, random() AS r7, random() AS r8
        FROM generate_series(1, $1::int) n
    ), named AS (
      SELECT s.*, ${index('first_names', 'r1', 1.5)} AS i_first, ${index('last_names', 'r2', 2)} AS i_last,
             CASE WHEN r4 < 0.7 THEN 'FR-MAINLAND' ELSE 'GP' END AS market, ${draw('streets', 'r6')} AS street,
             ${draw('domains', 'r7', 1.3)} AS domain
        FROM s CROSS JOIN gen_lists L
    ), placed AS (
      SELECT named.*, ${place('market', 'r5')} AS place, L.first_names[i_first] AS first_name, L.last_names[i_last] AS last_name,
             L.first_keys[i_first] AS first_key, L.last_keys[i_last] AS last_key
        FROM named CROSS JOIN gen_lists L
    )
    SELECT n AS idx, 'cus_' || $2::text || '_' || n AS id, first_name, last_name, market,
           ${emailLocal('first_key', 'last_key', 'r8')} || (n + $5::int) || '@' || domain AS email,
           ${address(`first_name || ' ' || last_name`, 'place', 'street', 'r6', 'market')} AS address,
           CASE WHEN r3 < 0.07 THEN 'en' ELSE 'fr' END AS locale,
           $3::timestamptz - make_interval(days => $4::int + 30) + make_interval(secs => r3 * 86400 * 25) AS created_at
      FROM placed`, [o.count, o.tag, o.now.toISOString(), o.days, offset])
  await q('CREATE INDEX ON gen_customers (idx)')
  await q('ANALYZE gen_customers')
  await q(`INSERT INTO customers (id, email, password_hash, first_name, last_name, locale, created_at, updated_at)
           SELECT id, email, $1, first_name, last_name, locale, created_at, created_at FROM gen_customers`, [o.passwordHash])
}

const STATUS = `CASE
  WHEN age_days < 1 THEN CASE WHEN r_status < 0.12 THEN 'placed' WHEN r_status < 0.25 THEN 'awaiting_payment' WHEN r_status < 0.55 THEN 'paid'
    WHEN r_status < 0.75 THEN 'picking' WHEN r_status < 0.9 THEN 'packed' ELSE 'cancelled' END
  WHEN age_days < 7 THEN CASE WHEN r_status < 0.05 THEN 'cancelled' WHEN r_status < 0.1 THEN 'packed' WHEN r_status < 0.5 THEN 'shipped' ELSE 'delivered' END
  WHEN age_days < 14 THEN CASE WHEN r_status < 0.06 THEN 'cancelled' WHEN r_status < 0.08 THEN 'returned' ELSE 'delivered' END
  ELSE CASE WHEN r_status < 0.06 THEN 'cancelled' WHEN r_status < 0.085 THEN 'refunded' WHEN r_status < 0.095 THEN 'returned' ELSE 'delivered' END END`
export const PAID_STATUSES = `('paid', 'picking', 'packed', 'shipped', 'delivered', 'returned', 'refunded')`

/** Orders $1..$2 of $3 in gen_orders: who, where, when, status, how many lines; no amounts yet. */
const ORDERS = `CREATE TEMP TABLE gen_orders AS
  WITH s AS MATERIALIZED (
    SELECT n, random() AS r_time, random() AS r_acc, random() AS r_cus, random() AS r_first, random() AS r_last, random() AS r_mail,
           random() AS r_market, random() AS r_place, random() AS r_status, random() AS r_lines, random() AS r_pay, random() AS r_gift, random() AS r_method
      FROM generate_series($1::int, $2::int) n
  ), who AS (
    SELECT s.*, $5::timestamptz + make_interval(secs => $6::float8 * power((n - 1 + r_time * 0.9) / $3::float8, 0.8)) AS placed_at,
           c.id AS customer_id, c.email AS c_email, c.locale AS c_locale, c.address AS c_address,
           coalesce(c.market, CASE WHEN r_market < 0.75 THEN 'FR-MAINLAND' ELSE 'GP' END) AS market,
           ${index('first_names', 'r_first', 1.5)} AS i_first, ${index('last_names', 'r_last', 2)} AS i_last,
           ${draw('streets', 'r_place')} AS street, ${draw('domains', 'r_mail', 1.3)} AS domain
      FROM s CROSS JOIN gen_lists L
      LEFT JOIN gen_customers c ON s.r_acc < 0.6 AND c.idx = 1 + floor(power(s.r_cus, 1.4) * $7::int)::int
  ), aged AS (
    SELECT who.*, extract(epoch FROM ($8::timestamptz - placed_at)) / 86400 AS age_days, ${place('market', 'r_place')} AS place,
           L.first_names[i_first] AS first_name, L.last_names[i_last] AS last_name, L.first_keys[i_first] AS first_key, L.last_keys[i_last] AS last_key
      FROM who CROSS JOIN gen_lists L
  ), decided AS (
    SELECT aged.*, ${STATUS} AS status,
           ${address(`first_name || ' ' || last_name`, 'place', 'street', 'r_place', 'market')} AS guest_address
      FROM aged
  )
  SELECT n, 'ord_' || $4::text || '_' || n AS id, 'LK-' || nextval('order_number_seq') AS number, status, customer_id, market, placed_at,
         coalesce(c_email, ${emailLocal('first_key', 'last_key', 'r_mail')} || (n % 7919) || '@' || domain) AS email,
         coalesce(c_locale, CASE WHEN r_mail < 0.06 THEN 'en' ELSE 'fr' END) AS locale,
         -- one order in ten is a gift: delivered to someone else than the buyer
         CASE WHEN customer_id IS NULL OR r_gift < 0.1 THEN guest_address ELSE c_address END AS ship_to,
         coalesce(c_address, guest_address) AS bill_to,
         1 + floor(power(r_lines, 1.8) * 4)::int AS line_count,
         CASE WHEN status = 'awaiting_payment' OR r_pay >= 0.88 THEN 'bank_transfer' ELSE 'card' END AS payment_method,
         CASE WHEN market = 'GP' THEN 'LAKOU_LOCAL' WHEN r_method < 0.6 THEN 'COLISSIMO' WHEN r_method < 0.8 THEN 'CHRONOPOST' ELSE 'RELAY_POINT' END AS method_code,
         CASE WHEN market = 'GP' THEN 'Livraison Lakou en Guadeloupe (lendemain)' WHEN r_method < 0.6 THEN 'Colissimo à domicile'
              WHEN r_method < 0.8 THEN 'Chronopost express' ELSE 'Retrait en point relais' END AS method_name,
         CASE WHEN market = 'GP' THEN 590 WHEN r_method < 0.6 THEN 790 WHEN r_method < 0.8 THEN 1290 ELSE 490 END AS shipping_price,
         CASE WHEN market = 'GP' THEN 'GP-JARRY' ELSE 'FR-HUB' END AS warehouse,
         CASE WHEN status IN ${PAID_STATUSES} THEN placed_at + interval '2 minutes' END AS paid_at,
         CASE WHEN status = 'cancelled' THEN least(placed_at + interval '30 minutes', $8::timestamptz) END AS cancelled_at,
         CASE WHEN status = 'placed' THEN placed_at + interval '15 minutes' WHEN status = 'awaiting_payment' THEN placed_at + interval '3 days' END AS reservation_expires_at,
         least(placed_at + CASE WHEN status IN ('placed', 'awaiting_payment') THEN interval '0' ELSE interval '1 day' * least(age_days, 6) END, $8::timestamptz) AS updated_at
    FROM decided
   ORDER BY n`

/** 1–4 lines per order on the market's priced variants (popular ones more often), 1–3 units each. */
const LINES = `CREATE TEMP TABLE gen_lines AS
  WITH s AS MATERIALIZED (
    SELECT o.n, o.id AS order_id, o.market, k AS position, random() AS r_v, random() AS r_q
      FROM gen_orders o, generate_series(1, o.line_count) k
  ), picked AS (
    SELECT s.n, s.order_id, s.position, v.variant_id, v.sku, v.name, v.unit_gross, v.tax_category, v.rate_bp, v.made_to_order, v.age_restricted,
           v.withdrawal_eligible, 1 + floor(power(s.r_q, 3) * 3)::int AS qty
      FROM s JOIN gen_variants v ON v.market = s.market
       AND v.idx = 1 + floor(power(s.r_v, 2) * CASE WHEN s.market = 'GP' THEN $2::int ELSE $1::int END)::int
  )
  SELECT picked.*, unit_gross * qty AS line_gross, round(unit_gross * qty * 10000.0 / (10000 + rate_bp))::bigint AS net FROM picked`

/** Per order: goods, shipping (free from 69 €) split at the standard rate, VAT per rate, lines as invoice JSON. */
const TOTALS = `CREATE TEMP TABLE gen_totals AS
  WITH g AS (
    SELECT n, sum(line_gross)::bigint AS goods, sum(net)::bigint AS net, sum(line_gross - net)::bigint AS vat, bool_or(age_restricted) AS age_restricted,
           jsonb_agg(jsonb_build_object('sku', sku, 'description', name, 'quantity', qty, 'unitNet', round(net::numeric / qty)::bigint, 'net', net,
                     'vatRateBp', rate_bp, 'vat', line_gross - net, 'gross', line_gross) ORDER BY position) AS lines_json
      FROM gen_lines GROUP BY n
  ), shipped AS MATERIALIZED (
    SELECT g.*, x.ship, x.ship_rate, round(x.ship * 10000.0 / (10000 + x.ship_rate))::bigint AS ship_net
      FROM g JOIN gen_orders o USING (n)
     CROSS JOIN LATERAL (SELECT CASE WHEN g.goods >= 6900 THEN 0 ELSE o.shipping_price END::bigint AS ship,
                                CASE WHEN o.market = 'GP' THEN 850 ELSE 2000 END AS ship_rate) x
  ), rates AS (
    SELECT n, rate, sum(net)::bigint AS net, sum(vat)::bigint AS vat FROM (
      SELECT n, rate_bp AS rate, net, line_gross - net AS vat FROM gen_lines
      UNION ALL SELECT n, ship_rate, ship_net, ship - ship_net FROM shipped WHERE ship > 0) x
     GROUP BY n, rate
  ), by_rate AS (
    SELECT n, jsonb_agg(jsonb_build_object('rateBp', rate, 'net', net, 'vat', vat) ORDER BY rate) AS vat_by_rate FROM rates GROUP BY n
  )
  SELECT shipped.*, ship - ship_net AS ship_vat, b.vat_by_rate FROM shipped JOIN by_rate b USING (n)`

const INSERT_ORDERS = `INSERT INTO orders (id, number, status, customer_id, email, locale, market, currency, customer_kind, ship_to, bill_to, zone,
    shipping_method_code, shipping_method_name, delivery_date, promise_from, promise_to, goods_gross, discount_gross, shipping_gross,
    total_net, total_vat, total_gross, tax_adjustment, excise_total, tax_summary, payment_method, age_confirmed_at, idempotency_key,
    reservation_expires_at, placed_at, paid_at, cancelled_at, updated_at)
  SELECT o.id, o.number, o.status, o.customer_id, o.email, o.locale, o.market, 'EUR', 'B2C', o.ship_to, o.bill_to, o.market,
         o.method_code, o.method_name, NULL, (o.placed_at + interval '2 days')::date, (o.placed_at + interval '5 days')::date,
         t.goods, 0, t.ship, t.net + t.ship_net, t.vat + t.ship_vat, t.goods + t.ship, 0, 0,
         jsonb_build_object('vatByRate', t.vat_by_rate, 'mentions', '[]'::jsonb,
           'shipments', jsonb_build_array(jsonb_build_object('warehouseCode', o.warehouse, 'originTerritory', CASE WHEN o.market = 'GP' THEN 'GP' ELSE 'FR-MAINLAND' END,
             'treatment', 'DOMESTIC', 'rateTerritory', o.market, 'importVat', false, 'exciseScope', CASE WHEN o.market = 'GP' THEN 'gp_local' ELSE 'mainland' END,
             'shippingGross', t.ship)),
           'shipping', CASE WHEN t.ship > 0 THEN jsonb_build_object('net', t.ship_net, 'vat', t.ship_vat,
             'parts', jsonb_build_array(jsonb_build_object('rateBp', t.ship_rate, 'net', t.ship_net, 'vat', t.ship_vat))) END),
         o.payment_method, CASE WHEN t.age_restricted THEN o.placed_at END, 'bench:' || o.id,
         o.reservation_expires_at, o.placed_at, o.paid_at, o.cancelled_at, o.updated_at
    FROM gen_orders o JOIN gen_totals t USING (n)`

const INSERT_LINES = `INSERT INTO order_lines (id, order_id, position, variant_id, sku, name, quantity, unit_gross, line_gross, discount_gross, net, vat,
    vat_parts, excise, css, warehouse_code, tax_category, made_to_order, age_restricted, withdrawal_eligible)
  SELECT 'orl_' || substr(l.order_id, 5) || '_' || l.position, l.order_id, l.position, l.variant_id, l.sku, l.name, l.qty, l.unit_gross, l.line_gross, 0,
         l.net, l.line_gross - l.net, jsonb_build_array(jsonb_build_object('rateBp', l.rate_bp, 'net', l.net, 'vat', l.line_gross - l.net)), 0, 0,
         o.warehouse, l.tax_category, l.made_to_order, l.age_restricted, l.withdrawal_eligible
    FROM gen_lines l JOIN gen_orders o USING (n)`

// Only the first and the current status: the intermediate steps of bench orders are not recorded.
const INSERT_HISTORY = `INSERT INTO order_status_history (order_id, from_status, to_status, actor, note, created_at)
  SELECT id, NULL, 'placed', 'system:generate-orders', NULL, placed_at FROM gen_orders
  UNION ALL
  SELECT id, 'placed', status, 'system:generate-orders', 'bench data', updated_at FROM gen_orders WHERE status <> 'placed'`

export type BatchInput = {
  from: number; to: number; total: number; tag: string; start: Date; now: Date; days: number; customers: number
  variants: { fr: number; gp: number }
}

/** One batch of orders, lines and history, in the caller's transaction; leaves gen_orders/gen_totals for the invoices. */
export async function insertOrderBatch(q: Query, b: BatchInput): Promise<{ orders: number; lines: number }> {
  await q('DROP TABLE IF EXISTS gen_orders, gen_lines, gen_totals')
  await q(ORDERS, [b.from, b.to, b.total, b.tag, b.start.toISOString(), b.days * 86_400, b.customers, b.now.toISOString()])
  await q(LINES, [b.variants.fr, b.variants.gp])
  await q(TOTALS)
  const orders = (await q(INSERT_ORDERS)).rowCount ?? 0
  const lines = (await q(INSERT_LINES)).rowCount ?? 0
  await q(INSERT_HISTORY)
  return { orders, lines }
}
