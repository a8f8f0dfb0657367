-- Lakou 0013: delegation supply (PRODUCT.md C and the warehouse part of B).
-- Producer applications and scoring, dated agreements, purchase orders and goods receipts with
-- lots, supplier invoices with three-way match, payment runs, consignment statements, shipments
-- with pick lists, stock counts, returns, and the producer portal's accounts and content proposals.
-- PostgreSQL 15 syntax; PGlite accepts it too. Money: integer cents, explicit currency.

-- ── sourcing: applications, scoring grid, pipeline ─────────────────────────
-- An application is a producers row (status APPLICANT) plus what the applicant told us.
CREATE TABLE producer_applications (
  id text PRIMARY KEY,
  producer_id text NOT NULL UNIQUE REFERENCES producers(id) ON DELETE CASCADE,
  contact_name text NOT NULL CHECK (length(btrim(contact_name)) BETWEEN 1 AND 120),
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email LIKE '%_@_%'),
  phone text,
  siren text NOT NULL CHECK (siren ~ '^[0-9]{9}$'),
  products_text text NOT NULL CHECK (length(products_text) BETWEEN 1 AND 4000),
  capacity_text text NOT NULL CHECK (length(capacity_text) BETWEEN 1 AND 2000),
  annual_capacity_units integer CHECK (annual_capacity_units >= 0),
  message text CHECK (length(message) <= 4000),
  locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
  submitted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX producer_applications_submitted_idx ON producer_applications (submitted_at DESC);

-- Photos and documents sent with an application (Kbis, insurance, labels…): stored files.
CREATE TABLE producer_files (
  id text PRIMARY KEY,
  producer_id text NOT NULL REFERENCES producers(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('photo', 'document')),
  purpose text,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  content_type text NOT NULL,
  byte_size integer NOT NULL CHECK (byte_size > 0),
  storage_key text NOT NULL,
  image_id text REFERENCES images(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX producer_files_producer_idx ON producer_files (producer_id, created_at);

-- The scoring grid is data: criteria with weights, scored 0..max by the team.
CREATE TABLE scoring_criteria (
  code text PRIMARY KEY CHECK (code ~ '^[a-z_]{2,40}$'),
  position integer NOT NULL,
  label_fr text NOT NULL,
  label_en text NOT NULL,
  help_fr text,
  weight integer NOT NULL CHECK (weight BETWEEN 0 AND 100),
  max_score integer NOT NULL DEFAULT 5 CHECK (max_score BETWEEN 1 AND 10),
  active boolean NOT NULL DEFAULT true
);
INSERT INTO scoring_criteria (code, position, label_fr, label_en, help_fr, weight) VALUES
  ('authenticity', 1, 'Authenticité', 'Authenticity', 'Origine locale, savoir-faire, histoire', 25),
  ('quality', 2, 'Qualité', 'Quality', 'Dégustation, régularité, labels', 25),
  ('export_potential', 3, 'Potentiel export', 'Export potential', 'Tenue au transport, demande hors de l’île', 15),
  ('capacity', 4, 'Capacité', 'Capacity', 'Volumes annuels, régularité des livraisons', 15),
  ('margin', 5, 'Marge', 'Margin', 'Écart prix de vente / coût d’achat', 10),
  ('compliance', 6, 'Conformité', 'Compliance', 'SIREN, assurance, étiquetage, accises', 10);

-- One score per criterion per producer (the latest; the audit log keeps earlier ones).
CREATE TABLE producer_scores (
  producer_id text NOT NULL REFERENCES producers(id) ON DELETE CASCADE,
  criterion_code text NOT NULL REFERENCES scoring_criteria(code),
  score integer NOT NULL CHECK (score >= 0),
  note text CHECK (length(note) <= 2000),
  staff_id text NOT NULL REFERENCES staff_users(id),
  scored_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (producer_id, criterion_code)
);

-- Every pipeline move and every note, dated: the producer's selection history.
CREATE TABLE producer_pipeline_events (
  id bigserial PRIMARY KEY,
  producer_id text NOT NULL REFERENCES producers(id) ON DELETE CASCADE,
  from_status text,
  to_status text,
  note text CHECK (length(note) <= 4000),
  staff_id text REFERENCES staff_users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (to_status IS NOT NULL OR note IS NOT NULL)
);
CREATE INDEX producer_pipeline_events_producer_idx ON producer_pipeline_events (producer_id, id);
CREATE INDEX producers_status_created_idx ON producers (status, created_at DESC);

-- ── agreements: dated rows, the latest valid_from ≤ day applies ─────────────
-- Payment terms: NET_DAYS_FROM_INVOICE (≤ 60, C. com. L441-10), DAYS_AFTER_END_OF_DELIVERY_MONTH
-- (alcohol under excise: ≤ 30, L441-11 II), DAYS_AFTER_DELIVERY (perishable food: ≤ 30).
-- The legal limits per product kind are checked in code (modules/sourcing/agreement-rules.ts).
ALTER TABLE producer_agreements DROP CONSTRAINT producer_agreements_payment_terms_type_check;
ALTER TABLE producer_agreements ADD CONSTRAINT producer_agreements_payment_terms_type_check
  CHECK (payment_terms_type IN ('NET_DAYS_FROM_INVOICE', 'DAYS_AFTER_END_OF_DELIVERY_MONTH', 'DAYS_AFTER_DELIVERY'));
ALTER TABLE producer_agreements ADD COLUMN note text;
ALTER TABLE producer_agreements ADD COLUMN created_by text REFERENCES staff_users(id);
ALTER TABLE producer_agreements ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();

-- ── warehouse locations: where a lot sits, for picker routing ──────────────
ALTER TABLE lots ADD COLUMN location text CHECK (location ~ '^[A-Z0-9][A-Z0-9-]{0,19}$');
-- The ledger says who moved stock and why, in words a count or a write-off needs.
ALTER TABLE stock_movements ADD COLUMN staff_id text;
ALTER TABLE stock_movements ADD COLUMN cause text CHECK (cause IN
  ('broken', 'damaged', 'expired', 'lost', 'theft', 'quality', 'count', 'return_to_producer', 'other'));
CREATE INDEX lots_best_before_idx ON lots (best_before) WHERE best_before IS NOT NULL;
CREATE INDEX stock_levels_warehouse_idx ON stock_levels (warehouse_code, variant_id);

-- ── purchasing: orders to producers, goods receipts ─────────────────────────
CREATE SEQUENCE purchase_order_number_seq START 1001;
CREATE TABLE purchase_orders (
  id text PRIMARY KEY,
  number text NOT NULL UNIQUE,                  -- 'BC-001001'
  producer_id text NOT NULL REFERENCES producers(id),
  warehouse_code text NOT NULL REFERENCES warehouses(code),
  -- PURCHASE: we buy at unit_cost; CONSIGNMENT: the producer's stock placed with us (no cost)
  model text NOT NULL CHECK (model IN ('PURCHASE', 'CONSIGNMENT')),
  status text NOT NULL CHECK (status IN ('draft', 'sent', 'confirmed', 'partially_received', 'received', 'closed', 'cancelled')),
  currency char(3) NOT NULL DEFAULT 'EUR',
  expected_on date,
  note text CHECK (length(note) <= 4000),
  created_by text REFERENCES staff_users(id),
  sent_at timestamptz,
  confirmed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX purchase_orders_producer_idx ON purchase_orders (producer_id, created_at DESC);
CREATE INDEX purchase_orders_status_idx ON purchase_orders (status, created_at DESC);

CREATE TABLE purchase_order_lines (
  id text PRIMARY KEY,
  purchase_order_id text NOT NULL REFERENCES purchase_orders(id) ON DELETE CASCADE,
  position integer NOT NULL,
  variant_id text NOT NULL REFERENCES product_variants(id),
  quantity_ordered integer NOT NULL CHECK (quantity_ordered > 0),
  unit_cost bigint NOT NULL CHECK (unit_cost >= 0),       -- net, per unit
  vat_rate_bp integer NOT NULL DEFAULT 0 CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  -- maintained by receipts: accepted into stock so far
  quantity_received integer NOT NULL DEFAULT 0 CHECK (quantity_received >= 0),
  UNIQUE (purchase_order_id, position),
  UNIQUE (purchase_order_id, variant_id)
);
CREATE INDEX purchase_order_lines_variant_idx ON purchase_order_lines (variant_id);

CREATE SEQUENCE goods_receipt_number_seq START 1001;
CREATE TABLE goods_receipts (
  id text PRIMARY KEY,
  number text NOT NULL UNIQUE,                  -- 'RC-001001'
  purchase_order_id text NOT NULL REFERENCES purchase_orders(id),
  producer_id text NOT NULL REFERENCES producers(id),
  warehouse_code text NOT NULL REFERENCES warehouses(code),
  received_on date NOT NULL,
  received_by text REFERENCES staff_users(id),
  note text CHECK (length(note) <= 4000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX goods_receipts_po_idx ON goods_receipts (purchase_order_id);
CREATE INDEX goods_receipts_producer_idx ON goods_receipts (producer_id, received_on DESC);

-- One row per lot received on a purchase-order line; accepted units enter the ledger (RECEIPT,
-- reference = receipt id); damaged and refused units do not; short = ordered − delivered.
CREATE TABLE goods_receipt_lines (
  id text PRIMARY KEY,
  receipt_id text NOT NULL REFERENCES goods_receipts(id) ON DELETE CASCADE,
  purchase_order_line_id text NOT NULL REFERENCES purchase_order_lines(id),
  variant_id text NOT NULL REFERENCES product_variants(id),
  lot_id text REFERENCES lots(id),
  lot_code text NOT NULL CHECK (length(lot_code) BETWEEN 1 AND 60),
  produced_on date,
  best_before date,
  quantity_accepted integer NOT NULL CHECK (quantity_accepted >= 0),
  quantity_damaged integer NOT NULL DEFAULT 0 CHECK (quantity_damaged >= 0),
  quantity_refused integer NOT NULL DEFAULT 0 CHECK (quantity_refused >= 0),
  discrepancy_note text CHECK (length(discrepancy_note) <= 2000),
  CHECK (quantity_accepted + quantity_damaged + quantity_refused > 0),
  CHECK (best_before IS NULL OR produced_on IS NULL OR best_before >= produced_on),
  CHECK ((quantity_accepted > 0) = (lot_id IS NOT NULL))
);
CREATE INDEX goods_receipt_lines_receipt_idx ON goods_receipt_lines (receipt_id);
CREATE INDEX goods_receipt_lines_po_line_idx ON goods_receipt_lines (purchase_order_line_id);

-- ── payables: supplier invoices, three-way match, payment runs ─────────────
CREATE TABLE supplier_invoices (
  id text PRIMARY KEY,
  producer_id text NOT NULL REFERENCES producers(id),
  invoice_number text NOT NULL CHECK (length(btrim(invoice_number)) BETWEEN 1 AND 60),
  purchase_order_id text REFERENCES purchase_orders(id),
  invoice_date date NOT NULL,
  -- the date the payment term runs from for DAYS_AFTER_* terms (last receipt of the order)
  delivered_on date,
  received_on date NOT NULL DEFAULT CURRENT_DATE,
  currency char(3) NOT NULL DEFAULT 'EUR',
  total_net bigint NOT NULL CHECK (total_net >= 0),
  total_vat bigint NOT NULL CHECK (total_vat >= 0),
  total_gross bigint NOT NULL CHECK (total_gross = total_net + total_vat),
  due_on date NOT NULL,
  -- terms applied, copied from the agreement of the invoice date
  payment_terms_type text NOT NULL,
  payment_terms_days integer NOT NULL,
  match_status text NOT NULL CHECK (match_status IN ('matched', 'mismatch', 'unmatched')),
  match_detail jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL CHECK (status IN ('received', 'disputed', 'approved', 'paid', 'cancelled')),
  amount_paid bigint NOT NULL DEFAULT 0 CHECK (amount_paid >= 0),
  paid_at timestamptz,
  created_by text REFERENCES staff_users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (amount_paid <= total_gross),
  CHECK (due_on >= invoice_date),
  CHECK (status <> 'paid' OR amount_paid = total_gross),
  CHECK (status <> 'cancelled' OR amount_paid = 0)
);
-- a producer's invoice number is used once
CREATE UNIQUE INDEX supplier_invoices_number_key ON supplier_invoices (producer_id, lower(btrim(invoice_number)));
CREATE INDEX supplier_invoices_due_idx ON supplier_invoices (due_on, producer_id) WHERE status IN ('received', 'disputed', 'approved');
CREATE INDEX supplier_invoices_producer_idx ON supplier_invoices (producer_id, invoice_date DESC);
CREATE INDEX supplier_invoices_po_idx ON supplier_invoices (purchase_order_id) WHERE purchase_order_id IS NOT NULL;

CREATE TABLE supplier_invoice_lines (
  id text PRIMARY KEY,
  supplier_invoice_id text NOT NULL REFERENCES supplier_invoices(id) ON DELETE CASCADE,
  position integer NOT NULL,
  purchase_order_line_id text REFERENCES purchase_order_lines(id),
  variant_id text REFERENCES product_variants(id),
  description text NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  unit_cost bigint NOT NULL CHECK (unit_cost >= 0),
  net bigint NOT NULL CHECK (net >= 0),
  vat_rate_bp integer NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
  vat bigint NOT NULL CHECK (vat >= 0),
  UNIQUE (supplier_invoice_id, position)
);
CREATE INDEX supplier_invoice_lines_po_line_idx ON supplier_invoice_lines (purchase_order_line_id) WHERE purchase_order_line_id IS NOT NULL;

CREATE SEQUENCE payment_run_number_seq START 1001;
CREATE TABLE payment_runs (
  id text PRIMARY KEY,
  number text NOT NULL UNIQUE,                  -- 'VR-001001'
  pay_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'executed', 'cancelled')),
  total bigint NOT NULL DEFAULT 0 CHECK (total >= 0),
  created_by text REFERENCES staff_users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  executed_at timestamptz,
  executed_by text REFERENCES staff_users(id),
  CHECK ((status = 'executed') = (executed_at IS NOT NULL))
);

-- A payment of (part of) an invoice, in a run or recorded alone. Paying more than is owed is
-- refused by supplier_invoices' CHECK (amount_paid <= total_gross) in the same transaction.
CREATE TABLE supplier_payments (
  id text PRIMARY KEY,
  supplier_invoice_id text NOT NULL REFERENCES supplier_invoices(id),
  payment_run_id text REFERENCES payment_runs(id),
  amount bigint NOT NULL CHECK (amount > 0),
  paid_on date NOT NULL,
  reference text,
  created_by text REFERENCES staff_users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supplier_payments_invoice_idx ON supplier_payments (supplier_invoice_id);
CREATE INDEX supplier_payments_run_idx ON supplier_payments (payment_run_id) WHERE payment_run_id IS NOT NULL;
-- an invoice appears at most once per run
CREATE UNIQUE INDEX supplier_payments_run_invoice_key ON supplier_payments (payment_run_id, supplier_invoice_id) WHERE payment_run_id IS NOT NULL;

-- ── consignment: monthly settlement statements ─────────────────────────────
CREATE TABLE consignment_statements (
  id text PRIMARY KEY,
  number text NOT NULL UNIQUE,                  -- 'RV-2026-11-PRD-ACS'
  producer_id text NOT NULL REFERENCES producers(id),
  period_start date NOT NULL,
  period_end date NOT NULL,                     -- inclusive, the month's last day
  currency char(3) NOT NULL DEFAULT 'EUR',
  units integer NOT NULL CHECK (units >= 0),
  sales_net bigint NOT NULL,                    -- goods sold, net of VAT, after refunds
  commission_bp integer NOT NULL CHECK (commission_bp BETWEEN 0 AND 10000),
  commission_net bigint NOT NULL,
  commission_vat bigint NOT NULL,
  amount_owed bigint NOT NULL,                  -- sales_net − commission_net − commission_vat
  due_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('issued', 'paid')),
  amount_paid bigint NOT NULL DEFAULT 0 CHECK (amount_paid >= 0),
  issued_at timestamptz NOT NULL DEFAULT now(),
  created_by text REFERENCES staff_users(id),
  UNIQUE (producer_id, period_start),
  CHECK (period_end >= period_start),
  CHECK (amount_owed = sales_net - commission_net - commission_vat)
);
CREATE INDEX consignment_statements_producer_idx ON consignment_statements (producer_id, period_start DESC);

-- The order lines a statement settles (a refunded unit appears with a negative quantity).
CREATE TABLE consignment_statement_lines (
  id bigserial PRIMARY KEY,
  statement_id text NOT NULL REFERENCES consignment_statements(id) ON DELETE CASCADE,
  order_line_id text NOT NULL REFERENCES order_lines(id),
  order_number text NOT NULL,
  variant_id text NOT NULL REFERENCES product_variants(id),
  sku text NOT NULL,
  sold_on date NOT NULL,
  quantity integer NOT NULL CHECK (quantity <> 0),
  net bigint NOT NULL
);
CREATE INDEX consignment_statement_lines_statement_idx ON consignment_statement_lines (statement_id);
-- an order line is settled in at most one statement (per sign: a sale, then a refund)
CREATE UNIQUE INDEX consignment_statement_lines_once ON consignment_statement_lines (order_line_id, (quantity > 0));

-- ── warehouse: pick lists, shipments, counts ───────────────────────────────
CREATE SEQUENCE pick_list_number_seq START 1001;
CREATE TABLE pick_lists (
  id text PRIMARY KEY,
  number text NOT NULL UNIQUE,                  -- 'PK-001001'
  warehouse_code text NOT NULL REFERENCES warehouses(code),
  status text NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
  created_by text REFERENCES staff_users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);
CREATE INDEX pick_lists_warehouse_idx ON pick_lists (warehouse_code, status, created_at DESC);

-- What to take from which lot for which order line, in walking order (sequence).
CREATE TABLE pick_list_lines (
  id text PRIMARY KEY,
  pick_list_id text NOT NULL REFERENCES pick_lists(id) ON DELETE CASCADE,
  sequence integer NOT NULL,
  order_id text NOT NULL REFERENCES orders(id),
  order_line_id text NOT NULL REFERENCES order_lines(id),
  reservation_id text REFERENCES stock_reservations(id),
  lot_id text NOT NULL REFERENCES lots(id),
  location text,
  quantity integer NOT NULL CHECK (quantity > 0),
  quantity_picked integer CHECK (quantity_picked >= 0 AND quantity_picked <= quantity),
  UNIQUE (pick_list_id, sequence)
);
CREATE INDEX pick_list_lines_order_idx ON pick_list_lines (order_id);

CREATE SEQUENCE shipment_number_seq START 1001;
CREATE TABLE shipments (
  id text PRIMARY KEY,
  number text NOT NULL UNIQUE,                  -- 'EX-001001'
  order_id text NOT NULL REFERENCES orders(id),
  warehouse_code text NOT NULL REFERENCES warehouses(code),
  status text NOT NULL CHECK (status IN ('packing', 'packed', 'shipped', 'delivered', 'cancelled')),
  parcel_count integer NOT NULL DEFAULT 1 CHECK (parcel_count BETWEEN 1 AND 50),
  weight_g integer CHECK (weight_g > 0),
  protective_packing boolean NOT NULL DEFAULT false,
  carrier text,
  tracking_number text CHECK (tracking_number ~ '^[A-Za-z0-9-]{4,40}$'),
  tracking_url text,
  packed_by text REFERENCES staff_users(id),
  packed_at timestamptz,
  shipped_at timestamptz,
  delivered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status IN ('shipped', 'delivered')) <= (tracking_number IS NOT NULL AND shipped_at IS NOT NULL))
);
CREATE INDEX shipments_order_idx ON shipments (order_id);
CREATE INDEX shipments_status_idx ON shipments (warehouse_code, status, created_at);

CREATE TABLE shipment_lines (
  shipment_id text NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
  order_line_id text NOT NULL REFERENCES order_lines(id),
  lot_id text NOT NULL REFERENCES lots(id),
  quantity integer NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (shipment_id, order_line_id, lot_id)
);
CREATE INDEX shipment_lines_order_line_idx ON shipment_lines (order_line_id);

CREATE SEQUENCE stock_count_number_seq START 1001;
CREATE TABLE stock_counts (
  id text PRIMARY KEY,
  number text NOT NULL UNIQUE,                  -- 'IN-001001'
  warehouse_code text NOT NULL REFERENCES warehouses(code),
  status text NOT NULL CHECK (status IN ('open', 'posted', 'cancelled')),
  note text,
  created_by text REFERENCES staff_users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  posted_at timestamptz,
  posted_by text REFERENCES staff_users(id)
);
CREATE INDEX stock_counts_warehouse_idx ON stock_counts (warehouse_code, created_at DESC);

-- expected: on hand when the count was opened; the posted difference is one ADJUSTMENT movement.
CREATE TABLE stock_count_lines (
  stock_count_id text NOT NULL REFERENCES stock_counts(id) ON DELETE CASCADE,
  lot_id text NOT NULL REFERENCES lots(id),
  expected integer NOT NULL CHECK (expected >= 0),
  counted integer CHECK (counted >= 0),
  PRIMARY KEY (stock_count_id, lot_id)
);

-- ── returns ─────────────────────────────────────────────────────────────────
CREATE SEQUENCE return_number_seq START 1001;
CREATE TABLE return_requests (
  id text PRIMARY KEY,
  number text NOT NULL UNIQUE,                  -- 'RT-001001'
  order_id text NOT NULL REFERENCES orders(id),
  status text NOT NULL CHECK (status IN ('requested', 'approved', 'rejected', 'received', 'refunded')),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  decision_note text,
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  decided_by text REFERENCES staff_users(id),
  received_at timestamptz,
  received_by text REFERENCES staff_users(id),
  refunded_at timestamptz,
  credit_note_id text,
  refund_amount bigint CHECK (refund_amount >= 0)
);
CREATE INDEX return_requests_order_idx ON return_requests (order_id);
CREATE INDEX return_requests_status_idx ON return_requests (status, requested_at);

-- At receipt each line is restocked (RETURN movement into its lot) or written off, per unit.
CREATE TABLE return_lines (
  return_id text NOT NULL REFERENCES return_requests(id) ON DELETE CASCADE,
  order_line_id text NOT NULL REFERENCES order_lines(id),
  quantity integer NOT NULL CHECK (quantity > 0),
  lot_id text REFERENCES lots(id),
  quantity_restocked integer NOT NULL DEFAULT 0 CHECK (quantity_restocked >= 0),
  quantity_written_off integer NOT NULL DEFAULT 0 CHECK (quantity_written_off >= 0),
  PRIMARY KEY (return_id, order_line_id),
  CHECK (quantity_restocked + quantity_written_off <= quantity)
);
CREATE INDEX return_lines_order_line_idx ON return_lines (order_line_id);

-- ── producer portal: the producer's own staff, sessions, content proposals ──
CREATE TABLE producer_users (
  id text PRIMARY KEY,
  producer_id text NOT NULL REFERENCES producers(id) ON DELETE CASCADE,
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email LIKE '%_@_%' AND email = btrim(email)),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
  password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  active boolean NOT NULL DEFAULT true,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX producer_users_email_key ON producer_users (lower(email));
CREATE INDEX producer_users_producer_idx ON producer_users (producer_id);

-- The session carries its producer: every portal query is scoped by it.
CREATE TABLE producer_sessions (
  id text PRIMARY KEY,
  producer_user_id text NOT NULL REFERENCES producer_users(id) ON DELETE CASCADE,
  producer_id text NOT NULL REFERENCES producers(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  CHECK (expires_at > created_at)
);
CREATE INDEX producer_sessions_user_idx ON producer_sessions (producer_user_id);
CREATE INDEX producer_sessions_expiry_idx ON producer_sessions (expires_at);

CREATE TABLE producer_sign_in_failures (
  id bigserial PRIMARY KEY,
  email_key text NOT NULL,
  ip text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX producer_sign_in_failures_email_idx ON producer_sign_in_failures (email_key, failed_at);
CREATE INDEX producer_sign_in_failures_ip_idx ON producer_sign_in_failures (ip, failed_at);

-- A producer proposes new texts or photos for one of its products; an e-merchandiser decides.
CREATE TABLE content_proposals (
  id text PRIMARY KEY,
  producer_id text NOT NULL REFERENCES producers(id) ON DELETE CASCADE,
  product_id text NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  proposed_by text NOT NULL REFERENCES producer_users(id),
  -- the proposed values of the editable text fields (name_fr, description_fr, …), only those changed
  changes jsonb NOT NULL DEFAULT '{}',
  image_ids text[] NOT NULL DEFAULT '{}',
  message text CHECK (length(message) <= 2000),
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn')),
  review_note text CHECK (length(review_note) <= 2000),
  reviewed_by text REFERENCES staff_users(id),
  reviewed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (changes <> '{}'::jsonb OR cardinality(image_ids) > 0)
);
CREATE INDEX content_proposals_producer_idx ON content_proposals (producer_id, created_at DESC);
CREATE INDEX content_proposals_pending_idx ON content_proposals (created_at) WHERE status = 'pending';
