-- Lakou 0004: customers (accounts, sessions, password resets, addresses, sign-in throttle)
-- and notifications (e-mail outbox). PostgreSQL 15 syntax; PGlite accepts it too.
-- Secrets are never stored: sessions and reset links keep only the SHA-256 of their token,
-- passwords only their argon2id hash.

-- ── customers ──────────────────────────────────────────────────────────────
CREATE TABLE customers (
  id text PRIMARY KEY,
  -- as typed (trimmed); uniqueness is case-insensitive through the index below
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email LIKE '%_@_%' AND email = btrim(email)),
  password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  first_name text NOT NULL CHECK (length(btrim(first_name)) BETWEEN 1 AND 100),
  last_name text NOT NULL CHECK (length(btrim(last_name)) BETWEEN 1 AND 100),
  locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
  -- declared by the customer (alcohol: proof of majority is checked at checkout and delivery)
  birth_date date CHECK (birth_date IS NULL OR birth_date >= DATE '1900-01-01'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX customers_email_key ON customers (lower(email));

-- One row per signed-in browser. The cookie holds the token, the row its SHA-256 (hex).
CREATE TABLE customer_sessions (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- sliding expiry: pushed back to 30 days at most once a day while the session is used
  expires_at timestamptz NOT NULL,
  CHECK (expires_at > created_at)
);
CREATE INDEX customer_sessions_customer_idx ON customer_sessions (customer_id);
CREATE INDEX customer_sessions_expiry_idx ON customer_sessions (expires_at);

-- Single-use password reset links (1 hour).
CREATE TABLE password_resets (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX password_resets_customer_idx ON password_resets (customer_id, created_at);

-- Country: ISO 3166-1 alpha-2. The French overseas departments are stored as FR with their
-- postal code (971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion, 976 Mayotte), as
-- French invoices and La Poste do; shipping derives the zone from the postal code.
CREATE TABLE customer_addresses (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
  line1 text NOT NULL CHECK (length(btrim(line1)) BETWEEN 1 AND 120),
  line2 text CHECK (line2 IS NULL OR length(line2) <= 120),
  postal_code text NOT NULL CHECK (postal_code ~ '^[A-Z0-9][A-Z0-9 -]{0,9}$'),
  city text NOT NULL CHECK (length(btrim(city)) BETWEEN 1 AND 80),
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$' AND country NOT IN ('GP', 'MQ', 'GF', 'RE', 'YT')),
  phone text CHECK (phone IS NULL OR phone ~ '^\+?[0-9]{6,15}$'),
  is_default boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (country <> 'FR' OR postal_code ~ '^[0-9]{5}$')
);
CREATE INDEX customer_addresses_customer_idx ON customer_addresses (customer_id, created_at);
-- at most one default address per customer
CREATE UNIQUE INDEX customer_addresses_one_default ON customer_addresses (customer_id) WHERE is_default;

-- Sign-in attempts, kept 15 minutes: the throttle counts them per e-mail and per IP in the
-- database, so the limit holds across processes. A successful sign-in deletes the e-mail's rows.
CREATE TABLE sign_in_attempts (
  id bigserial PRIMARY KEY,
  email_key text NOT NULL,
  ip text NOT NULL,
  attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_attempts_email_idx ON sign_in_attempts (email_key, attempted_at);
CREATE INDEX sign_in_attempts_ip_idx ON sign_in_attempts (ip, attempted_at);

-- ── notifications ──────────────────────────────────────────────────────────
-- Every e-mail is first a row here, written in the transaction of the event that wants it;
-- a durable job renders and sends it. Without SMTP it stays KEPT: the local outbox.
CREATE TABLE email_outbox (
  id text PRIMARY KEY,
  -- one e-mail per business event ('order-confirmation:ord_…'): a second queueing is ignored
  dedupe_key text NOT NULL UNIQUE CHECK (length(dedupe_key) BETWEEN 1 AND 200),
  to_address text NOT NULL CHECK (length(to_address) BETWEEN 3 AND 254),
  locale text NOT NULL CHECK (locale IN ('fr', 'en')),
  template text NOT NULL,
  data jsonb NOT NULL,
  status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'SENT', 'KEPT', 'FAILED')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error text,
  -- filled when the job renders it (what was sent, or what the outbox shows)
  subject text,
  text_body text,
  html_body text,
  message_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  CHECK ((status = 'QUEUED') = (processed_at IS NULL))
);
CREATE INDEX email_outbox_status_idx ON email_outbox (status, created_at);
CREATE INDEX email_outbox_to_idx ON email_outbox (lower(to_address), created_at);
