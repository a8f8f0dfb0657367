-- Lakou 0009: the delegation team (staff accounts, roles, sessions, sign-in lockout, TOTP)
-- and the audit log of staff actions. PostgreSQL 15 syntax; PGlite accepts it too.
-- As for customers, secrets are never stored in clear: sessions keep the SHA-256 of their token,
-- passwords their argon2id hash, TOTP secrets are sealed with AES-256-GCM under APP_SECRET.

CREATE TABLE staff_users (
  id text PRIMARY KEY,
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email LIKE '%_@_%' AND email = btrim(email)),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
  password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  -- sealed TOTP secret; null: no second factor. Pending until the first code is confirmed.
  totp_sealed text,
  totp_enabled boolean NOT NULL DEFAULT false,
  -- last accepted TOTP time step: a code is accepted once (no replay)
  totp_last_step bigint,
  active boolean NOT NULL DEFAULT true,
  -- sign-in lockout: after 5 failures in 15 minutes, refused until this time
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT totp_enabled OR totp_sealed IS NOT NULL)
);
CREATE UNIQUE INDEX staff_users_email_key ON staff_users (lower(email));

-- Roles of a member (the role → actions table lives in the code: modules/staff/permissions.ts).
CREATE TABLE staff_roles (
  staff_id text NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role ~ '^[a-z_]{3,40}$'),
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (staff_id, role)
);

-- Back-office sessions, separate from shoppers': 12 hours at most, 2 hours idle.
-- A session passes the second factor before it may do anything (totp_passed).
CREATE TABLE staff_sessions (
  id text PRIMARY KEY,
  staff_id text NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  totp_passed boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  CHECK (expires_at > created_at)
);
CREATE INDEX staff_sessions_staff_idx ON staff_sessions (staff_id);
CREATE INDEX staff_sessions_expiry_idx ON staff_sessions (expires_at);

-- Failed sign-ins, per e-mail and per IP, kept 15 minutes (counted across processes).
CREATE TABLE staff_sign_in_failures (
  id bigserial PRIMARY KEY,
  email_key text NOT NULL,
  ip text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_sign_in_failures_email_idx ON staff_sign_in_failures (email_key, failed_at);
CREATE INDEX staff_sign_in_failures_ip_idx ON staff_sign_in_failures (ip, failed_at);

-- Who did what, when, on which record, before and after. Append-only.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  -- 'staff' (staff_id set), 'system', 'producer' (later), 'cli'
  actor_kind text NOT NULL,
  actor_id text,
  actor_label text NOT NULL,
  action text NOT NULL CHECK (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  before jsonb,
  after jsonb,
  reason text,
  request_id text
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, id DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, id DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
