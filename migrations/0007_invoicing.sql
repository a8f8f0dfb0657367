-- Lakou 0007: invoicing (module: invoicing). DOMAIN.md §4.2: a unique, gap-free number per
-- series, an invoice that never changes once issued, and the seller's identity as data.

-- The seller printed on invoices (legal name, form, capital, SIREN/RCS, VAT number, address,
-- bank details for transfers). One row per legal entity; the demo operator is seeded.
CREATE TABLE company_profiles (
  id text PRIMARY KEY,
  legal_name text NOT NULL CHECK (legal_name <> ''),
  trade_name text,
  legal_form text NOT NULL CHECK (legal_form <> ''),
  share_capital_cents bigint CHECK (share_capital_cents >= 0),
  siren text NOT NULL CHECK (siren ~ '^[0-9]{9}$'),
  rcs_city text,                                  -- "RCS Pointe-à-Pitre": the registry court
  vat_number text CHECK (vat_number ~ '^[A-Z]{2}[0-9A-Z]{2,13}$'),
  address_line1 text NOT NULL,
  address_line2 text,
  postal_code text NOT NULL,
  city text NOT NULL,
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  territory_code text NOT NULL REFERENCES territories(code),
  email text NOT NULL CHECK (position('@' in email) > 1),
  phone text,
  -- Verification of Payee (Reg. (EU) 2024/886): transfers name the exact account holder.
  bank_account_holder text,
  iban text CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[0-9A-Z]{11,30}$'),
  bic text CHECK (bic ~ '^[A-Z0-9]{8}([A-Z0-9]{3})?$'),
  -- Invoice dates are calendar dates where the seller is (Guadeloupe is UTC-4).
  time_zone text NOT NULL DEFAULT 'America/Guadeloupe',
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((iban IS NULL) = (bank_account_holder IS NULL))
);

-- Gap-free numbering: one counter row per (series, year), incremented with UPDATE … RETURNING in
-- the transaction that inserts the document, so its row lock serialises issuers and a rollback
-- gives the number back. F = invoices, A = credit notes (avoirs).
CREATE TABLE invoice_counters (
  series text NOT NULL CHECK (series IN ('F', 'A')),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  last_value integer NOT NULL DEFAULT 0 CHECK (last_value >= 0),
  PRIMARY KEY (series, year)
);

-- A counter only moves forward and is never removed: going back would reissue a number.
CREATE FUNCTION invoice_counters_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.last_value < OLD.last_value OR NEW.series <> OLD.series OR NEW.year <> OLD.year THEN
    RAISE EXCEPTION 'invoice_counters only move forward (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER invoice_counters_forward_only BEFORE UPDATE OR DELETE ON invoice_counters
  FOR EACH ROW EXECUTE FUNCTION invoice_counters_forward_only();

-- Issued invoices. The draft received from the order flow and the seller profile of the day are
-- kept as an immutable snapshot (what was printed); the columns serve look-ups and reports.
-- No foreign key to orders: an invoice is a legal record that outlives any order row.
CREATE TABLE invoices (
  id text PRIMARY KEY,
  number text NOT NULL UNIQUE CHECK (number ~ '^F-[0-9]{4}-[0-9]{6}$'),
  year integer NOT NULL,
  sequence integer NOT NULL CHECK (sequence >= 1),
  order_id text NOT NULL UNIQUE,
  order_number text NOT NULL,
  buyer_kind text NOT NULL CHECK (buyer_kind IN ('B2C', 'B2B')),
  currency text NOT NULL CHECK (currency = 'EUR'),
  total_net bigint NOT NULL CHECK (total_net >= 0),
  total_vat bigint NOT NULL CHECK (total_vat >= 0),
  total_gross bigint NOT NULL CHECK (total_gross = total_net + total_vat),
  issued_at timestamptz NOT NULL,
  snapshot jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (year, sequence),
  CHECK (number = 'F-' || year::text || '-' || lpad(sequence::text, 6, '0'))
);
CREATE INDEX invoices_issued_idx ON invoices (issued_at);

-- Credit notes (avoirs): negative amounts, always against one invoice.
CREATE TABLE credit_notes (
  id text PRIMARY KEY,
  number text NOT NULL UNIQUE CHECK (number ~ '^A-[0-9]{4}-[0-9]{6}$'),
  year integer NOT NULL,
  sequence integer NOT NULL CHECK (sequence >= 1),
  invoice_id text NOT NULL REFERENCES invoices(id),
  reason text NOT NULL CHECK (reason <> ''),
  total_net bigint NOT NULL CHECK (total_net <= 0),
  total_vat bigint NOT NULL CHECK (total_vat <= 0),
  total_gross bigint NOT NULL CHECK (total_gross < 0 AND total_gross = total_net + total_vat),
  issued_at timestamptz NOT NULL,
  snapshot jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (year, sequence),
  CHECK (number = 'A-' || year::text || '-' || lpad(sequence::text, 6, '0'))
);
CREATE INDEX credit_notes_invoice_idx ON credit_notes (invoice_id);

-- Issued documents are never changed nor removed (CGI: an invoice is corrected by a credit note).
CREATE FUNCTION invoicing_documents_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER invoices_immutable BEFORE UPDATE OR DELETE ON invoices
  FOR EACH ROW EXECUTE FUNCTION invoicing_documents_immutable();
CREATE TRIGGER invoices_no_truncate BEFORE TRUNCATE ON invoices
  FOR EACH STATEMENT EXECUTE FUNCTION invoicing_documents_immutable();
CREATE TRIGGER credit_notes_immutable BEFORE UPDATE OR DELETE ON credit_notes
  FOR EACH ROW EXECUTE FUNCTION invoicing_documents_immutable();
CREATE TRIGGER credit_notes_no_truncate BEFORE TRUNCATE ON credit_notes
  FOR EACH STATEMENT EXECUTE FUNCTION invoicing_documents_immutable();

-- Last defence: the credit notes of an invoice never add up to more than it. The invoice row is
-- locked first, so two concurrent credit notes are checked one after the other.
CREATE FUNCTION credit_notes_within_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  invoiced bigint;
  credited bigint;
BEGIN
  SELECT total_gross INTO invoiced FROM invoices WHERE id = NEW.invoice_id FOR UPDATE;
  SELECT COALESCE(-SUM(total_gross), 0) INTO credited FROM credit_notes WHERE invoice_id = NEW.invoice_id;
  IF invoiced IS NOT NULL AND credited - NEW.total_gross > invoiced THEN
    RAISE EXCEPTION 'credit notes would exceed invoice % (% + % > %)', NEW.invoice_id, credited, -NEW.total_gross, invoiced
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER credit_notes_within_invoice BEFORE INSERT ON credit_notes
  FOR EACH ROW EXECUTE FUNCTION credit_notes_within_invoice();
