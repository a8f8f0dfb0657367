-- Lakou 0016: the invoices chosen for a draft payment run (payables).
-- A run is prepared (draft: this selection, amounts as proposed), then executed in one
-- transaction that turns each row into a supplier_payments row for the amount then left.
CREATE TABLE payment_run_invoices (
  payment_run_id text NOT NULL REFERENCES payment_runs(id) ON DELETE CASCADE,
  supplier_invoice_id text NOT NULL REFERENCES supplier_invoices(id),
  amount_proposed bigint NOT NULL CHECK (amount_proposed > 0),
  PRIMARY KEY (payment_run_id, supplier_invoice_id)
);
CREATE INDEX payment_run_invoices_invoice_idx ON payment_run_invoices (supplier_invoice_id);
