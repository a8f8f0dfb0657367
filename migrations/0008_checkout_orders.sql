-- Lakou 0008: stock reservations and allocations in the ledger, carts, orders.

-- ── inventory: the ledger also carries reservations and allocations ─────────
-- A movement changes on-hand (quantity), reserved (held by an unpaid checkout) and/or
-- allocated (promised to a paid order, still on the shelf). stock_levels sums them per
-- lot and its CHECK refuses any movement that would make available stock negative.
ALTER TABLE stock_movements ADD COLUMN reserved_delta integer NOT NULL DEFAULT 0;
ALTER TABLE stock_movements ADD COLUMN allocated_delta integer NOT NULL DEFAULT 0;
ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_quantity_check;
ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_changes_something
  CHECK (quantity <> 0 OR reserved_delta <> 0 OR allocated_delta <> 0);
ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_reason_check;
ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_reason_check CHECK (reason IN (
  'OPENING', 'RECEIPT', 'SALE', 'RETURN', 'ADJUSTMENT', 'WRITE_OFF', 'TRANSFER',
  'RESERVE', 'RELEASE', 'ALLOCATE', 'DEALLOCATE'));
CREATE INDEX stock_movements_reference_idx ON stock_movements (reference) WHERE reference IS NOT NULL;

ALTER TABLE stock_levels ADD COLUMN allocated integer NOT NULL DEFAULT 0 CHECK (allocated >= 0);
ALTER TABLE stock_levels DROP CONSTRAINT stock_levels_check;
ALTER TABLE stock_levels ADD CONSTRAINT stock_levels_available_not_negative CHECK (on_hand - reserved - allocated >= 0);

CREATE OR REPLACE FUNCTION stock_movements_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE stock_levels
     SET on_hand = on_hand + NEW.quantity,
         reserved = reserved + NEW.reserved_delta,
         allocated = allocated + NEW.allocated_delta
   WHERE lot_id = NEW.lot_id;
  IF NOT FOUND THEN
    INSERT INTO stock_levels (lot_id, variant_id, warehouse_code, on_hand, reserved, allocated)
      SELECT l.id, l.variant_id, l.warehouse_code, NEW.quantity, NEW.reserved_delta, NEW.allocated_delta FROM lots l WHERE l.id = NEW.lot_id;
  END IF;
  RETURN NEW;
END $$;

-- Sellable units: what is neither held nor promised, in lots that have not expired.
CREATE OR REPLACE VIEW variant_availability AS
  SELECT v.id AS variant_id,
         COALESCE(SUM(s.on_hand - s.reserved - s.allocated) FILTER (WHERE l.best_before IS NULL OR l.best_before > CURRENT_DATE), 0)::integer AS available,
         v.made_to_order
    FROM product_variants v
    LEFT JOIN stock_levels s ON s.variant_id = v.id
    LEFT JOIN lots l ON l.id = s.lot_id
   GROUP BY v.id, v.made_to_order;

-- One row per lot taken by an order; its status moves with a ledger movement in the same transaction.
CREATE TABLE stock_reservations (
  id text PRIMARY KEY,
  order_id text NOT NULL,
  order_line_id text NOT NULL,
  variant_id text NOT NULL REFERENCES product_variants(id),
  lot_id text NOT NULL REFERENCES lots(id),
  quantity integer NOT NULL CHECK (quantity > 0),
  status text NOT NULL CHECK (status IN ('HELD', 'ALLOCATED', 'RELEASED')),
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'HELD') = (expires_at IS NOT NULL))
);
CREATE INDEX stock_reservations_order_idx ON stock_reservations (order_id);
CREATE INDEX stock_reservations_expiry_idx ON stock_reservations (expires_at) WHERE status = 'HELD';

-- ── checkout: carts ───────────────────────────────────────────────────────
CREATE TABLE carts (
  id text PRIMARY KEY,
  customer_id text REFERENCES customers(id) ON DELETE SET NULL,
  market text NOT NULL REFERENCES territories(code),
  email text,
  ship_to jsonb,
  shipping_method_code text,
  delivery_date date,
  promo_code text,
  birth_date date,
  -- set when the cart became an order; a converted cart takes no more changes
  order_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX carts_customer_idx ON carts (customer_id, updated_at DESC) WHERE customer_id IS NOT NULL AND order_id IS NULL;

CREATE TABLE cart_lines (
  cart_id text NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
  variant_id text NOT NULL REFERENCES product_variants(id),
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 99),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cart_id, variant_id)
);

-- ── orders ────────────────────────────────────────────────────────────────
-- Human numbers from a sequence (gaps are harmless for orders; invoices have their own gap-free series).
CREATE SEQUENCE order_number_seq START 100001;

CREATE TABLE orders (
  id text PRIMARY KEY,
  number text NOT NULL UNIQUE,
  status text NOT NULL CHECK (status IN ('placed', 'awaiting_payment', 'paid', 'picking', 'packed', 'shipped', 'delivered', 'returned', 'cancelled', 'refunded')),
  customer_id text REFERENCES customers(id),
  email text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('fr', 'en')),
  market text NOT NULL REFERENCES territories(code),
  currency char(3) NOT NULL DEFAULT 'EUR',
  customer_kind text NOT NULL DEFAULT 'B2C' CHECK (customer_kind IN ('B2C', 'B2B')),
  ship_to jsonb NOT NULL,
  bill_to jsonb NOT NULL,
  zone text NOT NULL REFERENCES territories(code),
  shipping_method_code text NOT NULL,
  shipping_method_name text NOT NULL,
  delivery_date date,
  promise_from date NOT NULL,
  promise_to date NOT NULL,
  promo_code text,
  promo_id text,
  goods_gross bigint NOT NULL CHECK (goods_gross >= 0),
  discount_gross bigint NOT NULL DEFAULT 0 CHECK (discount_gross >= 0),
  shipping_gross bigint NOT NULL CHECK (shipping_gross >= 0),
  total_net bigint NOT NULL,
  total_vat bigint NOT NULL,
  total_gross bigint NOT NULL CHECK (total_gross >= 0),
  -- what the tax treatment changes against list prices: negative for an export sold
  -- without VAT (the shopper pays the list price less its VAT), 0 when list rates apply
  tax_adjustment bigint NOT NULL DEFAULT 0,
  excise_total bigint NOT NULL DEFAULT 0,
  -- VAT per rate, per shipment treatment, legal mentions: the priced quote as placed
  tax_summary jsonb NOT NULL,
  payment_method text NOT NULL CHECK (payment_method IN ('card', 'bank_transfer')),
  age_confirmed_at timestamptz,
  birth_date date,
  idempotency_key text NOT NULL UNIQUE,
  cart_id text,
  reservation_expires_at timestamptz,
  placed_at timestamptz NOT NULL DEFAULT now(),
  paid_at timestamptz,
  cancelled_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (total_net + total_vat = total_gross),
  CHECK (goods_gross - discount_gross + shipping_gross + tax_adjustment = total_gross)
);
CREATE INDEX orders_customer_idx ON orders (customer_id, placed_at DESC) WHERE customer_id IS NOT NULL;
CREATE INDEX orders_unpaid_expiry_idx ON orders (reservation_expires_at) WHERE status IN ('placed', 'awaiting_payment');
CREATE INDEX orders_status_idx ON orders (status, placed_at DESC);
-- a cart becomes at most one order
CREATE UNIQUE INDEX orders_cart_idx ON orders (cart_id) WHERE cart_id IS NOT NULL;

CREATE TABLE order_lines (
  id text PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  position integer NOT NULL,
  variant_id text NOT NULL REFERENCES product_variants(id),
  sku text NOT NULL,
  name text NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  unit_gross bigint NOT NULL CHECK (unit_gross >= 0),
  line_gross bigint NOT NULL CHECK (line_gross >= 0),
  discount_gross bigint NOT NULL DEFAULT 0 CHECK (discount_gross >= 0),
  net bigint NOT NULL,
  vat bigint NOT NULL,
  vat_parts jsonb NOT NULL,
  excise bigint NOT NULL DEFAULT 0,
  css bigint NOT NULL DEFAULT 0,
  warehouse_code text NOT NULL REFERENCES warehouses(code),
  tax_category text NOT NULL,
  made_to_order boolean NOT NULL DEFAULT false,
  age_restricted boolean NOT NULL DEFAULT false,
  withdrawal_eligible boolean NOT NULL,
  UNIQUE (order_id, position)
);
CREATE INDEX order_lines_order_idx ON order_lines (order_id, position);
CREATE INDEX order_lines_variant_idx ON order_lines (variant_id);

-- Every transition, who made it and why: the order's history.
CREATE TABLE order_status_history (
  id bigserial PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  from_status text,
  to_status text NOT NULL,
  actor text NOT NULL,
  note text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_status_history_order_idx ON order_status_history (order_id, id);

-- The legal withdrawal (C. consom. L221-18, L221-21 from 19 June 2026): one request per use of the button.
CREATE TABLE withdrawal_requests (
  id text PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders(id),
  lines jsonb NOT NULL,
  statement text,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX withdrawal_requests_order_idx ON withdrawal_requests (order_id);
