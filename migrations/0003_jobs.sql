-- Lakou 0003: durable background jobs (kernel/jobs.ts).
-- A job is a row; workers claim due rows with FOR UPDATE SKIP LOCKED, so several
-- processes share the queue and a crashed worker's claim lapses after `locked_until`.
CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  -- at most one pending job per key (a recurring sweep, one e-mail per order…)
  unique_key text,
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 8 CHECK (max_attempts >= 1),
  locked_until timestamptz,
  last_error text,
  done_at timestamptz,
  failed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE done_at IS NULL AND failed_at IS NULL;
CREATE UNIQUE INDEX jobs_pending_key_idx ON jobs (unique_key) WHERE done_at IS NULL AND failed_at IS NULL AND unique_key IS NOT NULL;
