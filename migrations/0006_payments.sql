-- Lakou 0006: payments (module payments). Money: integer cents. PostgreSQL 15 syntax.
-- Orders arrive in a later migration, so payments reference them by id and number without a foreign key.

CREATE TABLE payments (
  id text PRIMARY KEY,
  order_id text NOT NULL,
  order_number text NOT NULL,
  provider text NOT NULL CHECK (provider IN ('test', 'stripe', 'bank_transfer')),
  method text NOT NULL CHECK (method IN ('card', 'bank_transfer')),
  amount integer NOT NULL CHECK (amount > 0),
  currency text NOT NULL CHECK (currency = 'EUR'),
  status text NOT NULL DEFAULT 'PENDING'
    CHECK (status IN ('PENDING', 'AUTHORIZED', 'CAPTURED', 'FAILED', 'CANCELLED', 'REFUNDED', 'PARTIALLY_REFUNDED')),
  -- the provider's id of the payment (test: tp_…, Stripe: pi_…, bank transfer: the reference the customer writes)
  provider_ref text,
  -- the caller's key: a retried startPayment finds this row instead of charging again
  idempotency_key text NOT NULL UNIQUE,
  -- never the card number (PCI DSS): brand and last four digits only
  card_brand text,
  card_last4 text CHECK (card_last4 ~ '^[0-9]{4}$'),
  failure_code text,
  failure_message text,
  refunded_amount integer NOT NULL DEFAULT 0,
  captured_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (provider, provider_ref),
  CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
  CHECK ((method = 'bank_transfer') = (provider = 'bank_transfer')),
  CHECK (status NOT IN ('CAPTURED', 'PARTIALLY_REFUNDED') OR captured_at IS NOT NULL),
  CHECK (status <> 'PARTIALLY_REFUNDED' OR (refunded_amount > 0 AND refunded_amount < amount))
);
CREATE INDEX payments_order_idx ON payments (order_id);
-- Every order is paid once: at most one payment holding the order's money (captured, or
-- captured then partly refunded). The last defence behind the guarded updates of the module.
CREATE UNIQUE INDEX payments_one_capture_per_order ON payments (order_id) WHERE status IN ('CAPTURED', 'PARTIALLY_REFUNDED');

-- One row per call to a provider (charge or refund): the audit trail, and for refunds the
-- reservation that stops two concurrent refunds from giving back more than was paid.
CREATE TABLE payment_attempts (
  id text PRIMARY KEY,
  payment_id text NOT NULL REFERENCES payments(id),
  kind text NOT NULL CHECK (kind IN ('charge', 'refund')),
  amount integer NOT NULL CHECK (amount > 0),
  status text NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
  provider_ref text,
  reason text,
  error_code text,
  error_message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX payment_attempts_payment_idx ON payment_attempts (payment_id);

-- Webhook events as received: the UNIQUE (provider, event_id) makes a redelivered event a no-op.
CREATE TABLE payment_events (
  id text PRIMARY KEY,
  provider text NOT NULL CHECK (provider IN ('test', 'stripe', 'bank_transfer')),
  event_id text NOT NULL,
  type text NOT NULL,
  provider_ref text,
  payment_id text REFERENCES payments(id),
  payload jsonb NOT NULL,
  -- what the event did: captured, failed, refunded, or why it was ignored (out_of_order, unknown_payment…)
  outcome text,
  created_at timestamptz,
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  UNIQUE (provider, event_id)
);
CREATE INDEX payment_events_payment_idx ON payment_events (payment_id);

-- ── the built-in test provider's "remote side" (a simulated PSP, kept in tables so it survives restarts) ──
CREATE TABLE test_provider_payments (
  id text PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  amount integer NOT NULL CHECK (amount > 0),
  currency text NOT NULL,
  status text NOT NULL CHECK (status IN ('succeeded', 'failed', 'pending')),
  -- what a pending payment becomes when it settles
  settles_to text CHECK (settles_to IN ('succeeded', 'failed')),
  decline_code text,
  card_brand text NOT NULL,
  card_last4 text NOT NULL,
  amount_refunded integer NOT NULL DEFAULT 0 CHECK (amount_refunded >= 0 AND amount_refunded <= amount),
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  settled_at timestamptz
);

CREATE TABLE test_provider_refunds (
  id text PRIMARY KEY,
  payment_id text NOT NULL REFERENCES test_provider_payments(id),
  idempotency_key text NOT NULL UNIQUE,
  amount integer NOT NULL CHECK (amount > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Outbound webhooks of the test provider; each is delivered by the durable job payments.deliver-test-webhook.
CREATE TABLE test_provider_webhooks (
  id text PRIMARY KEY,
  event_id text NOT NULL UNIQUE,
  type text NOT NULL,
  payment_ref text NOT NULL REFERENCES test_provider_payments(id),
  -- the exact body that is signed and sent
  body text NOT NULL,
  url text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  last_status integer,
  last_error text,
  delivered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX test_provider_webhooks_payment_idx ON test_provider_webhooks (payment_ref);
